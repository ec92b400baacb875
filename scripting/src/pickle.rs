//! The `pickle` module: script values, and tasklets with their frames,
//! as bytes (RON inside) that another process can load.
//!
//! `dumps` walks the object graph from the value. Modules, and functions
//! and classes that their module names at top level (or as a class's
//! method), are written by name, as Python's pickle does: loading finds
//! them in the loading program's modules, so a program that defines the
//! same functions again can load what an earlier run saved. Everything
//! else is written whole: containers, instances (their class by name),
//! nested functions and generators (their code by file, qualified name
//! and bytecode hash), tasklets with their frames and the operation they
//! were suspended in, channels with the tasklets blocked on them (a
//! blocked tasklet brings its channel). `loads` allocates the objects in
//! the heap and renumbers every reference; a tasklet comes back alive and
//! paused (`insert()` resumes it where it stopped), or blocked again on
//! its loaded channel. Not picklable: the current tasklet (Stackless's
//! error), a tasklet inside a nested `stackless.run()`, a channel a native
//! tasklet waits on or holding a sent exception, files.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::builtins::{BResult, Kwargs, arity, ok, type_err};
use crate::code::Code;
use crate::heap::{Function, Generator, Obj, TypeKind, remap_ids};
use crate::stackless::{ChannelObj, Finish, TaskletObj};
use crate::validate::{Checker, Objects, Want};
use crate::value::{Key, ObjId, Value};
use crate::vm::{Exc, SavedFrame, Suspended, Vm};

/// The version of the pickle format.
const FORMAT: u32 = 1;

/// What `dumps` writes.
#[derive(serde::Serialize, serde::Deserialize)]
struct Pickled {
    /// [`FORMAT`].
    format: u32,
    /// The value pickled; its object indices name items.
    root: Value,
    /// The objects reachable from it, by their index when pickled.
    objects: Vec<(u32, Item)>,
}

/// A code object named as the loading VM can find it again.
#[derive(serde::Serialize, serde::Deserialize)]
struct CodeRef {
    file: String,
    qualname: String,
    hash: u64,
}

/// One pickled object.
#[derive(serde::Serialize, serde::Deserialize)]
enum Item {
    /// Saved whole.
    Whole(Obj),
    /// A module, by name.
    Module(String),
    /// A function or class its module names, by module and qualified name.
    Global { module: String, qualname: String },
    /// A function its module does not name (a closure, a lambda).
    Function { code: CodeRef, function: Function },
    /// A suspended generator.
    Generator {
        code: CodeRef,
        generator: Box<Generator>,
    },
    /// A tasklet; `frames` is empty for one that is not alive.
    Tasklet {
        func: Value,
        tempval: Value,
        frames: Vec<(CodeRef, SavedFrame)>,
        /// The value the operation it was suspended in returns.
        resumes_with: Option<Value>,
        /// The channel (pickled index) whose receive it was suspended in.
        receives_on: Option<u32>,
        /// The value that receive was handed and has not collected yet.
        delivered: Option<Value>,
        /// Where a `for` loop over that channel goes when it ends.
        for_exit: Option<u32>,
        alive: bool,
        /// Its `atomic` and `block_trap` flags (kept, as Stackless does).
        #[serde(default)]
        atomic: bool,
        #[serde(default)]
        block_trap: bool,
        /// Its priority level.
        #[serde(default)]
        priority: i32,
    },
    /// A channel, with the tasklets blocked on it (pickled indices),
    /// first served first, and a sender's value.
    Channel {
        preference: i8,
        schedule_all: bool,
        closing: bool,
        waiters: Vec<(u32, bool, Option<Value>)>,
    },
}

/// The `pickle` module.
pub(crate) fn module() -> crate::module::NativeModule {
    crate::module::NativeModule::new("pickle")
        .function("dumps", p_dumps)
        .function("loads", p_loads)
        .function("dump", p_dump)
        .function("load", p_load)
        .prelude(PRELUDE_FILE, PRELUDE)
}

/// The file name tracebacks give the module's script part.
const PRELUDE_FILE: &str = "<pickle>";

/// The module's exceptions, as CPython's `pickle` has them.
const PRELUDE: &str = r#"
class PickleError(Exception):
    pass


class PicklingError(PickleError):
    pass


class UnpicklingError(PickleError):
    pass
"#;

/// `pickle.UnpicklingError(message)`: what `loads` raises for what it
/// cannot read (ValueError if the module's classes are not there).
fn unpickling_error(vm: &mut Vm, message: impl Into<String>) -> Exc {
    let message: String = message.into();
    let class = vm.find_module("pickle").and_then(|m| match vm.heap.get(m) {
        Obj::Module(m) => match m.attrs.get("UnpicklingError") {
            Some(Value::Obj(c)) => Some(*c),
            _ => None,
        },
        _ => None,
    });
    match class {
        Some(c) => {
            let text = vm.str_value(&message);
            vm.instantiate_exception(c, vec![text])
        }
        None => vm.error("ValueError", message),
    }
}

fn code_ref(vm: &Vm, index: u32) -> CodeRef {
    let code: &Code = &vm.codes[index as usize];
    CodeRef {
        file: code.filename.to_string(),
        qualname: code.qualname.to_string(),
        hash: crate::snapshot::code_hash(code),
    }
}

/// The module and qualified name that find `id` again, if its module
/// names it (at top level, or as an attribute of a top-level class).
/// The module name pickles give the builtins namespace.
const BUILTINS: &str = "builtins";

/// The name under which the builtins namespace holds object `id`.
fn builtin_name_of(vm: &Vm, id: ObjId) -> Option<String> {
    vm.builtins
        .iter()
        .find(|(_, v)| **v == Value::Obj(id))
        .map(|(k, _)| k.to_string())
}

fn global_name(vm: &Vm, id: ObjId) -> Option<(String, String)> {
    let (module, qualname): (Option<ObjId>, String) = match vm.heap.get(id) {
        Obj::Function(f) => (
            Some(f.module),
            vm.codes[f.code as usize].qualname.to_string(),
        ),
        Obj::Class(c) => (None, c.name.to_string()),
        _ => return None,
    };
    let modules: Vec<ObjId> = match module {
        Some(m) => vec![m],
        None => vm.module_ids(),
    };
    for m in modules {
        let Obj::Module(module) = vm.heap.get(m) else {
            continue;
        };
        let mut at = Value::Obj(m);
        for part in qualname.split('.') {
            let attrs = match at {
                Value::Obj(o) => match vm.heap.get(o) {
                    Obj::Module(x) => &x.attrs,
                    Obj::Class(x) => &x.attrs,
                    _ => break,
                },
                _ => break,
            };
            at = match attrs.get(part) {
                Some(v) => *v,
                None => Value::None,
            };
        }
        if at == Value::Obj(id) {
            return Some((module.name.to_string(), qualname));
        }
    }
    None
}

/// Pickles `root`.
fn dumps(vm: &mut Vm, root: Value) -> Result<String, Exc> {
    let mut objects = Vec::new();
    let mut seen = FxHashSet::default();
    let mut todo: Vec<ObjId> = match root {
        Value::Obj(id) => vec![id],
        _ => Vec::new(),
    };
    let current = shoal_engine::has_scheduler().then(shoal_engine::current);
    while let Some(id) = todo.pop() {
        if !seen.insert(id) {
            continue;
        }
        let mut refs: Vec<Value> = Vec::new();
        let mut collect = |o: &mut ObjId| refs.push(Value::Obj(*o));
        let obj = vm.heap.get(id).clone();
        let builtin = match &obj {
            Obj::Class(_) | Obj::Type(_) | Obj::Builtin(_) => builtin_name_of(vm, id),
            _ => None,
        };
        let item = match &obj {
            // Built-in types, functions and exception classes are the
            // loading VM's own (`pickle.loads(pickle.dumps(list)) is list`).
            _ if let Some(name) = builtin => Item::Global {
                module: BUILTINS.into(),
                qualname: name,
            },
            Obj::Module(m) => Item::Module(m.name.to_string()),
            Obj::Function(f) => match global_name(vm, id) {
                Some((module, qualname)) => Item::Global { module, qualname },
                None => {
                    remap_ids(&mut obj.clone(), &mut collect);
                    Item::Function {
                        code: code_ref(vm, f.code),
                        function: (**f).clone(),
                    }
                }
            },
            Obj::Class(c) => match global_name(vm, id) {
                Some((module, qualname)) => Item::Global { module, qualname },
                None => {
                    let name = c.name.clone();
                    return Err(vm.error(
                        "TypeError",
                        format!("cannot pickle class '{name}': its module does not name it"),
                    ));
                }
            },
            Obj::Generator(g) => match &g.frame {
                Some(frame) => {
                    frame.clone().remap_ids(&mut collect);
                    Item::Generator {
                        code: code_ref(vm, frame.code),
                        generator: g.clone(),
                    }
                }
                None => Item::Whole(Obj::Generator(g.clone())),
            },
            Obj::Tasklet(t) => {
                let t: TaskletObj = (**t).clone();
                if t.handle.is_some() && t.handle == current {
                    return Err(vm.error("RuntimeError", shoal_engine::msg::REDUCE_CURRENT));
                }
                if t.handle.is_some_and(|h| h.alive()) && t.thread == 0 {
                    return Err(vm.error(
                        "RuntimeError",
                        "cannot pickle the main tasklet or a native one: only script tasklets have frames that are data",
                    ));
                }
                let alive = t.handle.is_some_and(|h| h.alive());
                let (frames, finish, for_exit) = if alive {
                    vm.thread_state(t.thread)
                } else {
                    (Vec::new(), None, None)
                };
                let mut delivered = None;
                let (resumes_with, receives_on) = match finish {
                    Some(Suspended::Returns(v)) => (Some(v), None),
                    Some(Suspended::ReturnsTempval) => (Some(t.tempval), None),
                    None => (None, None),
                    // The channel does not come along: if nothing else in
                    // the pickle holds it, the copy comes back paused (see
                    // below), as in Stackless.
                    Some(Suspended::Receives(chan)) => match vm.channel_object(chan) {
                        Some(ch) => {
                            // A value already handed over, not yet collected.
                            if let Some(h) = t.handle
                                && let Some(c) = crate::stackless::channel_of(vm, Value::Obj(ch))
                            {
                                c.for_each_delivered(|to, item| {
                                    if to == h
                                        && let Ok(carried) = item
                                    {
                                        delivered = Some(vm.carried_value(carried));
                                    }
                                });
                            }
                            if let Some(mut v) = delivered {
                                crate::heap::remap_value(&mut v, &mut collect);
                            }
                            (None, Some(ch.0))
                        }
                        None => {
                            return Err(vm.error(
                                "RuntimeError",
                                "cannot pickle: the tasklet waits on a channel no longer in the heap",
                            ));
                        }
                    },
                    Some(Suspended::Other) => {
                        return Err(vm.error(
                            "RuntimeError",
                            "Shoal cannot pickle a tasklet inside a nested stackless.run(), select() or join()",
                        ));
                    }
                };
                for mut v in [t.func, t.tempval].into_iter().chain(resumes_with) {
                    crate::heap::remap_value(&mut v, &mut collect);
                }
                let frames = frames
                    .into_iter()
                    .map(|f| {
                        f.clone().remap_ids(&mut collect);
                        (code_ref(vm, f.code), f)
                    })
                    .collect();
                Item::Tasklet {
                    func: t.func,
                    tempval: t.tempval,
                    frames,
                    resumes_with,
                    receives_on,
                    delivered,
                    for_exit,
                    alive,
                    atomic: t.handle.is_some_and(|h| h.atomic()),
                    block_trap: t.handle.is_some_and(|h| h.block_trap()),
                    priority: t.handle.map_or(0, |h| h.priority()),
                }
            }
            Obj::Channel(c) => {
                let mut waiters = Vec::new();
                let mut unpicklable = None;
                c.chan.for_each_waiter(|t, sending, item| {
                    let value = match item {
                        Some(Ok(carried)) => Some(vm.carried_value(carried)),
                        Some(Err(e)) => {
                            unpicklable = Some(e.to_string());
                            None
                        }
                        None => None,
                    };
                    match vm.tasklet_objs.get(&t.id()) {
                        Some(o) => waiters.push((o.0, sending, value)),
                        None => unpicklable = Some("a native tasklet waits on it".into()),
                    }
                });
                if let Some(why) = unpicklable {
                    return Err(
                        vm.error("RuntimeError", format!("cannot pickle the channel: {why}"))
                    );
                }
                for (t, _, v) in &waiters {
                    collect(&mut ObjId(*t));
                    if let Some(mut v) = *v {
                        crate::heap::remap_value(&mut v, &mut collect);
                    }
                }
                Item::Channel {
                    preference: c.chan.preference(),
                    schedule_all: c.chan.schedule_all(),
                    closing: c.chan.closing(),
                    waiters,
                }
            }
            Obj::File(_) => {
                return Err(vm.error("TypeError", "cannot pickle '_io.TextIOWrapper' object"));
            }
            other => {
                remap_ids(&mut other.clone(), &mut collect);
                // The representatives `Key::Custom` keys name.
                let mut keyed = |k: &Key| k.objects(&mut |o| refs.push(Value::Obj(o)));
                match other {
                    Obj::Dict(d) => d.keys().for_each(&mut keyed),
                    Obj::Set(s) => s.keys().for_each(&mut keyed),
                    _ => {}
                }
                Item::Whole(other.clone())
            }
        };
        todo.extend(refs.into_iter().filter_map(|v| match v {
            Value::Obj(o) if v != Value::NULL => Some(o),
            _ => None,
        }));
        objects.push((id.0, item));
    }
    // A tasklet blocked on a channel the pickle does not hold comes back
    // paused, its receive returning what it was handed, or `tempval`.
    for (_, item) in &mut objects {
        if let Item::Tasklet {
            tempval,
            resumes_with,
            receives_on,
            delivered,
            ..
        } = item
            && let Some(ch) = *receives_on
            && !seen.contains(&ObjId(ch))
        {
            *receives_on = None;
            *resumes_with = Some(delivered.take().unwrap_or(*tempval));
        }
    }
    let pickled = Pickled {
        format: FORMAT,
        root,
        objects,
    };
    ron::ser::to_string(&pickled)
        .map_err(|e| vm.error("RuntimeError", format!("pickling failed: {e}")))
}

/// The code `r` names in this VM.
fn find_code(vm: &mut Vm, r: &CodeRef) -> Result<u32, Exc> {
    if *r.file == *crate::vm::HELPERS_FILE {
        vm.ensure_helpers()?;
    }
    let found = vm
        .codes
        .iter()
        .enumerate()
        .find(|(_, c)| *c.qualname == *r.qualname && crate::snapshot::code_hash(c) == r.hash);
    match found {
        Some((i, _)) => Ok(i as u32),
        None => Err(vm.error(
            "RuntimeError",
            format!(
                "cannot unpickle: the code of {} ({}) is not loaded here or has changed",
                r.qualname, r.file
            ),
        )),
    }
}

/// The object a global reference names in this VM.
fn find_global(vm: &mut Vm, module: &str, qualname: &str) -> Result<ObjId, Exc> {
    if module == BUILTINS {
        return match vm.builtins.get(qualname) {
            Some(Value::Obj(o)) => Ok(*o),
            _ => Err(vm.error(
                "AttributeError",
                format!("Can't get attribute '{qualname}' on <module 'builtins'>"),
            )),
        };
    }
    if module == crate::vm::HELPERS_MODULE {
        vm.ensure_helpers()?;
    }
    let Some(m) = vm.module_by_name(module) else {
        return Err(vm.error(
            "AttributeError",
            format!("cannot unpickle {module}.{qualname}: module '{module}' is not loaded"),
        ));
    };
    let mut at = Value::Obj(m);
    for part in qualname.split('.') {
        at = match vm.get_attr_pub(at, part) {
            Ok(v) => v,
            Err(_) => {
                return Err(vm.error(
                    "AttributeError",
                    format!("Can't get attribute '{qualname}' on <module '{module}'>"),
                ));
            }
        };
        // A method comes back as the function in the class.
        if let Value::Obj(o) = at
            && let Obj::BoundMethod(_, f) = vm.heap.get(o)
        {
            at = *f;
        }
    }
    match at {
        Value::Obj(o) => Ok(o),
        _ => Err(vm.error(
            "AttributeError",
            format!("Can't get attribute '{qualname}' on <module '{module}'>"),
        )),
    }
}

/// Loads what [`dumps`] wrote.
fn loads(vm: &mut Vm, text: &str) -> Result<Value, Exc> {
    let pickled: Pickled = ron::from_str(text)
        .map_err(|e| unpickling_error(vm, format!("cannot unpickle: not a Shoal pickle ({e})")))?;
    if pickled.format != FORMAT {
        return Err(unpickling_error(
            vm,
            format!(
                "cannot unpickle: format {} (this Shoal reads {FORMAT})",
                pickled.format
            ),
        ));
    }
    // Every built-in it names must be one of this VM's.
    let missing = pickled.objects.iter().find_map(|(_, item)| match item {
        Item::Whole(obj) => vm.natives.missing_in(obj),
        _ => None,
    });
    if let Some(b) = missing {
        let message = crate::builtins::unknown_builtin(b);
        return Err(unpickling_error(
            vm,
            format!("cannot unpickle: not a Shoal pickle ({message})"),
        ));
    }
    // First every pickled index gets its object here: found by name, or
    // a placeholder filled below.
    let mut map: FxHashMap<u32, ObjId> = FxHashMap::default();
    for (old, item) in &pickled.objects {
        let new = match item {
            Item::Module(name) => match vm.module_by_name(name) {
                Some(m) => m,
                None => {
                    return Err(vm.error(
                        "ModuleNotFoundError",
                        format!("cannot unpickle: no module named '{name}' is loaded"),
                    ));
                }
            },
            Item::Global { module, qualname } => find_global(vm, module, qualname)?,
            _ => vm.heap.alloc(Obj::Tuple(Vec::new())),
        };
        map.insert(*old, new);
    }
    let mut missing = false;
    let mut renumber = |id: &mut ObjId| match map.get(&id.0) {
        Some(n) => *id = *n,
        None => missing = true,
    };
    let mut tasklets = Vec::new();
    let mut flags = Vec::new();
    let mut channels = Vec::new();
    // The loaded objects wait here, by their new index, until all of them
    // are checked: nothing damaged ever enters the heap.
    let mut pending: FxHashMap<u32, Obj> = FxHashMap::default();
    for (old, item) in pickled.objects {
        let new = map[&old];
        let obj = match item {
            Item::Module(_) | Item::Global { .. } => continue,
            // A generator without its frame (running in a saved
            // tasklet's frames, or ended) holds only flags and a name.
            Item::Whole(Obj::Generator(g)) if g.frame.is_none() => Obj::Generator(g),
            Item::Whole(
                obj @ (Obj::Function(_)
                | Obj::Generator(_)
                | Obj::Tasklet(_)
                | Obj::Channel(_)
                | Obj::Module(_)
                | Obj::File(_)),
            ) => {
                return Err(unpickling_error(
                    vm,
                    format!(
                        "cannot unpickle: {} is saved whole, without what names it",
                        TypeKind::of_obj(&obj).name()
                    ),
                ));
            }
            Item::Whole(mut obj) => {
                remap_ids(&mut obj, &mut renumber);
                remap_keys(&mut obj, &mut renumber);
                obj
            }
            Item::Function { code, mut function } => {
                function.code = find_code(vm, &code)?;
                let mut obj = Obj::Function(Box::new(function));
                remap_ids(&mut obj, &mut renumber);
                obj
            }
            Item::Generator {
                code,
                mut generator,
            } => {
                if let Some(frame) = &mut generator.frame {
                    frame.code = find_code(vm, &code)?;
                }
                let mut obj = Obj::Generator(generator);
                remap_ids(&mut obj, &mut renumber);
                obj
            }
            Item::Channel {
                preference,
                schedule_all,
                closing,
                waiters,
            } => {
                let chan = shoal_engine::Channel::new();
                chan.set_preference(preference as i64);
                chan.set_schedule_all(schedule_all);
                if closing {
                    chan.close();
                }
                let mut renumbered = Vec::new();
                for (t, sending, mut value) in waiters {
                    let mut t = ObjId(t);
                    renumber(&mut t);
                    if let Some(v) = &mut value {
                        crate::heap::remap_value(v, &mut renumber);
                    }
                    renumbered.push((t, sending, value));
                }
                channels.push((chan.clone(), renumbered));
                Obj::Channel(Box::new(ChannelObj { chan }))
            }
            Item::Tasklet {
                mut func,
                mut tempval,
                frames,
                mut resumes_with,
                receives_on,
                mut delivered,
                for_exit,
                alive,
                atomic,
                block_trap,
                priority,
            } => {
                flags.push((new, atomic, block_trap, priority));
                if let Some(v) = &mut delivered {
                    crate::heap::remap_value(v, &mut renumber);
                }
                crate::heap::remap_value(&mut func, &mut renumber);
                crate::heap::remap_value(&mut tempval, &mut renumber);
                if let Some(v) = &mut resumes_with {
                    crate::heap::remap_value(v, &mut renumber);
                }
                let mut loaded = Vec::new();
                for (code, mut frame) in frames {
                    frame.code = find_code(vm, &code)?;
                    frame.remap_ids(&mut renumber);
                    loaded.push(frame);
                }
                let receives_on = receives_on.map(|c| {
                    let mut c = ObjId(c);
                    renumber(&mut c);
                    c
                });
                tasklets.push((
                    new,
                    func,
                    loaded,
                    resumes_with,
                    receives_on,
                    delivered,
                    for_exit,
                    alive,
                ));
                Obj::Tasklet(Box::new(TaskletObj {
                    handle: None,
                    func,
                    thread: 0,
                    tempval,
                    owner: None,
                    instance: ObjId::NONE,
                    ignore_nesting: false,
                    priority: 0,
                }))
            }
        };
        pending.insert(new.0, obj);
    }
    let mut root = pickled.root;
    crate::heap::remap_value(&mut root, &mut renumber);
    if missing {
        return Err(unpickling_error(
            vm,
            "cannot unpickle: the pickle refers to an object it does not hold",
        ));
    }
    if let Err(e) = check(vm, &pending, root, &tasklets, &channels) {
        return Err(unpickling_error(vm, format!("cannot unpickle: {e}")));
    }
    let mut instances = Vec::new();
    let mut keyed = Vec::new();
    for (new, obj) in pending {
        if matches!(&obj, Obj::Instance(i) if !i.native.is_none()) {
            instances.push(ObjId(new));
        }
        let mut custom = false;
        {
            let mut seen = |k: &Key| crate::vm::custom_reps(k, &mut |_, _| custom = true);
            match &obj {
                Obj::Dict(d) => d.keys().for_each(&mut seen),
                Obj::Set(s) => s.keys().for_each(&mut seen),
                _ => {}
            }
        }
        if custom {
            keyed.push(ObjId(new));
        }
        *vm.heap.get_mut(ObjId(new)) = obj;
    }
    for id in instances {
        crate::classes::link_native(vm, id);
    }
    // Loaded keys of instances hashed by `__hash__` join this VM's
    // representatives (an equal one already here stands for them).
    for id in keyed {
        crate::builtins::adopt_custom_keys(vm, id)?;
    }
    // Tasklets come back alive and paused, their frames in a new thread;
    // then those that were blocked go back onto their channels' queues.
    for (id, func, frames, resumes_with, receives_on, delivered, for_exit, alive) in tasklets {
        if func != Value::None {
            vm.bind_tasklet(id, func)?;
        }
        if alive {
            let channel =
                receives_on.and_then(|ch| crate::stackless::channel_of(vm, Value::Obj(ch)));
            let finish = match &channel {
                Some(ch) => Some(Finish::Receive(ch.clone())),
                None => resumes_with.map(Finish::Op),
            };
            vm.restore_tasklet(id, frames, finish, for_exit)?;
            if let (Some(ch), Some(v)) = (channel, delivered)
                && let Obj::Tasklet(t) = vm.heap.get(id)
                && let Some(h) = t.handle
            {
                let carried = vm.carry(v);
                ch.restore_delivered(h, Ok(carried));
            }
        }
    }
    for (id, atomic, block_trap, priority) in flags {
        if let Obj::Tasklet(t) = vm.heap.get(id)
            && let Some(h) = t.handle
        {
            h.set_atomic(atomic);
            h.set_block_trap(block_trap);
            h.set_priority(priority);
        }
    }
    for (chan, waiters) in channels {
        for (t, sending, value) in waiters {
            let handle = match vm.heap.get(t) {
                Obj::Tasklet(o) => o.handle,
                _ => None,
            };
            let Some(handle) = handle else {
                return Err(unpickling_error(
                    vm,
                    "cannot unpickle: a channel waiter is not a tasklet",
                ));
            };
            let item = value.map(|v| Ok(vm.carry(v)));
            chan.restore_waiter(handle, sending, item)
                .map_err(|e| vm.error_to_exc(&e))?;
        }
    }
    Ok(root)
}

/// Renumbers the objects a dict's or set's keys hold by identity
/// (instances, functions, classes as keys), which `remap_ids` leaves: the
/// values hold the same objects, and the keys must name them again.
fn remap_keys(obj: &mut Obj, f: &mut dyn FnMut(&mut ObjId)) {
    fn key(k: &Key, f: &mut dyn FnMut(&mut ObjId)) -> Key {
        match k {
            Key::Id(id) => {
                let mut id = *id;
                f(&mut id);
                Key::Id(id)
            }
            Key::Custom(h, id) => {
                let mut id = *id;
                f(&mut id);
                Key::Custom(*h, id)
            }
            Key::Tuple(items) => Key::Tuple(items.iter().map(|k| key(k, f)).collect()),
            Key::Frozen(members) => {
                let keys: Vec<Key> = members.keys.iter().map(|k| key(k, f)).collect();
                let hash = crate::key_hash::frozenset_hash(
                    keys.iter()
                        .map(crate::key_hash::key_hash)
                        .collect::<Vec<_>>()
                        .into_iter(),
                );
                Key::Frozen(std::rc::Rc::new(crate::value::FrozenKey { hash, keys }))
            }
            other => other.clone(),
        }
    }
    fn has_ids(k: &Key) -> bool {
        match k {
            Key::Id(_) | Key::Custom(..) => true,
            Key::Tuple(items) => items.iter().any(has_ids),
            Key::Frozen(members) => members.keys.iter().any(has_ids),
            _ => false,
        }
    }
    match obj {
        Obj::Dict(d) if d.keys().any(has_ids) => {
            *d = std::mem::take(d)
                .into_iter()
                .map(|(k, v)| (key(&k, f), v))
                .collect();
        }
        // Identity hashes change with the numbers: the table is rebuilt.
        Obj::Set(s) if s.keys().any(has_ids) => s.rekey(&mut |k| key(k, f)),
        _ => {}
    }
}

/// The heap with the objects a pickle is loading laid over it.
struct Overlay<'a> {
    heap: &'a crate::heap::Heap,
    pending: &'a FxHashMap<u32, Obj>,
}

impl Objects for Overlay<'_> {
    fn slot(&self, id: ObjId) -> Option<Option<&Obj>> {
        match self.pending.get(&id.0) {
            Some(obj) => Some(Some(obj)),
            None => self.heap.slot(id),
        }
    }

    fn slot_count(&self) -> usize {
        self.heap.slot_count()
    }
}

/// A loaded tasklet before it is bound: its object, function, frames, the
/// value its operation returns, the channel it receives on, the value
/// delivered to it, its `for` loop's exit, whether it is alive.
type LoadedTasklet = (
    ObjId,
    Value,
    Vec<SavedFrame>,
    Option<Value>,
    Option<ObjId>,
    Option<Value>,
    Option<u32>,
    bool,
);

/// Checks what a pickle loads before it enters the heap: every object,
/// the root, every live tasklet's frames and operation, every channel's
/// waiters.
fn check(
    vm: &Vm,
    pending: &FxHashMap<u32, Obj>,
    root: Value,
    tasklets: &[LoadedTasklet],
    channels: &[(
        shoal_engine::Channel<crate::stackless::Carried>,
        Vec<Waiter>,
    )],
) -> Result<(), String> {
    let overlay = Overlay {
        heap: &vm.heap,
        pending,
    };
    let consts = vm.parts().consts;
    let checker = Checker::new(&overlay, &vm.codes, consts, vm.recursion_limit);
    let mut ids: Vec<u32> = pending.keys().copied().collect();
    ids.sort_unstable();
    for id in &ids {
        checker.check_object(ObjId(*id), &pending[id])?;
    }
    checker.no_cycles(ids.iter().map(|i| ObjId(*i)))?;
    checker
        .value(root)
        .map_err(|e| format!("the pickled value: {e}"))?;
    for (id, _, frames, resumes_with, receives_on, delivered, for_exit, alive) in tasklets {
        let at = |e: String| format!("tasklet {}: {e}", id.0);
        if let Some(ch) = receives_on {
            checker.id(*ch, Want::Channel).map_err(at)?;
        }
        for v in resumes_with.iter().chain(delivered) {
            checker.finish_value(*v).map_err(at)?;
        }
        if *alive {
            if for_exit.is_some() && receives_on.is_none() {
                return Err(at(
                    "its `for` loop over a channel is not in a receive".into()
                ));
            }
            let waiting = receives_on.is_some() || resumes_with.is_some();
            checker.thread(frames, waiting, *for_exit).map_err(at)?;
        }
    }
    for (_, waiters) in channels {
        for (t, _, value) in waiters {
            checker
                .id(*t, Want::Tasklet)
                .map_err(|e| format!("a channel's waiter: {e}"))?;
            if let Some(v) = value {
                checker
                    .value(*v)
                    .map_err(|e| format!("a channel waiter's value: {e}"))?;
            }
        }
    }
    Ok(())
}

/// A tasklet blocked on a loaded channel: its object, whether it sends,
/// the value it sends.
type Waiter = (ObjId, bool, Option<Value>);

/// `pickle.dumps(obj)`.
pub(crate) fn p_dumps(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "dumps", &args, 1, 2)?;
    let text = dumps(vm, args[0])?;
    ok(crate::files::new_bytes(vm, text.into_bytes()))
}

/// `pickle.loads(data)`.
pub(crate) fn p_loads(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "loads", &args, 1, 1)?;
    let Some(data) = crate::files::bytes_content(vm, args[0]) else {
        let t = crate::builtins::type_name(vm, args[0]);
        return Err(type_err(
            vm,
            format!("a bytes-like object is required, not '{t}'"),
        ));
    };
    let text = String::from_utf8_lossy(&data).into_owned();
    ok(loads(vm, &text)?)
}

/// `pickle.dump(obj, file)`.
pub(crate) fn p_dump(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "dump", &args, 2, 3)?;
    let text = dumps(vm, args[0])?;
    let data = crate::files::new_bytes(vm, text.into_bytes());
    let write = vm.get_attr_pub(args[1], "write")?;
    vm.call_sync(write, vec![data])?;
    ok(Value::None)
}

/// `pickle.load(file)`.
pub(crate) fn p_load(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "load", &args, 1, 1)?;
    let read = vm.get_attr_pub(args[0], "read")?;
    let data = vm.call_sync(read, Vec::new())?;
    p_loads(vm, None, vec![data], Vec::new())
}

impl Vm {
    /// `pickle.dumps(v)` for the host, as text: `v` and everything it
    /// reaches, tasklets with their frames (how a world hands an entity's
    /// behaviour to another process). The error is the exception's text.
    pub fn pickle_value(&mut self, v: Value) -> Result<String, String> {
        dumps(self, v).map_err(|e| self.format_exception(e).trim_end().to_string())
    }

    /// `pickle.loads(text)` for the host: the loaded value (its tasklets
    /// alive and paused, or blocked again on loaded channels).
    pub fn unpickle_value(&mut self, text: &str) -> Result<Value, String> {
        loads(self, text).map_err(|e| self.format_exception(e).trim_end().to_string())
    }

    /// Tags the script tasklet `obj` (loaded by [`Vm::unpickle_value`])
    /// with `owner`, as [`Vm::start_owned_tasklet`] does for a new one.
    /// False if `obj` is no tasklet.
    pub fn adopt_tasklet(&mut self, obj: ObjId, owner: u64) -> bool {
        let thread = match self.heap.get_mut(obj) {
            Obj::Tasklet(t) => {
                t.owner = Some(owner);
                t.thread
            }
            _ => return false,
        };
        if thread != 0 {
            self.set_thread_owner(thread, Some(owner));
        }
        true
    }
}
