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

/// A world whose creatures want about ten times the tick's script budget.
const OVERLOAD: &str = r#"World(
    name: "overload",
    size: (200.0, 200.0),
    seed: 1,
    edges: Wrap,
    cell_size: 8.0,
    script_budget: 50000,
    kinds: {
        "busy": (behaviour: Some("load.py:busy")),
        "player": (behaviour: Some("load.py:player")),
    },
    spawns: [ (kind: "busy", count: 400) ],
)"#;

const LOAD: &str = r#"
import world


def busy(me):
    while True:
        x = 0
        for i in range(300):
            x += i
        world.sleep(1)


def player(me):
    while True:
        message = world.receive()
        x, y = world.position()
        world.set_position(x + message[1], y + message[2])
"#;

/// How many ticks an input posted to an avatar waits before it moves,
/// with the host's tasklets at `level`.
fn input_wait(level: i32) -> u32 {
    let def = shoal_server::parse_world("<test>/overload.ron", OVERLOAD).expect("world");
    let sources: std::rc::Rc<[(String, String)]> =
        std::rc::Rc::new([("<test>/load.py".to_string(), LOAD.to_string())]);
    let mut sim = Sim::new(def, sources).expect("sim");
    sim.set_host_priority(level);
    let id = sim.spawn("player", 50.0, 50.0).expect("spawned");
    for _ in 0..10 {
        let report = sim.tick();
        assert!(report.budget_spent, "the world is overloaded");
    }
    sim.post(id, &mv(1.0, 0.0)).expect("posted");
    for waited in 1..=100 {
        sim.tick();
        if sim.position(id) == Some((51.0, 50.0)) {
            return waited;
        }
    }
    panic!("the input was never served");
}

#[test]
fn under_load_a_players_input_is_served_in_the_next_tick_only_with_a_priority() {
    assert_eq!(input_wait(1), 1);
    // In one round robin with the creatures' backlog it waits its turn.
    assert!(input_wait(0) > 3, "{}", input_wait(0));
}
