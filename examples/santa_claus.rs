//! The Santa Claus problem (J. A. Trono, 1994) with native tasklets and
//! the engine's select and join; `examples/santa_claus.py` is the same
//! program as a script.
//!
//! Santa sleeps until either all nine reindeer are back from their
//! holidays (then he delivers toys) or three of the ten elves need help
//! (then he consults with them); when both are waiting, the reindeer go
//! first. Each reindeer and elf has a channel of its own; two gatekeepers
//! wait with joins (all nine reindeer channels; any three of the ten elf
//! channels) and hand Santa the group; Santa selects between them, looking
//! at the reindeer first. The run prints a trace and checks the
//! invariants, exiting with status 1 if one is broken.
//!
//! Usage: `cargo run --release --example santa_claus -- [SEED] [CHRISTMASES]`
//! (defaults: seed 1, 3 christmases).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use anyhow::Context;
use shoal_engine::{
    Channel, Join, Joined, Scheduler, Select, Selected, TaskletResult, run, schedule,
    set_select_seed, spawn,
};

const REINDEER: usize = 9;
const ELVES: usize = 10;
const GROUP: usize = 3;

/// A small xorshift generator for the holiday and work times.
#[derive(Clone)]
struct Rng(Rc<Cell<u64>>);

impl Rng {
    fn between(&self, lo: u64, hi: u64) -> u64 {
        let mut x = self.0.get();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0.set(x);
        lo + x % (hi - lo + 1)
    }

    /// Lets the others run for a random number of turns.
    fn pause(&self, lo: u64, hi: u64) -> TaskletResult<()> {
        for _ in 0..self.between(lo, hi) {
            schedule()?;
        }
        Ok(())
    }
}

/// What the gatekeepers hand Santa: the members of a group.
type Group = Vec<usize>;

/// One worker (reindeer or elf): away for a while, then reports on its
/// channel and waits for Santa's answer, forever.
fn worker(
    rng: &Rng,
    me: usize,
    report: Channel<usize>,
    answer: Channel<usize>,
    away: (u64, u64),
) -> TaskletResult<()> {
    loop {
        rng.pause(away.0, away.1)?;
        report.send(me)?;
        answer.receive()?;
    }
}

/// Waits with a join for `need` of `chans` and hands the group to Santa.
fn gatekeeper(chans: Vec<Channel<usize>>, need: usize, santa: Channel<Group>) -> TaskletResult<()> {
    loop {
        if let Joined::Values(group) = Join::new(&chans).need(need).wait()? {
            santa.send(group.into_iter().map(|(_, who)| who).collect())?;
        }
    }
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let seed: u64 = match args.next() {
        Some(a) => a.parse().context("SEED must be a number")?,
        None => 1,
    };
    let christmases: usize = match args.next() {
        Some(a) => a.parse().context("CHRISTMASES must be a number")?,
        None => 3,
    };
    let _scheduler = Scheduler::new();
    set_select_seed(seed)?;
    let rng = Rng(Rc::new(Cell::new(
        seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1,
    )));
    let chans = |n: usize| {
        (0..n)
            .map(|_| Channel::new())
            .collect::<Vec<Channel<usize>>>()
    };
    let (back, released, stuck, helped) =
        (chans(REINDEER), chans(REINDEER), chans(ELVES), chans(ELVES));
    let (herd, queue) = (Channel::<Group>::new(), Channel::<Group>::new());

    let mut workers = Vec::new();
    for i in 0..REINDEER {
        let (rng, report, answer) = (rng.clone(), back[i].clone(), released[i].clone());
        workers.push(spawn(move || worker(&rng, i, report, answer, (5, 40)))?);
    }
    for i in 0..ELVES {
        let (rng, report, answer) = (rng.clone(), stuck[i].clone(), helped[i].clone());
        workers.push(spawn(move || worker(&rng, i, report, answer, (1, 25)))?);
    }
    let (b, h) = (back.clone(), herd.clone());
    workers.push(spawn(move || gatekeeper(b, REINDEER, h))?);
    let (s, q) = (stuck.clone(), queue.clone());
    workers.push(spawn(move || gatekeeper(s, GROUP, q))?);

    let errors: Rc<RefCell<Vec<String>>> = Rc::default();
    let errs = errors.clone();
    let santa = spawn(move || {
        let (mut delivered, mut consultations) = (0, 0);
        while delivered < christmases {
            // The reindeer first: take them if they are all back...
            let mut got = Select::new().receive(&herd).or_default().wait()?;
            if got == Selected::Default {
                // ...otherwise sleep until either group is ready.
                got = Select::new().receive(&herd).receive(&queue).wait()?;
            }
            match got {
                Selected::Received(0, group) => {
                    delivered += 1;
                    println!(
                        "Santa: all {} reindeer are back, delivering toys (christmas {delivered})",
                        group.len()
                    );
                    let mut sorted = group.clone();
                    sorted.sort_unstable();
                    if sorted != (0..REINDEER).collect::<Vec<_>>() {
                        errs.borrow_mut()
                            .push(format!("a sleigh without every reindeer: {group:?}"));
                    }
                    for i in group {
                        released[i].send(i)?;
                    }
                }
                Selected::Received(_, mut group) => {
                    if herd.balance() > 0 {
                        errs.borrow_mut()
                            .push("elves were helped while the reindeer waited".into());
                    }
                    if group.len() > GROUP {
                        errs.borrow_mut()
                            .push(format!("{} elves with Santa", group.len()));
                    }
                    consultations += 1;
                    group.sort_unstable();
                    let names: Vec<String> = group.iter().map(usize::to_string).collect();
                    println!("Santa: helping elves {}", names.join(", "));
                    for i in group {
                        helped[i].send(i)?;
                    }
                }
                other => errs
                    .borrow_mut()
                    .push(format!("Santa's select gave {other:?}")),
            }
        }
        println!("Santa: {delivered} christmases, {consultations} consultations");
        Ok(())
    })?;
    while santa.alive() {
        run()?;
    }
    for t in workers {
        t.kill(false)?;
    }
    let errors = errors.borrow();
    if !errors.is_empty() {
        for e in errors.iter() {
            println!("INVARIANT BROKEN: {e}");
        }
        std::process::exit(1);
    }
    println!(
        "invariants held: every sleigh had all {REINDEER} reindeer, at most {GROUP} elves with Santa, reindeer first"
    );
    Ok(())
}
