//! The functions and methods of the `stackless` module, and the script
//! callbacks the scheduler calls.

use super::*;

use crate::builtins::{BResult, Kwargs, Native, arity, kwarg, none, ok, type_err};

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

/// `stackless.tasklet(func=None, args=None, kwargs=None)`: as `bind`.
pub(crate) fn new_tasklet(vm: &mut Vm, args: Vec<Value>, kwargs: Kwargs) -> Result<Value, Exc> {
    arity(vm, "tasklet", &args, 0, 3)?;
    if args.len() > 1 || kwarg(&kwargs, "args").is_some() || kwarg(&kwargs, "kwargs").is_some() {
        let t = new_tasklet(vm, Vec::new(), Vec::new())?;
        return match t_bind(vm, Some(t), args, kwargs)? {
            Native::Value(v) => Ok(v),
            _ => Ok(t),
        };
    }
    let func = args.first().copied().or(kwarg(&kwargs, "func"));
    let id = vm.heap.alloc(Obj::Tasklet(Box::new(TaskletObj {
        handle: None,
        func: Value::None,
        thread: 0,
        tempval: Value::None,
        owner: None,
        instance: ObjId::NONE,
        ignore_nesting: false,
        priority: 0,
    })));
    if let Some(f) = func.filter(|f| *f != Value::None) {
        bind(vm, id, f)?;
    }
    Ok(Value::Obj(id))
}

fn bind(vm: &mut Vm, id: ObjId, func: Value) -> Result<(), Exc> {
    if !crate::builtins::is_callable(vm, func) {
        return Err(type_err(vm, "tasklet function must be a callable or None"));
    }
    if let Obj::Tasklet(t) = vm.heap.get(id)
        && let Some(h) = t.handle
        && h.alive()
    {
        return Err(vm.error("RuntimeError", "tasklet is alive"));
    }
    vm.bind_tasklet(id, func)?;
    // Stackless keeps a bound function in `tempval` until setup.
    if let Obj::Tasklet(t) = vm.heap.get_mut(id) {
        t.tempval = func;
    }
    Ok(())
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
    let unbound = |vm: &mut Vm| vm.error("RuntimeError", "the tasklet was not bound to a function");
    let Some(h) = t.handle else {
        return Err(unbound(vm));
    };
    if h.alive() {
        return Err(vm.error("RuntimeError", shoal_engine::msg::ALIVE));
    }
    // An ended tasklet has no record any more: it cannot be set up again.
    if h.info().is_none() {
        return Err(unbound(vm));
    }
    vm.start_thread(t.thread, t.func, args, kwargs)?;
    if let Obj::Tasklet(o) = vm.heap.get_mut(id)
        && o.tempval == t.func
    {
        o.tempval = Value::None;
    }
    vm.set_thread_tasklet(t.thread, h.id());
    h.setup().map_err(|e| raise(vm, e))?;
    Ok(Value::Obj(id))
}

/// `t.bind(func=None, args=None, kwargs=None)`: binds `func`; with
/// `args` or `kwargs`, also sets the tasklet up, paused (not in the run
/// queue).
pub(crate) fn t_bind(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "bind", &args, 0, 3)?;
    let (id, t) = recv_tasklet(vm, recv)?;
    let get = |i: usize, name: &str| {
        args.get(i)
            .copied()
            .or(kwarg(&kw, name))
            .filter(|v| *v != Value::None)
    };
    let (func, call_args, call_kwargs) = (get(0, "func"), get(1, "args"), get(2, "kwargs"));
    if let Some(f) = func
        && !crate::builtins::is_callable(vm, f)
    {
        return Err(type_err(vm, "tasklet function must be a callable or None"));
    }
    if let Some(h) = t.handle {
        if h.is_current() {
            return Err(vm.error("RuntimeError", shoal_engine::msg::REBIND_CURRENT));
        }
        if h.scheduled() {
            return Err(vm.error("RuntimeError", shoal_engine::msg::REBIND_SCHEDULED));
        }
    }
    let with_call = call_args.is_some() || call_kwargs.is_some();
    match func {
        Some(f) => {
            unbind(vm, id, &t)?;
            bind(vm, id, f)?
        }
        None if t.func != Value::None && with_call => {
            unbind(vm, id, &t)?;
            bind(vm, id, t.func)?
        }
        // `bind(None)` of an alive tasklet drops its frames; of a bound
        // one, forgets the function.
        None if !with_call => unbind(vm, id, &t)?,
        None => {}
    }
    if call_args.is_some() || call_kwargs.is_some() {
        let positional = match call_args {
            Some(a) => crate::builtins::collect(vm, a)?,
            None => Vec::new(),
        };
        let mut named = Vec::new();
        if let Some(Value::Obj(d)) = call_kwargs
            && let Obj::Dict(d) = vm.heap.get(d)
        {
            let pairs: Vec<(Value, Value)> = d.values().copied().collect();
            for (k, v) in pairs {
                match crate::builtins::str_content(vm, k) {
                    Some(k) => named.push((k, v)),
                    None => return Err(type_err(vm, "keywords must be strings")),
                }
            }
        }
        setup(vm, id, positional, named)?;
        if let Obj::Tasklet(t) = vm.heap.get(id)
            && let Some(h) = t.handle
        {
            h.remove().map_err(|e| raise(vm, e))?;
        }
    }
    ok(Value::Obj(id))
}

/// Drops what tasklet object `id` is bound to: its frames (without running
/// any `finally`, as Stackless's `bind`) and its function.
fn unbind(vm: &mut Vm, id: ObjId, t: &TaskletObj) -> Result<(), Exc> {
    let Some(h) = t.handle else {
        return Ok(());
    };
    h.discard().map_err(|e| raise(vm, e))?;
    if let Some(owner) = vm.thread_owner(t.thread) {
        vm.owned_tasklet_ended(owner, t.thread, None);
    }
    vm.end_thread(t.thread);
    vm.tasklet_objs.remove(&h.id());
    if let Obj::Tasklet(o) = vm.heap.get_mut(id) {
        o.handle = None;
        o.func = Value::None;
        o.thread = 0;
        o.tempval = Value::None;
    }
    Ok(())
}

/// `tasklet.__init__(func=None, args=None, kwargs=None)`: binds as
/// `bind` does (what a subclass's `super().__init__(func)` calls).
pub(crate) fn t_init(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    if !args.is_empty() || !kw.is_empty() {
        t_bind(vm, recv, args, kw)?;
    }
    none()
}

pub(crate) fn t_setup(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    let (id, _) = recv_tasklet(vm, recv)?;
    ok(setup(vm, id, args, kw)?)
}

pub(crate) fn t_insert(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "insert", &args, 0, 0)?;
    let (id, t) = recv_tasklet(vm, recv)?;
    let h = handle(vm, &t)?;
    h.insert().map_err(|e| raise(vm, e))?;
    ok(Value::Obj(id))
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

/// Stackless's arity error of a method written in C: "`name`() takes at
/// most `max` argument(s) (`n` given)".
fn at_most(vm: &mut Vm, name: &str, args: &[Value], max: usize) -> Result<(), Exc> {
    if args.len() <= max {
        return Ok(());
    }
    let plural = if max == 1 { "" } else { "s" };
    Err(type_err(
        vm,
        format!(
            "{name}() takes at most {max} argument{plural} ({} given)",
            args.len()
        ),
    ))
}

pub(crate) fn t_kill(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    at_most(vm, "kill", &args, 1)?;
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

/// Whether `v` is an exception class (what `raise_exception` and
/// `send_exception` take).
fn is_exception_class(vm: &Vm, v: Value) -> bool {
    matches!(v, Value::Obj(id) if matches!(vm.heap.get(id), Obj::Class(c) if c.is_exception))
}

/// The exception `throw(exc, val)` and `send_throw(exc, val)` raise, as
/// Python's `raise` builds it: a class called with `val` (a tuple is
/// the arguments, an instance of the class is used as it is), or an
/// instance, which takes no separate value.
fn exception_from(vm: &mut Vm, exc: Value, val: Option<Value>) -> Result<Exc, Exc> {
    let val = val.filter(|v| *v != Value::None);
    let is_class = matches!(exc, Value::Obj(id) if matches!(vm.heap.get(id), Obj::Class(_)));
    if !is_class {
        if val.is_some() {
            return Err(type_err(
                vm,
                "instance exception may not have a separate value",
            ));
        }
        if !matches!(exc, Value::Obj(id) if matches!(vm.heap.get(id), Obj::Instance(_))) {
            let t = crate::builtins::type_name(vm, exc);
            return Err(type_err(
                vm,
                format!("exceptions must be classes, or instances, not {t}"),
            ));
        }
        return Ok(exc);
    }
    let args = match val {
        None => Vec::new(),
        Some(v) => {
            if matches!(v, Value::Obj(id) if matches!(vm.heap.get(id), Obj::Instance(_)))
                && crate::builtins::exception_matches(vm, v, exc)?
            {
                return Ok(v);
            }
            match v {
                Value::Obj(id) if matches!(vm.heap.get(id), Obj::Tuple(_)) => {
                    crate::builtins::collect(vm, v)?
                }
                _ => vec![v],
            }
        }
    };
    make_exception(vm, exc, args)
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
    let Some(exc) = args.first().copied().or(kwarg(&kw, "exc")) else {
        return Err(type_err(
            vm,
            "throw() missing required argument 'exc' (pos 1)",
        ));
    };
    let exc = if exc == Value::None {
        Value::Obj(vm.exc_class("TaskletExit"))
    } else {
        exc
    };
    let val = args.get(1).copied().or(kwarg(&kw, "val"));
    let traceback_class = vm.shoal_helper("traceback").ok();
    if let Some(tb) = args.get(2).copied().or(kwarg(&kw, "tb"))
        && tb != Value::None
        && !matches!(tb, Value::Obj(id) if matches!(vm.heap.get(id), Obj::List(_)))
        && crate::classes::class_of(vm, tb).map(Value::Obj) != traceback_class
    {
        return Err(type_err(vm, "third argument must be a traceback object"));
    }
    let exc = exception_from(vm, exc, val)?;
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
        return Err(type_err(vm, "raise_exception() takes at least 1 argument"));
    }
    let (_, t) = recv_tasklet(vm, recv)?;
    let mut args = args;
    let class = args.remove(0);
    if !is_exception_class(vm, class) {
        return Err(type_err(
            vm,
            "tasklet.raise_exception needs Exception or string subclass as first parameter",
        ));
    }
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

/// `thread_id` of every live tasklet and `stackless.getcurrentid()`:
/// Shoal runs one scheduler per VM, its one thread.
const THREAD_ID: i64 = 1;

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
        // Script tasklets' frames are data: all but a native tasklet
        // blocked on its own stack can be pickled.
        "restorable" => Some(Value::Bool(h.is_none_or(|h| {
            !h.alive()
                || h.is_main()
                || h.is_current()
                || (h.restorable() && !vm.thread_unpicklable(t.thread))
        }))),
        "priority" => Some(Value::Int(
            h.filter(|h| h.info().is_some())
                .map_or(t.priority, |h| h.priority()) as i64,
        )),
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
        "id" => Some(Value::Int(h.map_or(-1, |h| h.id() as i64))),
        // One thread: every tasklet belongs to it.
        "thread_id" => Some(Value::Int(THREAD_ID)),
        // Shoal's tasklets never hold C stack: nothing nests.
        "nesting_level" => Some(Value::Int(0)),
        "ignore_nesting" => Some(Value::Bool(t.ignore_nesting)),
        "trace_function" | "profile_function" => Some(Value::None),
        "recursion_depth" => Some(Value::Int(
            h.filter(|h| h.alive())
                .map_or(0, |_| vm.thread_depth(t.thread) as i64),
        )),
        "frame" => Some(match h.filter(|h| h.alive()) {
            Some(_) => vm.thread_frame(t.thread).unwrap_or(Value::None),
            None => Value::None,
        }),
        _ => None,
    }
}

/// Sets an attribute of a tasklet object (or of an instance of a tasklet
/// subclass); `false` if it has none such.
pub(crate) fn set_tasklet_attr(vm: &mut Vm, id: ObjId, name: &str, v: Value) -> Result<bool, Exc> {
    let id = match vm.heap.get(id) {
        Obj::Instance(inst) if !inst.native.is_none() => inst.native,
        _ => id,
    };
    if !matches!(vm.heap.get(id), Obj::Tasklet(_)) {
        return Ok(false);
    }
    if name == "priority" {
        let level = match crate::classes::unwrap_native(vm, v) {
            Value::Int(n) => i32::try_from(n).map_err(|_| {
                vm.error("OverflowError", "a tasklet's priority must fit in 32 bits")
            })?,
            Value::Bool(b) => b as i32,
            big if crate::builtins::is_int(vm, big) => {
                return Err(vm.error("OverflowError", "a tasklet's priority must fit in 32 bits"));
            }
            _ => {
                let t = crate::builtins::type_name(vm, v);
                return Err(type_err(
                    vm,
                    format!("a tasklet's priority must be an int, not '{t}'"),
                ));
            }
        };
        if let Obj::Tasklet(t) = vm.heap.get_mut(id) {
            t.priority = level;
            if let Some(h) = t.handle {
                h.set_priority(level);
            }
        }
        return Ok(true);
    }
    let truth = crate::builtins::truthy(vm, v);
    let name_text = crate::builtins::str_content(vm, v);
    let Obj::Tasklet(t) = vm.heap.get_mut(id) else {
        return Ok(false);
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
        _ => return Ok(false),
    }
    Ok(true)
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
        "schedule_all" => Value::Int(ch.schedule_all() as i64),
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
pub(crate) fn set_channel_attr(vm: &mut Vm, id: ObjId, name: &str, v: Value) -> Result<bool, Exc> {
    let truth = crate::builtins::truthy(vm, v);
    let big = crate::builtins::big_ref(vm, v).map(|n| n.sign() == num_bigint::Sign::Minus);
    let Obj::Channel(c) = vm.heap.get(id) else {
        return Ok(false);
    };
    let chan = c.chan.clone();
    match (name, v, big) {
        // Stackless keeps -1, 0 or 1.
        ("preference", Value::Int(p), _) => chan.set_preference(p.clamp(-1, 1)),
        ("preference", Value::Bool(p), _) => chan.set_preference(p as i64),
        ("preference", _, Some(negative)) => chan.set_preference(if negative { -1 } else { 1 }),
        ("preference", _, None) => {
            return Err(type_err(vm, "preference must be set to an integer"));
        }
        ("schedule_all", _, _) => chan.set_schedule_all(truth),
        _ => return Ok(false),
    }
    Ok(true)
}

pub(crate) fn c_send(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "send", &args, 1, 1)?;
    let ch = recv_channel(vm, recv)?;
    let carried = vm.carry(args[0]);
    // What the sender's `tempval` shows a channel callback (Stackless
    // sets it to the value being sent).
    vm.sending_value = (vm.callbacks[CHANNEL_CALLBACK] != Value::None).then_some(args[0]);
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
        return Err(type_err(vm, "send_exception() takes at least 1 argument"));
    }
    let ch = recv_channel(vm, recv)?;
    let mut args = args;
    let class = args.remove(0);
    if !is_exception_class(vm, class) {
        return Err(type_err(
            vm,
            "channel.send_exception needs Exception or string subclass as first parameter",
        ));
    }
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
    let exc = exception_from(vm, args[0], args.get(1).copied())?;
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
    recv_channel(vm, recv)?;
    // The items are sent by a script loop, so a tasklet inside it is in
    // an ordinary `send` (and can be pickled); as in Stackless, the items
    // before an error in the iterable are sent.
    match prelude_function(vm, "_send_sequence") {
        Some(f) => Ok(Native::Call(f, vec![recv.unwrap_or_default(), args[0]])),
        None => Err(vm.error("SystemError", "the stackless module is not loaded")),
    }
}

/// A function of the module's script part (once it is imported).
pub(crate) fn prelude_function(vm: &Vm, name: &str) -> Option<Value> {
    let m = vm.find_module("stackless")?;
    match vm.heap.get(m) {
        Obj::Module(m) => m.attrs.get(name).copied(),
        _ => None,
    }
}

/// `iter(channel)`: the channel itself.
pub(crate) fn c_iter(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "__iter__", &args, 0, 0)?;
    recv_channel(vm, recv)?;
    ok(recv.unwrap_or_default())
}

/// `next(channel)`: a receive, or StopIteration once the channel is
/// closed and empty.
pub(crate) fn c_next(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    if !args.is_empty() {
        return Err(type_err(
            vm,
            format!("expected 0 arguments, got {}", args.len()),
        ));
    }
    let ch = recv_channel(vm, recv)?;
    if ch.closing() && ch.balance() <= 0 {
        let stop = vm.exc_class("StopIteration");
        return Err(vm.instantiate_exception(stop, Vec::new()));
    }
    host(HostOp::Receive(ch))
}

/// `t.set_ignore_nesting(flag)`: no tasklet of Shoal's nests, so the
/// flag changes nothing but itself; returns the old one.
pub(crate) fn t_set_ignore_nesting(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "set_ignore_nesting", &args, 1, 1)?;
    let (id, t) = recv_tasklet(vm, recv)?;
    let flag = crate::builtins::truthy(vm, args[0]);
    if let Obj::Tasklet(t) = vm.heap.get_mut(id) {
        t.ignore_nesting = flag;
    }
    ok(Value::Bool(t.ignore_nesting))
}

/// `t.bind_thread([thread_id])`: there is one thread, so nothing moves.
pub(crate) fn t_bind_thread(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "bind_thread", &args, 0, 1)?;
    recv_tasklet(vm, recv)?;
    if let Some(&v) = args.first()
        && v != Value::None
    {
        let id = crate::builtins::expect_int(vm, v, "")?;
        if id != THREAD_ID {
            return Err(vm.error("ValueError", "bad thread"));
        }
    }
    none()
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
    at_most(vm, "schedule", &args, 1)?;
    set_retval(vm, &args);
    host(HostOp::Schedule { remove: false })
}

pub(crate) fn s_schedule_remove(
    vm: &mut Vm,
    _: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    at_most(vm, "schedule_remove", &args, 1)?;
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

/// `enable_softswitch(flag)`: the setting is kept and read back, as
/// Stackless does; Shoal's script tasklets always switch softly.
pub(crate) fn s_enable_softswitch(
    vm: &mut Vm,
    _: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "enable_softswitch", &args, 1, 1)?;
    let old = vm.softswitch;
    if args[0] != Value::None {
        vm.softswitch = crate::builtins::truthy(vm, args[0]);
    }
    ok(Value::Bool(old))
}

/// `getcurrentid()`: the id of the one thread.
pub(crate) fn s_getcurrentid(
    vm: &mut Vm,
    _: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "getcurrentid", &args, 0, 0)?;
    ok(Value::Int(THREAD_ID))
}

/// `getthreads()`: the ids of the threads with tasklets (one).
pub(crate) fn s_getthreads(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "getthreads", &args, 0, 0)?;
    ok(crate::builtins::new_list(vm, vec![Value::Int(THREAD_ID)]))
}

/// `get_thread_info(thread_id)`: `(main, current, runcount)`.
pub(crate) fn s_get_thread_info(
    vm: &mut Vm,
    _: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "get_thread_info", &args, 1, 1)?;
    let id = crate::builtins::expect_int(vm, args[0], "")?;
    if id != THREAD_ID && id != -1 {
        return Err(vm.error("ValueError", "Not a valid thread id"));
    }
    let main = vm.tasklet_value(shoal_engine::main_tasklet());
    let current = vm.tasklet_value(shoal_engine::current());
    let count = Value::Int(shoal_engine::runcount() as i64);
    ok(crate::builtins::new_tuple(vm, vec![main, current, count]))
}

/// `pickle_flags(new_flags=-1, mask=-1)` and `pickle_flags_default`:
/// Shoal's pickles carry no tracing state or async-generator finalizer,
/// so the flags are kept and read back without effect.
pub(crate) fn s_pickle_flags(
    vm: &mut Vm,
    _: Option<Value>,
    args: Vec<Value>,
    kw: Kwargs,
) -> BResult {
    arity(vm, "pickle_flags", &args, 0, 2)?;
    let new = args.first().copied().or(kwarg(&kw, "new_flags"));
    let mask = args.get(1).copied().or(kwarg(&kw, "mask"));
    let new = match new {
        Some(v) => crate::builtins::expect_int(vm, v, "")?,
        None => -1,
    };
    let mask = match mask {
        Some(v) => crate::builtins::expect_int(vm, v, "")?,
        None => -1,
    };
    let old = vm.pickle_flags;
    if new != -1 {
        if new & !3 != 0 {
            return Err(vm.error("ValueError", "new_flags: invalid bits set"));
        }
        vm.pickle_flags = (old & !mask) | (new & mask);
    }
    ok(Value::Int(old))
}

pub(crate) fn s_switch_trap(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "switch_trap", &args, 0, 1)?;
    // Stackless's argument is optional: `switch_trap()` reads the trap.
    let delta = match args.first() {
        Some(v) => crate::builtins::expect_int(vm, *v, "switch_trap() argument")?,
        None => 0,
    };
    ok(Value::Int(shoal_engine::switch_trap(delta as i32) as i64))
}

pub(crate) fn s_set_atomic(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "set_atomic", &args, 1, 1)?;
    let on = crate::builtins::truthy(vm, args[0]);
    ok(Value::Bool(shoal_engine::set_atomic(on)))
}

/// The `stackless` module, with the methods of tasklets and channels.
pub(crate) fn module() -> crate::module::NativeModule {
    use crate::heap::TypeKind as T;
    crate::module::NativeModule::new("stackless")
        .function("getcurrent", s_getcurrent)
        .function("getmain", s_getmain)
        .function("getruncount", s_getruncount)
        .function("schedule", s_schedule)
        .function("schedule_remove", s_schedule_remove)
        .function("run", s_run)
        .function("switch_trap", s_switch_trap)
        .function("set_atomic", s_set_atomic)
        .function("set_schedule_callback", s_set_schedule_callback)
        .function("set_error_handler", s_set_error_handler)
        .function("set_channel_callback", s_set_channel_callback)
        .function("get_schedule_callback", s_get_schedule_callback)
        .function("get_channel_callback", s_get_channel_callback)
        .function("enable_softswitch", s_enable_softswitch)
        .function("getcurrentid", s_getcurrentid)
        .function("getthreads", s_getthreads)
        .function("get_thread_info", s_get_thread_info)
        .function("pickle_flags", s_pickle_flags)
        .function("pickle_flags_default", s_pickle_flags)
        .method(T::Tasklet, "set_ignore_nesting", t_set_ignore_nesting)
        .method(T::Tasklet, "bind_thread", t_bind_thread)
        .method(T::Channel, "__iter__", c_iter)
        .method(T::Channel, "__next__", c_next)
        .constant(
            "PICKLEFLAGS_PRESERVE_TRACING_STATE",
            crate::module::Constant::Int(1),
        )
        .constant(
            "PICKLEFLAGS_PRESERVE_AG_FINALIZER",
            crate::module::Constant::Int(2),
        )
        .constant(
            "PICKLEFLAGS_RESET_AG_FINALIZER",
            crate::module::Constant::Int(4),
        )
        .method(T::Tasklet, "bind", t_bind)
        .method(T::Tasklet, "setup", t_setup)
        .method(T::Tasklet, "__call__", t_setup)
        .method(T::Tasklet, "__init__", t_init)
        .method(T::Tasklet, "insert", t_insert)
        .method(T::Tasklet, "remove", t_remove)
        .method(T::Tasklet, "run", t_run)
        .method(T::Tasklet, "switch", t_switch)
        .method(T::Tasklet, "kill", t_kill)
        .method(T::Tasklet, "throw", t_throw)
        .method(T::Tasklet, "raise_exception", t_raise_exception)
        .method(T::Tasklet, "set_atomic", t_set_atomic)
        .method(T::Channel, "send", c_send)
        .method(T::Channel, "receive", c_receive)
        .method(T::Channel, "send_exception", c_send_exception)
        .method(T::Channel, "send_throw", c_send_throw)
        .method(T::Channel, "close", c_close)
        .method(T::Channel, "send_sequence", c_send_sequence)
        .method(T::Channel, "open", c_open)
        .method(T::Channel, "receive_case", super::select::c_receive_case)
        .method(T::Channel, "send_case", super::select::c_send_case)
        .function("select", super::select::s_select)
        .function("join", super::select::s_join)
        .function("set_select_seed", super::select::s_set_select_seed)
        .prelude(PRELUDE_FILE, PRELUDE)
        .on_import(module_attrs)
}

/// The attributes of the `stackless` module that change as it runs:
/// `current`, `main` and `runcount`.
pub(crate) fn live_module_attr(vm: &mut Vm, name: &str) -> Option<Value> {
    if !is_live_module_attr(name) {
        return None;
    }
    match name {
        "current" => Some(vm.tasklet_value(shoal_engine::current())),
        "main" => Some(vm.tasklet_value(shoal_engine::main_tasklet())),
        "runcount" => Some(Value::Int(shoal_engine::runcount() as i64)),
        _ => None,
    }
}

/// Whether `stackless.<name>` is computed when read (no cache may keep
/// it): `current`, `main`, `runcount`.
pub(crate) fn is_live_module_attr(name: &str) -> bool {
    matches!(name, "current" | "main" | "runcount")
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
}

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

/// A handle on the VM that outlives nothing (callbacks hold one).
type SharedVm = Weak<RefCell<Vm>>;

/// Records `args[0]` as the script callback `which` (None clears it);
/// returns the previous one and, for a callback, the VM handle the
/// engine-side closure calls it through.
fn swap_callback(
    vm: &mut Vm,
    name: &str,
    which: usize,
    args: &[Value],
) -> Result<(Value, Option<SharedVm>), Exc> {
    arity(vm, name, args, 1, 1)?;
    // Stackless refuses what it could never call.
    let what = match name {
        "set_schedule_callback" => Some("schedule"),
        "set_channel_callback" => Some("channel"),
        _ => None,
    };
    if let Some(what) = what
        && args[0] != Value::None
        && !crate::builtins::is_callable(vm, args[0])
    {
        return Err(vm.error("TypeError", format!("{what} callback must be callable")));
    }
    let old = std::mem::replace(&mut vm.callbacks[which], args[0]);
    let weak = (args[0] != Value::None).then(|| vm.shared.clone().unwrap_or_default());
    Ok((old, weak))
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

/// `get_schedule_callback()`.
pub(crate) fn s_get_schedule_callback(
    vm: &mut Vm,
    _: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "get_schedule_callback", &args, 0, 0)?;
    ok(vm.callbacks[SCHEDULE_CALLBACK])
}

/// `get_channel_callback()`.
pub(crate) fn s_get_channel_callback(
    vm: &mut Vm,
    _: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "get_channel_callback", &args, 0, 0)?;
    ok(vm.callbacks[CHANNEL_CALLBACK])
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
    let (old, weak) = swap_callback(vm, "set_channel_callback", CHANNEL_CALLBACK, &args)?;
    shoal_engine::set_channel_callback(weak.map(|weak| -> shoal_engine::ChannelCallback {
        Box::new(move |info, tasklet, sending, will_block| {
            let mut shown: Option<(ObjId, Value)> = None;
            let result = call_back(&weak, CHANNEL_CALLBACK, |vm| {
                let channel = vm.channel_object(info.id).map_or(Value::None, Value::Obj);
                // The sender's `tempval` is the value it sends, for the
                // callback's length.
                let sent = vm.sending_value.take();
                if sending
                    && let Some(v) = sent
                    && let Some(&id) = vm.tasklet_objs.get(&tasklet.id())
                    && let Obj::Tasklet(t) = vm.heap.get_mut(id)
                {
                    shown = Some((id, std::mem::replace(&mut t.tempval, v)));
                }
                vec![
                    channel,
                    vm.tasklet_value(tasklet),
                    // Stackless passes these as ints.
                    Value::Int(sending as i64),
                    Value::Int(will_block as i64),
                ]
            });
            if let Some((id, old)) = shown
                && let Some(rc) = weak.upgrade()
                && let Ok(mut vm) = rc.try_borrow_mut()
                && let Obj::Tasklet(t) = vm.heap.get_mut(id)
            {
                t.tempval = old;
            }
            report_callback_error(&weak, result);
        })
    }));
    ok(old)
}

/// `set_schedule_callback(cb)`: `cb(prev, next)` on every switch; returns
/// the previous callback.
pub(crate) fn s_set_schedule_callback(
    vm: &mut Vm,
    _: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    let (old, weak) = swap_callback(vm, "set_schedule_callback", SCHEDULE_CALLBACK, &args)?;
    shoal_engine::set_schedule_callback(weak.map(|weak| -> shoal_engine::ScheduleCallback {
        Box::new(move |prev, next| {
            let result = call_back(&weak, SCHEDULE_CALLBACK, |vm| {
                vec![vm.tasklet_value(prev), vm.tasklet_value(next)]
            });
            report_callback_error(&weak, result);
        })
    }));
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
    let (old, weak) = swap_callback(vm, "set_error_handler", ERROR_HANDLER, &args)?;
    shoal_engine::set_error_handler(weak.map(|weak| -> shoal_engine::ErrorHandler {
        Box::new(move |_tasklet, error| {
            let result = call_back(&weak, ERROR_HANDLER, |vm| {
                let e = vm.error_to_exc(error);
                let class = match e {
                    Value::Obj(id) => match vm.heap.get(id) {
                        Obj::Instance(inst) => Value::Obj(inst.class),
                        _ => Value::None,
                    },
                    _ => Value::None,
                };
                let tb = vm.get_attr_pub(e, "__traceback__").unwrap_or(Value::None);
                vec![class, e, tb]
            });
            match result {
                None | Some(Ok(_)) => Ok(()),
                Some(Err(raised)) => match weak.upgrade() {
                    Some(rc) => Err(rc.borrow_mut().exc_to_error(raised)),
                    None => Err(error.clone()),
                },
            }
        })
    }));
    ok(old)
}
