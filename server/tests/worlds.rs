//! Running worlds: behaviours and the `world` module, the tick's phases,
//! failures and their policy, preemption, snapshots and determinism.

use std::rc::Rc;

use shoal_server::default_world::{default_world, embedded_sources};
use shoal_server::{Sim, parse_world};

/// A world of `kinds` (RON) whose behaviours live in one script, `b.py`.
fn world(extra: &str, kinds: &str, spawns: &str, script: &str) -> Result<Sim, String> {
    let text = format!(
        r#"World(
    name: "test",
    size: (100.0, 100.0),
    seed: 5,
    components: {{ "energy": 1.0, "hits": 0 }},
    {extra}
    kinds: {{ {kinds} }},
    spawns: [ {spawns} ],
)"#
    );
    let def = parse_world("<t>/w.ron", &text).map_err(|e| e.to_string())?;
    let sources: Rc<[(String, String)]> = Rc::new([("<t>/b.py".to_string(), script.to_string())]);
    Sim::new(def, sources).map_err(|e| e.to_string())
}

/// Runs `ticks` ticks and returns the log.
fn run(sim: &mut Sim, ticks: u64) -> Vec<String> {
    let mut log = Vec::new();
    for _ in 0..ticks {
        sim.tick();
        log.extend(sim.take_log());
    }
    log
}

#[test]
fn behaviours_read_and_write_their_components_and_sleep_in_ticks() {
    let script = r#"
import world

def walker(me):
    world.log("start", me, world.kind(), world.position())
    world.set_velocity(20.0, 0.0)
    world.set("energy", 2.5)
    while True:
        world.sleep(2)
        x, y = world.position()
        world.log("tick", world.tick(), round(x, 3), world.get("energy"))
"#;
    let mut sim = world(
        "",
        r#""walker": (behaviour: Some("b.py:walker"), components: { "energy": 0.5 })"#,
        r#"(kind: "walker", at: Some((10.0, 20.0)))"#,
        script,
    )
    .unwrap();
    let log = run(&mut sim, 5);
    assert_eq!(
        log,
        vec![
            "[tick 1] walker 0: start 0 walker (10.0, 20.0)",
            // Moved by the simulation phase of ticks 1 and 2: 20 units/s,
            // 1/20 s a tick.
            "[tick 3] walker 0: tick 3 12.0 2.5",
            "[tick 5] walker 0: tick 5 14.0 2.5",
        ]
    );
}

#[test]
fn neighbours_spawn_despawn_and_messages() {
    let script = r#"
import world

def hub(me):
    world.sleep(1)
    near = world.neighbours(15.0)
    world.log("neighbours", near, "sheep within 15:", world.count(15.0, "sheep"))
    world.log("nearest sheep", world.nearest(100.0, "sheep"))
    while True:
        msg = world.receive()
        world.log("got", msg)
        if msg == "bye":
            child = world.spawn("sheep", 50.0, 50.0, energy=9.0)
            world.log("spawned", child, world.get("energy", child), world.population("sheep"))
            world.despawn(child)
            world.log("alive after despawn:", world.alive(child), world.population("sheep"))

def sheep(me):
    world.sleep(2)
    try:
        hub = world.nearest(100.0, "hub")
        world.post(hub, ("hello from", me))
        world.sleep(1)
        world.post(hub, "bye")
        world.sleep(100)
    finally:
        world.log("sheep", me, "ends")
"#;
    let mut sim = world(
        "",
        r#""hub": (behaviour: Some("b.py:hub")), "sheep": (behaviour: Some("b.py:sheep"), components: { "energy": 1.0 })"#,
        r#"(kind: "hub", at: Some((50.0, 50.0))), (kind: "sheep", at: Some((55.0, 50.0))), (kind: "sheep", at: Some((50.0, 60.0))), (kind: "sheep", at: Some((90.0, 90.0)))"#,
        script,
    )
    .unwrap();
    let log = run(&mut sim, 5);
    assert_eq!(
        log,
        vec![
            "[tick 2] hub 0: neighbours [1, 2] sheep within 15: 2",
            "[tick 2] hub 0: nearest sheep 1",
            "[tick 3] hub 0: got ('hello from', 1)",
            "[tick 3] hub 0: got ('hello from', 2)",
            "[tick 3] hub 0: got ('hello from', 3)",
            "[tick 4] hub 0: got bye",
            "[tick 4] hub 0: spawned 4 9.0 4",
            // The child's behaviour is killed before it ever ran.
            "[tick 4] hub 0: alive after despawn: False 3",
            "[tick 4] hub 0: got bye",
            "[tick 4] hub 0: spawned 5 9.0 4",
            "[tick 4] hub 0: alive after despawn: False 3",
            "[tick 4] hub 0: got bye",
            "[tick 4] hub 0: spawned 6 9.0 4",
            "[tick 4] hub 0: alive after despawn: False 3",
        ]
    );
    assert_eq!(sim.entities(), 4);
}

#[test]
fn a_behaviour_that_raises_is_logged_and_restarted() {
    let script = r#"
import world

def fragile(me):
    world.log("starting")
    world.sleep(1)
    return 1 / 0
"#;
    let mut sim = world(
        "",
        r#""f": (behaviour: Some("b.py:fragile"))"#,
        r#"(kind: "f")"#,
        script,
    )
    .unwrap();
    let log = run(&mut sim, 4).join("\n");
    assert!(
        log.contains(
            "[tick 2] f 0: behaviour raised:\nTraceback (most recent call last):\n  File \"<t>/b.py\", line 7, in fragile\n    return 1 / 0\nZeroDivisionError: division by zero"
        ),
        "{log}"
    );
    // Restarted: it starts again on the next tick, and fails again.
    assert!(log.contains("[tick 3] f 0: starting"), "{log}");
    assert!(
        log.contains("[tick 4] f 0: behaviour raised ZeroDivisionError: division by zero (the same error 2 times so far)"),
        "{log}"
    );
    assert_eq!(sim.entities(), 1);
}

#[test]
fn the_despawn_policy_removes_the_entity_and_its_inbox() {
    let script = r#"
import world

def fragile(me):
    world.inbox()
    world.sleep(1)
    world.get("no such component")

def watch(me):
    world.sleep(3)
    try:
        world.post(0, "still there?")
    except LookupError as e:
        world.log(e)
"#;
    let mut sim = world(
        "on_error: Despawn,",
        r#""f": (behaviour: Some("b.py:fragile")), "watch": (behaviour: Some("b.py:watch")), "rock": ()"#,
        r#"(kind: "f", count: 3), (kind: "watch"), (kind: "rock")"#,
        script,
    )
    .unwrap();
    let log = run(&mut sim, 4).join("\n");
    assert!(
        log.contains(
            "LookupError: no component named 'no such component' (components: energy, hits)"
        ),
        "{log}"
    );
    assert!(
        log.contains("[tick 4] watch 3: entity 0 does not exist"),
        "{log}"
    );
    assert_eq!(sim.entities(), 2);
}

#[test]
fn despawning_an_entity_whose_behaviour_ended_is_safe() {
    let script = r#"
import world

def quitter(me):
    return

def killer(me):
    world.sleep(2)
    junk = [[i] for i in range(200)]
    world.sleep(1)
    if world.alive(0):
        world.despawn(0)
    world.log("despawned", world.alive(0), world.count(1e300), world.neighbours(1e300))
"#;
    let mut sim = world(
        "edges: Wrap,",
        r#""quitter": (behaviour: Some("b.py:quitter")), "killer": (behaviour: Some("b.py:killer"))"#,
        r#"(kind: "quitter"), (kind: "killer"), (kind: "killer", at: Some((99.0, 99.0)))"#,
        script,
    )
    .unwrap();
    // Collect often, so the ended behaviour's tasklet object is freed.
    sim.vm().borrow_mut().gc_threshold = 16;
    assert_eq!(
        run(&mut sim, 4),
        vec![
            "[tick 4] killer 1: despawned False 1 [2]",
            "[tick 4] killer 2: despawned False 1 [1]",
        ]
    );
}

#[test]
fn scripts_with_one_file_name_in_two_folders_are_refused() {
    let text = r#"World(
    name: "t",
    size: (10.0, 10.0),
    kinds: { "a": (behaviour: Some("x/brain.py:f")), "b": (behaviour: Some("y/brain.py:g")) },
)"#;
    let def = parse_world("<t>/w.ron", text).unwrap();
    let err = std::thread::spawn(move || Sim::new(def, Rc::new([])).err().unwrap().to_string())
        .join()
        .unwrap();
    assert_eq!(
        err,
        "<t>/w.ron:4:36: scripts x/brain.py and y/brain.py would both be module 'brain': rename one"
    );
}

#[test]
fn a_runaway_behaviour_is_preempted_and_others_keep_running() {
    let script = r#"
import world

def spin(me):
    n = 0
    while True:
        n += 1

def clock(me):
    while True:
        world.log("tick", world.tick())
        world.sleep(1)
"#;
    let mut sim = world(
        "script_budget: 20000,",
        r#""spin": (behaviour: Some("b.py:spin")), "clock": (behaviour: Some("b.py:clock"))"#,
        r#"(kind: "spin"), (kind: "clock")"#,
        script,
    )
    .unwrap();
    let mut log = Vec::new();
    for _ in 0..4 {
        let report = sim.tick();
        assert!(report.budget_spent);
        assert!(report.instructions >= 20_000 && report.instructions < 20_100);
        log.extend(sim.take_log());
    }
    // The runaway gets a slice of each tick's budget, then goes to the
    // back of the queue: the clock runs every tick.
    assert_eq!(
        log,
        vec![
            "[tick 1] clock 1: tick 1",
            "[tick 2] clock 1: tick 2",
            "[tick 2] entity 0: its behaviour ran out the tick's script budget two ticks \
             running (a loop that never sleeps?); it gets a slice of each tick and the others \
             still run",
            "[tick 3] clock 1: tick 3",
            "[tick 4] clock 1: tick 4",
        ]
    );
}

#[test]
fn a_runaway_inside_a_key_function_and_a_crash_cost_only_their_behaviours() {
    let script = r#"
import world

def spin(me):
    def key(x):
        while True:
            pass
    sorted([2, 1], key=key)

def crash(me):
    world.sleep(1)
    raise ValueError("boom")

def counter(me):
    n = 0
    while True:
        n += 1
        world.log("count", n)
        world.sleep(1)
"#;
    let spawns = std::iter::once(r#"(kind: "spin"), (kind: "crash")"#.to_string())
        .chain((0..20).map(|_| r#"(kind: "counter")"#.to_string()))
        .collect::<Vec<_>>()
        .join(", ");
    let mut sim = world(
        "script_budget: 50000,",
        r#""spin": (behaviour: Some("b.py:spin")), "crash": (behaviour: Some("b.py:crash")),
           "counter": (behaviour: Some("b.py:counter"))"#,
        &spawns,
        script,
    )
    .unwrap();
    let mut log = Vec::new();
    for tick in 1..=6u64 {
        let report = sim.tick();
        assert!(
            report.budget_spent,
            "tick {tick}: the runaway is still running"
        );
        assert!(
            report.instructions <= 50_100,
            "tick {tick}: {}",
            report.instructions
        );
        let lines = sim.take_log();
        // Every counter counted this tick, whatever the runaway does.
        for entity in 2..22 {
            let line = format!("[tick {tick}] counter {entity}: count {tick}");
            assert!(
                lines.contains(&line),
                "tick {tick}: no '{line}' in {lines:#?}"
            );
        }
        log.extend(lines);
    }
    let log = log.join("\n");
    assert!(log.contains("crash 1: behaviour raised"), "{log}");
    assert!(log.contains("ValueError: boom"), "{log}");
    assert!(
        log.contains("entity 0: its behaviour ran out the tick's script budget"),
        "{log}"
    );
    assert_eq!(sim.entities(), 22);
}

#[test]
fn errors_in_scripts_and_references_name_file_line_and_column() {
    let bad_syntax = world(
        "",
        r#""a": (behaviour: Some("b.py:go"))"#,
        "",
        "import world\n\ndef go(me):\n    x = (1,\n",
    )
    .err()
    .unwrap();
    assert!(
        bad_syntax.starts_with("<t>/b.py:4:9: SyntaxError: "),
        "{bad_syntax}"
    );
    let missing = world(
        "",
        r#""a": (behaviour: Some("b.py:goo"))"#,
        "",
        "def go(me):\n    pass\n",
    )
    .err()
    .unwrap();
    assert_eq!(
        missing,
        "<t>/w.ron:7:36: kind 'a': <t>/b.py has no function 'goo'; did you mean 'go'?"
    );
    let no_file = world("", r#""a": (behaviour: Some("c.py:go"))"#, "", "")
        .err()
        .unwrap();
    assert!(
        no_file.starts_with("<t>/w.ron:7:36: kind 'a': cannot read <t>/c.py:"),
        "{no_file}"
    );
}

#[test]
fn the_world_module_checks_its_arguments() {
    let script = r#"
import world

def probe(me):
    for call in [
        lambda: world.position("x"),
        lambda: world.set_velocity(float("nan"), 0),
        lambda: world.spawn("shep", 1, 1),
        lambda: world.set("energy", "lots"),
        lambda: world.position(999),
        lambda: world.sleep(-1),
    ]:
        try:
            call()
        except Exception as e:
            world.log(type(e).__name__, e)
"#;
    let mut sim = world(
        "",
        r#""sheep": (behaviour: Some("b.py:probe"), components: { "energy": 1.0 })"#,
        r#"(kind: "sheep")"#,
        script,
    )
    .unwrap();
    assert_eq!(
        run(&mut sim, 1),
        vec![
            "[tick 1] sheep 0: TypeError an entity is named by its id (a non-negative int), not str",
            "[tick 1] sheep 0: ValueError vx must be finite, not NaN",
            "[tick 1] sheep 0: ValueError no kind named 'shep'; did you mean 'sheep'?",
            "[tick 1] sheep 0: TypeError component 'energy' holds Float values, not str",
            "[tick 1] sheep 0: LookupError entity 999 does not exist",
            "[tick 1] sheep 0: ValueError sleep() takes a number of ticks (an int >= 0), not int",
        ]
    );
}

/// The state hash after each of `ticks` ticks of the default world.
fn default_hashes(ticks: u64) -> Vec<u64> {
    std::thread::spawn(move || {
        let mut sim = Sim::new(default_world().unwrap(), embedded_sources()).unwrap();
        (0..ticks)
            .map(|_| {
                sim.tick();
                sim.state_hash()
            })
            .collect()
    })
    .join()
    .unwrap()
}

#[test]
fn the_default_world_is_deterministic_and_resumes_from_a_snapshot() {
    let straight = default_hashes(24);
    assert_eq!(straight, default_hashes(24), "same seed, same hashes");
    // Hashes change as the world lives.
    assert!(straight.windows(2).all(|w| w[0] != w[1]));
    // Saved at tick 12 and loaded on another thread (a fresh scheduler
    // and VM): the same hashes from there on.
    let text = std::thread::spawn(|| {
        let mut sim = Sim::new(default_world().unwrap(), embedded_sources()).unwrap();
        for _ in 0..12 {
            sim.tick();
        }
        sim.save().unwrap()
    })
    .join()
    .unwrap();
    let resumed = std::thread::spawn(move || {
        let mut sim = Sim::load("snapshot", &text, embedded_sources()).unwrap();
        let mut hashes = vec![sim.state_hash()];
        for _ in 0..12 {
            sim.tick();
            hashes.push(sim.state_hash());
        }
        hashes
    })
    .join()
    .unwrap();
    assert_eq!(resumed, straight[11..].to_vec());
}

#[test]
fn damaged_snapshots_are_refused_clearly() {
    std::thread::spawn(|| {
        let err = Sim::load("snap.ron", "WorldSnapshot(format: 2,", embedded_sources())
            .err()
            .unwrap()
            .to_string();
        assert_eq!(err, "snap.ron:1:24: Unexpected end of RON");
        let err = Sim::load(
            "snap.ron",
            r#"WorldSnapshot(format: 99, world_path: "", world_text: "", tick: 0, dilation: 1.0, next_id: 0, entities: [], scripts: "")"#,
            embedded_sources(),
        )
        .err()
        .unwrap()
        .to_string();
        assert_eq!(
            err,
            "snapshot format 99 is not supported (this build reads format 2)"
        );
    })
    .join()
    .unwrap();
    // A real snapshot whose entity table was tampered with.
    let text = std::thread::spawn(|| {
        let mut sim = Sim::new(default_world().unwrap(), embedded_sources()).unwrap();
        sim.tick();
        sim.save().unwrap()
    })
    .join()
    .unwrap();
    let at = text.find("next_id:").unwrap();
    let end = at + text[at..].find(',').unwrap();
    let tampered = format!("{}next_id:3{}", &text[..at], &text[end..]);
    let err = std::thread::spawn(move || {
        Sim::load("snap.ron", &tampered, embedded_sources())
            .err()
            .unwrap()
            .to_string()
    })
    .join()
    .unwrap();
    assert_eq!(
        err,
        "the snapshot is damaged: entity 3 is not below next_id 3"
    );
}

#[test]
fn a_behaviour_that_fills_memory_gets_memory_error_and_the_others_go_on() {
    let script = r#"
import world

def hog(me):
    hoard = []
    while True:
        hoard.append("x" * 100000)

def counter(me):
    n = 0
    while True:
        n += 1
        world.log("count", n)
        world.sleep(1)
"#;
    let mut sim = world(
        "max_heap: 8388608, on_error: Despawn,",
        r#""hog": (behaviour: Some("b.py:hog")), "counter": (behaviour: Some("b.py:counter"))"#,
        r#"(kind: "hog"), (kind: "counter"), (kind: "counter")"#,
        script,
    )
    .unwrap();
    let log = run(&mut sim, 5).join("\n");
    assert!(
        log.contains("hog 0: behaviour raised")
            && log.contains("MemoryError: the script heap is over its limit of 8 MiB"),
        "{log}"
    );
    for tick in 1..=5 {
        for entity in 1..=2 {
            let line = format!("[tick {tick}] counter {entity}: count {tick}");
            assert!(log.contains(&line), "no '{line}' in {log}");
        }
    }
    assert_eq!(sim.entities(), 2, "the hog is despawned, the counters live");
}

#[test]
fn a_max_heap_too_small_is_refused_with_its_place() {
    let err = world("max_heap: 1000,", r#""c": (behaviour: None)"#, "", "")
        .err()
        .expect("refused");
    assert!(err.contains("max_heap must be at least 1 MiB"), "{err}");
    assert!(err.contains("w.ron:"), "{err}");
}

#[test]
fn behaviours_are_sandboxed_and_see_simulated_time() {
    let script = r#"
import world, time, random

def probe(me):
    world.log("time", time.time(), time.monotonic(), time.perf_counter())
    for name, f in (("sleep", lambda: time.sleep(0.01)), ("seed", lambda: random.seed()),
                    ("open", lambda: open("/etc/hostname"))):
        try:
            f()
            world.log(name, "allowed")
        except Exception as e:
            world.log(name, type(e).__name__, e)
    random.seed(3)
    world.sleep(2)
    world.log("later", time.time())
"#;
    let mut sim = world(
        "",
        r#""p": (behaviour: Some("b.py:probe"))"#,
        r#"(kind: "p")"#,
        script,
    )
    .unwrap();
    let log = run(&mut sim, 4);
    assert_eq!(
        log,
        vec![
            "[tick 1] p 0: time 0.05 0.05 0.05",
            "[tick 1] p 0: sleep RuntimeError time.sleep() would stop the whole world: use world.sleep(ticks) in a behaviour",
            "[tick 1] p 0: seed ValueError random.seed() without a seed reads the clock, and a world must replay the same: pass a seed",
            "[tick 1] p 0: open NameError name 'open' is not defined",
            "[tick 3] p 0: later 0.15",
        ]
    );
}

/// The tasklet id, runs and held flag of the (only) behaviour.
fn counter_state(sim: &Sim) -> (u64, u64, bool) {
    let vm = sim.vm().borrow();
    let (_, obj) = vm.owned_tasklets()[0];
    let t = vm.tasklet_handle(obj).unwrap();
    drop(vm);
    let info = shoal_engine::tasklets()
        .into_iter()
        .find(|i| i.id == t.id())
        .unwrap();
    (t.id(), info.runs, sim.held().contains(&t.id()))
}

#[test]
fn a_held_behaviour_does_not_run_until_released_and_snapshots_do_not_keep_holds() {
    let script = r#"
import world

def counter(me):
    while True:
        world.set("hits", world.get("hits") + 1)
        world.sleep(1)
"#;
    let sources_script = script;
    let text = std::thread::spawn(move || {
        let mut sim = world(
            "",
            r#""c": (behaviour: Some("b.py:counter"), components: { "hits": 0 })"#,
            r#"(kind: "c", count: 1)"#,
            sources_script,
        )
        .unwrap();
        run(&mut sim, 3);
        let (id, runs, _) = counter_state(&sim);
        assert!(sim.hold(id).is_ok());
        assert!(sim.hold(0).is_err(), "main is never held");
        assert!(sim.hold(9_999).is_err());
        run(&mut sim, 5);
        let (_, held_runs, held) = counter_state(&sim);
        assert!(held);
        assert_eq!(held_runs, runs, "a held behaviour does not run");
        // Saved while held: the snapshot has it runnable.
        let text = sim.save().unwrap();
        assert!(sim.release(id));
        assert!(!sim.release(id), "released already");
        run(&mut sim, 2);
        assert!(counter_state(&sim).1 > runs, "it runs again");
        text
    })
    .join()
    .unwrap();
    std::thread::spawn(move || {
        let sources: Rc<[(String, String)]> =
            Rc::new([("<t>/b.py".to_string(), script.to_string())]);
        let mut sim = Sim::load("snapshot", &text, sources).unwrap();
        let (_, before, held) = counter_state(&sim);
        assert!(!held);
        run(&mut sim, 2);
        assert!(counter_state(&sim).1 > before, "the loaded behaviour runs");
    })
    .join()
    .unwrap();
}
