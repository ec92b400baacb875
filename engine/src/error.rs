//! The exceptions tasklets raise and receive.
//!
//! Stackless raises Python exceptions inside tasklets; Shoal's native
//! tasklets get them as `Err(TaskletError)` from every call that can switch.
//! Scripts map the same values to their own exception objects (the
//! `payload` carries a script's exception object through channels and
//! throws). The messages of the errors the scheduler raises itself are
//! Stackless's, word for word: scripts catch and print them.

use std::any::Any;
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

/// Exact messages of the errors the scheduler and channels raise.
pub mod msg {
    /// `insert()`/`run()` on a blocked tasklet.
    pub const RUN_BLOCKED: &str = "You cannot run a blocked tasklet";
    /// `insert()`/`run()` on a dead or never set-up tasklet.
    pub const RUN_DEAD: &str = "You cannot run an unbound(dead) tasklet";
    /// `remove()` on a blocked tasklet.
    pub const REMOVE_BLOCKED: &str = "You cannot remove a blocked tasklet.";
    /// `remove()` on the current tasklet.
    pub const REMOVE_CURRENT: &str = "The current tasklet cannot be removed.";
    /// `setup()` on an alive tasklet.
    pub const ALIVE: &str = "tasklet is alive";
    /// `throw()` of anything but TaskletExit to a dead tasklet.
    pub const THROW_DEAD: &str = "You cannot throw to a dead tasklet";
    /// A channel operation that would block a tasklet with `block_trap` set.
    pub const BLOCK_TRAP: &str = "this tasklet does not like to be blocked.";
    /// Any switch while `switch_trap` is non-zero.
    pub const SWITCH_TRAP: &str = "switch_trap";
    /// An operation that would block on a closing channel.
    pub const CLOSED: &str = "Send/receive operation on a closed channel";
    /// The last runnable tasklet tried to block.
    pub const DEADLOCK: &str = "Deadlock: the last runnable tasklet cannot be blocked.";
    /// Main is blocked receiving and the last runnable tasklet ended.
    pub const MAIN_RECEIVING: &str = "the main tasklet is receiving without a sender available.";
    /// Main is blocked sending and the last runnable tasklet ended.
    pub const MAIN_SENDING: &str = "the main tasklet is sending without a receiver available.";
    /// Serializing the running tasklet.
    pub const REDUCE_CURRENT: &str = "You cannot __reduce__ the tasklet which is current.";
    /// A scheduler call made on a thread that has no scheduler.
    pub const NO_SCHEDULER: &str = "no scheduler on this thread";
    /// A blocking call made by a soft tasklet (it must use the `*_soft` form).
    pub const SOFT_BLOCKING: &str =
        "a soft tasklet cannot make a blocking call; use the soft form of the operation";
    /// A channel operation made from inside a schedule or channel callback.
    pub const RECURSIVE_CHANNEL: &str = "Recursive channel call due to callbacks!";
    /// A switch requested from inside a schedule or channel callback.
    pub const IN_CALLBACK: &str = "cannot switch tasklets inside a scheduler callback";
    /// Unbinding or rebinding the running tasklet.
    pub const REBIND_CURRENT: &str = "can't (re)bind the current tasklet";
    /// Unbinding or rebinding a tasklet in the run queue or blocked.
    pub const REBIND_SCHEDULED: &str = "tasklet is scheduled";
    /// Unbinding a tasklet whose frames cannot be dropped (main, a native
    /// tasklet that has started, one paused in `run()`).
    pub const DISCARD_NATIVE: &str = "this tasklet's frames cannot be discarded";
    /// A switching call made while the scheduler is being torn down.
    pub const SHUTTING_DOWN: &str = "the scheduler is shutting down";
}

/// The class of a [`TaskletError`], after Python's exception hierarchy.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Raised by `kill()`; derives from `SystemExit`, so `except Exception`
    /// does not catch it, and a tasklet that lets it escape ends silently.
    TaskletExit,
    /// Python's `RuntimeError`: misuse of the scheduler, deadlock.
    RuntimeError,
    /// Python's `ValueError`: an operation on a closed channel.
    ValueError,
    /// Python's `StopIteration`: ends iteration over a channel.
    StopIteration,
    /// A Rust panic inside a native tasklet.
    Panic,
    /// The stack pool could not map a stack (`MemoryError` for scripts).
    MemoryError,
    /// Any other exception class, by name (a script's own classes, say).
    Other(Cow<'static, str>),
}

impl ErrorKind {
    /// The Python class name of this kind.
    pub fn name(&self) -> &str {
        match self {
            ErrorKind::TaskletExit => "TaskletExit",
            ErrorKind::RuntimeError => "RuntimeError",
            ErrorKind::ValueError => "ValueError",
            ErrorKind::StopIteration => "StopIteration",
            ErrorKind::Panic => "Panic",
            ErrorKind::MemoryError => "MemoryError",
            ErrorKind::Other(name) => name,
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

struct Inner {
    kind: ErrorKind,
    message: String,
    payload: Option<Arc<dyn Any + Send + Sync>>,
}

/// An exception raised in, or delivered to, a tasklet.
///
/// Boxed so that `Result<T, TaskletError>` stays one word bigger than `T`.
/// Cloning is cheap (the payload is shared).
pub struct TaskletError(Box<Inner>);

impl TaskletError {
    /// An exception of `kind` with `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        TaskletError(Box::new(Inner {
            kind,
            message: message.into(),
            payload: None,
        }))
    }

    /// `TaskletExit`, as `kill()` raises it.
    pub fn tasklet_exit() -> Self {
        Self::new(ErrorKind::TaskletExit, "")
    }

    /// A `RuntimeError` with `message`.
    pub fn runtime(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::RuntimeError, message)
    }

    /// A `ValueError` with `message`.
    pub fn value(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::ValueError, message)
    }

    /// `StopIteration`, which ends iteration over a channel.
    pub fn stop_iteration() -> Self {
        Self::new(ErrorKind::StopIteration, "")
    }

    /// Attaches an opaque payload (a script's exception object, say).
    pub fn with_payload(mut self, payload: Arc<dyn Any + Send + Sync>) -> Self {
        self.0.payload = Some(payload);
        self
    }

    /// The class of the exception.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// The message (Python's `str(exc)`).
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The payload attached with [`TaskletError::with_payload`].
    pub fn payload(&self) -> Option<&Arc<dyn Any + Send + Sync>> {
        self.0.payload.as_ref()
    }

    /// True for `TaskletExit`, which ends a tasklet silently.
    pub fn is_tasklet_exit(&self) -> bool {
        self.0.kind == ErrorKind::TaskletExit
    }
}

impl Clone for TaskletError {
    fn clone(&self) -> Self {
        TaskletError(Box::new(Inner {
            kind: self.0.kind.clone(),
            message: self.0.message.clone(),
            payload: self.0.payload.clone(),
        }))
    }
}

impl PartialEq for TaskletError {
    /// Kind and message; payloads are not compared.
    fn eq(&self, other: &Self) -> bool {
        self.0.kind == other.0.kind && self.0.message == other.0.message
    }
}

impl fmt::Debug for TaskletError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TaskletError({self})")
    }
}

impl fmt::Display for TaskletError {
    /// `Kind: message`, or just `Kind` when the message is empty, as
    /// Python's traceback prints the last line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.message.is_empty() {
            write!(f, "{}", self.0.kind)
        } else {
            write!(f, "{}: {}", self.0.kind, self.0.message)
        }
    }
}

impl std::error::Error for TaskletError {}

/// What every switching call returns.
pub type TaskletResult<T> = Result<T, TaskletError>;

impl From<std::io::Error> for TaskletError {
    /// A tasklet's exception that travelled inside an `io::Error` (a kill
    /// while parked on a socket) comes back as itself; any other I/O
    /// error becomes Python's class for it (`TimeoutError`,
    /// `ConnectionResetError`, ..., else `OSError`).
    fn from(e: std::io::Error) -> Self {
        if e.get_ref().is_some_and(|inner| inner.is::<TaskletError>()) {
            let text = e.to_string();
            return match e.into_inner().map(|inner| inner.downcast::<TaskletError>()) {
                Some(Ok(t)) => *t,
                _ => TaskletError::new(ErrorKind::Other("OSError".into()), text),
            };
        }
        TaskletError::new(ErrorKind::Other(os_error_class(&e).into()), e.to_string())
    }
}

/// Python's exception class for an I/O error.
pub fn os_error_class(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::TimedOut => "TimeoutError",
        K::ConnectionReset => "ConnectionResetError",
        K::ConnectionRefused => "ConnectionRefusedError",
        K::ConnectionAborted => "ConnectionAbortedError",
        K::BrokenPipe => "BrokenPipeError",
        K::WouldBlock => "BlockingIOError",
        K::NotFound => "FileNotFoundError",
        K::PermissionDenied => "PermissionError",
        K::AlreadyExists => "FileExistsError",
        K::Interrupted => "InterruptedError",
        _ => "OSError",
    }
}
