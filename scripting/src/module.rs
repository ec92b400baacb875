//! Native modules: how Rust code gives scripts a module.
//!
//! A [`NativeModule`] has a name, functions (Rust functions with the
//! built-in signature, [`NativeFn`]), constants, and optionally a script
//! part (a prelude, run in the module's namespace when a script imports
//! it) and hooks. The standard modules (`math`, `random`, `sys`, `time`,
//! `stackless`, `pickle`) are registered this way when a VM is made; a
//! host registers its own with [`Vm::register_module`] before scripts
//! import them, and before loading a snapshot or pickle that uses them:
//!
//! ```
//! use shoal_scripting::module::{Constant, Kwargs, NativeModule, NativeResult, arity, ok};
//! use shoal_scripting::value::Value;
//! use shoal_scripting::{Status, Vm};
//!
//! fn double(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
//!     arity(vm, "double", &args, 1, 1)?;
//!     match args[0] {
//!         Value::Int(i) => ok(Value::Int(i * 2)),
//!         _ => Err(vm.error("TypeError", "double() takes an int")),
//!     }
//! }
//!
//! let mut vm = Vm::new(Box::new(std::io::sink()), Box::new(std::io::sink()));
//! vm.register_module(
//!     NativeModule::new("twice")
//!         .function("double", double)
//!         .constant("TWO", Constant::Int(2)),
//! );
//! vm.load_main("main.py", "import twice\nassert twice.double(21) == 42 * twice.TWO // 2\n")
//!     .unwrap();
//! assert_eq!(vm.run_to_end(), Status::Finished);
//! ```
//!
//! **Identity.** A native function as a script value (`math.sqrt`) is a
//! [`Builtin`]: an index into the VM's table of natives, so a call is an
//! index away. Snapshots and pickles name it by its qualified name
//! (`math.sqrt`; `str.join` for a method, `print` for a built-in
//! function), found again in the loading VM's table: the loading program
//! must have registered the same modules.
//!
//! **State.** A module keeps per-VM state in a slot of the VM keyed by
//! its type ([`Vm::set_module_state`], [`Vm::module_state`]); the state
//! names the script values it holds ([`ModuleState::roots`]) so the
//! collector keeps them. Module state is not saved in snapshots: a host
//! sets it again after loading.
//!
//! **Owned tasklets.** A host can start script tasklets tagged with an
//! owner (a `u64` of its choosing: an entity, a connection) with
//! [`Vm::start_owned_tasklet`]; natives read the running tasklet's tag
//! with [`Vm::current_owner`], the tag is saved with the tasklet, and a
//! module's [`NativeModule::on_tasklet_end`] hook hears when an owned
//! tasklet ends.

use std::any::{Any, TypeId};
use std::cell::RefCell;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use crate::builtins::Owner;
use crate::heap::{Attrs, Builtin, Obj, TypeKind};
use crate::value::{ObjId, Value};
use crate::vm::{Exc, Vm};

pub use crate::builtins::{
    arity, kwarg, new_list, new_str, new_tuple, none, ok, str_content, str_of, truthy, type_err,
    type_name,
};

/// What a native function returns.
pub enum Native {
    /// Its result.
    Value(Value),
    /// A scheduler operation for the thread's driver (`stackless`).
    Host(crate::stackless::HostOp),
    /// A tail call: the built-in's result is what `callee(args)` returns
    /// (a `<shoal>` helper or a dunder, run as a frame).
    Call(Value, Vec<Value>),
    /// A call whose result goes to a continuation.
    CallThen(Value, Vec<Value>, crate::vm::Cont),
    /// `next(it[, default])` of a generator or an instance: its frame
    /// runs and produces the result.
    Next(Value, Option<Value>),
    /// `generator.send(value)`: its frame resumes with the value.
    Send(Value, Value),
    /// `generator.throw(exc)`: its frame resumes raising `exc`.
    Throw(Value, Value),
    /// `generator.close()`: its frame resumes raising GeneratorExit.
    Close(Value),
}

/// The keyword arguments of a call, in the order given.
pub type Kwargs = Vec<(Rc<str>, Value)>;

/// What a native function returns: its result, or an exception.
pub type NativeResult = Result<Native, Exc>;

/// A native function: the VM, the receiver (for a method), the
/// positional arguments and the keyword arguments.
pub type NativeFn = fn(&mut Vm, Option<Value>, Vec<Value>, Kwargs) -> NativeResult;

/// A constant a module holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Constant {
    /// `None`.
    None,
    /// A bool.
    Bool(bool),
    /// An int.
    Int(i64),
    /// A float.
    Float(f64),
    /// A str.
    Str(&'static str),
}

/// One frame of a suspended script tasklet, for debuggers and viewers
/// ([`Vm::tasklet_frames`]).
#[derive(Debug, Clone, PartialEq)]
pub struct FrameInfo {
    /// The script file.
    pub file: String,
    /// The line it is at.
    pub line: u32,
    /// The function's name (`<module>` for a module's body).
    pub function: String,
    /// Its bound locals, by name, as [`Vm::brief_repr`] prints them.
    pub locals: Vec<(String, String)>,
}

/// What a module's [`NativeModule::on_tasklet_end`] hook hears.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaskletEnd {
    /// The tasklet's owner tag.
    pub owner: u64,
    /// Its tasklet object.
    pub tasklet: Option<ObjId>,
    /// The exception it raised, if it did.
    pub exception: Option<Exc>,
}

/// A module written in Rust (with an optional script part), ready to be
/// registered with [`Vm::register_module`].
#[derive(Clone)]
pub struct NativeModule {
    pub(crate) name: &'static str,
    /// Whether scripts can import it (the crate's own parts, such as the
    /// built-in functions, are not modules).
    pub(crate) importable: bool,
    pub(crate) functions: Vec<(&'static str, NativeFn)>,
    pub(crate) constants: Vec<(&'static str, Constant)>,
    /// The script part: (file name for tracebacks, source).
    pub(crate) prelude: Option<(&'static str, &'static str)>,
    pub(crate) on_import: Option<fn(&mut Vm, &mut Attrs)>,
    pub(crate) on_tasklet_end: Option<fn(&mut Vm, &TaskletEnd) -> bool>,
    /// Functions of the builtins namespace (the crate's own parts).
    pub(crate) globals: Vec<(&'static str, NativeFn)>,
    /// Methods of built-in types and other natives reached by the VM.
    pub(crate) methods: Vec<(Owner, &'static str, NativeFn)>,
}

impl NativeModule {
    /// An empty module called `name` (what `import name` finds).
    pub fn new(name: &'static str) -> NativeModule {
        NativeModule {
            name,
            importable: true,
            functions: Vec::new(),
            constants: Vec::new(),
            prelude: None,
            on_import: None,
            on_tasklet_end: None,
            globals: Vec::new(),
            methods: Vec::new(),
        }
    }

    /// A part of the crate's built-ins that scripts do not import (the
    /// built-in functions, the file objects...).
    pub(crate) fn part(name: &'static str) -> NativeModule {
        NativeModule {
            importable: false,
            ..NativeModule::new(name)
        }
    }

    /// Adds the function `name` (`module.name` in scripts).
    pub fn function(mut self, name: &'static str, f: NativeFn) -> NativeModule {
        self.functions.push((name, f));
        self
    }

    /// Adds the constant `name`.
    pub fn constant(mut self, name: &'static str, value: Constant) -> NativeModule {
        self.constants.push((name, value));
        self
    }

    /// Gives the module a script part: `source` runs in the module's
    /// namespace (after its functions and constants are set) when a
    /// script imports it; tracebacks name it `file` (`<world>`, say).
    /// Snapshots name the file and find the source here again.
    pub fn prelude(mut self, file: &'static str, source: &'static str) -> NativeModule {
        self.prelude = Some((file, source));
        self
    }

    /// Runs `f` when a script imports the module, after its functions
    /// and constants are set: for attributes that need the VM (objects
    /// on the heap, values read from the VM).
    pub fn on_import(mut self, f: fn(&mut Vm, &mut Attrs)) -> NativeModule {
        self.on_import = Some(f);
        self
    }

    /// Calls `f` when a script tasklet with an owner tag ends (see
    /// [`Vm::start_owned_tasklet`]), whether or not the module was
    /// imported. If `f` returns true for a tasklet that raised, the
    /// module has dealt with the exception and it goes no further (the
    /// scheduler does not see the tasklet fail).
    pub fn on_tasklet_end(mut self, f: fn(&mut Vm, &TaskletEnd) -> bool) -> NativeModule {
        self.on_tasklet_end = Some(f);
        self
    }

    /// Adds a function of the builtins namespace.
    pub(crate) fn global(mut self, name: &'static str, f: NativeFn) -> NativeModule {
        self.globals.push((name, f));
        self
    }

    /// Adds the method `name` of the built-in type `kind`.
    pub(crate) fn method(self, kind: TypeKind, name: &'static str, f: NativeFn) -> NativeModule {
        self.native(Owner::Method(kind), name, f)
    }

    /// Adds a native owned by `owner` (a method, or one the VM reaches).
    pub(crate) fn native(mut self, owner: Owner, name: &'static str, f: NativeFn) -> NativeModule {
        self.methods.push((owner, name, f));
        self
    }
}

/// Per-VM state of a native module (see [`Vm::set_module_state`]).
pub trait ModuleState: Any {
    /// Adds the script values the state holds to `roots`, so that the
    /// collector keeps them alive.
    fn roots(&self, roots: &mut Vec<Value>) {
        let _ = roots;
    }
}

// ---- native names -----------------------------------------------------------------

/// The qualified names of natives seen on this thread (`print`,
/// `str.join`, `math.sqrt`), numbered in order of appearance: a
/// [`Builtin`] is such a number, so that it is serialized by name without
/// the VM at hand, and every VM of the thread numbers a name alike.
#[derive(Default)]
struct NativeNames {
    names: Vec<Rc<str>>,
    ids: FxHashMap<Rc<str>, u16>,
}

thread_local! {
    static NATIVE_NAMES: RefCell<NativeNames> = RefCell::new(NativeNames::default());
}

/// The number of the native called `key`, numbering it if it is new;
/// `None` once the numbers run out.
pub(crate) fn intern(key: &str) -> Option<Builtin> {
    NATIVE_NAMES.with_borrow_mut(|n| {
        if let Some(id) = n.ids.get(key) {
            return Some(Builtin(*id));
        }
        let id = u16::try_from(n.names.len()).ok()?;
        let key: Rc<str> = Rc::from(key);
        n.names.push(key.clone());
        n.ids.insert(key, id);
        Some(Builtin(id))
    })
}

/// The qualified name of native `b`.
pub(crate) fn native_key(b: Builtin) -> Option<Rc<str>> {
    NATIVE_NAMES.with_borrow(|n| n.names.get(b.0 as usize).cloned())
}

// ---- the VM's side ------------------------------------------------------------------

impl Vm {
    /// Registers a native module: `import name` finds it from now on. A
    /// module registered under a name already taken replaces the earlier
    /// one.
    pub fn register_module(&mut self, module: NativeModule) {
        Rc::make_mut(&mut self.natives).add(module);
    }

    /// Whether scripts can import the native module `name`.
    pub fn has_native_module(&self, name: &str) -> bool {
        self.natives.module(name).is_some()
    }

    /// Keeps `state` as the VM's state of type `T` (replacing any).
    pub fn set_module_state<T: ModuleState>(&mut self, state: T) {
        let id = TypeId::of::<T>();
        match self.module_states.iter_mut().find(|(t, _)| *t == id) {
            Some(slot) => slot.1 = Box::new(state),
            None => self.module_states.push((id, Box::new(state))),
        }
    }

    /// The VM's state of type `T`.
    pub fn module_state<T: ModuleState>(&self) -> Option<&T> {
        let id = TypeId::of::<T>();
        let (_, state) = self.module_states.iter().find(|(t, _)| *t == id)?;
        (&**state as &dyn Any).downcast_ref()
    }

    /// The VM's state of type `T`, mutably.
    pub fn module_state_mut<T: ModuleState>(&mut self) -> Option<&mut T> {
        let id = TypeId::of::<T>();
        let (_, state) = self.module_states.iter_mut().find(|(t, _)| *t == id)?;
        (&mut **state as &mut dyn Any).downcast_mut()
    }

    /// Takes the VM's state of type `T` away.
    pub fn take_module_state<T: ModuleState>(&mut self) -> Option<T> {
        let id = TypeId::of::<T>();
        let at = self.module_states.iter().position(|(t, _)| *t == id)?;
        let (_, state) = self.module_states.remove(at);
        (state as Box<dyn Any>).downcast().ok().map(|b| *b)
    }

    /// The script values module states hold (roots for the collector).
    pub(crate) fn module_state_roots(&self, roots: &mut Vec<Value>) {
        for (_, state) in &self.module_states {
            state.roots(roots);
        }
    }

    /// The value `name` of the loaded module `module` (built-in or
    /// script).
    pub fn module_attr(&self, module: &str, name: &str) -> Option<Value> {
        let m = self.find_module(module)?;
        match self.heap.get(m) {
            Obj::Module(md) => md.attrs.get(name).copied(),
            _ => None,
        }
    }

    // ---- tasklets with an owner ---------------------------------------------------

    /// Starts `func(*args)` as a script tasklet tagged with `owner`
    /// (appended to the run queue); returns its tasklet object. Natives
    /// it calls see the tag ([`Vm::current_owner`]); when it ends, the
    /// modules' [`NativeModule::on_tasklet_end`] hooks hear of it.
    pub fn start_owned_tasklet(
        &mut self,
        func: Value,
        args: Vec<Value>,
        owner: u64,
    ) -> Result<ObjId, Exc> {
        self.start_tasklet(func, args, Some(owner))
    }

    /// Starts `func(*args)` as a script tasklet (appended to the run
    /// queue), tagged with `owner` if given (see
    /// [`Vm::start_owned_tasklet`]); returns its tasklet object.
    pub fn start_tasklet(
        &mut self,
        func: Value,
        args: Vec<Value>,
        owner: Option<u64>,
    ) -> Result<ObjId, Exc> {
        let id = self
            .heap
            .alloc(Obj::Tasklet(Box::new(crate::stackless::TaskletObj {
                handle: None,
                func: Value::None,
                thread: 0,
                tempval: Value::None,
                owner,
                instance: crate::value::ObjId::NONE,
                ignore_nesting: false,
                priority: 0,
            })));
        self.bind_tasklet(id, func)?;
        let (thread, handle) = match self.heap.get(id) {
            Obj::Tasklet(t) => (t.thread, t.handle),
            _ => (0, None),
        };
        let Some(handle) = handle else {
            return Err(self.error("RuntimeError", "the tasklet could not be bound"));
        };
        self.start_thread(thread, func, args, Vec::new())?;
        self.set_thread_tasklet(thread, handle.id());
        self.set_thread_owner(thread, owner);
        handle.setup().map_err(|e| self.error_to_exc(&e))?;
        Ok(id)
    }

    /// The owner tag of the engine tasklet `t`'s script tasklet.
    pub fn owner_of(&self, t: shoal_engine::Tasklet) -> Option<u64> {
        let id = self.tasklet_objs.get(&t.id())?;
        match self.heap.get(*id) {
            Obj::Tasklet(o) => o.owner,
            _ => None,
        }
    }

    /// Every live script tasklet with an owner tag: (owner, tasklet
    /// object), in no particular order.
    pub fn owned_tasklets(&self) -> Vec<(u64, ObjId)> {
        self.tasklet_objs
            .values()
            .filter_map(|id| match self.heap.get(*id) {
                Obj::Tasklet(t) if t.handle.is_some_and(|h| h.alive()) => t.owner.map(|o| (o, *id)),
                _ => None,
            })
            .collect()
    }

    /// Compiles `code` (an expression, or statements) as a snippet and
    /// starts it as a script tasklet (it runs with the other tasklets,
    /// under the same budget and sandbox). When it ends, its module's
    /// `__result__` holds `ok: REPR` of the expression's value (`None`
    /// for statements, unless they `return` one) or `error: Type:
    /// message`. Returns the module's name and the tasklet object. The
    /// snippet's text is kept, and saved in snapshots, so that a VM saved
    /// after it loads again. The modules in `imports` are imported for it.
    /// Call it between slices (no frames running).
    pub fn start_snippet(
        &mut self,
        code: &str,
        imports: &[&str],
    ) -> Result<(String, ObjId), String> {
        if !self.frames.is_empty() {
            return Err("the VM is running script code".into());
        }
        let n = self.codes.len();
        let name = format!("__eval_{n}__");
        let file = format!("{}{n}>", crate::vm::SNIPPET_PREFIX);
        let expr = format!("def __shoal_eval__():\n    return (\n{code}\n    )\n");
        let body = if crate::parser::parse_module(&expr).is_ok() {
            expr
        } else {
            let lines: String = code.lines().map(|l| format!("    {l}\n")).collect();
            format!("def __shoal_eval__():\n{lines}    return None\n")
        };
        let imports: String = imports.iter().map(|m| format!("import {m}\n")).collect();
        let source = format!(
            "{imports}{body}\n__result__ = None\n\n\ndef __shoal_run__():\n    global __result__\n    try:\n        __result__ = 'ok: ' + repr(__shoal_eval__())\n    except BaseException as e:\n        __result__ = 'error: ' + type(e).__name__ + ': ' + str(e)\n"
        );
        self.push_script_module(&name, &file, &source)
            .map_err(|e| {
                let line = (e.line as usize).saturating_sub(1 + imports.lines().count());
                format!("SyntaxError: {} (line {line})", e.message)
            })?;
        // The module's body only defines the two functions.
        let mut budget = 1_000_000;
        match self.run(&mut budget) {
            crate::Status::Finished => {}
            crate::Status::Raised(e) => {
                let text = self.format_exception(e);
                return Err(text.trim_end().to_string());
            }
            _ => {
                self.frames.clear();
                return Err("the snippet's module did not load".into());
            }
        }
        let Some(run) = self.module_attr(&name, "__shoal_run__") else {
            return Err("the snippet's module did not load".into());
        };
        let tasklet = self
            .start_tasklet(run, Vec::new(), None)
            .map_err(|e| self.format_exception(e).trim_end().to_string())?;
        Ok((name, tasklet))
    }

    /// The result of the snippet whose module is `name` (see
    /// [`Vm::start_snippet`]), once it has ended.
    pub fn snippet_result(&self, name: &str) -> Option<String> {
        match self.module_attr(name, "__result__")? {
            Value::Obj(id) => match self.heap.get(id) {
                Obj::Str(s) => Some(s.to_string()),
                _ => None,
            },
            _ => None,
        }
    }

    /// The frames of the script tasklet run by the engine tasklet with id
    /// `engine_id` (while it is switched out), outermost first, each with
    /// its file, line, function and locals; `None` if no script tasklet
    /// has that id. Values print as `repr` for numbers, strings and
    /// `None`, and as `<type>` otherwise (no script code runs).
    pub fn tasklet_traceback(&self, engine_id: u64) -> Option<String> {
        let mut out = String::new();
        for f in self.tasklet_frames(engine_id)? {
            out.push_str(&format!(
                "  File \"{}\", line {}, in {}\n",
                f.file, f.line, f.function
            ));
            for (name, value) in &f.locals {
                out.push_str(&format!("    {name} = {value}\n"));
            }
        }
        Some(out)
    }

    /// The frames of the script tasklet run by the engine tasklet with id
    /// `engine_id` (while it is switched out), outermost first; `None` if
    /// no script tasklet has that id. See [`Vm::tasklet_traceback`].
    pub fn tasklet_frames(&self, engine_id: u64) -> Option<Vec<FrameInfo>> {
        let id = self.tasklet_objs.get(&engine_id)?;
        let Obj::Tasklet(t) = self.heap.get(*id) else {
            return None;
        };
        let (frames, _, _) = self.thread_parts(t.thread)?;
        let mut out = Vec::with_capacity(frames.len());
        for f in &frames {
            let Some(code) = self.codes.get(f.code as usize) else {
                continue;
            };
            if &*code.filename == crate::vm::HELPERS_FILE {
                continue;
            }
            let line = code.lines.get(f.ip.saturating_sub(1)).copied().unwrap_or(0);
            let locals = code
                .varnames
                .iter()
                .zip(&f.locals)
                .filter_map(|(name, v)| v.map(|v| (name.to_string(), self.brief_repr(v))))
                .collect();
            out.push(FrameInfo {
                file: code.filename.to_string(),
                line,
                function: code.name.to_string(),
                locals,
            });
        }
        Some(out)
    }

    /// The text of the script file `file` as it was loaded (behaviour
    /// scripts, imported modules), if the VM has it.
    pub fn source_text(&self, file: &str) -> Option<Rc<str>> {
        self.sources
            .iter()
            .find(|(f, _)| &**f == file)
            .map(|(_, s)| s.clone())
    }

    /// A short description of `v` that runs no script code: `repr` for
    /// numbers, strings (cut at 60 characters), `None` and booleans,
    /// tuples and lists of those (cut at 8 items), `<type>` otherwise.
    pub fn brief_repr(&self, v: Value) -> String {
        match v {
            Value::None => "None".into(),
            Value::Bool(b) => if b { "True" } else { "False" }.into(),
            Value::Int(i) => i.to_string(),
            Value::Float(x) => crate::value::float_repr(x),
            Value::Obj(_) if v == Value::NULL => "<unbound>".into(),
            Value::Obj(id) => match self.heap.get(id) {
                Obj::Str(s) => {
                    let mut t: String = s.chars().take(60).collect();
                    if s.chars().count() > 60 {
                        t.push_str("...");
                    }
                    format!("{t:?}")
                }
                Obj::Tuple(items) | Obj::List(items) => {
                    let tuple = matches!(self.heap.get(id), Obj::Tuple(_));
                    let mut parts: Vec<String> = items
                        .iter()
                        .take(8)
                        .map(|item| match item {
                            Value::Obj(i)
                                if matches!(self.heap.get(*i), Obj::Tuple(_) | Obj::List(_)) =>
                            {
                                format!("<{}>", crate::builtins::type_name(self, *item))
                            }
                            _ => self.brief_repr(*item),
                        })
                        .collect();
                    if items.len() > 8 {
                        parts.push("...".into());
                    }
                    match (tuple, items.len()) {
                        (true, 1) => format!("({},)", parts[0]),
                        (true, _) => format!("({})", parts.join(", ")),
                        (false, _) => format!("[{}]", parts.join(", ")),
                    }
                }
                _ => format!("<{}>", crate::builtins::type_name(self, v)),
            },
        }
    }

    /// The engine tasklet of the tasklet object `id`, once bound.
    pub fn tasklet_handle(&self, id: ObjId) -> Option<shoal_engine::Tasklet> {
        match self.heap.get(id) {
            Obj::Tasklet(t) => t.handle,
            _ => None,
        }
    }

    /// The tasklet running `thread` (tagged `owner`) ended, raising `exc`
    /// or not: the modules' hooks hear of it. True if one of them dealt
    /// with it.
    pub(crate) fn owned_tasklet_ended(
        &mut self,
        owner: u64,
        thread: u32,
        exc: Option<Exc>,
    ) -> bool {
        let tasklet = self
            .thread_tasklet(thread)
            .and_then(|t| self.tasklet_objs.get(&t).copied());
        let end = TaskletEnd {
            owner,
            tasklet,
            exception: exc,
        };
        let hooks: Vec<_> = self.natives.tasklet_end_hooks().collect();
        let mut dealt = false;
        for hook in hooks {
            dealt |= hook(self, &end);
        }
        dealt
    }
}
