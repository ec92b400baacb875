//! Exceptions, kill and throw: delivery to blocked, pending, never-run and
//! dead tasklets; uncaught errors re-raised in main; the error handler;
//! panics; TaskletExit.

mod common;

use std::cell::Cell;
use std::rc::Rc;

use common::{Log, logger, user_error};
use shoal_engine::{
    Channel, ErrorKind, Scheduler, TaskletError, TaskletResult, bind, current, main_tasklet, msg,
    run, runcount, schedule, set_error_handler, set_schedule_callback, spawn, spawn_named,
};

/// Logs `text` when dropped: shows that a killed tasklet's cleanup ran.
struct Cleanup(Log, &'static str);

impl Drop for Cleanup {
    fn drop(&mut self) {
        self.0.push(self.1);
    }
}

/// A tasklet blocked receiving on `ch`, with a cleanup guard; logs what its
/// receive returned.
fn blocked_receiver(log: &Log, ch: &Channel<i64>) -> shoal_engine::Tasklet {
    let (log, ch) = (log.clone(), ch.clone());
    spawn_named("victim", move || {
        let _guard = Cleanup(log.clone(), "victim: cleanup");
        log.push("victim: wait");
        match ch.receive() {
            Ok(v) => log.push(format!("victim: got {v}")),
            Err(e) => {
                log.push(format!("victim: raised {e}"));
                return Err(e);
            }
        }
        Ok(())
    })
    .unwrap()
}

// ---- kill -------------------------------------------------------------------------

#[test]
fn kill_of_a_blocked_tasklet_runs_its_cleanup_now() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    let victim = blocked_receiver(&log, &ch);
    run().unwrap();
    assert!(victim.blocked());
    assert_eq!(ch.balance(), -1);
    victim.kill(false).unwrap();
    log.push("main: after kill");
    assert_eq!(
        log.get(),
        [
            "victim: wait",
            "victim: raised TaskletExit",
            "victim: cleanup",
            "main: after kill"
        ]
    );
    assert_eq!(ch.balance(), 0);
    assert!(ch.queue().is_none());
    assert!(!victim.alive());
    assert!(!victim.blocked());
    assert_eq!(runcount(), 1);
}

#[test]
fn kill_pending_only_makes_the_victim_runnable() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    let victim = blocked_receiver(&log, &ch);
    run().unwrap();
    victim.kill(true).unwrap();
    log.push("main: after kill");
    // Taken out of the channel, queued, not yet run.
    assert_eq!(ch.balance(), 0);
    assert!(victim.alive());
    assert!(victim.scheduled());
    assert!(!victim.blocked());
    assert_eq!(runcount(), 2);
    assert_eq!(log.get(), ["victim: wait", "main: after kill"]);
    run().unwrap();
    assert_eq!(
        log.get(),
        [
            "victim: wait",
            "main: after kill",
            "victim: raised TaskletExit",
            "victim: cleanup"
        ]
    );
    assert!(!victim.alive());
}

#[test]
fn kill_of_a_never_run_tasklet_skips_its_function() {
    let _s = Scheduler::new();
    let log = Log::new();
    let t = spawn(logger(&log, "t: ran")).unwrap();
    t.kill(false).unwrap();
    assert!(!t.alive());
    assert!(log.get().is_empty());
    assert_eq!(runcount(), 1);
    let err = t.run().unwrap_err();
    assert_eq!(err.message(), msg::RUN_DEAD);
    run().unwrap();
    assert!(log.get().is_empty());
}

#[test]
fn kill_of_a_queued_tasklet_rotates_the_ring_to_it() {
    // Ring [main, a, victim, b]: the victim dies, b runs, then main; a
    // waits for the next round.
    let _s = Scheduler::new();
    let log = Log::new();
    let a = spawn(logger(&log, "a")).unwrap();
    let victim = spawn(logger(&log, "victim")).unwrap();
    spawn(logger(&log, "b")).unwrap();
    victim.kill(false).unwrap();
    log.push("main");
    assert_eq!(log.get(), ["b", "main"]);
    assert!(a.scheduled());
    run().unwrap();
    assert_eq!(log.get(), ["b", "main", "a"]);
}

#[test]
fn kill_of_a_dead_tasklet_is_a_no_op() {
    let _s = Scheduler::new();
    let t = spawn(|| Ok(())).unwrap();
    run().unwrap();
    assert!(!t.alive());
    t.kill(false).unwrap();
    t.kill(true).unwrap();
    // Bound but never set up: not alive either.
    let bound = bind(|| Ok(())).unwrap();
    bound.kill(false).unwrap();
    assert!(!bound.alive());
    assert_eq!(runcount(), 1);
}

#[test]
fn kill_of_the_current_tasklet_raises_in_place() {
    let _s = Scheduler::new();
    let log = Log::new();
    let inner = log.clone();
    let t = spawn(move || {
        let r = current().kill(false);
        inner.push(match &r {
            Err(e) => format!("raised {}", e.kind()),
            Ok(()) => "returned".to_string(),
        });
        r?;
        inner.push("not reached");
        Ok(())
    })
    .unwrap();
    run().unwrap();
    assert_eq!(log.get(), ["raised TaskletExit"]);
    assert!(!t.alive());
}

#[test]
fn killed_tasklet_can_catch_tasklet_exit_and_go_on() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    let (inner, rx) = (log.clone(), ch.clone());
    let t = spawn(move || {
        if let Err(e) = rx.receive() {
            inner.push(format!("caught {}", e.kind()));
        }
        inner.push("still running");
        Ok(())
    })
    .unwrap();
    run().unwrap();
    t.kill(false).unwrap();
    assert_eq!(log.get(), ["caught TaskletExit", "still running"]);
    assert!(!t.alive());
}

// ---- throw ------------------------------------------------------------------------

#[test]
fn throw_to_a_dead_tasklet_fails() {
    let _s = Scheduler::new();
    let t = spawn(|| Ok(())).unwrap();
    run().unwrap();
    let err = t.throw(user_error("IndexError", "x"), false).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::RuntimeError);
    assert_eq!(err.message(), msg::THROW_DEAD);
    let err = t.throw(user_error("IndexError", "x"), true).unwrap_err();
    assert_eq!(err.message(), msg::THROW_DEAD);
    // TaskletExit is allowed.
    t.throw(TaskletError::tasklet_exit(), false).unwrap();

    let bound = bind(|| Ok(())).unwrap();
    let err = bound
        .throw(user_error("IndexError", "x"), false)
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::RuntimeError);
    assert_eq!(err.message(), msg::THROW_DEAD);
}

#[test]
fn throw_into_a_never_run_tasklet_raises_in_main() {
    let _s = Scheduler::new();
    let log = Log::new();
    let t = spawn(logger(&log, "t: ran")).unwrap();
    let err = t
        .throw(user_error("IndexError", "early"), false)
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Other("IndexError".into()));
    assert_eq!(err.message(), "early");
    assert!(!t.alive());
    assert!(log.get().is_empty());
    assert_eq!(runcount(), 1);
}

#[test]
fn pending_throw_into_a_never_run_tasklet_raises_out_of_run() {
    let _s = Scheduler::new();
    let log = Log::new();
    let t = spawn(logger(&log, "t: ran")).unwrap();
    t.throw(user_error("IndexError", "early"), true).unwrap();
    assert!(t.alive());
    assert!(t.scheduled());
    let err = run().unwrap_err();
    assert_eq!(err, user_error("IndexError", "early"));
    assert!(!t.alive());
    assert!(log.get().is_empty());
}

#[test]
fn throw_into_a_blocked_tasklet_is_raised_by_its_receive() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    let (inner, rx) = (log.clone(), ch.clone());
    let t = spawn(move || {
        match rx.receive() {
            Ok(v) => inner.push(format!("got {v}")),
            Err(e) => inner.push(format!("caught {e}")),
        }
        Ok(())
    })
    .unwrap();
    run().unwrap();
    t.throw(user_error("IndexError", "thrown"), false).unwrap();
    log.push("main: back");
    assert_eq!(log.get(), ["caught IndexError: thrown", "main: back"]);
    assert_eq!(ch.balance(), 0);
    assert!(!t.alive());
}

#[test]
fn pending_throw_into_a_blocked_tasklet_waits_for_its_turn() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    let (inner, rx) = (log.clone(), ch.clone());
    let t = spawn(move || {
        match rx.receive() {
            Ok(v) => inner.push(format!("got {v}")),
            Err(e) => inner.push(format!("caught {e}")),
        }
        Ok(())
    })
    .unwrap();
    run().unwrap();
    t.throw(user_error("IndexError", "later"), true).unwrap();
    assert_eq!(ch.balance(), 0);
    assert!(t.alive());
    assert!(t.scheduled());
    assert!(log.get().is_empty());
    run().unwrap();
    assert_eq!(log.get(), ["caught IndexError: later"]);
    assert!(!t.alive());
}

#[test]
fn uncaught_error_in_a_thrown_tasklet_comes_back_to_the_thrower() {
    // The victim lets the thrown error escape: main (the thrower) gets it.
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    let rx = ch.clone();
    let t = spawn(move || rx.receive().map(|_| ())).unwrap();
    run().unwrap();
    let err = t
        .throw(user_error("IndexError", "escaped"), false)
        .unwrap_err();
    assert_eq!(err, user_error("IndexError", "escaped"));
    assert!(!t.alive());
    assert_eq!(ch.balance(), 0);
}

// ---- uncaught errors ----------------------------------------------------------------

#[test]
fn uncaught_error_is_raised_out_of_run() {
    let _s = Scheduler::new();
    let t = spawn(|| Err(user_error("ZeroDivisionError", "division by zero"))).unwrap();
    let err = run().unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Other("ZeroDivisionError".into()));
    assert_eq!(err.message(), "division by zero");
    assert!(!t.alive());
    assert_eq!(runcount(), 1);
}

#[test]
fn uncaught_error_is_raised_out_of_mains_receive() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    spawn(|| Err(user_error("ZeroDivisionError", "in tasklet"))).unwrap();
    let err = ch.receive().unwrap_err();
    assert_eq!(err, user_error("ZeroDivisionError", "in tasklet"));
    assert_eq!(ch.balance(), 0);
    assert!(!main_tasklet().blocked());
    assert_eq!(runcount(), 1);
}

#[test]
fn uncaught_error_is_raised_out_of_mains_send() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    spawn(|| Err(user_error("ZeroDivisionError", "in tasklet"))).unwrap();
    let err = ch.send(1).unwrap_err();
    assert_eq!(err, user_error("ZeroDivisionError", "in tasklet"));
    assert_eq!(ch.balance(), 0);
}

#[test]
fn uncaught_error_is_raised_out_of_mains_schedule() {
    let _s = Scheduler::new();
    spawn(|| Err(user_error("KeyError", "k"))).unwrap();
    let err = schedule().unwrap_err();
    assert_eq!(err, user_error("KeyError", "k"));
    assert_eq!(runcount(), 1);
}

#[test]
fn other_tasklets_stay_scheduled_after_an_uncaught_error() {
    let _s = Scheduler::new();
    let log = Log::new();
    spawn(logger(&log, "t1")).unwrap();
    spawn(|| Err(user_error("ValueError", "t2 failed"))).unwrap();
    let t3 = spawn(logger(&log, "t3")).unwrap();
    let err = run().unwrap_err();
    assert_eq!(err, user_error("ValueError", "t2 failed"));
    assert_eq!(log.get(), ["t1"]);
    assert!(t3.scheduled());
    assert_eq!(runcount(), 2);
    run().unwrap();
    assert_eq!(log.get(), ["t1", "t3"]);
}

#[test]
fn tasklet_exit_is_not_an_error() {
    let _s = Scheduler::new();
    let handled = Rc::new(Cell::new(0));
    let count = handled.clone();
    set_error_handler(Some(Box::new(move |_, _| {
        count.set(count.get() + 1);
        Ok(())
    })));
    let t = spawn(|| Err(TaskletError::tasklet_exit())).unwrap();
    run().unwrap();
    assert!(!t.alive());
    assert_eq!(handled.get(), 0);
    set_error_handler(None);
}

#[test]
fn panic_in_a_native_tasklet_becomes_a_panic_error_in_main() {
    let _s = Scheduler::new();
    let log = Log::new();
    spawn(|| -> TaskletResult<()> { panic!("tasklet exploded") }).unwrap();
    let after = spawn(logger(&log, "after")).unwrap();
    let err = run().unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Panic);
    assert_eq!(err.message(), "tasklet exploded");
    // The scheduler goes on.
    assert!(after.scheduled());
    run().unwrap();
    assert_eq!(log.get(), ["after"]);
}

// ---- the error handler ---------------------------------------------------------------

#[test]
fn error_handler_swallows_the_error_inside_the_dying_tasklet() {
    let _s = Scheduler::new();
    let log = Log::new();
    let inner = log.clone();
    let old = set_error_handler(Some(Box::new(move |t, e| {
        inner.push(format!(
            "handler: {e} current={}",
            current() == t && !current().is_main()
        ));
        Ok(())
    })));
    assert!(old.is_none());
    spawn(|| Err(user_error("ZeroDivisionError", "x"))).unwrap();
    spawn(logger(&log, "next")).unwrap();
    run().unwrap();
    assert_eq!(
        log.get(),
        ["handler: ZeroDivisionError: x current=true", "next"]
    );
    let old = set_error_handler(None);
    assert!(old.is_some());
}

#[test]
fn error_handler_can_replace_the_error() {
    let _s = Scheduler::new();
    set_error_handler(Some(Box::new(|_, _| Err(user_error("IndexError", "mods")))));
    spawn(|| Err(user_error("ZeroDivisionError", "x"))).unwrap();
    let err = run().unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Other("IndexError".into()));
    assert_eq!(err.message(), "mods");
    set_error_handler(None);
}

#[test]
fn error_handler_handles_a_throw_into_a_never_run_tasklet() {
    let _s = Scheduler::new();
    let log = Log::new();
    let inner = log.clone();
    set_error_handler(Some(Box::new(move |_, e| {
        inner.push(format!("handler: {e}"));
        Ok(())
    })));
    let t = spawn(logger(&log, "t: ran")).unwrap();
    t.throw(user_error("IndexError", "early"), false).unwrap();
    assert_eq!(log.get(), ["handler: IndexError: early"]);
    assert!(!t.alive());
    set_error_handler(None);
}

#[test]
fn error_handler_also_handles_panics() {
    let _s = Scheduler::new();
    let log = Log::new();
    let inner = log.clone();
    set_error_handler(Some(Box::new(move |_, e| {
        inner.push(format!("{}: {}", e.kind(), e.message()));
        Ok(())
    })));
    spawn(|| -> TaskletResult<()> { panic!("boom") }).unwrap();
    run().unwrap();
    assert_eq!(log.get(), ["Panic: boom"]);
    set_error_handler(None);
}

#[test]
fn kill_of_a_never_run_tasklet_fires_the_schedule_callback() {
    // A never-run tasklet is alive: kill switches to it (and back).
    let _s = Scheduler::new();
    let switches = Rc::new(Cell::new(0));
    let count = switches.clone();
    set_schedule_callback(Some(Box::new(move |_, _| count.set(count.get() + 1))));
    let t = spawn(|| Ok(())).unwrap();
    t.kill(false).unwrap();
    set_schedule_callback(None);
    assert_eq!(switches.get(), 2);
}

#[test]
fn kill_of_a_blocked_tasklet_returns_before_other_queued_tasklets() {
    // The unblocked victim is appended just before the killer, so the
    // killer runs right after it, ahead of the tasklets already queued.
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    let victim = blocked_receiver(&log, &ch);
    run().unwrap();
    log.take();
    let a = spawn(logger(&log, "a")).unwrap();
    victim.kill(false).unwrap();
    log.push("main: after kill");
    assert_eq!(
        log.get(),
        [
            "victim: raised TaskletExit",
            "victim: cleanup",
            "main: after kill"
        ]
    );
    assert!(a.scheduled());
    run().unwrap();
    assert_eq!(log.get().last().map(String::as_str), Some("a"));
}

#[test]
fn kill_of_a_paused_tasklet_runs_it_now() {
    let _s = Scheduler::new();
    let log = Log::new();
    let inner = log.clone();
    let t = spawn(move || {
        let _guard = Cleanup(inner.clone(), "t: cleanup");
        inner.push("t: remove");
        shoal_engine::schedule_remove()?;
        inner.push("t: not reached");
        Ok(())
    })
    .unwrap();
    run().unwrap();
    assert!(t.paused());
    t.kill(false).unwrap();
    log.push("main");
    assert_eq!(log.get(), ["t: remove", "t: cleanup", "main"]);
    assert!(!t.alive());
}

#[test]
fn kill_from_another_tasklet_returns_to_the_killer() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    let victim = blocked_receiver(&log, &ch);
    let inner = log.clone();
    spawn(move || {
        inner.push("killer: kill");
        victim.kill(false)?;
        inner.push("killer: back");
        Ok(())
    })
    .unwrap();
    run().unwrap();
    assert_eq!(
        log.get(),
        [
            "victim: wait",
            "killer: kill",
            "victim: raised TaskletExit",
            "victim: cleanup",
            "killer: back"
        ]
    );
    assert_eq!(ch.balance(), 0);
}

#[test]
fn pending_kill_of_a_queued_never_run_tasklet_skips_it() {
    let _s = Scheduler::new();
    let log = Log::new();
    spawn(logger(&log, "a")).unwrap();
    let v = spawn(logger(&log, "v")).unwrap();
    spawn(logger(&log, "b")).unwrap();
    v.kill(true).unwrap();
    assert!(v.alive() && v.scheduled());
    assert_eq!(runcount(), 4);
    run().unwrap();
    assert_eq!(log.get(), ["a", "b"]);
    assert!(!v.alive());
}

#[test]
fn uncaught_error_goes_to_the_innermost_watchdog() {
    // A tasklet running the queue itself (a nested run()) gets the error,
    // not main.
    let _s = Scheduler::new();
    let log = Log::new();
    let inner = log.clone();
    spawn_named("runner", move || {
        spawn(|| Err(user_error("IndexError", "inner")))?;
        match run() {
            Ok(()) => inner.push("runner: run returned"),
            Err(e) => inner.push(format!("runner: caught {e}")),
        }
        Ok(())
    })
    .unwrap();
    run().unwrap();
    assert_eq!(log.get(), ["runner: caught IndexError: inner"]);
    assert_eq!(runcount(), 1);
}

#[test]
fn kill_of_a_blocked_sender_drops_the_balance() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    let tx = ch.clone();
    let s = spawn(move || tx.send(1)).unwrap();
    run().unwrap();
    assert_eq!(ch.balance(), 1);
    s.kill(false).unwrap();
    assert_eq!(ch.balance(), 0);
    assert!(!s.alive());
    // Its value went with it.
    let err = ch.receive().unwrap_err();
    assert_eq!(err.message(), msg::DEADLOCK);
}
