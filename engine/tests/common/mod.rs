//! Helpers shared by the engine's integration tests: an ordered log and a
//! small soft tasklet "interpreter" that runs a list of operations, one
//! instruction each, against the watchdog's budget.

#![allow(dead_code)]

use std::cell::RefCell;
use std::rc::Rc;

use shoal_engine::{
    Channel, ErrorKind, SoftStatus, SoftTasklet, Step, Tasklet, TaskletError, TaskletResult,
    finish_soft, schedule, schedule_soft, set_atomic, spawn_soft,
};

/// An ordered record of what the tasklets did, shared between them.
#[derive(Clone, Default)]
pub struct Log(Rc<RefCell<Vec<String>>>);

impl Log {
    pub fn new() -> Log {
        Log::default()
    }

    pub fn push(&self, entry: impl Into<String>) {
        self.0.borrow_mut().push(entry.into());
    }

    /// Everything logged so far.
    pub fn get(&self) -> Vec<String> {
        self.0.borrow().clone()
    }

    /// Everything logged so far, clearing the log.
    pub fn take(&self) -> Vec<String> {
        std::mem::take(&mut *self.0.borrow_mut())
    }
}

/// A native tasklet body that logs `text` and ends.
pub fn logger(log: &Log, text: &'static str) -> impl FnOnce() -> TaskletResult<()> + use<> {
    let log = log.clone();
    move || {
        log.push(text);
        Ok(())
    }
}

/// An error of a class the scheduler never raises itself.
pub fn user_error(class: &'static str, message: &str) -> TaskletError {
    TaskletError::new(ErrorKind::Other(class.into()), message)
}

/// One instruction of a [`Script`].
#[derive(Clone)]
pub enum Op {
    /// Logs the text.
    Log(String),
    /// A counting loop of `n` instructions; each logs `{name}{k}` with `k`
    /// counting on over the whole script.
    Count(u32),
    /// `schedule_soft()`.
    Schedule,
    /// `send_soft(value)`.
    Send(Channel<i64>, i64),
    /// `receive_soft()`; logs `{name}:got {value}`.
    Recv(Channel<i64>),
    /// `set_atomic(flag)`.
    Atomic(bool),
    /// Calls the *native* `schedule()` (wrong for a soft tasklet); logs
    /// `{name}:error {message}` or `{name}:ok`.
    NativeSchedule,
    /// Ends the tasklet with this error.
    Fail(TaskletError),
}

enum Parked {
    /// Parked in an operation finished with `finish_soft()`.
    Op,
    /// Parked in a receive, finished with `finish_receive()`.
    Recv(Channel<i64>),
}

/// A soft tasklet running a list of [`Op`]s, one instruction each
/// (`Count(n)` is `n` instructions). Every error it gets ends it and is
/// logged as `{name}:raised {error}`.
pub struct Script {
    name: String,
    log: Log,
    ops: Vec<Op>,
    pc: usize,
    /// Iterations done in the current `Count`.
    in_count: u32,
    /// The counter `Count` logs.
    counter: u32,
    parked: Option<Parked>,
}

impl Script {
    pub fn boxed(name: &str, log: &Log, ops: Vec<Op>) -> Box<dyn SoftTasklet> {
        Box::new(Script {
            name: name.to_string(),
            log: log.clone(),
            ops,
            pc: 0,
            in_count: 0,
            counter: 0,
            parked: None,
        })
    }

    fn fail(&self, e: TaskletError) -> SoftStatus {
        self.log.push(format!("{}:raised {e}", self.name));
        SoftStatus::Failed(e)
    }
}

impl SoftTasklet for Script {
    fn resume(&mut self, budget: &mut u64) -> SoftStatus {
        // Finish the operation that switched away, or collect an exception
        // thrown into the tasklet while it was runnable.
        match self.parked.take() {
            Some(Parked::Recv(ch)) => match ch.finish_receive() {
                Ok(v) => {
                    self.log.push(format!("{}:got {v}", self.name));
                    self.pc += 1;
                }
                Err(e) => return self.fail(e),
            },
            Some(Parked::Op) => {
                if let Err(e) = finish_soft() {
                    return self.fail(e);
                }
                self.pc += 1;
            }
            None => {
                if let Err(e) = finish_soft() {
                    return self.fail(e);
                }
            }
        }
        loop {
            let Some(op) = self.ops.get(self.pc).cloned() else {
                return SoftStatus::Finished;
            };
            if *budget == 0 {
                return SoftStatus::Yielded;
            }
            *budget -= 1;
            match op {
                Op::Log(text) => {
                    self.log.push(text);
                    self.pc += 1;
                }
                Op::Count(n) => {
                    self.log.push(format!("{}{}", self.name, self.counter));
                    self.counter += 1;
                    self.in_count += 1;
                    if self.in_count >= n {
                        self.in_count = 0;
                        self.pc += 1;
                    }
                }
                Op::Schedule => match schedule_soft() {
                    Ok(Step::Done(())) => self.pc += 1,
                    Ok(Step::Switched) => {
                        self.parked = Some(Parked::Op);
                        return SoftStatus::Parked;
                    }
                    Err(e) => return self.fail(e),
                },
                Op::Send(ch, v) => match ch.send_soft(v) {
                    Ok(Step::Done(())) => self.pc += 1,
                    Ok(Step::Switched) => {
                        self.parked = Some(Parked::Op);
                        return SoftStatus::Parked;
                    }
                    Err(e) => return self.fail(e),
                },
                Op::Recv(ch) => match ch.receive_soft() {
                    Ok(Step::Done(v)) => {
                        self.log.push(format!("{}:got {v}", self.name));
                        self.pc += 1;
                    }
                    Ok(Step::Switched) => {
                        self.parked = Some(Parked::Recv(ch));
                        return SoftStatus::Parked;
                    }
                    Err(e) => return self.fail(e),
                },
                Op::Atomic(on) => {
                    set_atomic(on);
                    self.pc += 1;
                }
                Op::NativeSchedule => {
                    match schedule() {
                        Ok(()) => self.log.push(format!("{}:ok", self.name)),
                        Err(e) => self
                            .log
                            .push(format!("{}:error {}", self.name, e.message())),
                    }
                    self.pc += 1;
                }
                Op::Fail(e) => return self.fail(e),
            }
        }
    }
}

/// Spawns a [`Script`] soft tasklet named `name`.
pub fn spawn_script(name: &str, log: &Log, ops: Vec<Op>) -> Tasklet {
    let t = spawn_soft(Script::boxed(name, log, ops)).expect("spawn_soft");
    t.set_name(name);
    t
}

/// `Op::Log(text)`.
pub fn say(text: &str) -> Op {
    Op::Log(text.to_string())
}
