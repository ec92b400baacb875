//! The schedule callback and the channel callback.

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use common::Log;
use shoal_engine::{
    Channel, Scheduler, Tasklet, main_tasklet, msg, run, schedule, set_channel_callback,
    set_schedule_callback, spawn, spawn_named,
};

type Switches = Rc<RefCell<Vec<(Tasklet, Tasklet)>>>;

fn record_switches() -> Switches {
    let switches: Switches = Rc::default();
    let sink = switches.clone();
    set_schedule_callback(Some(Box::new(move |prev, next| {
        sink.borrow_mut().push((prev, next))
    })));
    switches
}

#[test]
fn schedule_callback_order_for_two_tasklets_scheduling_once() {
    let _s = Scheduler::new();
    let switches = record_switches();
    let a = spawn_named("a", schedule).unwrap();
    let b = spawn_named("b", schedule).unwrap();
    let main = main_tasklet();
    run().unwrap();
    set_schedule_callback(None);
    assert_eq!(
        *switches.borrow(),
        [(main, a), (a, b), (b, a), (a, b), (b, main)]
    );
}

#[test]
fn schedule_callback_is_not_called_without_a_switch() {
    let _s = Scheduler::new();
    let switches = record_switches();
    schedule().unwrap();
    run().unwrap();
    let ch: Channel<i64> = Channel::new();
    let tx = ch.clone();
    spawn(move || tx.send(1)).unwrap();
    run().unwrap();
    let before = switches.borrow().len();
    // Receiving from a waiting sender with preference -1: no switch.
    assert_eq!(ch.receive().unwrap(), 1);
    assert_eq!(switches.borrow().len(), before);
    set_schedule_callback(None);
    run().unwrap();
}

#[test]
fn set_schedule_callback_returns_the_old_one_and_none_disables() {
    let _s = Scheduler::new();
    let log = Log::new();
    let first = log.clone();
    assert!(set_schedule_callback(Some(Box::new(move |_, _| first.push("first")))).is_none());
    let second = log.clone();
    let old = set_schedule_callback(Some(Box::new(move |_, _| second.push("second"))));
    assert!(old.is_some());
    spawn(|| Ok(())).unwrap();
    run().unwrap();
    assert_eq!(log.take(), ["second", "second"]);
    assert!(set_schedule_callback(None).is_some());
    spawn(|| Ok(())).unwrap();
    run().unwrap();
    assert!(log.get().is_empty());
}

#[test]
fn switching_inside_the_schedule_callback_fails() {
    let _s = Scheduler::new();
    let log = Log::new();
    let inner = log.clone();
    set_schedule_callback(Some(Box::new(move |_, _| {
        if let Err(e) = schedule() {
            inner.push(e.message().to_string());
        }
    })));
    spawn(|| Ok(())).unwrap();
    run().unwrap();
    set_schedule_callback(None);
    assert_eq!(log.get(), [msg::IN_CALLBACK, msg::IN_CALLBACK]);
}

type ChannelCalls = Rc<RefCell<Vec<(u64, Tasklet, bool, bool)>>>;

fn record_channel_calls() -> ChannelCalls {
    let calls: ChannelCalls = Rc::default();
    let sink = calls.clone();
    set_channel_callback(Some(Box::new(move |info, t, sending, will_block| {
        sink.borrow_mut().push((info.id, t, sending, will_block))
    })));
    calls
}

#[test]
fn channel_callback_arguments() {
    let _s = Scheduler::new();
    let calls = record_channel_calls();
    let ch: Channel<i64> = Channel::new();
    let rx = ch.clone();
    let r = spawn(move || rx.receive().map(|_| ())).unwrap();
    let main = main_tasklet();
    // Main sends to a receiver that has not run yet: it will block.
    ch.send(42).unwrap();
    set_channel_callback(None);
    assert_eq!(
        *calls.borrow(),
        [(ch.id(), main, true, true), (ch.id(), r, false, false)]
    );
}

#[test]
fn channel_callback_is_called_before_an_operation_that_fails() {
    let _s = Scheduler::new();
    let calls = record_channel_calls();
    let ch: Channel<i64> = Channel::new();
    ch.close();
    assert!(ch.receive().is_err());
    set_channel_callback(None);
    assert_eq!(*calls.borrow(), [(ch.id(), main_tasklet(), false, true)]);
}

#[test]
fn channel_callback_once_per_item_of_send_sequence() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    let rx = ch.clone();
    spawn(move || {
        for _ in 0..3 {
            rx.receive()?;
        }
        Ok(())
    })
    .unwrap();
    run().unwrap();
    let calls = record_channel_calls();
    assert_eq!(ch.send_sequence([1, 2, 3]).unwrap(), 3);
    set_channel_callback(None);
    // The receiver's own receives (it blocks again after each value) are
    // reported too; main's sends are reported once per item.
    let main = main_tasklet();
    let from_main: Vec<_> = calls
        .borrow()
        .iter()
        .copied()
        .filter(|c| c.1 == main)
        .collect();
    assert_eq!(from_main, [(ch.id(), main, true, false); 3]);
    let from_receiver = calls.borrow().iter().filter(|c| c.1 != main).count();
    assert_eq!(from_receiver, 2);
    assert_eq!(ch.balance(), 0);
}

#[test]
fn channel_operation_inside_the_channel_callback_fails() {
    let _s = Scheduler::new();
    let log = Log::new();
    let other: Channel<i64> = Channel::new();
    let inner = log.clone();
    set_channel_callback(Some(Box::new(move |_, _, _, _| {
        if let Err(e) = other.send(1) {
            inner.push(e.message().to_string());
        }
    })));
    let ch: Channel<i64> = Channel::new();
    let tx = ch.clone();
    spawn(move || tx.send(1)).unwrap();
    assert_eq!(ch.receive().unwrap(), 1);
    set_channel_callback(None);
    assert_eq!(log.get(), [msg::RECURSIVE_CHANNEL, msg::RECURSIVE_CHANNEL]);
    run().unwrap();
}

#[test]
fn schedule_callback_sees_a_dying_tasklet_as_dead() {
    let _s = Scheduler::new();
    let seen: Rc<RefCell<Vec<(Tasklet, Tasklet, bool)>>> = Rc::default();
    let sink = seen.clone();
    set_schedule_callback(Some(Box::new(move |prev, next| {
        sink.borrow_mut().push((prev, next, prev.alive()))
    })));
    let t = spawn(|| Ok(())).unwrap();
    run().unwrap();
    set_schedule_callback(None);
    let main = main_tasklet();
    assert_eq!(*seen.borrow(), [(main, t, true), (t, main, false)]);
}

#[test]
fn current_is_prev_during_the_schedule_callback() {
    // Stackless's test_sched_cb.test2current: inside the callback,
    // `stackless.current` is still the tasklet switching away.
    let _s = Scheduler::new();
    let seen: Rc<RefCell<Vec<bool>>> = Rc::default();
    let sink = seen.clone();
    set_schedule_callback(Some(Box::new(move |prev, _next| {
        sink.borrow_mut().push(shoal_engine::current() == prev)
    })));
    spawn(|| Ok(())).unwrap();
    run().unwrap();
    set_schedule_callback(None);
    // main -> t, t -> main.
    assert_eq!(*seen.borrow(), [true, true]);
}

#[test]
fn channel_callback_is_not_called_when_a_kill_unblocks() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    let rx = ch.clone();
    let t = spawn(move || rx.receive().map(|_| ())).unwrap();
    run().unwrap();
    let calls = record_channel_calls();
    t.kill(false).unwrap();
    set_channel_callback(None);
    assert!(calls.borrow().is_empty());
    assert_eq!(ch.balance(), 0);
}
