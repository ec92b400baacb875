//! The calls a tasklet makes to the scheduler of its thread: creating
//! tasklets, yielding, running the queue, sleeping, traps and callbacks
//! (Stackless's module-level functions).
//!
//! Calls that can switch come in two forms: the plain one for native
//! tasklets and the main tasklet, which returns when the caller runs again,
//! and a `*_soft` one for soft tasklets, which returns a [`Step`] (see
//! [`crate::soft`]).

use std::time::{Duration, Instant};

use crate::error::{TaskletError, TaskletResult, msg};
use crate::introspect::{SchedulerStats, TaskletInfo};
use crate::scheduler::{
    ChannelCallback, ErrorHandler, NONE, RunOptions, ScheduleCallback, core, core_or_panic,
};
use crate::soft::{SoftTasklet, Step};
use crate::tasklet::{Tasklet, done, precheck};
use crate::timer::WakeAt;

// ---- creating tasklets ---------------------------------------------------

/// Creates a native tasklet running `f` and appends it to the run queue.
///
/// `f` runs on its own stack from the pool. It returns `Err` to end with
/// an exception: `TaskletExit` (from [`Tasklet::kill`]) ends it silently;
/// any other error goes to the error handler or is raised in the main
/// tasklet. A panic inside `f` ends the tasklet with a `Panic` error.
pub fn spawn<F>(f: F) -> TaskletResult<Tasklet>
where
    F: FnOnce() -> TaskletResult<()> + 'static,
{
    let t = bind(f)?;
    t.setup()?;
    Ok(t)
}

/// [`spawn`] with a name for introspection and error reports.
pub fn spawn_named<F>(name: &str, f: F) -> TaskletResult<Tasklet>
where
    F: FnOnce() -> TaskletResult<()> + 'static,
{
    let t = bind(f)?;
    t.set_name(name);
    t.setup()?;
    Ok(t)
}

/// Creates a native tasklet bound to `f` but not set up (not alive, not
/// scheduled): Stackless's `tasklet(f)`. [`Tasklet::setup`] starts it.
pub fn bind<F>(f: F) -> TaskletResult<Tasklet>
where
    F: FnOnce() -> TaskletResult<()> + 'static,
{
    core()?.bind_native(f)
}

/// Creates a soft tasklet and appends it to the run queue.
pub fn spawn_soft(soft: Box<dyn SoftTasklet>) -> TaskletResult<Tasklet> {
    let t = bind_soft(soft)?;
    t.setup()?;
    Ok(t)
}

/// Creates a soft tasklet, bound but not set up.
pub fn bind_soft(soft: Box<dyn SoftTasklet>) -> TaskletResult<Tasklet> {
    Ok(core()?.bind_soft(soft))
}

// ---- who runs --------------------------------------------------------------

/// The running tasklet (Stackless's `getcurrent()`).
pub fn current() -> Tasklet {
    let core = core_or_panic();
    let st = core.st.borrow();
    st.handle(st.running)
}

/// The main tasklet (Stackless's `getmain()`).
pub fn main_tasklet() -> Tasklet {
    let core = core_or_panic();
    let st = core.st.borrow();
    st.handle(st.main)
}

/// Tasklets in the run queue, the running one included (Stackless's
/// `getruncount()`).
pub fn runcount() -> usize {
    core_or_panic().st.borrow().ring_len
}

// ---- yielding ----------------------------------------------------------------

/// Moves the caller to the end of the run queue and runs the next tasklet.
pub fn schedule() -> TaskletResult<()> {
    done(schedule_impl(false, false)?)
}

/// Takes the caller out of the run queue (paused) and runs the next
/// tasklet; returns when someone inserts the caller again.
pub fn schedule_remove() -> TaskletResult<()> {
    done(schedule_impl(true, false)?)
}

/// Whether this thread has a [`crate::Scheduler`].
pub fn has_scheduler() -> bool {
    core().is_ok()
}

/// [`schedule`] for a soft tasklet.
pub fn schedule_soft() -> TaskletResult<Step<()>> {
    schedule_impl(false, true)
}

/// [`schedule_remove`] for a soft tasklet.
pub fn schedule_remove_soft() -> TaskletResult<Step<()>> {
    schedule_impl(true, true)
}

fn schedule_impl(remove: bool, soft: bool) -> TaskletResult<Step<()>> {
    let core = core()?;
    let mut st = core.st.borrow_mut();
    precheck(&st, soft)?;
    if st.has_wall_sleepers() {
        core.wake_wall_timers(&mut st);
    }
    let running = st.running;
    if !soft
        && !remove
        && st.has_timed_watchdog()
        && let Some(watchdog) = st.native_scheduling_point()
    {
        // The watchdog's timeout interrupts the caller here.
        st.schedule_to(watchdog);
        drop(st);
        return core.complete(soft, true, ());
    }
    let successor = st.rec(running).next;
    let next = if successor == running {
        NONE
    } else if remove {
        st.by_priority(successor)
    } else if st.running_outranks_the_rest() {
        // A higher level than everyone else runnable: go on running.
        NONE
    } else {
        st.by_priority(successor)
    };
    if next != NONE && st.switch_trap > 0 {
        return Err(TaskletError::runtime(msg::SWITCH_TRAP));
    }
    if remove {
        st.ring_remove(running);
        st.schedule_to(next);
    } else if next == NONE {
        // Alone in the queue: a soft watchdog's interrupt pending on the
        // caller still fires here, as in Stackless.
        let watchdog = match st.soft_irq_pending(running) {
            true => core.soft_irq_redirect(&mut st, running, running),
            false => running,
        };
        if watchdog == running {
            return Ok(Step::Done(()));
        }
        st.schedule_to(watchdog);
    } else {
        st.schedule_to(next);
    }
    let switch = st.next_run() != running;
    drop(st);
    core.complete(soft, switch, ())
}

/// Ends any operation of a soft tasklet that returned `Step::Switched`,
/// once the tasklet runs again: `Err` with the exception thrown into it
/// meanwhile (a kill, say), if any.
pub fn finish_soft() -> TaskletResult<()> {
    core()?.finish_soft()
}

// ---- running the queue -------------------------------------------------------

/// Runs the queue until it is empty (Stackless's `stackless.run()`): the
/// caller pauses, and returns when nothing else can run.
pub fn run() -> TaskletResult<()> {
    run_watchdog(RunOptions::default()).map(|_| ())
}

/// Runs the queue under a watchdog (Stackless's `run(timeout, soft,
/// totaltimeout)`). Returns `None` when the queue is empty (or, with
/// `soft`, at the first switch after the timeout), or the tasklet that a
/// hard interrupt took out of the queue (paused: insert it to go on).
/// An uncaught error of another tasklet comes out of here as `Err`.
pub fn run_watchdog(opts: RunOptions) -> TaskletResult<Option<Tasklet>> {
    match run_watchdog_impl(opts, false)? {
        Step::Done(r) => Ok(r),
        Step::Switched => unreachable!("blocking calls never return Switched"),
    }
}

/// [`run_watchdog`] for a soft tasklet: on `Step::Switched`, park and call
/// [`finish_run_soft`] when resumed.
pub fn run_watchdog_soft(opts: RunOptions) -> TaskletResult<Step<Option<Tasklet>>> {
    run_watchdog_impl(opts, true)
}

/// Ends a soft tasklet's [`run_watchdog_soft`] that switched away.
pub fn finish_run_soft() -> TaskletResult<Option<Tasklet>> {
    core()?.st.borrow_mut().finish_watchdog()
}

fn run_watchdog_impl(opts: RunOptions, soft: bool) -> TaskletResult<Step<Option<Tasklet>>> {
    let core = core()?;
    let mut st = core.st.borrow_mut();
    precheck(&st, soft)?;
    if st.has_wall_sleepers() {
        core.wake_wall_timers(&mut st);
    }
    let running = st.running;
    if st.switch_trap > 0 && (st.ring_len > 1 || st.has_wall_sleepers()) {
        return Err(TaskletError::runtime(msg::SWITCH_TRAP));
    }
    st.start_watchdog(opts);
    let switch = st.next_run() != running;
    if !switch {
        st.set_no_switch();
        return st.finish_watchdog().map(Step::Done);
    }
    drop(st);
    if soft {
        return Ok(Step::Switched);
    }
    let switched = core.switch_prepared();
    let mut st = core.st.borrow_mut();
    let finished = st.finish_watchdog();
    match switched {
        Err(e) => Err(e),
        Ok(()) => finished.map(Step::Done),
    }
}

// ---- sleeping ------------------------------------------------------------------

/// Sleeps for `duration` of wall-clock time (for standalone programs; a
/// game world sleeps in ticks). Other tasklets run meanwhile; when none
/// can, the thread sleeps until the first sleeper is due.
pub fn sleep(duration: Duration) -> TaskletResult<()> {
    done(sleep_impl(WakeAt::Wall(Instant::now() + duration), false)?)
}

/// Sleeps until [`advance_tick`] has been called `ticks` times. Zero ticks
/// returns at once.
pub fn sleep_ticks(ticks: u64) -> TaskletResult<()> {
    if ticks == 0 {
        return Ok(());
    }
    let at = tick() + ticks;
    done(sleep_impl(WakeAt::Tick(at), false)?)
}

/// [`sleep`] for a soft tasklet.
pub fn sleep_soft(duration: Duration) -> TaskletResult<Step<()>> {
    sleep_impl(WakeAt::Wall(Instant::now() + duration), true)
}

/// [`sleep_ticks`] for a soft tasklet.
pub fn sleep_ticks_soft(ticks: u64) -> TaskletResult<Step<()>> {
    if ticks == 0 {
        return Ok(Step::Done(()));
    }
    let at = tick() + ticks;
    sleep_impl(WakeAt::Tick(at), true)
}

fn sleep_impl(until: WakeAt, soft: bool) -> TaskletResult<Step<()>> {
    let core = core()?;
    let mut st = core.st.borrow_mut();
    precheck(&st, soft)?;
    if st.switch_trap > 0 {
        return Err(TaskletError::runtime(msg::SWITCH_TRAP));
    }
    let running = st.running;
    st.sleep_running(until);
    let switch = st.next_run() != running;
    drop(st);
    core.complete(soft, switch, ())
}

/// The scheduler's tick counter (0 at the start).
pub fn tick() -> u64 {
    core_or_panic().st.borrow().tick
}

/// Advances the tick counter by one and makes the tasklets whose
/// [`sleep_ticks`] ends now runnable (in the order they went to sleep).
/// Returns how many woke. Called by the game loop once per tick.
pub fn advance_tick() -> usize {
    core_or_panic().advance_tick()
}

/// Seeds the generator that picks among ready select cases and M-of-N
/// join channels: the same seed and the same program make the same
/// choices.
pub fn set_select_seed(seed: u64) -> TaskletResult<()> {
    core()?.st.borrow_mut().rng = seed;
    Ok(())
}

/// Sets the tick counter (a loaded world goes on from its saved tick).
/// Only while no tasklet sleeps on ticks.
pub fn set_tick(tick: u64) -> TaskletResult<()> {
    let core = core()?;
    let mut st = core.st.borrow_mut();
    if st.timers.tick_sleepers() > 0 {
        return Err(TaskletError::runtime(
            "the tick cannot change while tasklets sleep on ticks",
        ));
    }
    st.tick = tick;
    Ok(())
}

// ---- traps and flags -------------------------------------------------------------

/// Changes the switch-trap level by `delta` and returns the old level.
/// While the level is above zero, any switch raises
/// `RuntimeError("switch_trap")`.
pub fn switch_trap(delta: i32) -> i32 {
    let core = core_or_panic();
    let mut st = core.st.borrow_mut();
    let old = st.switch_trap;
    st.switch_trap += delta;
    old
}

/// Sets the running tasklet's atomic flag; returns the old one.
pub fn set_atomic(on: bool) -> bool {
    current().set_atomic(on)
}

/// Makes the running tasklet atomic until the guard is dropped (Stackless's
/// `with stackless.atomic():`).
pub fn atomic() -> AtomicGuard {
    let tasklet = current();
    let old = tasklet.set_atomic(true);
    AtomicGuard { tasklet, old }
}

/// Restores the atomic flag when dropped; see [`atomic`].
#[must_use = "the tasklet is atomic only while the guard lives"]
pub struct AtomicGuard {
    tasklet: Tasklet,
    old: bool,
}

impl Drop for AtomicGuard {
    fn drop(&mut self) {
        if crate::scheduler::core().is_ok() {
            self.tasklet.set_atomic(self.old);
        }
    }
}

// ---- callbacks -------------------------------------------------------------------

/// Sets the handler of uncaught tasklet errors; returns the old one.
pub fn set_error_handler(handler: Option<ErrorHandler>) -> Option<ErrorHandler> {
    core_or_panic().set_error_handler(handler)
}

/// Sets the callback called on every switch; returns the old one.
pub fn set_schedule_callback(cb: Option<ScheduleCallback>) -> Option<ScheduleCallback> {
    core_or_panic().set_schedule_callback(cb)
}

/// Sets the callback called before every channel operation; returns the
/// old one.
pub fn set_channel_callback(cb: Option<ChannelCallback>) -> Option<ChannelCallback> {
    core_or_panic().set_channel_callback(cb)
}

// ---- introspection -------------------------------------------------------------------

/// Every live tasklet: id, name, kind, state, what it waits on, runs and
/// CPU time. Main first, then in creation order.
pub fn tasklets() -> Vec<TaskletInfo> {
    let core = core_or_panic();
    let st = core.st.borrow();
    crate::introspect::all(&st)
}

/// Switches since the scheduler started (what [`stats`] counts, without
/// its walk over every tasklet).
pub fn switches() -> u64 {
    core_or_panic().st.borrow().switches
}

/// Counters of the whole scheduler.
pub fn stats() -> SchedulerStats {
    let core = core_or_panic();
    let st = core.st.borrow();
    crate::introspect::stats(&st)
}
