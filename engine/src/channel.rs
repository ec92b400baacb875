//! Channels: rendezvous points between tasklets, with Stackless's rules.
//!
//! A channel holds a FIFO queue of blocked tasklets, all waiting in the
//! same direction; `balance` is the queue length, positive for senders and
//! negative for receivers. When an operation finds a partner waiting, the
//! value moves at once and `preference` / `schedule_all` decide who runs
//! next; otherwise the caller blocks at the end of the queue.
//!
//! A blocked sender keeps its value in its queue entry. A value handed to a
//! blocked receiver waits in the channel's `delivered` list, keyed by the
//! receiver, until the receiver runs again and collects it; so a native
//! receiver, a soft one and the host all collect the same way, without
//! boxing or pointers into stacks.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::fmt;
use std::rc::Rc;

use crate::error::{TaskletError, TaskletResult, msg};
use crate::scheduler::{NONE, Wait, core};
use crate::select::JoinWait;
use crate::soft::Step;
use crate::tasklet::Tasklet;

/// The scheduler's view of a channel of any value type.
pub(crate) trait ChannelCore {
    /// Takes a blocked tasklet out of the queue (kill, deadlock); returns
    /// whether it was there.
    fn remove_waiter(&self, idx: u32) -> bool;
    /// The channel's identity and counters.
    fn info(&self) -> ChannelInfo;
}

/// A snapshot of a channel, for callbacks and introspection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelInfo {
    /// Unique per thread, in creation order.
    pub id: u64,
    /// The name given with [`Channel::named`].
    pub name: Option<Rc<str>>,
    /// Blocked senders (> 0) or receivers (< 0).
    pub balance: i64,
    /// -1 prefers the receiver, 1 the sender, 0 neither.
    pub preference: i8,
    /// Every rendezvous yields the caller.
    pub schedule_all: bool,
    /// `close()` was called.
    pub closing: bool,
}

pub(crate) struct Waiter<T> {
    pub(crate) idx: u32,
    pub(crate) serial: u64,
    /// A blocked sender's value (or exception); `None` for a receiver.
    pub(crate) item: Option<TaskletResult<T>>,
    /// The case of a select this entry belongs to (`NONE`: a plain send
    /// or receive).
    pub(crate) case: u32,
}

pub(crate) struct ChanState<T> {
    pub(crate) queue: VecDeque<Waiter<T>>,
    /// Direction of the waiters while `queue` is not empty.
    pub(crate) sending: bool,
    /// Values handed to receivers that have not run since: (index, serial).
    pub(crate) delivered: Vec<(u32, u64, TaskletResult<T>)>,
    /// Joins waiting for senders on this channel (not counted in
    /// `balance`: a join does not offer to take one value).
    pub(crate) joiners: Vec<Rc<JoinWait<T>>>,
    preference: i8,
    schedule_all: bool,
    pub(crate) closing: bool,
}

impl<T> ChanState<T> {
    /// A sender waits at the front of the queue.
    pub(crate) fn has_sender(&self) -> bool {
        self.sending && !self.queue.is_empty()
    }

    /// A receiver waits at the front of the queue.
    pub(crate) fn has_receiver(&self) -> bool {
        !self.sending && !self.queue.is_empty()
    }
}

pub(crate) struct ChanInner<T> {
    id: u64,
    name: Option<Rc<str>>,
    pub(crate) state: RefCell<ChanState<T>>,
}

impl<T> ChanInner<T> {
    fn balance(st: &ChanState<T>) -> i64 {
        let n = st.queue.len() as i64;
        if st.sending { n } else { -n }
    }
}

impl<T> ChannelCore for ChanInner<T> {
    fn remove_waiter(&self, idx: u32) -> bool {
        let mut st = self.state.borrow_mut();
        if !st.joiners.is_empty() {
            st.joiners.retain(|j| j.idx != idx);
        }
        match st.queue.iter().position(|w| w.idx == idx) {
            Some(pos) => {
                st.queue.remove(pos);
                true
            }
            None => false,
        }
    }

    fn info(&self) -> ChannelInfo {
        let st = self.state.borrow();
        ChannelInfo {
            id: self.id,
            name: self.name.clone(),
            balance: Self::balance(&st),
            preference: st.preference,
            schedule_all: st.schedule_all,
            closing: st.closing,
        }
    }
}

thread_local! {
    static NEXT_CHANNEL_ID: Cell<u64> = const { Cell::new(1) };
}

/// A channel carrying values of type `T` between tasklets of one thread.
///
/// Cloning gives another handle to the same channel.
pub struct Channel<T> {
    pub(crate) inner: Rc<ChanInner<T>>,
}

impl<T> Clone for Channel<T> {
    fn clone(&self) -> Self {
        Channel {
            inner: self.inner.clone(),
        }
    }
}

impl<T> fmt::Debug for Channel<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let info = self.inner.info();
        write!(f, "Channel(#{}", info.id)?;
        if let Some(name) = &info.name {
            write!(f, " {name:?}")?;
        }
        write!(f, ", balance {})", info.balance)
    }
}

impl<T: 'static> Default for Channel<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: 'static> Channel<T> {
    /// A new open channel with preference -1 (prefer the receiver).
    pub fn new() -> Self {
        Self::make(None)
    }

    /// A new channel with a name, shown by introspection.
    pub fn named(name: &str) -> Self {
        Self::make(Some(Rc::from(name)))
    }

    fn make(name: Option<Rc<str>>) -> Self {
        let id = NEXT_CHANNEL_ID.with(|c| {
            let id = c.get();
            c.set(id + 1);
            id
        });
        Channel {
            inner: Rc::new(ChanInner {
                id,
                name,
                state: RefCell::new(ChanState {
                    queue: VecDeque::new(),
                    sending: false,
                    delivered: Vec::new(),
                    joiners: Vec::new(),
                    preference: -1,
                    schedule_all: false,
                    closing: false,
                }),
            }),
        }
    }

    // ---- saving and restoring ------------------------------------------------

    /// Calls `f` for every tasklet blocked on the channel, first served
    /// first: the tasklet, whether it is sending, and a sender's value.
    /// (For saving a world; the channel is not changed.)
    pub fn for_each_waiter(&self, mut f: impl FnMut(Tasklet, bool, Option<&TaskletResult<T>>)) {
        let st = self.inner.state.borrow();
        for w in &st.queue {
            let t = Tasklet {
                idx: w.idx,
                serial: w.serial,
            };
            f(t, st.sending, w.item.as_ref());
        }
    }

    /// Calls `f` for every value handed to a receiver that has not run
    /// since (it collects the value when it does).
    pub fn for_each_delivered(&self, mut f: impl FnMut(Tasklet, &TaskletResult<T>)) {
        let st = self.inner.state.borrow();
        for (idx, serial, item) in &st.delivered {
            f(
                Tasklet {
                    idx: *idx,
                    serial: *serial,
                },
                item,
            );
        }
    }

    /// Puts `t` back at the end of the queue, blocked (loading a saved
    /// world): `t` must be alive and out of the run queue, and the queue
    /// empty or waiting in the same direction. A sender brings its value.
    pub fn restore_waiter(
        &self,
        t: Tasklet,
        sending: bool,
        item: Option<TaskletResult<T>>,
    ) -> TaskletResult<()> {
        let core = core()?;
        let mut st = core.st.borrow_mut();
        let Some(rec) = st.lookup_mut(t) else {
            return Err(TaskletError::runtime(msg::RUN_DEAD));
        };
        if !rec.alive || rec.in_ring() || rec.is_blocked() {
            return Err(TaskletError::runtime(
                "only a paused tasklet can be restored onto a channel",
            ));
        }
        let mut ch = self.inner.state.borrow_mut();
        if !ch.queue.is_empty() && ch.sending != sending {
            return Err(TaskletError::runtime(
                "a channel's queue holds tasklets waiting in one direction",
            ));
        }
        rec.wait = Wait::Channel {
            chan: self.inner.clone(),
            sending,
        };
        ch.queue.push_back(Waiter {
            idx: t.idx,
            serial: t.serial,
            item,
            case: NONE,
        });
        ch.sending = sending;
        Ok(())
    }

    /// Gives `t` a value to collect when it next runs, as a rendezvous
    /// does for a receiver that was blocked (loading a saved world).
    pub fn restore_delivered(&self, t: Tasklet, item: TaskletResult<T>) {
        self.inner
            .state
            .borrow_mut()
            .delivered
            .push((t.idx, t.serial, item));
    }

    // ---- attributes ------------------------------------------------------

    /// The channel's id (unique on this thread).
    pub fn id(&self) -> u64 {
        self.inner.id
    }

    /// Blocked senders (> 0) or receivers (< 0).
    pub fn balance(&self) -> i64 {
        ChanInner::balance(&self.inner.state.borrow())
    }

    /// The first blocked tasklet (Stackless's `channel.queue`).
    pub fn queue(&self) -> Option<Tasklet> {
        let st = self.inner.state.borrow();
        st.queue.front().map(|w| Tasklet {
            idx: w.idx,
            serial: w.serial,
        })
    }

    /// Every blocked tasklet, in queue order.
    pub fn waiting(&self) -> Vec<Tasklet> {
        let st = self.inner.state.borrow();
        st.queue
            .iter()
            .map(|w| Tasklet {
                idx: w.idx,
                serial: w.serial,
            })
            .collect()
    }

    /// -1 (prefer the receiver, the default), 0 or 1 (prefer the sender).
    pub fn preference(&self) -> i8 {
        self.inner.state.borrow().preference
    }

    /// Sets the preference; values are clamped to -1..=1.
    pub fn set_preference(&self, preference: i64) {
        self.inner.state.borrow_mut().preference = preference.clamp(-1, 1) as i8;
    }

    /// Whether every rendezvous yields the caller.
    pub fn schedule_all(&self) -> bool {
        self.inner.state.borrow().schedule_all
    }

    /// Sets `schedule_all`.
    pub fn set_schedule_all(&self, on: bool) {
        self.inner.state.borrow_mut().schedule_all = on;
    }

    /// Marks the channel closing: blocked tasklets are not woken and
    /// operations that can complete still do; one that would block raises
    /// `ValueError`.
    pub fn close(&self) {
        self.inner.state.borrow_mut().closing = true;
    }

    /// Reopens a closing channel.
    pub fn open(&self) {
        self.inner.state.borrow_mut().closing = false;
    }

    /// `close()` was called.
    pub fn closing(&self) -> bool {
        self.inner.state.borrow().closing
    }

    /// Closing, and nobody is blocked on it.
    pub fn closed(&self) -> bool {
        let st = self.inner.state.borrow();
        st.closing && st.queue.is_empty()
    }

    /// A snapshot of the channel's attributes.
    pub fn info(&self) -> ChannelInfo {
        self.inner.info()
    }

    // ---- operations (native tasklets and the main tasklet) ----------------

    /// Sends `value`, blocking until a receiver takes it.
    pub fn send(&self, value: T) -> TaskletResult<()> {
        self.action(true, Some(Ok(value)), false).map(|_| ())
    }

    /// Takes the value handed to the receiver `(idx, serial)`, if any.
    #[inline]
    pub(crate) fn take_delivered(&self, idx: u32, serial: u64) -> Option<TaskletResult<T>> {
        let mut ch = self.inner.state.borrow_mut();
        let pos = ch
            .delivered
            .iter()
            .position(|(i, s, _)| *i == idx && *s == serial)?;
        Some(ch.delivered.swap_remove(pos).2)
    }

    /// Sends an exception: the receiver's `receive()` returns it as `Err`.
    /// (Stackless's `send_exception` and `send_throw`.)
    pub fn send_exception(&self, error: TaskletError) -> TaskletResult<()> {
        self.action(true, Some(Err(error)), false).map(|_| ())
    }

    /// Sends every item in turn; returns how many were sent.
    pub fn send_sequence<I: IntoIterator<Item = T>>(&self, items: I) -> TaskletResult<usize> {
        let mut count = 0;
        for item in items {
            self.send(item)?;
            count += 1;
        }
        Ok(count)
    }

    /// Receives a value, blocking until a sender offers one.
    pub fn receive(&self) -> TaskletResult<T> {
        match self.action(false, None, false) {
            Ok(Outcome::Got(got)) => got,
            Ok(Outcome::Resumed { idx, serial }) => match self.take_delivered(idx, serial) {
                Some(got) => got,
                None => self.finish_receive(),
            },
            Ok(Outcome::Sent | Outcome::Switched) => self.finish_receive(),
            Err(e) => {
                // Killed while blocked: drop a value handed over meanwhile.
                let _ = self.finish_receive();
                Err(e)
            }
        }
    }

    /// Receives until the channel is closing with no sender waiting, or
    /// until `StopIteration` is sent (Stackless's `for v in channel`).
    pub fn iter(&self) -> ChannelIter<'_, T> {
        ChannelIter { channel: self }
    }

    // ---- operations for soft tasklets ------------------------------------

    /// [`Channel::send`] for a soft tasklet: on `Step::Switched`, park and
    /// call [`crate::finish_soft`] when resumed.
    pub fn send_soft(&self, value: T) -> TaskletResult<Step<()>> {
        Ok(match self.action(true, Some(Ok(value)), true)? {
            Outcome::Switched => Step::Switched,
            _ => Step::Done(()),
        })
    }

    /// [`Channel::send_exception`] for a soft tasklet.
    pub fn send_exception_soft(&self, error: TaskletError) -> TaskletResult<Step<()>> {
        Ok(match self.action(true, Some(Err(error)), true)? {
            Outcome::Switched => Step::Switched,
            _ => Step::Done(()),
        })
    }

    /// [`Channel::receive`] for a soft tasklet: on `Step::Switched`, park
    /// and call [`Channel::finish_receive`] when resumed.
    pub fn receive_soft(&self) -> TaskletResult<Step<T>> {
        match self.action(false, None, true)? {
            Outcome::Got(got) => got.map(Step::Done),
            Outcome::Switched => Ok(Step::Switched),
            Outcome::Sent | Outcome::Resumed { .. } => self.finish_receive().map(Step::Done),
        }
    }

    /// Collects the value a receive that switched away has been handed, or
    /// the exception thrown into the receiver meanwhile.
    pub fn finish_receive(&self) -> TaskletResult<T> {
        let core = core()?;
        let (pending, idx, serial) = {
            let mut st = core.st.borrow_mut();
            let running = st.running;
            let handle = st.handle(running);
            (st.take_pending(running), running, handle.serial)
        };
        let got = {
            let mut ch = self.inner.state.borrow_mut();
            ch.delivered
                .iter()
                .position(|(i, s, _)| *i == idx && *s == serial)
                .map(|pos| ch.delivered.swap_remove(pos).2)
        };
        if let Some(e) = pending {
            return Err(e);
        }
        match got {
            Some(got) => got,
            None => Err(TaskletError::runtime(
                "receive resumed without a value (the tasklet was woken by run/insert)",
            )),
        }
    }

    /// The whole channel operation: find a partner or block.
    fn action(
        &self,
        sending: bool,
        item: Option<TaskletResult<T>>,
        soft: bool,
    ) -> TaskletResult<Outcome<T>> {
        let core = core()?;
        if core.hooks.has_channel_cb.get() {
            if core.st.borrow().in_callback {
                return Err(TaskletError::runtime(msg::RECURSIVE_CHANNEL));
            }
            let (will_block, info) = {
                let ch = self.inner.state.borrow();
                let partner = !ch.queue.is_empty() && ch.sending != sending;
                (!partner, self.inner.info())
            };
            core.call_channel_cb(&info, sending, will_block);
        }
        let mut st = core.st.borrow_mut();
        if st.in_callback {
            return Err(TaskletError::runtime(msg::RECURSIVE_CHANNEL));
        }
        st.check_can_switch()?;
        let running_soft = st.running_is_soft();
        if !soft && running_soft {
            return Err(TaskletError::runtime(msg::SOFT_BLOCKING));
        }
        let running = st.running;
        let mut ch = self.inner.state.borrow_mut();
        let partner = !ch.queue.is_empty() && ch.sending != sending;
        let got = if partner {
            let direction: i8 = if sending { 1 } else { -1 };
            let schedule_all = ch.schedule_all;
            let target_first = !schedule_all && ch.preference == -direction;
            let switch = schedule_all || target_first;
            if switch && st.switch_trap > 0 {
                return Err(TaskletError::runtime(msg::SWITCH_TRAP));
            }
            let waiter = ch.queue.pop_front().expect("partner is waiting");
            let target = waiter.idx;
            let got = if sending {
                let item = item.expect("a send carries an item");
                ch.delivered.push((target, waiter.serial, item));
                None
            } else {
                waiter.item
            };
            drop(ch);
            if waiter.case == NONE {
                st.rec_mut(target).wait = Wait::None;
            } else {
                // A select: this case fired; it leaves the other channels.
                st.rec_mut(target).fired = waiter.case;
                st.unwait_except(target, Rc::as_ptr(&self.inner) as *const ());
            }
            if schedule_all {
                st.ring_append(target);
                let next = st.rec(running).next;
                st.schedule_to(next);
            } else if target_first {
                st.ring_insert_after_running(target);
                st.schedule_to(target);
            } else {
                st.ring_append(target);
                return Ok(match got {
                    Some(got) => Outcome::Got(got),
                    None => Outcome::Sent,
                });
            }
            got
        } else {
            // No partner: block.
            if st.rec(running).block_trap {
                return Err(TaskletError::runtime(msg::BLOCK_TRAP));
            }
            if ch.closing {
                return Err(TaskletError::value(msg::CLOSED));
            }
            if st.switch_trap > 0 && st.next_after_block() != NONE {
                return Err(TaskletError::runtime(msg::SWITCH_TRAP));
            }
            let serial = st.rec(running).serial;
            ch.queue.push_back(Waiter {
                idx: running,
                serial,
                item,
                case: NONE,
            });
            ch.sending = sending;
            let joiners = sending && !ch.joiners.is_empty();
            drop(ch);
            st.rec_mut(running).wait = Wait::Channel {
                chan: self.inner.clone(),
                sending,
            };
            // A join this sender completes takes its value at once.
            if joiners {
                crate::select::poke_joiners(&mut st, self);
                if matches!(st.rec(running).wait, Wait::None) {
                    return Ok(Outcome::Sent);
                }
            }
            st.leave_ring_and_schedule();
            if st.next_run() == running {
                // Raised in place (deadlock): no switch.
                st.set_no_switch();
                return match st.take_pending(running) {
                    Some(e) => Err(e),
                    None => Ok(Outcome::Sent),
                };
            }
            None
        };
        // A switch is prepared. A received value waits in `delivered`
        // until the receiver runs again, like a blocked receiver's.
        if let Some(got) = got {
            let serial = st.rec(running).serial;
            self.inner
                .state
                .borrow_mut()
                .delivered
                .push((running, serial, got));
        }
        if soft {
            return Ok(Outcome::Switched);
        }
        let handle = st.switch_handle();
        let serial = st.rec(running).serial;
        drop(st);
        core.switch_with(handle)?;
        Ok(if sending {
            Outcome::Sent
        } else {
            Outcome::Resumed {
                idx: running,
                serial,
            }
        })
    }
}

/// How a channel operation ended.
enum Outcome<T> {
    /// A send completed (or a blocking call was answered in place).
    Sent,
    /// A receive completed without a switch, with this item.
    Got(TaskletResult<T>),
    /// A native receiver or the host switched away and runs again: its
    /// item waits in `delivered` under its index and serial.
    Resumed { idx: u32, serial: u64 },
    /// A soft tasklet must park.
    Switched,
}

/// Iterator over a channel's values; see [`Channel::iter`].
pub struct ChannelIter<'a, T> {
    channel: &'a Channel<T>,
}

impl<T: 'static> Iterator for ChannelIter<'_, T> {
    type Item = TaskletResult<T>;

    fn next(&mut self) -> Option<Self::Item> {
        {
            let ch = self.channel.inner.state.borrow();
            if ch.closing && ChanInner::balance(&ch) <= 0 {
                return None;
            }
        }
        match self.channel.receive() {
            Ok(v) => Some(Ok(v)),
            Err(e) if *e.kind() == crate::error::ErrorKind::StopIteration => None,
            Err(e) => Some(Err(e)),
        }
    }
}
