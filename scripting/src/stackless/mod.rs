//! The `stackless` module: script tasklets and channels on the engine's
//! scheduler.
//!
//! Every script tasklet is a soft tasklet ([`ScriptTasklet`]): its frames
//! are one of the VM's *threads* (a frame stack over the shared heap),
//! swapped into [`Vm::frames`] while it runs. The main script runs on the
//! engine's main tasklet, driven by [`run_shared`].
//!
//! A script never calls the scheduler from inside the VM: a built-in such
//! as `channel.send` returns a [`HostOp`] and the VM's run loop stops with
//! [`Status::Blocked`]. Whoever drives the thread performs the operation
//! with the VM released (other tasklets need it while this one waits):
//! the main driver with the blocking form, a soft tasklet with the `_soft`
//! form, parking when the scheduler switches away and finishing the
//! operation when it is resumed. [`Vm::complete`] then pushes the result,
//! or raises the exception that came back, in the waiting frame.
//!
//! Values cross engine channels as [`Carried`] tickets into the VM's
//! table of parked values (a GC root), so a value waiting in a channel is
//! never collected; a ticket dropped undelivered (its sender was killed)
//! frees its slot. Script exceptions cross tasklets (kill, throw, errors
//! re-raised in main) as the payload of a [`TaskletError`].

use std::cell::RefCell;
use std::rc::{Rc, Weak};
use std::sync::Arc;

use shoal_engine::{
    Channel, ErrorKind, RunOptions, SoftStatus, SoftTasklet, Step, Tasklet, TaskletError,
    TaskletResult,
};

use crate::heap::Obj;
use crate::value::{ObjId, Value};
use crate::vm::{Exc, Status, Vm};

mod functions;
mod select;
mod world;

pub use world::{LoadedWorld, SavedWorld};

pub(crate) use functions::*;

/// A script tasklet object (`stackless.tasklet`).
#[derive(Debug, Clone)]
pub struct TaskletObj {
    /// The engine's tasklet, once a function is bound.
    pub(crate) handle: Option<Tasklet>,
    /// The bound function (None when unbound).
    pub(crate) func: Value,
    /// The VM thread holding its frames (0 is main's).
    pub(crate) thread: u32,
    /// Stackless's `tempval`.
    pub(crate) tempval: Value,
    /// The owner tag the host gave it (see [`Vm::start_owned_tasklet`]).
    pub(crate) owner: Option<u64>,
    /// The instance of a `stackless.tasklet` subclass that holds it
    /// ([`ObjId::NONE`] for a plain tasklet): what scripts see as this
    /// tasklet (`stackless.current`, a channel's queue).
    pub(crate) instance: ObjId,
    /// Stackless's `ignore_nesting` flag: kept and read back (no Shoal
    /// tasklet nests).
    pub(crate) ignore_nesting: bool,
    /// The priority level given before the tasklet was bound (applied
    /// when it is).
    pub(crate) priority: i32,
}

/// What a VM snapshot keeps of a tasklet object.
#[derive(serde::Serialize, serde::Deserialize)]
struct SavedTaskletObj {
    func: Value,
    tempval: Value,
    /// The owner tag (named `entity` since world behaviours had it first).
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "entity")]
    owner: Option<u64>,
    /// The subclass instance holding it.
    #[serde(
        default = "crate::value::no_object",
        skip_serializing_if = "crate::value::ObjId::is_none_ref"
    )]
    instance: ObjId,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    ignore_nesting: bool,
    /// The priority given before it was bound.
    #[serde(default, skip_serializing_if = "is_zero")]
    priority: i32,
}

fn is_zero(n: &i32) -> bool {
    *n == 0
}

impl serde::Serialize for TaskletObj {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        SavedTaskletObj {
            func: self.func,
            tempval: self.tempval,
            owner: self.owner,
            instance: self.instance,
            ignore_nesting: self.ignore_nesting,
            priority: self.priority,
        }
        .serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for TaskletObj {
    /// Unbound until a world snapshot gives it its thread back.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let saved = SavedTaskletObj::deserialize(d)?;
        Ok(TaskletObj {
            handle: None,
            func: saved.func,
            thread: 0,
            tempval: saved.tempval,
            owner: saved.owner,
            instance: saved.instance,
            ignore_nesting: saved.ignore_nesting,
            priority: saved.priority,
        })
    }
}

/// What a VM snapshot keeps of a channel object.
#[derive(serde::Serialize, serde::Deserialize)]
struct SavedChannelObj {
    preference: i8,
    schedule_all: bool,
    closing: bool,
}

impl serde::Serialize for ChannelObj {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        SavedChannelObj {
            preference: self.chan.preference(),
            schedule_all: self.chan.schedule_all(),
            closing: self.chan.closing(),
        }
        .serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for ChannelObj {
    /// A new, empty channel with the saved settings.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let saved = SavedChannelObj::deserialize(d)?;
        let chan = Channel::new();
        chan.set_preference(saved.preference as i64);
        chan.set_schedule_all(saved.schedule_all);
        if saved.closing {
            chan.close();
        }
        Ok(ChannelObj { chan })
    }
}

/// A script channel object (`stackless.channel`).
#[derive(Debug, Clone)]
pub struct ChannelObj {
    /// The engine channel.
    pub(crate) chan: Channel<Carried>,
}

/// A ticket for a script value waiting in an engine channel.
pub struct Carried {
    id: u32,
    released: Rc<RefCell<Vec<u32>>>,
}

impl Drop for Carried {
    fn drop(&mut self) {
        self.released.borrow_mut().push(self.id);
    }
}

/// The payload of a [`TaskletError`] that carries a script exception: a
/// parking slot, freed when the last copy of the error is dropped.
struct ExcPayload {
    slot: u32,
    released: Arc<std::sync::Mutex<Vec<u32>>>,
}

impl Drop for ExcPayload {
    fn drop(&mut self) {
        if let Ok(mut r) = self.released.lock() {
            r.push(self.slot);
        }
    }
}

/// The parked values: script values held outside the VM's frames (in
/// engine channels, in errors between tasklets). A GC root.
#[derive(Default)]
pub(crate) struct Parking {
    slots: Vec<Option<Value>>,
    free: Vec<u32>,
    released: Rc<RefCell<Vec<u32>>>,
    /// Slots of exception payloads dropped (errors cross threads'
    /// `Send` bound, hence the lock; it is never contended).
    released_errors: Arc<std::sync::Mutex<Vec<u32>>>,
}

impl Parking {
    /// Parks an exception for a [`TaskletError`]'s payload.
    fn park_error(&mut self, exc: Value) -> ExcPayload {
        ExcPayload {
            slot: self.park(exc),
            released: self.released_errors.clone(),
        }
    }

    /// Keeps `v` until taken; returns its slot.
    fn park(&mut self, v: Value) -> u32 {
        self.reclaim();
        match self.free.pop() {
            Some(i) => {
                self.slots[i as usize] = Some(v);
                i
            }
            None => {
                self.slots.push(Some(v));
                (self.slots.len() - 1) as u32
            }
        }
    }

    /// A ticket for `v`.
    fn carry(&mut self, v: Value) -> Carried {
        Carried {
            id: self.park(v),
            released: self.released.clone(),
        }
    }

    /// The value in `slot`, left there.
    fn peek(&self, slot: u32) -> Option<Value> {
        self.slots.get(slot as usize).copied().flatten()
    }

    /// The value in `slot` (None if it was taken already).
    fn take(&mut self, slot: u32) -> Option<Value> {
        self.slots.get_mut(slot as usize).and_then(Option::take)
    }

    /// Frees the slots of dropped tickets.
    fn reclaim(&mut self) {
        let mut released = std::mem::take(&mut *self.released.borrow_mut());
        if let Ok(mut errors) = self.released_errors.lock() {
            released.append(&mut errors);
        }
        for id in released {
            if let Some(slot) = self.slots.get_mut(id as usize) {
                *slot = None;
                self.free.push(id);
            }
        }
    }

    /// Every value held (for the collector).
    pub(crate) fn roots(&mut self) -> impl Iterator<Item = Value> + '_ {
        self.reclaim();
        self.slots.iter().flatten().copied()
    }
}

/// A scheduler operation a script asked for, performed by the driver of
/// its thread.
pub enum HostOp {
    /// `schedule()` / `schedule_remove()`; returns the tasklet's
    /// `tempval` (set to `retval` before, maybe changed by whoever
    /// re-inserts it).
    Schedule { remove: bool },
    /// `channel.send(v)`.
    Send(Channel<Carried>, Carried),
    /// `channel.send_exception(...)`.
    SendError(Channel<Carried>, TaskletError),
    /// `channel.receive()`.
    Receive(Channel<Carried>),
    /// `stackless.run(...)`.
    Run(RunOptions),
    /// `stackless.select(...)`, with its default value.
    Select(Box<shoal_engine::Select<Carried>>, Option<Carried>),
    /// `stackless.join(...)`, with its default value.
    Join(Box<shoal_engine::Join<Carried>>, Option<Carried>),
    /// `t.run()` / `t.switch()`.
    Switch { target: Tasklet, remove: bool },
    /// `world.sleep(ticks)`.
    SleepTicks(u64),
    /// `time.sleep(seconds)` in `shoal run`: parks the tasklet.
    Sleep(std::time::Duration),
    /// Parks the tasklet until a call on the blocking pool finishes.
    Pool(PoolWait),
    /// Parks the tasklet until a socket is ready (or the deadline).
    WaitIo {
        key: shoal_engine::IoKey,
        dir: shoal_engine::Direction,
        deadline: Option<std::time::Instant>,
    },
    /// `t.kill()`, `t.throw()`, `t.raise_exception()`.
    Throw {
        target: Tasklet,
        error: TaskletError,
        pending: bool,
    },
}

/// Makes the script value of a finished blocking call (run with the VM).
pub(crate) type Convert = Box<dyn FnOnce(&mut Vm) -> Result<Value, Exc>>;

/// A call running on the engine's blocking pool that a script waits for:
/// the reactor key its tasklet parks on, and `take`, which gives the
/// result (as a [`Convert`]) once the call has finished.
pub struct PoolWait {
    pub(crate) key: shoal_engine::IoKey,
    pub(crate) take: Box<dyn FnMut() -> Option<Convert>>,
}

/// What a finished operation gives the script.
pub(crate) enum Outcome {
    /// The value a finished blocking call makes.
    Convert(Convert),
    /// A plain result.
    Value(Value),
    /// A received value.
    Carried(Carried),
    /// The tasklet a watchdog `run()` interrupted.
    Interrupted(Option<Tasklet>),
    /// The current tasklet's `tempval`.
    Tempval,
    /// What a select did (and its default value).
    Selected(shoal_engine::Selected<Carried>, Option<Carried>),
    /// What a join did (and its default value).
    Joined(shoal_engine::Joined<Carried>, Option<Carried>),
}

/// How a parked soft tasklet finishes its operation when resumed (kept
/// with its thread, so that a pickled tasklet finishes it after loading).
pub(crate) enum Finish {
    Op(Value),
    /// Returns the tasklet's `tempval` (a schedule).
    Tempval,
    Receive(Channel<Carried>),
    Run,
    /// Waiting for a call on the blocking pool.
    Pool(PoolWait),
    /// Inside `select()`.
    Select(Box<shoal_engine::Select<Carried>>, Option<Carried>),
    /// Inside `join()`.
    Join(Box<shoal_engine::Join<Carried>>, Option<Carried>),
}

impl Finish {
    /// The script value it holds (a GC root).
    pub(crate) fn value(&self) -> Option<Value> {
        match self {
            Finish::Op(v) => Some(*v),
            _ => None,
        }
    }

    /// The id of the channel a receive waits on.
    pub(crate) fn channel_id(&self) -> Option<u64> {
        match self {
            Finish::Receive(ch) => Some(ch.id()),
            _ => None,
        }
    }
}

/// The engine's kind for the exception class `name`.
fn kind_named(name: &str) -> ErrorKind {
    match name {
        "TaskletExit" => ErrorKind::TaskletExit,
        "RuntimeError" => ErrorKind::RuntimeError,
        "ValueError" => ErrorKind::ValueError,
        "StopIteration" => ErrorKind::StopIteration,
        "MemoryError" => ErrorKind::MemoryError,
        other => ErrorKind::Other(other.to_string().into()),
    }
}

/// Performs `op` for the main tasklet, blocking it.
fn perform_blocking(op: HostOp) -> TaskletResult<Outcome> {
    Ok(match op {
        HostOp::Schedule { remove } => {
            if remove {
                shoal_engine::schedule_remove()?;
            } else {
                shoal_engine::schedule()?;
            }
            Outcome::Tempval
        }
        HostOp::Send(ch, v) => {
            ch.send(v)?;
            Outcome::Value(Value::None)
        }
        HostOp::SendError(ch, e) => {
            ch.send_exception(e)?;
            Outcome::Value(Value::None)
        }
        HostOp::Receive(ch) => Outcome::Carried(ch.receive()?),
        HostOp::Run(opts) => Outcome::Interrupted(shoal_engine::run_watchdog(opts)?),
        HostOp::Select(select, default) => Outcome::Selected(select.wait()?, default),
        HostOp::Join(join, default) => Outcome::Joined(join.wait()?, default),
        HostOp::SleepTicks(n) => {
            shoal_engine::sleep_ticks(n)?;
            Outcome::Value(Value::None)
        }
        HostOp::Sleep(d) => {
            shoal_engine::sleep(d)?;
            Outcome::Value(Value::None)
        }
        HostOp::WaitIo { key, dir, deadline } => {
            shoal_engine::wait_io(key, dir, deadline)?;
            Outcome::Value(Value::None)
        }
        HostOp::Pool(mut w) => loop {
            if let Some(convert) = (w.take)() {
                break Outcome::Convert(convert);
            }
            shoal_engine::wait_io(w.key, shoal_engine::Direction::Read, None)?;
        },
        HostOp::Switch { target, remove } => {
            if remove {
                target.switch()?;
            } else {
                target.run()?;
            }
            Outcome::Value(Value::None)
        }
        HostOp::Throw {
            target,
            error,
            pending,
        } => {
            target.throw(error, pending)?;
            Outcome::Value(Value::None)
        }
    })
}

/// Performs `op` for a soft tasklet: `Err(finish)` when it switched away.
fn perform_soft(op: HostOp) -> TaskletResult<Result<Outcome, Finish>> {
    let none = Value::None;
    let (step, finish) = match op {
        HostOp::Schedule { remove } => {
            let step = if remove {
                shoal_engine::schedule_remove_soft()?
            } else {
                shoal_engine::schedule_soft()?
            };
            (step, Finish::Tempval)
        }
        HostOp::Send(ch, v) => (ch.send_soft(v)?, Finish::Op(none)),
        HostOp::SleepTicks(n) => (shoal_engine::sleep_ticks_soft(n)?, Finish::Op(none)),
        HostOp::Sleep(d) => (shoal_engine::sleep_soft(d)?, Finish::Op(none)),
        HostOp::WaitIo { key, dir, deadline } => (
            shoal_engine::wait_io_soft(key, dir, deadline)?,
            Finish::Op(none),
        ),
        HostOp::Pool(mut w) => {
            // A wait that returns at once means the result is in; twice
            // without one, the call was lost (never spin on it).
            for _ in 0..2 {
                if let Some(convert) = (w.take)() {
                    return Ok(Ok(Outcome::Convert(convert)));
                }
                let step = shoal_engine::wait_io_soft(w.key, shoal_engine::Direction::Read, None)?;
                if step == Step::Switched {
                    return Ok(Err(Finish::Pool(w)));
                }
            }
            if let Some(convert) = (w.take)() {
                return Ok(Ok(Outcome::Convert(convert)));
            }
            return Err(TaskletError::runtime(
                "a call on the blocking pool was lost",
            ));
        }
        HostOp::SendError(ch, e) => (ch.send_exception_soft(e)?, Finish::Op(none)),
        HostOp::Receive(ch) => {
            return Ok(match ch.receive_soft()? {
                Step::Done(c) => Ok(Outcome::Carried(c)),
                Step::Switched => Err(Finish::Receive(ch)),
            });
        }
        HostOp::Select(mut select, default) => {
            return Ok(match select.wait_soft()? {
                Step::Done(s) => Ok(Outcome::Selected(s, default)),
                Step::Switched => Err(Finish::Select(select, default)),
            });
        }
        HostOp::Join(mut join, default) => {
            return Ok(match join.wait_soft()? {
                Step::Done(j) => Ok(Outcome::Joined(j, default)),
                Step::Switched => Err(Finish::Join(join, default)),
            });
        }
        HostOp::Run(opts) => {
            return Ok(match shoal_engine::run_watchdog_soft(opts)? {
                Step::Done(t) => Ok(Outcome::Interrupted(t)),
                Step::Switched => Err(Finish::Run),
            });
        }
        HostOp::Switch { target, remove } => {
            let step = if remove {
                target.switch_soft()?
            } else {
                target.run_soft()?
            };
            (step, Finish::Op(none))
        }
        HostOp::Throw {
            target,
            error,
            pending,
        } => (target.throw_soft(error, pending)?, Finish::Op(none)),
    };
    Ok(match step {
        Step::Done(()) => match finish {
            Finish::Op(v) => Ok(Outcome::Value(v)),
            Finish::Tempval => Ok(Outcome::Tempval),
            other => Err(other),
        },
        Step::Switched => Err(finish),
    })
}

/// A script tasklet as the engine sees it.
pub(crate) struct ScriptTasklet {
    vm: Rc<RefCell<Vm>>,
    thread: u32,
}

impl SoftTasklet for ScriptTasklet {
    fn resume(&mut self, budget: &mut u64) -> SoftStatus {
        // Finish the operation that switched away, or collect an exception
        // thrown in meanwhile.
        let parked = self.vm.borrow_mut().take_finish(self.thread);
        let mut continued = None;
        let finished = match parked {
            Some(Finish::Pool(w)) => shoal_engine::finish_soft().map(|()| {
                continued = Some(HostOp::Pool(w));
                None
            }),
            Some(Finish::Op(v)) => shoal_engine::finish_soft().map(|()| Some(Outcome::Value(v))),
            Some(Finish::Select(mut select, default)) => {
                select.finish().map(|s| Some(Outcome::Selected(s, default)))
            }
            Some(Finish::Join(mut join, default)) => {
                join.finish().map(|j| Some(Outcome::Joined(j, default)))
            }
            Some(Finish::Tempval) => shoal_engine::finish_soft().map(|()| Some(Outcome::Tempval)),
            Some(Finish::Receive(ch)) => ch.finish_receive().map(|c| Some(Outcome::Carried(c))),
            Some(Finish::Run) => {
                shoal_engine::finish_run_soft().map(|t| Some(Outcome::Interrupted(t)))
            }
            None => shoal_engine::finish_soft().map(|()| None),
        };
        let mut pending = finished.transpose();
        if let Some(op) = continued {
            match perform_soft(op) {
                Ok(Ok(outcome)) => pending = Some(Ok(outcome)),
                Ok(Err(finish)) => {
                    self.vm.borrow_mut().set_finish(self.thread, finish);
                    return SoftStatus::Parked;
                }
                Err(e) => pending = Some(Err(e)),
            }
        }
        let vm_cell = self.vm.clone();
        loop {
            let mut vm = vm_cell.borrow_mut();
            vm.enter_thread(self.thread);
            let status = match pending.take() {
                Some(result) => match vm.complete(result) {
                    Ok(()) => vm.run(budget),
                    Err(exc) => Status::Raised(exc),
                },
                None => vm.run(budget),
            };
            match status {
                Status::OutOfBudget => {
                    vm.leave_thread(self.thread);
                    return SoftStatus::Yielded;
                }
                Status::Finished => {
                    vm.leave_thread(self.thread);
                    if let Some(owner) = vm.thread_owner(self.thread) {
                        vm.owned_tasklet_ended(owner, self.thread, None);
                    }
                    vm.end_thread(self.thread);
                    return SoftStatus::Finished;
                }
                Status::Raised(exc) => {
                    vm.leave_thread(self.thread);
                    // An owned tasklet that raises: a module may take the
                    // exception (a world logs it and applies its policy).
                    if let Some(owner) = vm.thread_owner(self.thread)
                        && vm.owned_tasklet_ended(owner, self.thread, Some(exc))
                    {
                        vm.end_thread(self.thread);
                        return SoftStatus::Finished;
                    }
                    vm.end_thread(self.thread);
                    let error = vm.exc_to_error(exc);
                    return SoftStatus::Failed(error);
                }
                Status::Blocked => {
                    let op = vm.take_host_op();
                    vm.leave_thread(self.thread);
                    // The engine may run callbacks that need the VM.
                    drop(vm);
                    match perform_soft(op) {
                        Ok(Ok(outcome)) => pending = Some(Ok(outcome)),
                        Ok(Err(finish)) => {
                            vm_cell.borrow_mut().set_finish(self.thread, finish);
                            return SoftStatus::Parked;
                        }
                        Err(e) => pending = Some(Err(e)),
                    }
                }
            }
        }
    }
}

/// Runs the main script of a shared VM to its end on the engine's main
/// tasklet, performing the scheduler operations it asks for.
pub fn run_shared(vm: &Rc<RefCell<Vm>>) -> Status {
    let mut status = vm.borrow_mut().run_to_end();
    loop {
        if status != Status::Blocked {
            return status;
        }
        let op = vm.borrow_mut().take_host_op();
        let result = perform_blocking(op);
        let mut v = vm.borrow_mut();
        status = match v.complete(result) {
            Ok(()) => v.run_to_end(),
            Err(exc) => Status::Raised(exc),
        };
    }
}

// ---- the VM's side ----------------------------------------------------------------

impl Vm {
    /// Wraps the VM for running with tasklets: `stackless` needs the
    /// shared handle to give each script tasklet to the engine.
    pub fn into_shared(self) -> Rc<RefCell<Vm>> {
        let rc = Rc::new(RefCell::new(self));
        rc.borrow_mut().shared = Some(Rc::downgrade(&rc));
        rc
    }

    fn shared_handle(&mut self) -> Result<Rc<RefCell<Vm>>, Exc> {
        match self.shared.as_ref().and_then(Weak::upgrade) {
            Some(rc) => Ok(rc),
            None => Err(self.error(
                "RuntimeError",
                "stackless tasklets need a VM made shared with Vm::into_shared",
            )),
        }
    }

    /// Keeps `v` in a ticket for an engine channel.
    pub(crate) fn carry(&mut self, v: Value) -> Carried {
        self.parking.carry(v)
    }

    /// The value a ticket holds, left there.
    pub(crate) fn carried_value(&self, c: &Carried) -> Value {
        self.parking.peek(c.id).unwrap_or(Value::None)
    }

    /// The value a ticket carried (None if it was taken already).
    pub(crate) fn take_carried(&mut self, c: Carried) -> Value {
        self.parking.take(c.id).unwrap_or(Value::None)
    }

    /// The exception a script sees for `e`.
    pub(crate) fn error_to_exc(&mut self, e: &TaskletError) -> Exc {
        // The script's own exception object, the first time this error
        // is delivered (a copy delivered again becomes a new exception of
        // the same class and message).
        if let Some(p) = e.payload()
            && let Some(payload) = p.downcast_ref::<ExcPayload>()
            && let Some(v) = self.parking.take(payload.slot)
        {
            // Its frames (from another tasklet) print after the ones it
            // passes through on its way out of this one.
            self.deepen_traceback(v, 1 << 20);
            return v;
        }
        let class = match e.kind() {
            ErrorKind::TaskletExit => "TaskletExit",
            ErrorKind::ValueError => "ValueError",
            ErrorKind::StopIteration => "StopIteration",
            ErrorKind::MemoryError => "MemoryError",
            ErrorKind::Other(name) if self.has_exc_class(name) => self.exc_class_name(name),
            _ => "RuntimeError",
        };
        self.error(class, e.message().to_string())
    }

    /// The engine error that carries the script exception `exc`.
    pub(crate) fn exc_to_error(&mut self, exc: Exc) -> TaskletError {
        let class = crate::builtins::type_name(self, exc);
        let message = crate::builtins::exception_str(self, exc);
        let kind = kind_named(&class);
        let payload = self.parking.park_error(exc);
        TaskletError::new(kind, message).with_payload(Arc::new(payload))
    }

    /// Finishes the host operation the running thread waited for: pushes
    /// its result, or raises its exception in the waiting frame. `Err`
    /// when nothing in the thread catches that exception.
    pub(crate) fn complete(&mut self, result: TaskletResult<Outcome>) -> Result<(), Exc> {
        if let Err(e) = &result
            && *e.kind() == ErrorKind::StopIteration
            && self.end_channel_loop()
        {
            return Ok(());
        }
        self.for_exit = None;
        match result {
            Ok(Outcome::Value(v)) => {
                self.push_value(v);
                Ok(())
            }
            Ok(Outcome::Convert(convert)) => match convert(self) {
                Ok(v) => {
                    self.push_value(v);
                    Ok(())
                }
                Err(exc) => self.raise_in_thread(exc),
            },
            Ok(Outcome::Carried(c)) => {
                let v = self.parking.take(c.id).unwrap_or(Value::None);
                self.push_value(v);
                Ok(())
            }
            Ok(Outcome::Tempval) => {
                let v = match self.tasklet_value(shoal_engine::current()) {
                    Value::Obj(id) => match self.heap.get(id) {
                        Obj::Tasklet(t) => t.tempval,
                        _ => Value::None,
                    },
                    _ => Value::None,
                };
                self.push_value(v);
                Ok(())
            }
            Ok(Outcome::Selected(s, default)) => {
                let v = self.selected_value(s, default);
                self.push_value(v);
                Ok(())
            }
            Ok(Outcome::Joined(j, default)) => {
                let v = self.joined_value(j, default);
                self.push_value(v);
                Ok(())
            }
            Ok(Outcome::Interrupted(t)) => {
                let v = match t {
                    Some(t) => self.tasklet_value(t),
                    None => Value::None,
                };
                self.push_value(v);
                Ok(())
            }
            Err(e) => {
                let exc = self.error_to_exc(&e);
                self.raise_in_thread(exc)
            }
        }
    }

    /// The script object of an engine tasklet (made for main on demand).
    pub(crate) fn tasklet_value(&mut self, t: Tasklet) -> Value {
        if let Some(id) = self.tasklet_objs.get(&t.id()) {
            return match self.heap.get(*id) {
                Obj::Tasklet(o) if !o.instance.is_none() => Value::Obj(o.instance),
                _ => Value::Obj(*id),
            };
        }
        let id = self.heap.alloc(Obj::Tasklet(Box::new(TaskletObj {
            handle: Some(t),
            func: Value::None,
            thread: 0,
            tempval: Value::None,
            owner: None,
            instance: ObjId::NONE,
            ignore_nesting: false,
            priority: 0,
        })));
        self.tasklet_objs.insert(t.id(), id);
        Value::Obj(id)
    }

    /// Binds `func` to the tasklet object `id`: a new soft tasklet with an
    /// empty thread.
    pub(crate) fn bind_tasklet(&mut self, id: ObjId, func: Value) -> Result<(), Exc> {
        let vm = self.shared_handle()?;
        let thread = self.new_thread();
        let soft = Box::new(ScriptTasklet { vm, thread });
        let handle = shoal_engine::bind_soft(soft).map_err(|e| self.error_to_exc(&e))?;
        if let Obj::Tasklet(t) = self.heap.get_mut(id) {
            if let Some(old) = t.handle.take() {
                self.tasklet_objs.remove(&old.id());
            }
            t.handle = Some(handle);
            t.func = func;
            t.thread = thread;
        }
        self.tasklet_objs.insert(handle.id(), id);
        if let Obj::Tasklet(t) = self.heap.get(id)
            && t.priority != 0
        {
            handle.set_priority(t.priority);
        }
        Ok(())
    }
}

/// The engine channel behind `v`.
pub(crate) fn channel_of(vm: &Vm, v: Value) -> Option<Channel<Carried>> {
    match v {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Channel(c) => Some(c.chan.clone()),
            // An instance of a channel subclass holds its channel.
            Obj::Instance(inst) if !inst.native.is_none() => match vm.heap.get(inst.native) {
                Obj::Channel(c) => Some(c.chan.clone()),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

/// The file name tracebacks give the module's script part.
pub(crate) const PRELUDE_FILE: &str = "<stackless>";

/// The part of the `stackless` module written in the script language.
pub(crate) const PRELUDE: &str = r#"
def _tasklet_call(function, args, kwargs):
    """Starts a tasklet whose function is not a script function, or
    whose arguments do not fit it: the call happens when it first runs."""
    return function(*args, **kwargs)


def _send_sequence(channel, iterable):
    """`channel.send_sequence(iterable)`: each item sent as it comes;
    returns how many were sent."""
    sent = 0
    for item in iterable:
        channel.send(item)
        sent += 1
    return sent

class select_case:
    """One case of `select()`: made by `channel.receive_case()` and
    `channel.send_case(value)`."""

    def __init__(self, channel, sending, value=None):
        self.channel = channel
        self.sending = sending
        self.value = value

    def __repr__(self):
        if self.sending:
            return "<select_case send %r on %r>" % (self.value, self.channel)
        return "<select_case receive on %r>" % (self.channel,)


class atomic:
    """`with stackless.atomic():` holds back watchdog interrupts of the
    current tasklet until the block ends."""

    def __enter__(self):
        self.old = getcurrent().set_atomic(True)

    def __exit__(self, *exc):
        getcurrent().set_atomic(self.old)
        return False
"#;
