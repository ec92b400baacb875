//! The host's hands in a world: spawning a player's avatar, posting its
//! client's inputs to its behaviour, and removing it.

use shoal_scripting::host::HostValue;
use shoal_server::Sim;
use shoal_server::default_world::{default_world, embedded_sources};

fn mv(dx: f64, dy: f64) -> HostValue {
    HostValue::Tuple(vec![
        HostValue::Str("move".into()),
        HostValue::Float(dx),
        HostValue::Float(dy),
    ])
}

#[test]
fn an_avatar_walks_where_its_inputs_say_and_leaves() {
    let mut sim = Sim::new(default_world().expect("world"), embedded_sources()).expect("sim");
    let id = sim.spawn("player", 100.0, 100.0).expect("spawned");
    sim.tick();
    assert_eq!(sim.position(id), Some((100.0, 100.0)));
    sim.post(id, &mv(3.0, -2.0)).expect("posted");
    sim.tick();
    assert_eq!(sim.position(id), Some((103.0, 98.0)));
    // A step beyond the behaviour's limit is clamped by the script.
    sim.post(id, &mv(50.0, 0.0)).expect("posted");
    sim.post(id, &mv(0.0, 1.0)).expect("posted");
    sim.tick();
    sim.tick();
    assert_eq!(sim.position(id), Some((107.0, 99.0)));
    let mut near = Vec::new();
    sim.entities_near(107.0, 99.0, 1.0, &mut near);
    assert!(near.iter().any(|e| e.0 == id), "{near:?}");
    sim.post(id, &HostValue::Tuple(vec![HostValue::Str("leave".into())]))
        .expect("posted");
    sim.tick();
    sim.tick();
    assert_eq!(sim.position(id), None, "the behaviour despawned itself");
    assert!(
        sim.post(id, &mv(1.0, 1.0)).is_err(),
        "no posting to the gone"
    );
    assert!(!sim.despawn(id));
}

#[test]
fn the_host_can_remove_an_avatar_and_unknown_kinds_are_refused() {
    let mut sim = Sim::new(default_world().expect("world"), embedded_sources()).expect("sim");
    assert!(sim.spawn("dragon", 1.0, 1.0).is_err());
    let id = sim.spawn("player", 10.0, 10.0).expect("spawned");
    sim.tick();
    assert!(sim.despawn(id));
    sim.tick();
    assert_eq!(sim.position(id), None);
    let log = sim.take_log().join("\n");
    assert!(!log.contains("raised"), "{log}");
}
