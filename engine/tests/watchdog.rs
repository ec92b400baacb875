//! The watchdog: `run(timeout, soft, totaltimeout)` interrupting soft
//! tasklets by instruction count and native ones at scheduling points.

mod common;

use common::{Log, Op, logger, say, spawn_script, user_error};
use shoal_engine::{
    Channel, RunOptions, Scheduler, Tasklet, TaskletResult, TaskletState, atomic, main_tasklet,
    run, run_watchdog, runcount, schedule, spawn, spawn_named,
};

fn hard(timeout: u64) -> RunOptions {
    RunOptions {
        timeout,
        ..RunOptions::default()
    }
}

fn soft(timeout: u64) -> RunOptions {
    RunOptions {
        timeout,
        soft: true,
        ..RunOptions::default()
    }
}

fn total(timeout: u64) -> RunOptions {
    RunOptions {
        timeout,
        totaltimeout: true,
        ..RunOptions::default()
    }
}

fn counts(name: &str, range: std::ops::Range<u32>) -> Vec<String> {
    range.map(|i| format!("{name}{i}")).collect()
}

/// Runs under `opts` until nothing but main is left, re-inserting every
/// interrupted tasklet (Stackless's watchdog loop); returns the victims.
fn run_to_completion(opts: RunOptions) -> Vec<Tasklet> {
    let mut victims = Vec::new();
    while runcount() > 1 {
        if let Some(t) = run_watchdog(opts).unwrap() {
            victims.push(t);
            t.insert().unwrap();
        }
    }
    victims
}

#[test]
fn run_watchdog_returns_none_when_the_queue_empties() {
    let _s = Scheduler::new();
    let log = Log::new();
    spawn(logger(&log, "t")).unwrap();
    assert_eq!(run_watchdog(hard(1000)).unwrap(), None);
    assert_eq!(log.get(), ["t"]);
    assert_eq!(run_watchdog(RunOptions::default()).unwrap(), None);
    assert_eq!(runcount(), 1);
}

#[test]
fn hard_interrupt_returns_the_victim_paused() {
    let _s = Scheduler::new();
    let log = Log::new();
    let a = spawn_script("A", &log, vec![Op::Count(10)]);
    let victim = run_watchdog(hard(4)).unwrap();
    assert_eq!(victim, Some(a));
    assert_eq!(log.get(), counts("A", 0..4));
    assert!(a.alive());
    assert!(a.paused());
    assert!(!a.scheduled());
    assert_eq!(runcount(), 1);
    // Insert it to go on, exactly where it stopped.
    a.insert().unwrap();
    assert_eq!(run_watchdog(hard(4)).unwrap(), Some(a));
    assert_eq!(log.get(), counts("A", 0..8));
    a.insert().unwrap();
    assert_eq!(run_watchdog(hard(4)).unwrap(), None);
    assert_eq!(log.get(), counts("A", 0..10));
    assert!(!a.alive());
}

#[test]
fn hard_interrupts_round_robin_two_soft_tasklets() {
    let _s = Scheduler::new();
    let log = Log::new();
    let a = spawn_script("A", &log, vec![Op::Count(6)]);
    let b = spawn_script("B", &log, vec![Op::Count(6)]);
    let victims = run_to_completion(hard(2));
    assert_eq!(
        log.get(),
        [
            "A0", "A1", "B0", "B1", "A2", "A3", "B2", "B3", "A4", "A5", "B4", "B5"
        ]
    );
    assert_eq!(victims, [a, b, a, b]);
}

#[test]
fn soft_interrupt_returns_none_and_leaves_everyone_scheduled() {
    let _s = Scheduler::new();
    let log = Log::new();
    let a = spawn_script("A", &log, vec![Op::Count(5), Op::Schedule, say("A:end")]);
    let b = spawn_named("B", {
        let log = log.clone();
        move || {
            log.push("B");
            Ok(())
        }
    })
    .unwrap();
    // A overruns its 3 instructions but is not interrupted; the watchdog
    // returns at A's next switch.
    assert_eq!(run_watchdog(soft(3)).unwrap(), None);
    assert_eq!(log.get(), counts("A", 0..5));
    assert!(a.scheduled() && !a.paused());
    assert!(b.scheduled());
    assert_eq!(runcount(), 3);
    run().unwrap();
    let mut expected = counts("A", 0..5);
    expected.extend(["B".to_string(), "A:end".to_string()]);
    assert_eq!(log.get(), expected);
}

#[test]
fn soft_interrupt_fires_at_a_schedule_with_nobody_else_runnable() {
    // Stackless returns from run() at A's schedule() though A would run
    // on: A stays scheduled, its code after the schedule not yet run.
    let _s = Scheduler::new();
    let log = Log::new();
    let a = spawn_script("A", &log, vec![Op::Count(5), Op::Schedule, say("A:end")]);
    assert_eq!(run_watchdog(soft(3)).unwrap(), None);
    assert_eq!(log.get(), counts("A", 0..5));
    assert!(a.scheduled() && !a.paused());
    run().unwrap();
    assert_eq!(log.get().last().map(String::as_str), Some("A:end"));
}

#[test]
fn soft_interrupt_fires_when_the_overrunning_tasklet_ends() {
    // The flagged tasklet's death is a switch too: run() returns there,
    // and the next tasklet stays scheduled.
    let _s = Scheduler::new();
    let log = Log::new();
    spawn_script("A", &log, vec![Op::Count(5)]);
    let b = spawn(logger(&log, "B")).unwrap();
    assert_eq!(run_watchdog(soft(3)).unwrap(), None);
    assert_eq!(log.get(), counts("A", 0..5));
    assert!(b.scheduled());
    run().unwrap();
    assert_eq!(log.get().last().map(String::as_str), Some("B"));
}

#[test]
fn soft_watchdog_without_overrun_runs_everything() {
    let _s = Scheduler::new();
    let log = Log::new();
    spawn_script("A", &log, vec![Op::Count(2)]);
    spawn_script("B", &log, vec![Op::Count(2)]);
    assert_eq!(run_watchdog(soft(5)).unwrap(), None);
    assert_eq!(log.get(), ["A0", "A1", "B0", "B1"]);
    assert_eq!(runcount(), 1);
}

#[test]
fn slice_restarts_at_every_switch() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ops = vec![Op::Count(2), Op::Schedule, Op::Count(2)];
    spawn_script("A", &log, ops.clone());
    spawn_script("B", &log, ops);
    // Each slice is 3 instructions at most: never interrupted.
    assert_eq!(run_watchdog(hard(4)).unwrap(), None);
    assert_eq!(log.get(), ["A0", "A1", "B0", "B1", "A2", "A3", "B2", "B3"]);
}

#[test]
fn totaltimeout_counts_over_the_whole_run() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ops = vec![Op::Count(2), Op::Schedule, Op::Count(2)];
    spawn_script("A", &log, ops.clone());
    let b = spawn_script("B", &log, ops);
    // A spends 3 of the 4 instructions, B is interrupted after 1.
    assert_eq!(run_watchdog(total(4)).unwrap(), Some(b));
    assert_eq!(log.get(), ["A0", "A1", "B0"]);
    assert!(b.paused());
    b.insert().unwrap();
    run().unwrap();
    assert_eq!(log.get(), ["A0", "A1", "B0", "A2", "A3", "B1", "B2", "B3"]);
}

#[test]
fn totaltimeout_counts_the_instructions_of_tasklets_that_end() {
    let _s = Scheduler::new();
    let log = Log::new();
    spawn_script("A", &log, vec![Op::Count(3)]);
    let b = spawn_script("B", &log, vec![Op::Count(3)]);
    // A spends 3 of the 4 instructions and ends; B is interrupted after 1.
    assert_eq!(run_watchdog(total(4)).unwrap(), Some(b));
    assert_eq!(log.get(), ["A0", "A1", "A2", "B0"]);
    b.insert().unwrap();
    run().unwrap();
    assert_eq!(log.get(), ["A0", "A1", "A2", "B0", "B1", "B2"]);
}

#[test]
fn atomic_holds_back_the_interrupt() {
    let _s = Scheduler::new();
    let log = Log::new();
    let a = spawn_script(
        "A",
        &log,
        vec![
            Op::Atomic(true),
            Op::Count(6),
            Op::Atomic(false),
            Op::Count(4),
        ],
    );
    let victim = run_watchdog(hard(3)).unwrap();
    assert_eq!(victim, Some(a));
    // The whole atomic block ran, though it took 7 instructions.
    let logged = log.get();
    assert!(logged.starts_with(&counts("A", 0..6)), "{logged:?}");
    assert!(logged.len() < 10, "{logged:?}");
    a.insert().unwrap();
    run().unwrap();
    assert_eq!(log.get(), counts("A", 0..10));
}

#[test]
fn held_back_interrupt_fires_right_after_the_atomic_block() {
    let _s = Scheduler::new();
    let log = Log::new();
    let a = spawn_script(
        "A",
        &log,
        vec![
            Op::Atomic(true),
            Op::Count(12),
            Op::Atomic(false),
            Op::Count(10),
        ],
    );
    assert_eq!(run_watchdog(hard(10)).unwrap(), Some(a));
    // Interrupted as soon as the atomic flag is cleared: nothing after the
    // atomic block ran.
    assert_eq!(log.get(), counts("A", 0..12));
}

#[test]
fn native_tasklets_are_interrupted_at_their_next_scheduling_point() {
    let _s = Scheduler::new();
    let log = Log::new();
    let mut tasklets = Vec::new();
    for name in ["a", "b"] {
        let log = log.clone();
        tasklets.push(
            spawn_named(name, move || {
                for i in 0..2 {
                    log.push(format!("{name}{i}"));
                    schedule()?;
                }
                Ok(())
            })
            .unwrap(),
        );
    }
    let (a, b) = (tasklets[0], tasklets[1]);
    assert_eq!(run_watchdog(hard(1)).unwrap(), Some(a));
    assert_eq!(log.get(), ["a0"]);
    assert!(a.paused() && a.alive());
    assert!(b.scheduled());
    let victims = {
        a.insert().unwrap();
        run_to_completion(hard(1))
    };
    assert_eq!(log.get(), ["a0", "b0", "a1", "b1"]);
    assert!(!victims.is_empty());
}

#[test]
fn a_lone_native_tasklet_is_interrupted_at_its_next_scheduling_point() {
    let _s = Scheduler::new();
    let log = Log::new();
    let inner = log.clone();
    let t = spawn(move || {
        for i in 0..3 {
            inner.push(format!("t{i}"));
            schedule()?;
        }
        Ok(())
    })
    .unwrap();
    assert_eq!(run_watchdog(hard(1)).unwrap(), Some(t));
    assert_eq!(log.get(), ["t0"]);
}

#[test]
fn atomic_native_tasklet_is_not_interrupted() {
    let _s = Scheduler::new();
    let log = Log::new();
    let inner = log.clone();
    spawn_named("a", move || -> TaskletResult<()> {
        let _guard = atomic();
        for i in 0..2 {
            inner.push(format!("a{i}"));
            schedule()?;
        }
        Ok(())
    })
    .unwrap();
    let inner = log.clone();
    let b = spawn_named("b", move || {
        for i in 0..2 {
            inner.push(format!("b{i}"));
            schedule()?;
        }
        Ok(())
    })
    .unwrap();
    assert_eq!(run_watchdog(hard(1)).unwrap(), Some(b));
    assert_eq!(log.get(), ["a0", "b0"]);
}

#[test]
fn uncaught_error_comes_out_of_run_watchdog() {
    let _s = Scheduler::new();
    let log = Log::new();
    spawn_script(
        "A",
        &log,
        vec![Op::Count(2), Op::Fail(user_error("UserWarning", "w"))],
    );
    let err = run_watchdog(hard(100)).unwrap_err();
    assert_eq!(err, user_error("UserWarning", "w"));
    assert_eq!(log.get(), ["A0", "A1", "A:raised UserWarning: w"]);
    assert_eq!(runcount(), 1);
}

#[test]
fn soft_watchdog_returns_at_a_switch_of_native_tasklets() {
    // Native tasklets count one instruction per run slice: with a soft
    // timeout of 1, run() returns None at a switch, leaving both queued.
    let _s = Scheduler::new();
    let log = Log::new();
    let mut tasklets = Vec::new();
    for name in ["a", "b"] {
        let log = log.clone();
        tasklets.push(
            spawn_named(name, move || {
                for i in 0..3 {
                    log.push(format!("{name}{i}"));
                    schedule()?;
                }
                Ok(())
            })
            .unwrap(),
        );
    }
    assert_eq!(run_watchdog(soft(1)).unwrap(), None);
    assert!(log.get().len() < 6, "{:?}", log.get());
    assert!(tasklets.iter().all(|t| t.scheduled()));
    run().unwrap();
    assert_eq!(log.get(), ["a0", "b0", "a1", "b1", "a2", "b2"]);
}

#[test]
fn main_is_a_paused_watchdog_inside_run() {
    let _s = Scheduler::new();
    let log = Log::new();
    let inner = log.clone();
    spawn(move || {
        let main = main_tasklet();
        inner.push(format!(
            "paused={} scheduled={} state={:?}",
            main.paused(),
            main.scheduled(),
            main.info().map(|i| i.state)
        ));
        Ok(())
    })
    .unwrap();
    run().unwrap();
    assert_eq!(
        log.get(),
        [format!(
            "paused=true scheduled=false state={:?}",
            Some(TaskletState::Watchdog)
        )]
    );
    assert!(main_tasklet().scheduled());
}

#[test]
fn preempted_soft_clients_and_a_native_server_share_a_channel() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    for c in 0..3i64 {
        let mut ops = Vec::new();
        for i in 0..5 {
            ops.push(Op::Count(3));
            ops.push(Op::Send(ch.clone(), c * 100 + i));
        }
        spawn_script(&format!("c{c}-"), &log, ops);
    }
    let got = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let (rx, sink) = (ch.clone(), got.clone());
    let server = spawn_named("server", move || {
        for _ in 0..15 {
            sink.borrow_mut().push(rx.receive()?);
        }
        Ok(())
    })
    .unwrap();
    let victims = run_to_completion(hard(2));
    assert!(!victims.is_empty());
    assert!(!server.alive());
    let got = got.borrow();
    assert_eq!(got.len(), 15);
    for c in 0..3i64 {
        let from_c: Vec<i64> = got.iter().copied().filter(|v| v / 100 == c).collect();
        assert_eq!(from_c, (0..5).map(|i| c * 100 + i).collect::<Vec<_>>());
    }
}

#[test]
fn native_slices_restart_at_every_switch_unless_totaltimeout() {
    let _s = Scheduler::new();
    let log = Log::new();
    let spawn_pair = |log: &Log| -> Vec<Tasklet> {
        ["a", "b"]
            .into_iter()
            .map(|name| {
                let log = log.clone();
                spawn_named(name, move || {
                    for i in 0..2 {
                        log.push(format!("{name}{i}"));
                        schedule()?;
                    }
                    Ok(())
                })
                .unwrap()
            })
            .collect()
    };
    // One slice per switch, two allowed: never interrupted.
    spawn_pair(&log);
    assert_eq!(run_watchdog(hard(2)).unwrap(), None);
    assert_eq!(log.take(), ["a0", "b0", "a1", "b1"]);
    // Counted over the run: the second slice is the last.
    let pair = spawn_pair(&log);
    assert_eq!(run_watchdog(total(2)).unwrap(), Some(pair[1]));
    assert_eq!(log.get(), ["a0", "b0"]);
    pair[1].insert().unwrap();
    run().unwrap();
}

#[test]
fn inserting_main_wakes_its_run_early() {
    let _s = Scheduler::new();
    let log = Log::new();
    let inner = log.clone();
    let a = spawn_named("a", move || {
        inner.push("a");
        main_tasklet().insert()?;
        schedule()?;
        inner.push("a: after");
        Ok(())
    })
    .unwrap();
    spawn(logger(&log, "b")).unwrap();
    run().unwrap();
    assert_eq!(log.get(), ["a", "b"]);
    assert!(a.scheduled());
    run().unwrap();
    assert_eq!(log.get(), ["a", "b", "a: after"]);
}

#[test]
fn the_timeout_ends_with_its_run() {
    let _s = Scheduler::new();
    let log = Log::new();
    spawn_script(
        "A",
        &log,
        vec![Op::Count(1), Op::Fail(user_error("UserWarning", "w"))],
    );
    assert!(run_watchdog(hard(5)).is_err());
    // A later plain run() interrupts nobody.
    spawn_script("B", &log, vec![Op::Count(20)]);
    run().unwrap();
    assert_eq!(log.get().len(), 1 + 1 + 20);
    assert_eq!(runcount(), 1);
}

#[test]
fn run_from_a_tasklet_pauses_it_while_others_can_run() {
    let _s = Scheduler::new();
    let log = Log::new();
    let inner = log.clone();
    let runner = spawn_named("runner", move || {
        run()?;
        inner.push("runner: run returned");
        Ok(())
    })
    .unwrap();
    // Main stays in the ring: the runner's run() does not return.
    schedule().unwrap();
    assert!(runner.paused());
    assert_eq!(runner.info().unwrap().state, TaskletState::Watchdog);
    schedule().unwrap();
    assert!(log.get().is_empty());
    runner.run().unwrap();
    assert_eq!(log.get(), ["runner: run returned"]);
    assert!(!runner.alive());
}

#[test]
fn the_innermost_run_wakes_first_when_the_queue_empties() {
    let _s = Scheduler::new();
    let log = Log::new();
    let inner = log.clone();
    spawn_named("runner", move || {
        spawn(logger(&inner, "worker"))?;
        run()?;
        inner.push("runner: run returned");
        Ok(())
    })
    .unwrap();
    run().unwrap();
    log.push("main: run returned");
    assert_eq!(
        log.get(),
        ["worker", "runner: run returned", "main: run returned"]
    );
}

#[test]
fn main_run_returns_at_once_while_an_outer_runner_is_paused() {
    let _s = Scheduler::new();
    let log = Log::new();
    let inner = log.clone();
    let runner = spawn_named("runner", move || {
        match run() {
            Ok(()) => inner.push("runner: run returned"),
            Err(e) => {
                inner.push(format!("runner: {}", e.kind()));
                return Err(e);
            }
        }
        Ok(())
    })
    .unwrap();
    schedule().unwrap();
    assert!(runner.paused());
    // Main is now the innermost watchdog: it is the one woken.
    run().unwrap();
    assert!(runner.paused());
    assert!(log.get().is_empty());
    runner.kill(false).unwrap();
    assert_eq!(log.get(), ["runner: TaskletExit"]);
    assert!(!runner.alive());
}
