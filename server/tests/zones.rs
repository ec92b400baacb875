//! Zones without NATS: an entity packed in one world and unpacked in
//! another goes on where it stopped; ghosts are read-only, left out of
//! populations and snapshots, and shown to the viewer; bad `zones`
//! entries are refused with their place in the file.

use std::rc::Rc;

use shoal_server::cluster::ghosts::{GhostState, apply_ghosts};
use shoal_server::cluster::mail::EntityMail;
use shoal_server::cluster::parcel::Parcel;
use shoal_server::{Sim, parse_world};

const WORLD: &str = r#"World(
    name: "zones",
    size: (100.0, 50.0),
    seed: 3,
    components: { "steps": 0, "broken": 0, "got": 0 },
    kinds: {
        "walker": (behaviour: Some("z.py:walker"), components: { "steps": 0, "broken": 0, "got": 0 }),
    },
    spawns: [ (kind: "walker", count: 1, at: Some((20.0, 20.0))) ],
    zones: Some((grid: Some((2, 1)))),
)"#;

const SCRIPT: &str = r#"
import world

def walker(me):
    steps = 0
    got = []
    while True:
        if world.get("steps") != steps:
            world.set("broken", 1)
        steps += 1
        world.set("steps", steps)
        for m in world.messages():
            got.append(m)
        world.set("got", len(got))
        if steps == 3:
            # Mid-function state that must travel: a sleep of 5 ticks.
            world.sleep(5)
        else:
            world.sleep(1)
"#;

fn sim() -> Sim {
    let def = parse_world("<z>/w.ron", WORLD).expect("the world parses");
    let sources: Rc<[(String, String)]> = Rc::new([("<z>/z.py".to_string(), SCRIPT.to_string())]);
    Sim::new(def, sources).expect("the world starts")
}

fn prop(sim: &Sim, id: u64, name: &str) -> i64 {
    let ecs = sim.ecs().borrow();
    let e = shoal_engine::game::live_entity(&ecs, id).expect("the entity lives");
    let slot = sim.def().registry.component(name).expect("a component");
    match ecs
        .get::<shoal_engine::game::Props>(e)
        .and_then(|p| p.get(slot))
    {
        Some(shoal_engine::game::PropValue::Int(i)) => *i,
        other => panic!("{name} = {other:?}"),
    }
}

#[test]
fn a_packed_entity_resumes_mid_sleep_in_another_world() {
    // Each world has its own scheduler: one thread each.
    let parcel: Parcel = std::thread::spawn(|| {
        let mut a = sim();
        for _ in 0..4 {
            a.tick();
        }
        // Steps 1, 2, 3, then the 5-tick sleep began at tick 3.
        assert_eq!(prop(&a, 0, "steps"), 3);
        a.post(0, &shoal_scripting::host::HostValue::Str("hello".into()))
            .expect("a post");
        let e = a
            .pack_entity(0, EntityMail::default())
            .expect_err("a post is on its way");
        assert!(e.contains("posts on their way"), "{e}");
        // The post lands in its mailbox at tick 5.
        a.tick();
        assert_eq!(prop(&a, 0, "steps"), 3);
        let parcel = a.pack_entity(0, EntityMail::default()).expect("it packs");
        assert_eq!(parcel.sleep_left, Some(3));
        a.drop_entity_quietly(0);
        assert_eq!(a.entities(), 0);
        for _ in 0..3 {
            a.tick();
        }
        assert!(a.take_log().iter().all(|l| !l.contains("raised")));
        parcel
    })
    .join()
    .expect("world a");
    std::thread::spawn(move || {
        let mut b = sim();
        // World b's own copy of entity 0 goes: the parcel replaces it.
        b.drop_entity_quietly(0);
        b.unpack_entity(&parcel).expect("it unpacks");
        assert_eq!(prop(&b, 0, "steps"), 3);
        // Still asleep for the rest of its five ticks.
        for _ in 0..2 {
            b.tick();
        }
        assert_eq!(prop(&b, 0, "steps"), 3, "woke early");
        // Its third tick here is the fifth since it fell asleep.
        b.tick();
        assert_eq!(prop(&b, 0, "steps"), 4, "did not wake");
        b.tick();
        assert_eq!(prop(&b, 0, "steps"), 5, "does not go on");
        assert_eq!(prop(&b, 0, "broken"), 0, "its locals did not travel");
        assert_eq!(prop(&b, 0, "got"), 1, "its mailbox did not travel");
        assert!(
            b.take_log().iter().all(|l| !l.contains("raised")),
            "{:?}",
            b.take_log()
        );
    })
    .join()
    .expect("world b");
}

#[test]
fn ghosts_are_read_only_and_not_counted_or_saved() {
    std::thread::spawn(|| {
        let mut s = sim();
        let props = {
            let ecs = s.ecs().borrow();
            let e = shoal_engine::game::live_entity(&ecs, 0).expect("entity 0");
            ecs.get::<shoal_engine::game::Props>(e).cloned().expect("props")
        };
        apply_ghosts(
            &mut s.ecs().borrow_mut(),
            1,
            &[GhostState {
                id: 7,
                kind: 0,
                pos: (52.0, 20.0),
                vel: (0.0, 0.0),
                props,
            }],
        );
        assert_eq!(s.entities(), 1, "a ghost counts in its own zone only");
        s.tick();
        let snippet = "import world\ntry:\n    world.set('steps', 5, 7)\nexcept RuntimeError as e:\n    print('refused:', e)\n";
        let (module, _) = s
            .vm()
            .borrow_mut()
            .start_snippet(snippet, &["world"])
            .expect("a snippet");
        s.tick();
        let out = s.vm().borrow().snippet_result(&module).unwrap_or_default();
        let log = s.take_log().join("\n");
        assert!(
            log.contains("refused: entity 7 belongs to another zone"),
            "{log}\n{out}"
        );
        let saved = s.save().expect("a snapshot");
        assert!(
            !saved.contains("id:7,") && !saved.contains("id: 7,"),
            "a ghost was saved"
        );
        assert!(saved.contains("id:0,") || saved.contains("id: 0,"));
        let o = shoal_server::observe::observe(
            &s,
            &Default::default(),
            &shoal_server::observe::Request::default(),
        );
        assert_eq!(o.zones.len(), 2);
        let ghost = o.entities.iter().find(|e| e.id == 7).expect("the ghost is shown");
        assert_eq!(ghost.activity, shoal_server::observe::Activity::Ghost);
        // Gone when its zone stops sending it.
        apply_ghosts(&mut s.ecs().borrow_mut(), 1, &[]);
        assert!(s.position(7).is_none());
    })
    .join()
    .expect("the world");
}

#[test]
fn bad_zones_are_refused_with_a_place() {
    let bad = WORLD.replace("grid: Some((2, 1))", "grid: Some((0, 1))");
    let e = parse_world("<z>/w.ron", &bad)
        .expect_err("refused")
        .to_string();
    assert!(e.contains("zones") && e.contains(":10:"), "{e}");
    let nan = WORLD.replace(
        "grid: Some((2, 1))",
        "regions: { \"a\": (0.0, 0.0, NaN, 1.0) }",
    );
    let e = parse_world("<z>/w.ron", &nan)
        .expect_err("refused")
        .to_string();
    assert!(e.contains("x0 < x1"), "{e}");
}
