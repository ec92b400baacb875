//! Blocking with nothing else runnable: the deadlock errors, and run()
//! returning when the last runnable tasklet blocks.

mod common;

use common::{Log, logger, user_error};
use shoal_engine::{
    Channel, ErrorKind, Scheduler, TaskletError, current, main_tasklet, msg, run, runcount,
    schedule_remove, spawn,
};

fn assert_runtime(err: &TaskletError, message: &str) {
    assert_eq!(err.kind(), &ErrorKind::RuntimeError);
    assert_eq!(err.message(), message);
}

#[test]
fn main_receiving_alone_deadlocks() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    let err = ch.receive().unwrap_err();
    assert_runtime(&err, msg::DEADLOCK);
    // Main was taken out of the channel again and goes on.
    assert_eq!(ch.balance(), 0);
    assert!(!current().blocked());
    assert!(current().scheduled());
    assert_eq!(runcount(), 1);
}

#[test]
fn main_sending_alone_deadlocks() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    let err = ch.send(1).unwrap_err();
    assert_runtime(&err, msg::DEADLOCK);
    assert_eq!(ch.balance(), 0);
    assert_eq!(runcount(), 1);
}

#[test]
fn main_receiving_when_the_last_tasklet_ends() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    spawn(logger(&log, "t")).unwrap();
    let err = ch.receive().unwrap_err();
    assert_runtime(&err, msg::MAIN_RECEIVING);
    assert_eq!(log.get(), ["t"]);
    assert_eq!(ch.balance(), 0);
    assert!(!main_tasklet().blocked());
    assert_eq!(runcount(), 1);
}

#[test]
fn main_sending_when_the_last_tasklet_ends() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    spawn(logger(&log, "t")).unwrap();
    let err = ch.send(1).unwrap_err();
    assert_runtime(&err, msg::MAIN_SENDING);
    assert_eq!(log.get(), ["t"]);
    assert_eq!(ch.balance(), 0);
}

#[test]
fn main_blocked_gets_the_error_of_the_last_tasklet_instead() {
    // An uncaught error wins over the "receiving without a sender" text.
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    spawn(|| Err(user_error("ZeroDivisionError", "x"))).unwrap();
    let err = ch.receive().unwrap_err();
    assert_eq!(err, user_error("ZeroDivisionError", "x"));
}

#[test]
fn tasklet_blocking_as_last_runnable_while_main_is_blocked_gets_deadlock() {
    let _s = Scheduler::new();
    let log = Log::new();
    let to_main: Channel<i64> = Channel::new();
    let other: Channel<i64> = Channel::new();
    let (inner, tx, rx) = (log.clone(), to_main.clone(), other.clone());
    let t = spawn(move || {
        match rx.receive() {
            Ok(v) => inner.push(format!("t: got {v}")),
            Err(e) => inner.push(format!("t: {}: {}", e.kind(), e.message())),
        }
        inner.push(format!("t: other balance {}", rx.balance()));
        tx.send(5)?;
        inner.push("t: after send");
        Ok(())
    })
    .unwrap();
    let v = to_main.receive().unwrap();
    log.push(format!("main: got {v}"));
    run().unwrap();
    assert_eq!(
        log.get(),
        [
            format!("t: RuntimeError: {}", msg::DEADLOCK),
            "t: other balance 0".to_string(),
            "main: got 5".to_string(),
            "t: after send".to_string(),
        ]
    );
    assert!(!t.alive());
}

#[test]
fn uncaught_tasklet_deadlock_reaches_blocked_main() {
    let _s = Scheduler::new();
    let to_main: Channel<i64> = Channel::new();
    let other: Channel<i64> = Channel::new();
    let rx = other.clone();
    spawn(move || rx.receive().map(|_| ())).unwrap();
    let err = to_main.receive().unwrap_err();
    assert_runtime(&err, msg::DEADLOCK);
    assert_eq!(to_main.balance(), 0);
    assert_eq!(other.balance(), 0);
    assert_eq!(runcount(), 1);
}

#[test]
fn tasklet_schedule_remove_as_last_runnable_while_main_is_blocked_gets_deadlock() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    let (inner, tx) = (log.clone(), ch.clone());
    spawn(move || {
        if let Err(e) = schedule_remove() {
            inner.push(format!("t: {}: {}", e.kind(), e.message()));
        }
        tx.send(1)
    })
    .unwrap();
    assert_eq!(ch.receive().unwrap(), 1);
    assert_eq!(log.get(), [format!("t: RuntimeError: {}", msg::DEADLOCK)]);
    run().unwrap();
}

#[test]
fn run_returns_when_the_last_tasklet_blocks() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    let (inner, rx) = (log.clone(), ch.clone());
    let t = spawn(move || {
        inner.push("t: wait");
        let v = rx.receive()?;
        inner.push(format!("t: got {v}"));
        Ok(())
    })
    .unwrap();
    run().unwrap();
    log.push("main: run returned");
    assert!(t.blocked());
    assert_eq!(ch.balance(), -1);
    assert_eq!(runcount(), 1);
    ch.send(3).unwrap();
    assert_eq!(log.get(), ["t: wait", "main: run returned", "t: got 3"]);
}

#[test]
fn run_on_an_empty_queue_returns_at_once() {
    let _s = Scheduler::new();
    run().unwrap();
    assert_eq!(runcount(), 1);
    assert!(main_tasklet().scheduled());
}
