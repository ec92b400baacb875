//! Sleeping: wall-clock durations and ticks.

mod common;

use std::time::{Duration, Instant};

use common::Log;
use shoal_engine::{
    Scheduler, Tasklet, advance_tick, run, runcount, sleep, sleep_ticks, spawn_named, stats, tick,
};

fn wall_sleeper(log: &Log, name: &'static str, ms: u64) -> Tasklet {
    let log = log.clone();
    spawn_named(name, move || {
        log.push(format!("{name}:sleep"));
        sleep(Duration::from_millis(ms))?;
        log.push(format!("{name}:woke"));
        Ok(())
    })
    .unwrap()
}

fn tick_sleeper(log: &Log, name: &'static str, ticks: u64) -> Tasklet {
    let log = log.clone();
    spawn_named(name, move || {
        sleep_ticks(ticks)?;
        log.push(format!("{name}:woke at {}", tick()));
        Ok(())
    })
    .unwrap()
}

#[test]
fn sleep_wakes_in_deadline_order() {
    let _s = Scheduler::new();
    let log = Log::new();
    let start = Instant::now();
    wall_sleeper(&log, "t1", 60);
    wall_sleeper(&log, "t2", 20);
    wall_sleeper(&log, "t3", 40);
    run().unwrap();
    assert!(start.elapsed() >= Duration::from_millis(60));
    assert_eq!(
        log.get(),
        [
            "t1:sleep", "t2:sleep", "t3:sleep", "t2:woke", "t3:woke", "t1:woke"
        ]
    );
    assert_eq!(runcount(), 1);
}

#[test]
fn other_tasklets_run_while_one_sleeps() {
    let _s = Scheduler::new();
    let log = Log::new();
    wall_sleeper(&log, "sleeper", 20);
    let inner = log.clone();
    spawn_named("worker", move || {
        inner.push("worker");
        Ok(())
    })
    .unwrap();
    run().unwrap();
    assert_eq!(log.get(), ["sleeper:sleep", "worker", "sleeper:woke"]);
}

#[test]
fn sleeping_tasklet_is_not_runnable() {
    let _s = Scheduler::new();
    let log = Log::new();
    let t = tick_sleeper(&log, "t", 1);
    run().unwrap();
    assert!(t.alive());
    assert!(t.paused());
    assert!(!t.scheduled());
    assert!(!t.blocked());
    assert_eq!(runcount(), 1);
    assert_eq!(stats().sleeping, 1);
    advance_tick();
    run().unwrap();
    assert_eq!(stats().sleeping, 0);
}

#[test]
fn sleep_ticks_wake_in_order_with_advance_tick() {
    let _s = Scheduler::new();
    let log = Log::new();
    tick_sleeper(&log, "t1", 2);
    tick_sleeper(&log, "t2", 1);
    tick_sleeper(&log, "t3", 1);
    run().unwrap();
    assert!(log.get().is_empty());
    assert_eq!(tick(), 0);
    assert_eq!(advance_tick(), 2);
    assert_eq!(tick(), 1);
    run().unwrap();
    assert_eq!(log.get(), ["t2:woke at 1", "t3:woke at 1"]);
    assert_eq!(advance_tick(), 1);
    run().unwrap();
    assert_eq!(log.get(), ["t2:woke at 1", "t3:woke at 1", "t1:woke at 2"]);
    assert_eq!(advance_tick(), 0);
}

#[test]
fn sleep_zero_ticks_returns_at_once() {
    let _s = Scheduler::new();
    sleep_ticks(0).unwrap();
    assert_eq!(tick(), 0);
    assert_eq!(runcount(), 1);
}

#[test]
fn killed_sleeper_is_not_woken() {
    let _s = Scheduler::new();
    let log = Log::new();
    let t = tick_sleeper(&log, "t", 1);
    let u = tick_sleeper(&log, "u", 1);
    run().unwrap();
    t.kill(false).unwrap();
    assert!(!t.alive());
    assert_eq!(advance_tick(), 1);
    run().unwrap();
    assert_eq!(log.get(), ["u:woke at 1"]);
    assert!(!u.alive());
}

#[test]
fn insert_wakes_a_sleeper_early() {
    let _s = Scheduler::new();
    let log = Log::new();
    let t = tick_sleeper(&log, "t", 10);
    run().unwrap();
    t.insert().unwrap();
    run().unwrap();
    assert_eq!(log.get(), ["t:woke at 0"]);
    assert_eq!(stats().sleeping, 0);
}

#[test]
fn main_sleeps_alone() {
    let _s = Scheduler::new();
    let start = Instant::now();
    sleep(Duration::from_millis(15)).unwrap();
    assert!(start.elapsed() >= Duration::from_millis(15));
    assert_eq!(runcount(), 1);
}

#[test]
fn a_waking_sleeper_can_send_to_blocked_main() {
    let _s = Scheduler::new();
    let ch: shoal_engine::Channel<i64> = shoal_engine::Channel::new();
    let tx = ch.clone();
    spawn_named("late", move || {
        sleep(Duration::from_millis(15))?;
        tx.send(99)
    })
    .unwrap();
    // Main blocks; nothing is runnable but the sleeper: the thread waits.
    assert_eq!(ch.receive().unwrap(), 99);
}

#[test]
fn killed_wall_sleeper_does_not_keep_run_waiting() {
    let _s = Scheduler::new();
    let log = Log::new();
    // An hour: if run() waited for the killed sleeper, this test would
    // hang rather than pass slowly. No wall-clock bound is asserted.
    let t = wall_sleeper(&log, "t", 3600 * 1000);
    // Let t go to sleep while main stays in the ring.
    shoal_engine::schedule().unwrap();
    assert_eq!(log.get(), ["t:sleep"]);
    assert_eq!(stats().sleeping, 1);
    t.kill(false).unwrap();
    // The kill took t off the timers: run() idles only while this count
    // is positive, so it has nothing to wait for.
    assert!(!t.alive());
    assert_eq!(stats().sleeping, 0);
    run().unwrap();
    assert_eq!(log.get(), ["t:sleep"]);
    assert_eq!(stats().sleeping, 0);
}
