//! Channel preference and schedule_all: both tables of the spec, for
//! native tasklets and for soft ones (with a native third tasklet).
//!
//! A receiver R, a sender S and a third tasklet T are queued; either R
//! blocks first (it is created first) or S does.

mod common;

use common::{Log, Op, say, spawn_script};
use shoal_engine::{Channel, Scheduler, run, spawn_named};

#[derive(Clone, Copy)]
enum Config {
    Preference(i64),
    ScheduleAll,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Native,
    Soft,
}

fn spawn_receiver(kind: Kind, log: &Log, ch: &Channel<i64>) {
    match kind {
        Kind::Native => {
            let (log, ch) = (log.clone(), ch.clone());
            spawn_named("R", move || {
                log.push("R:wait");
                let v = ch.receive()?;
                log.push(if v == 1 {
                    "R:got".to_string()
                } else {
                    format!("R:got wrong value {v}")
                });
                Ok(())
            })
            .unwrap();
        }
        Kind::Soft => {
            spawn_script("R", log, vec![say("R:wait"), Op::Recv(ch.clone())]);
        }
    }
}

fn spawn_sender(kind: Kind, log: &Log, ch: &Channel<i64>) {
    match kind {
        Kind::Native => {
            let (log, ch) = (log.clone(), ch.clone());
            spawn_named("S", move || {
                log.push("S:send");
                ch.send(1)?;
                log.push("S:back");
                Ok(())
            })
            .unwrap();
        }
        Kind::Soft => {
            spawn_script(
                "S",
                log,
                vec![say("S:send"), Op::Send(ch.clone(), 1), say("S:back")],
            );
        }
    }
}

/// Runs R, S and T (R first if `receiver_first`) on a channel set up as
/// `config`, and returns the log.
fn scenario(receiver_first: bool, config: Config, kind: Kind) -> Vec<String> {
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    match config {
        Config::Preference(p) => ch.set_preference(p),
        Config::ScheduleAll => ch.set_schedule_all(true),
    }
    if receiver_first {
        spawn_receiver(kind, &log, &ch);
        spawn_sender(kind, &log, &ch);
    } else {
        spawn_sender(kind, &log, &ch);
        spawn_receiver(kind, &log, &ch);
    }
    let t_log = log.clone();
    spawn_named("T", move || {
        t_log.push("T");
        Ok(())
    })
    .unwrap();
    run().unwrap();
    assert_eq!(ch.balance(), 0);
    // The soft receiver logs the value it got.
    log.get()
        .into_iter()
        .map(|e| {
            if e == "R:got 1" {
                "R:got".to_string()
            } else {
                e
            }
        })
        .collect()
}

const RECV_FIRST_PREFER_RECEIVER: [&str; 5] = ["R:wait", "S:send", "R:got", "T", "S:back"];
const RECV_FIRST_NO_SWITCH: [&str; 5] = ["R:wait", "S:send", "S:back", "T", "R:got"];
const RECV_FIRST_SCHEDULE_ALL: [&str; 5] = ["R:wait", "S:send", "T", "R:got", "S:back"];
const SEND_FIRST_NO_SWITCH: [&str; 5] = ["S:send", "R:wait", "R:got", "T", "S:back"];
const SEND_FIRST_PREFER_SENDER: [&str; 5] = ["S:send", "R:wait", "S:back", "T", "R:got"];
const SEND_FIRST_SCHEDULE_ALL: [&str; 5] = ["S:send", "R:wait", "T", "S:back", "R:got"];

// ---- receiver blocks first, native tasklets ---------------------------------

#[test]
fn receiver_first_preference_minus_one() {
    let _s = Scheduler::new();
    let log = scenario(true, Config::Preference(-1), Kind::Native);
    assert_eq!(log, RECV_FIRST_PREFER_RECEIVER);
}

#[test]
fn receiver_first_preference_zero() {
    let _s = Scheduler::new();
    let log = scenario(true, Config::Preference(0), Kind::Native);
    assert_eq!(log, RECV_FIRST_NO_SWITCH);
}

#[test]
fn receiver_first_preference_one() {
    let _s = Scheduler::new();
    let log = scenario(true, Config::Preference(1), Kind::Native);
    assert_eq!(log, RECV_FIRST_NO_SWITCH);
}

#[test]
fn receiver_first_schedule_all() {
    let _s = Scheduler::new();
    let log = scenario(true, Config::ScheduleAll, Kind::Native);
    assert_eq!(log, RECV_FIRST_SCHEDULE_ALL);
}

// ---- sender blocks first, native tasklets -----------------------------------

#[test]
fn sender_first_preference_minus_one() {
    let _s = Scheduler::new();
    let log = scenario(false, Config::Preference(-1), Kind::Native);
    assert_eq!(log, SEND_FIRST_NO_SWITCH);
}

#[test]
fn sender_first_preference_zero() {
    let _s = Scheduler::new();
    let log = scenario(false, Config::Preference(0), Kind::Native);
    assert_eq!(log, SEND_FIRST_NO_SWITCH);
}

#[test]
fn sender_first_preference_one() {
    let _s = Scheduler::new();
    let log = scenario(false, Config::Preference(1), Kind::Native);
    assert_eq!(log, SEND_FIRST_PREFER_SENDER);
}

#[test]
fn sender_first_schedule_all() {
    let _s = Scheduler::new();
    let log = scenario(false, Config::ScheduleAll, Kind::Native);
    assert_eq!(log, SEND_FIRST_SCHEDULE_ALL);
}

// ---- the same rows with soft R and S ------------------------------------------

#[test]
fn soft_receiver_first_preference_minus_one() {
    let _s = Scheduler::new();
    let log = scenario(true, Config::Preference(-1), Kind::Soft);
    assert_eq!(log, RECV_FIRST_PREFER_RECEIVER);
}

#[test]
fn soft_receiver_first_preference_zero() {
    let _s = Scheduler::new();
    let log = scenario(true, Config::Preference(0), Kind::Soft);
    assert_eq!(log, RECV_FIRST_NO_SWITCH);
}

#[test]
fn soft_receiver_first_preference_one() {
    let _s = Scheduler::new();
    let log = scenario(true, Config::Preference(1), Kind::Soft);
    assert_eq!(log, RECV_FIRST_NO_SWITCH);
}

#[test]
fn soft_receiver_first_schedule_all() {
    let _s = Scheduler::new();
    let log = scenario(true, Config::ScheduleAll, Kind::Soft);
    assert_eq!(log, RECV_FIRST_SCHEDULE_ALL);
}

#[test]
fn soft_sender_first_preference_minus_one() {
    let _s = Scheduler::new();
    let log = scenario(false, Config::Preference(-1), Kind::Soft);
    assert_eq!(log, SEND_FIRST_NO_SWITCH);
}

#[test]
fn soft_sender_first_preference_zero() {
    let _s = Scheduler::new();
    let log = scenario(false, Config::Preference(0), Kind::Soft);
    assert_eq!(log, SEND_FIRST_NO_SWITCH);
}

#[test]
fn soft_sender_first_preference_one() {
    let _s = Scheduler::new();
    let log = scenario(false, Config::Preference(1), Kind::Soft);
    assert_eq!(log, SEND_FIRST_PREFER_SENDER);
}

#[test]
fn soft_sender_first_schedule_all() {
    let _s = Scheduler::new();
    let log = scenario(false, Config::ScheduleAll, Kind::Soft);
    assert_eq!(log, SEND_FIRST_SCHEDULE_ALL);
}

// ---- attributes -----------------------------------------------------------------

#[test]
fn preference_defaults_to_minus_one_and_is_clamped() {
    let _s = Scheduler::new();
    let ch: Channel<i64> = Channel::new();
    assert_eq!(ch.preference(), -1);
    assert!(!ch.schedule_all());
    ch.set_preference(5);
    assert_eq!(ch.preference(), 1);
    ch.set_preference(-7);
    assert_eq!(ch.preference(), -1);
    ch.set_preference(0);
    assert_eq!(ch.preference(), 0);
    ch.set_schedule_all(true);
    assert!(ch.schedule_all());
}

#[test]
fn mixed_soft_receiver_and_native_sender_prefer_receiver() {
    // Soft receiver, native sender: the soft receiver runs at once.
    let _s = Scheduler::new();
    let log = Log::new();
    let ch: Channel<i64> = Channel::new();
    spawn_receiver(Kind::Soft, &log, &ch);
    spawn_sender(Kind::Native, &log, &ch);
    let t_log = log.clone();
    spawn_named("T", move || {
        t_log.push("T");
        Ok(())
    })
    .unwrap();
    run().unwrap();
    assert_eq!(log.get(), ["R:wait", "S:send", "R:got 1", "T", "S:back"]);
}
