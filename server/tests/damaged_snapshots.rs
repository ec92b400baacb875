//! Damaged game-world snapshots never panic the server: real snapshots
//! of a world whose behaviours are suspended deep in calls (a generator's
//! loop inside an `except` clause, closures, instances, messages waiting
//! in inboxes, sleepers), damaged in their entities, their world file's
//! text and, mostly, the script heap and frames they nest, either fail to
//! load with an error or load and run ticks (each under the world's
//! instruction budget).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;
use std::sync::OnceLock;

use proptest::prelude::*;
use shoal_server::default_world::{default_world, embedded_sources};
use shoal_server::{Sim, parse_world};

#[path = "../../scripting/tests/damage/mod.rs"]
mod damage;
use damage::{Damage, damage_strategy, damaged_keeping, rng_span};

const WORLD: &str = r#"World(
    name: "talkers",
    size: (100.0, 100.0),
    seed: 7,
    components: { "energy": 1.0, "hits": 0 },
    kinds: {
        "talker": (behaviour: Some("b.py:talker"), components: { "hits": 0 }),
        "listener": (behaviour: Some("b.py:listener"), components: { "energy": 1.0 }),
    },
    spawns: [
        (kind: "talker", at: Some((10.0, 10.0))),
        (kind: "talker", at: Some((20.0, 10.0))),
        (kind: "listener", at: Some((15.0, 15.0))),
        (kind: "listener", at: Some((80.0, 80.0))),
    ],
)"#;

const SCRIPT: &str = r#"
import world


class Memory:
    def __init__(self):
        self.seen = []

    def note(self, x):
        self.seen.append(x)
        if len(self.seen) > 4:
            self.seen.pop(0)


def pulses(n):
    for i in range(n):
        yield i * 2


def counter():
    c = 0

    def bump():
        nonlocal c
        c += 1
        return c

    return bump


def talker(me):
    mem = Memory()
    bump = counter()
    while True:
        try:
            for p in pulses(3):
                world.sleep(1)
                other = world.nearest(90.0, "listener")
                if other is not None:
                    world.post(other, ("hi", me, p, bump()))
            raise KeyError(bump())
        except KeyError as e:
            mem.note(str(e))
            world.set("hits", world.get("hits") + 1)
        world.sleep(1)


def handle(msg, depth, mem):
    if depth > 0:
        return handle(msg, depth - 1, mem) + 1
    try:
        raise ValueError(msg[0])
    except ValueError as e:
        for k in pulses(2):
            nxt = world.receive()
            mem.note((k, str(e), nxt[2]))
    return depth


def listener(me):
    mem = Memory()
    while True:
        first = world.receive()
        handle(first, 3, mem)
        world.set("energy", len(mem.seen) * 0.5)
"#;

fn sources() -> Rc<[(String, String)]> {
    Rc::new([("<t>/b.py".to_string(), SCRIPT.to_string())])
}

fn new_sim() -> Sim {
    let def = parse_world("<t>/w.ron", WORLD).expect("the world parses");
    Sim::new(def, sources()).expect("the world starts")
}

/// Snapshots of the talkers' world after each of its first ticks, and of
/// the default world after a few.
fn snapshots() -> &'static (Vec<String>, Vec<String>) {
    static SNAPSHOTS: OnceLock<(Vec<String>, Vec<String>)> = OnceLock::new();
    SNAPSHOTS.get_or_init(|| {
        let talkers = std::thread::spawn(|| {
            let mut sim = new_sim();
            let mut saved = Vec::new();
            for _ in 0..14 {
                sim.tick();
                saved.push(sim.save().expect("the world saves"));
            }
            let log = sim.take_log();
            assert!(
                log.iter().all(|l| !l.contains("Error")),
                "the behaviours run without errors:\n{}",
                log.join("\n")
            );
            saved
        })
        .join()
        .expect("the talkers' world");
        let default = std::thread::spawn(|| {
            let mut sim = Sim::new(default_world().unwrap(), embedded_sources()).unwrap();
            let mut saved = Vec::new();
            for t in 0..6 {
                sim.tick();
                if t % 2 == 1 {
                    saved.push(sim.save().expect("the world saves"));
                }
            }
            saved
        })
        .join()
        .expect("the default world");
        (talkers, default)
    })
}

/// Where damage falls.
#[derive(Debug, Clone, Copy)]
enum Part {
    /// Anywhere but the world file's text.
    NotWorldFile,
    /// The script part only.
    Scripts,
    /// Anywhere, the world file's text too.
    Anywhere,
}

/// `text` damaged in `part`; the random generator's state is left alone.
fn damage_snapshot(text: &str, damage: &[Damage], part: Part) -> String {
    let mut keep: Vec<(usize, usize)> = rng_span(text).into_iter().collect();
    if let (Part::NotWorldFile | Part::Scripts, Some(start)) = (part, text.find("world_text:\"")) {
        let b = text.as_bytes();
        let mut i = start + "world_text:\"".len();
        while i < b.len() && b[i] != b'"' {
            if b[i] == b'\\' {
                i += 1;
            }
            i += 1;
        }
        keep.push((start, (i + 1).min(text.len())));
    }
    if let (Part::Scripts, Some(at)) = (part, text.find("scripts:")) {
        let head_end = at + "scripts:".len();
        // The head (and everything kept in it) is one kept span.
        keep.retain(|(s, _)| *s >= head_end);
        keep.push((0, head_end));
    }
    damaged_keeping(text, damage, &keep)
}

/// Loads `text` and runs a few ticks on a thread of its own; a panic
/// fails the test with the damaged input.
fn load_and_tick(text: String, embedded: fn() -> Rc<[(String, String)]>, damage: &[Damage]) {
    let input = text.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let result = catch_unwind(AssertUnwindSafe(|| {
            match Sim::load("snap.ron", &text, embedded()) {
                Err(e) => format!("refused: {e}"),
                Ok(mut sim) => {
                    for _ in 0..4 {
                        sim.tick();
                    }
                    let _ = sim.state_hash();
                    "ran".to_string()
                }
            }
        }))
        .map_err(|p| {
            p.downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default()
        });
        let _ = tx.send(result);
    });
    // A load or four ticks take milliseconds; one that does not end is a
    // hang, reported with its input (it was seen once under load).
    let result = match rx.recv_timeout(std::time::Duration::from_secs(120)) {
        Ok(r) => r,
        Err(_) => panic!(
            "a damaged snapshot did not load and tick within 120 s\ndamage: {damage:?}\ndamaged input:\n{input}"
        ),
    };
    if std::env::var("SHOW").is_ok()
        && let Ok(r) = &result
    {
        eprintln!("outcome: {}", r.chars().take(90).collect::<String>());
    }
    if let Err(message) = result {
        panic!(
            "a damaged snapshot panicked: {message}\ndamage: {damage:?}\ndamaged input:\n{input}"
        );
    }
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("DAMAGED_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(150),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn damaged_world_snapshots_fail_or_run(
        pick in any::<usize>(),
        part in prop_oneof![Just(Part::NotWorldFile), Just(Part::Scripts), Just(Part::Anywhere)],
        damage in damage_strategy(),
    ) {
        let (talkers, _) = snapshots();
        let text = damage_snapshot(&talkers[pick % talkers.len()], &damage, part);
        load_and_tick(text, sources, &damage);
    }

    #[test]
    fn damaged_default_world_snapshots_fail_or_run(
        pick in any::<usize>(),
        damage in damage_strategy(),
    ) {
        let (_, default) = snapshots();
        let text = damage_snapshot(&default[pick % default.len()], &damage, Part::Scripts);
        load_and_tick(text, embedded_sources, &damage);
    }
}

/// The snapshots load as they are (the checks refuse nothing real).
#[test]
fn undamaged_world_snapshots_load() {
    let (talkers, default) = snapshots();
    for (texts, embedded) in [
        (talkers, sources as fn() -> Rc<[(String, String)]>),
        (default, embedded_sources),
    ] {
        for text in texts {
            let text = text.clone();
            let r = std::thread::spawn(move || {
                Sim::load("snap.ron", &text, embedded())
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            })
            .join()
            .unwrap();
            assert_eq!(r, Ok(()));
        }
    }
}

/// A damaged frame in the nested script heap is refused with what is
/// wrong, named.
#[test]
fn a_damaged_frame_is_refused_by_name() {
    let (talkers, _) = snapshots();
    let text = &talkers[5];
    let at = text.find("ip:").expect("a frame");
    let end = at + text[at..].find(',').unwrap();
    let tampered = format!("{}ip:900{}", &text[..at], &text[end..]);
    let err = std::thread::spawn(move || {
        Sim::load("snap.ron", &tampered, sources())
            .err()
            .expect("refused")
            .to_string()
    })
    .join()
    .unwrap();
    assert!(
        err.contains("instruction pointer 900 is outside code"),
        "{err}"
    );
}
