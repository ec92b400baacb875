//! The hackysack game, Stackless's classic stress test: N tasklets stand in
//! a circle, each with its own channel; whoever holds the sack kicks it to
//! a random other player, until the sack has been kicked K times. Then
//! main tells every player to go home.
//!
//! Usage: `cargo run --release --example hackysack -- [PLAYERS] [KICKS]`
//! (defaults: 10,000 players, 1,000,000 kicks).

use std::cell::Cell;
use std::rc::Rc;
use std::time::Instant;

use anyhow::Context;
use shoal_engine::{Channel, Scheduler, TaskletResult, run, spawn, stats};

enum Sack {
    /// The sack, with the number of kicks still to go.
    Kick(u64),
    /// Go home.
    Exit,
}

/// A small xorshift generator: the game needs speed, not quality.
struct Rng(Cell<u64>);

impl Rng {
    fn below(&self, n: usize) -> usize {
        let mut x = self.0.get();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0.set(x);
        (x % n as u64) as usize
    }
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let players: usize = match args.next() {
        Some(a) => a.parse().context("PLAYERS must be a number")?,
        None => 10_000,
    };
    let kicks: u64 = match args.next() {
        Some(a) => a.parse().context("KICKS must be a number")?,
        None => 1_000_000,
    };
    anyhow::ensure!(players >= 2, "the game needs at least 2 players");

    let _scheduler = Scheduler::new();
    let circle: Rc<Vec<Channel<Sack>>> = Rc::new((0..players).map(|_| Channel::new()).collect());
    let done: Channel<u64> = Channel::named("done");
    let rng = Rc::new(Rng(Cell::new(0x9E37_79B9_7F4A_7C15)));

    let start = Instant::now();
    for me in 0..players {
        let circle = circle.clone();
        let done = done.clone();
        let rng = rng.clone();
        spawn(move || -> TaskletResult<()> {
            loop {
                match circle[me].receive()? {
                    Sack::Exit => return Ok(()),
                    Sack::Kick(0) => done.send(me as u64)?,
                    Sack::Kick(left) => {
                        let mut to = rng.below(circle.len());
                        while to == me {
                            to = rng.below(circle.len());
                        }
                        circle[to].send(Sack::Kick(left - 1))?;
                    }
                }
            }
        })?;
    }
    let spawned = start.elapsed();
    let peak = stats();

    circle[0].send(Sack::Kick(kicks))?;
    let last = done.receive()?;
    let played = start.elapsed() - spawned;
    for ch in circle.iter() {
        ch.send(Sack::Exit)?;
    }
    run()?;

    println!(
        "hackysack: {players} tasklets ({} stacks mapped), {kicks} kicks; player {last} kicked last",
        peak.stacks_mapped
    );
    println!(
        "spawned in {:.1} ms, played in {:.1} ms ({:.0} ns per kick)",
        spawned.as_secs_f64() * 1e3,
        played.as_secs_f64() * 1e3,
        played.as_nanos() as f64 / kicks.max(1) as f64
    );
    Ok(())
}
