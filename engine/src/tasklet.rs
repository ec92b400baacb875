//! Tasklet handles and the operations on a tasklet (Stackless's
//! `tasklet` object).

use std::fmt;
use std::rc::Rc;

use crate::error::{TaskletError, TaskletResult, msg};
use crate::introspect::TaskletInfo;
use crate::scheduler::{Body, Wait, core, core_or_panic};
use crate::soft::Step;

/// A handle to a tasklet of this thread's scheduler.
///
/// Handles are small copyable values. A handle outlives its tasklet: once
/// the tasklet has ended, the handle reports it dead, and operations
/// behave as Stackless's do on a dead tasklet.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tasklet {
    pub(crate) idx: u32,
    pub(crate) serial: u64,
}

impl fmt::Debug for Tasklet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tasklet(#{})", self.serial)
    }
}

impl Tasklet {
    /// The tasklet's id: unique for the scheduler's lifetime, in creation
    /// order (main is 0).
    pub fn id(&self) -> u64 {
        self.serial
    }

    fn with<R>(&self, f: impl FnOnce(Option<&crate::scheduler::Rec>) -> R) -> R {
        let core = core_or_panic();
        let st = core.st.borrow();
        f(st.lookup(*self))
    }

    /// Set up and not yet ended (Stackless: has a frame).
    pub fn alive(&self) -> bool {
        self.with(|r| r.is_some_and(|r| r.alive))
    }

    /// In the run queue or blocked on a channel.
    pub fn scheduled(&self) -> bool {
        self.with(|r| r.is_some_and(|r| r.in_ring() || r.is_blocked()))
    }

    /// Waiting on a channel.
    pub fn blocked(&self) -> bool {
        self.with(|r| r.is_some_and(|r| r.is_blocked()))
    }

    /// Alive but neither runnable nor blocked (removed, in `run()`,
    /// interrupted, asleep).
    pub fn paused(&self) -> bool {
        self.with(|r| r.is_some_and(|r| r.alive && !r.in_ring() && !r.is_blocked()))
    }

    /// Has no native state on a stack: a soft tasklet that can be
    /// serialized. Native tasklets and main are never restorable.
    pub fn restorable(&self) -> bool {
        self.with(|r| match r.map(|r| &r.body) {
            Some(Body::Soft(Some(soft))) => soft.restorable(),
            _ => false,
        })
    }

    /// Whether this is the main tasklet.
    pub fn is_main(&self) -> bool {
        let core = core_or_panic();
        let st = core.st.borrow();
        st.handle(st.main) == *self
    }

    /// Whether this tasklet is running now.
    pub fn is_current(&self) -> bool {
        let core = core_or_panic();
        let st = core.st.borrow();
        st.handle(st.running) == *self
    }

    /// The tasklet's name, if it was given one.
    pub fn name(&self) -> Option<Rc<str>> {
        self.with(|r| r.and_then(|r| r.name.clone()))
    }

    /// Names the tasklet (shown by introspection and in overflow reports).
    pub fn set_name(&self, name: &str) {
        let core = core_or_panic();
        let mut st = core.st.borrow_mut();
        let running = st.running == self.idx;
        if let Some(r) = st.lookup_mut(*self) {
            let name: Rc<str> = Rc::from(name);
            if running && matches!(r.body, Body::Native(_)) {
                crate::overflow::rename_running(&name);
            }
            r.name = Some(name);
        }
    }

    /// Whether the watchdog may not interrupt this tasklet.
    pub fn atomic(&self) -> bool {
        self.with(|r| r.is_some_and(|r| r.atomic))
    }

    /// Sets the atomic flag; returns the old one.
    pub fn set_atomic(&self, on: bool) -> bool {
        let core = core_or_panic();
        let mut st = core.st.borrow_mut();
        match st.lookup_mut(*self) {
            Some(r) => std::mem::replace(&mut r.atomic, on),
            None => false,
        }
    }

    /// Whether a channel operation that would block raises instead.
    pub fn block_trap(&self) -> bool {
        self.with(|r| r.is_some_and(|r| r.block_trap))
    }

    /// Sets `block_trap`.
    pub fn set_block_trap(&self, on: bool) {
        let core = core_or_panic();
        if let Some(r) = core.st.borrow_mut().lookup_mut(*self) {
            r.block_trap = on;
        }
    }

    /// The priority level (0 unless set): the scheduler runs tasklets of
    /// higher levels first, in Stackless's order within a level. 0 for a
    /// dead tasklet.
    pub fn priority(&self) -> i32 {
        self.with(|r| r.map_or(0, |r| r.priority))
    }

    /// Sets the priority level, at any time (running, runnable, blocked,
    /// paused). It takes effect at the next scheduling decision. No-op on
    /// a dead tasklet.
    pub fn set_priority(&self, level: i32) {
        if let Ok(core) = core() {
            let mut st = core.st.borrow_mut();
            if st.lookup(*self).is_some() {
                st.set_priority(self.idx, level);
            }
        }
    }

    /// The next tasklet in the run queue (None if not in it).
    pub fn next(&self) -> Option<Tasklet> {
        let core = core_or_panic();
        let st = core.st.borrow();
        let r = st.lookup(*self)?;
        r.in_ring().then(|| st.handle(r.next))
    }

    /// The previous tasklet in the run queue (None if not in it).
    pub fn prev(&self) -> Option<Tasklet> {
        let core = core_or_panic();
        let st = core.st.borrow();
        let r = st.lookup(*self)?;
        r.in_ring().then(|| st.handle(r.prev))
    }

    /// What introspection knows of this tasklet (None once it has ended).
    pub fn info(&self) -> Option<TaskletInfo> {
        let core = core_or_panic();
        let st = core.st.borrow();
        st.lookup(*self)
            .map(|r| crate::introspect::info_of(&st, self.idx, r))
    }

    /// The tick this tasklet sleeps until (see [`crate::sleep_ticks`]),
    /// with the sequence number that orders sleepers of the same tick.
    pub fn sleeping_until_tick(&self) -> Option<(u64, u64)> {
        let core = core_or_panic();
        let st = core.st.borrow();
        match st.lookup(*self)?.wait {
            Wait::Sleep {
                seq,
                until: crate::timer::WakeAt::Tick(tick),
            } => Some((tick, seq)),
            _ => None,
        }
    }

    /// Puts a paused tasklet (alive, not in the run queue, waiting for
    /// nothing) to sleep until the scheduler's tick reaches `tick`: how a
    /// loaded world puts its sleepers back. Sleepers of one tick wake in
    /// the order they were put to sleep.
    pub fn sleep_until_tick(&self, tick: u64) -> TaskletResult<()> {
        let core = core()?;
        let mut st = core.st.borrow_mut();
        let running = st.running;
        let r = st
            .lookup(*self)
            .ok_or_else(|| TaskletError::runtime(msg::RUN_DEAD))?;
        if !r.alive || r.in_ring() || !matches!(r.wait, Wait::None) || self.idx == running {
            return Err(TaskletError::runtime(
                "only a paused tasklet can be put to sleep",
            ));
        }
        st.sleep_paused(self.idx, crate::timer::WakeAt::Tick(tick));
        Ok(())
    }

    // ---- queue operations ------------------------------------------------

    /// Sets up a bound tasklet and appends it to the run queue.
    pub fn setup(&self) -> TaskletResult<()> {
        let core = core()?;
        let mut st = core.st.borrow_mut();
        let r = st
            .lookup_mut(*self)
            .ok_or_else(|| TaskletError::runtime(msg::RUN_DEAD))?;
        if r.alive {
            return Err(TaskletError::runtime(msg::ALIVE));
        }
        r.alive = true;
        st.ring_append(self.idx);
        Ok(())
    }

    /// Appends the tasklet to the run queue if it is not there.
    pub fn insert(&self) -> TaskletResult<()> {
        let core = core()?;
        let mut st = core.st.borrow_mut();
        insert_checked(&mut st, *self)
    }

    /// Takes the tasklet out of the run queue, leaving it paused.
    pub fn remove(&self) -> TaskletResult<()> {
        let core = core()?;
        let mut st = core.st.borrow_mut();
        let running = st.running;
        let Some(r) = st.lookup(*self) else {
            return Ok(());
        };
        if r.is_blocked() {
            return Err(TaskletError::runtime(msg::REMOVE_BLOCKED));
        }
        if self.idx == running {
            return Err(TaskletError::runtime(msg::REMOVE_CURRENT));
        }
        if r.in_ring() {
            st.ring_remove(self.idx);
        }
        Ok(())
    }

    /// Unbinds a paused tasklet: its frames are dropped without running
    /// anything (no `finally`, no cleanup), and it is dead afterwards, as
    /// Stackless's `tasklet.bind(None)`. No-op on a dead tasklet. Refused
    /// for the running tasklet, one in the run queue or blocked, main, a
    /// tasklet paused in `run()`, and a native tasklet that has started
    /// (its stack cannot be dropped without unwinding it).
    pub fn discard(&self) -> TaskletResult<()> {
        self.end_unrun(false)
    }

    /// Ends a soft tasklet wherever it is (runnable, asleep, blocked on a
    /// channel or socket) without running anything of it: it is taken
    /// off what it waits on and out of the run queue, then discarded as
    /// by [`Tasklet::discard`]. For a tasklet whose state was saved and
    /// now lives on elsewhere (an entity handed to another zone). Refused
    /// for the running tasklet, main, a watchdog and native tasklets.
    pub fn abandon(&self) -> TaskletResult<()> {
        self.end_unrun(true)
    }

    /// [`Tasklet::discard`], and with `anywhere` [`Tasklet::abandon`]:
    /// drops the tasklet's body without running it.
    fn end_unrun(&self, anywhere: bool) -> TaskletResult<()> {
        let core = core()?;
        let mut st = core.st.borrow_mut();
        let running = st.running;
        let Some(r) = st.lookup(*self) else {
            return Ok(());
        };
        if self.idx == running {
            return Err(TaskletError::runtime(msg::REBIND_CURRENT));
        }
        let in_ring = r.in_ring();
        if !anywhere && (in_ring || r.is_blocked()) {
            return Err(TaskletError::runtime(msg::REBIND_SCHEDULED));
        }
        let droppable = match &r.body {
            Body::Soft(Some(_)) => true,
            Body::Native(Some(_)) => !anywhere && !r.started,
            _ => false,
        };
        if !droppable || st.is_watchdog(self.idx) {
            return Err(TaskletError::runtime(msg::DISCARD_NATIVE));
        }
        st.unwait(self.idx);
        if in_ring {
            st.ring_remove(self.idx);
        }
        let body = std::mem::replace(&mut st.rec_mut(self.idx).body, Body::Dead);
        st.release(self.idx);
        drop(st);
        // Dropped outside the borrow: a soft tasklet's drop may call back.
        drop(body);
        Ok(())
    }

    /// Inserts the tasklet if needed and switches to it now; the caller
    /// keeps its place in the queue.
    pub fn run(&self) -> TaskletResult<()> {
        done(self.run_impl(false, false)?)
    }

    /// Like [`Tasklet::run`], but the caller is removed from the queue
    /// (paused) until someone inserts it again.
    pub fn switch(&self) -> TaskletResult<()> {
        done(self.run_impl(true, false)?)
    }

    /// [`Tasklet::run`] for a soft tasklet.
    pub fn run_soft(&self) -> TaskletResult<Step<()>> {
        self.run_impl(false, true)
    }

    /// [`Tasklet::switch`] for a soft tasklet.
    pub fn switch_soft(&self) -> TaskletResult<Step<()>> {
        self.run_impl(true, true)
    }

    fn run_impl(&self, remove_caller: bool, soft: bool) -> TaskletResult<Step<()>> {
        let core = core()?;
        let mut st = core.st.borrow_mut();
        precheck(&st, soft)?;
        let running = st.running;
        if self.idx == running && st.lookup(*self).is_some() {
            return Ok(Step::Done(()));
        }
        let was_in_ring = st.lookup(*self).is_some_and(|r| r.in_ring());
        insert_checked(&mut st, *self)?;
        if st.switch_trap > 0 {
            if !was_in_ring {
                st.ring_remove(self.idx);
            }
            return Err(TaskletError::runtime(msg::SWITCH_TRAP));
        }
        if remove_caller && st.rec(running).in_ring() {
            st.ring_remove(running);
        }
        st.schedule_to(self.idx);
        drop(st);
        core.complete(soft, true, ())
    }

    // ---- exceptions --------------------------------------------------------

    /// Raises `TaskletExit` in the tasklet. With `pending`, only makes it
    /// runnable with the exception waiting; otherwise it runs now (its
    /// cleanup runs) and control comes back as with [`Tasklet::run`].
    /// No-op on a dead tasklet; on the current one, returns the error to
    /// the caller to propagate.
    pub fn kill(&self, pending: bool) -> TaskletResult<()> {
        self.throw(TaskletError::tasklet_exit(), pending)
    }

    /// Raises `error` in the tasklet (see [`Tasklet::kill`] for delivery).
    /// On a dead tasklet: `RuntimeError("You cannot throw to a dead
    /// tasklet")`, unless `error` is `TaskletExit`.
    pub fn throw(&self, error: TaskletError, pending: bool) -> TaskletResult<()> {
        done(self.throw_impl(error, pending, false)?)
    }

    /// [`Tasklet::kill`] for a soft tasklet.
    pub fn kill_soft(&self, pending: bool) -> TaskletResult<Step<()>> {
        self.throw_impl(TaskletError::tasklet_exit(), pending, true)
    }

    /// [`Tasklet::throw`] for a soft tasklet.
    pub fn throw_soft(&self, error: TaskletError, pending: bool) -> TaskletResult<Step<()>> {
        self.throw_impl(error, pending, true)
    }

    fn throw_impl(
        &self,
        error: TaskletError,
        pending: bool,
        soft: bool,
    ) -> TaskletResult<Step<()>> {
        let core = core()?;
        let mut st = core.st.borrow_mut();
        let running = st.running;
        let alive = st.lookup(*self).is_some_and(|r| r.alive);
        if !alive {
            return if error.is_tasklet_exit() {
                Ok(Step::Done(()))
            } else {
                Err(TaskletError::runtime(msg::THROW_DEAD))
            };
        }
        if self.idx == running {
            return Err(error);
        }
        if pending {
            st.unwait(self.idx);
            st.rec_mut(self.idx).pending = Some(error);
            if !st.rec(self.idx).in_ring() {
                st.ring_append(self.idx);
            }
            return Ok(Step::Done(()));
        }
        precheck(&st, soft)?;
        if st.switch_trap > 0 {
            return Err(TaskletError::runtime(msg::SWITCH_TRAP));
        }
        st.rec_mut(self.idx).pending = Some(error);
        st.schedule_to(self.idx);
        drop(st);
        core.complete(soft, true, ())
    }
}

/// Checks shared by every switching call.
pub(crate) fn precheck(st: &crate::scheduler::State, soft: bool) -> TaskletResult<()> {
    st.check_can_switch()?;
    if !soft && st.running_is_soft() {
        return Err(TaskletError::runtime(msg::SOFT_BLOCKING));
    }
    Ok(())
}

fn insert_checked(st: &mut crate::scheduler::State, t: Tasklet) -> TaskletResult<()> {
    let r = st
        .lookup(t)
        .ok_or_else(|| TaskletError::runtime(msg::RUN_DEAD))?;
    if !r.alive {
        return Err(TaskletError::runtime(msg::RUN_DEAD));
    }
    match r.wait {
        Wait::Channel { .. } | Wait::Select { .. } => {
            return Err(TaskletError::runtime(msg::RUN_BLOCKED));
        }
        Wait::Sleep { .. } | Wait::Io { .. } => st.unwait(t.idx),
        Wait::None => {}
    }
    if !st.rec(t.idx).in_ring() {
        st.ring_append(t.idx);
    }
    Ok(())
}

/// A blocking call's result from its step (a native or host caller
/// switches in place, so it never gets `Switched`).
pub(crate) fn done<T>(step: Step<T>) -> TaskletResult<T> {
    match step {
        Step::Done(v) => Ok(v),
        Step::Switched => Err(TaskletError::runtime(
            "a blocking call returned before its switch (a scheduler bug)",
        )),
    }
}
