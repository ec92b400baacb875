//! Channels: balance, FIFO queue, send_exception, send_sequence, iteration,
//! close/open.

mod common;

use common::{Log, user_error};
use shoal_engine::{
    Channel, ErrorKind, Scheduler, Tasklet, TaskletError, current, msg, run, runcount, spawn,
    spawn_named,
};

fn receiver(log: &Log, ch: &Channel<i64>, name: &'static str) -> Tasklet {
    let (log, ch) = (log.clone(), ch.clone());
    spawn_named(name, move || {
        match ch.receive() {
            Ok(v) => log.push(format!("{name} got {v}")),
            Err(e) => log.push(format!("{name} raised {e}")),
        }
        Ok(())
    })
    .unwrap()
}

fn sender(ch: &Channel<i64>, value: i64) -> Tasklet {
    let ch = ch.clone();
    spawn(move || ch.send(value)).unwrap()
}

#[test]
fn balance_counts_blocked_receivers_negative() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    assert_eq!(ch.balance(), 0);
    let r1 = receiver(&log, &ch, "r1");
    let r2 = receiver(&log, &ch, "r2");
    run().unwrap();
    assert_eq!(ch.balance(), -2);
    assert!(r1.blocked() && r2.blocked());
    assert!(r1.scheduled() && !r1.paused());
    assert_eq!(runcount(), 1);
    ch.send(1).unwrap();
    assert_eq!(ch.balance(), -1);
    ch.send(2).unwrap();
    assert_eq!(ch.balance(), 0);
}

#[test]
fn balance_counts_blocked_senders_positive() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    let s1 = sender(&ch, 1);
    sender(&ch, 2);
    run().unwrap();
    assert_eq!(ch.balance(), 2);
    assert!(s1.blocked());
    assert_eq!(ch.receive().unwrap(), 1);
    assert_eq!(ch.balance(), 1);
    assert_eq!(ch.receive().unwrap(), 2);
    assert_eq!(ch.balance(), 0);
    run().unwrap();
}

#[test]
fn blocked_receivers_are_served_in_fifo_order() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    let r1 = receiver(&log, &ch, "r1");
    let r2 = receiver(&log, &ch, "r2");
    let r3 = receiver(&log, &ch, "r3");
    run().unwrap();
    assert_eq!(ch.queue(), Some(r1));
    assert_eq!(ch.waiting(), [r1, r2, r3]);
    for v in [10, 20, 30] {
        ch.send(v).unwrap();
    }
    assert_eq!(log.get(), ["r1 got 10", "r2 got 20", "r3 got 30"]);
    assert_eq!(ch.queue(), None);
}

#[test]
fn blocked_senders_are_served_in_fifo_order() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    let s1 = sender(&ch, 1);
    let s2 = sender(&ch, 2);
    let s3 = sender(&ch, 3);
    run().unwrap();
    assert_eq!(ch.waiting(), [s1, s2, s3]);
    let got: Vec<i64> = (0..3).map(|_| ch.receive().unwrap()).collect();
    assert_eq!(got, [1, 2, 3]);
    run().unwrap();
}

#[test]
fn a_partnerless_operation_blocks_and_the_next_tasklet_runs() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    let (inner, rx) = (log.clone(), ch.clone());
    let r = spawn(move || {
        inner.push("r: before");
        let v = rx.receive()?;
        inner.push(format!("r: got {v}"));
        Ok(())
    })
    .unwrap();
    let inner = log.clone();
    spawn(move || {
        inner.push("other");
        Ok(())
    })
    .unwrap();
    run().unwrap();
    assert_eq!(log.get(), ["r: before", "other"]);
    assert!(r.blocked());
    assert!(!r.paused());
    ch.send(4).unwrap();
    assert_eq!(log.get(), ["r: before", "other", "r: got 4"]);
}

#[test]
fn send_exception_is_raised_by_the_receiver() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    receiver(&log, &ch, "r");
    run().unwrap();
    ch.send_exception(user_error("ValueError", "(1, 2, 3)"))
        .unwrap();
    assert_eq!(log.get(), ["r raised ValueError: (1, 2, 3)"]);
    assert_eq!(ch.balance(), 0);
}

#[test]
fn send_exception_to_main_blocked_on_receive() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    let tx = ch.clone();
    spawn(move || tx.send_exception(user_error("KeyError", "sent"))).unwrap();
    let err = ch.receive().unwrap_err();
    assert_eq!(err, user_error("KeyError", "sent"));
}

#[test]
fn send_exception_keeps_the_payload() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    let tx = ch.clone();
    spawn(move || {
        tx.send_exception(
            user_error("ScriptError", "with payload").with_payload(std::sync::Arc::new(42u32)),
        )
    })
    .unwrap();
    let err = ch.receive().unwrap_err();
    let payload = err.payload().expect("payload travels with the error");
    assert_eq!(payload.downcast_ref::<u32>(), Some(&42));
}

#[test]
fn send_sequence_returns_the_count() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    let got = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let (rx, sink) = (ch.clone(), got.clone());
    spawn(move || {
        for item in rx.iter() {
            sink.borrow_mut().push(item?);
        }
        Ok(())
    })
    .unwrap();
    let n = ch.send_sequence(0..10).unwrap();
    assert_eq!(n, 10);
    assert_eq!(*got.borrow(), (0..10).collect::<Vec<i64>>());
    ch.send_exception(TaskletError::stop_iteration()).unwrap();
    run().unwrap();
    assert_eq!(runcount(), 1);
}

#[test]
fn iteration_stops_on_stop_iteration() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    let (inner, rx) = (log.clone(), ch.clone());
    let r = spawn(move || {
        for item in rx.iter() {
            inner.push(format!("item {}", item?));
        }
        inner.push("loop ended");
        Ok(())
    })
    .unwrap();
    let tx = ch.clone();
    spawn(move || {
        tx.send(1)?;
        tx.send(2)?;
        tx.send_exception(TaskletError::stop_iteration())
    })
    .unwrap();
    run().unwrap();
    assert_eq!(log.get(), ["item 1", "item 2", "loop ended"]);
    assert!(!r.alive());
}

#[test]
fn iteration_stops_when_closing_with_no_sender() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    for v in 1..=3 {
        sender(&ch, v);
    }
    run().unwrap();
    assert_eq!(ch.balance(), 3);
    ch.close();
    assert!(ch.closing());
    assert!(!ch.closed());
    let got: Vec<i64> = ch.iter().map(|r| r.unwrap()).collect();
    assert_eq!(got, [1, 2, 3]);
    assert!(ch.closed());
    run().unwrap();
}

#[test]
fn iteration_passes_other_errors_on() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    let tx = ch.clone();
    spawn(move || tx.send_exception(user_error("IndexError", "not a stop"))).unwrap();
    let mut it = ch.iter();
    let first = it.next().expect("an item");
    assert_eq!(first.unwrap_err(), user_error("IndexError", "not a stop"));
}

#[test]
fn close_only_sets_closing() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    assert!(!ch.closing());
    assert!(!ch.closed());
    let r = receiver(&log, &ch, "r");
    run().unwrap();
    ch.close();
    // The blocked receiver is not woken.
    assert!(ch.closing());
    assert!(!ch.closed());
    assert!(r.blocked());
    assert_eq!(ch.balance(), -1);
    // An operation that can complete still does.
    ch.send(5).unwrap();
    assert_eq!(log.get(), ["r got 5"]);
    assert!(ch.closed());
    ch.open();
    assert!(!ch.closing());
    assert!(!ch.closed());
}

#[test]
fn closed_channel_raises_value_error_when_an_operation_would_block() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    ch.close();
    assert!(ch.closed());
    let err = ch.send(1).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::ValueError);
    assert_eq!(err.message(), msg::CLOSED);
    let err = ch.receive().unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::ValueError);
    assert_eq!(err.message(), msg::CLOSED);
    assert_eq!(ch.balance(), 0);
    ch.open();
    let tx = ch.clone();
    spawn(move || tx.send(2)).unwrap();
    assert_eq!(ch.receive().unwrap(), 2);
}

#[test]
fn closed_channel_raises_value_error_in_a_tasklet() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    ch.close();
    receiver(&log, &ch, "r");
    run().unwrap();
    assert_eq!(log.get(), [format!("r raised ValueError: {}", msg::CLOSED)]);
}

#[test]
fn queue_is_the_first_blocked_tasklet() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    assert_eq!(ch.queue(), None);
    let s1 = sender(&ch, 1);
    let s2 = sender(&ch, 2);
    run().unwrap();
    assert_eq!(ch.queue(), Some(s1));
    ch.receive().unwrap();
    assert_eq!(ch.queue(), Some(s2));
    ch.receive().unwrap();
    assert_eq!(ch.queue(), None);
    run().unwrap();
}

#[test]
fn receive_from_waiting_sender_appends_the_sender() {
    // Preference -1: the receiver keeps running, the sender is queued at
    // the tail.
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    let s = sender(&ch, 1);
    run().unwrap();
    assert_eq!(ch.receive().unwrap(), 1);
    assert!(current().is_main());
    assert!(s.scheduled() && !s.blocked());
    assert_eq!(runcount(), 2);
    run().unwrap();
    assert!(!s.alive());
}

#[test]
fn channel_info_snapshot() {
    let _s = Scheduler::new();
    let a: Channel<i64> = Channel::named("inbox");
    let b: Channel<i64> = Channel::new();
    assert_ne!(a.id(), b.id());
    let info = a.info();
    assert_eq!(info.id, a.id());
    assert_eq!(info.name.as_deref(), Some("inbox"));
    assert_eq!(info.balance, 0);
    assert_eq!(info.preference, -1);
    assert!(!info.schedule_all);
    assert!(!info.closing);
    assert_eq!(b.info().name, None);
}

#[test]
fn iteration_stops_at_once_on_a_closing_channel_with_waiting_receivers() {
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    receiver(&log, &ch, "r");
    run().unwrap();
    ch.close();
    assert_eq!(ch.balance(), -1);
    assert!(ch.iter().next().is_none());
    // A receive that would block raises instead.
    let err = ch.receive().unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::ValueError);
    assert_eq!(err.message(), msg::CLOSED);
    assert_eq!(ch.balance(), -1);
    ch.send(1).unwrap();
    assert_eq!(log.get(), ["r got 1"]);
}

#[test]
fn waiters_and_deliveries_can_be_listed_for_saving() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    let mut senders = Vec::new();
    for v in [10, 20] {
        let tx = ch.clone();
        senders.push(spawn(move || tx.send(v)).expect("spawn"));
    }
    run().expect("run");
    let mut seen = Vec::new();
    ch.for_each_waiter(|t, sending, item| {
        seen.push((t, sending, item.and_then(|i| i.as_ref().ok()).copied()));
    });
    assert_eq!(
        seen,
        vec![(senders[0], true, Some(10)), (senders[1], true, Some(20))]
    );
    let mut delivered = 0;
    ch.for_each_delivered(|_, _| delivered += 1);
    assert_eq!(delivered, 0);
    assert_eq!(ch.receive().expect("receive"), 10);
    assert_eq!(ch.receive().expect("receive"), 20);
    run().expect("run");
}
