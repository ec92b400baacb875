//! Property tests: random programs of sends, receives, kills and schedules
//! never lose or duplicate a value, and every channel's balance always
//! equals what introspection sees blocked on it.
//!
//! Every value's fate is accounted for: a send that returned `Ok` delivered
//! its value, which a receive returned exactly once, unless the receiver
//! was killed after the value was handed to it and before it collected it
//! (the value is then dropped inside that receiver's failing `receive`). A
//! send that failed (its tasklet was killed) may still have handed its
//! value over first. A receiver collects the values of any one sender in
//! the order they were sent.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use proptest::prelude::*;
use shoal_engine::{
    BlockedOn, Channel, Scheduler, Tasklet, TaskletState, run, schedule, set_schedule_callback,
    spawn, tasklets,
};

#[derive(Debug, Clone)]
enum Op {
    Send(usize),
    Receive(usize),
    Schedule,
    Kill { victim: usize, pending: bool },
    Preference { channel: usize, preference: i64 },
    ScheduleAll { channel: usize, on: bool },
}

fn op(channels: usize, workers: usize) -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..channels).prop_map(Op::Send),
        4 => (0..channels).prop_map(Op::Receive),
        2 => Just(Op::Schedule),
        1 => (0..workers, any::<bool>()).prop_map(|(victim, pending)| Op::Kill { victim, pending }),
        1 => (0..channels, -1i64..=1).prop_map(|(channel, preference)| Op::Preference { channel, preference }),
        1 => (0..channels, any::<bool>()).prop_map(|(channel, on)| Op::ScheduleAll { channel, on }),
    ]
}

fn program() -> impl Strategy<Value = (usize, Vec<Vec<Op>>)> {
    (1usize..=3, 2usize..=6).prop_flat_map(|(channels, workers)| {
        (
            Just(channels),
            prop::collection::vec(prop::collection::vec(op(channels, workers), 0..12), workers),
        )
    })
}

/// What happened to the values, recorded as it happens.
#[derive(Default)]
struct Ledger {
    /// Tokens alive now.
    live: Cell<i64>,
    /// The worker running now (`None` for main), kept by the schedule
    /// callback.
    running: Cell<Option<usize>>,
    /// For each worker, the channel it is inside a `receive` of.
    receiving: RefCell<Vec<Option<usize>>>,
    /// Every send that returned: (sender, channel, id, returned Ok).
    sends: RefCell<Vec<(usize, usize, u64, bool)>>,
    /// Every value a receive returned: (receiver, channel, id), in order.
    receipts: RefCell<Vec<(usize, usize, u64)>>,
    /// Every receive that failed: (receiver, channel).
    failed_receives: RefCell<Vec<(usize, usize)>>,
    /// Tokens dropped while a worker was inside a receive on a channel:
    /// (receiver, channel, id).
    dropped_in_receive: RefCell<Vec<(usize, usize, u64)>>,
    /// Errors other than TaskletExit that an operation returned.
    odd_errors: RefCell<Vec<String>>,
}

/// A value that records how many of its kind are alive and where it was
/// dropped.
struct Token {
    id: u64,
    ledger: Rc<Ledger>,
}

impl Drop for Token {
    fn drop(&mut self) {
        let ledger = &self.ledger;
        ledger.live.set(ledger.live.get() - 1);
        if let Some(w) = ledger.running.get()
            && let Some(c) = ledger.receiving.borrow()[w]
        {
            ledger.dropped_in_receive.borrow_mut().push((w, c, self.id));
        }
    }
}

/// Every channel's balance equals the number of tasklets introspection
/// shows blocked on it (senders positive, receivers negative).
fn check_balances(channels: &[Channel<Token>]) -> Result<(), String> {
    let infos = tasklets();
    for ch in channels {
        let mut seen = 0i64;
        for info in &infos {
            if let Some(BlockedOn::Channel { id, sending, .. }) = &info.blocked_on
                && *id == ch.id()
            {
                if info.state != TaskletState::Blocked {
                    return Err(format!("{info:?} waits on a channel but is not blocked"));
                }
                seen += if *sending { 1 } else { -1 };
            }
        }
        if seen != ch.balance() {
            return Err(format!(
                "channel {} has balance {} but {} blocked tasklets",
                ch.id(),
                ch.balance(),
                seen
            ));
        }
        let waiting = ch.waiting();
        if waiting.len() as i64 != ch.balance().abs() {
            return Err(format!("queue length {} != |balance|", waiting.len()));
        }
    }
    Ok(())
}

fn run_program(n_channels: usize, scripts: Vec<Vec<Op>>) -> Result<(), TestCaseError> {
    let scheduler = Scheduler::new();
    let ledger = Rc::new(Ledger::default());
    *ledger.receiving.borrow_mut() = vec![None; scripts.len()];
    let created = Rc::new(Cell::new(0u64));
    let channels: Rc<Vec<Channel<Token>>> =
        Rc::new((0..n_channels).map(|_| Channel::new()).collect());
    let workers: Rc<RefCell<Vec<Tasklet>>> = Rc::default();
    let violation: Rc<RefCell<Option<String>>> = Rc::default();

    // At every switch: note who runs next, and check the balances.
    {
        let channels = channels.clone();
        let violation = violation.clone();
        let (ledger, roster) = (ledger.clone(), workers.clone());
        set_schedule_callback(Some(Box::new(move |_, next| {
            let worker = roster.borrow().iter().position(|t| *t == next);
            ledger.running.set(worker);
            if violation.borrow().is_none()
                && let Err(e) = check_balances(&channels)
            {
                *violation.borrow_mut() = Some(e);
            }
        })));
    }

    for (me, script) in scripts.into_iter().enumerate() {
        let (ledger, created) = (ledger.clone(), created.clone());
        let (channels, roster) = (channels.clone(), workers.clone());
        let t = spawn(move || {
            let odd = |e: &shoal_engine::TaskletError| {
                if !e.is_tasklet_exit() {
                    ledger.odd_errors.borrow_mut().push(e.to_string());
                }
            };
            for op in script {
                match op {
                    Op::Send(c) => {
                        let n = created.get() + 1;
                        created.set(n);
                        ledger.live.set(ledger.live.get() + 1);
                        let id = (me as u64) << 32 | n;
                        let token = Token {
                            id,
                            ledger: ledger.clone(),
                        };
                        let sent = channels[c].send(token);
                        ledger.sends.borrow_mut().push((me, c, id, sent.is_ok()));
                        if let Err(e) = &sent {
                            odd(e);
                        }
                        sent?;
                    }
                    Op::Receive(c) => {
                        ledger.receiving.borrow_mut()[me] = Some(c);
                        let got = channels[c].receive();
                        ledger.receiving.borrow_mut()[me] = None;
                        match got {
                            Ok(token) => ledger.receipts.borrow_mut().push((me, c, token.id)),
                            Err(e) => {
                                ledger.failed_receives.borrow_mut().push((me, c));
                                odd(&e);
                                return Err(e);
                            }
                        }
                    }
                    Op::Schedule => schedule()?,
                    Op::Kill { victim, pending } => {
                        let victim = roster.borrow().get(victim).copied();
                        if let Some(victim) = victim {
                            victim.kill(pending)?;
                        }
                    }
                    Op::Preference {
                        channel,
                        preference,
                    } => channels[channel].set_preference(preference),
                    Op::ScheduleAll { channel, on } => channels[channel].set_schedule_all(on),
                }
            }
            Ok(())
        })
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
        workers.borrow_mut().push(t);
    }

    run().map_err(|e| TestCaseError::fail(format!("run() failed: {e}")))?;
    if let Some(v) = violation.borrow().clone() {
        return Err(TestCaseError::fail(v));
    }
    check_balances(&channels).map_err(TestCaseError::fail)?;

    // Whoever is left is blocked for good: kill them all.
    let left: Vec<Tasklet> = workers.borrow().clone();
    for t in left {
        t.kill(false)
            .map_err(|e| TestCaseError::fail(format!("kill failed: {e}")))?;
    }
    for ch in channels.iter() {
        prop_assert_eq!(ch.balance(), 0);
    }
    set_schedule_callback(None);
    drop(scheduler);

    prop_assert_eq!(
        ledger.live.get(),
        0,
        "tokens leaked: {} created, {} received",
        created.get(),
        ledger.receipts.borrow().len()
    );
    check_fates(&ledger, created.get())
}

/// Accounts for every value: see the module's documentation.
fn check_fates(ledger: &Ledger, created: u64) -> Result<(), TestCaseError> {
    let odd = ledger.odd_errors.borrow();
    prop_assert!(odd.is_empty(), "errors other than kills: {:?}", *odd);
    let sends = ledger.sends.borrow();
    prop_assert_eq!(sends.len() as u64, created, "a send never returned");
    // id -> (sender, channel, returned Ok)
    let sent: HashMap<u64, (usize, usize, bool)> = sends
        .iter()
        .map(|&(sender, c, id, ok)| (id, (sender, c, ok)))
        .collect();

    // Each value is received at most once, from the channel it was sent on.
    let receipts = ledger.receipts.borrow();
    let mut received: HashSet<u64> = HashSet::new();
    for &(receiver, c, id) in receipts.iter() {
        prop_assert!(received.insert(id), "value {id:#x} was received twice");
        let Some(&(sender, sent_on, _)) = sent.get(&id) else {
            return Err(TestCaseError::fail(format!(
                "worker {receiver} received {id:#x}, which no send carried"
            )));
        };
        prop_assert_eq!(
            sent_on,
            c,
            "value {:#x} of worker {} was sent on channel {} but received on {}",
            id,
            sender,
            sent_on,
            c
        );
    }

    // A value dropped inside a receive belongs to that receive, which then
    // failed: at most one per receiver (a failed receive ends the worker).
    let dropped = ledger.dropped_in_receive.borrow();
    let failed = ledger.failed_receives.borrow();
    let mut dropped_by: HashMap<usize, u64> = HashMap::new();
    for &(receiver, c, id) in dropped.iter() {
        prop_assert!(
            !received.contains(&id),
            "value {id:#x} was received and also dropped in a receive"
        );
        prop_assert!(
            dropped_by.insert(receiver, id).is_none(),
            "worker {receiver} dropped two values in its receives"
        );
        prop_assert!(
            failed.contains(&(receiver, c)),
            "worker {receiver} dropped {id:#x} in a receive on channel {c} that did not fail"
        );
        prop_assert_eq!(
            sent.get(&id).map(|s| s.1),
            Some(c),
            "value {:#x} dropped in a receive on channel {} was not sent there",
            id,
            c
        );
    }
    let lost_in_receive: HashSet<u64> = dropped_by.values().copied().collect();

    // Every send that returned Ok handed its value over: it was received,
    // or its receiver was killed before collecting it.
    for &(sender, c, id, ok) in sends.iter() {
        if ok {
            prop_assert!(
                received.contains(&id) || lost_in_receive.contains(&id),
                "worker {sender}'s send of {id:#x} on channel {c} returned Ok, but no \
                 receive returned the value and no killed receiver held it"
            );
        }
    }

    // A receiver collects any one sender's values in the order sent.
    let mut last: HashMap<(usize, usize), u64> = HashMap::new();
    for &(receiver, _, id) in receipts.iter() {
        let sender = (id >> 32) as usize;
        if let Some(prev) = last.insert((sender, receiver), id) {
            prop_assert!(
                prev < id,
                "worker {receiver} received {id:#x} after {prev:#x}, both from worker {sender}"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn values_are_never_lost_or_duplicated((channels, scripts) in program()) {
        run_program(channels, scripts)?;
    }
}
