//! atomic, block_trap and switch_trap.

mod common;

use common::{Log, logger};
use shoal_engine::{
    Channel, ErrorKind, Scheduler, atomic, current, msg, run, runcount, schedule, schedule_remove,
    set_atomic, spawn, switch_trap,
};

// ---- atomic ------------------------------------------------------------------------

#[test]
fn set_atomic_returns_the_old_flag() {
    let _s = Scheduler::new();
    assert!(!current().atomic());
    assert!(!set_atomic(true));
    assert!(current().atomic());
    assert!(set_atomic(true));
    assert!(set_atomic(false));
    assert!(!current().atomic());
}

#[test]
fn atomic_guard_sets_and_restores_the_flag() {
    let _s = Scheduler::new();
    {
        let _outer = atomic();
        assert!(current().atomic());
        {
            let _inner = atomic();
            assert!(current().atomic());
        }
        // The inner guard restores the outer state (still atomic).
        assert!(current().atomic());
    }
    assert!(!current().atomic());
}

#[test]
fn atomic_is_per_tasklet_and_not_inherited() {
    let _s = Scheduler::new();
    let log = Log::new();
    let _guard = atomic();
    let inner = log.clone();
    spawn(move || {
        inner.push(format!("child atomic={}", current().atomic()));
        Ok(())
    })
    .unwrap();
    run().unwrap();
    assert_eq!(log.get(), ["child atomic=false"]);
    assert!(current().atomic());
}

#[test]
fn explicit_switches_still_work_while_atomic() {
    let _s = Scheduler::new();
    let log = Log::new();
    spawn(logger(&log, "t")).unwrap();
    let _guard = atomic();
    schedule().unwrap();
    assert_eq!(log.get(), ["t"]);
}

// ---- block_trap ----------------------------------------------------------------------

#[test]
fn block_trap_makes_a_blocking_receive_fail() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    let log = Log::new();
    let (inner, rx) = (log.clone(), ch.clone());
    let t = spawn(move || {
        current().set_block_trap(true);
        match rx.receive() {
            Ok(v) => inner.push(format!("got {v}")),
            Err(e) => inner.push(format!("{}: {}", e.kind(), e.message())),
        }
        Ok(())
    })
    .unwrap();
    run().unwrap();
    assert_eq!(log.get(), [format!("RuntimeError: {}", msg::BLOCK_TRAP)]);
    assert_eq!(ch.balance(), 0);
    assert!(!t.alive());
}

#[test]
fn block_trap_makes_a_blocking_send_fail_in_main() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    spawn(|| Ok(())).unwrap();
    current().set_block_trap(true);
    assert!(current().block_trap());
    let err = ch.send(1).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::RuntimeError);
    assert_eq!(err.message(), msg::BLOCK_TRAP);
    assert_eq!(ch.balance(), 0);
    // Nothing switched: the other tasklet is still queued.
    assert_eq!(runcount(), 2);
    current().set_block_trap(false);
    run().unwrap();
}

#[test]
fn block_trap_allows_operations_that_do_not_block() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    let tx = ch.clone();
    spawn(move || tx.send(7)).unwrap();
    run().unwrap();
    assert_eq!(ch.balance(), 1);
    current().set_block_trap(true);
    assert_eq!(ch.receive().unwrap(), 7);

    let rx = ch.clone();
    let log = Log::new();
    let inner = log.clone();
    spawn(move || {
        inner.push(format!("got {}", rx.receive()?));
        Ok(())
    })
    .unwrap();
    current().set_block_trap(false);
    run().unwrap();
    current().set_block_trap(true);
    ch.send(8).unwrap();
    assert_eq!(log.get(), ["got 8"]);
}

#[test]
fn block_trap_is_checked_before_closed() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    ch.close();
    current().set_block_trap(true);
    let err = ch.receive().unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::RuntimeError);
    assert_eq!(err.message(), msg::BLOCK_TRAP);
}

// ---- switch_trap ------------------------------------------------------------------

#[test]
fn switch_trap_returns_the_old_level() {
    let _s = Scheduler::new();
    assert_eq!(switch_trap(0), 0);
    assert_eq!(switch_trap(1), 0);
    assert_eq!(switch_trap(1), 1);
    assert_eq!(switch_trap(-2), 2);
    assert_eq!(switch_trap(0), 0);
}

fn assert_switch_trap(err: shoal_engine::TaskletError) {
    assert_eq!(err.kind(), &ErrorKind::RuntimeError);
    assert_eq!(err.message(), msg::SWITCH_TRAP);
}

#[test]
fn switch_trap_on_schedule() {
    let _s = Scheduler::new();
    let log = Log::new();
    spawn(logger(&log, "t")).unwrap();
    switch_trap(1);
    assert_switch_trap(schedule().unwrap_err());
    assert_switch_trap(schedule_remove().unwrap_err());
    assert_switch_trap(run().unwrap_err());
    assert!(log.get().is_empty());
    assert_eq!(runcount(), 2);
    assert!(current().scheduled());
    switch_trap(-1);
    schedule().unwrap();
    assert_eq!(log.get(), ["t"]);
}

#[test]
fn switch_trap_on_tasklet_run_and_switch() {
    let _s = Scheduler::new();
    let log = Log::new();
    let t = spawn(logger(&log, "t")).unwrap();
    let p = spawn(logger(&log, "p")).unwrap();
    p.remove().unwrap();
    switch_trap(1);
    assert_switch_trap(t.run().unwrap_err());
    assert_switch_trap(t.switch().unwrap_err());
    assert_switch_trap(p.run().unwrap_err());
    // A paused target stays paused, the caller stays scheduled.
    assert!(p.paused());
    assert!(t.scheduled());
    assert!(current().scheduled());
    // No switch needed: allowed.
    current().run().unwrap();
    current().switch().unwrap();
    assert!(log.get().is_empty());
    switch_trap(-1);
    t.run().unwrap();
    assert_eq!(log.get(), ["t"]);
    p.run().unwrap();
    assert_eq!(log.get(), ["t", "p"]);
}

#[test]
fn switch_trap_on_send_to_a_waiting_receiver() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    let (inner, rx) = (log.clone(), ch.clone());
    let r = spawn(move || {
        inner.push(format!("got {}", rx.receive()?));
        Ok(())
    })
    .unwrap();
    run().unwrap();
    switch_trap(1);
    // Preference -1: the send would switch to the receiver.
    assert_switch_trap(ch.send(5).unwrap_err());
    assert!(r.blocked());
    assert_eq!(ch.balance(), -1);
    switch_trap(-1);
    ch.send(5).unwrap();
    assert_eq!(log.get(), ["got 5"]);
}

#[test]
fn switch_trap_on_a_blocking_receive() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    let tx = ch.clone();
    spawn(move || tx.send(3)).unwrap();
    switch_trap(1);
    assert_switch_trap(ch.receive().unwrap_err());
    assert_eq!(ch.balance(), 0);
    assert!(!current().blocked());
    switch_trap(-1);
    assert_eq!(ch.receive().unwrap(), 3);
}

#[test]
fn switch_trap_allows_a_non_switching_rendezvous() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    let tx = ch.clone();
    spawn(move || tx.send(9)).unwrap();
    run().unwrap();
    switch_trap(1);
    // Receiving from a waiting sender with preference -1 does not switch.
    assert_eq!(ch.receive().unwrap(), 9);
    // The sender was appended to the run queue; nothing switched.
    assert_eq!(runcount(), 2);
    switch_trap(-1);
    run().unwrap();
}

#[test]
fn switch_trap_on_kill_leaves_the_victim_blocked() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    let rx = ch.clone();
    let t = spawn(move || rx.receive().map(|_| ())).unwrap();
    run().unwrap();
    switch_trap(1);
    assert_switch_trap(t.kill(false).unwrap_err());
    assert!(t.blocked());
    assert_eq!(ch.balance(), -1);
    // A pending kill does not switch: allowed.
    t.kill(true).unwrap();
    assert!(!t.blocked());
    assert_eq!(ch.balance(), 0);
    switch_trap(-1);
    run().unwrap();
    assert!(!t.alive());
}

#[test]
fn switch_trap_allows_schedule_when_alone() {
    let _s = Scheduler::new();
    switch_trap(1);
    schedule().unwrap();
    run().unwrap();
    switch_trap(-1);
}

#[test]
fn deadlock_wins_over_switch_trap() {
    // Blocking with nothing else runnable does not switch: the caller gets
    // the deadlock error, not "switch_trap".
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    switch_trap(1);
    let err = ch.receive().unwrap_err();
    switch_trap(-1);
    assert_eq!(err.kind(), &ErrorKind::RuntimeError);
    assert_eq!(err.message(), msg::DEADLOCK);
}
