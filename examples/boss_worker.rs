//! A boss hands jobs to N workers over one channel and collects the
//! results over another.
//!
//! Each job asks for the length of the Collatz sequence of a number; the
//! boss prints which number under the limit has the longest one.
//!
//! Usage: `cargo run --example boss_worker -- [WORKERS] [JOBS]`
//! (defaults: 8 workers, 10,000 jobs).

use anyhow::Context;
use shoal_engine::{Channel, Scheduler, TaskletResult, current, run, spawn_named};

fn collatz_len(mut n: u64) -> u64 {
    let mut steps = 1;
    while n != 1 {
        n = if n.is_multiple_of(2) {
            n / 2
        } else {
            3 * n + 1
        };
        steps += 1;
    }
    steps
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let workers: usize = match args.next() {
        Some(a) => a.parse().context("WORKERS must be a number")?,
        None => 8,
    };
    let jobs: u64 = match args.next() {
        Some(a) => a.parse().context("JOBS must be a number")?,
        None => 10_000,
    };
    anyhow::ensure!(workers >= 1, "at least one worker");

    let _scheduler = Scheduler::new();
    // `None` tells a worker there is no more work.
    let work: Channel<Option<u64>> = Channel::named("jobs");
    let results: Channel<(usize, u64, u64)> = Channel::named("results");

    for w in 0..workers {
        let work = work.clone();
        let results = results.clone();
        spawn_named(&format!("worker-{w}"), move || -> TaskletResult<()> {
            while let Some(n) = work.receive()? {
                results.send((w, n, collatz_len(n)))?;
            }
            Ok(())
        })?;
    }

    let boss_work = work.clone();
    let boss_results = results.clone();
    spawn_named("boss", move || -> TaskletResult<()> {
        let name = current().name().unwrap_or_default();
        // Hand out the jobs from a helper so the boss can collect at once.
        let feeder = boss_work.clone();
        spawn_named("feeder", move || {
            feeder.send_sequence((1..=jobs).map(Some))?;
            feeder.send_sequence((0..workers).map(|_| None))?;
            Ok(())
        })?;
        let mut per_worker = vec![0u64; workers];
        let mut best = (0, 0);
        for _ in 0..jobs {
            let (w, n, len) = boss_results.receive()?;
            per_worker[w] += 1;
            if len > best.1 || (len == best.1 && n < best.0) {
                best = (n, len);
            }
        }
        println!("{name}: {jobs} jobs done by {workers} workers");
        println!(
            "longest Collatz sequence below {}: {} ({} steps)",
            jobs + 1,
            best.0,
            best.1
        );
        println!("jobs per worker: {per_worker:?}");
        Ok(())
    })?;
    run()?;
    Ok(())
}
