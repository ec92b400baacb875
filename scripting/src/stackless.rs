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
}

/// What a VM snapshot keeps of a tasklet object.
#[derive(serde::Serialize, serde::Deserialize)]
struct SavedTaskletObj {
    func: Value,
    tempval: Value,
}

impl serde::Serialize for TaskletObj {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        SavedTaskletObj {
            func: self.func,
            tempval: self.tempval,
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
pub(crate) enum HostOp {
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
    /// `channel.send_sequence(items)`: `count` sent so far.
    SendSequence {
        ch: Channel<Carried>,
        rest: std::collections::VecDeque<Carried>,
        count: i64,
    },
    /// `stackless.run(...)`.
    Run(RunOptions),
    /// `t.run()` / `t.switch()`.
    Switch { target: Tasklet, remove: bool },
    /// `t.kill()`, `t.throw()`, `t.raise_exception()`.
    Throw {
        target: Tasklet,
        error: TaskletError,
        pending: bool,
    },
}

/// What a finished operation gives the script.
pub(crate) enum Outcome {
    /// A plain result.
    Value(Value),
    /// A received value.
    Carried(Carried),
    /// The tasklet a watchdog `run()` interrupted.
    Interrupted(Option<Tasklet>),
    /// The current tasklet's `tempval`.
    Tempval,
}

/// How a parked soft tasklet finishes its operation when resumed (kept
/// with its thread, so that a pickled tasklet finishes it after loading).
pub(crate) enum Finish {
    Op(Value),
    /// Returns the tasklet's `tempval` (a schedule).
    Tempval,
    Receive(Channel<Carried>),
    Run,
    /// A `send_sequence` that sent `count` items and has `rest` to send.
    Sequence {
        ch: Channel<Carried>,
        rest: std::collections::VecDeque<Carried>,
        count: i64,
    },
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
        HostOp::SendSequence { ch, rest, count } => {
            Outcome::Value(Value::Int(count + ch.send_sequence(rest)? as i64))
        }
        HostOp::Run(opts) => Outcome::Interrupted(shoal_engine::run_watchdog(opts)?),
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
        HostOp::SendError(ch, e) => (ch.send_exception_soft(e)?, Finish::Op(none)),
        HostOp::SendSequence {
            ch,
            mut rest,
            mut count,
        } => {
            while let Some(item) = rest.pop_front() {
                count += 1;
                if ch.send_soft(item)? == Step::Switched {
                    return Ok(Err(Finish::Sequence { ch, rest, count }));
                }
            }
            return Ok(Ok(Outcome::Value(Value::Int(count))));
        }
        HostOp::Receive(ch) => {
            return Ok(match ch.receive_soft()? {
                Step::Done(c) => Ok(Outcome::Carried(c)),
                Step::Switched => Err(Finish::Receive(ch)),
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
            // A send_sequence goes on with the items it has left.
            Some(Finish::Sequence { ch, rest, count }) => shoal_engine::finish_soft().map(|()| {
                continued = Some(HostOp::SendSequence { ch, rest, count });
                None
            }),
            Some(Finish::Op(v)) => shoal_engine::finish_soft().map(|()| Some(Outcome::Value(v))),
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
                    vm.end_thread(self.thread);
                    return SoftStatus::Finished;
                }
                Status::Raised(exc) => {
                    vm.leave_thread(self.thread);
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
        let kind = match class.as_str() {
            "TaskletExit" => ErrorKind::TaskletExit,
            "RuntimeError" => ErrorKind::RuntimeError,
            "ValueError" => ErrorKind::ValueError,
            "StopIteration" => ErrorKind::StopIteration,
            "MemoryError" => ErrorKind::MemoryError,
            other => ErrorKind::Other(other.to_string().into()),
        };
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
            return Value::Obj(*id);
        }
        let id = self.heap.alloc(Obj::Tasklet(Box::new(TaskletObj {
            handle: Some(t),
            func: Value::None,
            thread: 0,
            tempval: Value::None,
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
        Ok(())
    }
}

/// The engine channel behind `v`.
pub(crate) fn channel_of(vm: &Vm, v: Value) -> Option<Channel<Carried>> {
    match v {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Channel(c) => Some(c.chan.clone()),
            _ => None,
        },
        _ => None,
    }
}

// ---- the module's functions ---------------------------------------------------------

use crate::builtins::{BResult, Kwargs, Native, arity, kwarg, new_list, none, ok, type_err};

/// The tasklet object that `recv` must be.
fn recv_tasklet(vm: &mut Vm, recv: Option<Value>) -> Result<(ObjId, TaskletObj), Exc> {
    if let Some(Value::Obj(id)) = recv
        && let Obj::Tasklet(t) = vm.heap.get(id)
    {
        return Ok((id, (**t).clone()));
    }
    Err(type_err(vm, "descriptor requires a 'tasklet' object"))
}

/// The engine tasklet of a tasklet object, or Stackless's error for an
/// unbound one.
fn handle(vm: &mut Vm, t: &TaskletObj) -> Result<Tasklet, Exc> {
    t.handle
        .ok_or_else(|| vm.error("RuntimeError", shoal_engine::msg::RUN_DEAD))
}

fn recv_channel(vm: &mut Vm, recv: Option<Value>) -> Result<Channel<Carried>, Exc> {
    match recv.and_then(|r| channel_of(vm, r)) {
        Some(c) => Ok(c),
        None => Err(type_err(vm, "descriptor requires a 'channel' object")),
    }
}

/// An engine error as the script's exception.
fn raise(vm: &mut Vm, e: TaskletError) -> Exc {
    vm.error_to_exc(&e)
}

fn host(op: HostOp) -> BResult {
    Ok(Native::Host(op))
}

/// `stackless.tasklet(func=None)`.
pub(crate) fn new_tasklet(vm: &mut Vm, args: Vec<Value>, kwargs: Kwargs) -> Result<Value, Exc> {
    arity(vm, "tasklet", &args, 0, 1)?;
    let func = args.first().copied().or(kwarg(&kwargs, "func"));
    let id = vm.heap.alloc(Obj::Tasklet(Box::new(TaskletObj {
        handle: None,
        func: Value::None,
        thread: 0,
        tempval: Value::None,
    })));
    if let Some(f) = func.filter(|f| *f != Value::None) {
        bind(vm, id, f)?;
    }
    Ok(Value::Obj(id))
}

fn bind(vm: &mut Vm, id: ObjId, func: Value) -> Result<(), Exc> {
    if !vm.is_script_function(func) {
        let t = crate::builtins::type_name(vm, func);
        return Err(type_err(
            vm,
            format!("a tasklet runs a script function or method, not '{t}'"),
        ));
    }
    if let Obj::Tasklet(t) = vm.heap.get(id)
        && let Some(h) = t.handle
        && h.alive()
    {
        return Err(vm.error("RuntimeError", "tasklet is alive"));
    }
    vm.bind_tasklet(id, func)
}

/// `stackless.channel()`.
pub(crate) fn new_channel(vm: &mut Vm, args: Vec<Value>) -> Result<Value, Exc> {
    arity(vm, "channel", &args, 0, 0)?;
    let id = vm.heap.alloc(Obj::Channel(Box::new(ChannelObj {
        chan: Channel::new(),
    })));
    Ok(Value::Obj(id))
}

/// `t(*args, **kwargs)` / `t.setup(*args, **kwargs)`: the tasklet's
/// first frame, then into the run queue.
pub(crate) fn setup(
    vm: &mut Vm,
    id: ObjId,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Result<Value, Exc> {
    let Obj::Tasklet(t) = vm.heap.get(id) else {
        return Err(type_err(vm, "setup() needs a tasklet"));
    };
    let t = (**t).clone();
    let h = handle(vm, &t)?;
    if h.alive() {
        return Err(vm.error("RuntimeError", shoal_engine::msg::ALIVE));
    }
    // An ended tasklet has no record any more: it cannot be set up again.
    if h.info().is_none() {
        return Err(vm.error("RuntimeError", shoal_engine::msg::RUN_DEAD));
    }
    vm.start_thread(t.thread, t.func, args, kwargs)?;
    vm.set_thread_tasklet(t.thread, h.id());
    h.setup().map_err(|e| raise(vm, e))?;
    Ok(Value::Obj(id))
}

pub(crate) fn t_bind(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "bind", &args, 0, 1)?;
    let (id, _) = recv_tasklet(vm, recv)?;
    match args.first() {
        Some(f) if *f != Value::None => bind(vm, id, *f)?,
        _ => {}
    }
    ok(Value::Obj(id))
}

pub(crate) fn t_setup(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    let (id, _) = recv_tasklet(vm, recv)?;
    ok(setup(vm, id, args, kw)?)
}

pub(crate) fn t_insert(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "insert", &args, 0, 0)?;
    let (_, t) = recv_tasklet(vm, recv)?;
    let h = handle(vm, &t)?;
    h.insert().map_err(|e| raise(vm, e))?;
    none()
}

pub(crate) fn t_remove(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "remove", &args, 0, 0)?;
    let (id, t) = recv_tasklet(vm, recv)?;
    if let Some(h) = t.handle {
        h.remove().map_err(|e| raise(vm, e))?;
    }
    ok(Value::Obj(id))
}

pub(crate) fn t_run(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "run", &args, 0, 0)?;
    let (_, t) = recv_tasklet(vm, recv)?;
    let target = handle(vm, &t)?;
    host(HostOp::Switch {
        target,
        remove: false,
    })
}

pub(crate) fn t_switch(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "switch", &args, 0, 0)?;
    let (_, t) = recv_tasklet(vm, recv)?;
    let target = handle(vm, &t)?;
    host(HostOp::Switch {
        target,
        remove: true,
    })
}

fn pending_flag(vm: &Vm, args: &[Value], at: usize, kwargs: &Kwargs) -> bool {
    args.get(at)
        .copied()
        .or(kwarg(kwargs, "pending"))
        .is_some_and(|v| crate::builtins::truthy(vm, v))
}

pub(crate) fn t_kill(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "kill", &args, 0, 1)?;
    let (_, t) = recv_tasklet(vm, recv)?;
    let pending = pending_flag(vm, &args, 0, &kw);
    let Some(target) = t.handle else {
        return none();
    };
    host(HostOp::Throw {
        target,
        error: TaskletError::tasklet_exit(),
        pending,
    })
}

/// An exception instance from a class or instance and optional value.
fn make_exception(vm: &mut Vm, exc: Value, args: Vec<Value>) -> Result<Exc, Exc> {
    if let Value::Obj(id) = exc
        && matches!(vm.heap.get(id), Obj::Class(_))
    {
        return vm.call_sync(exc, args);
    }
    Ok(exc)
}

pub(crate) fn t_throw(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "throw", &args, 0, 4)?;
    let (_, t) = recv_tasklet(vm, recv)?;
    let pending = pending_flag(vm, &args, 3, &kw);
    let exc = args
        .first()
        .copied()
        .or(kwarg(&kw, "exc"))
        .unwrap_or(Value::None);
    let exc = if exc == Value::None {
        Value::Obj(vm.exc_class("TaskletExit"))
    } else {
        exc
    };
    let val: Vec<Value> = match args.get(1).copied().or(kwarg(&kw, "val")) {
        Some(Value::None) | None => Vec::new(),
        Some(v) => vec![v],
    };
    let exc = make_exception(vm, exc, val)?;
    throw_into(vm, t, exc, pending)
}

fn throw_into(vm: &mut Vm, t: TaskletObj, exc: Exc, pending: bool) -> BResult {
    let error = vm.exc_to_error(exc);
    let Some(target) = t.handle else {
        return Err(vm.error("RuntimeError", shoal_engine::msg::THROW_DEAD));
    };
    host(HostOp::Throw {
        target,
        error,
        pending,
    })
}

pub(crate) fn t_raise_exception(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    if args.is_empty() {
        return Err(type_err(vm, "raise_exception() needs an exception class"));
    }
    let (_, t) = recv_tasklet(vm, recv)?;
    let mut args = args;
    let class = args.remove(0);
    let exc = make_exception(vm, class, args)?;
    throw_into(vm, t, exc, false)
}

pub(crate) fn t_set_atomic(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "set_atomic", &args, 1, 1)?;
    let (_, t) = recv_tasklet(vm, recv)?;
    let on = crate::builtins::truthy(vm, args[0]);
    let h = handle(vm, &t)?;
    ok(Value::Bool(h.set_atomic(on)))
}

/// Attributes of a tasklet object.
pub(crate) fn tasklet_attr(vm: &mut Vm, id: ObjId, name: &str) -> Option<Value> {
    let Obj::Tasklet(t) = vm.heap.get(id) else {
        return None;
    };
    let t = (**t).clone();
    let h = t.handle;
    let flag = |f: fn(&Tasklet) -> bool| Some(Value::Bool(h.as_ref().is_some_and(f)));
    match name {
        "alive" => flag(Tasklet::alive),
        "scheduled" => flag(Tasklet::scheduled),
        "blocked" => flag(Tasklet::blocked),
        "paused" => flag(Tasklet::paused),
        "restorable" => flag(Tasklet::restorable),
        "is_main" => flag(Tasklet::is_main),
        "is_current" => flag(Tasklet::is_current),
        "atomic" => flag(Tasklet::atomic),
        "block_trap" => flag(Tasklet::block_trap),
        "tempval" => Some(t.tempval),
        "next" | "prev" => {
            let other = h.and_then(|h| if name == "next" { h.next() } else { h.prev() });
            Some(other.map_or(Value::None, |o| vm.tasklet_value(o)))
        }
        "name" => {
            let n = h.and_then(|h| h.name());
            Some(match n {
                Some(n) => vm.str_value(&n),
                None => Value::None,
            })
        }
        "id" | "thread_id" => Some(Value::Int(h.map_or(-1, |h| h.id() as i64))),
        _ => None,
    }
}

/// Sets an attribute of a tasklet object; `false` if it has none such.
pub(crate) fn set_tasklet_attr(vm: &mut Vm, id: ObjId, name: &str, v: Value) -> bool {
    let truth = crate::builtins::truthy(vm, v);
    let name_text = crate::builtins::str_content(vm, v);
    let Obj::Tasklet(t) = vm.heap.get_mut(id) else {
        return false;
    };
    match name {
        "tempval" => t.tempval = v,
        "block_trap" => {
            if let Some(h) = t.handle {
                h.set_block_trap(truth);
            }
        }
        "name" => {
            if let (Some(h), Some(n)) = (t.handle, name_text) {
                h.set_name(&n);
            }
        }
        _ => return false,
    }
    true
}

/// Attributes of a channel object.
pub(crate) fn channel_attr(vm: &mut Vm, id: ObjId, name: &str) -> Option<Value> {
    let Obj::Channel(c) = vm.heap.get(id) else {
        return None;
    };
    let ch = c.chan.clone();
    Some(match name {
        "balance" => Value::Int(ch.balance()),
        "preference" => Value::Int(ch.preference() as i64),
        "schedule_all" => Value::Bool(ch.schedule_all()),
        "closing" => Value::Bool(ch.closing()),
        "closed" => Value::Bool(ch.closed()),
        "queue" => match ch.queue() {
            Some(t) => vm.tasklet_value(t),
            None => Value::None,
        },
        _ => return None,
    })
}

/// Sets an attribute of a channel object; `false` if it has none such.
pub(crate) fn set_channel_attr(vm: &mut Vm, id: ObjId, name: &str, v: Value) -> bool {
    let truth = crate::builtins::truthy(vm, v);
    let Obj::Channel(c) = vm.heap.get(id) else {
        return false;
    };
    match (name, v) {
        ("preference", Value::Int(p)) => c.chan.set_preference(p),
        ("preference", Value::Bool(p)) => c.chan.set_preference(p as i64),
        ("schedule_all", _) => c.chan.set_schedule_all(truth),
        _ => return false,
    }
    true
}

pub(crate) fn c_send(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "send", &args, 1, 1)?;
    let ch = recv_channel(vm, recv)?;
    let carried = vm.carry(args[0]);
    host(HostOp::Send(ch, carried))
}

pub(crate) fn c_receive(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "receive", &args, 0, 0)?;
    let ch = recv_channel(vm, recv)?;
    host(HostOp::Receive(ch))
}

pub(crate) fn c_send_exception(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    if args.is_empty() {
        return Err(type_err(vm, "send_exception() needs an exception class"));
    }
    let ch = recv_channel(vm, recv)?;
    let mut args = args;
    let class = args.remove(0);
    let exc = make_exception(vm, class, args)?;
    let error = vm.exc_to_error(exc);
    host(HostOp::SendError(ch, error))
}

pub(crate) fn c_send_throw(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "send_throw", &args, 1, 3)?;
    let ch = recv_channel(vm, recv)?;
    let val: Vec<Value> = match args.get(1) {
        Some(Value::None) | None => Vec::new(),
        Some(v) => vec![*v],
    };
    let exc = make_exception(vm, args[0], val)?;
    let error = vm.exc_to_error(exc);
    host(HostOp::SendError(ch, error))
}

pub(crate) fn c_send_sequence(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "send_sequence", &args, 1, 1)?;
    let ch = recv_channel(vm, recv)?;
    let iter = crate::builtins::get_iter(vm, args[0])?;
    let mut rest = std::collections::VecDeque::new();
    while let Some(v) = crate::builtins::next(vm, iter)? {
        rest.push_back(vm.carry(v));
    }
    host(HostOp::SendSequence { ch, rest, count: 0 })
}

pub(crate) fn c_close(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "close", &args, 0, 0)?;
    recv_channel(vm, recv)?.close();
    none()
}

pub(crate) fn c_open(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "open", &args, 0, 0)?;
    recv_channel(vm, recv)?.open();
    none()
}

pub(crate) fn s_getcurrent(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "getcurrent", &args, 0, 0)?;
    let t = shoal_engine::current();
    ok(vm.tasklet_value(t))
}

pub(crate) fn s_getmain(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "getmain", &args, 0, 0)?;
    let t = shoal_engine::main_tasklet();
    ok(vm.tasklet_value(t))
}

pub(crate) fn s_getruncount(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "getruncount", &args, 0, 0)?;
    ok(Value::Int(shoal_engine::runcount() as i64))
}

/// Sets the current tasklet's `tempval` to `schedule()`'s argument (by
/// default the tasklet itself): what the call returns, unless whoever
/// re-inserts the tasklet changes it. Kept there, it is a GC root while
/// other tasklets run.
fn set_retval(vm: &mut Vm, args: &[Value]) {
    let me = vm.tasklet_value(shoal_engine::current());
    let retval = args.first().copied().unwrap_or(me);
    if let Value::Obj(id) = me
        && let Obj::Tasklet(t) = vm.heap.get_mut(id)
    {
        t.tempval = retval;
    }
}

pub(crate) fn s_schedule(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "schedule", &args, 0, 1)?;
    set_retval(vm, &args);
    host(HostOp::Schedule { remove: false })
}

pub(crate) fn s_schedule_remove(
    vm: &mut Vm,
    _: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "schedule_remove", &args, 0, 1)?;
    set_retval(vm, &args);
    host(HostOp::Schedule { remove: true })
}

pub(crate) fn s_run(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "run", &args, 0, 3)?;
    let get = |i: usize, name: &str| args.get(i).copied().or(kwarg(&kw, name));
    let timeout = match get(0, "timeout") {
        Some(Value::Int(n)) if n > 0 => n as u64,
        Some(Value::Int(_)) | Some(Value::None) | None => 0,
        Some(_) => return Err(type_err(vm, "run() timeout must be an int")),
    };
    let soft = get(1, "soft").is_some_and(|v| crate::builtins::truthy(vm, v));
    let totaltimeout = get(2, "totaltimeout").is_some_and(|v| crate::builtins::truthy(vm, v));
    host(HostOp::Run(RunOptions {
        timeout,
        soft,
        totaltimeout,
    }))
}

pub(crate) fn s_switch_trap(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "switch_trap", &args, 1, 1)?;
    let delta = crate::builtins::expect_int(vm, args[0], "switch_trap() argument")?;
    ok(Value::Int(shoal_engine::switch_trap(delta as i32) as i64))
}

pub(crate) fn s_set_atomic(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "set_atomic", &args, 1, 1)?;
    let on = crate::builtins::truthy(vm, args[0]);
    ok(Value::Bool(shoal_engine::set_atomic(on)))
}

/// The names the `stackless` module holds besides its functions.
pub(crate) fn module_attrs(vm: &mut Vm, attrs: &mut crate::heap::Attrs) {
    use crate::heap::TypeKind;
    for (name, kind) in [
        ("tasklet", TypeKind::Tasklet),
        ("channel", TypeKind::Channel),
    ] {
        let id = vm.heap.alloc(Obj::Type(kind));
        attrs.insert(Rc::from(name), Value::Obj(id));
    }
    let exit = vm.exc_class("TaskletExit");
    attrs.insert(Rc::from("TaskletExit"), Value::Obj(exit));
    let _ = new_list;
}

/// The file name tracebacks give the module's script part.
pub(crate) const PRELUDE_FILE: &str = "<stackless>";

/// The part of the `stackless` module written in the script language.
pub(crate) const PRELUDE: &str = r#"
class atomic:
    """`with stackless.atomic():` holds back watchdog interrupts of the
    current tasklet until the block ends."""

    def __enter__(self):
        self.old = getcurrent().set_atomic(True)
        return self

    def __exit__(self, *exc):
        getcurrent().set_atomic(self.old)
        return False
"#;

// ---- callbacks ------------------------------------------------------------------------

/// Which of [`Vm::callbacks`].
const SCHEDULE_CALLBACK: usize = 0;
const ERROR_HANDLER: usize = 1;
const CHANNEL_CALLBACK: usize = 2;

/// Prints the error a script callback raised, as Stackless does.
fn report_callback_error(weak: &Weak<RefCell<Vm>>, result: Option<Result<Value, Exc>>) {
    if let (Some(Err(exc)), Some(rc)) = (result, weak.upgrade())
        && let Ok(mut vm) = rc.try_borrow_mut()
    {
        let text = vm.format_exception(exc);
        let _ = std::io::Write::write_all(&mut vm.err, text.as_bytes());
    }
}

/// `set_channel_callback(cb)`: `cb(channel, tasklet, sending, willblock)`
/// before every channel operation; returns the previous callback. (It
/// finds the channel object by a search of the heap: a debugging aid.)
pub(crate) fn s_set_channel_callback(
    vm: &mut Vm,
    _: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "set_channel_callback", &args, 1, 1)?;
    let old = std::mem::replace(&mut vm.callbacks[CHANNEL_CALLBACK], args[0]);
    if args[0] == Value::None {
        shoal_engine::set_channel_callback(None);
    } else {
        let weak = vm.shared.clone().unwrap_or_default();
        shoal_engine::set_channel_callback(Some(Box::new(
            move |info, tasklet, sending, will_block| {
                let result = call_back(&weak, CHANNEL_CALLBACK, |vm| {
                    let channel = vm.channel_object(info.id).map_or(Value::None, Value::Obj);
                    vec![
                        channel,
                        vm.tasklet_value(tasklet),
                        Value::Bool(sending),
                        Value::Bool(will_block),
                    ]
                });
                report_callback_error(&weak, result);
            },
        )));
    }
    ok(old)
}

/// Calls the script callback `which` with the arguments `args` makes,
/// if the VM is free (the scheduler calls back between slices).
fn call_back(
    vm: &Weak<RefCell<Vm>>,
    which: usize,
    args: impl FnOnce(&mut Vm) -> Vec<Value>,
) -> Option<Result<Value, Exc>> {
    let rc = vm.upgrade()?;
    let mut vm = rc.try_borrow_mut().ok()?;
    let cb = vm.callbacks[which];
    if cb == Value::None {
        return None;
    }
    let args = args(&mut vm);
    Some(vm.call_sync(cb, args))
}

/// `set_schedule_callback(cb)`: `cb(prev, next)` on every switch; returns
/// the previous callback.
pub(crate) fn s_set_schedule_callback(
    vm: &mut Vm,
    _: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "set_schedule_callback", &args, 1, 1)?;
    let old = std::mem::replace(&mut vm.callbacks[SCHEDULE_CALLBACK], args[0]);
    if args[0] == Value::None {
        shoal_engine::set_schedule_callback(None);
    } else {
        let weak = vm.shared.clone().unwrap_or_default();
        shoal_engine::set_schedule_callback(Some(Box::new(move |prev, next| {
            let result = call_back(&weak, SCHEDULE_CALLBACK, |vm| {
                vec![vm.tasklet_value(prev), vm.tasklet_value(next)]
            });
            report_callback_error(&weak, result);
        })));
    }
    ok(old)
}

/// `set_error_handler(h)`: `h(type, value, traceback)` runs in a tasklet
/// dying of an uncaught error; if it returns, the error is swallowed.
/// Returns the previous handler.
pub(crate) fn s_set_error_handler(
    vm: &mut Vm,
    _: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "set_error_handler", &args, 1, 1)?;
    let old = std::mem::replace(&mut vm.callbacks[ERROR_HANDLER], args[0]);
    if args[0] == Value::None {
        shoal_engine::set_error_handler(None);
    } else {
        let weak = vm.shared.clone().unwrap_or_default();
        shoal_engine::set_error_handler(Some(Box::new(move |_tasklet, error| {
            let mut exc = None;
            let result = call_back(&weak, ERROR_HANDLER, |vm| {
                let e = vm.error_to_exc(error);
                exc = Some(e);
                let class = match e {
                    Value::Obj(id) => match vm.heap.get(id) {
                        Obj::Instance(inst) => Value::Obj(inst.class),
                        _ => Value::None,
                    },
                    _ => Value::None,
                };
                vec![class, e, Value::None]
            });
            match result {
                None | Some(Ok(_)) => Ok(()),
                Some(Err(raised)) => match weak.upgrade() {
                    Some(rc) => Err(rc.borrow_mut().exc_to_error(raised)),
                    None => Err(error.clone()),
                },
            }
        })));
    }
    ok(old)
}

// ---- saving a whole world of tasklets ------------------------------------------------

/// The version of the world snapshot format.
const WORLD_FORMAT: u32 = 1;

/// A value or exception a channel holds for a tasklet.
#[derive(serde::Serialize, serde::Deserialize)]
enum SavedItem {
    Value(Value),
    Error {
        kind: String,
        message: String,
        exception: Option<Value>,
    },
}

/// The operation a tasklet was suspended in.
#[derive(serde::Serialize, serde::Deserialize)]
enum SavedFinish {
    Op(Value),
    Tempval,
    /// A receive on the channel with this index in [`WorldSnapshot::channels`].
    Receive(usize),
}

#[derive(serde::Serialize, serde::Deserialize)]
struct SavedThread {
    /// Its tasklet object.
    object: ObjId,
    frames: Vec<crate::vm::Frame>,
    finish: Option<SavedFinish>,
    for_exit: Option<u32>,
    atomic: bool,
    block_trap: bool,
    name: Option<String>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct SavedChannel {
    /// Its channel object (the VM snapshot keeps its settings).
    object: ObjId,
    /// Blocked tasklets, first served first: thread index, sending, a
    /// sender's item.
    waiters: Vec<(usize, bool, Option<SavedItem>)>,
    /// Items handed to receivers that had not run since.
    delivered: Vec<(usize, SavedItem)>,
}

/// A world of script tasklets: the VM, every tasklet's frames and
/// scheduler state, every channel's queue.
#[derive(serde::Serialize, serde::Deserialize)]
struct WorldSnapshot {
    format: u32,
    /// [`Vm::save`]'s text.
    vm: String,
    threads: Vec<SavedThread>,
    channels: Vec<SavedChannel>,
    /// Thread indices in run-queue order (after main).
    runnable: Vec<usize>,
}

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

impl Vm {
    fn save_item(&self, item: &TaskletResult<Carried>) -> SavedItem {
        match item {
            Ok(c) => SavedItem::Value(self.parking.peek(c.id).unwrap_or(Value::None)),
            Err(e) => SavedItem::Error {
                kind: e.kind().name().to_string(),
                message: e.message().to_string(),
                exception: e
                    .payload()
                    .and_then(|p| p.downcast_ref::<ExcPayload>())
                    .and_then(|payload| self.parking.peek(payload.slot)),
            },
        }
    }

    fn load_item(&mut self, item: SavedItem) -> TaskletResult<Carried> {
        match item {
            SavedItem::Value(v) => Ok(self.carry(v)),
            SavedItem::Error {
                kind,
                message,
                exception,
            } => {
                let mut e = TaskletError::new(kind_named(&kind), message);
                if let Some(exc) = exception {
                    let payload = self.parking.park_error(exc);
                    e = e.with_payload(Arc::new(payload));
                }
                Err(e)
            }
        }
    }

    /// Saves the VM with every script tasklet (frames, place in the run
    /// queue or in a channel's queue, flags) and every channel's queue, as
    /// RON. Only between slices: the main tasklet must be running and hold
    /// no script frames (a host drives the scheduler, as a game loop
    /// does). Native tasklets are not saved: their owners recreate them.
    pub fn save_world(&self) -> Result<String, String> {
        if !shoal_engine::current().is_main() || !self.frames.is_empty() {
            return Err(
                "a world is saved between slices, when the main tasklet runs no script".into(),
            );
        }
        let vm = self.save().map_err(|e| e.to_string())?;
        // Channels, by engine id.
        let mut channels: Vec<(u64, ObjId, Channel<Carried>)> = self
            .heap
            .iter()
            .filter_map(|(id, o)| match o {
                Obj::Channel(c) => Some((c.chan.id(), id, c.chan.clone())),
                _ => None,
            })
            .collect();
        channels.sort_by_key(|(cid, _, _)| *cid);
        let channel_index =
            |ch: &Channel<Carried>| channels.iter().position(|(c, _, _)| *c == ch.id());
        // Tasklets, in creation order.
        let mut tasklets: Vec<(u64, ObjId)> =
            self.tasklet_objs.iter().map(|(t, o)| (*t, *o)).collect();
        tasklets.sort();
        let mut threads = Vec::new();
        let mut by_engine_id = rustc_hash::FxHashMap::default();
        for (engine_id, object) in tasklets {
            let Obj::Tasklet(t) = self.heap.get(object) else {
                continue;
            };
            let Some(h) = t.handle.filter(|h| h.alive() && !h.is_main()) else {
                continue;
            };
            let Some((frames, finish, for_exit)) = self.thread_parts(t.thread) else {
                continue;
            };
            let finish = match finish {
                None => None,
                Some(Finish::Op(v)) => Some(SavedFinish::Op(*v)),
                Some(Finish::Tempval) => Some(SavedFinish::Tempval),
                Some(Finish::Receive(ch)) => match channel_index(ch) {
                    Some(i) => Some(SavedFinish::Receive(i)),
                    None => return Err("a tasklet waits on a channel the heap lost".into()),
                },
                Some(Finish::Run) => {
                    return Err("a tasklet is inside a nested stackless.run(): not saved".into());
                }
                Some(Finish::Sequence { .. }) => {
                    return Err("a tasklet is inside send_sequence(): not saved".into());
                }
            };
            by_engine_id.insert(engine_id, threads.len());
            threads.push(SavedThread {
                object,
                frames: frames.to_vec(),
                finish,
                for_exit,
                atomic: h.atomic(),
                block_trap: h.block_trap(),
                name: h.name().map(|n| n.to_string()),
            });
        }
        // The run queue, from main round the ring.
        let main = shoal_engine::main_tasklet();
        let mut runnable = Vec::new();
        let mut at = main.next();
        while let Some(t) = at.filter(|t| *t != main) {
            match by_engine_id.get(&t.id()) {
                Some(i) => runnable.push(*i),
                None => {
                    return Err(
                        "a native tasklet is runnable: worlds save script tasklets only".into(),
                    );
                }
            }
            at = t.next();
        }
        let mut saved_channels = Vec::new();
        for (_, object, ch) in &channels {
            let mut waiters = Vec::new();
            let mut failed = false;
            ch.for_each_waiter(|t, sending, item| match by_engine_id.get(&t.id()) {
                Some(i) => waiters.push((*i, sending, item.map(|it| self.save_item(it)))),
                None => failed = true,
            });
            let mut delivered = Vec::new();
            ch.for_each_delivered(|t, item| match by_engine_id.get(&t.id()) {
                Some(i) => delivered.push((*i, self.save_item(item))),
                None => failed = true,
            });
            if failed {
                return Err("a native tasklet waits on a script channel: not saved".into());
            }
            saved_channels.push(SavedChannel {
                object: *object,
                waiters,
                delivered,
            });
        }
        let world = WorldSnapshot {
            format: WORLD_FORMAT,
            vm,
            threads,
            channels: saved_channels,
            runnable,
        };
        ron::ser::to_string(&world).map_err(|e| e.to_string())
    }

    /// Loads a world saved by [`Vm::save_world`] onto this thread's
    /// scheduler (which must exist and run nothing else), ready for the
    /// host to run.
    pub fn load_world(
        text: &str,
        out: Box<dyn std::io::Write>,
        err: Box<dyn std::io::Write>,
    ) -> Result<Rc<RefCell<Vm>>, String> {
        if !shoal_engine::has_scheduler() {
            return Err("loading a world needs a scheduler on this thread".into());
        }
        let world: WorldSnapshot =
            ron::from_str(text).map_err(|e| format!("not a world snapshot: {e}"))?;
        if world.format != WORLD_FORMAT {
            return Err(format!(
                "world snapshot format {} (this Shoal reads {WORLD_FORMAT})",
                world.format
            ));
        }
        let vm = Vm::load(&world.vm, out, err).map_err(|e| e.to_string())?;
        let shared = vm.into_shared();
        let mut vm = shared.borrow_mut();
        let fail = |vm: &mut Vm, e: Exc| -> String {
            let text = vm.format_exception(e);
            text.trim_end().to_string()
        };
        let channels: Vec<Channel<Carried>> = world
            .channels
            .iter()
            .map(|c| {
                channel_of(&vm, Value::Obj(c.object)).ok_or("a saved channel is not a channel")
            })
            .collect::<Result<_, _>>()?;
        let mut handles = Vec::new();
        for t in world.threads {
            let func = match vm.heap.get(t.object) {
                Obj::Tasklet(o) => o.func,
                _ => return Err("a saved tasklet is not a tasklet".into()),
            };
            if let Err(e) = vm.bind_tasklet(t.object, func) {
                return Err(fail(&mut vm, e));
            }
            let Obj::Tasklet(o) = vm.heap.get(t.object) else {
                unreachable!("checked above")
            };
            let (thread, handle) = (o.thread, o.handle.expect("just bound"));
            let finish = match t.finish {
                None => None,
                Some(SavedFinish::Op(v)) => Some(Finish::Op(v)),
                Some(SavedFinish::Tempval) => Some(Finish::Tempval),
                Some(SavedFinish::Receive(i)) => Some(Finish::Receive(
                    channels
                        .get(i)
                        .ok_or("a saved receive names no channel")?
                        .clone(),
                )),
            };
            vm.set_thread_parts(thread, t.frames, finish, t.for_exit);
            vm.set_thread_tasklet(thread, handle.id());
            handle.set_atomic(t.atomic);
            handle.set_block_trap(t.block_trap);
            if let Some(n) = &t.name {
                handle.set_name(n);
            }
            handles.push(handle);
        }
        let engine = |e: TaskletError| e.to_string();
        // The run queue in its order, then everyone else paused.
        let mut in_ring = vec![false; handles.len()];
        for i in &world.runnable {
            let h = handles
                .get(*i)
                .ok_or("a saved run queue names no tasklet")?;
            h.setup().map_err(engine)?;
            in_ring[*i] = true;
        }
        for (i, h) in handles.iter().enumerate() {
            if !in_ring[i] {
                h.setup().map_err(engine)?;
                h.remove().map_err(engine)?;
            }
        }
        for (saved, ch) in world.channels.into_iter().zip(&channels) {
            for (i, sending, item) in saved.waiters {
                let h = *handles.get(i).ok_or("a saved waiter names no tasklet")?;
                let item = item.map(|it| vm.load_item(it));
                ch.restore_waiter(h, sending, item).map_err(engine)?;
            }
            for (i, item) in saved.delivered {
                let h = *handles.get(i).ok_or("a saved delivery names no tasklet")?;
                let item = vm.load_item(item);
                ch.restore_delivered(h, item);
            }
        }
        drop(vm);
        Ok(shared)
    }
}
