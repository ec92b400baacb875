//! Priority levels: higher levels run first, Stackless's round robin
//! within a level, levels changed at any time; a busy higher level starves
//! the lower ones until it blocks (strict priority).

mod common;

use common::Log;
use shoal_engine::{
    Channel, Scheduler, Tasklet, TaskletResult, current, run, schedule, spawn, tasklets,
};

/// A tasklet that logs `name0`, `name1`, ... scheduling after each.
fn looper(log: &Log, name: &'static str, rounds: u32) -> TaskletResult<Tasklet> {
    let log = log.clone();
    spawn(move || {
        for i in 0..rounds {
            log.push(format!("{name}{i}"));
            schedule()?;
        }
        Ok(())
    })
}

#[test]
fn one_level_keeps_stackless_order() {
    let _s = Scheduler::new();
    let log = Log::new();
    looper(&log, "a", 2).unwrap();
    looper(&log, "b", 2).unwrap();
    run().unwrap();
    assert_eq!(log.get(), ["a0", "b0", "a1", "b1"]);
}

#[test]
fn a_higher_level_runs_first_and_round_robin_holds_within_levels() {
    let _s = Scheduler::new();
    let log = Log::new();
    looper(&log, "a", 2).unwrap();
    looper(&log, "b", 2).unwrap();
    looper(&log, "h", 2).unwrap().set_priority(1);
    looper(&log, "k", 2).unwrap().set_priority(1);
    run().unwrap();
    assert_eq!(log.get(), ["h0", "k0", "h1", "k1", "a0", "b0", "a1", "b1"]);
}

#[test]
fn schedule_in_the_only_high_tasklet_keeps_it_running() {
    let _s = Scheduler::new();
    let log = Log::new();
    looper(&log, "a", 1).unwrap();
    let h = looper(&log, "h", 3).unwrap();
    h.set_priority(5);
    run().unwrap();
    assert_eq!(log.get(), ["h0", "h1", "h2", "a0"]);
}

#[test]
fn a_busy_higher_level_starves_the_lower_until_it_blocks() {
    let _s = Scheduler::new();
    let log = Log::new();
    let gate = Channel::<()>::new();
    looper(&log, "low", 2).unwrap();
    let (l, g) = (log.clone(), gate.clone());
    let high = spawn(move || {
        for i in 0..50 {
            l.push(format!("high{i}"));
            schedule()?;
        }
        g.receive()?;
        l.push("high woke");
        Ok(())
    })
    .unwrap();
    high.set_priority(2);
    run().unwrap();
    let got = log.get();
    // Fifty turns of the high tasklet before the low one runs at all.
    assert_eq!(
        got[..50],
        (0..50).map(|i| format!("high{i}")).collect::<Vec<_>>()[..]
    );
    assert_eq!(got[50..], ["low0", "low1"]);
    // Woken, it runs before main's next turn in the queue.
    gate.send(()).unwrap();
    assert_eq!(log.get().last().map(String::as_str), Some("high woke"));
}

#[test]
fn raising_a_blocked_tasklets_level_lets_it_jump_the_queue_when_woken() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ch = Channel::<u32>::new();
    let (l, rx) = (log.clone(), ch.clone());
    let waiter = spawn(move || {
        let v = rx.receive()?;
        l.push(format!("waiter got {v}"));
        Ok(())
    })
    .unwrap();
    run().unwrap();
    assert!(waiter.blocked());
    waiter.set_priority(3);
    assert_eq!(waiter.priority(), 3);
    looper(&log, "a", 2).unwrap();
    looper(&log, "b", 2).unwrap();
    let tx = ch.clone();
    let l = log.clone();
    spawn(move || {
        // The receiver is appended behind a and b (preference -1 would
        // switch to it at once; make the sender go on instead).
        tx.set_preference(1);
        tx.send(7)?;
        l.push("sent");
        schedule()?;
        Ok(())
    })
    .unwrap();
    run().unwrap();
    assert_eq!(log.get(), ["a0", "b0", "sent", "waiter got 7", "a1", "b1"]);
}

#[test]
fn lowering_the_running_tasklets_level_lets_the_others_run() {
    let _s = Scheduler::new();
    let log = Log::new();
    let l = log.clone();
    let t = spawn(move || {
        l.push("t0");
        schedule()?;
        l.push("t1");
        current().set_priority(0);
        schedule()?;
        l.push("t2");
        Ok(())
    })
    .unwrap();
    t.set_priority(1);
    looper(&log, "a", 1).unwrap();
    run().unwrap();
    assert_eq!(log.get(), ["t0", "t1", "a0", "t2"]);
}

#[test]
fn introspection_shows_the_level() {
    let _s = Scheduler::new();
    let t = spawn(|| Ok(())).unwrap();
    t.set_priority(-2);
    let info = tasklets().into_iter().find(|i| i.tasklet == t).unwrap();
    assert_eq!(info.priority, -2);
    assert_eq!(current().priority(), 0);
    run().unwrap();
    assert_eq!(t.priority(), 0, "a dead tasklet has no level");
}
