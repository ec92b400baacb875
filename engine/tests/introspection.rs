//! Introspection: tasklets() and stats().

mod common;

use common::Log;
use shoal_engine::{
    BlockedOn, Channel, Scheduler, TaskletKind, TaskletState, bind, main_tasklet, run, schedule,
    sleep_ticks, spawn, spawn_named, stats, tasklets,
};

#[test]
fn tasklets_shows_what_each_waits_on() {
    let _s = Scheduler::new();
    let inbox: Channel<i64> = Channel::named("inbox");
    let plain: Channel<i64> = Channel::new();
    let rx = inbox.clone();
    let receiver = spawn_named("receiver", move || rx.receive().map(|_| ())).unwrap();
    let tx = plain.clone();
    let sender = spawn_named("sender", move || tx.send(1)).unwrap();
    let sleeper = spawn_named("sleeper", || sleep_ticks(5)).unwrap();
    let bound = bind(|| Ok(())).unwrap();
    run().unwrap();

    let all = tasklets();
    assert_eq!(all.len(), 5);
    let ids: Vec<u64> = all.iter().map(|i| i.id).collect();
    assert_eq!(
        ids,
        [
            main_tasklet().id(),
            receiver.id(),
            sender.id(),
            sleeper.id(),
            bound.id()
        ]
    );

    let main = &all[0];
    assert_eq!(main.kind, TaskletKind::Main);
    assert_eq!(main.state, TaskletState::Running);
    assert_eq!(main.blocked_on, None);

    let r = &all[1];
    assert_eq!(r.tasklet, receiver);
    assert_eq!(r.name.as_deref(), Some("receiver"));
    assert_eq!(r.kind, TaskletKind::Native);
    assert_eq!(r.state, TaskletState::Blocked);
    assert_eq!(
        r.blocked_on,
        Some(BlockedOn::Channel {
            id: inbox.id(),
            name: Some("inbox".into()),
            sending: false
        })
    );

    let s = &all[2];
    assert_eq!(s.state, TaskletState::Blocked);
    assert_eq!(
        s.blocked_on,
        Some(BlockedOn::Channel {
            id: plain.id(),
            name: None,
            sending: true
        })
    );

    let z = &all[3];
    assert_eq!(z.state, TaskletState::Sleeping);
    assert_eq!(z.blocked_on, Some(BlockedOn::Tick { at: 5 }));

    let b = &all[4];
    assert_eq!(b.state, TaskletState::Bound);
    assert_eq!(b.runs, 0);

    let st = stats();
    assert_eq!(st.tasklets, 5);
    assert_eq!(st.blocked, 2);
    assert_eq!(st.sleeping, 1);
    assert_eq!(st.runnable, 1);
    assert_eq!(st.tick, 0);
}

#[test]
fn runs_counts_the_times_a_tasklet_got_the_cpu() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    let rx = ch.clone();
    let t = spawn(move || {
        schedule()?;
        schedule()?;
        rx.receive().map(|_| ())
    })
    .unwrap();
    // Another tasklet that yields once, so each of t's schedule() calls
    // switches: t runs, u, t, u ends, t.
    spawn(schedule).unwrap();
    assert_eq!(t.info().unwrap().runs, 0);
    run().unwrap();
    assert_eq!(t.info().unwrap().runs, 3);
    ch.send(1).unwrap();
    assert_eq!(t.info(), None);
}

#[test]
fn paused_and_runnable_states() {
    let _s = Scheduler::new();
    let log = Log::new();
    let a = spawn(common::logger(&log, "a")).unwrap();
    let b = spawn(common::logger(&log, "b")).unwrap();
    b.remove().unwrap();
    assert_eq!(a.info().unwrap().state, TaskletState::Runnable);
    assert_eq!(b.info().unwrap().state, TaskletState::Paused);
    assert_eq!(stats().runnable, 2);
    run().unwrap();
    assert_eq!(a.info(), None);
    assert_eq!(b.info().unwrap().state, TaskletState::Paused);
}

#[test]
fn ended_tasklets_leave_the_list() {
    let _s = Scheduler::new();
    spawn(|| Ok(())).unwrap();
    assert_eq!(tasklets().len(), 2);
    run().unwrap();
    let all = tasklets();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].tasklet, main_tasklet());
    assert_eq!(stats().tasklets, 1);
}

#[test]
fn switches_are_counted() {
    let _s = Scheduler::new();
    let before = stats().switches;
    spawn(|| Ok(())).unwrap();
    run().unwrap();
    // main -> t, t -> main.
    assert_eq!(stats().switches - before, 2);
}
