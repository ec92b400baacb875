//! `shoal bench priority`: players' latency in an overloaded world, with
//! and without a priority level for the players' tasklets.
//!
//! The world holds busy creatures whose behaviours together want several
//! times the tick's script budget, so every tick leaves most of them
//! runnable for the next. Twenty avatars (spawned as the server spawns
//! players') wait for inputs; each round posts a move to every avatar and
//! counts the ticks until each has moved. With the host's priority at 1
//! (the server's default), the inputs and the avatars run first in the
//! next tick; at 0 (everyone in one round robin) they queue behind the
//! creatures' backlog.

use std::rc::Rc;

use shoal_scripting::host::HostValue;
use shoal_server::{Sim, parse_world};

use super::measure::{Row, Table};

const SCRIPT: &str = r#"
import world


def busy(me):
    while True:
        x = 0
        for i in range(300):
            x += i
        world.sleep(1)


def avatar(me):
    while True:
        message = world.receive()
        if message[0] == "move":
            x, y = world.position()
            world.set_position(x + message[1], y)
"#;

const AVATARS: usize = 20;
/// Ticks run after each round's inputs (an input not served by then
/// counts this many).
const ROUND_TICKS: u64 = 40;

fn world_text(creatures: usize, budget: u64) -> String {
    format!(
        r#"World(
    name: "overload",
    size: (400.0, 400.0),
    seed: 1,
    edges: Wrap,
    cell_size: 8.0,
    script_budget: {budget},
    kinds: {{
        "busy": (behaviour: Some("load.py:busy")),
        "avatar": (behaviour: Some("load.py:avatar")),
    }},
    spawns: [ (kind: "busy", count: {creatures}) ],
)"#
    )
}

/// The ticks each input waited, over `rounds` rounds, with the host's
/// tasklets at `level`; and the mean tick time in milliseconds.
fn latencies(
    creatures: usize,
    budget: u64,
    rounds: usize,
    level: i32,
) -> anyhow::Result<(Vec<u64>, f64)> {
    let def = parse_world("<bench>/overload.ron", &world_text(creatures, budget))
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let sources: Rc<[(String, String)]> =
        Rc::new([("<bench>/load.py".to_string(), SCRIPT.to_string())]);
    let mut sim = Sim::new(def, sources).map_err(|e| anyhow::anyhow!("{e}"))?;
    sim.set_host_priority(level);
    let avatars: Vec<u64> = (0..AVATARS)
        .map(|i| sim.spawn("avatar", 10.0 + i as f64 * 10.0, 200.0))
        .collect::<Result<_, _>>()
        .map_err(|e| anyhow::anyhow!(e))?;
    // Reach the steady overload: a backlog of runnable creatures.
    for _ in 0..20 {
        sim.tick();
    }
    let mut waits = Vec::new();
    let mut tick_ms = Vec::new();
    for _ in 0..rounds {
        let before: Vec<f64> = avatars
            .iter()
            .map(|a| sim.position(*a).map_or(0.0, |p| p.0))
            .collect();
        let step = HostValue::Tuple(vec![HostValue::Str("move".into()), HostValue::Float(1.0)]);
        for a in &avatars {
            sim.post(*a, &step).map_err(|e| anyhow::anyhow!(e))?;
        }
        // The same number of ticks every round, so that both runs time
        // the same mix of ticks.
        let mut pending: Vec<usize> = (0..avatars.len()).collect();
        for ticks in 1..=ROUND_TICKS {
            let report = sim.tick();
            tick_ms.push(report.work.as_secs_f64() * 1e3);
            pending.retain(|&i| {
                let moved = sim.position(avatars[i]).is_some_and(|p| p.0 != before[i]);
                if moved {
                    waits.push(ticks);
                }
                !moved
            });
        }
        waits.extend(pending.iter().map(|_| ROUND_TICKS));
    }
    let mean_tick = tick_ms.iter().sum::<f64>() / tick_ms.len().max(1) as f64;
    Ok((waits, mean_tick))
}

fn mean(v: &[u64]) -> f64 {
    v.iter().sum::<u64>() as f64 / v.len().max(1) as f64
}

fn percentile(v: &[u64], p: f64) -> f64 {
    let mut s = v.to_vec();
    s.sort_unstable();
    if s.is_empty() {
        return 0.0;
    }
    s[((s.len() - 1) as f64 * p).round() as usize] as f64
}

pub fn bench(quick: bool) -> anyhow::Result<Table> {
    let (creatures, budget, rounds) = if quick {
        (300, 60_000, 3)
    } else {
        (4_000, 1_000_000, 20)
    };
    let (with, tick_with) = latencies(creatures, budget, rounds, 1)?;
    let (without, tick_without) = latencies(creatures, budget, rounds, 0)?;
    Ok(Table {
        title: format!(
            "shoal bench priority{} (ratio = without / with: above 1, the priority helps)",
            if quick { " --quick" } else { "" }
        ),
        rows: vec![
            Row {
                scenario: "player input to avatar moved, mean".into(),
                shoal: mean(&with),
                peer: Some(("same, players at level 0".into(), mean(&without))),
                unit: "ticks",
                target: "1 tick with the priority".into(),
            },
            Row {
                scenario: "  95th percentile".into(),
                shoal: percentile(&with, 0.95),
                peer: Some((
                    "same, players at level 0".into(),
                    percentile(&without, 0.95),
                )),
                unit: "ticks",
                target: String::new(),
            },
            Row {
                scenario: "  worst".into(),
                shoal: percentile(&with, 1.0),
                peer: Some(("same, players at level 0".into(), percentile(&without, 1.0))),
                unit: "ticks",
                target: String::new(),
            },
            Row {
                scenario: "tick time (work, not the tick period)".into(),
                shoal: tick_with,
                peer: Some(("same, players at level 0".into(), tick_without)),
                unit: "ms",
                target: String::new(),
            },
        ],
        notes: vec![
            format!(
                "{creatures} busy creatures want about {}x the tick's script budget of {budget} \
                 instructions; {AVATARS} avatars, {rounds} rounds of one input each",
                (creatures as u64 * 1_500) / budget.max(1)
            ),
            "at the server's tick rate a tick of latency is one tick period (50 ms at 20 Hz)"
                .into(),
        ],
    })
}
