//! Property tests: random programs of sends, receives, kills and schedules
//! never lose or duplicate a value, and every channel's balance always
//! equals what introspection sees blocked on it.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
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

/// A value that counts how many of its kind are alive.
struct Token {
    id: u64,
    live: Rc<Cell<i64>>,
}

impl Drop for Token {
    fn drop(&mut self) {
        self.live.set(self.live.get() - 1);
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
    let live = Rc::new(Cell::new(0i64));
    let created = Rc::new(Cell::new(0u64));
    let received: Rc<RefCell<Vec<u64>>> = Rc::default();
    let channels: Rc<Vec<Channel<Token>>> =
        Rc::new((0..n_channels).map(|_| Channel::new()).collect());
    let workers: Rc<RefCell<Vec<Tasklet>>> = Rc::default();
    let violation: Rc<RefCell<Option<String>>> = Rc::default();

    // Check the balances at every switch.
    {
        let channels = channels.clone();
        let violation = violation.clone();
        set_schedule_callback(Some(Box::new(move |_, _| {
            if violation.borrow().is_none()
                && let Err(e) = check_balances(&channels)
            {
                *violation.borrow_mut() = Some(e);
            }
        })));
    }

    for (me, script) in scripts.into_iter().enumerate() {
        let (live, created, received) = (live.clone(), created.clone(), received.clone());
        let (channels, roster) = (channels.clone(), workers.clone());
        let t = spawn(move || {
            for op in script {
                match op {
                    Op::Send(c) => {
                        let id = created.get() + 1;
                        created.set(id);
                        live.set(live.get() + 1);
                        let token = Token {
                            id: (me as u64) << 32 | id,
                            live: live.clone(),
                        };
                        channels[c].send(token)?;
                    }
                    Op::Receive(c) => {
                        let token = channels[c].receive()?;
                        received.borrow_mut().push(token.id);
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

    let received = received.borrow();
    let unique: HashSet<u64> = received.iter().copied().collect();
    prop_assert_eq!(unique.len(), received.len(), "a value was received twice");
    prop_assert_eq!(
        live.get(),
        0,
        "tokens leaked: {} created, {} received",
        created.get(),
        received.len()
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn values_are_never_lost_or_duplicated((channels, scripts) in program()) {
        run_program(channels, scripts)?;
    }
}
