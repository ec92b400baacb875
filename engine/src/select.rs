//! Select and join: waiting on several channels at once.
//!
//! A **select** offers several channel operations (sends and receives) and
//! completes exactly one. If some can complete now, one of them is chosen
//! uniformly by the scheduler's seeded generator and performed as a plain
//! `send`/`receive` would be (preference and `schedule_all` apply).
//! Otherwise the tasklet queues itself on every channel at once, each
//! entry marked with its case: the first partner to take one entry fires
//! that case, and the tasklet leaves every other queue. While it waits it
//! counts in each channel's `balance`, and a kill takes it out of all of
//! them.
//!
//! A **join** waits until `need` of its channels (all of them by default)
//! have a sender waiting, then takes one value from each of `need` of them
//! at once. A waiting join is not queued: it watches its channels, and the
//! sender that makes it complete hands over its value without blocking;
//! the other senders taken are made runnable. It does not count in
//! `balance`, since it does not offer to receive a single value.
//!
//! Both take an optional default (return at once instead of blocking) and
//! an optional timeout on the wall clock or in ticks.

use std::rc::Rc;
use std::time::{Duration, Instant};

use smallvec::SmallVec;

use crate::channel::{Channel, ChannelCore, Waiter};
use crate::error::{TaskletError, TaskletResult, msg};
use crate::scheduler::{FIRED, NONE, State, Wait, core};
use crate::soft::Step;
use crate::tasklet::{done, precheck};
use crate::timer::WakeAt;

/// How long a select or join may wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timeout {
    /// A time on the wall clock.
    After(Duration),
    /// A number of ticks ([`crate::advance_tick`] calls).
    Ticks(u64),
}

/// What a select did.
#[derive(Debug, PartialEq, Eq)]
pub enum Selected<T> {
    /// The send of case `n` completed.
    Sent(usize),
    /// The receive of case `n` completed with this value.
    Received(usize, T),
    /// Nothing was ready and the select had a default.
    Default,
    /// The timeout passed first.
    TimedOut,
}

/// What a join did.
#[derive(Debug, PartialEq, Eq)]
pub enum Joined<T> {
    /// The values taken, as (channel position, value), in channel order.
    Values(Vec<(usize, T)>),
    /// Not enough senders were waiting and the join had a default.
    Default,
    /// The timeout passed first.
    TimedOut,
}

/// A join waiting for senders, as each of its channels lists it.
pub(crate) struct JoinWait<T> {
    pub(crate) idx: u32,
    serial: u64,
    chans: Vec<Channel<T>>,
    need: usize,
}

/// Where a select that switched away picks up.
enum Parked {
    No,
    /// A ready case performed as a plain operation that switched.
    Plain(usize),
    /// Queued on every channel.
    Blocked,
}

/// One case of a select: a channel, and the value to send (None for a
/// receive, and for a send once its value went into a queue).
struct Case<T> {
    ch: Channel<T>,
    item: Option<T>,
    sending: bool,
}

/// A select being built, then waited on: `Select::new().receive(&a)
/// .send(&b, v).wait()`.
pub struct Select<T> {
    /// Most selects have few cases: kept inline, no allocation.
    cases: SmallVec<[Case<T>; 4]>,
    default: bool,
    timeout: Option<Timeout>,
    parked: Parked,
}

impl<T: 'static> Default for Select<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T: 'static> Select<T> {
    /// A select with no cases yet.
    pub fn new() -> Self {
        Select {
            cases: SmallVec::new(),
            default: false,
            timeout: None,
            parked: Parked::No,
        }
    }

    /// Adds a case sending `value` on `ch`.
    pub fn send(mut self, ch: &Channel<T>, value: T) -> Self {
        self.cases.push(Case {
            ch: ch.clone(),
            item: Some(value),
            sending: true,
        });
        self
    }

    /// Adds a case receiving from `ch`.
    pub fn receive(mut self, ch: &Channel<T>) -> Self {
        self.cases.push(Case {
            ch: ch.clone(),
            item: None,
            sending: false,
        });
        self
    }

    /// Returns [`Selected::Default`] at once when no case is ready.
    pub fn or_default(mut self) -> Self {
        self.default = true;
        self
    }

    /// Gives up after `timeout` with [`Selected::TimedOut`].
    pub fn timeout(mut self, timeout: Timeout) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How many cases there are.
    pub fn len(&self) -> usize {
        self.cases.len()
    }

    /// Whether there are no cases.
    pub fn is_empty(&self) -> bool {
        self.cases.is_empty()
    }

    /// Waits for one case (native tasklets and the main tasklet).
    pub fn wait(mut self) -> TaskletResult<Selected<T>> {
        done(self.start(false)?)
    }

    /// [`Select::wait`] for a soft tasklet: on `Step::Switched`, park and
    /// call [`Select::finish`] when resumed.
    pub fn wait_soft(&mut self) -> TaskletResult<Step<Selected<T>>> {
        self.start(true)
    }

    fn start(&mut self, soft: bool) -> TaskletResult<Step<Selected<T>>> {
        let core = core()?;
        distinct(self.cases.iter().map(|c| &c.ch))?;
        if self.cases.is_empty() && !self.default && self.timeout.is_none() {
            return Err(TaskletError::value(
                "select() needs a case, a default or a timeout",
            ));
        }
        let mut st = core.st.borrow_mut();
        precheck(&st, soft)?;
        let is_ready = |case: &Case<T>| {
            let c = case.ch.inner.state.borrow();
            if case.sending {
                c.has_receiver()
            } else {
                c.has_sender()
            }
        };
        let ready = self.cases.iter().filter(|c| is_ready(c)).count();
        if ready > 0 {
            let pick = if ready == 1 {
                0
            } else {
                st.random_below(ready)
            };
            let chosen = (0..self.cases.len())
                .filter(|&i| is_ready(&self.cases[i]))
                .nth(pick)
                .unwrap_or_default();
            drop(st);
            return self.perform(chosen, soft);
        }
        if self.default {
            return Ok(Step::Done(Selected::Default));
        }
        if expired(self.timeout) {
            return Ok(Step::Done(Selected::TimedOut));
        }
        let open = |c: &Case<T>| !c.ch.inner.state.borrow().closing;
        if !self.cases.iter().any(open) && self.timeout.is_none() {
            return Err(TaskletError::value(msg::CLOSED));
        }
        let running = st.running;
        check_can_block(&st)?;
        let serial = st.rec(running).serial;
        st.rec_mut(running).fired = NONE;
        let mut chans: Vec<Rc<dyn ChannelCore>> = Vec::with_capacity(self.cases.len());
        for (i, case) in self.cases.iter_mut().enumerate() {
            if !open(case) {
                continue;
            }
            let mut c = case.ch.inner.state.borrow_mut();
            c.queue.push_back(Waiter {
                idx: running,
                serial,
                item: case.item.take().map(Ok),
                case: i as u32,
            });
            c.sending = case.sending;
            drop(c);
            chans.push(case.ch.inner.clone() as Rc<dyn ChannelCore>);
        }
        let timer = self.timeout.map(|t| arm(&mut st, running, t));
        st.rec_mut(running).wait = Wait::Select {
            chans,
            timer,
            join: false,
        };
        // A join one of the sends completes takes it at once.
        for case in &self.cases {
            if case.sending && !case.ch.inner.state.borrow().joiners.is_empty() {
                poke_joiners(&mut st, &case.ch);
            }
            let fired = st.rec(running).fired;
            if fired != NONE {
                st.rec_mut(running).fired = NONE;
                return Ok(Step::Done(Selected::Sent(fired as usize)));
            }
        }
        self.parked = Parked::Blocked;
        block(core, st, soft, || self.finish())
    }

    /// Performs ready case `case` as a plain send or receive.
    fn perform(&mut self, case: usize, soft: bool) -> TaskletResult<Step<Selected<T>>> {
        let ch = self.cases[case].ch.clone();
        let step = match self.cases[case].item.take() {
            Some(v) if soft => ch.send_soft(v)?.map(|()| Selected::Sent(case)),
            Some(v) => ch.send(v).map(|()| Step::Done(Selected::Sent(case)))?,
            None if soft => ch.receive_soft()?.map(|v| Selected::Received(case, v)),
            None => Step::Done(Selected::Received(case, ch.receive()?)),
        };
        if step.switched() {
            self.parked = Parked::Plain(case);
        }
        Ok(step)
    }

    /// Ends a select that switched away: the case that fired, a timeout,
    /// or the exception thrown into the tasklet meanwhile.
    pub fn finish(&mut self) -> TaskletResult<Selected<T>> {
        match std::mem::replace(&mut self.parked, Parked::No) {
            Parked::No => Err(TaskletError::runtime(
                "finish() of a select that did not park",
            )),
            Parked::Plain(case) if self.cases[case].sending => {
                crate::finish_soft().map(|()| Selected::Sent(case))
            }
            Parked::Plain(case) => {
                let ch = self.cases[case].ch.clone();
                ch.finish_receive().map(|v| Selected::Received(case, v))
            }
            Parked::Blocked => {
                let (fired, pending, idx, serial) = take_outcome()?;
                // Whatever happened, no value may stay behind for us.
                let mut got = None;
                for (i, case) in self.cases.iter().enumerate() {
                    if let Some(v) = case.ch.take_delivered(idx, serial)
                        && i as u32 == fired
                    {
                        got = Some(v);
                    }
                }
                if let Some(e) = pending {
                    return Err(e);
                }
                match fired {
                    NONE => Ok(Selected::TimedOut),
                    f if self.cases[f as usize].sending => Ok(Selected::Sent(f as usize)),
                    f => match got {
                        Some(v) => v.map(|v| Selected::Received(f as usize, v)),
                        None => Err(TaskletError::runtime("select resumed without a value")),
                    },
                }
            }
        }
    }
}

/// A join being built, then waited on: `Join::new(&[a, b]).need(1).wait()`.
pub struct Join<T> {
    chans: Vec<Channel<T>>,
    need: usize,
    default: bool,
    timeout: Option<Timeout>,
    parked: bool,
}

impl<T: 'static> Join<T> {
    /// A join of every channel in `chans`.
    pub fn new(chans: &[Channel<T>]) -> Self {
        Join {
            chans: chans.to_vec(),
            need: chans.len(),
            default: false,
            timeout: None,
            parked: false,
        }
    }

    /// Completes when `need` of the channels have a sender (M of N).
    pub fn need(mut self, need: usize) -> Self {
        self.need = need;
        self
    }

    /// Returns [`Joined::Default`] at once when not enough senders wait.
    pub fn or_default(mut self) -> Self {
        self.default = true;
        self
    }

    /// Gives up after `timeout` with [`Joined::TimedOut`].
    pub fn timeout(mut self, timeout: Timeout) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Waits for the values (native tasklets and the main tasklet).
    pub fn wait(mut self) -> TaskletResult<Joined<T>> {
        done(self.start(false)?)
    }

    /// [`Join::wait`] for a soft tasklet: on `Step::Switched`, park and
    /// call [`Join::finish`] when resumed.
    pub fn wait_soft(&mut self) -> TaskletResult<Step<Joined<T>>> {
        self.start(true)
    }

    fn start(&mut self, soft: bool) -> TaskletResult<Step<Joined<T>>> {
        let core = core()?;
        distinct(self.chans.iter())?;
        if self.need == 0 || self.need > self.chans.len() {
            return Err(TaskletError::value(format!(
                "join() needs between 1 and {} of its channels, not {}",
                self.chans.len(),
                self.need
            )));
        }
        let mut st = core.st.borrow_mut();
        precheck(&st, soft)?;
        if let Some(chosen) = plan(&mut st, &self.chans, self.need) {
            let items = take_senders(&mut st, &self.chans, &chosen);
            drop(st);
            let mut values = Vec::with_capacity(items.len());
            for (i, item) in items {
                values.push((i, item?));
            }
            return Ok(Step::Done(Joined::Values(values)));
        }
        if self.default {
            return Ok(Step::Done(Joined::Default));
        }
        if expired(self.timeout) {
            return Ok(Step::Done(Joined::TimedOut));
        }
        let possible = self
            .chans
            .iter()
            .filter(|c| {
                let c = c.inner.state.borrow();
                c.has_sender() || !c.closing
            })
            .count();
        if possible < self.need && self.timeout.is_none() {
            return Err(TaskletError::value(msg::CLOSED));
        }
        let running = st.running;
        check_can_block(&st)?;
        let wait = Rc::new(JoinWait {
            idx: running,
            serial: st.rec(running).serial,
            chans: self.chans.clone(),
            need: self.need,
        });
        for ch in &self.chans {
            ch.inner.state.borrow_mut().joiners.push(wait.clone());
        }
        let chans = self
            .chans
            .iter()
            .map(|c| c.inner.clone() as Rc<dyn ChannelCore>)
            .collect();
        let timer = self.timeout.map(|t| arm(&mut st, running, t));
        st.rec_mut(running).fired = NONE;
        st.rec_mut(running).wait = Wait::Select {
            chans,
            timer,
            join: true,
        };
        self.parked = true;
        block(core, st, soft, || self.finish())
    }

    /// Ends a join that switched away: its values, a timeout, or the
    /// exception thrown into the tasklet meanwhile.
    pub fn finish(&mut self) -> TaskletResult<Joined<T>> {
        if !std::mem::replace(&mut self.parked, false) {
            return Err(TaskletError::runtime(
                "finish() of a join that did not park",
            ));
        }
        let (fired, pending, idx, serial) = take_outcome()?;
        let mut items = Vec::new();
        for (i, ch) in self.chans.iter().enumerate() {
            if let Some(v) = ch.take_delivered(idx, serial) {
                items.push((i, v));
            }
        }
        if let Some(e) = pending {
            return Err(e);
        }
        if fired != FIRED {
            return Ok(Joined::TimedOut);
        }
        let mut values = Vec::with_capacity(items.len());
        for (i, item) in items {
            values.push((i, item?));
        }
        Ok(Joined::Values(values))
    }
}

/// Refuses a channel given twice.
fn distinct<'a, T: 'a>(chans: impl Iterator<Item = &'a Channel<T>>) -> TaskletResult<()> {
    let mut seen = rustc_hash::FxHashSet::default();
    for c in chans {
        if !seen.insert(Rc::as_ptr(&c.inner) as *const ()) {
            return Err(TaskletError::value("a channel may appear in only one case"));
        }
    }
    Ok(())
}

/// Whether a timeout has passed already (zero): the operation only
/// looks whether it can complete now.
fn expired(t: Option<Timeout>) -> bool {
    matches!(t, Some(Timeout::After(d)) if d.is_zero()) || t == Some(Timeout::Ticks(0))
}

/// The traps that forbid the running tasklet to block.
fn check_can_block(st: &State) -> TaskletResult<()> {
    if st.rec(st.running).block_trap {
        return Err(TaskletError::runtime(msg::BLOCK_TRAP));
    }
    if st.switch_trap > 0 && st.next_after_block() != NONE {
        return Err(TaskletError::runtime(msg::SWITCH_TRAP));
    }
    Ok(())
}

/// Starts the timer of a waiting select or join.
fn arm(st: &mut State, idx: u32, t: Timeout) -> (u64, WakeAt) {
    let until = match t {
        Timeout::After(d) => WakeAt::Wall(Instant::now() + d),
        Timeout::Ticks(n) => WakeAt::Tick(st.tick.saturating_add(n)),
    };
    (st.timers.add(until, idx), until)
}

/// The running tasklet, registered on its channels, leaves the ring; a
/// native one switches away and finishes with `finish` when it is back.
fn block<R>(
    core: &crate::scheduler::Core,
    mut st: std::cell::RefMut<'_, State>,
    soft: bool,
    finish: impl FnOnce() -> TaskletResult<R>,
) -> TaskletResult<Step<R>> {
    let running = st.running;
    st.leave_ring_and_schedule();
    if st.next_run() == running {
        // Nothing else can run: the deadlock error is raised in place
        // (the tasklet left its channels when it was revived).
        st.set_no_switch();
        drop(st);
        return finish().map(Step::Done);
    }
    if soft {
        return Ok(Step::Switched);
    }
    let handle = st.switch_handle();
    drop(st);
    // An exception thrown in meanwhile is collected by `finish`.
    let _ = core.switch_with(handle).map_err(|e| {
        let mut st = core.st.borrow_mut();
        let running = st.running;
        st.rec_mut(running).pending = Some(e);
    });
    finish().map(Step::Done)
}

/// The running tasklet's outcome after a select or join parked: the case
/// that fired, the exception thrown in, its index and serial.
fn take_outcome() -> TaskletResult<(u32, Option<TaskletError>, u32, u64)> {
    let core = core()?;
    let mut st = core.st.borrow_mut();
    let running = st.running;
    let pending = st.take_pending(running);
    let r = st.rec_mut(running);
    let fired = std::mem::replace(&mut r.fired, NONE);
    let serial = r.serial;
    Ok((fired, pending, running, serial))
}

/// Which `need` channels a join takes from now, in the order to take them,
/// or `None` if it cannot complete. Each channel gives its first sender
/// not already taken (taking a select's entry takes it off its other
/// channels, so that is the channel's front by then). A tasklet counts
/// once: a select may send on several of the channels, but only one of its
/// cases can fire. Channels are tried in a random order; plain senders
/// first (they are in one queue only), then selects, each given to the
/// channel where taking it costs the other channels least.
fn plan<T>(st: &mut State, chans: &[Channel<T>], need: usize) -> Option<Vec<usize>> {
    if chans
        .iter()
        .filter(|c| c.inner.state.borrow().has_sender())
        .count()
        < need
    {
        return None;
    }
    let mut order: Vec<usize> = (0..chans.len()).collect();
    for k in 0..order.len() {
        let j = k + st.random_below(order.len() - k);
        order.swap(k, j);
    }
    let mut used: Vec<u32> = Vec::with_capacity(need);
    let mut chosen = Vec::with_capacity(need);
    // The first sender of channel `i` not in `used`: (tasklet, case).
    let front = |i: usize, used: &[u32]| -> Option<(u32, u32)> {
        let c = chans[i].inner.state.borrow();
        if !c.sending {
            return None;
        }
        c.queue
            .iter()
            .find(|w| !used.contains(&w.idx))
            .map(|w| (w.idx, w.case))
    };
    // Plain senders: taking one changes no other channel.
    let mut left = Vec::new();
    for i in order {
        match front(i, &used) {
            Some((t, NONE)) if chosen.len() < need => {
                used.push(t);
                chosen.push(i);
            }
            Some(_) => left.push(i),
            None => {}
        }
    }
    // Selects: each taken where the others lose least.
    while chosen.len() < need {
        let mut best: Option<(usize, usize, u32)> = None;
        for (k, &i) in left.iter().enumerate() {
            let Some((t, case)) = front(i, &used) else {
                continue;
            };
            if case == NONE {
                best = Some((k, 0, t));
                break;
            }
            // Channels that would be left without a sender.
            let loss = left
                .iter()
                .filter(|&&j| j != i && front(j, &used).is_some_and(|(u, _)| u == t))
                .filter(|&&j| {
                    let mut with_t = used.clone();
                    with_t.push(t);
                    front(j, &with_t).is_none()
                })
                .count();
            if best.is_none_or(|(_, l, _)| loss < l) {
                best = Some((k, loss, t));
            }
        }
        let (k, _, t) = best?;
        used.push(t);
        chosen.push(left.swap_remove(k));
    }
    Some(chosen)
}

/// Takes the first sender of each chosen channel, in the plan's order:
/// their values (in channel order), and the senders go on (made runnable;
/// the running one, if it is among them, simply does not block).
fn take_senders<T>(
    st: &mut State,
    chans: &[Channel<T>],
    chosen: &[usize],
) -> Vec<(usize, TaskletResult<T>)> {
    let mut items = Vec::with_capacity(chosen.len());
    for &i in chosen {
        let w = chans[i].inner.state.borrow_mut().queue.pop_front();
        let Some(w) = w else { continue };
        if w.case != NONE {
            st.rec_mut(w.idx).fired = w.case;
        }
        // It is off this channel already; a select leaves its others.
        st.unwait_except(w.idx, Rc::as_ptr(&chans[i].inner) as *const ());
        if w.idx != st.running && !st.rec(w.idx).in_ring() {
            st.ring_append(w.idx);
        }
        if let Some(item) = w.item {
            items.push((i, item));
        }
    }
    items.sort_unstable_by_key(|(i, _)| *i);
    items
}

/// A sender just queued on `ch`: completes the joins watching it that now
/// have enough senders, handing them their values.
pub(crate) fn poke_joiners<T>(st: &mut State, ch: &Channel<T>) {
    let joiners: Vec<Rc<JoinWait<T>>> = ch.inner.state.borrow().joiners.clone();
    for join in joiners {
        // Still waiting (an earlier one in this loop may not have been).
        if st.rec(join.idx).serial != join.serial || !st.rec(join.idx).is_blocked() {
            continue;
        }
        let Some(chosen) = plan(st, &join.chans, join.need) else {
            continue;
        };
        for (i, item) in take_senders(st, &join.chans, &chosen) {
            join.chans[i]
                .inner
                .state
                .borrow_mut()
                .delivered
                .push((join.idx, join.serial, item));
        }
        st.rec_mut(join.idx).fired = FIRED;
        st.make_runnable(join.idx);
    }
}
