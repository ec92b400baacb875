//! Soft tasklets: tasklets whose state is data, run by an interpreter.
//!
//! The script VM implements [`SoftTasklet`]; the engine knows nothing of
//! scripts. A soft tasklet runs on the scheduler's own stack, one slice at
//! a time: the scheduler calls [`SoftTasklet::resume`] with an instruction
//! budget, and the tasklet returns when the budget is spent, when it has
//! switched away, or when it ends.
//!
//! Inside `resume`, a soft tasklet uses the `*_soft` forms of the
//! scheduler's operations ([`crate::schedule_soft`],
//! [`crate::Channel::send_soft`], [`crate::Channel::receive_soft`],
//! [`crate::Tasklet::kill_soft`], ...). Each returns a [`Step`]:
//! `Done(value)` when the operation completed without a switch (keep
//! running), or `Switched` when the scheduler has chosen another tasklet
//! to run: the soft tasklet must then save its place and return
//! [`SoftStatus::Parked`]. When it is resumed, it finishes the operation
//! with [`crate::finish_soft`] (or [`crate::Channel::finish_receive`] for a
//! receive), which yields the operation's result or the exception that was
//! thrown into the tasklet meanwhile.

use crate::error::TaskletError;

/// What a soft tasklet reports when [`SoftTasklet::resume`] returns.
#[derive(Debug)]
pub enum SoftStatus {
    /// The budget is spent; the tasklet stays runnable and continues where
    /// it stopped. The watchdog may interrupt it here.
    Yielded,
    /// The tasklet made a scheduler operation that returned
    /// [`Step::Switched`] (it blocked on a channel, called `schedule()`,
    /// ran another tasklet...). The scheduler already knows where it is.
    Parked,
    /// The tasklet's function returned.
    Finished,
    /// The tasklet's function raised; `TaskletExit` ends it silently, any
    /// other error goes to the error handler or to the main tasklet.
    Failed(TaskletError),
}

/// The result of a scheduler operation made by a soft tasklet.
#[derive(Debug, PartialEq)]
#[must_use = "a Switched step means the soft tasklet must return SoftStatus::Parked"]
pub enum Step<T> {
    /// Completed without a switch: continue running.
    Done(T),
    /// Another tasklet runs next: return [`SoftStatus::Parked`] and finish
    /// the operation when resumed.
    Switched,
}

impl<T> Step<T> {
    /// Maps the value of a completed operation.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Step<U> {
        match self {
            Step::Done(v) => Step::Done(f(v)),
            Step::Switched => Step::Switched,
        }
    }

    /// Whether the operation switched away.
    pub fn switched(&self) -> bool {
        matches!(self, Step::Switched)
    }
}

/// A tasklet run by an interpreter whose frames are data.
pub trait SoftTasklet {
    /// Runs at most `*budget` instructions, decrementing `budget` by the
    /// number executed. Must return [`SoftStatus::Parked`] right after an
    /// operation returned [`Step::Switched`], and [`SoftStatus::Yielded`]
    /// only when `*budget` is 0.
    fn resume(&mut self, budget: &mut u64) -> SoftStatus;

    /// Whether the tasklet's state can be serialized now (Stackless's
    /// `restorable` flag).
    fn restorable(&self) -> bool {
        true
    }
}
