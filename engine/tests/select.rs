//! Select and join: one of several operations, or all (or M of N) of
//! several receives, with defaults, timeouts, kills, balances and the
//! seeded choice among ready cases.

use std::cell::RefCell;
use std::rc::Rc;

use shoal_engine::{
    BlockedOn, Channel, Join, Joined, Scheduler, Select, Selected, TaskletState, Timeout,
    advance_tick, run, runcount, set_select_seed, spawn,
};

#[test]
fn a_ready_case_completes_without_blocking() {
    let _s = Scheduler::new();
    let (a, b) = (Channel::<i32>::new(), Channel::<i32>::new());
    let tx = b.clone();
    spawn(move || tx.send(7)).unwrap();
    run().unwrap();
    assert_eq!(b.balance(), 1);
    let got = Select::new().receive(&a).receive(&b).wait().unwrap();
    assert_eq!(got, Selected::Received(1, 7));
    assert_eq!(b.balance(), 0);
}

#[test]
fn a_blocked_select_counts_in_every_balance_and_leaves_them_when_one_fires() {
    let _s = Scheduler::new();
    let (a, b, c) = (Channel::<i32>::new(), Channel::<i32>::new(), Channel::new());
    let out = Rc::new(RefCell::new(None));
    let (a2, b2, c2, o) = (a.clone(), b.clone(), c.clone(), out.clone());
    let t = spawn(move || {
        let got = Select::new()
            .receive(&a2)
            .send(&b2, 5)
            .receive(&c2)
            .wait()?;
        *o.borrow_mut() = Some(got);
        Ok(())
    })
    .unwrap();
    run().unwrap();
    assert_eq!((a.balance(), b.balance(), c.balance()), (-1, 1, -1));
    let info = t.info().unwrap();
    assert_eq!(info.state, TaskletState::Blocked);
    assert_eq!(
        info.blocked_on,
        Some(BlockedOn::Select {
            channels: vec![a.id(), b.id(), c.id()],
            join: false
        })
    );
    assert!(t.blocked() && t.scheduled());
    // Main takes the send case: the tasklet leaves a and c.
    assert_eq!(b.receive().unwrap(), 5);
    assert_eq!((a.balance(), b.balance(), c.balance()), (0, 0, 0));
    run().unwrap();
    assert_eq!(*out.borrow(), Some(Selected::Sent(1)));
}

#[test]
fn a_receive_case_fires_when_a_sender_comes() {
    let _s = Scheduler::new();
    let (a, b) = (Channel::<&str>::new(), Channel::<&str>::new());
    let out = Rc::new(RefCell::new(None));
    let (a2, b2, o) = (a.clone(), b.clone(), out.clone());
    spawn(move || {
        *o.borrow_mut() = Some(Select::new().receive(&a2).receive(&b2).wait()?);
        Ok(())
    })
    .unwrap();
    run().unwrap();
    // The receiver is preferred: main's send switches to it.
    b.send("hello").unwrap();
    assert_eq!(*out.borrow(), Some(Selected::Received(1, "hello")));
    assert_eq!((a.balance(), b.balance()), (0, 0));
}

#[test]
fn default_returns_at_once_and_timeout_in_ticks_gives_up() {
    let _s = Scheduler::new();
    let a = Channel::<i32>::new();
    let got = Select::new().receive(&a).or_default().wait().unwrap();
    assert_eq!(got, Selected::Default);
    let out = Rc::new(RefCell::new(None));
    let (a2, o) = (a.clone(), out.clone());
    spawn(move || {
        let r = Select::new()
            .receive(&a2)
            .timeout(Timeout::Ticks(2))
            .wait()?;
        *o.borrow_mut() = Some(r);
        Ok(())
    })
    .unwrap();
    run().unwrap();
    assert_eq!(a.balance(), -1);
    advance_tick();
    run().unwrap();
    assert!(out.borrow().is_none());
    advance_tick();
    run().unwrap();
    assert_eq!(*out.borrow(), Some(Selected::TimedOut));
    assert_eq!(a.balance(), 0);
}

#[test]
fn killing_a_selecting_tasklet_takes_it_off_every_channel() {
    let _s = Scheduler::new();
    let (a, b) = (Channel::<String>::new(), Channel::<String>::new());
    let (a2, b2) = (a.clone(), b.clone());
    let t = spawn(move || {
        Select::new()
            .send(&a2, "x".to_string())
            .receive(&b2)
            .wait()
            .map(|_| ())
    })
    .unwrap();
    run().unwrap();
    assert_eq!((a.balance(), b.balance()), (1, -1));
    t.kill(false).unwrap();
    assert!(!t.alive());
    assert_eq!((a.balance(), b.balance()), (0, 0));
    assert_eq!(runcount(), 1);
}

#[test]
fn a_select_with_nothing_else_runnable_is_a_deadlock_error() {
    let _s = Scheduler::new();
    let a = Channel::<i32>::new();
    let err = Select::new().receive(&a).wait().unwrap_err();
    assert!(err.message().contains("Deadlock"), "{err}");
    assert_eq!(a.balance(), 0);
}

#[test]
fn bad_selects_are_refused() {
    let _s = Scheduler::new();
    let a = Channel::<i32>::new();
    let err = Select::new().receive(&a).send(&a, 1).wait().unwrap_err();
    assert_eq!(err.message(), "a channel may appear in only one case");
    let err = Select::<i32>::new().wait().unwrap_err();
    assert_eq!(
        err.message(),
        "select() needs a case, a default or a timeout"
    );
    a.close();
    let err = Select::new().receive(&a).wait().unwrap_err();
    assert_eq!(err.message(), shoal_engine::msg::CLOSED);
}

#[test]
fn a_join_waits_for_every_channel_and_takes_the_values_at_once() {
    let _s = Scheduler::new();
    let chans: Vec<Channel<u32>> = (0..3).map(|_| Channel::new()).collect();
    let out = Rc::new(RefCell::new(None));
    let (cs, o) = (chans.clone(), out.clone());
    let joiner = spawn(move || {
        *o.borrow_mut() = Some(Join::new(&cs).wait()?);
        Ok(())
    })
    .unwrap();
    run().unwrap();
    assert_eq!(
        joiner.info().unwrap().blocked_on,
        Some(BlockedOn::Select {
            channels: chans.iter().map(Channel::id).collect(),
            join: true
        })
    );
    // Two senders block; the join does not count in the balances.
    for (i, ch) in chans.iter().enumerate().take(2) {
        let ch = ch.clone();
        spawn(move || ch.send(i as u32 * 10)).unwrap();
    }
    run().unwrap();
    assert_eq!(
        chans.iter().map(Channel::balance).collect::<Vec<_>>(),
        [1, 1, 0]
    );
    assert!(out.borrow().is_none());
    // The third sender completes it and does not block.
    chans[2].send(20).unwrap();
    assert_eq!(
        chans.iter().map(Channel::balance).collect::<Vec<_>>(),
        [0, 0, 0]
    );
    run().unwrap();
    assert_eq!(
        *out.borrow(),
        Some(Joined::Values(vec![(0, 0), (1, 10), (2, 20)]))
    );
    assert_eq!(runcount(), 1);
}

#[test]
fn an_m_of_n_join_takes_m_values_and_leaves_the_rest() {
    let _s = Scheduler::new();
    let chans: Vec<Channel<u32>> = (0..4).map(|_| Channel::new()).collect();
    for (i, ch) in chans.iter().enumerate() {
        let ch = ch.clone();
        spawn(move || ch.send(i as u32)).unwrap();
    }
    run().unwrap();
    let Joined::Values(got) = Join::new(&chans).need(3).wait().unwrap() else {
        panic!("the join had enough senders");
    };
    assert_eq!(got.len(), 3);
    assert!(got.iter().all(|(i, v)| *i as u32 == *v));
    let left: i64 = chans.iter().map(Channel::balance).sum();
    assert_eq!(left, 1);
    assert_eq!(
        Join::new(&chans).need(2).or_default().wait().unwrap(),
        Joined::Default
    );
}

#[test]
fn a_join_takes_a_selects_send_case() {
    let _s = Scheduler::new();
    let (a, b, other) = (Channel::<i32>::new(), Channel::<i32>::new(), Channel::new());
    let out = Rc::new(RefCell::new(None));
    let (a2, o2, o) = (a.clone(), other.clone(), out.clone());
    spawn(move || {
        *o.borrow_mut() = Some(Select::new().send(&a2, 1).receive(&o2).wait()?);
        Ok(())
    })
    .unwrap();
    let b2 = b.clone();
    spawn(move || b2.send(2)).unwrap();
    run().unwrap();
    assert_eq!((a.balance(), other.balance()), (1, -1));
    let got = Join::new(&[a.clone(), b.clone()]).wait().unwrap();
    assert_eq!(got, Joined::Values(vec![(0, 1), (1, 2)]));
    assert_eq!((a.balance(), b.balance(), other.balance()), (0, 0, 0));
    run().unwrap();
    assert_eq!(*out.borrow(), Some(Selected::Sent(0)));
}

#[test]
fn killing_a_joining_tasklet_stops_it_watching() {
    let _s = Scheduler::new();
    let (a, b) = (Channel::<i32>::new(), Channel::<i32>::new());
    let (a2, b2) = (a.clone(), b.clone());
    let t = spawn(move || Join::new(&[a2, b2]).wait().map(|_| ())).unwrap();
    run().unwrap();
    t.kill(false).unwrap();
    // Senders now block as usual: nobody takes their values.
    let (a3, b3) = (a.clone(), b.clone());
    spawn(move || a3.send(1)).unwrap();
    spawn(move || b3.send(2)).unwrap();
    run().unwrap();
    assert_eq!((a.balance(), b.balance()), (1, 1));
    assert_eq!(a.receive().unwrap(), 1);
    assert_eq!(b.receive().unwrap(), 2);
}

/// Picks among four ready receive cases `rounds` times; returns the
/// counts of each case.
fn choices(seed: u64, rounds: usize) -> Vec<usize> {
    let _s = Scheduler::new();
    set_select_seed(seed).unwrap();
    let chans: Vec<Channel<usize>> = (0..4).map(|_| Channel::new()).collect();
    let mut picks = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        // Every channel gets a blocked sender; the select takes one and
        // main drains the others.
        for (i, ch) in chans.iter().enumerate() {
            let ch = ch.clone();
            spawn(move || ch.send(i)).unwrap();
        }
        run().unwrap();
        let sel = chans.iter().fold(Select::new(), |s, c| s.receive(c));
        let Selected::Received(case, v) = sel.wait().unwrap() else {
            panic!("every case was ready");
        };
        assert_eq!(case, v);
        picks.push(case);
        for (i, ch) in chans.iter().enumerate() {
            if i != case {
                ch.receive().unwrap();
            }
        }
        run().unwrap();
    }
    picks
}

#[test]
fn the_choice_among_ready_cases_is_uniform_and_reproducible() {
    let rounds = 4000;
    let picks = choices(42, rounds);
    let mut counts = [0usize; 4];
    for &p in &picks {
        counts[p] += 1;
    }
    // Chi-square with 3 degrees of freedom: 16.27 is the 0.1% point.
    let expected = rounds as f64 / 4.0;
    let chi2: f64 = counts
        .iter()
        .map(|&c| (c as f64 - expected).powi(2) / expected)
        .sum();
    assert!(chi2 < 16.27, "counts {counts:?}, chi-square {chi2}");
    assert_eq!(picks, choices(42, rounds), "same seed, same choices");
    assert_ne!(picks, choices(43, rounds), "another seed, other choices");
}

#[test]
fn a_join_takes_a_select_from_the_channel_where_nobody_else_waits() {
    // The select sends on a and b; a plain sender waits behind it on b.
    // Whatever the seed, the join takes the select from a and the plain
    // sender from b.
    for seed in 0..20 {
        let _s = Scheduler::new();
        set_select_seed(seed).unwrap();
        let (a, b) = (Channel::<i32>::new(), Channel::<i32>::new());
        let (a2, b2) = (a.clone(), b.clone());
        spawn(move || Select::new().send(&a2, 1).send(&b2, 2).wait().map(|_| ())).unwrap();
        let b3 = b.clone();
        spawn(move || b3.send(3)).unwrap();
        run().unwrap();
        let got = Join::new(&[a.clone(), b.clone()]).wait().unwrap();
        assert_eq!(got, Joined::Values(vec![(0, 1), (1, 3)]), "seed {seed}");
        run().unwrap();
        assert_eq!((a.balance(), b.balance()), (0, 0));
    }
}

#[test]
fn a_zero_timeout_only_looks() {
    let _s = Scheduler::new();
    let a = Channel::<i32>::new();
    let sel = Select::new().receive(&a).timeout(Timeout::Ticks(0));
    assert_eq!(sel.wait().unwrap(), Selected::TimedOut);
    let sel = Select::new()
        .receive(&a)
        .timeout(Timeout::After(std::time::Duration::ZERO));
    assert_eq!(sel.wait().unwrap(), Selected::TimedOut);
    let join = Join::new(std::slice::from_ref(&a)).timeout(Timeout::Ticks(0));
    assert_eq!(join.wait().unwrap(), Joined::TimedOut);
    assert_eq!(a.balance(), 0);
}
