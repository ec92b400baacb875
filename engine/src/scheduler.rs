//! The scheduler: one run queue per thread, shared by native and soft
//! tasklets, with Stackless Python's rules.
//!
//! # How control moves
//! The thread that creates the [`Scheduler`] is the *main tasklet* (the
//! "host"). Every other tasklet runs from the dispatch loop, which runs on
//! the host's stack whenever the host has switched away:
//!
//! * a native tasklet is a corosensei coroutine; to switch, it records the
//!   next tasklet and suspends back to the loop, which resumes the next one
//!   (two stack switches per tasklet switch);
//! * a soft tasklet is called by the loop ([`SoftTasklet::resume`]) and
//!   returns to it;
//! * the host, to switch, records the next tasklet and runs the loop until
//!   the loop picks the host again.
//!
//! # The run queue
//! A ring of tasklets threaded through their records (`next`/`prev`).
//! The running tasklet is the head while it is runnable; switching to a
//! tasklet means making it the head (rotating the ring), and a tasklet that
//! becomes runnable is inserted at the end (just before the head). Every
//! rule of `stackless-semantics.md` follows from these two moves, as in
//! Stackless's own `slp_schedule_task`.
//!
//! All state lives in a `RefCell<State>`; no borrow is held across a
//! switch or across a call into user code (callbacks, soft tasklets).

use std::cell::{Cell, RefCell};
use std::mem::MaybeUninit;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;
use std::time::Instant;

use corosensei::stack::DefaultStack;
use corosensei::{Coroutine, CoroutineResult, Yielder};

use crate::channel::{ChannelCore, ChannelInfo};
use crate::clock;
use crate::error::{ErrorKind, TaskletError, TaskletResult, msg};
use crate::introspect::TaskletKind;
use crate::overflow;
use crate::soft::{SoftStatus, SoftTasklet, Step};
use crate::stack_pool::{self, StackPool};
use crate::tasklet::Tasklet;
use crate::timer::{Timers, WakeAt};

/// No tasklet (end of a list, "not in the ring").
pub(crate) const NONE: u32 = u32::MAX;
/// `Rec::fired` of a join that completed.
pub(crate) const FIRED: u32 = u32::MAX - 1;
/// The seed of the select generator until `set_select_seed` changes it.
pub(crate) const DEFAULT_SELECT_SEED: u64 = 0x5EED_5E1E_C7ED;
/// Nothing is runnable but sleepers on the wall clock: wait for them.
pub(crate) const IDLE: u32 = u32::MAX - 1;
/// While tasklets run, the reactor is polled (without waiting) once every
/// this many switches.
const IO_POLL_EVERY: u64 = 512;

pub(crate) type Co = Coroutine<(), (), TaskletResult<()>, DefaultStack>;

/// Settings of a [`Scheduler`].
#[derive(Debug, Clone)]
pub struct SchedulerConfig {
    /// Bytes of address space reserved for each native tasklet's stack
    /// (memory is used only for the pages a tasklet touches).
    pub stack_size: usize,
    /// Idle stacks kept for reuse.
    pub stack_pool_limit: usize,
    /// Charge the time between switches to the tasklet that ran (costs a
    /// counter read, ~10 ns, per switch).
    pub track_cpu_time: bool,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        SchedulerConfig {
            stack_size: stack_pool::DEFAULT_STACK_SIZE,
            stack_pool_limit: stack_pool::DEFAULT_POOL_LIMIT,
            track_cpu_time: true,
        }
    }
}

/// Options of a watchdog [`run`](crate::run_watchdog), after Stackless's
/// `stackless.run(timeout, soft=..., totaltimeout=...)`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunOptions {
    /// Interrupt after this many instructions (0: never). Soft tasklets
    /// count VM instructions; a native tasklet counts one per run slice and
    /// is interrupted at its next scheduling point.
    pub timeout: u64,
    /// Interrupt nobody: return at the next switch, leaving every tasklet
    /// scheduled.
    pub soft: bool,
    /// Count the timeout over the whole run instead of restarting it at
    /// every switch.
    pub totaltimeout: bool,
}

pub(crate) enum Body {
    /// The main tasklet: the thread's own stack.
    Host,
    /// A native tasklet's coroutine; `None` while the loop is running it.
    /// Boxed so that a switch moves one pointer, not the coroutine.
    Native(Option<Box<Co>>),
    /// A soft tasklet; `None` while the loop is running it.
    Soft(Option<Box<dyn SoftTasklet>>),
    /// The record of a tasklet that has ended (its slot awaits reuse).
    Dead,
}

/// What a tasklet that is not runnable waits for.
pub(crate) enum Wait {
    None,
    Channel {
        chan: Rc<dyn ChannelCore>,
        sending: bool,
    },
    Sleep {
        seq: u64,
        until: WakeAt,
    },
    /// In a select or a join: queued on (select) or watching (join) every
    /// channel in `chans`, maybe with a deadline (its timer's sequence
    /// number and instant or tick).
    Select {
        chans: Vec<Rc<dyn ChannelCore>>,
        timer: Option<(u64, WakeAt)>,
        join: bool,
    },
    /// Parked on a reactor source (slot `key`), maybe with a deadline
    /// (its timer's sequence number and instant).
    Io {
        key: u32,
        writing: bool,
        timer: Option<(u64, Instant)>,
    },
}

pub(crate) struct Rec {
    pub(crate) serial: u64,
    /// False once the tasklet has ended and the record is a tombstone.
    live: bool,
    pub(crate) name: Option<Rc<str>>,
    pub(crate) body: Body,
    pub(crate) next: u32,
    pub(crate) prev: u32,
    pub(crate) wait: Wait,
    /// Set up (has a frame): Stackless's `alive`.
    pub(crate) alive: bool,
    pub(crate) started: bool,
    /// An exception to raise when the tasklet next runs.
    pub(crate) pending: Option<TaskletError>,
    pub(crate) atomic: bool,
    pub(crate) block_trap: bool,
    /// A watchdog interrupt held back (atomic, or a soft watchdog).
    pub(crate) pending_irq: bool,
    pub(crate) runs: u64,
    pub(crate) cpu_ticks: u64,
    /// The case of a select that fired (or `FIRED` for a join that
    /// completed); `NONE` while waiting and after a timeout.
    pub(crate) fired: u32,
    /// The priority level: higher levels run first (0 by default).
    pub(crate) priority: i32,
    yielder: *const Yielder<(), ()>,
    guard: (usize, usize),
}

impl Rec {
    fn new(serial: u64, body: Body) -> Rec {
        Rec {
            serial,
            live: true,
            name: None,
            body,
            next: NONE,
            prev: NONE,
            wait: Wait::None,
            alive: false,
            started: false,
            pending: None,
            atomic: false,
            block_trap: false,
            pending_irq: false,
            runs: 0,
            cpu_ticks: 0,
            fired: NONE,
            priority: 0,
            yielder: std::ptr::null(),
            guard: (0, 0),
        }
    }

    pub(crate) fn in_ring(&self) -> bool {
        self.next != NONE
    }

    pub(crate) fn is_blocked(&self) -> bool {
        matches!(self.wait, Wait::Channel { .. } | Wait::Select { .. })
    }

    pub(crate) fn kind(&self) -> TaskletKind {
        match self.body {
            Body::Host => TaskletKind::Main,
            Body::Native(_) | Body::Dead => TaskletKind::Native,
            Body::Soft(_) => TaskletKind::Soft,
        }
    }
}

/// A tasklet paused in `run()`.
struct Watchdog {
    idx: u32,
    /// This run holds the interrupt (`timed` is its).
    timed: bool,
    /// This run was asked for a soft interrupt.
    soft: bool,
}

/// The watchdog run that holds the interrupt (the first `run` with a
/// timeout; nested timed runs act as plain runs, as in Stackless).
struct Timed {
    watchdog: u32,
    timeout: u64,
    soft: bool,
    total: bool,
    remaining: u64,
}

pub(crate) struct State {
    /// Tasklet records by index; ended tasklets leave tombstones that
    /// `free` lists for reuse.
    slots: Vec<Rec>,
    free: Vec<u32>,
    next_serial: u64,
    /// The tasklet executing now.
    pub(crate) running: u32,
    /// Whether `running` is a soft tasklet.
    running_soft: bool,
    /// Head of the run-queue ring (the running tasklet while runnable).
    pub(crate) head: u32,
    pub(crate) ring_len: usize,
    /// How many tasklets of each level other than 0 are in the ring
    /// (empty when everyone has the default level: priorities cost
    /// nothing then).
    ring_levels: Vec<(i32, u32)>,
    /// Whether any tasklet was ever given a level other than 0 (until
    /// then the ring operations skip counting levels).
    levels_used: bool,
    pub(crate) main: u32,
    /// Where the current operation decided control goes next.
    next_run: u32,
    /// Tasklets paused in `run()`, innermost last.
    watchdogs: Vec<Watchdog>,
    timed: Option<Timed>,
    /// The tasklet a watchdog interrupted, for `run()` to return.
    interrupted: Option<u32>,
    pub(crate) switch_trap: i32,
    pub(crate) in_callback: bool,
    tearing_down: bool,
    pub(crate) timers: Timers,
    /// The reactor, created when the first socket registers.
    pub(crate) io: Option<crate::reactor::Reactor>,
    /// Whether the scheduler sleeps in `poll` when only I/O waits.
    pub(crate) io_blocking: bool,
    /// The switch count at the last poll made while tasklets ran.
    last_io_poll: u64,
    pub(crate) tick: u64,
    last_clock: u64,
    pub(crate) switches: u64,
    pool: StackPool,
    /// Allocations for coroutines, reused like the stacks (the boxes are
    /// the point: a running coroutine's box moves as one pointer).
    #[allow(clippy::vec_box)]
    co_boxes: Vec<Box<MaybeUninit<Co>>>,
    track_cpu: bool,
    /// The state of the generator that picks among ready select cases
    /// (seeded: the same seed gives the same choices).
    pub(crate) rng: u64,
}

impl State {
    #[inline]
    pub(crate) fn rec(&self, idx: u32) -> &Rec {
        &self.slots[idx as usize]
    }

    #[inline]
    pub(crate) fn rec_mut(&mut self, idx: u32) -> &mut Rec {
        &mut self.slots[idx as usize]
    }

    /// The record of a handle, if the tasklet still exists.
    #[inline]
    pub(crate) fn lookup(&self, t: Tasklet) -> Option<&Rec> {
        self.slots
            .get(t.idx as usize)
            .filter(|r| r.live && r.serial == t.serial)
    }

    #[inline]
    pub(crate) fn lookup_mut(&mut self, t: Tasklet) -> Option<&mut Rec> {
        self.slots
            .get_mut(t.idx as usize)
            .filter(|r| r.live && r.serial == t.serial)
    }

    #[inline]
    pub(crate) fn handle(&self, idx: u32) -> Tasklet {
        Tasklet {
            idx,
            serial: self.slots[idx as usize].serial,
        }
    }

    /// Whether the record at `idx` belongs to a tasklet that has not ended.
    pub(crate) fn is_live(&self, idx: u32) -> bool {
        self.slots[idx as usize].live
    }

    fn alloc(&mut self, body: Body) -> u32 {
        let serial = self.next_serial;
        self.next_serial += 1;
        let rec = Rec::new(serial, body);
        match self.free.pop() {
            Some(idx) => {
                self.slots[idx as usize] = rec;
                idx
            }
            None => {
                self.slots.push(rec);
                (self.slots.len() - 1) as u32
            }
        }
    }

    /// Turns an ended tasklet's record into a tombstone that keeps its
    /// serial (so the coming switch's callback can still name it).
    pub(crate) fn release(&mut self, idx: u32) {
        let serial = self.slots[idx as usize].serial;
        let mut tomb = Rec::new(serial, Body::Dead);
        tomb.live = false;
        self.slots[idx as usize] = tomb;
        self.free.push(idx);
    }

    // ---- the ring -------------------------------------------------------

    /// Appends `t` at the end of the run queue (just before the head).
    #[inline]
    pub(crate) fn ring_append(&mut self, t: u32) {
        debug_assert!(!self.rec(t).in_ring());
        if self.head == NONE {
            let r = self.rec_mut(t);
            r.next = t;
            r.prev = t;
            self.head = t;
        } else {
            let head = self.head;
            let tail = self.rec(head).prev;
            self.rec_mut(tail).next = t;
            self.rec_mut(head).prev = t;
            let r = self.rec_mut(t);
            r.prev = tail;
            r.next = head;
        }
        self.ring_len += 1;
        self.count_level(t, true);
    }

    /// Inserts `t` right after `a` in the ring.
    #[inline]
    fn ring_insert_after(&mut self, a: u32, t: u32) {
        let b = self.rec(a).next;
        self.rec_mut(a).next = t;
        self.rec_mut(b).prev = t;
        let r = self.rec_mut(t);
        r.prev = a;
        r.next = b;
        self.ring_len += 1;
        self.count_level(t, true);
    }

    /// Takes `t` out of the ring; the head moves on if `t` was the head.
    #[inline]
    pub(crate) fn ring_remove(&mut self, t: u32) {
        let (prev, next) = {
            let r = self.rec(t);
            (r.prev, r.next)
        };
        debug_assert!(next != NONE);
        if next == t {
            self.head = NONE;
        } else {
            self.rec_mut(prev).next = next;
            self.rec_mut(next).prev = prev;
            if self.head == t {
                self.head = next;
            }
        }
        let r = self.rec_mut(t);
        r.next = NONE;
        r.prev = NONE;
        self.ring_len -= 1;
        self.count_level(t, false);
    }

    // ---- priorities -----------------------------------------------------

    /// Counts `t` in (or out of) the ring's levels.
    #[inline]
    fn count_level(&mut self, t: u32, entering: bool) {
        if !self.levels_used {
            return;
        }
        let level = self.rec(t).priority;
        if level == 0 {
            return;
        }
        match self.ring_levels.iter().position(|(l, _)| *l == level) {
            Some(i) if entering => self.ring_levels[i].1 += 1,
            Some(i) => {
                self.ring_levels[i].1 -= 1;
                if self.ring_levels[i].1 == 0 {
                    self.ring_levels.swap_remove(i);
                }
            }
            None if entering => self.ring_levels.push((level, 1)),
            None => debug_assert!(false, "a tasklet left a level it was not counted in"),
        }
    }

    /// Sets `t`'s level (recounting it if it is in the ring).
    pub(crate) fn set_priority(&mut self, t: u32, level: i32) {
        // Until now every tasklet had level 0: nothing to recount.
        self.levels_used |= level != 0;
        let in_ring = self.rec(t).in_ring();
        if in_ring {
            self.count_level(t, false);
        }
        self.rec_mut(t).priority = level;
        if in_ring {
            self.count_level(t, true);
        }
    }

    /// The highest level in the ring, leaving `except` out (it may be
    /// `NONE`); `None` if nobody else is there.
    fn top_level(&self, except: u32) -> Option<i32> {
        let except_in = except != NONE && self.rec(except).in_ring();
        let mut others = self.ring_len - usize::from(except_in);
        if others == 0 {
            return None;
        }
        let mut top: Option<i32> = None;
        let mut counted = 0usize;
        for &(level, n) in &self.ring_levels {
            let n = n as usize - usize::from(except_in && self.rec(except).priority == level);
            if n > 0 {
                counted += n;
                top = Some(top.map_or(level, |t: i32| t.max(level)));
            }
        }
        others -= counted;
        if others > 0 {
            top = Some(top.map_or(0, |t| t.max(0)));
        }
        top
    }

    /// The tasklet to run instead of `next` (the one Stackless's order
    /// picks): the first tasklet of the highest level, searching the ring
    /// from `next` on, moved just before `next` so that the order of the
    /// others is kept (round robin within a level). `next` itself when
    /// no level above its own is runnable.
    pub(crate) fn by_priority(&mut self, next: u32) -> u32 {
        if self.ring_levels.is_empty() || next == NONE || next == IDLE || !self.rec(next).in_ring()
        {
            return next;
        }
        let running = self.running;
        let Some(top) = self.top_level(running) else {
            return next;
        };
        if self.rec(next).priority >= top {
            return next;
        }
        let mut t = self.rec(next).next;
        while t != next {
            if t != running && self.rec(t).priority == top {
                self.ring_remove(t);
                let before = self.rec(next).prev;
                self.ring_insert_after(before, t);
                return t;
            }
            t = self.rec(t).next;
        }
        next
    }

    /// Whether the running tasklet, in the ring, outranks everyone else
    /// runnable (a `schedule()` then keeps it running).
    pub(crate) fn running_outranks_the_rest(&self) -> bool {
        if self.ring_levels.is_empty() && self.rec(self.running).priority == 0 {
            return false;
        }
        let mine = self.rec(self.running).priority;
        self.top_level(self.running).is_some_and(|top| mine > top)
    }

    // ---- waking ---------------------------------------------------------

    /// Makes a blocked, sleeping or paused tasklet runnable (appended);
    /// no-op if it already is. Returns false if it is dead.
    #[inline]
    pub(crate) fn make_runnable(&mut self, t: u32) {
        // A tasklet in the ring never waits on anything.
        if self.rec(t).in_ring() {
            return;
        }
        self.unwait(t);
        self.ring_append(t);
    }

    /// Takes `t` out of whatever it waits on (channel queue, timer).
    #[inline]
    pub(crate) fn unwait(&mut self, t: u32) {
        self.unwait_except(t, std::ptr::null());
    }

    /// [`State::unwait`], leaving the channel at `taken` alone (the one a
    /// select's entry was just taken from: it is not there any more).
    pub(crate) fn unwait_except(&mut self, t: u32, taken: *const ()) {
        let wait = std::mem::replace(&mut self.rec_mut(t).wait, Wait::None);
        match wait {
            Wait::None => {}
            Wait::Channel { chan, .. } => {
                chan.remove_waiter(t);
            }
            Wait::Sleep { until, seq } => self.timers.cancelled(until, seq),
            Wait::Select { chans, timer, .. } => {
                for chan in chans {
                    if !std::ptr::eq(Rc::as_ptr(&chan) as *const (), taken) {
                        chan.remove_waiter(t);
                    }
                }
                if let Some((seq, until)) = timer {
                    self.timers.cancelled(until, seq);
                }
            }
            Wait::Io {
                key,
                writing,
                timer,
            } => {
                if let Some(io) = self.io.as_mut() {
                    io.remove_waiter(key, t, writing);
                }
                if let Some((seq, at)) = timer {
                    self.timers.cancelled(WakeAt::Wall(at), seq);
                }
            }
        }
    }

    /// Prepares a switch from the running tasklet to `next` (Stackless's
    /// `slp_schedule_task`): a blocked or paused `next` is appended, then
    /// the switch makes it the head. `NONE` means nothing is runnable.
    #[inline]
    pub(crate) fn schedule_to(&mut self, next: u32) {
        let next = if next == NONE {
            self.nothing_runnable(None)
        } else {
            next
        };
        if next != IDLE && next != self.running {
            self.make_runnable(next);
        } else if next == self.running && !self.rec(next).in_ring() {
            // Reviving the caller itself (a lone schedule_remove, a run()
            // on an empty queue, or a deadlock error raised in place).
            self.unwait(next);
            self.ring_append(next);
            self.head = next;
        }
        self.next_run = next;
    }

    /// The innermost watchdog, or main: who wakes when nothing can run.
    fn wakeup(&self) -> u32 {
        self.watchdogs.last().map_or(self.main, |w| w.idx)
    }

    /// Nothing is runnable after the running tasklet left the ring.
    /// `ended` is `Some(())` when it left because it finished.
    /// Stackless's `schedule_task_block` and the end of `slp_tasklet_end`.
    fn nothing_runnable(&mut self, ended: Option<()>) -> u32 {
        // A game loop (I/O not blocking) is never put to sleep here: it
        // wakes wall-clock sleepers itself through `poll_io`.
        if self.io_blocking && self.timers.wall_sleepers() > 0 || self.io_blocks() {
            return IDLE;
        }
        let wakeup = self.wakeup();
        let w = self.rec(wakeup);
        if !w.in_ring() && matches!(w.wait, Wait::None) {
            // Paused (in run(), or removed): revive it.
            return wakeup;
        }
        if ended.is_some() {
            if let Wait::Channel { sending, .. } = w.wait {
                let text = if sending {
                    msg::MAIN_SENDING
                } else {
                    msg::MAIN_RECEIVING
                };
                self.rec_mut(wakeup).pending = Some(TaskletError::runtime(text));
                return wakeup;
            }
            // Main sleeps on ticks that nobody will advance.
            self.rec_mut(wakeup).pending = Some(TaskletError::runtime(msg::DEADLOCK));
            return wakeup;
        }
        // The running tasklet tried to block as the last runnable one: it
        // gets the error itself, and stays runnable.
        let running = self.running;
        self.rec_mut(running).pending = Some(TaskletError::runtime(msg::DEADLOCK));
        running
    }

    /// Fails if the running tasklet may not switch now.
    #[inline]
    pub(crate) fn check_can_switch(&self) -> TaskletResult<()> {
        if self.tearing_down {
            return Err(TaskletError::runtime(msg::SHUTTING_DOWN));
        }
        if self.in_callback {
            return Err(TaskletError::runtime(msg::IN_CALLBACK));
        }
        Ok(())
    }

    #[inline]
    pub(crate) fn running_is_soft(&self) -> bool {
        self.running_soft
    }

    /// Iterates over the live records: (index, record).
    pub(crate) fn records(&self) -> impl Iterator<Item = (u32, &Rec)> {
        self.slots
            .iter()
            .enumerate()
            .filter(|(_, r)| r.live)
            .map(|(i, r)| (i as u32, r))
    }

    /// Counters for introspection: (switches, stacks mapped, stacks idle,
    /// stack size, tick sleepers, wall sleepers).
    pub(crate) fn counters(&self) -> (u64, usize, usize, usize, usize, usize) {
        (
            self.switches,
            self.pool.mapped(),
            self.pool.idle(),
            self.pool.stack_size(),
            self.timers.tick_sleepers(),
            self.timers.wall_sleepers(),
        )
    }

    /// Whether `idx` is a tasklet paused in `run()`.
    pub(crate) fn is_watchdog(&self, idx: u32) -> bool {
        self.watchdogs.iter().any(|w| w.idx == idx)
    }

    #[inline]
    pub(crate) fn has_wall_sleepers(&self) -> bool {
        self.timers.wall_sleepers() > 0
    }

    /// The running tasklet leaves the ring (blocks, sleeps, removes itself)
    /// and the next one is chosen.
    #[inline]
    pub(crate) fn leave_ring_and_schedule(&mut self) {
        let running = self.running;
        let successor = self.rec(running).next;
        if successor != NONE && successor != running {
            // The common case: someone else is runnable.
            self.ring_remove(running);
            self.next_run = self.by_priority(successor);
            return;
        }
        if self.rec(running).in_ring() {
            self.ring_remove(running);
        }
        let next = self.by_priority(self.head);
        self.schedule_to(next);
    }

    /// Whether the running tasklet would be the only one left if it
    /// blocked, with no watchdog or sleeper to hand over to.
    #[inline]
    pub(crate) fn next_after_block(&self) -> u32 {
        let running = self.running;
        let r = self.rec(running);
        if r.in_ring() && self.ring_len > 1 {
            r.next
        } else if self.ring_len > 0 && !r.in_ring() {
            self.head
        } else {
            NONE
        }
    }

    /// A native tasklet (or the host) reached a scheduling point
    /// (`schedule()`) under a watchdog with a timeout: it is charged one
    /// instruction, and interrupted if its slice is spent. Returns the
    /// watchdog to switch to for a hard interrupt; a soft interrupt is
    /// flagged and fires at the tasklet's next switch.
    pub(crate) fn native_scheduling_point(&mut self) -> Option<u32> {
        let running = self.running;
        let timed = self.timed.as_mut()?;
        timed.remaining = timed.remaining.saturating_sub(1);
        if timed.remaining > 0 {
            return None;
        }
        timed.remaining = timed.timeout;
        let (soft, wd) = (timed.soft, timed.watchdog);
        if wd == running || self.rec(wd).in_ring() {
            return None;
        }
        if soft || self.rec(running).atomic || self.switch_trap > 0 {
            self.rec_mut(running).pending_irq = true;
            return None;
        }
        self.interrupted = Some(running);
        Some(wd)
    }

    /// Whether a `run()` with a timeout is in progress.
    #[inline]
    pub(crate) fn has_timed_watchdog(&self) -> bool {
        self.timed.is_some()
    }

    /// A number in `0..n` from the select generator (splitmix64).
    pub(crate) fn random_below(&mut self, n: usize) -> usize {
        self.rng = self.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        // Multiply-shift: unbiased enough for n far below 2^64.
        ((z as u128 * n as u128) >> 64) as usize
    }

    /// Whether a soft watchdog's interrupt waits for `idx`'s next switch.
    #[inline]
    pub(crate) fn soft_irq_pending(&self, idx: u32) -> bool {
        self.timed.as_ref().is_some_and(|t| t.soft) && self.rec(idx).pending_irq
    }

    /// How the running tasklet switches away (it must not be soft).
    #[inline]
    pub(crate) fn switch_handle(&self) -> SwitchHandle {
        let running = self.running;
        let r = self.rec(running);
        SwitchHandle {
            running,
            yielder: match r.body {
                Body::Host => std::ptr::null(),
                _ => r.yielder,
            },
        }
    }

    /// The current operation completes without a switch.
    #[inline]
    pub(crate) fn set_no_switch(&mut self) {
        self.next_run = NONE;
    }

    /// Where the current operation decided control goes next.
    #[inline]
    pub(crate) fn next_run(&self) -> u32 {
        self.next_run
    }

    /// Inserts `t` right after the running tasklet.
    #[inline]
    pub(crate) fn ring_insert_after_running(&mut self, t: u32) {
        let running = self.running;
        self.ring_insert_after(running, t);
    }

    /// Wakes a sleeper popped from the timer heap; entries of sleepers
    /// that were killed or woken otherwise are stale and ignored.
    fn wake_sleeper(&mut self, idx: u32, seq: u64) -> bool {
        let r = &self.slots[idx as usize];
        let valid = r.live
            && match r.wait {
                Wait::Sleep { seq: s, .. } => s == seq,
                Wait::Select {
                    timer: Some((s, _)),
                    ..
                } => s == seq,
                Wait::Io {
                    timer: Some((s, _)),
                    ..
                } => s == seq,
                _ => false,
            };
        if !valid {
            return false;
        }
        self.unwait(idx);
        self.ring_append(idx);
        true
    }

    /// Puts a paused tasklet to sleep until `until`.
    pub(crate) fn sleep_paused(&mut self, idx: u32, until: WakeAt) {
        let seq = self.timers.add(until, idx);
        self.rec_mut(idx).wait = Wait::Sleep { seq, until };
    }

    /// Puts the running tasklet to sleep until `until` (it leaves the ring).
    pub(crate) fn sleep_running(&mut self, until: WakeAt) {
        let running = self.running;
        let seq = self.timers.add(until, running);
        self.rec_mut(running).wait = Wait::Sleep { seq, until };
        self.leave_ring_and_schedule();
    }

    /// The running tasklet becomes a paused watchdog and the queue runs
    /// (the first half of `stackless.run()`).
    pub(crate) fn start_watchdog(&mut self, opts: RunOptions) {
        let running = self.running;
        let timed = opts.timeout > 0 && self.timed.is_none();
        if timed {
            self.timed = Some(Timed {
                watchdog: running,
                timeout: opts.timeout,
                soft: opts.soft,
                total: opts.totaltimeout,
                remaining: opts.timeout,
            });
        }
        self.watchdogs.push(Watchdog {
            idx: running,
            timed,
            soft: opts.soft,
        });
        if self.rec(running).in_ring() {
            self.ring_remove(running);
        }
        let head = self.head;
        let next = self.by_priority(head);
        self.schedule_to(next);
    }

    /// The second half of `run()`, when its caller runs again: leave the
    /// watchdog stack and report the interrupted tasklet, if any.
    pub(crate) fn finish_watchdog(&mut self) -> TaskletResult<Option<Tasklet>> {
        let me = self.running;
        let mut mine = None;
        if self.watchdogs.iter().any(|w| w.idx == me) {
            while let Some(w) = self.watchdogs.pop() {
                if w.idx == me {
                    mine = Some(w);
                    break;
                }
                // An inner watchdog skipped over goes back to the queue.
                if !self.rec(w.idx).in_ring() && matches!(self.rec(w.idx).wait, Wait::None) {
                    self.ring_append(w.idx);
                }
            }
        }
        if mine.as_ref().is_some_and(|w| w.timed) {
            self.timed = None;
        }
        if let Some(e) = self.take_pending(me) {
            return Err(e);
        }
        let Some(victim) = self.interrupted.take() else {
            return Ok(None);
        };
        if mine.as_ref().is_some_and(|w| w.soft) {
            return Ok(None);
        }
        if !self.is_live(victim) {
            return Ok(None);
        }
        if self.rec(victim).in_ring() {
            self.ring_remove(victim);
        }
        Ok(Some(self.handle(victim)))
    }

    #[inline]
    pub(crate) fn take_pending(&mut self, idx: u32) -> Option<TaskletError> {
        self.rec_mut(idx).pending.take()
    }
}

/// The scheduler's shared core; reached through the thread-local pointer.
pub(crate) struct Core {
    pub(crate) st: RefCell<State>,
    pub(crate) hooks: Hooks,
    config: SchedulerConfig,
    /// Dispatch loops running now (0 or 1): while one runs, the Core is in
    /// use on the host's stack and must not be freed.
    dispatching: Cell<u32>,
}

/// User callbacks. Each sits in its own cell and is taken out while it
/// runs, so a callback may replace itself.
#[derive(Default)]
pub(crate) struct Hooks {
    schedule_cb: RefCell<Option<ScheduleCallback>>,
    has_schedule_cb: Cell<bool>,
    channel_cb: RefCell<Option<ChannelCallback>>,
    pub(crate) has_channel_cb: Cell<bool>,
    error_handler: RefCell<Option<ErrorHandler>>,
}

/// `cb(prev, next)`, called on every switch.
pub type ScheduleCallback = Box<dyn FnMut(Tasklet, Tasklet)>;
/// `cb(channel, tasklet, sending, will_block)`, called before every
/// channel operation.
pub type ChannelCallback = Box<dyn FnMut(&ChannelInfo, Tasklet, bool, bool)>;
/// `handler(tasklet, error)`, called in a dying tasklet with its uncaught
/// error; `Ok` swallows the error, `Err(e)` sends `e` to the main tasklet.
pub type ErrorHandler = Box<dyn FnMut(Tasklet, &TaskletError) -> TaskletResult<()>>;

thread_local! {
    static CORE: Cell<*const Core> = const { Cell::new(std::ptr::null()) };
}

/// The scheduler of this thread.
///
/// Fails with `RuntimeError("no scheduler on this thread")` when none is
/// installed.
#[inline]
pub(crate) fn core() -> TaskletResult<&'static Core> {
    let ptr = CORE.with(|c| c.get());
    if ptr.is_null() {
        Err(TaskletError::runtime(msg::NO_SCHEDULER))
    } else {
        // SAFETY: the pointer is set by `Scheduler::new` to a boxed Core and
        // cleared in `Scheduler::drop` before the box is freed; a Scheduler
        // is !Send, so the Core lives on this thread for as long as the
        // pointer is set. The 'static lifetime never escapes this crate's
        // functions, which do not outlive a scheduler call.
        Ok(unsafe { &*ptr })
    }
}

/// Like [`core`] for calls that cannot report an error.
pub(crate) fn core_or_panic() -> &'static Core {
    match core() {
        Ok(core) => core,
        Err(_) => {
            panic!("shoal: no scheduler on this thread (create a shoal_engine::Scheduler first)")
        }
    }
}

/// The tasklet scheduler of one thread. Creating it makes the calling code
/// the main tasklet; dropping it kills every remaining tasklet.
///
/// Only one scheduler can exist per thread at a time; the free functions of
/// this crate ([`crate::schedule`], [`crate::spawn`], ...) and channel
/// operations use it.
///
/// Drop it on the main tasklet, outside any scheduler call. Dropping it
/// from code the scheduler is running (one of its tasklets, a callback, a
/// destructor it runs, a soft tasklet's `resume`) is refused: the
/// scheduler stays installed and working on this thread for the rest of
/// the thread's life, its memory is deliberately leaked, and a message
/// goes to stderr. Freeing it there would leave the scheduler code below
/// on the stack working on freed memory.
pub struct Scheduler {
    core: std::mem::ManuallyDrop<Box<Core>>,
    _not_send: std::marker::PhantomData<*const ()>,
}

impl Scheduler {
    /// A scheduler with the default configuration.
    ///
    /// # Panics
    /// If this thread already has a scheduler.
    pub fn new() -> Scheduler {
        Self::with_config(SchedulerConfig::default())
    }

    /// A scheduler with `config`.
    ///
    /// # Panics
    /// If this thread already has a scheduler.
    pub fn with_config(config: SchedulerConfig) -> Scheduler {
        assert!(
            CORE.with(|c| c.get().is_null()),
            "shoal: this thread already has a scheduler"
        );
        overflow::install();
        let mut st = State {
            slots: Vec::new(),
            free: Vec::new(),
            next_serial: 0,
            running: 0,
            running_soft: false,
            head: NONE,
            ring_len: 0,
            ring_levels: Vec::new(),
            levels_used: false,
            main: 0,
            next_run: NONE,
            watchdogs: Vec::new(),
            timed: None,
            interrupted: None,
            switch_trap: 0,
            in_callback: false,
            tearing_down: false,
            timers: Timers::default(),
            io: None,
            io_blocking: true,
            last_io_poll: 0,
            tick: 0,
            last_clock: clock::now(),
            switches: 0,
            pool: StackPool::new(config.stack_size, config.stack_pool_limit),
            co_boxes: Vec::new(),
            track_cpu: config.track_cpu_time,
            rng: DEFAULT_SELECT_SEED,
        };
        let main = st.alloc(Body::Host);
        {
            let r = st.rec_mut(main);
            r.alive = true;
            r.started = true;
            r.name = Some(Rc::from("main"));
        }
        st.ring_append(main);
        st.running = main;
        st.main = main;
        let core = Box::new(Core {
            st: RefCell::new(st),
            hooks: Hooks::default(),
            config,
            dispatching: Cell::new(0),
        });
        CORE.with(|c| c.set(&*core as *const Core));
        Scheduler {
            core: std::mem::ManuallyDrop::new(core),
            _not_send: std::marker::PhantomData,
        }
    }

    /// The configuration this scheduler was made with.
    pub fn config(&self) -> &SchedulerConfig {
        &self.core.config
    }
}

impl Default for Scheduler {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for Scheduler {
    fn drop(&mut self) {
        let core: &Core = &self.core;
        // Only the main tasklet, outside every scheduler call, may free the
        // scheduler: the dispatch loop (which runs every other tasklet, soft
        // tasklets' slices, the schedule callback), a callback, or a
        // scheduler call whose state is borrowed (a value dropped by a kill)
        // would go on using the Core after its return.
        let busy = match core.st.try_borrow() {
            Ok(st) => core.dispatching.get() > 0 || st.in_callback || st.running != st.main,
            Err(_) => true,
        };
        if busy {
            // SAFETY: `self.core` is never used again: this is its owner's
            // drop, and the box is leaked, never freed.
            let leaked = unsafe { std::mem::ManuallyDrop::take(&mut self.core) };
            Box::leak(leaked);
            eprintln!(
                "shoal: a Scheduler was dropped from inside itself (a tasklet, a callback, or \
                 a destructor the scheduler ran); the drop is refused: the scheduler stays \
                 installed on this thread and its memory is leaked. Drop the Scheduler on \
                 the main tasklet, outside scheduler calls."
            );
            return;
        }
        let bodies: Vec<Body> = {
            let mut st = core.st.borrow_mut();
            st.tearing_down = true;
            let mut bodies = Vec::new();
            for rec in st.slots.iter_mut() {
                rec.wait = Wait::None;
                bodies.push(std::mem::replace(&mut rec.body, Body::Dead));
            }
            bodies
        };
        // Dropping a suspended coroutine unwinds its stack, running the
        // destructors of what it holds; scheduler calls made by those
        // destructors fail with "the scheduler is shutting down".
        drop(bodies);
        CORE.with(|c| c.set(std::ptr::null()));
        // SAFETY: the Core is no longer reachable through CORE, and this is
        // its owner's drop: `self.core` is never used again.
        unsafe { std::mem::ManuallyDrop::drop(&mut self.core) };
    }
}

/// What a native tasklet or the host needs to switch away: taken while
/// the state is borrowed, used after the borrow ends.
#[derive(Clone, Copy)]
pub(crate) struct SwitchHandle {
    pub(crate) running: u32,
    /// The running coroutine's yielder; null for the host.
    yielder: *const Yielder<(), ()>,
}

/// How the dispatch loop goes on after choosing the next tasklet.
enum Go {
    Host,
    Idle,
    Native(u32, Box<Co>),
    Soft(u32),
}

impl Core {
    // ---- creating tasklets ---------------------------------------------

    /// Creates a native tasklet bound to `f`, not yet set up.
    pub(crate) fn bind_native<F>(&self, f: F) -> TaskletResult<Tasklet>
    where
        F: FnOnce() -> TaskletResult<()> + 'static,
    {
        let mut st = self.st.borrow_mut();
        let stack = st.pool.take().map_err(|e| {
            TaskletError::new(
                ErrorKind::MemoryError,
                format!("cannot map a tasklet stack: {e}"),
            )
        })?;
        let guard = stack_pool::guard_range(&stack);
        let co: Co = Coroutine::with_stack(stack, move |yielder: &Yielder<(), ()>, ()| {
            native_body(yielder, f)
        });
        let spare = st.co_boxes.pop().unwrap_or_else(Box::new_uninit);
        let idx = st.alloc(Body::Native(Some(Box::write(spare, co))));
        st.rec_mut(idx).guard = guard;
        Ok(st.handle(idx))
    }

    /// Creates a soft tasklet, not yet set up.
    pub(crate) fn bind_soft(&self, soft: Box<dyn SoftTasklet>) -> Tasklet {
        let mut st = self.st.borrow_mut();
        let idx = st.alloc(Body::Soft(Some(soft)));
        st.handle(idx)
    }

    // ---- switching -------------------------------------------------------

    /// Carries out the switch the current operation prepared (with
    /// `State::schedule_to`), from a native tasklet or the host, and
    /// returns when the caller runs again, with the exception thrown into
    /// it meanwhile, if any.
    #[inline]
    pub(crate) fn switch_prepared(&self) -> TaskletResult<()> {
        let (handle, next) = {
            let st = self.st.borrow();
            (st.switch_handle(), st.next_run)
        };
        if next == handle.running {
            self.st.borrow_mut().next_run = NONE;
            return self.take_running_pending(handle.running);
        }
        self.switch_with(handle)
    }

    /// Switches away from the running native tasklet or host, as prepared,
    /// and returns when it runs again (see [`State::switch_handle`]).
    #[inline]
    pub(crate) fn switch_with(&self, handle: SwitchHandle) -> TaskletResult<()> {
        if handle.yielder.is_null() {
            self.dispatch();
        } else {
            // SAFETY: the yielder belongs to the running coroutine, which
            // is suspended only here and lives until it returns.
            unsafe { (*handle.yielder).suspend(()) };
        }
        self.take_running_pending(handle.running)
    }

    #[inline]
    fn take_running_pending(&self, running: u32) -> TaskletResult<()> {
        match self.st.borrow_mut().take_pending(running) {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Ends a soft tasklet's operation: the exception thrown into it while
    /// it was parked, if any.
    #[inline]
    pub(crate) fn finish_soft(&self) -> TaskletResult<()> {
        let mut st = self.st.borrow_mut();
        let running = st.running;
        match st.take_pending(running) {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Completes an operation that prepared a switch: for a soft tasklet
    /// returns `Switched` (it parks), otherwise switches now.
    #[inline]
    pub(crate) fn complete<T>(&self, soft: bool, switch: bool, value: T) -> TaskletResult<Step<T>> {
        if !switch {
            let mut st = self.st.borrow_mut();
            st.next_run = NONE;
            let running = st.running;
            return match st.take_pending(running) {
                Some(e) => Err(e),
                None => Ok(Step::Done(value)),
            };
        }
        if soft {
            return Ok(Step::Switched);
        }
        self.switch_prepared()?;
        Ok(Step::Done(value))
    }

    /// The dispatch loop, on the host's stack: switches to the prepared
    /// tasklet and keeps running tasklets until the host is chosen again.
    #[inline(never)]
    fn dispatch(&self) {
        // Counts this loop while it runs, also when a panic unwinds out of
        // it (a soft tasklet's or a callback's, on this stack).
        struct Dispatching<'a>(&'a Cell<u32>);
        impl Drop for Dispatching<'_> {
            fn drop(&mut self) {
                self.0.set(self.0.get() - 1);
            }
        }
        self.dispatching.set(self.dispatching.get() + 1);
        let _dispatching = Dispatching(&self.dispatching);
        // A native tasklet that just suspended, to be put back in its
        // record by the next bookkeeping (one borrow instead of two).
        let mut parked = None;
        loop {
            match self.switch_bookkeeping(parked.take()) {
                Go::Host => return,
                Go::Idle => self.idle(),
                Go::Native(idx, mut co) => match co.resume(()) {
                    CoroutineResult::Yield(()) => parked = Some((idx, co)),
                    CoroutineResult::Return(result) => self.native_ended(idx, co, result),
                },
                Go::Soft(idx) => self.run_soft(idx),
            }
        }
    }

    /// Makes the prepared next tasklet the running one: soft-interrupt
    /// redirect, schedule callback, CPU accounting, time slice.
    fn switch_bookkeeping(&self, parked: Option<(u32, Box<Co>)>) -> Go {
        let mut st = self.st.borrow_mut();
        if let Some((idx, co)) = parked
            && let Body::Native(slot) = &mut st.rec_mut(idx).body
        {
            *slot = Some(co);
        }
        let prev = st.running;
        let mut next = st.next_run;
        st.next_run = NONE;
        if next == NONE {
            // A tasklet returned to the loop without choosing a successor
            // (it ran out of budget and stays runnable).
            next = prev;
        }
        if next == IDLE {
            return Go::Idle;
        }
        if next != prev {
            if st.timed.is_some() {
                next = self.soft_irq_redirect(&mut st, prev, next);
                if let Some(timed) = st.timed.as_mut()
                    && !timed.total
                {
                    timed.remaining = timed.timeout;
                }
            }
            if st.track_cpu {
                let now = clock::now();
                let spent = now.wrapping_sub(st.last_clock);
                st.last_clock = now;
                st.rec_mut(prev).cpu_ticks += spent;
            }
            st.switches += 1;
            if st.switches.wrapping_sub(st.last_io_poll) >= IO_POLL_EVERY && st.io_blocks() {
                // Busy tasklets must not starve the ones parked on sockets.
                st.last_io_poll = st.switches;
                st.poll_io(Some(std::time::Duration::ZERO));
            }
            if self.hooks.has_schedule_cb.get() {
                // The callback runs with `prev` still current, as in
                // Stackless.
                drop(st);
                self.call_schedule_cb(prev, next);
                st = self.st.borrow_mut();
            }
            st.head = next;
            st.running = next;
        }
        let size = st.pool.stack_size();
        let r = st.rec_mut(next);
        let (go, soft) = match &mut r.body {
            Body::Host => {
                overflow::clear_running();
                (Go::Host, false)
            }
            Body::Soft(_) => {
                overflow::clear_running();
                (Go::Soft(next), true)
            }
            Body::Dead => unreachable!("scheduler invariant: switch to an ended tasklet"),
            Body::Native(slot) => {
                let co = slot.take().expect("scheduler invariant: coroutine present");
                r.runs += 1;
                r.started = true;
                // The name's bytes live in the record's Rc, which outlives
                // this run even if the record moves.
                let name = r.name.as_deref().unwrap_or("");
                overflow::set_running(r.guard, size, r.serial, name);
                (Go::Native(next, co), false)
            }
        };
        st.running_soft = soft;
        go
    }

    /// A soft watchdog's interrupt fires at the next switch made by the
    /// tasklet that overran: the watchdog runs instead of `next`.
    pub(crate) fn soft_irq_redirect(&self, st: &mut State, prev: u32, next: u32) -> u32 {
        if !st.rec(prev).pending_irq {
            return next;
        }
        st.rec_mut(prev).pending_irq = false;
        let Some(timed) = st.timed.as_ref() else {
            return next;
        };
        let wd = timed.watchdog;
        if !timed.soft || wd == prev || wd == next || st.rec(wd).in_ring() {
            return next;
        }
        st.interrupted = Some(next);
        // Insert the watchdog just before `next` and run it instead.
        let before = st.rec(next).prev;
        st.ring_insert_after(before, wd);
        wd
    }

    fn call_schedule_cb(&self, prev: u32, next: u32) {
        let (p, n) = {
            let mut st = self.st.borrow_mut();
            st.in_callback = true;
            (st.handle(prev), st.handle(next))
        };
        let cb = self.hooks.schedule_cb.borrow_mut().take();
        if let Some(mut cb) = cb {
            cb(p, n);
            let mut slot = self.hooks.schedule_cb.borrow_mut();
            if slot.is_none() && self.hooks.has_schedule_cb.get() {
                *slot = Some(cb);
            }
        }
        self.st.borrow_mut().in_callback = false;
    }

    /// Calls the channel callback before a channel operation.
    pub(crate) fn call_channel_cb(&self, info: &ChannelInfo, sending: bool, will_block: bool) {
        let cur = {
            let mut st = self.st.borrow_mut();
            st.in_callback = true;
            st.handle(st.running)
        };
        let cb = self.hooks.channel_cb.borrow_mut().take();
        if let Some(mut cb) = cb {
            cb(info, cur, sending, will_block);
            let mut slot = self.hooks.channel_cb.borrow_mut();
            if slot.is_none() && self.hooks.has_channel_cb.get() {
                *slot = Some(cb);
            }
        }
        self.st.borrow_mut().in_callback = false;
    }

    /// Nothing runnable but wall-clock sleepers and tasklets parked on
    /// the reactor: sleep in `poll` (or plainly) until the first sleeper
    /// is due or a socket is ready.
    fn idle(&self) {
        let (deadline, io) = {
            let st = self.st.borrow();
            (st.timers.next_wall_deadline(), st.io_blocks())
        };
        if io {
            let timeout = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            let mut st = self.st.borrow_mut();
            st.poll_io(timeout);
            st.last_io_poll = st.switches;
        } else if let Some(deadline) = deadline {
            let now = Instant::now();
            if deadline > now {
                std::thread::sleep(deadline - now);
            }
        }
        let mut st = self.st.borrow_mut();
        self.wake_wall_timers(&mut st);
        st.last_clock = clock::now();
        let head = st.head;
        st.schedule_to(head);
        if st.next_run == IDLE && st.timers.wall_sleepers() == 0 && !st.io_blocks() {
            // Unreachable in practice: schedule_to only idles with sleepers.
            let main = st.main;
            st.schedule_to(main);
        }
    }

    /// Wakes every wall-clock sleeper whose time has come.
    pub(crate) fn wake_wall_timers(&self, st: &mut State) -> usize {
        let now = Instant::now();
        let mut woken = 0;
        while let Some((idx, seq)) = st.timers.pop_due_wall(now) {
            if st.wake_sleeper(idx, seq) {
                woken += 1;
            }
        }
        woken
    }

    /// Advances the tick counter and wakes the tick sleepers now due.
    pub(crate) fn advance_tick(&self) -> usize {
        let mut st = self.st.borrow_mut();
        st.tick += 1;
        let tick = st.tick;
        let mut woken = 0;
        while let Some((idx, seq)) = st.timers.pop_due_tick(tick) {
            if st.wake_sleeper(idx, seq) {
                woken += 1;
            }
        }
        woken
    }

    /// A native tasklet's function returned: recycle its stack and box.
    fn native_ended(&self, idx: u32, co: Box<Co>, result: TaskletResult<()>) {
        overflow::clear_running();
        let mut st = self.st.borrow_mut();
        let (co, spare) = unbox(co);
        st.pool.give(co.into_stack());
        st.co_boxes.push(spare);
        drop(st);
        self.retire(idx, result);
    }

    fn run_soft(&self, idx: u32) {
        let (mut soft, mut budget) = {
            let mut st = self.st.borrow_mut();
            let budget = match st.timed.as_ref() {
                Some(t) if st.rec(idx).pending_irq && !t.soft => 1,
                Some(t) => t.remaining,
                None => u64::MAX,
            };
            let r = st.rec_mut(idx);
            r.runs += 1;
            let was_started = std::mem::replace(&mut r.started, true);
            let pending = r.pending.take();
            let Body::Soft(slot) = &mut r.body else {
                unreachable!("run_soft on a non-soft tasklet")
            };
            let soft = slot
                .take()
                .expect("scheduler invariant: soft tasklet present");
            if let Some(e) = pending {
                // Thrown into a soft tasklet that never ran: it ends at its
                // start. A started one gets it from finish_soft().
                if !was_started {
                    drop(st);
                    self.put_soft(idx, soft);
                    self.retire(idx, Err(e));
                    return;
                }
                st.rec_mut(idx).pending = Some(e);
            }
            (soft, budget)
        };
        let start = budget;
        let status = soft.resume(&mut budget);
        let used = start.saturating_sub(budget);
        self.put_soft(idx, soft);
        if !matches!(status, SoftStatus::Yielded) {
            // The instructions of a slice that parked or ended count too:
            // a total timeout spans every tasklet the run ran, ended ones
            // included.
            let mut st = self.st.borrow_mut();
            if let Some(t) = st.timed.as_mut() {
                t.remaining = t.remaining.saturating_sub(used);
            }
        }
        match status {
            SoftStatus::Parked => {}
            SoftStatus::Yielded => {
                let mut st = self.st.borrow_mut();
                self.soft_out_of_budget(&mut st, idx, used);
            }
            SoftStatus::Finished => self.retire(idx, Ok(())),
            SoftStatus::Failed(e) => self.retire(idx, Err(e)),
        }
    }

    fn put_soft(&self, idx: u32, soft: Box<dyn SoftTasklet>) {
        let mut st = self.st.borrow_mut();
        if let Body::Soft(slot) = &mut st.rec_mut(idx).body {
            *slot = Some(soft);
        }
    }

    /// A soft tasklet spent its budget: interrupt it, hold the interrupt
    /// back (atomic, switch_trap, soft watchdog), or let it go on.
    fn soft_out_of_budget(&self, st: &mut State, idx: u32, used: u64) {
        st.next_run = idx;
        let Some(timed) = st.timed.as_mut() else {
            return;
        };
        timed.remaining = timed.remaining.saturating_sub(used);
        let (soft, wd, timeout) = (timed.soft, timed.watchdog, timed.timeout);
        // A hard interrupt held back earlier fires as soon as it may.
        let held = !soft && st.rec(idx).pending_irq;
        if st.timed.as_ref().is_some_and(|t| t.remaining > 0) && !held {
            return;
        }
        if let Some(timed) = st.timed.as_mut() {
            timed.remaining = timeout;
        }
        let atomic = st.rec(idx).atomic;
        if soft || atomic || st.switch_trap > 0 || st.rec(wd).in_ring() {
            st.rec_mut(idx).pending_irq = true;
            return;
        }
        st.rec_mut(idx).pending_irq = false;
        st.interrupted = Some(idx);
        st.make_runnable(wd);
        st.next_run = wd;
    }

    /// A tasklet ended (returned, raised, or was killed): release it and
    /// choose who runs next (Stackless's `slp_tasklet_end`).
    fn retire(&self, idx: u32, result: TaskletResult<()>) {
        let result = match (result, &self.st.borrow().rec(idx).body) {
            // A native tasklet's handler already ran inside it.
            (Err(e), Body::Soft(_)) if !e.is_tasklet_exit() => self.call_error_handler(e),
            (r, _) => r,
        };
        let mut st = self.st.borrow_mut();
        if st.rec(idx).in_ring() {
            st.ring_remove(idx);
        }
        st.unwait(idx);
        if st.track_cpu {
            let now = clock::now();
            let spent = now.wrapping_sub(st.last_clock);
            st.last_clock = now;
            st.rec_mut(idx).cpu_ticks += spent;
        }
        let bomb = match result {
            Err(e) if !e.is_tasklet_exit() => Some(e),
            _ => None,
        };
        let next = match bomb {
            Some(e) => {
                let wakeup = st.wakeup();
                st.rec_mut(wakeup).pending = Some(e);
                wakeup
            }
            None if st.head == NONE => st.nothing_runnable(Some(())),
            None => {
                let head = st.head;
                st.by_priority(head)
            }
        };
        st.schedule_to(next);
        // A soft interrupt flagged on the dying tasklet fires at this, its
        // last switch.
        let next = st.next_run;
        if next != IDLE && next != idx && st.timed.is_some() {
            let redirected = self.soft_irq_redirect(&mut st, idx, next);
            st.next_run = redirected;
        }
        // The slot keeps the dead tasklet's serial until it is reused, so
        // the schedule callback of the coming switch can still name it.
        st.release(idx);
    }
}

/// Moves a finished coroutine out of its box, keeping the allocation.
fn unbox(co: Box<Co>) -> (Co, Box<MaybeUninit<Co>>) {
    let raw = Box::into_raw(co);
    // SAFETY: `raw` comes from a live Box<Co>; we read the value out once
    // and hand the allocation back as uninitialised memory of the same
    // layout, so the value is neither dropped twice nor leaked.
    unsafe {
        let value = raw.read();
        (value, Box::from_raw(raw.cast::<MaybeUninit<Co>>()))
    }
}

/// The body of every native tasklet's coroutine.
fn native_body<F>(yielder: &Yielder<(), ()>, f: F) -> TaskletResult<()>
where
    F: FnOnce() -> TaskletResult<()>,
{
    let core = core_or_panic();
    let pending = {
        let mut st = core.st.borrow_mut();
        let running = st.running;
        let r = st.rec_mut(running);
        r.yielder = yielder as *const Yielder<(), ()>;
        r.pending.take()
    };
    let result = match pending {
        // Thrown into a tasklet that never ran: it ends before its
        // function's first line.
        Some(e) => Err(e),
        None => match catch_unwind(AssertUnwindSafe(f)) {
            Ok(result) => result,
            Err(panic) => Err(panic_error(panic)),
        },
    };
    match result {
        Err(e) if !e.is_tasklet_exit() => core.call_error_handler(e),
        other => other,
    }
}

fn panic_error(panic: Box<dyn std::any::Any + Send>) -> TaskletError {
    let text = if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-string payload".to_string()
    };
    TaskletError::new(ErrorKind::Panic, text)
}

impl Core {
    pub(crate) fn set_error_handler(&self, handler: Option<ErrorHandler>) -> Option<ErrorHandler> {
        std::mem::replace(&mut *self.hooks.error_handler.borrow_mut(), handler)
    }

    pub(crate) fn set_schedule_callback(
        &self,
        cb: Option<ScheduleCallback>,
    ) -> Option<ScheduleCallback> {
        self.hooks.has_schedule_cb.set(cb.is_some());
        std::mem::replace(&mut *self.hooks.schedule_cb.borrow_mut(), cb)
    }

    pub(crate) fn set_channel_callback(
        &self,
        cb: Option<ChannelCallback>,
    ) -> Option<ChannelCallback> {
        self.hooks.has_channel_cb.set(cb.is_some());
        std::mem::replace(&mut *self.hooks.channel_cb.borrow_mut(), cb)
    }

    /// Runs the error handler, in the dying tasklet, on its uncaught error.
    fn call_error_handler(&self, e: TaskletError) -> TaskletResult<()> {
        if self.st.borrow().tearing_down {
            return Ok(());
        }
        let handler = self.hooks.error_handler.borrow_mut().take();
        let Some(mut handler) = handler else {
            return Err(e);
        };
        let me = {
            let st = self.st.borrow();
            st.handle(st.running)
        };
        let result = handler(me, &e);
        let mut slot = self.hooks.error_handler.borrow_mut();
        if slot.is_none() {
            *slot = Some(handler);
        }
        result
    }
}
