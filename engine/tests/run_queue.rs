//! The run queue and the tasklet life cycle: round robin, runcount,
//! bind/setup, insert/remove, run/switch, schedule_remove.

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use common::{Log, Op, logger, say, spawn_script};
use shoal_engine::{
    Channel, ErrorKind, Scheduler, SoftStatus, SoftTasklet, Tasklet, bind, current, has_scheduler,
    main_tasklet, msg, run, runcount, schedule, schedule_remove, set_channel_callback,
    set_schedule_callback, spawn, spawn_named, spawn_soft, stats,
};

#[test]
fn runcount_counts_the_current_tasklet() {
    let _s = Scheduler::new();
    assert_eq!(runcount(), 1);
    assert!(current().is_main());
    assert_eq!(current(), main_tasklet());
    spawn(|| Ok(())).unwrap();
    spawn(|| Ok(())).unwrap();
    assert_eq!(runcount(), 3);
    run().unwrap();
    assert_eq!(runcount(), 1);
}

#[test]
fn round_robin_two_tasklets_scheduling_twice() {
    let _s = Scheduler::new();
    let log = Log::new();
    for name in ["A", "B"] {
        let log = log.clone();
        spawn_named(name, move || {
            for i in 0..2 {
                log.push(format!("{name}{i}"));
                schedule()?;
            }
            log.push(format!("{name}-done"));
            Ok(())
        })
        .unwrap();
    }
    run().unwrap();
    assert_eq!(log.get(), ["A0", "B0", "A1", "B1", "A-done", "B-done"]);
    assert_eq!(runcount(), 1);
}

#[test]
fn main_scheduling_takes_its_turn_in_the_ring() {
    // Main is in the ring too: schedule() moves it to the tail.
    let _s = Scheduler::new();
    let log = Log::new();
    spawn(logger(&log, "a")).unwrap();
    spawn(logger(&log, "b")).unwrap();
    log.push("main0");
    schedule().unwrap();
    log.push("main1");
    assert_eq!(log.get(), ["main0", "a", "b", "main1"]);
    assert_eq!(runcount(), 1);
}

#[test]
fn schedule_alone_returns_at_once() {
    let _s = Scheduler::new();
    schedule().unwrap();
    assert_eq!(runcount(), 1);
}

#[test]
fn insert_appends_at_the_tail() {
    let _s = Scheduler::new();
    let log = Log::new();
    let a = spawn(logger(&log, "a")).unwrap();
    let b = spawn(logger(&log, "b")).unwrap();
    a.remove().unwrap();
    assert!(a.paused());
    a.insert().unwrap();
    assert!(a.scheduled());
    run().unwrap();
    assert_eq!(log.get(), ["b", "a"]);
    assert!(!b.alive());
}

#[test]
fn bind_then_setup_makes_the_tasklet_alive_and_scheduled() {
    let _s = Scheduler::new();
    let log = Log::new();
    let t = bind(logger(&log, "t")).unwrap();
    assert!(!t.alive());
    assert!(!t.scheduled());
    assert_eq!(runcount(), 1);
    t.setup().unwrap();
    assert!(t.alive());
    assert!(t.scheduled());
    assert!(!t.blocked());
    assert!(!t.paused());
    assert_eq!(runcount(), 2);
    run().unwrap();
    assert_eq!(log.get(), ["t"]);
    assert!(!t.alive());
    assert!(!t.scheduled());
}

#[test]
fn discard_drops_a_paused_soft_tasklet_without_running_it() {
    let _s = Scheduler::new();
    let log = Log::new();
    let t = spawn_script("S", &log, vec![say("S0"), Op::Schedule, say("S1")]);
    t.run().unwrap();
    // Paused in the middle of its script.
    t.remove().unwrap();
    assert!(t.paused());
    t.discard().unwrap();
    assert!(!t.alive() && !t.scheduled() && !t.paused());
    assert_eq!(runcount(), 1);
    run().unwrap();
    assert_eq!(log.get(), ["S0"]);
    // Discarding a dead tasklet changes nothing.
    t.discard().unwrap();
}

#[test]
fn discard_refuses_scheduled_current_and_started_native_tasklets() {
    let _s = Scheduler::new();
    let log = Log::new();
    let queued = spawn_script("Q", &log, vec![say("Q")]);
    let err = queued.discard().unwrap_err();
    assert_eq!(err.message(), msg::REBIND_SCHEDULED);
    let err = current().discard().unwrap_err();
    assert_eq!(err.message(), msg::REBIND_CURRENT);
    let native = spawn(schedule_remove).unwrap();
    run().unwrap();
    assert!(native.paused());
    let err = native.discard().unwrap_err();
    assert_eq!(err.message(), msg::DISCARD_NATIVE);
    native.kill(false).unwrap();
}

#[test]
fn setup_on_an_alive_tasklet_fails() {
    let _s = Scheduler::new();
    let t = spawn(|| Ok(())).unwrap();
    let err = t.setup().unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::RuntimeError);
    assert_eq!(err.message(), msg::ALIVE);
    assert_eq!(runcount(), 2);
}

#[test]
fn insert_on_a_blocked_tasklet_fails() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    let rx = ch.clone();
    let t = spawn(move || rx.receive().map(|_| ())).unwrap();
    run().unwrap();
    assert!(t.blocked());
    let err = t.insert().unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::RuntimeError);
    assert_eq!(err.message(), msg::RUN_BLOCKED);
    let err = t.run().unwrap_err();
    assert_eq!(err.message(), msg::RUN_BLOCKED);
    let err = t.switch().unwrap_err();
    assert_eq!(err.message(), msg::RUN_BLOCKED);
    assert!(t.blocked());
    assert!(current().scheduled());
    assert_eq!(ch.balance(), -1);
    ch.send(1).unwrap();
}

#[test]
fn insert_on_a_dead_or_unbound_tasklet_fails() {
    let _s = Scheduler::new();
    let bound = bind(|| Ok(())).unwrap();
    let err = bound.insert().unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::RuntimeError);
    assert_eq!(err.message(), msg::RUN_DEAD);

    let ended = spawn(|| Ok(())).unwrap();
    run().unwrap();
    assert!(!ended.alive());
    let err = ended.insert().unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::RuntimeError);
    assert_eq!(err.message(), msg::RUN_DEAD);
    let err = ended.run().unwrap_err();
    assert_eq!(err.message(), msg::RUN_DEAD);
}

#[test]
fn remove_on_a_blocked_tasklet_fails() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    let rx = ch.clone();
    let t = spawn(move || rx.receive().map(|_| ())).unwrap();
    run().unwrap();
    let err = t.remove().unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::RuntimeError);
    assert_eq!(err.message(), msg::REMOVE_BLOCKED);
    assert!(t.blocked());
    ch.send(1).unwrap();
}

#[test]
fn remove_on_the_current_tasklet_fails() {
    let _s = Scheduler::new();
    let err = current().remove().unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::RuntimeError);
    assert_eq!(err.message(), msg::REMOVE_CURRENT);

    let log = Log::new();
    let inner = log.clone();
    spawn(move || {
        match current().remove() {
            Err(e) => inner.push(format!("{}: {}", e.kind(), e.message())),
            Ok(()) => inner.push("removed"),
        }
        Ok(())
    })
    .unwrap();
    run().unwrap();
    assert_eq!(
        log.get(),
        [format!("RuntimeError: {}", msg::REMOVE_CURRENT)]
    );
}

#[test]
fn remove_leaves_the_tasklet_paused_and_skipped() {
    let _s = Scheduler::new();
    let log = Log::new();
    let a = spawn(logger(&log, "a")).unwrap();
    spawn(logger(&log, "b")).unwrap();
    a.remove().unwrap();
    assert!(a.alive());
    assert!(a.paused());
    assert!(!a.scheduled());
    assert_eq!(runcount(), 2);
    // Removing a paused tasklet again is a no-op.
    a.remove().unwrap();
    run().unwrap();
    assert_eq!(log.get(), ["b"]);
    assert!(a.alive());
    a.insert().unwrap();
    run().unwrap();
    assert_eq!(log.get(), ["b", "a"]);
}

#[test]
fn run_of_a_queued_tasklet_runs_it_and_those_after_it() {
    let _s = Scheduler::new();
    let log = Log::new();
    let t1 = spawn(logger(&log, "t1")).unwrap();
    let t2 = spawn(logger(&log, "t2")).unwrap();
    let t3 = spawn(logger(&log, "t3")).unwrap();
    t2.run().unwrap();
    log.push("main");
    assert_eq!(log.get(), ["t2", "t3", "main"]);
    assert!(t1.scheduled());
    assert!(!t2.alive());
    assert!(!t3.alive());
    run().unwrap();
    assert_eq!(log.get(), ["t2", "t3", "main", "t1"]);
}

#[test]
fn run_of_a_paused_tasklet_comes_back_right_after_it() {
    let _s = Scheduler::new();
    let log = Log::new();
    let t1 = spawn(logger(&log, "t1")).unwrap();
    let t2 = spawn(logger(&log, "t2")).unwrap();
    t2.remove().unwrap();
    t2.run().unwrap();
    log.push("main");
    assert_eq!(log.get(), ["t2", "main"]);
    assert!(t1.scheduled());
}

#[test]
fn run_of_the_current_tasklet_is_a_no_op() {
    let _s = Scheduler::new();
    let log = Log::new();
    spawn(logger(&log, "t")).unwrap();
    current().run().unwrap();
    current().switch().unwrap();
    assert!(log.get().is_empty());
    assert_eq!(runcount(), 2);
}

#[test]
fn switch_leaves_the_caller_paused() {
    let _s = Scheduler::new();
    let log = Log::new();
    let b_log = log.clone();
    let a_slot: std::rc::Rc<std::cell::Cell<Option<Tasklet>>> = Default::default();
    let a_handle = a_slot.clone();
    let b = spawn_named("b", move || {
        let a = a_handle.get().unwrap();
        b_log.push(format!(
            "b: a paused={} scheduled={} alive={}",
            a.paused(),
            a.scheduled(),
            a.alive()
        ));
        a.insert()?;
        b_log.push("b: inserted a");
        Ok(())
    })
    .unwrap();
    b.remove().unwrap();
    let a_log = log.clone();
    let a = spawn_named("a", move || {
        a_log.push("a: switch");
        b.switch()?;
        a_log.push("a: back");
        Ok(())
    })
    .unwrap();
    a_slot.set(Some(a));
    run().unwrap();
    assert_eq!(
        log.get(),
        [
            "a: switch",
            "b: a paused=true scheduled=false alive=true",
            "b: inserted a",
            "a: back"
        ]
    );
}

#[test]
fn run_keeps_the_caller_scheduled() {
    let _s = Scheduler::new();
    let log = Log::new();
    let b_log = log.clone();
    let a_slot: std::rc::Rc<std::cell::Cell<Option<Tasklet>>> = Default::default();
    let a_handle = a_slot.clone();
    let b = spawn_named("b", move || {
        let a = a_handle.get().unwrap();
        b_log.push(format!(
            "b: a paused={} scheduled={}",
            a.paused(),
            a.scheduled()
        ));
        Ok(())
    })
    .unwrap();
    b.remove().unwrap();
    let a_log = log.clone();
    let a = spawn_named("a", move || {
        b.run()?;
        a_log.push("a: back");
        Ok(())
    })
    .unwrap();
    a_slot.set(Some(a));
    run().unwrap();
    assert_eq!(log.get(), ["b: a paused=false scheduled=true", "a: back"]);
}

#[test]
fn schedule_remove_then_reinsert() {
    let _s = Scheduler::new();
    let log = Log::new();
    let a_log = log.clone();
    let a = spawn_named("a", move || {
        a_log.push("a: remove");
        schedule_remove()?;
        a_log.push("a: back");
        Ok(())
    })
    .unwrap();
    let b_log = log.clone();
    spawn_named("b", move || {
        b_log.push(format!(
            "b: a paused={} scheduled={} runcount={}",
            a.paused(),
            a.scheduled(),
            runcount()
        ));
        schedule()?;
        b_log.push("b: insert a");
        a.insert()?;
        b_log.push("b: done");
        Ok(())
    })
    .unwrap();
    run().unwrap();
    assert_eq!(
        log.get(),
        [
            "a: remove",
            "b: a paused=true scheduled=false runcount=1",
            "b: insert a",
            "b: done",
            "a: back"
        ]
    );
    assert_eq!(runcount(), 1);
}

#[test]
fn lone_schedule_remove_in_run_returns_to_main() {
    let _s = Scheduler::new();
    let log = Log::new();
    let inner = log.clone();
    let t = spawn(move || {
        inner.push("t: remove");
        schedule_remove()?;
        inner.push("t: back");
        Ok(())
    })
    .unwrap();
    run().unwrap();
    assert_eq!(log.get(), ["t: remove"]);
    assert!(t.paused());
    assert_eq!(runcount(), 1);
    t.insert().unwrap();
    run().unwrap();
    assert_eq!(log.get(), ["t: remove", "t: back"]);
}

#[test]
fn main_schedule_remove_alone_returns_at_once() {
    let _s = Scheduler::new();
    schedule_remove().unwrap();
    assert_eq!(runcount(), 1);
    assert!(main_tasklet().scheduled());
}

#[test]
fn next_and_prev_follow_the_ring() {
    let _s = Scheduler::new();
    let a = spawn(|| Ok(())).unwrap();
    let b = spawn(|| Ok(())).unwrap();
    let main = main_tasklet();
    assert_eq!(main.next(), Some(a));
    assert_eq!(a.next(), Some(b));
    assert_eq!(b.next(), Some(main));
    assert_eq!(main.prev(), Some(b));
    a.remove().unwrap();
    assert_eq!(a.next(), None);
    assert_eq!(main.next(), Some(b));
    run().unwrap();
}

#[test]
fn tasklet_ids_are_in_creation_order() {
    let _s = Scheduler::new();
    let a = spawn(|| Ok(())).unwrap();
    let b = spawn(|| Ok(())).unwrap();
    assert_eq!(main_tasklet().id(), 0);
    assert!(a.id() < b.id());
    assert_ne!(a, b);
    run().unwrap();
}

#[test]
fn native_tasklets_are_not_restorable() {
    let _s = Scheduler::new();
    let t = spawn(|| Ok(())).unwrap();
    assert!(!t.restorable());
    assert!(!main_tasklet().restorable());
    run().unwrap();
}

#[test]
fn calls_without_a_scheduler_fail() {
    // This test thread has no scheduler.
    let err = spawn(|| Ok(())).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::RuntimeError);
    assert_eq!(err.message(), msg::NO_SCHEDULER);
    let ch: Channel<i64> = Channel::new();
    let err = ch.send(1).unwrap_err();
    assert_eq!(err.message(), msg::NO_SCHEDULER);
}

/// Logs the result of a switching call made while it is dropped.
struct ScheduleOnDrop(Log);

impl Drop for ScheduleOnDrop {
    fn drop(&mut self) {
        match schedule() {
            Ok(()) => self.0.push("dropped: schedule ok"),
            Err(e) => self.0.push(format!("dropped: {}", e.message())),
        }
    }
}

#[test]
fn dropping_the_scheduler_unwinds_remaining_tasklets() {
    let log = Log::new();
    {
        let _s = Scheduler::new();
        let ch: Channel<i64> = Channel::new();
        let (inner, rx) = (log.clone(), ch.clone());
        spawn(move || {
            let _guard = ScheduleOnDrop(inner);
            rx.receive().map(|_| ())
        })
        .unwrap();
        run().unwrap();
        assert!(log.get().is_empty());
    }
    assert_eq!(log.get(), [format!("dropped: {}", msg::SHUTTING_DOWN)]);
    // A new scheduler can be made on the thread afterwards.
    let _s = Scheduler::new();
    assert_eq!(runcount(), 1);
}

/// A scheduler that something other than the main tasklet may drop.
type Held = Rc<RefCell<Option<Scheduler>>>;

fn held() -> Held {
    Rc::new(RefCell::new(Some(Scheduler::new())))
}

/// After a refused drop the scheduler is still this thread's: it runs new
/// tasklets, and no second scheduler can be made.
fn assert_scheduler_survives(holder: &Held) {
    assert!(holder.borrow().is_none(), "the Scheduler value was dropped");
    assert!(has_scheduler());
    assert_eq!(runcount(), 1);
    let log = Log::new();
    spawn(logger(&log, "after")).unwrap();
    run().unwrap();
    assert_eq!(log.get(), ["after"]);
    assert_eq!(stats().tasklets, 1);
    assert!(
        std::panic::catch_unwind(Scheduler::new).is_err(),
        "the refused scheduler stays installed"
    );
}

#[test]
fn a_native_tasklet_dropping_its_own_scheduler_is_refused() {
    let holder = held();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    let (inner, h, tx) = (log.clone(), holder.clone(), ch.clone());
    let t = spawn(move || {
        // The dispatch loop running this tasklet still uses the scheduler:
        // freeing it here would leave it working on freed memory.
        drop(h.borrow_mut().take());
        inner.push(format!("t: has_scheduler {}", has_scheduler()));
        schedule()?;
        tx.send(7)?;
        inner.push("t: sent");
        Ok(())
    })
    .unwrap();
    assert_eq!(ch.receive().unwrap(), 7);
    run().unwrap();
    assert!(!t.alive());
    assert_eq!(log.get(), ["t: has_scheduler true", "t: sent"]);
    assert_scheduler_survives(&holder);
}

#[test]
fn a_tasklet_whose_closure_owns_the_scheduler_ends_without_freeing_it() {
    let holder = held();
    let scheduler = holder.borrow_mut().take();
    let log = Log::new();
    let inner = log.clone();
    // The closure is dropped as the tasklet ends, inside the dispatch loop.
    spawn(move || {
        let _owned = scheduler;
        inner.push("t: ends");
        Ok(())
    })
    .unwrap();
    run().unwrap();
    assert_eq!(log.get(), ["t: ends"]);
    assert_scheduler_survives(&holder);
}

/// A soft tasklet that drops the scheduler in its first slice.
struct DropsScheduler {
    holder: Held,
    log: Log,
}

impl SoftTasklet for DropsScheduler {
    fn resume(&mut self, _budget: &mut u64) -> SoftStatus {
        drop(self.holder.borrow_mut().take());
        self.log
            .push(format!("soft: has_scheduler {}", has_scheduler()));
        SoftStatus::Finished
    }
}

#[test]
fn a_soft_tasklet_dropping_its_own_scheduler_is_refused() {
    let holder = held();
    let log = Log::new();
    let t = spawn_soft(Box::new(DropsScheduler {
        holder: holder.clone(),
        log: log.clone(),
    }))
    .unwrap();
    run().unwrap();
    assert!(!t.alive());
    assert_eq!(log.get(), ["soft: has_scheduler true"]);
    assert_scheduler_survives(&holder);
}

#[test]
fn a_channel_callback_dropping_the_scheduler_is_refused() {
    // The channel callback runs on main, outside the dispatch loop, in the
    // middle of main's send.
    let holder = held();
    let ch: Channel<i64> = Channel::new();
    let rx = ch.clone();
    let got = Rc::new(RefCell::new(Vec::new()));
    let inner = got.clone();
    spawn(move || {
        inner.borrow_mut().push(rx.receive()?);
        Ok(())
    })
    .unwrap();
    run().unwrap();
    let h = holder.clone();
    set_channel_callback(Some(Box::new(move |_, _, _, _| {
        drop(h.borrow_mut().take());
    })));
    ch.send(5).unwrap();
    set_channel_callback(None);
    run().unwrap();
    assert_eq!(*got.borrow(), [5]);
    assert_scheduler_survives(&holder);
}

#[test]
fn a_schedule_callback_dropping_the_scheduler_is_refused() {
    // The schedule callback runs inside the dispatch loop.
    let holder = held();
    let h = holder.clone();
    set_schedule_callback(Some(Box::new(move |_, _| {
        drop(h.borrow_mut().take());
    })));
    let log = Log::new();
    spawn(logger(&log, "t")).unwrap();
    run().unwrap();
    set_schedule_callback(None);
    assert_eq!(log.get(), ["t"]);
    assert_scheduler_survives(&holder);
}

#[test]
fn a_scheduler_dropped_while_the_scheduler_is_busy_is_refused() {
    // A blocked sender holds the scheduler as its value; killing it drops
    // the value while the kill is still updating the scheduler.
    let holder = held();
    let scheduler = holder.borrow_mut().take();
    let ch: Channel<Option<Scheduler>> = Channel::new();
    let tx = ch.clone();
    let t = spawn(move || tx.send(scheduler)).unwrap();
    run().unwrap();
    assert_eq!(ch.balance(), 1);
    t.kill(true).unwrap();
    assert_eq!(ch.balance(), 0);
    run().unwrap();
    assert!(!t.alive());
    assert_scheduler_survives(&holder);
}

#[test]
fn main_switching_away_is_revived_when_the_queue_empties() {
    let _s = Scheduler::new();
    let log = Log::new();
    let inner = log.clone();
    let t = spawn(move || {
        let main = main_tasklet();
        inner.push(format!("t: main paused={}", main.paused()));
        Ok(())
    })
    .unwrap();
    t.switch().unwrap();
    log.push("main: back");
    assert_eq!(log.get(), ["t: main paused=true", "main: back"]);
    assert_eq!(runcount(), 1);
}
