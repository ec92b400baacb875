//! Property tests: random mixes of selects, joins, plain sends and
//! receives, schedules and kills never lose or duplicate a value.
//!
//! A value is *sent* when the operation that carried it returned `Ok`: a
//! plain send, or the select whose send case fired. Each value is received
//! at most once (by a receive, a select's receive case or a join); a select
//! case that did not fire never delivers its value; a sent value is
//! received unless the tasklet it was handed to was killed before it
//! collected it (it is then dropped inside that tasklet's failing
//! operation). Nothing leaks, and every balance ends at zero.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use proptest::prelude::*;
use shoal_engine::{
    Channel, Join, Joined, Scheduler, Select, Selected, Tasklet, run, schedule,
    set_schedule_callback, set_select_seed, spawn,
};

#[derive(Debug, Clone)]
enum Op {
    Send(usize),
    Receive(usize),
    /// Cases (channel, sending), and whether it has a default.
    Select(Vec<(usize, bool)>, bool),
    /// Channels and how many are needed.
    Join(Vec<usize>, usize),
    Schedule,
    Kill {
        victim: usize,
        pending: bool,
    },
}

fn op(channels: usize, workers: usize) -> impl Strategy<Value = Op> {
    let all: Vec<usize> = (0..channels).collect();
    let select = (
        prop::sample::subsequence(all.clone(), 1..=channels),
        prop::collection::vec(any::<bool>(), channels),
        prop::bool::weighted(0.2),
    )
        .prop_map(|(chans, dirs, default)| {
            let cases = chans.iter().map(|&c| (c, dirs[c])).collect();
            Op::Select(cases, default)
        });
    let join = prop::sample::subsequence(all, 1..=channels).prop_flat_map(|chans| {
        let n = chans.len();
        (Just(chans), 1..=n).prop_map(|(chans, need)| Op::Join(chans, need))
    });
    prop_oneof![
        3 => (0..channels).prop_map(Op::Send),
        3 => (0..channels).prop_map(Op::Receive),
        3 => select,
        2 => join,
        2 => Just(Op::Schedule),
        1 => (0..workers, any::<bool>()).prop_map(|(victim, pending)| Op::Kill { victim, pending }),
    ]
}

fn program() -> impl Strategy<Value = (usize, u64, Vec<Vec<Op>>)> {
    (1usize..=4, 2usize..=6, any::<u64>()).prop_flat_map(|(channels, workers, seed)| {
        (
            Just(channels),
            Just(seed),
            prop::collection::vec(prop::collection::vec(op(channels, workers), 0..10), workers),
        )
    })
}

#[derive(Default)]
struct Ledger {
    live: Cell<i64>,
    /// The worker running now (`None` for main).
    running: Cell<Option<usize>>,
    /// Workers inside an operation that receives (receive, select, join).
    receiving: RefCell<HashSet<usize>>,
    /// Values whose carrying operation returned Ok.
    sent: RefCell<HashSet<u64>>,
    /// Values of select cases that did not fire.
    unfired: RefCell<HashSet<u64>>,
    /// Every value received: id -> how many times.
    received: RefCell<HashMap<u64, usize>>,
    /// Values dropped while their holder was inside a receiving operation.
    dropped_receiving: RefCell<HashSet<u64>>,
    odd_errors: RefCell<Vec<String>>,
}

struct Token {
    id: u64,
    ledger: Rc<Ledger>,
}

impl Drop for Token {
    fn drop(&mut self) {
        let l = &self.ledger;
        l.live.set(l.live.get() - 1);
        if let Some(w) = l.running.get()
            && l.receiving.borrow().contains(&w)
        {
            l.dropped_receiving.borrow_mut().insert(self.id);
        }
    }
}

fn run_program(n_channels: usize, seed: u64, scripts: Vec<Vec<Op>>) -> Result<(), TestCaseError> {
    let scheduler = Scheduler::new();
    set_select_seed(seed).unwrap();
    let ledger = Rc::new(Ledger::default());
    let next_id = Rc::new(Cell::new(0u64));
    let channels: Rc<Vec<Channel<Token>>> =
        Rc::new((0..n_channels).map(|_| Channel::new()).collect());
    let workers: Rc<RefCell<Vec<Tasklet>>> = Rc::default();
    {
        let (ledger, roster) = (ledger.clone(), workers.clone());
        set_schedule_callback(Some(Box::new(move |_, next| {
            ledger
                .running
                .set(roster.borrow().iter().position(|t| *t == next));
        })));
    }
    for (me, script) in scripts.into_iter().enumerate() {
        let (ledger, next_id) = (ledger.clone(), next_id.clone());
        let (channels, roster) = (channels.clone(), workers.clone());
        let t = spawn(move || {
            let token = || {
                let id = next_id.get() + 1;
                next_id.set(id);
                ledger.live.set(ledger.live.get() + 1);
                Token {
                    id,
                    ledger: ledger.clone(),
                }
            };
            let odd = |e: &shoal_engine::TaskletError| {
                if !e.is_tasklet_exit() {
                    ledger.odd_errors.borrow_mut().push(e.to_string());
                }
            };
            let got = |t: Token| {
                *ledger.received.borrow_mut().entry(t.id).or_default() += 1;
            };
            for op in script {
                match op {
                    Op::Send(c) => {
                        let t = token();
                        let id = t.id;
                        let r = channels[c].send(t);
                        if r.is_ok() {
                            ledger.sent.borrow_mut().insert(id);
                        }
                        r.inspect_err(odd)?;
                    }
                    Op::Receive(c) => {
                        ledger.receiving.borrow_mut().insert(me);
                        let r = channels[c].receive();
                        ledger.receiving.borrow_mut().remove(&me);
                        got(r.inspect_err(odd)?);
                    }
                    Op::Select(cases, default) => {
                        let mut sel = Select::new();
                        let mut ids = Vec::new();
                        for &(c, sending) in &cases {
                            if sending {
                                let t = token();
                                ids.push(Some(t.id));
                                sel = sel.send(&channels[c], t);
                            } else {
                                ids.push(None);
                                sel = sel.receive(&channels[c]);
                            }
                        }
                        if default {
                            sel = sel.or_default();
                        }
                        ledger.receiving.borrow_mut().insert(me);
                        let r = sel.wait();
                        ledger.receiving.borrow_mut().remove(&me);
                        let fired = match &r {
                            Ok(Selected::Sent(i) | Selected::Received(i, _)) => Some(*i),
                            _ => None,
                        };
                        if let Some(Some(id)) = fired.map(|i| ids[i]) {
                            ledger.sent.borrow_mut().insert(id);
                        }
                        if r.is_ok() {
                            for (i, id) in ids.iter().enumerate() {
                                if let Some(id) = id
                                    && Some(i) != fired
                                {
                                    ledger.unfired.borrow_mut().insert(*id);
                                }
                            }
                        }
                        if let Selected::Received(_, t) = r.inspect_err(odd)? {
                            got(t);
                        }
                    }
                    Op::Join(chans, need) => {
                        let chans: Vec<Channel<Token>> =
                            chans.iter().map(|&c| channels[c].clone()).collect();
                        ledger.receiving.borrow_mut().insert(me);
                        let r = Join::new(&chans).need(need).wait();
                        ledger.receiving.borrow_mut().remove(&me);
                        if let Joined::Values(values) = r.inspect_err(odd)? {
                            if values.len() != need {
                                ledger
                                    .odd_errors
                                    .borrow_mut()
                                    .push(format!("join of {need} gave {}", values.len()));
                            }
                            for (_, t) in values {
                                got(t);
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
                }
            }
            Ok(())
        })
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
        workers.borrow_mut().push(t);
    }
    // Deadlocks surface in main as errors: they are allowed here.
    let _ = run();
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

    let odd = ledger.odd_errors.borrow();
    prop_assert!(
        odd.iter().all(|e| e.contains("Deadlock")),
        "unexpected errors: {:?}",
        *odd
    );
    prop_assert_eq!(ledger.live.get(), 0, "values leaked");
    let received = ledger.received.borrow();
    for (id, n) in received.iter() {
        prop_assert_eq!(*n, 1, "value {} received {} times", id, n);
        prop_assert!(
            !ledger.unfired.borrow().contains(id),
            "value {} of a case that did not fire was received",
            id
        );
    }
    for id in ledger.sent.borrow().iter() {
        prop_assert!(
            received.contains_key(id) || ledger.dropped_receiving.borrow().contains(id),
            "value {} was sent but never received",
            id
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn selects_and_joins_never_lose_or_duplicate_a_value((channels, seed, scripts) in program()) {
        run_program(channels, seed, scripts)?;
    }
}
