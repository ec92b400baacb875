//! `shoal bench world`: ticks of worlds of scripted entities, and
//! snapshots of them.
//!
//! Every entity runs the same behaviour: read its position, find the
//! nearest entity within 8 units (the spatial index), steer toward it (or
//! toward a random point when alone), sleep one tick. The peer is the
//! same loop written as a native bevy system over the same ECS world and
//! spatial index, so the ratio is what scripting the behaviour costs.

use std::rc::Rc;
use std::time::Duration;

use bevy_ecs::prelude::*;
use shoal_engine::game::{
    EntityId, EntityIndex, Position, SpatialIndex, Velocity, WorldRules, rebuild_spatial_index,
    simulation_schedule, spawn_entity, z_order,
};
use shoal_server::{Sim, parse_world};

use super::measure::{Row, Table, thread_cpu_time};

const SCRIPT: &str = r#"
import world

WIDTH, HEIGHT = world.size()


def walker(me):
    while True:
        x, y = world.position()
        other = world.nearest(8.0)
        if other is not None:
            ox, oy = world.position(other)
            world.steer(ox, oy, 2.0)
        else:
            world.steer(world.uniform(0, WIDTH), world.uniform(0, HEIGHT), 2.0)
        world.sleep(1)
"#;

/// The side of a square world where `n` entities have about four
/// neighbours within 8 units.
fn side(n: usize) -> f64 {
    (n as f64 * 50.0).sqrt().round()
}

fn world_text(n: usize) -> String {
    let s = side(n);
    format!(
        r#"World(
    name: "bench",
    size: ({s}.0, {s}.0),
    seed: 1,
    edges: Wrap,
    cell_size: 8.0,
    script_budget: 1000000000,
    kinds: {{ "walker": (behaviour: Some("walker.py:walker"), max_speed: Some(2.0)) }},
    spawns: [ (kind: "walker", count: {n}) ],
)"#
    )
}

fn sources() -> Rc<[(String, String)]> {
    Rc::new([("<bench>/walker.py".to_string(), SCRIPT.to_string())])
}

/// What one world size measured.
struct Sizes {
    ticks: Vec<Duration>,
    native: Vec<Duration>,
    save: Duration,
    bytes: usize,
    load: Duration,
    same_hash: bool,
    /// Observation times and the encoded size.
    observe: (Vec<Duration>, usize),
}

fn percentile(times: &[Duration], p: f64) -> f64 {
    let mut t = times.to_vec();
    t.sort_unstable();
    let rank = ((p / 100.0) * t.len() as f64).ceil() as usize;
    t[rank.clamp(1, t.len()) - 1].as_secs_f64() * 1e3
}

/// Runs the scripted world of `n` entities (on its own thread: one
/// scheduler per thread), then loads its snapshot on another.
fn measure(n: usize, ticks: usize) -> anyhow::Result<Sizes> {
    let text = world_text(n);
    let (ticks_taken, save, snapshot, hash, observe) = std::thread::spawn(move || {
        let def = parse_world("<bench>/walkers.ron", &text).map_err(|e| e.to_string())?;
        let mut sim = Sim::new(def, sources()).map_err(|e| e.to_string())?;
        for _ in 0..3 {
            sim.tick();
        }
        let mut times = Vec::with_capacity(ticks);
        for _ in 0..ticks {
            let t = thread_cpu_time();
            let report = sim.tick();
            times.push(thread_cpu_time() - t);
            if report.failures > 0 {
                return Err(format!("{:?}", sim.take_log()));
            }
        }
        // What an in-process viewer costs the world: one observation
        // (made between ticks, once per UI frame at most).
        let mut timing = shoal_server::observe::TimingLog::default();
        let report = sim.tick();
        timing.record(&report);
        let request = shoal_server::observe::Request::default();
        let mut observations = Vec::new();
        let mut encoded = 0;
        for _ in 0..5 {
            let t = thread_cpu_time();
            let o = shoal_server::observe::observe(&sim, &timing, &request);
            observations.push(thread_cpu_time() - t);
            encoded = postcard::to_stdvec(&o).map_or(0, |b| b.len());
        }
        let t = thread_cpu_time();
        let snapshot = sim.save().map_err(|e| e.to_string())?;
        let save = thread_cpu_time() - t;
        Ok::<_, String>((
            times,
            save,
            snapshot,
            sim.state_hash(),
            (observations, encoded),
        ))
    })
    .join()
    .map_err(|_| anyhow::anyhow!("the world thread panicked"))?
    .map_err(|e| anyhow::anyhow!(e))?;
    let bytes = snapshot.len();
    let (load, loaded_hash) = std::thread::spawn(move || {
        let t = thread_cpu_time();
        let sim = Sim::load("<bench>", &snapshot, sources()).map_err(|e| e.to_string())?;
        let load = thread_cpu_time() - t;
        Ok::<_, String>((load, sim.state_hash()))
    })
    .join()
    .map_err(|_| anyhow::anyhow!("the load thread panicked"))?
    .map_err(|e| anyhow::anyhow!(e))?;
    Ok(Sizes {
        ticks: ticks_taken,
        native: native(n, ticks),
        save,
        bytes,
        load,
        same_hash: hash == loaded_hash,
        observe,
    })
}

/// The peer: the walker loop as a native system over the same ECS world.
fn native(n: usize, ticks: usize) -> Vec<Duration> {
    let s = side(n);
    let rules = WorldRules {
        width: s,
        height: s,
        edges: shoal_engine::game::Edges::Wrap,
        tick_rate: 20,
    };
    let registry = shoal_engine::game::Registry {
        components: Vec::new(),
        kinds: vec![shoal_engine::game::KindDef {
            name: "walker".into(),
            props: Vec::new(),
            max_speed: Some(2.0),
            color: (0, 0, 0),
            behaviour: None,
        }],
    };
    let mut world = shoal_engine::game::new_world(rules, registry, 8.0);
    let mut seed = 1u64;
    let mut rnd = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    // Scattered and then spawned in Z-order, as a world file's spawns are.
    let mut places: Vec<Position> = (0..n)
        .map(|_| Position {
            x: rnd() * s,
            y: rnd() * s,
        })
        .collect();
    places.sort_by_key(|p| (z_order(p.x, p.y, 8.0), p.x.to_bits(), p.y.to_bits()));
    for pos in places {
        spawn_entity(&mut world, None, 0, pos, Velocity::default(), None);
    }
    rebuild_spatial_index(&mut world);
    world.insert_resource(Rng(rnd()));
    let mut behaviours = Schedule::default();
    behaviours.add_systems(walk);
    let mut simulation = simulation_schedule();
    let mut times = Vec::with_capacity(ticks);
    for i in 0..ticks + 3 {
        let t = thread_cpu_time();
        behaviours.run(&mut world);
        simulation.run(&mut world);
        world.clear_trackers();
        if i >= 3 {
            times.push(thread_cpu_time() - t);
        }
    }
    times
}

#[derive(Resource)]
struct Rng(f64);

fn walk(
    index: Res<SpatialIndex>,
    rules: Res<WorldRules>,
    mut rng: ResMut<Rng>,
    ids: Res<EntityIndex>,
    mut q: Query<(&EntityId, &Position, &mut Velocity)>,
    positions: Query<&Position>,
    mut scratch: Local<Vec<(f64, u64)>>,
) {
    for (id, p, mut v) in &mut q {
        index.query(p.x, p.y, 8.0, None, Some(id.0), &mut scratch);
        // Look the nearest one up by id, as a script does.
        let other = scratch
            .first()
            .and_then(|(_, o)| ids.get(*o))
            .and_then(|e| positions.get(e).ok());
        let target = match other {
            Some(o) => (o.x, o.y),
            None => {
                rng.0 = (rng.0 * 9301.0 + 49297.0) % 233280.0;
                let r = rng.0 / 233280.0;
                (r * rules.width, (1.0 - r) * rules.height)
            }
        };
        let (dx, dy) = (target.0 - p.x, target.1 - p.y);
        let d = dx.hypot(dy).max(1e-9);
        *v = Velocity {
            x: dx / d * 2.0,
            y: dy / d * 2.0,
        };
    }
}

/// Runs the suite.
pub fn bench(quick: bool) -> anyhow::Result<Table> {
    let sizes: &[usize] = if quick {
        &[1_000, 5_000]
    } else {
        &[10_000, 100_000]
    };
    let ticks = if quick { 5 } else { 30 };
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for &n in sizes {
        let m = measure(n, ticks)?;
        let target = match n {
            10_000 => "<= 5 ms",
            100_000 => "<= 50 ms",
            _ => "",
        };
        rows.push(Row {
            scenario: format!("{n} scripted entities, tick median"),
            shoal: percentile(&m.ticks, 50.0),
            peer: Some((
                "same loop, native bevy system".into(),
                percentile(&m.native, 50.0),
            )),
            unit: "ms",
            target: target.into(),
        });
        rows.push(Row {
            scenario: format!("{n} scripted entities, tick p99"),
            shoal: percentile(&m.ticks, 99.0),
            peer: Some((
                "same loop, native bevy system".into(),
                percentile(&m.native, 99.0),
            )),
            unit: "ms",
            target: String::new(),
        });
        rows.push(Row {
            scenario: format!("{n} entities, viewer observation"),
            shoal: percentile(&m.observe.0, 50.0),
            peer: Some(("one tick".into(), percentile(&m.ticks, 50.0))),
            unit: "ms",
            target: String::new(),
        });
        notes.push(format!(
            "{n} entities: an observation (what the viewer shows) is {:.1} MB encoded for a connected viewer",
            m.observe.1 as f64 / 1e6
        ));
        rows.push(Row {
            scenario: format!("{n} entities, snapshot write"),
            shoal: m.save.as_secs_f64() * 1e3,
            peer: None,
            unit: "ms",
            target: if n == 100_000 {
                "<= 1000 ms".into()
            } else {
                String::new()
            },
        });
        rows.push(Row {
            scenario: format!("{n} entities, snapshot load"),
            shoal: m.load.as_secs_f64() * 1e3,
            peer: None,
            unit: "ms",
            target: if n == 100_000 {
                "<= 1000 ms".into()
            } else {
                String::new()
            },
        });
        notes.push(format!(
            "{n} entities: snapshot {:.1} MB, {} bytes per entity; loaded state hash {}",
            m.bytes as f64 / 1e6,
            m.bytes / n,
            if m.same_hash { "matches" } else { "DIFFERS" }
        ));
    }
    notes.push(format!(
        "tick times are CPU time of the world's thread over {ticks} ticks; ratio = native / scripted"
    ));
    Ok(Table {
        title: "shoal bench world: entities with script behaviours".into(),
        rows,
        notes,
    })
}
