//! Soft tasklets (run by an interpreter, one slice at a time) mixed with
//! native ones: the same rules for both kinds.

mod common;

use common::{Log, Op, Script, say, spawn_script, user_error};
use shoal_engine::{
    Channel, ErrorKind, Scheduler, TaskletKind, bind_soft, current, msg, run, runcount, schedule,
    set_error_handler, spawn_named,
};

#[test]
fn soft_and_native_share_a_channel_in_both_directions() {
    let _s = Scheduler::new();
    let log = Log::new();
    let to_soft: Channel<i64> = Channel::new();
    let to_native: Channel<i64> = Channel::new();
    let soft = spawn_script(
        "S",
        &log,
        vec![
            Op::Recv(to_soft.clone()),
            Op::Send(to_native.clone(), 42),
            Op::Recv(to_soft.clone()),
            say("S:end"),
        ],
    );
    let (inner, tx, rx) = (log.clone(), to_soft.clone(), to_native.clone());
    let native = spawn_named("N", move || {
        // S is blocked receiving: preference -1 switches to it at once.
        tx.send(21)?;
        inner.push("N:sent 21");
        // S is blocked sending: no switch, S is queued.
        let v = rx.receive()?;
        inner.push(format!("N:got {v}"));
        tx.send(7)?;
        inner.push("N:sent 7");
        Ok(())
    })
    .unwrap();
    assert_eq!(current().info().unwrap().kind, TaskletKind::Main);
    assert_eq!(soft.info().unwrap().kind, TaskletKind::Soft);
    assert_eq!(native.info().unwrap().kind, TaskletKind::Native);
    run().unwrap();
    assert_eq!(
        log.get(),
        [
            "S:got 21",
            "N:sent 21",
            "N:got 42",
            "S:got 7",
            "S:end",
            "N:sent 7"
        ]
    );
    assert_eq!(to_soft.balance(), 0);
    assert_eq!(to_native.balance(), 0);
    assert!(!soft.alive() && !native.alive());
}

#[test]
fn soft_and_native_tasklets_share_the_run_queue() {
    let _s = Scheduler::new();
    let log = Log::new();
    spawn_script("A", &log, vec![say("A0"), Op::Schedule, say("A1")]);
    let inner = log.clone();
    spawn_named("B", move || {
        inner.push("B0");
        schedule()?;
        inner.push("B1");
        Ok(())
    })
    .unwrap();
    run().unwrap();
    assert_eq!(log.get(), ["A0", "B0", "A1", "B1"]);
    assert_eq!(runcount(), 1);
}

#[test]
fn soft_tasklet_receives_from_main() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    spawn_script("S", &log, vec![Op::Recv(ch.clone()), say("S:end")]);
    // Main blocks sending; the soft receiver takes the value (no switch
    // back with preference -1), ends, and main resumes.
    ch.send(5).unwrap();
    assert_eq!(log.get(), ["S:got 5", "S:end"]);
}

#[test]
fn main_receives_from_a_soft_tasklet() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    spawn_script("S", &log, vec![Op::Send(ch.clone(), 9), say("S:end")]);
    // Main blocks receiving; the soft sender hands the value over and,
    // with preference -1, main runs at once.
    assert_eq!(ch.receive().unwrap(), 9);
    log.push("main");
    run().unwrap();
    assert_eq!(log.get(), ["main", "S:end"]);
}

#[test]
fn a_soft_tasklet_cannot_make_a_blocking_call() {
    let _s = Scheduler::new();
    let log = Log::new();
    let inner = log.clone();
    spawn_named("other", move || {
        inner.push("other");
        Ok(())
    })
    .unwrap();
    spawn_script("S", &log, vec![Op::NativeSchedule, say("S:end")]);
    run().unwrap();
    assert_eq!(
        log.get(),
        [
            "other".to_string(),
            format!("S:error {}", msg::SOFT_BLOCKING),
            "S:end".to_string()
        ]
    );
}

#[test]
fn kill_of_a_blocked_soft_tasklet() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    let s = spawn_script("S", &log, vec![Op::Recv(ch.clone()), say("S:end")]);
    run().unwrap();
    assert!(s.blocked());
    assert_eq!(ch.balance(), -1);
    s.kill(false).unwrap();
    log.push("main");
    assert_eq!(log.get(), ["S:raised TaskletExit", "main"]);
    assert_eq!(ch.balance(), 0);
    assert!(!s.alive());
}

#[test]
fn kill_of_a_never_run_soft_tasklet_skips_it() {
    let _s = Scheduler::new();
    let log = Log::new();
    let s = spawn_script("S", &log, vec![say("S:ran")]);
    s.kill(false).unwrap();
    assert!(!s.alive());
    assert!(log.get().is_empty());
    assert_eq!(runcount(), 1);
}

#[test]
fn throw_into_a_never_run_soft_tasklet_raises_in_main() {
    let _s = Scheduler::new();
    let log = Log::new();
    let s = spawn_script("S", &log, vec![say("S:ran")]);
    let err = s
        .throw(user_error("IndexError", "early"), false)
        .unwrap_err();
    assert_eq!(err, user_error("IndexError", "early"));
    assert!(!s.alive());
    assert!(log.get().is_empty());
}

#[test]
fn uncaught_soft_error_is_raised_in_main() {
    let _s = Scheduler::new();
    let log = Log::new();
    spawn_script(
        "S",
        &log,
        vec![
            say("S:start"),
            Op::Fail(user_error("ZeroDivisionError", "x")),
        ],
    );
    let after = spawn_named("after", || Ok(())).unwrap();
    let err = run().unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Other("ZeroDivisionError".into()));
    assert!(after.scheduled());
    run().unwrap();
}

#[test]
fn error_handler_runs_for_a_soft_tasklet() {
    let _s = Scheduler::new();
    let log = Log::new();
    let inner = log.clone();
    set_error_handler(Some(Box::new(move |t, e| {
        inner.push(format!("handler: {e} current={}", current() == t));
        Ok(())
    })));
    spawn_script("S", &log, vec![Op::Fail(user_error("KeyError", "k"))]);
    run().unwrap();
    set_error_handler(None);
    assert_eq!(
        log.get(),
        ["S:raised KeyError: k", "handler: KeyError: k current=true"]
    );
}

#[test]
fn soft_tasklets_are_restorable_and_bind_soft_is_not_alive() {
    let _s = Scheduler::new();
    let log = Log::new();
    let t = bind_soft(Script::boxed("S", &log, vec![say("S")])).unwrap();
    assert!(!t.alive());
    assert!(!t.scheduled());
    t.setup().unwrap();
    assert!(t.alive());
    assert!(t.restorable());
    run().unwrap();
    assert_eq!(log.get(), ["S"]);
}

#[test]
fn kill_of_a_runnable_soft_tasklet_parked_in_schedule() {
    let _s = Scheduler::new();
    let log = Log::new();
    let s = spawn_script("S", &log, vec![Op::Schedule, say("S:after")]);
    let inner = log.clone();
    spawn_named("K", move || {
        s.kill(false)?;
        inner.push("K:back");
        Ok(())
    })
    .unwrap();
    run().unwrap();
    assert_eq!(log.get(), ["S:raised TaskletExit", "K:back"]);
    assert!(!s.alive());
}

#[test]
fn soft_tasklet_blocking_as_last_runnable_while_main_is_blocked_gets_deadlock() {
    let _s = Scheduler::new();
    let log = Log::new();
    let to_main: Channel<i64> = Channel::new();
    let other: Channel<i64> = Channel::new();
    spawn_script("S", &log, vec![Op::Recv(other.clone())]);
    let err = to_main.receive().unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::RuntimeError);
    assert_eq!(err.message(), msg::DEADLOCK);
    assert_eq!(
        log.get(),
        [format!("S:raised RuntimeError: {}", msg::DEADLOCK)]
    );
    assert_eq!(other.balance(), 0);
    assert_eq!(to_main.balance(), 0);
}
