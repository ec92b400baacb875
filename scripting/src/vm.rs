//! The virtual machine: runs bytecode in slices of a given number of
//! instructions.
//!
//! Everything a running script holds is data: frames (code index,
//! instruction pointer, value stack, locals, exception blocks) live in a
//! `Vec<Frame>`, objects on the [`Heap`]. Calling a script function pushes
//! a frame; returning pops it; the Rust stack never grows with the
//! script's. A slice stops after `budget` instructions and the next
//! [`Vm::run`] resumes exactly there.

use std::io::Write;
use std::rc::Rc;

use crate::builtins::{self, Native};
use crate::code::{Code, Const, Instr, MakeFunctionFlags};
use crate::compiler::compile_module;
use crate::error::SyntaxError;
use crate::heap::{Attrs, Class, Function, Heap, Instance, Iter, Module, Obj, TypeKind};
use crate::parser::parse_module;
use crate::value::{Key, ObjId, Value};

mod fast;
mod helpers;
mod protocol;

pub(crate) use helpers::{HELPERS, HELPERS_FILE, HELPERS_MODULE};
pub(crate) use protocol::script_iterable;
pub use protocol::{Cont, OnTruth};

/// An exception in flight: the exception instance.
pub type Exc = Value;

/// What a slice of execution ended with.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// The module's code returned.
    Finished,
    /// The budget ran out; call [`Vm::run`] again to go on.
    OutOfBudget,
    /// An exception escaped the module; its traceback is in
    /// [`Vm::format_exception`].
    Raised(Exc),
    /// The script asked for a scheduler operation (a `stackless` call
    /// that may switch tasklets); its driver performs it and resumes the
    /// thread (see [`crate::stackless`]).
    Blocked,
}

/// One activation of a code object.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Frame {
    /// Index of the code in [`Vm::codes`].
    pub code: u32,
    /// The next instruction.
    pub ip: usize,
    /// The value stack.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stack: Vec<Value>,
    /// Local variables (`None`: unbound).
    pub locals: Vec<Option<Value>>,
    /// Cells: this code's cell variables, then its free variables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<ObjId>,
    /// Active exception handlers: (handler address, stack depth).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<(u32, u32)>,
    /// Exceptions being handled by `except` clauses (innermost last).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub handling: Vec<Value>,
    /// The module whose globals the code uses.
    pub module: ObjId,
    /// The function running (for `super()`).
    pub func: Option<ObjId>,
    /// A class body's namespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class_ns: Option<Box<Attrs>>,
    /// What happens to the value the frame returns.
    pub on_return: OnReturn,
    /// The generator this frame belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generator: Option<ObjId>,
    /// The return value of the last generator a `ForIter` exhausted.
    #[serde(default, skip_serializing_if = "Value::is_none")]
    pub gen_return: Value,
}

impl Frame {
    /// Calls `f` on every object index the frame holds, mutably.
    pub(crate) fn remap_ids(&mut self, f: &mut dyn FnMut(&mut ObjId)) {
        let value = crate::heap::remap_value;
        self.stack.iter_mut().for_each(|v| value(v, f));
        self.locals.iter_mut().flatten().for_each(|v| value(v, f));
        self.cells.iter_mut().for_each(&mut *f);
        self.handling.iter_mut().for_each(|v| value(v, f));
        f(&mut self.module);
        if let Some(func) = &mut self.func {
            f(func);
        }
        if let Some(g) = &mut self.generator {
            f(g);
        }
        value(&mut self.gen_return, f);
        if let Some(ns) = &mut self.class_ns {
            ns.values_mut().for_each(|v| value(v, f));
        }
        match &mut self.on_return {
            OnReturn::Init(id) | OnReturn::Import(id) => f(id),
            OnReturn::BuildClass(body) => body.bases.iter_mut().for_each(&mut *f),
            OnReturn::Cont(c) => c.remap_ids(f),
            _ => {}
        }
    }

    /// The values the frame holds (for the collector).
    fn roots(&self, roots: &mut Vec<Value>) {
        roots.extend(self.stack.iter().copied());
        roots.extend(self.locals.iter().flatten().copied());
        roots.extend(self.cells.iter().map(|c| Value::Obj(*c)));
        roots.extend(self.handling.iter().copied());
        roots.push(Value::Obj(self.module));
        roots.extend(self.func.map(Value::Obj));
        roots.extend(self.generator.map(Value::Obj));
        roots.push(self.gen_return);
        if let Some(ns) = &self.class_ns {
            roots.extend(ns.values().copied());
        }
        match &self.on_return {
            OnReturn::Init(id) | OnReturn::Import(id) => roots.push(Value::Obj(*id)),
            OnReturn::BuildClass(body) => roots.extend(body.bases.iter().map(|b| Value::Obj(*b))),
            OnReturn::Cont(c) => c.roots(roots),
            _ => {}
        }
    }
}

/// The operation a suspended thread finishes when it resumes, as pickle
/// sees it.
pub(crate) enum Suspended {
    /// It returns this value.
    Returns(Value),
    /// It returns its tasklet's `tempval` (a schedule).
    ReturnsTempval,
    /// A receive on the channel with this engine id.
    Receives(u64),
    /// Something pickle cannot save (a nested run, a send_sequence).
    Other,
}

/// The value a `LoadGlobal` cache entry (one more than a position in
/// the module's globals; 0 for none) finds, if that position still holds
/// `name` (globals may have moved since): no hashing.
#[inline]
fn cached_global(globals: &Attrs, cached: u32, name: &Rc<str>) -> Option<Value> {
    let (k, v) = globals.get_index(cached.checked_sub(1)? as usize)?;
    (Rc::ptr_eq(k, name) || k == name).then_some(*v)
}

/// Makes the stack `LoadMethod` left for `CallMethod(n)` that of a plain
/// `Call`: drops the null marker under an attribute, or counts the object
/// under a function as its first argument. Returns the argument count.
#[inline]
fn plain_call_args(stack: &mut Vec<Value>, n: u32) -> u32 {
    let at = stack.len() - n as usize - 2;
    if stack[at] == Value::NULL {
        stack.remove(at);
        n
    } else {
        n + 1
    }
}

/// The frames of a script tasklet while another thread runs.
struct Thread {
    frames: Vec<Frame>,
    /// Its `for` loop over a channel waiting in a receive (see
    /// [`Vm::for_exit`]).
    for_exit: Option<u32>,
    /// The engine tasklet running it.
    tasklet: Option<u64>,
    /// The operation it switched away in, finished when it resumes.
    finish: Option<crate::stackless::Finish>,
    /// The owner tag the host gave it (see [`Vm::start_owned_tasklet`]).
    owner: Option<u64>,
}

/// What a frame's return value is used for.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum OnReturn {
    /// Pushed on the caller's stack.
    Push,
    /// A class body ended: build the class from its namespace.
    BuildClass(Box<ClassBody>),
    /// `__init__` ended: push the instance (the return must be None).
    Init(ObjId),
    /// The value is dropped (`__setitem__`, say).
    Discard,
    /// A generator resumed by a `ForIter` ended: the caller leaves its
    /// loop (jumping to the exit).
    GenLoop(u32),
    /// A generator resumed by a built-in's nested loop ended (no longer
    /// made; kept so that older snapshots load).
    GenSync,
    /// An imported script module finished running: push the module.
    Import(ObjId),
    /// The frame runs for an instruction or a built-in (a dunder, a
    /// property, a `<shoal>` helper) that finishes with its value.
    Cont(Box<Cont>),
}

/// A class statement whose body is running.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ClassBody {
    /// The class's name.
    pub name: Rc<str>,
    /// Its bases.
    pub bases: Vec<ObjId>,
}

/// The fewest instructions script code that a built-in runs in a nested
/// loop (the few protocols that do not run as frames yet) may execute
/// before it is stopped with RuntimeError: a loop that never ends there
/// cannot be preempted, so it must not run forever.
const NESTED_BUDGET_FLOOR: u64 = 20_000_000;

/// The attribute of a NameError holding the name the traceback suggests.
const SUGGESTION: &str = "__shoal_suggestion__";

/// The classes of the built-in exceptions, by name.
pub(crate) const EXCEPTIONS: &[(&str, &str)] = &[
    ("BaseException", ""),
    ("SystemExit", "BaseException"),
    ("TaskletExit", "SystemExit"),
    ("KeyboardInterrupt", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("Exception", "BaseException"),
    ("StopIteration", "Exception"),
    ("ArithmeticError", "Exception"),
    ("OverflowError", "ArithmeticError"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("OSError", "Exception"),
    ("FileNotFoundError", "OSError"),
    ("PermissionError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("FileExistsError", "OSError"),
    ("RuntimeError", "Exception"),
    ("SystemError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
];

/// The private parts of a VM that a snapshot saves.
pub(crate) struct Parts<'a> {
    pub(crate) sources: &'a Vec<(Rc<str>, Rc<str>)>,
    pub(crate) consts: &'a Vec<Vec<Value>>,
    pub(crate) builtins: &'a Attrs,
    pub(crate) modules: &'a Vec<(Rc<str>, ObjId)>,
    pub(crate) main_module: Option<ObjId>,
    pub(crate) exc_classes: &'a Vec<(&'static str, ObjId)>,
    pub(crate) rng: &'a crate::random::Mt,
}

/// What a loaded snapshot puts back.
pub(crate) struct Restored {
    pub(crate) codes: Vec<Code>,
    pub(crate) sources: Vec<(Rc<str>, Rc<str>)>,
    pub(crate) consts: Vec<Vec<Value>>,
    pub(crate) heap: Heap,
    pub(crate) builtins: Attrs,
    pub(crate) modules: Vec<(Rc<str>, ObjId)>,
    pub(crate) main_module: Option<ObjId>,
    pub(crate) exc_classes: Vec<(&'static str, ObjId)>,
    pub(crate) rng: crate::random::Mt,
}

/// What the host that runs scripts decides, never a snapshot: whether
/// `open()` works, where `import` finds script files, how deep frames may
/// go and how many objects the heap may hold. Loading a snapshot keeps
/// the loading host's settings (see [`Vm::load_with_settings`]).
#[derive(Debug, Clone, PartialEq)]
pub struct HostSettings {
    /// Whether `open` is allowed.
    pub allow_open: bool,
    /// Where `import` finds script modules.
    pub search_dir: Option<std::path::PathBuf>,
    /// Maximum frames (RecursionError beyond).
    pub recursion_limit: usize,
    /// The most objects the heap may hold (MemoryError beyond).
    pub max_objects: Option<usize>,
}

impl Default for HostSettings {
    /// Those of [`Vm::new`]: no `open`, no search folder, 1000 frames, no
    /// heap limit.
    fn default() -> HostSettings {
        HostSettings {
            allow_open: false,
            search_dir: None,
            recursion_limit: 1000,
            max_objects: None,
        }
    }
}

/// The script VM.
pub struct Vm {
    /// The heap.
    pub heap: Heap,
    /// Every code object loaded.
    pub codes: Vec<Code>,
    /// The constants of each code, as values (strings live on the heap).
    consts: Vec<Vec<Value>>,
    /// The builtins namespace.
    pub(crate) builtins: Attrs,
    /// The frames of the running script, innermost last.
    pub frames: Vec<Frame>,
    /// Source text of each file, for tracebacks.
    sources: Vec<(Rc<str>, Rc<str>)>,
    /// Built-in modules made so far, by name.
    modules: Vec<(Rc<str>, ObjId)>,
    /// Where `print` writes.
    pub(crate) out: Box<dyn Write>,
    /// Where errors go.
    pub(crate) err: Box<dyn Write>,
    /// Maximum frames (RecursionError beyond).
    pub recursion_limit: usize,
    /// Whether `open` is allowed (the `shoal run` command allows it).
    pub allow_open: bool,
    /// Command-line arguments (`sys.argv`).
    pub argv: Vec<String>,
    /// Instructions executed so far.
    pub instructions: u64,
    /// Allocations between collections.
    pub gc_threshold: usize,
    /// The most objects the heap may hold (MemoryError beyond); `None`
    /// for no limit.
    pub max_objects: Option<usize>,
    /// The most bytes the heap and the frames may hold (MemoryError
    /// beyond; see [`crate::memory`]); `None` for no limit.
    pub max_heap: Option<usize>,
    /// Bytes allocated or grown between collections.
    pub gc_byte_threshold: usize,
    /// The main module.
    main_module: Option<ObjId>,
    /// Cached exception classes, by name.
    exc_classes: Vec<(&'static str, ObjId)>,
    /// Set by `sys.exit`: the exit status.
    pub exit_status: Option<i32>,
    /// The `random` module's generator.
    pub(crate) rng: crate::random::Mt,
    /// The iterable a built-in asked a script frame to turn into a list,
    /// and the error it returned to say so (see
    /// [`builtins::needs_script`]).
    pub(crate) materialize: Option<(Value, Exc)>,
    /// What script code run by a built-in in a nested loop may still
    /// execute in this slice (see [`NESTED_BUDGET_FLOOR`]).
    nested_budget: u64,
    /// What nested loops ran during the current instruction.
    nested_used: u64,
    /// Set in a sandbox (a game world): the simulated time, in seconds,
    /// that `time.time()`, `monotonic()` and `perf_counter()` return.
    sandbox_time: Option<f64>,
    /// Makes the next slow instruction panic (in builds with debug
    /// assertions): tests use it to check that a panic of the VM's
    /// becomes the script's SystemError.
    #[doc(hidden)]
    pub panic_next_step: bool,
    /// Where `import` finds script modules (the main script's folder).
    pub search_dir: Option<std::path::PathBuf>,
    /// The VM's own shared handle, once it is shared (`stackless` needs it).
    pub(crate) shared: Option<std::rc::Weak<std::cell::RefCell<Vm>>>,
    /// Script values held by engine channels and errors.
    pub(crate) parking: crate::stackless::Parking,
    /// The frame stacks of script tasklets, swapped into `frames` while
    /// one runs (slot 0 is never used: main's frames live in `frames`).
    threads: Vec<Option<Thread>>,
    /// Free slots of `threads`.
    free_threads: Vec<u32>,
    /// The scheduler operation the running thread asked for.
    host_op: Option<crate::stackless::HostOp>,
    /// Tasklet objects by engine tasklet id.
    pub(crate) tasklet_objs: rustc_hash::FxHashMap<u64, ObjId>,
    /// Engine ids of tasklets whose threads ended, forgotten at the next
    /// collection.
    ended_tasklets: Vec<u64>,
    /// The script's schedule callback, error handler and channel callback
    /// (None: unset).
    pub(crate) callbacks: [Value; 3],
    /// Where the `for` loop over a channel that is waiting in a receive
    /// goes when the channel is exhausted.
    pub(crate) for_exit: Option<u32>,
    /// The value stacks and locals of finished frames, kept for their
    /// allocations.
    frame_pool: Vec<(Vec<Value>, Vec<Option<Value>>)>,
    /// Per code, per name: one more than the position in its module's
    /// globals where `LoadGlobal` last found the name (0: not cached).
    global_cache: Vec<Vec<u32>>,
    /// The thread whose frames are in `frames` (0: main's).
    running_thread: u32,
    /// Every native function and method, by number, and the native
    /// modules (see [`crate::module`]).
    pub(crate) natives: Rc<builtins::Natives>,
    /// The state of native modules, one per type.
    pub(crate) module_states: Vec<(std::any::TypeId, Box<dyn crate::module::ModuleState>)>,
    /// Source files compiled into the program (path, text), found before
    /// the file system by `import` and by snapshot loading.
    pub(crate) embedded: Rc<[(String, String)]>,
}

impl Vm {
    /// The VM's host settings.
    pub fn host_settings(&self) -> HostSettings {
        HostSettings {
            allow_open: self.allow_open,
            search_dir: self.search_dir.clone(),
            recursion_limit: self.recursion_limit,
            max_objects: self.max_objects,
        }
    }

    /// Applies host settings.
    pub fn apply_host_settings(&mut self, settings: HostSettings) {
        self.allow_open = settings.allow_open;
        self.search_dir = settings.search_dir;
        self.recursion_limit = settings.recursion_limit;
        self.max_objects = settings.max_objects;
    }

    /// A VM writing to `out` and `err`.
    pub fn new(out: Box<dyn Write>, err: Box<dyn Write>) -> Vm {
        let defaults = HostSettings::default();
        let mut vm = Vm {
            heap: Heap::default(),
            codes: Vec::new(),
            consts: Vec::new(),
            builtins: Attrs::default(),
            frames: Vec::new(),
            sources: Vec::new(),
            modules: Vec::new(),
            out,
            err,
            recursion_limit: defaults.recursion_limit,
            allow_open: defaults.allow_open,
            argv: Vec::new(),
            instructions: 0,
            gc_threshold: 100_000,
            max_objects: defaults.max_objects,
            max_heap: None,
            gc_byte_threshold: 64 << 20,
            main_module: None,
            exc_classes: Vec::new(),
            exit_status: None,
            materialize: None,
            nested_budget: u64::MAX,
            nested_used: 0,
            panic_next_step: false,
            sandbox_time: None,
            search_dir: defaults.search_dir,
            frame_pool: Vec::new(),
            global_cache: Vec::new(),
            running_thread: 0,
            natives: builtins::standard_natives(),
            module_states: Vec::new(),
            embedded: Rc::new([]),
            shared: None,
            parking: Default::default(),
            threads: vec![None],
            free_threads: Vec::new(),
            host_op: None,
            tasklet_objs: Default::default(),
            for_exit: None,
            callbacks: [Value::None; 3],
            ended_tasklets: Vec::new(),
            rng: crate::random::Mt::from_seed(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos() as i64),
            ),
        };
        for (name, base) in EXCEPTIONS {
            let bases: Vec<ObjId> = if base.is_empty() {
                Vec::new()
            } else {
                vec![vm.exc_class(base)]
            };
            let mut mro = Vec::new();
            let id = vm.heap.alloc(Obj::Class(Box::new(Class {
                name: Rc::from(*name),
                bases: bases.clone(),
                mro: Vec::new(),
                attrs: Attrs::default(),
                is_exception: true,
            })));
            mro.push(id);
            if let Some(b) = bases.first()
                && let Obj::Class(bc) = vm.heap.get(*b)
            {
                mro.extend(bc.mro.iter().copied());
            }
            if let Obj::Class(c) = vm.heap.get_mut(id) {
                c.mro = mro;
            }
            vm.exc_classes.push((name, id));
            vm.builtins.insert(Rc::from(*name), Value::Obj(id));
        }
        builtins::install(&mut vm);
        vm
    }

    /// The class of the built-in exception `name`.
    ///
    /// # Panics
    /// If `name` is not in [`EXCEPTIONS`] (a bug in the VM).
    pub(crate) fn exc_class(&self, name: &str) -> ObjId {
        self.exc_classes
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, id)| *id)
            .unwrap_or_else(|| panic!("unknown built-in exception {name}"))
    }

    /// Makes an exception instance of the built-in class `name`.
    pub fn error(&mut self, name: &str, message: impl Into<String>) -> Exc {
        let class = self.exc_class(name);
        let message = message.into();
        let args = if message.is_empty() {
            Vec::new()
        } else {
            vec![self.str_value(&message)]
        };
        self.instantiate_exception(class, args)
    }

    pub(crate) fn instantiate_exception(&mut self, class: ObjId, args: Vec<Value>) -> Exc {
        let first = args.first().copied().unwrap_or(Value::None);
        let args = Value::Obj(self.heap.alloc(Obj::Tuple(args)));
        let mut attrs = Attrs::default();
        attrs.insert(Rc::from("args"), args);
        attrs.insert(Rc::from("__cause__"), Value::None);
        attrs.insert(Rc::from("__context__"), Value::None);
        attrs.insert(Rc::from("__suppress_context__"), Value::Bool(false));
        let stop = self
            .exc_classes
            .iter()
            .find(|(n, _)| *n == "StopIteration")
            .map(|(_, c)| *c);
        let exit = self
            .exc_classes
            .iter()
            .find(|(n, _)| *n == "SystemExit")
            .map(|(_, c)| *c);
        let mro = match self.heap.get(class) {
            Obj::Class(c) => c.mro.clone(),
            _ => Vec::new(),
        };
        if stop.is_some_and(|s| mro.contains(&s)) {
            attrs.insert(Rc::from("value"), first);
        }
        if exit.is_some_and(|s| mro.contains(&s)) {
            attrs.insert(Rc::from("code"), first);
        }
        Value::Obj(self.heap.alloc(Obj::Instance(Instance { class, attrs })))
    }

    /// A new string value.
    pub fn str_value(&mut self, s: &str) -> Value {
        Value::Obj(self.heap.alloc(Obj::Str(Rc::from(s))))
    }

    /// Adds a built-in module.
    pub(crate) fn add_module(&mut self, name: &str, attrs: Attrs) -> ObjId {
        let id = self.heap.alloc(Obj::Module(Module {
            name: Rc::from(name),
            attrs,
        }));
        self.modules.push((Rc::from(name), id));
        id
    }

    pub(crate) fn parts(&self) -> Parts<'_> {
        Parts {
            sources: &self.sources,
            consts: &self.consts,
            builtins: &self.builtins,
            modules: &self.modules,
            main_module: self.main_module,
            exc_classes: &self.exc_classes,
            rng: &self.rng,
        }
    }

    pub(crate) fn restore(&mut self, r: Restored) {
        self.global_cache = r.codes.iter().map(|c| vec![0; c.names.len()]).collect();
        self.codes = r.codes;
        self.sources = r.sources;
        self.consts = r.consts;
        self.heap = r.heap;
        self.builtins = r.builtins;
        self.modules = r.modules;
        self.main_module = r.main_module;
        self.exc_classes = r.exc_classes;
        self.rng = r.rng;
    }

    /// A built-in module already made.
    pub(crate) fn find_module(&self, name: &str) -> Option<ObjId> {
        self.modules
            .iter()
            .find(|(n, _)| &**n == name)
            .map(|(_, id)| *id)
    }

    /// `setattr(obj, name, v)`.
    pub(crate) fn set_attr_pub(&mut self, obj: Value, name: &str, v: Value) -> Result<(), Exc> {
        self.set_attr(obj, name, v)
    }

    /// `getattr(obj, name)`.
    pub(crate) fn get_attr_pub(&mut self, obj: Value, name: &str) -> Result<Value, Exc> {
        self.get_attr(obj, name)
    }

    // ---- loading ------------------------------------------------------------

    /// Compiles `source` as the main module (`__name__ == '__main__'`) and
    /// prepares to run it.
    pub fn load_main(&mut self, filename: &str, source: &str) -> Result<(), SyntaxError> {
        let index = self.compile_file(filename, source)?;
        if self.search_dir.is_none() {
            self.search_dir = std::path::Path::new(filename)
                .parent()
                .map(|p| p.to_path_buf());
        }
        let module = self.new_module("__main__");
        self.main_module = Some(module);
        self.push_module_frame(index, module, OnReturn::Push);
        Ok(())
    }

    /// Compiles a file; its code objects join the code table.
    fn compile_file(&mut self, filename: &str, source: &str) -> Result<u32, SyntaxError> {
        let module = parse_module(source)?;
        let first = self.codes.len();
        let index = compile_module(&module, filename, &mut self.codes)?;
        for code in &self.codes[first..] {
            let consts = code
                .consts
                .iter()
                .map(|c| match c {
                    Const::None => Value::None,
                    Const::Bool(b) => Value::Bool(*b),
                    Const::Int(i) => Value::Int(*i),
                    Const::Float(x) => Value::Float(*x),
                    Const::Str(s) => Value::Obj(self.heap.alloc(Obj::Str(s.clone()))),
                    Const::Bytes(b) => Value::Obj(self.heap.alloc(Obj::Bytes(b.clone()))),
                    Const::Names(names) => {
                        let items = names
                            .iter()
                            .map(|n| Value::Obj(self.heap.alloc(Obj::Str(n.clone()))))
                            .collect();
                        Value::Obj(self.heap.alloc(Obj::Tuple(items)))
                    }
                })
                .collect();
            self.consts.push(consts);
            self.global_cache.push(vec![0; code.names.len()]);
        }
        self.sources.push((Rc::from(filename), Rc::from(source)));
        Ok(index)
    }

    fn new_module(&mut self, name: &str) -> ObjId {
        let mut attrs = Attrs::default();
        let n = self.str_value(name);
        attrs.insert(Rc::from("__name__"), n);
        self.heap.alloc(Obj::Module(Module {
            name: Rc::from(name),
            attrs,
        }))
    }

    fn push_module_frame(&mut self, index: u32, module: ObjId, on_return: OnReturn) {
        let code = &self.codes[index as usize];
        self.frames.push(Frame {
            code: index,
            ip: 0,
            stack: Vec::new(),
            locals: vec![None; code.varnames.len()],
            cells: Vec::new(),
            blocks: Vec::new(),
            handling: Vec::new(),
            module,
            func: None,
            class_ns: None,
            on_return,
            generator: None,
            gen_return: Value::None,
        });
    }

    /// Compiles `source` as module `name` (registered at once) and pushes
    /// the frame that runs its body.
    pub(crate) fn push_script_module(
        &mut self,
        name: &str,
        path: &str,
        source: &str,
    ) -> Result<(), SyntaxError> {
        let index = self.compile_file(path, source)?;
        let module = self.new_module(name);
        self.modules.push((Rc::from(name), module));
        self.push_module_frame(index, module, OnReturn::Discard);
        Ok(())
    }

    /// `import name` of a script file beside the main one: runs it as a
    /// module (its frame pushes the module when it returns). Modules are
    /// registered before they run, so circular imports see them.
    fn import_script(&mut self, name: &str) -> Result<(), Exc> {
        let path = self
            .search_dir
            .clone()
            .unwrap_or_default()
            .join(format!("{name}.py"));
        let filename = path.display().to_string();
        let source = match Vm::source_of(&self.embedded, &filename) {
            Ok(s) => s,
            Err(_) => {
                return Err(self.error("ModuleNotFoundError", format!("No module named '{name}'")));
            }
        };
        let index = match self.compile_file(&filename, &source) {
            Ok(i) => i,
            Err(e) => {
                let kind = e.kind.name();
                let kind = if kind == "NotImplementedError" || kind == "OverflowError" {
                    kind
                } else {
                    "SyntaxError"
                };
                return Err(
                    self.error(kind, format!("{} ({filename}, line {})", e.message, e.line))
                );
            }
        };
        let module = self.new_module(name);
        self.modules.push((Rc::from(name), module));
        self.push_module_frame(index, module, OnReturn::Import(module));
        Ok(())
    }

    // ---- running ------------------------------------------------------------

    /// Runs at most `*budget` instructions (decrementing it).
    ///
    /// A panic inside the VM (a bug of Shoal's, never the script's) is
    /// caught here: the running thread's frames are dropped and the
    /// script sees a `SystemError` carrying the panic message, so only
    /// that script or tasklet ends.
    pub fn run(&mut self, budget: &mut u64) -> Status {
        let caught =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.run_above(0, budget)));
        match caught {
            Ok(status) => status,
            Err(payload) => {
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".to_string());
                self.frames.clear();
                self.host_op = None;
                self.materialize = None;
                let exc = self.error(
                    "SystemError",
                    format!("internal error in Shoal's VM (please report it): {message}"),
                );
                Status::Raised(exc)
            }
        }
    }

    /// Runs until only `floor` frames are left (or the budget runs out).
    fn run_above(&mut self, floor: usize, budget: &mut u64) -> Status {
        loop {
            if self.frames.len() <= floor {
                return Status::Finished;
            }
            if *budget == 0 {
                return Status::OutOfBudget;
            }
            // Collect only in the outermost loop: a nested run (a built-in
            // calling a script function) has Rust locals holding values
            // that are not roots.
            if self.heap.allocated >= self.gc_threshold
                || self.heap.bytes_since_gc >= self.gc_byte_threshold
            {
                // A nested run (script code a built-in calls) cannot
                // collect: Rust locals hold values that are no roots. It
                // checks the limits on what is allocated, garbage included.
                if floor == 0 {
                    self.collect_garbage();
                } else {
                    self.gc_byte_threshold = self.heap.bytes_since_gc + (16 << 20);
                    self.gc_threshold = self.heap.allocated + 100_000;
                }
                let exc = match (self.max_objects, self.max_heap) {
                    (Some(limit), _) if self.heap.len() > limit => Some(self.error(
                        "MemoryError",
                        format!("the script heap is over its limit of {limit} objects"),
                    )),
                    (_, Some(limit)) if self.heap_bytes() > limit => Some(self.memory_error(limit)),
                    _ => None,
                };
                if let Some(exc) = exc {
                    if let Err(uncaught) = self.unwind(exc, floor) {
                        return Status::Raised(uncaught);
                    }
                    continue;
                }
            }
            let mut result = match self.run_fast(floor, budget) {
                fast::Stop::Budget => return Status::OutOfBudget,
                fast::Stop::Slow(instr) => {
                    // Script code a built-in runs in a nested loop counts
                    // against this slice.
                    self.nested_budget = *budget;
                    let result = self.step(instr);
                    if self.nested_used != 0 {
                        *budget = budget.saturating_sub(self.nested_used);
                        self.nested_used = 0;
                    }
                    result
                }
                fast::Stop::Raised(exc) => Err(exc),
            };
            if result.is_ok() && self.host_op.is_some() {
                if floor == 0 {
                    return Status::Blocked;
                }
                result = Err(self.cannot_block());
            }
            if let Err(exc) = result
                && let Err(uncaught) = self.unwind(exc, floor)
            {
                return Status::Raised(uncaught);
            }
        }
    }

    /// Calls `callee` and runs it to completion before returning its
    /// result: for built-ins that need a script function's result
    /// (`__str__`, a `key=` function...). The nested run has no budget of
    /// its own.
    pub(crate) fn call_sync(&mut self, callee: Value, args: Vec<Value>) -> Result<Value, Exc> {
        // After a script ended (printing its traceback calls `__str__`),
        // a placeholder frame receives the result.
        let placeholder = self.frames.is_empty();
        if placeholder {
            let Some(module) = self.main_module else {
                return Err(self.error("RuntimeError", "no frame to call from"));
            };
            self.push_module_frame(0, module, OnReturn::Discard);
        }
        let result = self.call_sync_inner(callee, args);
        if placeholder {
            self.frames.clear();
        }
        result
    }

    fn call_sync_inner(&mut self, callee: Value, args: Vec<Value>) -> Result<Value, Exc> {
        let floor = self.frames.len();
        let depth = self.frames[floor - 1].stack.len();
        self.call(callee, args, Vec::new())?;
        if self.host_op.is_some() {
            return Err(self.cannot_block());
        }
        if self.frames.len() > floor {
            let allowed = self.nested_budget.max(NESTED_BUDGET_FLOOR);
            let mut budget = allowed;
            let status = self.run_above(floor, &mut budget);
            let used = allowed - budget;
            self.nested_used = self.nested_used.saturating_add(used);
            self.nested_budget = self.nested_budget.saturating_sub(used);
            match status {
                Status::Raised(exc) => return Err(exc),
                Status::OutOfBudget => {
                    self.frames.truncate(floor);
                    return Err(self.error(
                        "RuntimeError",
                        "script code called from inside a built-in (a __eq__ or __repr__ of an item in a container, say) ran past the instruction budget, and it cannot be interrupted there",
                    ));
                }
                _ => {}
            }
        }
        let stack = &mut self.frames[floor - 1].stack;
        if stack.len() > depth {
            Ok(stack.pop().expect("a result"))
        } else {
            Ok(Value::None)
        }
    }

    /// Runs to the end.
    pub fn run_to_end(&mut self) -> Status {
        let mut budget = u64::MAX;
        self.run(&mut budget)
    }

    fn collect_garbage(&mut self) {
        let mut roots: Vec<Value> = Vec::new();
        for f in &self.frames {
            f.roots(&mut roots);
        }
        for consts in &self.consts {
            roots.extend(consts.iter().copied());
        }
        for thread in self.threads.iter().flatten() {
            roots.extend(thread.finish.as_ref().and_then(|f| f.value()));
            for f in &thread.frames {
                f.roots(&mut roots);
            }
        }
        for id in self.ended_tasklets.drain(..) {
            self.tasklet_objs.remove(&id);
        }
        roots.extend(self.parking.roots());
        roots.extend(self.callbacks);
        self.module_state_roots(&mut roots);
        roots.extend(self.tasklet_objs.values().map(|id| Value::Obj(*id)));
        roots.extend(self.builtins.values().copied());
        roots.extend(self.modules.iter().map(|(_, m)| Value::Obj(*m)));
        roots.extend(self.exc_classes.iter().map(|(_, c)| Value::Obj(*c)));
        if let Some(m) = self.main_module {
            roots.push(Value::Obj(m));
        }
        self.heap.collect(roots);
        // Grow the thresholds with the live set so collection stays cheap,
        // but collect often enough to enforce the heap limits.
        self.gc_threshold = (self.heap.live_after_gc * 2).max(100_000);
        if let Some(limit) = self.max_objects {
            self.gc_threshold = self.gc_threshold.min((limit / 4).max(1_000));
        }
        self.gc_byte_threshold = self.heap.live_bytes.max(64 << 20);
        if let Some(limit) = self.max_heap {
            self.gc_byte_threshold = self.gc_byte_threshold.min((limit / 8).max(1 << 16));
        }
    }

    /// Makes the VM a sandbox for a deterministic world: scripts cannot
    /// read the wall clock (`time.time()`, `monotonic()` and
    /// `perf_counter()` give the simulated time the host sets with
    /// [`Vm::set_simulated_time`]), sleep the thread, open files
    /// (`open` is gone) or seed `random` from the clock. A setting of the
    /// host's: call it again after loading a snapshot.
    pub fn enter_sandbox(&mut self) {
        self.sandbox_time.get_or_insert(0.0);
        self.allow_open = false;
        self.builtins.shift_remove("open");
    }

    /// The simulated time, in seconds, a sandbox's scripts see.
    pub fn set_simulated_time(&mut self, seconds: f64) {
        if self.sandbox_time.is_some() {
            self.sandbox_time = Some(seconds);
        }
    }

    /// The simulated time, in a sandbox.
    pub(crate) fn simulated_time(&self) -> Option<f64> {
        self.sandbox_time
    }

    /// The bytes the heap and every thread's frames hold (exact for the
    /// heap at the last collection, plus what was allocated since).
    pub fn heap_bytes(&self) -> usize {
        let frames: usize = self
            .frames
            .iter()
            .chain(self.threads.iter().flatten().flat_map(|t| t.frames.iter()))
            .map(crate::memory::frame_bytes)
            .sum();
        self.heap.live_bytes + self.heap.bytes_since_gc + frames
    }

    #[inline]
    fn frame(&mut self) -> &mut Frame {
        self.frames.last_mut().expect("a frame")
    }

    #[inline]
    fn push(&mut self, v: Value) {
        self.frame().stack.push(v);
    }

    /// Pushes a value on the current frame's stack.
    pub(crate) fn push_value(&mut self, v: Value) {
        self.push(v);
    }

    #[inline]
    fn pop(&mut self) -> Value {
        self.frame().stack.pop().expect("stack underflow")
    }

    #[inline]
    fn top(&mut self) -> Value {
        *self.frame().stack.last().expect("stack underflow")
    }

    /// Finds a handler for `exc`, unwinding frames and recording the
    /// traceback; `Err(exc)` if none catches it.
    fn unwind(&mut self, exc: Exc, floor: usize) -> Result<(), Exc> {
        loop {
            if self.frames.len() <= floor {
                return Err(exc);
            }
            let Some(frame) = self.frames.last_mut() else {
                return Err(exc);
            };
            if let Some((handler, depth)) = frame.blocks.pop() {
                frame.stack.truncate(depth as usize);
                frame.stack.push(exc);
                frame.handling.push(exc);
                frame.ip = handler as usize;
                self.add_traceback(exc);
                return Ok(());
            }
            self.add_traceback(exc);
            let frame = self.frames.pop().expect("a frame");
            if let OnReturn::Cont(cont) = &frame.on_return
                && let Some(caught) = self.stop_iteration_caught(cont, exc)?
            {
                return caught;
            }
            if let Some(generator_id) = frame.generator {
                if let Obj::Generator(g) = self.heap.get_mut(generator_id) {
                    g.finished = true;
                }
                let stop = self.exc_class("StopIteration");
                if builtins::exception_matches(self, exc, Value::Obj(stop)).unwrap_or(false) {
                    let new = self.error("RuntimeError", "generator raised StopIteration");
                    self.set_exc_attr(new, "__context__", exc);
                    return self.unwind(new, floor);
                }
            }
        }
    }

    /// Resumes a generator with `sent` (the value of its `yield`): its
    /// frame goes back on the frame stack. Returns false if it had ended.
    pub(crate) fn resume_generator(
        &mut self,
        generator_id: ObjId,
        sent: Value,
        mode: OnReturn,
    ) -> Result<bool, Exc> {
        let taken = match self.heap.get_mut(generator_id) {
            Obj::Generator(g) => {
                if g.finished {
                    return Ok(false);
                }
                match g.frame.take() {
                    Some(f) => Some((f, std::mem::replace(&mut g.started, true))),
                    None => None,
                }
            }
            _ => return Ok(false),
        };
        let Some((mut frame, started)) = taken else {
            return Err(self.error("ValueError", "generator already executing"));
        };
        if started {
            frame.stack.push(sent);
        } else if sent != Value::None {
            if let Obj::Generator(g) = self.heap.get_mut(generator_id) {
                g.frame = Some(frame);
                g.started = false;
            }
            return Err(self.error(
                "TypeError",
                "can't send non-None value to a just-started generator",
            ));
        }
        if self.frames.len() >= self.recursion_limit {
            if let Obj::Generator(g) = self.heap.get_mut(generator_id) {
                g.frame = Some(frame);
            }
            return Err(self.error("RecursionError", "maximum recursion depth exceeded"));
        }
        frame.on_return = mode;
        frame.generator = Some(generator_id);
        self.frames.push(frame);
        Ok(true)
    }

    /// Appends the current frame's position to the exception's traceback
    /// (once per frame).
    /// Moves the traceback `exc` gathered in another tasklet below the
    /// frames it is about to pass through here (entries print outermost
    /// first, by depth).
    pub(crate) fn deepen_traceback(&mut self, exc: Exc, by: i64) {
        let Some(Value::Obj(list)) = self.exc_attr(exc, "__traceback__") else {
            return;
        };
        let entries = match self.heap.get(list) {
            Obj::List(items) => items.clone(),
            _ => return,
        };
        for e in entries {
            if let Value::Obj(t) = e
                && let Obj::Tuple(items) = self.heap.get_mut(t)
                && let Some(Value::Int(d)) = items.get_mut(3)
            {
                *d += by;
            }
        }
    }

    fn add_traceback(&mut self, exc: Exc) {
        let Some(frame) = self.frames.last() else {
            return;
        };
        let code = &self.codes[frame.code as usize];
        // Built-ins written in the script language show no frame, as
        // CPython's built-ins show none.
        if &*code.filename == HELPERS_FILE {
            return;
        }
        let line = code
            .lines
            .get(frame.ip.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let entry = (
            code.filename.clone(),
            line,
            code.name.clone(),
            self.frames.len(),
        );
        let Value::Obj(id) = exc else { return };
        let tb_key: Rc<str> = Rc::from("__traceback__");
        let existing = match self.heap.get(id) {
            Obj::Instance(inst) => inst.attrs.get(&tb_key).copied(),
            _ => return,
        };
        let list = match existing {
            Some(Value::Obj(l)) => l,
            _ => {
                let l = self.heap.alloc(Obj::List(Vec::new()));
                if let Obj::Instance(inst) = self.heap.get_mut(id) {
                    inst.attrs.insert(tb_key, Value::Obj(l));
                }
                l
            }
        };
        // One entry per frame depth: a handler in the same frame that
        // re-raises must not add the frame twice.
        let depth = entry.3 as i64;
        let file = Value::Obj(self.heap.alloc(Obj::Str(entry.0)));
        let name = Value::Obj(self.heap.alloc(Obj::Str(entry.2)));
        let item = Value::Obj(self.heap.alloc(Obj::Tuple(vec![
            file,
            Value::Int(entry.1 as i64),
            name,
            Value::Int(depth),
        ])));
        if let Obj::List(items) = self.heap.get_mut(list) {
            items.push(item);
        }
    }

    // ---- one instruction ------------------------------------------------------

    fn step(&mut self, instr: Instr) -> Result<(), Exc> {
        if cfg!(debug_assertions) && self.panic_next_step {
            self.panic_next_step = false;
            panic!("a panic injected by a test");
        }
        match instr {
            Instr::Nop => {}
            Instr::LoadConst(i) => {
                let code = self.frame().code as usize;
                let v = self.consts[code][i as usize];
                self.push(v);
            }
            Instr::LoadFast(i) => {
                let f = self.frame();
                match f.locals[i as usize] {
                    Some(v) => f.stack.push(v),
                    None => {
                        let code = self.frame().code as usize;
                        let name = self.codes[code].varnames[i as usize].clone();
                        return Err(self.error(
                            "UnboundLocalError",
                            format!("cannot access local variable '{name}' where it is not associated with a value"),
                        ));
                    }
                }
            }
            Instr::StoreFast(i) => {
                let v = self.pop();
                self.frame().locals[i as usize] = Some(v);
            }
            Instr::DeleteFast(i) => {
                self.frame().locals[i as usize] = None;
            }
            Instr::LoadDeref(i) => {
                let cell = self.frame().cells[i as usize];
                match self.heap.get(cell) {
                    Obj::Cell(Value::Obj(id)) if *id == cell => {
                        // An empty cell refers to itself.
                        let name = self.cell_name(i);
                        return Err(self.error(
                            "NameError",
                            format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
                        ));
                    }
                    Obj::Cell(v) => {
                        let v = *v;
                        self.push(v);
                    }
                    _ => unreachable!("cells hold cells"),
                }
            }
            Instr::StoreDeref(i) => {
                let v = self.pop();
                let cell = self.frame().cells[i as usize];
                *self.heap.get_mut(cell) = Obj::Cell(v);
            }
            Instr::LoadClosure(i) => {
                let cell = self.frame().cells[i as usize];
                self.push(Value::Obj(cell));
            }
            Instr::LoadGlobal(i) => {
                let frame = self.frames.last().expect("a frame");
                let (code, module) = (frame.code as usize, frame.module);
                let name = &self.codes[code].names[i as usize];
                let cached = &mut self.global_cache[code][i as usize];
                let Obj::Module(m) = self.heap.get(module) else {
                    unreachable!("frames run in modules")
                };
                if let Some(v) = cached_global(&m.attrs, *cached, name) {
                    self.push(v);
                    return Ok(());
                }
                let found = match m.attrs.get_full(name) {
                    Some((pos, _, v)) => {
                        *cached = pos as u32 + 1;
                        Some(*v)
                    }
                    None => self.builtins.get(name).copied(),
                };
                let name = name.clone();
                match found {
                    Some(v) => self.push(v),
                    None => return Err(self.name_error(&name)),
                }
            }
            Instr::StoreGlobal(i) => {
                let name = self.name(i);
                let v = self.pop();
                let module = self.frame().module;
                if let Obj::Module(m) = self.heap.get_mut(module) {
                    m.attrs.insert(name, v);
                }
            }
            Instr::DeleteGlobal(i) => {
                let name = self.name(i);
                let module = self.frame().module;
                let removed = match self.heap.get_mut(module) {
                    Obj::Module(m) => m.attrs.shift_remove(&name).is_some(),
                    _ => false,
                };
                if !removed {
                    return Err(self.error("NameError", format!("name '{name}' is not defined")));
                }
            }
            Instr::LoadAttr(i) => {
                let name = self.name(i);
                let obj = self.pop();
                return self.load_attr_op(obj, &name);
            }
            Instr::StoreAttr(i) => {
                let name = self.name(i);
                let obj = self.pop();
                let v = self.pop();
                self.store_attr_op(obj, &name, v)?;
            }
            Instr::DeleteAttr(i) => {
                let name = self.name(i);
                let obj = self.pop();
                self.delete_attr(obj, &name)?;
            }
            Instr::LoadSubscr => {
                let index = self.pop();
                let container = self.pop();
                if let Some(f) = crate::classes::dunder(self, container, "__getitem__") {
                    return self.call(f, vec![container, index], Vec::new());
                }
                let v = builtins::subscript(self, container, index)?;
                self.push(v);
            }
            Instr::StoreSubscr => {
                let index = self.pop();
                let container = self.pop();
                let v = self.pop();
                if let Some(f) = crate::classes::dunder(self, container, "__setitem__") {
                    return self.call_then(f, vec![container, index, v], Cont::Replace(None));
                }
                builtins::store_subscript(self, container, index, v)?;
            }
            Instr::DeleteSubscr => {
                let index = self.pop();
                let container = self.pop();
                if let Some(f) = crate::classes::dunder(self, container, "__delitem__") {
                    return self.call_then(f, vec![container, index], Cont::Replace(None));
                }
                builtins::delete_subscript(self, container, index)?;
            }
            Instr::Binary(op) | Instr::Inplace(op) => {
                let b = self.pop();
                let a = self.pop();
                let inplace = matches!(instr, Instr::Inplace(_));
                self.binary_op(op, a, b, inplace)?;
            }
            Instr::Unary(op) => {
                let a = self.pop();
                self.unary_op(op, a)?;
            }
            Instr::Compare(op) => {
                let b = self.pop();
                let a = self.pop();
                self.compare_op(op, a, b)?;
            }
            Instr::Jump(t) => self.frame().ip = t as usize,
            Instr::PopJumpIfFalse(t) => {
                let v = self.pop();
                self.truth_then(
                    v,
                    OnTruth::Jump {
                        target: t,
                        when: false,
                    },
                )?;
            }
            Instr::PopJumpIfTrue(t) => {
                let v = self.pop();
                self.truth_then(
                    v,
                    OnTruth::Jump {
                        target: t,
                        when: true,
                    },
                )?;
            }
            Instr::JumpIfFalseOrPop(t) => {
                let v = self.top();
                self.truth_then(
                    v,
                    OnTruth::JumpOrPop {
                        target: t,
                        when: false,
                    },
                )?;
            }
            Instr::JumpIfTrueOrPop(t) => {
                let v = self.top();
                self.truth_then(
                    v,
                    OnTruth::JumpOrPop {
                        target: t,
                        when: true,
                    },
                )?;
            }
            Instr::LoadName(i) => {
                let name = self.name(i);
                let module = self.frame().module;
                let found = self
                    .frame()
                    .class_ns
                    .as_ref()
                    .and_then(|ns| ns.get(&name).copied())
                    .or_else(|| match self.heap.get(module) {
                        Obj::Module(m) => m.attrs.get(&name).copied(),
                        _ => None,
                    })
                    .or_else(|| self.builtins.get(&name).copied());
                match found {
                    Some(v) => self.push(v),
                    None => return Err(self.name_error(&name)),
                }
            }
            Instr::StoreName(i) => {
                let name = self.name(i);
                let v = self.pop();
                if let Some(ns) = self.frame().class_ns.as_mut() {
                    ns.insert(name, v);
                }
            }
            Instr::DeleteName(i) => {
                let name = self.name(i);
                let removed = self
                    .frame()
                    .class_ns
                    .as_mut()
                    .is_some_and(|ns| ns.shift_remove(&name).is_some());
                if !removed {
                    return Err(self.error("NameError", format!("name '{name}' is not defined")));
                }
            }
            Instr::LoadSuper2 => {
                let obj = self.pop();
                let class = self.pop();
                match class {
                    Value::Obj(c) if matches!(self.heap.get(c), Obj::Class(_)) => {
                        let s = self.heap.alloc(Obj::Super(c, obj));
                        self.push(Value::Obj(s));
                    }
                    _ => return Err(self.error("TypeError", "super() argument 1 must be a type")),
                }
            }
            Instr::LoadSuper => {
                let s = crate::classes::make_super(self)?;
                self.push(s);
            }
            Instr::BuildClass(n) => {
                let body = self.pop();
                let bases = self.pop_n(n as usize);
                let name = self.pop();
                let name = builtins::str_content(self, name).unwrap_or_else(|| Rc::from("?"));
                let mut base_ids = Vec::new();
                for b in bases {
                    match b {
                        Value::Obj(id) if matches!(self.heap.get(id), Obj::Class(_)) => {
                            base_ids.push(id)
                        }
                        Value::Obj(id)
                            if matches!(self.heap.get(id), Obj::Type(TypeKind::Object)) => {}
                        _ => {
                            return Err(self.error(
                                "NotImplementedError",
                                "subclassing built-in types other than object and the exceptions is not supported by Shoal's script language yet",
                            ));
                        }
                    }
                }
                let Value::Obj(f) = body else {
                    unreachable!("class bodies are functions")
                };
                let func = match self.heap.get(f) {
                    Obj::Function(func) => func.clone(),
                    _ => unreachable!("class bodies are functions"),
                };
                self.push_frame(f, &func, Vec::new(), Vec::new())?;
                let frame = self.frame();
                frame.class_ns = Some(Box::default());
                frame.func = None;
                frame.on_return = OnReturn::BuildClass(Box::new(ClassBody {
                    name,
                    bases: base_ids,
                }));
            }
            Instr::Pop => {
                self.pop();
            }
            Instr::Dup => {
                let v = self.top();
                self.push(v);
            }
            Instr::Dup2 => {
                let s = &mut self.frame().stack;
                let n = s.len();
                let (a, b) = (s[n - 2], s[n - 1]);
                s.push(a);
                s.push(b);
            }
            Instr::Rot2 => {
                let s = &mut self.frame().stack;
                let n = s.len();
                s.swap(n - 1, n - 2);
            }
            Instr::Rot3 => {
                let s = &mut self.frame().stack;
                let top = s.pop().expect("stack underflow");
                let n = s.len();
                s.insert(n - 2, top);
            }
            Instr::BuildList(n) => {
                let items = self.pop_n(n as usize);
                let id = self.heap.alloc(Obj::List(items));
                self.push(Value::Obj(id));
            }
            Instr::BuildTuple(n) => {
                let items = self.pop_n(n as usize);
                let id = self.heap.alloc(Obj::Tuple(items));
                self.push(Value::Obj(id));
            }
            Instr::BuildSet(n) => {
                let items = self.pop_n(n as usize);
                let mut set = crate::heap::Map::default();
                for v in items {
                    let k = builtins::key_of(self, v)?;
                    set.entry(k).or_insert(v);
                }
                let id = self.heap.alloc(Obj::Set(set));
                self.push(Value::Obj(id));
            }
            Instr::BuildDict(n) => {
                let items = self.pop_n(2 * n as usize);
                let mut dict = crate::heap::Dict::default();
                for pair in items.chunks(2) {
                    let k = builtins::key_of(self, pair[0])?;
                    match dict.get_mut(&k) {
                        Some(slot) => slot.1 = pair[1],
                        None => {
                            dict.insert(k, (pair[0], pair[1]));
                        }
                    }
                }
                let id = self.heap.alloc(Obj::Dict(dict));
                self.push(Value::Obj(id));
            }
            Instr::BuildSlice(n) => {
                let items = self.pop_n(n as usize);
                let step = items.get(2).copied().unwrap_or(Value::None);
                let id = self.heap.alloc(Obj::Slice(items[0], items[1], step));
                self.push(Value::Obj(id));
            }
            Instr::BuildString(n) => {
                let items = self.pop_n(n as usize);
                let mut s = String::new();
                for v in items {
                    s.push_str(&builtins::str_of(self, v)?);
                }
                let v = self.str_value(&s);
                self.push(v);
            }
            Instr::ListAppend(depth) => {
                let v = self.pop();
                self.heap.grew(std::mem::size_of::<Value>());
                let target = self.peek_at(depth as usize);
                if let Value::Obj(id) = target
                    && let Obj::List(items) = self.heap.get_mut(id)
                {
                    items.push(v);
                }
            }
            Instr::SetAdd(depth) => {
                let v = self.pop();
                self.heap.grew(crate::memory::DICT_ENTRY);
                let target = self.peek_at(depth as usize);
                let k = builtins::key_of(self, v)?;
                if let Value::Obj(id) = target
                    && let Obj::Set(set) = self.heap.get_mut(id)
                {
                    set.entry(k).or_insert(v);
                }
            }
            Instr::DictSet(depth) => {
                let v = self.pop();
                let k = self.pop();
                let target = self.peek_at(depth as usize);
                builtins::dict_set(self, target, k, v)?;
            }
            Instr::ListExtend => {
                if self.redo_with_items(0, None)? {
                    return Ok(());
                }
                let iterable = self.pop();
                let items = builtins::collect(self, iterable)?;
                let target = self.top();
                if let Value::Obj(id) = target
                    && let Obj::List(list) = self.heap.get_mut(id)
                {
                    list.extend(items);
                }
            }
            Instr::ListToTuple => {
                if self.redo_with_items(0, None)? {
                    return Ok(());
                }
                let list = self.pop();
                let items = builtins::collect(self, list)?;
                let id = self.heap.alloc(Obj::Tuple(items));
                self.push(Value::Obj(id));
            }
            Instr::ListToSet => {
                if self.redo_with_items(0, None)? {
                    return Ok(());
                }
                let list = self.pop();
                let v = builtins::make_set(self, list)?;
                self.push(v);
            }
            Instr::DictUpdate => {
                let mapping = self.pop();
                let target = self.top();
                builtins::dict_update(self, target, mapping)?;
            }
            Instr::UnpackSequence(n) => {
                // One item more than the targets tells "too many values".
                if self.redo_with_items(0, Some(n + 1))? {
                    return Ok(());
                }
                let v = self.pop();
                let items = builtins::collect(self, v)?;
                if items.len() != n as usize {
                    return Err(if items.len() > n as usize {
                        self.error(
                            "ValueError",
                            format!("too many values to unpack (expected {n})"),
                        )
                    } else {
                        self.error(
                            "ValueError",
                            format!(
                                "not enough values to unpack (expected {n}, got {})",
                                items.len()
                            ),
                        )
                    });
                }
                for item in items.into_iter().rev() {
                    self.push(item);
                }
            }
            Instr::UnpackEx(packed) => {
                if self.redo_with_items(0, None)? {
                    return Ok(());
                }
                let before = (packed >> 16) as usize;
                let after = (packed & 0xffff) as usize;
                let v = self.pop();
                let items = builtins::collect(self, v)?;
                if items.len() < before + after {
                    return Err(self.error(
                        "ValueError",
                        format!(
                            "not enough values to unpack (expected at least {}, got {})",
                            before + after,
                            items.len()
                        ),
                    ));
                }
                let middle = items[before..items.len() - after].to_vec();
                let list = Value::Obj(self.heap.alloc(Obj::List(middle)));
                for item in items[items.len() - after..].iter().rev() {
                    self.push(*item);
                }
                self.push(list);
                for item in items[..before].iter().rev() {
                    self.push(*item);
                }
            }
            Instr::GetIter => {
                let v = self.pop();
                if let Some(native) = self.iter_call(v)? {
                    return self.finish_native(native);
                }
                let it = builtins::get_iter(self, v)?;
                self.push(it);
            }
            Instr::ForIter(target) => {
                let it = self.top();
                // `for v in channel`: a receive; StopIteration (or a
                // closing channel) leaves the loop.
                if let Some(ch) = crate::stackless::channel_of(self, it) {
                    if ch.closing() && ch.balance() <= 0 {
                        self.pop();
                        self.frame().ip = target as usize;
                        return Ok(());
                    }
                    self.for_exit = Some(target);
                    self.host_op = Some(crate::stackless::HostOp::Receive(ch));
                    return Ok(());
                }
                if let Value::Obj(g) = it
                    && matches!(self.heap.get(g), Obj::Generator(_))
                {
                    match self.resume_generator(g, Value::None, OnReturn::GenLoop(target))? {
                        true => return Ok(()),
                        false => {
                            // Already finished.
                            self.pop();
                            self.frame().gen_return = Value::None;
                            self.frame().ip = target as usize;
                            return Ok(());
                        }
                    }
                }
                if crate::classes::class_of(self, it).is_some() {
                    let Some(f) = crate::classes::dunder(self, it, "__next__") else {
                        let t = builtins::type_name(self, it);
                        return Err(
                            self.error("TypeError", format!("'{t}' object is not an iterator"))
                        );
                    };
                    return self.call_then(f, vec![it], Cont::ForNext { exit: target });
                }
                match builtins::next(self, it)? {
                    Some(v) => self.push(v),
                    None => {
                        self.pop();
                        self.frame().ip = target as usize;
                    }
                }
            }
            Instr::Call(n) => {
                if self.call_simple(n as usize)? {
                    return Ok(());
                }
                let args = self.pop_n(n as usize);
                let callee = self.pop();
                self.call(callee, args, Vec::new())?;
            }
            Instr::LoadMethod(i) => {
                let obj = self.pop();
                if let Some(f) = self.method_function(obj, i) {
                    self.push(f);
                    self.push(obj);
                } else {
                    let name = self.name(i);
                    self.push(Value::NULL);
                    return self.load_attr_op(obj, &name);
                }
            }
            Instr::CallMethod(n) => {
                let n = self.method_args(n);
                return self.step(Instr::Call(n));
            }
            Instr::CallKw(n) => {
                let names = self.pop();
                let mut args = self.pop_n(n as usize);
                let names: Vec<Rc<str>> = match names {
                    Value::Obj(id) => match self.heap.get(id) {
                        Obj::Tuple(items) => items
                            .iter()
                            .map(|v| {
                                builtins::str_content(self, *v).unwrap_or_else(|| Rc::from(""))
                            })
                            .collect(),
                        _ => Vec::new(),
                    },
                    _ => Vec::new(),
                };
                let kwvalues = args.split_off(args.len() - names.len());
                let callee = self.pop();
                self.call(callee, args, names.into_iter().zip(kwvalues).collect())?;
            }
            Instr::CallEx => {
                if self.redo_with_items(1, None)? {
                    return Ok(());
                }
                let kwargs = self.pop();
                let args = self.pop();
                let callee = self.pop();
                let args = builtins::collect(self, args)?;
                let kw = builtins::dict_items_str(self, kwargs)?;
                self.call(callee, args, kw)?;
            }
            Instr::MakeFunction(packed) => {
                let code = packed & MakeFunctionFlags::CODE;
                let closure = if packed & MakeFunctionFlags::CLOSURE != 0 {
                    let t = self.pop();
                    builtins::collect(self, t)?
                        .into_iter()
                        .filter_map(|v| match v {
                            Value::Obj(id) => Some(id),
                            _ => None,
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                let kwdefaults = if packed & MakeFunctionFlags::KWDEFAULTS != 0 {
                    let d = self.pop();
                    builtins::dict_items_str(self, d)?
                } else {
                    Vec::new()
                };
                let defaults = if packed & MakeFunctionFlags::DEFAULTS != 0 {
                    let t = self.pop();
                    builtins::collect(self, t)?
                } else {
                    Vec::new()
                };
                let module = self.frame().module;
                let id = self.heap.alloc(Obj::Function(Box::new(Function {
                    code,
                    defaults,
                    kwdefaults,
                    closure,
                    module,
                    owner: None,
                    attrs: None,
                })));
                self.push(Value::Obj(id));
            }
            Instr::Yield => {
                let v = self.pop();
                let frame = self.frames.pop().expect("a frame");
                let Some(generator_id) = frame.generator else {
                    return Err(self.error("RuntimeError", "yield outside a generator"));
                };
                if let Obj::Generator(g) = self.heap.get_mut(generator_id) {
                    g.frame = Some(frame);
                }
                if let Some(caller) = self.frames.last_mut() {
                    caller.stack.push(v);
                }
            }
            Instr::BeforeWith => {
                let ctx = self.pop();
                let (enter, exit) = match (
                    self.get_attr(ctx, "__enter__"),
                    self.get_attr(ctx, "__exit__"),
                ) {
                    (Ok(a), Ok(b)) => (a, b),
                    _ => {
                        let t = builtins::type_name(self, ctx);
                        return Err(self.error(
                            "TypeError",
                            format!("'{t}' object does not support the context manager protocol"),
                        ));
                    }
                };
                self.push(exit);
                self.call(enter, Vec::new(), Vec::new())?;
            }
            Instr::WithExit(returning) => {
                let value = if returning == 1 {
                    Some(self.pop())
                } else {
                    None
                };
                let exit = self.pop();
                self.call_then(
                    exit,
                    vec![Value::None, Value::None, Value::None],
                    Cont::Replace(value),
                )?;
            }
            Instr::WithExcept(end) => {
                let exc = self.pop();
                let exit = self.pop();
                self.frame().handling.pop();
                let class = match exc {
                    Value::Obj(id) => match self.heap.get(id) {
                        Obj::Instance(inst) => Value::Obj(inst.class),
                        _ => Value::None,
                    },
                    _ => Value::None,
                };
                let depth = self.frames.len();
                self.call_then(
                    exit,
                    vec![class, exc, Value::None],
                    Cont::WithExcept { end, exc },
                )?;
                // Inside `__exit__` the exception is the one being
                // handled (a `raise` there chains to it).
                if self.frames.len() > depth {
                    self.frame().handling.push(exc);
                }
            }
            Instr::LoadGenReturn => {
                let v = std::mem::replace(&mut self.frame().gen_return, Value::None);
                self.push(v);
            }
            Instr::Return => {
                if self.return_plain() {
                    return Ok(());
                }
                let v = self.pop();
                let frame = self.frames.pop().expect("a frame");
                if let Some(generator_id) = frame.generator
                    && let Obj::Generator(g) = self.heap.get_mut(generator_id)
                {
                    g.finished = true;
                }
                let v = match frame.on_return {
                    OnReturn::GenLoop(exit) => {
                        if let Some(caller) = self.frames.last_mut() {
                            caller.stack.pop();
                            caller.gen_return = v;
                            caller.ip = exit as usize;
                        }
                        None
                    }
                    OnReturn::GenSync => None,
                    OnReturn::Push => Some(v),
                    OnReturn::Import(module) => Some(Value::Obj(module)),
                    OnReturn::Discard => None,
                    OnReturn::Init(instance) => {
                        if v != Value::None {
                            let t = builtins::type_name(self, v);
                            // Report from the caller, as Python does.
                            return Err(self.error(
                                "TypeError",
                                format!("__init__() should return None, not '{t}'"),
                            ));
                        }
                        Some(Value::Obj(instance))
                    }
                    OnReturn::BuildClass(body) => {
                        let ns = frame.class_ns.map(|ns| *ns).unwrap_or_default();
                        let ClassBody { name, bases } = *body;
                        let class = crate::classes::build_class(self, name, bases, ns)?;
                        // A parent's `__init_subclass__` hears of it.
                        if let Some(hook) = crate::classes::init_subclass_hook(self, class) {
                            return self.call_then(hook, vec![class], Cont::Replace(Some(class)));
                        }
                        Some(class)
                    }
                    OnReturn::Cont(cont) => return self.resume(*cont, v),
                };
                if let (Some(v), Some(caller)) = (v, self.frames.last_mut()) {
                    caller.stack.push(v);
                }
            }
            Instr::Raise(kind) => return Err(self.do_raise(kind)?),
            Instr::SetupExcept(handler) => {
                let depth = self.frame().stack.len() as u32;
                self.frame().blocks.push((handler, depth));
            }
            Instr::PopBlock => {
                self.frame().blocks.pop();
            }
            Instr::PopExcept => {
                self.frame().handling.pop();
            }
            Instr::Reraise => {
                let exc = self.pop();
                self.frame().handling.pop();
                return Err(exc);
            }
            Instr::ExcMatch => {
                let class = self.pop();
                let exc = self.top();
                let m = builtins::exception_matches(self, exc, class)?;
                self.push(Value::Bool(m));
            }
            Instr::FormatValue(flags) => {
                let spec = if flags & 4 != 0 {
                    let s = self.pop();
                    builtins::str_of(self, s)?
                } else {
                    String::new()
                };
                let v = self.pop();
                // An instance's `__format__` (no conversion), or its
                // `__str__`/`__repr__` (empty spec), runs as a frame.
                if flags & 3 == 0
                    && let Some(f) = crate::classes::dunder(self, v, "__format__")
                {
                    let spec = self.str_value(&spec);
                    return self.call_then(f, vec![v, spec], Cont::Str { repr: false });
                }
                if spec.is_empty()
                    && let Some((f, repr)) = builtins::str_method(self, v, flags & 3 >= 2)
                {
                    return self.call_then(f, vec![v], Cont::Str { repr });
                }
                let v = match flags & 3 {
                    1 => {
                        let s = builtins::str_of(self, v)?;
                        self.str_value(&s)
                    }
                    2 | 3 => {
                        let s = builtins::repr_of(self, v)?;
                        self.str_value(&s)
                    }
                    _ => v,
                };
                let s = builtins::format_value(self, v, &spec)?;
                let s = self.str_value(&s);
                self.push(s);
            }
            Instr::ImportName(i) => {
                let name = self.name(i);
                if let Some(m) = self.find_module(&name) {
                    self.push(Value::Obj(m));
                } else if builtins::is_builtin_module(self, &name) {
                    let module = builtins::import(self, &name)?;
                    match builtins::prelude(self, &name) {
                        // Its script part runs in the module's namespace;
                        // the import finishes when that returns.
                        Some((file, source)) => {
                            let Value::Obj(m) = module else {
                                unreachable!("modules are objects")
                            };
                            let index = self.compile_file(file, source).map_err(|e| {
                                self.error("SyntaxError", format!("{} ({file})", e.message))
                            })?;
                            self.push_module_frame(index, m, OnReturn::Import(m));
                        }
                        None => self.push(module),
                    }
                } else {
                    self.import_script(&name)?;
                }
            }
            Instr::RaiseAssert(has_msg) => {
                let args = if has_msg == 1 {
                    vec![self.pop()]
                } else {
                    Vec::new()
                };
                let class = self.exc_class("AssertionError");
                return Err(self.instantiate_exception(class, args));
            }
        }
        Ok(())
    }

    fn name(&self, i: u32) -> Rc<str> {
        let code = self.frames.last().expect("a frame").code as usize;
        self.codes[code].names[i as usize].clone()
    }

    fn cell_name(&self, i: u32) -> Rc<str> {
        let code = &self.codes[self.frames.last().expect("a frame").code as usize];
        let i = i as usize;
        if i < code.cellvars.len() {
            code.cellvars[i].clone()
        } else {
            code.freevars[i - code.cellvars.len()].clone()
        }
    }

    fn pop_n(&mut self, n: usize) -> Vec<Value> {
        let s = &mut self.frame().stack;
        let at = s.len() - n;
        s.split_off(at)
    }

    fn peek_at(&mut self, depth: usize) -> Value {
        let s = &self.frame().stack;
        s[s.len() - 1 - depth]
    }

    fn do_raise(&mut self, kind: u32) -> Result<Exc, Exc> {
        let handling = self.frame().handling.last().copied();
        match kind {
            0 => match handling {
                Some(exc) => Ok(exc),
                None => Ok(self.error("RuntimeError", "No active exception to reraise")),
            },
            _ => {
                let cause = if kind == 2 { Some(self.pop()) } else { None };
                let v = self.pop();
                let exc = self.make_exception(v)?;
                if let Some(cause) = cause {
                    let cause = if cause == Value::None {
                        Value::None
                    } else {
                        self.make_exception(cause)?
                    };
                    self.set_exc_attr(exc, "__cause__", cause);
                    self.set_exc_attr(exc, "__suppress_context__", Value::Bool(true));
                }
                if let Some(context) = handling
                    && context != exc
                {
                    self.set_exc_attr(exc, "__context__", context);
                }
                Ok(exc)
            }
        }
    }

    fn set_exc_attr(&mut self, exc: Exc, name: &str, v: Value) {
        if let Value::Obj(id) = exc
            && let Obj::Instance(inst) = self.heap.get_mut(id)
        {
            inst.attrs.insert(Rc::from(name), v);
        }
    }

    /// Turns what `raise` was given (a class or an instance) into an
    /// exception instance.
    fn make_exception(&mut self, v: Value) -> Result<Exc, Exc> {
        if let Value::Obj(id) = v {
            match self.heap.get(id) {
                Obj::Class(c) if c.is_exception => {
                    return Ok(self.instantiate_exception(id, Vec::new()));
                }
                Obj::Instance(inst) => {
                    let class = inst.class;
                    if matches!(self.heap.get(class), Obj::Class(c) if c.is_exception) {
                        return Ok(v);
                    }
                }
                _ => {}
            }
        }
        Err(self.error("TypeError", "exceptions must derive from BaseException"))
    }

    // ---- calls ------------------------------------------------------------------

    /// Calls `callee`: a script function gets a new frame (its result is
    /// pushed when it returns); anything else runs now and its result is
    /// pushed.
    pub(crate) fn call(
        &mut self,
        callee: Value,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<(), Exc> {
        let Value::Obj(id) = callee else {
            let t = builtins::type_name(self, callee);
            return Err(self.error("TypeError", format!("'{t}' object is not callable")));
        };
        match self.heap.get(id) {
            Obj::Function(f) => {
                let f = f.clone();
                self.push_frame(id, &f, args, kwargs)
            }
            Obj::Builtin(b) => {
                let b = *b;
                self.call_native(callee, args, kwargs, |vm, args, kwargs| {
                    builtins::call_builtin(vm, b, None, args, kwargs)
                })
            }
            Obj::Unbound(b) => {
                let b = *b;
                if args.is_empty() {
                    let name = builtins::unbound_name(self, b);
                    return Err(self.error(
                        "TypeError",
                        format!("unbound method {name}() needs an argument"),
                    ));
                }
                self.call_native(callee, args, kwargs, |vm, mut args, kwargs| {
                    let receiver = args.remove(0);
                    builtins::check_receiver(vm, b, receiver)?;
                    builtins::call_builtin(vm, b, Some(receiver), args, kwargs)
                })
            }
            Obj::Method(receiver, b) => {
                let (receiver, b) = (*receiver, *b);
                self.call_native(callee, args, kwargs, |vm, args, kwargs| {
                    builtins::call_builtin(vm, b, Some(receiver), args, kwargs)
                })
            }
            Obj::Type(kind) => {
                let kind = *kind;
                if let Some(native) = builtins::construct_with_script(self, kind, &args, &kwargs)? {
                    return self.finish_native(native);
                }
                self.call_native(callee, args, kwargs, |vm, args, kwargs| {
                    builtins::construct(vm, kind, args, kwargs).map(builtins::Native::Value)
                })
            }
            Obj::Class(_) => crate::classes::instantiate(self, id, args, kwargs),
            Obj::Tasklet(_) => {
                let v = crate::stackless::setup(self, id, args, kwargs)?;
                self.push(v);
                Ok(())
            }
            Obj::Instance(_) if crate::classes::dunder(self, callee, "__call__").is_some() => {
                let f = crate::classes::dunder(self, callee, "__call__").expect("checked");
                let mut full = Vec::with_capacity(args.len() + 1);
                full.push(callee);
                full.extend(args);
                self.call(f, full, kwargs)
            }
            Obj::BoundMethod(receiver, func) => {
                let (receiver, func) = (*receiver, *func);
                let mut full = Vec::with_capacity(args.len() + 1);
                full.push(receiver);
                full.extend(args);
                self.call(func, full, kwargs)
            }
            _ => {
                let t = builtins::type_name(self, callee);
                Err(self.error("TypeError", format!("'{t}' object is not callable")))
            }
        }
    }

    pub(crate) fn finish_native(&mut self, result: Native) -> Result<(), Exc> {
        match result {
            Native::Value(v) => {
                self.push(v);
                Ok(())
            }
            Native::Host(op) => {
                self.host_op = Some(op);
                Ok(())
            }
            Native::Call(callee, args) => self.call(callee, args, Vec::new()),
            Native::CallThen(callee, args, cont) => self.call_then(callee, args, cont),
            Native::Next(it, default) => self.next_op(it, default),
            Native::Send(g, v) => self.send_op(g, v),
        }
    }

    /// Runs a built-in, and when it meets an iterable that only script
    /// code can walk, has a frame turn it into a list and calls the
    /// built-in again with the list.
    fn call_native(
        &mut self,
        callee: Value,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
        run: impl FnOnce(&mut Vm, Vec<Value>, Vec<(Rc<str>, Value)>) -> Result<builtins::Native, Exc>,
    ) -> Result<(), Exc> {
        let kept = args
            .iter()
            .any(|v| script_iterable(self, *v))
            .then(|| (args.clone(), kwargs.clone()));
        match run(self, args, kwargs) {
            Ok(result) => self.finish_native(result),
            Err(e) => match self.materialize.take() {
                Some((it, sentinel)) if sentinel == e => {
                    let found = kept.and_then(|(args, kwargs)| {
                        let index = args.iter().position(|a| *a == it)?;
                        Some((args, kwargs, index as u32))
                    });
                    match found {
                        Some((args, kwargs, index)) => self.materialize_then(
                            it,
                            Cont::Recall {
                                callee,
                                args,
                                kwargs,
                                index,
                            },
                        ),
                        None => {
                            let t = builtins::type_name(self, it);
                            Err(self.error(
                                "NotImplementedError",
                                format!("a built-in cannot iterate a '{t}' held inside another object here; pass it directly or as a list"),
                            ))
                        }
                    }
                }
                _ => Err(e),
            },
        }
    }

    /// The error for a scheduler operation made where the thread cannot
    /// stop (inside a script function called by a built-in).
    fn cannot_block(&mut self) -> Exc {
        self.host_op = None;
        self.error(
            "RuntimeError",
            "a tasklet cannot switch inside a function called by a built-in (sorted's key, map, __str__...)",
        )
    }

    /// The scheduler operation the thread stopped for.
    ///
    /// # Panics
    /// If the last run did not end with [`Status::Blocked`].
    pub(crate) fn take_host_op(&mut self) -> crate::stackless::HostOp {
        self.host_op
            .take()
            .expect("a blocked thread has an operation")
    }

    /// A new, empty thread for a tasklet; returns its slot.
    pub(crate) fn new_thread(&mut self) -> u32 {
        let thread = Thread {
            frames: Vec::new(),
            for_exit: None,
            tasklet: None,
            finish: None,
            owner: None,
        };
        match self.free_threads.pop() {
            Some(i) => {
                self.threads[i as usize] = Some(thread);
                i
            }
            None => {
                self.threads.push(Some(thread));
                (self.threads.len() - 1) as u32
            }
        }
    }

    /// Records the engine tasklet that runs `thread`.
    pub(crate) fn set_thread_tasklet(&mut self, thread: u32, tasklet: u64) {
        if let Some(Some(t)) = self.threads.get_mut(thread as usize) {
            t.tasklet = Some(tasklet);
        }
    }

    /// A copy of `thread`'s frames, and the value the operation it
    /// switched away in returns (`Err` for one that returns more than a
    /// value: a receive, a watchdog run).
    pub(crate) fn thread_state(&self, thread: u32) -> (Vec<Frame>, Option<Suspended>, Option<u32>) {
        match self.threads.get(thread as usize) {
            Some(Some(t)) => (
                t.frames.clone(),
                t.finish.as_ref().map(|f| match f {
                    crate::stackless::Finish::Tempval => Suspended::ReturnsTempval,
                    f => match (f.value(), f.channel_id()) {
                        (Some(v), _) => Suspended::Returns(v),
                        (None, Some(ch)) => Suspended::Receives(ch),
                        (None, None) => Suspended::Other,
                    },
                }),
                t.for_exit,
            ),
            _ => (Vec::new(), None, None),
        }
    }

    /// The channel object whose engine channel has the id `id`.
    pub(crate) fn channel_object(&self, id: u64) -> Option<ObjId> {
        self.heap.iter().find_map(|(o, obj)| match obj {
            Obj::Channel(c) if c.chan.id() == id => Some(o),
            _ => None,
        })
    }

    /// Gives the tasklet object `id` (already bound) the frames of a
    /// loaded tasklet and makes it alive and paused.
    pub(crate) fn restore_tasklet(
        &mut self,
        id: ObjId,
        frames: Vec<Frame>,
        finish: Option<crate::stackless::Finish>,
        for_exit: Option<u32>,
    ) -> Result<(), Exc> {
        let Obj::Tasklet(t) = self.heap.get(id) else {
            return Err(self.error("TypeError", "not a tasklet"));
        };
        let (thread, handle) = (t.thread, t.handle);
        let Some(handle) = handle else {
            return Err(self.error("RuntimeError", shoal_engine::msg::RUN_DEAD));
        };
        if let Some(Some(t)) = self.threads.get_mut(thread as usize) {
            t.frames = frames;
            t.finish = finish;
            t.for_exit = for_exit;
            t.tasklet = Some(handle.id());
        }
        handle
            .setup()
            .and_then(|()| handle.remove())
            .map_err(|e| self.error_to_exc(&e))
    }

    /// Every module object (main first).
    pub(crate) fn module_ids(&self) -> Vec<ObjId> {
        self.main_module
            .into_iter()
            .chain(self.modules.iter().map(|(_, m)| *m))
            .collect()
    }

    /// The module called `name` (`__main__` is the main script).
    pub(crate) fn module_by_name(&mut self, name: &str) -> Option<ObjId> {
        if name == "__main__" {
            return self.main_module;
        }
        if let Some(m) = self.find_module(name) {
            return Some(m);
        }
        if builtins::is_builtin_module(self, name) && builtins::prelude(self, name).is_none() {
            return builtins::import(self, name).ok().and_then(|v| match v {
                Value::Obj(m) => Some(m),
                _ => None,
            });
        }
        None
    }

    /// The saved parts of `thread`: frames, the operation it switched away
    /// in, and the exit of a `for` loop over a channel it waits in.
    pub(crate) fn thread_parts(
        &self,
        thread: u32,
    ) -> Option<(&[Frame], Option<&crate::stackless::Finish>, Option<u32>)> {
        match self.threads.get(thread as usize) {
            Some(Some(t)) => Some((&t.frames, t.finish.as_ref(), t.for_exit)),
            _ => None,
        }
    }

    /// Puts saved parts back into `thread` (see [`Vm::thread_parts`]).
    pub(crate) fn set_thread_parts(
        &mut self,
        thread: u32,
        frames: Vec<Frame>,
        finish: Option<crate::stackless::Finish>,
        for_exit: Option<u32>,
    ) {
        if let Some(Some(t)) = self.threads.get_mut(thread as usize) {
            t.frames = frames;
            t.finish = finish;
            t.for_exit = for_exit;
        }
    }

    /// Takes the operation `thread` switched away in.
    pub(crate) fn take_finish(&mut self, thread: u32) -> Option<crate::stackless::Finish> {
        match self.threads.get_mut(thread as usize) {
            Some(Some(t)) => t.finish.take(),
            _ => None,
        }
    }

    /// Records the operation `thread` switched away in.
    pub(crate) fn set_finish(&mut self, thread: u32, finish: crate::stackless::Finish) {
        if let Some(Some(t)) = self.threads.get_mut(thread as usize) {
            t.finish = Some(finish);
        }
    }

    /// Makes `thread` the running one (its frames in `frames`).
    pub(crate) fn enter_thread(&mut self, thread: u32) {
        if let Some(Some(t)) = self.threads.get_mut(thread as usize) {
            std::mem::swap(&mut self.frames, &mut t.frames);
            std::mem::swap(&mut self.for_exit, &mut t.for_exit);
            self.running_thread = thread;
        }
    }

    /// Puts `thread`'s frames back (undoes [`Vm::enter_thread`]).
    pub(crate) fn leave_thread(&mut self, thread: u32) {
        if let Some(Some(t)) = self.threads.get_mut(thread as usize) {
            std::mem::swap(&mut self.frames, &mut t.frames);
            std::mem::swap(&mut self.for_exit, &mut t.for_exit);
            self.running_thread = 0;
        }
    }

    /// The owner tag of the running script tasklet, if it has one (see
    /// [`Vm::start_owned_tasklet`]).
    pub fn current_owner(&self) -> Option<u64> {
        match self.threads.get(self.running_thread as usize) {
            Some(Some(t)) if self.running_thread != 0 => t.owner,
            _ => None,
        }
    }

    /// The engine tasklet running `thread`.
    pub(crate) fn thread_tasklet(&self, thread: u32) -> Option<u64> {
        match self.threads.get(thread as usize) {
            Some(Some(t)) => t.tasklet,
            _ => None,
        }
    }

    /// The owner tag of `thread`'s tasklet.
    pub(crate) fn thread_owner(&self, thread: u32) -> Option<u64> {
        match self.threads.get(thread as usize) {
            Some(Some(t)) => t.owner,
            _ => None,
        }
    }

    /// Records the owner tag of `thread`'s tasklet.
    pub(crate) fn set_thread_owner(&mut self, thread: u32, owner: Option<u64>) {
        if let Some(Some(t)) = self.threads.get_mut(thread as usize) {
            t.owner = owner;
        }
    }

    /// Source files the program carries (path, text): `import` and
    /// snapshot loading look here before the file system.
    pub fn set_embedded_sources(&mut self, files: Rc<[(String, String)]>) {
        self.embedded = files;
    }

    /// The text of `path`: embedded, else read from disk.
    pub(crate) fn source_of(embedded: &[(String, String)], path: &str) -> std::io::Result<String> {
        match embedded.iter().find(|(p, _)| p == path) {
            Some((_, text)) => Ok(text.clone()),
            None => std::fs::read_to_string(path),
        }
    }

    /// Drops a finished thread.
    pub(crate) fn end_thread(&mut self, thread: u32) {
        if thread == 0 {
            return;
        }
        if let Some(Some(t)) = self.threads.get_mut(thread as usize) {
            // The object stays known (callbacks may still name it) until
            // the next collection.
            if let Some(id) = t.tasklet {
                self.ended_tasklets.push(id);
            }
            self.threads[thread as usize] = None;
            self.free_threads.push(thread);
        }
    }

    /// Whether `f` is a script function (or one bound to an object) that
    /// a tasklet can run.
    pub(crate) fn is_script_function(&self, f: Value) -> bool {
        let f = match f {
            Value::Obj(id) => match self.heap.get(id) {
                Obj::BoundMethod(_, g) => *g,
                _ => f,
            },
            _ => return false,
        };
        matches!(f, Value::Obj(id) if matches!(self.heap.get(id),
            Obj::Function(func) if !self.codes[func.code as usize].is_generator))
    }

    /// Gives `thread` its first frame: `func(*args, **kwargs)`, whose
    /// return ends the thread.
    pub(crate) fn start_thread(
        &mut self,
        thread: u32,
        func: Value,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<(), Exc> {
        if !self.is_script_function(func) {
            return Err(self.error("TypeError", "the tasklet has no script function bound"));
        }
        // The slot must still be this tasklet's: a finished tasklet's slot
        // may belong to another one by now.
        let owner = match self.threads.get(thread as usize) {
            Some(Some(t)) if thread != 0 => t.tasklet,
            _ => return Err(self.error("RuntimeError", shoal_engine::msg::RUN_DEAD)),
        };
        if owner.is_some() {
            return Err(self.error("RuntimeError", shoal_engine::msg::RUN_DEAD));
        }
        // Started from a running tasklet's built-in call: that one is the
        // running thread again afterwards.
        let outer = self.running_thread;
        self.enter_thread(thread);
        self.frames.clear();
        // A tasklet often blocks in its first frame: room for that one
        // only (a Vec would reserve four 192-byte frames).
        self.frames.reserve_exact(1);
        let called = self.call(func, args, kwargs);
        if let Some(f) = self.frames.first_mut() {
            f.on_return = OnReturn::Discard;
        }
        self.leave_thread(thread);
        self.running_thread = outer;
        called
    }

    /// Leaves a `for` loop over a channel (the receive ended it); false
    /// if no loop was waiting.
    pub(crate) fn end_channel_loop(&mut self) -> bool {
        match self.for_exit.take() {
            Some(target) => {
                let frame = self.frame();
                frame.stack.pop();
                frame.ip = target as usize;
                frame.gen_return = Value::None;
                true
            }
            None => false,
        }
    }

    /// Raises `exc` in the running thread's innermost frame; `Err` if
    /// nothing catches it.
    pub(crate) fn raise_in_thread(&mut self, exc: Exc) -> Result<(), Exc> {
        if self.frames.is_empty() {
            return Err(exc);
        }
        self.unwind(exc, 0)
    }

    /// Whether `name` is a built-in exception class.
    pub(crate) fn has_exc_class(&self, name: &str) -> bool {
        self.exc_classes.iter().any(|(n, _)| *n == name)
    }

    /// The static name of the built-in exception class `name`.
    pub(crate) fn exc_class_name(&self, name: &str) -> &'static str {
        self.exc_classes
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("RuntimeError", |(n, _)| *n)
    }

    /// `Call(n)` of a script function that takes exactly `n` positional
    /// parameters and nothing else to bind: the arguments move from the
    /// caller's stack into a recycled frame. `false` if the call is not
    /// that simple (nothing has changed then).
    fn call_simple(&mut self, n: usize) -> Result<bool, Exc> {
        let caller = self.frames.last_mut().expect("a frame");
        let at = caller.stack.len() - n - 1;
        let Value::Obj(id) = caller.stack[at] else {
            return Ok(false);
        };
        let Obj::Function(f) = self.heap.get(id) else {
            return Ok(false);
        };
        let code = &self.codes[f.code as usize];
        if code.argcount as usize != n
            || code.kwonlycount != 0
            || code.varargs
            || code.varkw
            || !code.cellvars.is_empty()
            || code.is_generator
        {
            return Ok(false);
        }
        if self.frames.len() >= self.recursion_limit {
            return Err(self.error("RecursionError", "maximum recursion depth exceeded"));
        }
        let (stack, mut locals) = self
            .frame_pool
            .pop()
            .unwrap_or_else(|| (Vec::with_capacity(8), Vec::new()));
        let caller = self.frames.last_mut().expect("a frame");
        locals.extend(caller.stack.drain(at + 1..).map(Some));
        locals.resize(code.varnames.len(), None);
        caller.stack.pop();
        self.frames.push(Frame {
            code: f.code,
            ip: 0,
            stack,
            locals,
            cells: f.closure.clone(),
            blocks: Vec::new(),
            handling: Vec::new(),
            module: f.module,
            func: Some(id),
            class_ns: None,
            on_return: OnReturn::Push,
            generator: None,
            gen_return: Value::None,
        });
        Ok(true)
    }

    /// The script function `names[i]` of `obj`'s class when `obj.name`
    /// would be it bound to `obj` (no instance attribute hides it).
    #[inline]
    fn method_function(&self, obj: Value, i: u32) -> Option<Value> {
        let Value::Obj(id) = obj else { return None };
        let Obj::Instance(inst) = self.heap.get(id) else {
            return None;
        };
        let frame = self.frames.last().expect("a frame");
        let name = &self.codes[frame.code as usize].names[i as usize];
        if inst.attrs.contains_key(name) {
            return None;
        }
        let f = crate::classes::class_attr(self, inst.class, name)?;
        match f {
            Value::Obj(fid) if matches!(self.heap.get(fid), Obj::Function(_)) => Some(f),
            _ => None,
        }
    }

    /// Turns the stack of `CallMethod(n)` into that of a plain call;
    /// returns its argument count.
    #[inline]
    fn method_args(&mut self, n: u32) -> u32 {
        plain_call_args(&mut self.frames.last_mut().expect("a frame").stack, n)
    }

    /// `Return` from a frame whose value simply goes to its caller: pops
    /// it, pushes the value and recycles the frame. `false` (nothing
    /// done) for any other frame.
    #[inline(always)]
    fn return_plain(&mut self) -> bool {
        let frame = self.frames.last().expect("a frame");
        if !matches!(frame.on_return, OnReturn::Push) || frame.generator.is_some() {
            return false;
        }
        let mut frame = self.frames.pop().expect("a frame");
        let v = frame.stack.pop().expect("a return value");
        if let Some(caller) = self.frames.last_mut() {
            caller.stack.push(v);
        }
        self.recycle(frame);
        true
    }

    /// Keeps a finished frame's allocations for the next call.
    fn recycle(&mut self, frame: Frame) {
        if self.frame_pool.len() < 256 {
            let Frame {
                mut stack,
                mut locals,
                ..
            } = frame;
            stack.clear();
            locals.clear();
            self.frame_pool.push((stack, locals));
        }
    }

    /// `NameError` for `name`, with the closest name the running code
    /// could have meant (its variables, then globals, then builtins),
    /// shown in the traceback as CPython does.
    fn name_error(&mut self, name: &str) -> Exc {
        let exc = self.error("NameError", format!("name '{name}' is not defined"));
        let frame = self.frames.last().expect("a frame");
        let code = &self.codes[frame.code as usize];
        let globals = match self.heap.get(frame.module) {
            Obj::Module(m) => Some(&m.attrs),
            _ => None,
        };
        let found = crate::suggest::suggestion(name, code.varnames.iter().map(|n| &**n))
            .or_else(|| {
                globals.and_then(|g| crate::suggest::suggestion(name, g.keys().map(|n| &**n)))
            })
            .or_else(|| crate::suggest::suggestion(name, self.builtins.keys().map(|n| &**n)))
            .map(str::to_owned);
        if let Some(s) = found {
            let v = self.str_value(&s);
            self.set_exc_attr(exc, SUGGESTION, v);
        }
        exc
    }

    /// `del obj.name`.
    fn delete_attr(&mut self, obj: Value, name: &str) -> Result<(), Exc> {
        if let Value::Obj(id) = obj {
            let removed = match self.heap.get_mut(id) {
                Obj::Instance(inst) => Some(inst.attrs.shift_remove(name).is_some()),
                Obj::Class(c) => Some(c.attrs.shift_remove(name).is_some()),
                Obj::Module(m) => Some(m.attrs.shift_remove(name).is_some()),
                Obj::Function(f) => Some(
                    f.attrs
                        .as_mut()
                        .is_some_and(|a| a.shift_remove(name).is_some()),
                ),
                _ => None,
            };
            match removed {
                Some(true) => return Ok(()),
                Some(false) => {
                    let msg = match self.heap.get(id) {
                        Obj::Class(c) => {
                            format!("type object '{}' has no attribute '{name}'", c.name)
                        }
                        Obj::Module(m) => format!("module '{}' has no attribute '{name}'", m.name),
                        _ => format!(
                            "'{}' object has no attribute '{name}'",
                            builtins::type_name(self, obj)
                        ),
                    };
                    return Err(self.error("AttributeError", msg));
                }
                None => {}
            }
        }
        let t = builtins::type_name(self, obj);
        Err(self.error(
            "AttributeError",
            format!("attribute '{name}' of '{t}' objects is not writable"),
        ))
    }

    pub(crate) fn push_frame(
        &mut self,
        func_id: ObjId,
        f: &Function,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<(), Exc> {
        if self.frames.len() >= self.recursion_limit {
            return Err(self.error("RecursionError", "maximum recursion depth exceeded"));
        }
        let code = &self.codes[f.code as usize];
        let nlocals = code.varnames.len();
        let argcount = code.argcount as usize;
        // The common call: exactly the positional parameters, nothing else
        // to bind.
        if kwargs.is_empty()
            && args.len() == argcount
            && code.kwonlycount == 0
            && !code.varargs
            && !code.varkw
            && code.cellvars.is_empty()
            && !code.is_generator
        {
            let mut locals: Vec<Option<Value>> = Vec::with_capacity(nlocals);
            locals.extend(args.into_iter().map(Some));
            locals.resize(nlocals, None);
            self.frames.push(Frame {
                code: f.code,
                ip: 0,
                stack: Vec::with_capacity(8),
                locals,
                cells: f.closure.clone(),
                blocks: Vec::new(),
                handling: Vec::new(),
                module: f.module,
                func: Some(func_id),
                class_ns: None,
                on_return: OnReturn::Push,
                generator: None,
                gen_return: Value::None,
            });
            return Ok(());
        }
        let mut locals: Vec<Option<Value>> = vec![None; nlocals];
        let name = code.name.clone();
        let qual = code.qualname.clone();
        // Positional arguments.
        let npos = args.len().min(argcount);
        for (i, v) in args.iter().take(npos).enumerate() {
            locals[i] = Some(*v);
        }
        let extra: Vec<Value> = args.iter().skip(argcount).copied().collect();
        let mut slot = argcount + code.kwonlycount as usize;
        if code.varargs {
            let t = self.heap.alloc(Obj::Tuple(extra.clone()));
            locals[slot] = Some(Value::Obj(t));
            slot += 1;
        } else if !extra.is_empty() {
            let given = args.len();
            let takes = if f.defaults.is_empty() {
                format!("{argcount}")
            } else {
                format!("from {} to {argcount}", argcount - f.defaults.len())
            };
            let s = if argcount == 1 && f.defaults.is_empty() {
                ""
            } else {
                "s"
            };
            return Err(self.error(
                "TypeError",
                format!(
                    "{qual}() takes {takes} positional argument{s} but {given} {} given",
                    if given == 1 { "was" } else { "were" }
                ),
            ));
        }
        let code = &self.codes[f.code as usize];
        let mut extra_kw: Vec<(Rc<str>, Value)> = Vec::new();
        for (k, v) in kwargs {
            let pos = code.varnames[..argcount + code.kwonlycount as usize]
                .iter()
                .position(|n| *n == k);
            match pos {
                Some(i) => {
                    if locals[i].is_some() {
                        return Err(self.error(
                            "TypeError",
                            format!("{qual}() got multiple values for argument '{k}'"),
                        ));
                    }
                    locals[i] = Some(v);
                }
                None if code.varkw => extra_kw.push((k, v)),
                None => {
                    return Err(self.error(
                        "TypeError",
                        format!("{qual}() got an unexpected keyword argument '{k}'"),
                    ));
                }
            }
        }
        let code = &self.codes[f.code as usize];
        if code.varkw {
            let mut dict = crate::heap::Dict::default();
            for (k, v) in extra_kw {
                let kv = Value::Obj(self.heap.alloc(Obj::Str(k.clone())));
                dict.insert(Key::Str(k), (kv, v));
            }
            let d = self.heap.alloc(Obj::Dict(dict));
            locals[slot] = Some(Value::Obj(d));
        }
        // Defaults for the missing ones.
        let code = &self.codes[f.code as usize];
        let first_default = argcount - f.defaults.len();
        let mut missing = Vec::new();
        for (i, local) in locals.iter_mut().enumerate().take(argcount) {
            if local.is_none() {
                if i >= first_default {
                    *local = Some(f.defaults[i - first_default]);
                } else {
                    missing.push(code.varnames[i].clone());
                }
            }
        }
        let kwonly = argcount..argcount + code.kwonlycount as usize;
        for (local, name) in locals[kwonly.clone()]
            .iter_mut()
            .zip(&code.varnames[kwonly])
        {
            if local.is_none() {
                match f.kwdefaults.iter().find(|(n, _)| n == name) {
                    Some((_, v)) => *local = Some(*v),
                    None => missing.push(name.clone()),
                }
            }
        }
        if !missing.is_empty() {
            let names: Vec<String> = missing.iter().map(|n| format!("'{n}'")).collect();
            let list = match names.len() {
                1 => names[0].clone(),
                2 => format!("{} and {}", names[0], names[1]),
                _ => format!(
                    "{}, and {}",
                    names[..names.len() - 1].join(", "),
                    names[names.len() - 1]
                ),
            };
            let s = if missing.len() == 1 { "" } else { "s" };
            let _ = name;
            return Err(self.error(
                "TypeError",
                format!(
                    "{qual}() missing {} required positional argument{s}: {list}",
                    missing.len()
                ),
            ));
        }
        // Cells: own cell variables (parameters copied in), then the closure.
        let mut cells = Vec::with_capacity(code.cellvars.len() + f.closure.len());
        for ci in 0..code.cellvars.len() {
            let initial = code
                .cell_params
                .iter()
                .find(|(c, _)| *c as usize == ci)
                .and_then(|(_, li)| locals[*li as usize]);
            let id = self.heap.alloc(Obj::Cell(Value::None));
            let v = initial.unwrap_or(Value::Obj(id));
            *self.heap.get_mut(id) = Obj::Cell(v);
            cells.push(id);
        }
        cells.extend(f.closure.iter().copied());
        let frame = Frame {
            code: f.code,
            ip: 0,
            stack: Vec::new(),
            locals,
            cells,
            blocks: Vec::new(),
            handling: Vec::new(),
            module: f.module,
            func: Some(func_id),
            class_ns: None,
            on_return: OnReturn::Push,
            generator: None,
            gen_return: Value::None,
        };
        let code = &self.codes[f.code as usize];
        if code.is_generator {
            let name = code.name.clone();
            let generator_id = self
                .heap
                .alloc(Obj::Generator(Box::new(crate::heap::Generator {
                    frame: Some(frame),
                    started: false,
                    finished: false,
                    name,
                })));
            self.push(Value::Obj(generator_id));
        } else {
            self.frames.push(frame);
        }
        Ok(())
    }

    // ---- attributes ----------------------------------------------------------------

    fn get_attr(&mut self, obj: Value, name: &str) -> Result<Value, Exc> {
        if let Value::Obj(id) = obj {
            match self.heap.get(id) {
                Obj::Module(m) => {
                    if let Some(v) = m.attrs.get(name) {
                        return Ok(*v);
                    }
                    let mname = m.name.clone();
                    return Err(self.error(
                        "AttributeError",
                        format!("module '{mname}' has no attribute '{name}'"),
                    ));
                }
                Obj::Instance(inst) => {
                    if let Some(v) = inst.attrs.get(name) {
                        return Ok(*v);
                    }
                    let class = inst.class;
                    if let Some(v) = crate::classes::class_attr(self, class, name) {
                        let bound = crate::classes::bind(self, v, obj, class);
                        // A property raising AttributeError falls back on
                        // `__getattr__`.
                        if let Err(e) = bound
                            && let Some(getattr) =
                                crate::classes::class_attr(self, class, "__getattr__")
                            && self.exc_is(e, "AttributeError")?
                        {
                            let n = self.str_value(name);
                            return self.call_sync(getattr, vec![obj, n]);
                        }
                        return bound;
                    }
                    if name == "__class__" {
                        return Ok(Value::Obj(class));
                    }
                    if let Some(getattr) = crate::classes::class_attr(self, class, "__getattr__") {
                        let n = self.str_value(name);
                        return self.call_sync(getattr, vec![obj, n]);
                    }
                }
                Obj::Function(f) if let Some(v) = f.attrs.as_ref().and_then(|a| a.get(name)) => {
                    return Ok(*v);
                }
                Obj::Function(f) if name == "__doc__" => {
                    let doc = self.codes[f.code as usize].doc.clone();
                    return Ok(match doc {
                        Some(d) => self.str_value(&d),
                        None => Value::None,
                    });
                }
                Obj::Function(f) if name == "__name__" || name == "__qualname__" => {
                    let code = &self.codes[f.code as usize];
                    let n = if name == "__name__" {
                        code.name.clone()
                    } else {
                        code.qualname.clone()
                    };
                    return Ok(self.str_value(&n));
                }
                Obj::Class(c) if name == "__name__" => {
                    let n = c.name.clone();
                    return Ok(self.str_value(&n));
                }
                Obj::Class(_) if name == "__mro__" || name == "__bases__" => {
                    let items = builtins::class_lineage(self, obj, name == "__mro__");
                    return Ok(Value::Obj(self.heap.alloc(Obj::Tuple(items))));
                }
                Obj::Class(_) if name == "mro" => {
                    let b = builtins::internal(self, "mro");
                    return Ok(Value::Obj(self.heap.alloc(Obj::Method(obj, b))));
                }
                Obj::Class(_) => {
                    if let Some(v) = crate::classes::class_attr(self, id, name) {
                        return Ok(
                            match self.heap.get(match v {
                                Value::Obj(f) => f,
                                _ => return Ok(v),
                            }) {
                                Obj::StaticMethod(f) => *f,
                                Obj::ClassMethod(f) => {
                                    let f = *f;
                                    Value::Obj(self.heap.alloc(Obj::BoundMethod(obj, f)))
                                }
                                _ => v,
                            },
                        );
                    }
                    let cname = match self.heap.get(id) {
                        Obj::Class(c) => c.name.clone(),
                        _ => Rc::from("?"),
                    };
                    return Err(self.error(
                        "AttributeError",
                        format!("type object '{cname}' has no attribute '{name}'"),
                    ));
                }
                Obj::Super(class, inner) => {
                    let (class, inner) = (*class, *inner);
                    return crate::classes::super_attr(self, class, inner, name);
                }
                Obj::File(_) => {
                    if let Some(v) = crate::files::file_attr(self, id, name) {
                        return Ok(v);
                    }
                }
                Obj::Tasklet(_) => {
                    if let Some(v) = crate::stackless::tasklet_attr(self, id, name) {
                        return Ok(v);
                    }
                }
                Obj::Channel(_) => {
                    if let Some(v) = crate::stackless::channel_attr(self, id, name) {
                        return Ok(v);
                    }
                }
                Obj::Type(kind) if name == "__name__" => {
                    let n = kind.name();
                    return Ok(self.str_value(n));
                }
                Obj::Type(kind) => {
                    let kind = *kind;
                    if let Some(b) = builtins::type_method(self, kind, name) {
                        return Ok(Value::Obj(self.heap.alloc(Obj::Unbound(b))));
                    }
                }
                _ => {}
            }
        }
        if let Some(method) = builtins::method(self, obj, name) {
            let id = self.heap.alloc(Obj::Method(obj, method));
            return Ok(Value::Obj(id));
        }
        let t = builtins::type_name(self, obj);
        Err(self.error(
            "AttributeError",
            format!("'{t}' object has no attribute '{name}'"),
        ))
    }

    fn set_attr(&mut self, obj: Value, name: &str, v: Value) -> Result<(), Exc> {
        if let Value::Obj(id) = obj {
            if crate::stackless::set_tasklet_attr(self, id, name, v)
                || crate::stackless::set_channel_attr(self, id, name, v)
            {
                return Ok(());
            }
            if let Obj::Instance(inst) = self.heap.get(id) {
                let class = inst.class;
                if let Some(Value::Obj(p)) = crate::classes::class_attr(self, class, name)
                    && let Obj::Property(_, setter) = self.heap.get(p)
                {
                    let setter = *setter;
                    if setter == Value::None {
                        return Err(self.error(
                            "AttributeError",
                            format!(
                                "property '{name}' of '{}' object has no setter",
                                builtins::type_name(self, obj)
                            ),
                        ));
                    }
                    self.call_sync(setter, vec![obj, v])?;
                    return Ok(());
                }
            }
            match self.heap.get_mut(id) {
                Obj::Instance(inst) => {
                    match inst.attrs.get_mut(name) {
                        Some(slot) => *slot = v,
                        None => {
                            inst.attrs.insert(Rc::from(name), v);
                        }
                    }
                    return Ok(());
                }
                Obj::Class(c) => {
                    c.attrs.insert(Rc::from(name), v);
                    return Ok(());
                }
                Obj::Module(m) => {
                    m.attrs.insert(Rc::from(name), v);
                    return Ok(());
                }
                Obj::Function(f) => {
                    f.attrs.get_or_insert_default().insert(Rc::from(name), v);
                    return Ok(());
                }
                _ => {}
            }
        }
        let t = builtins::type_name(self, obj);
        Err(self.error(
            "AttributeError",
            format!("'{t}' object has no attribute '{name}'"),
        ))
    }

    // ---- reporting ----------------------------------------------------------------------

    /// The text Python prints for an uncaught exception: the traceback
    /// (with chained causes and contexts), then `Type: message`.
    pub fn format_exception(&mut self, exc: Exc) -> String {
        let mut out = String::new();
        self.format_chain(exc, &mut out, 0);
        out
    }

    fn exc_attr(&self, exc: Exc, name: &str) -> Option<Value> {
        match exc {
            Value::Obj(id) => match self.heap.get(id) {
                Obj::Instance(inst) => inst.attrs.get(name).copied(),
                _ => None,
            },
            _ => None,
        }
    }

    fn format_chain(&mut self, exc: Exc, out: &mut String, depth: usize) {
        if depth < 20 {
            let cause = self
                .exc_attr(exc, "__cause__")
                .filter(|c| *c != Value::None);
            let suppress = self.exc_attr(exc, "__suppress_context__") == Some(Value::Bool(true));
            if let Some(cause) = cause {
                self.format_chain(cause, out, depth + 1);
                out.push_str(
                    "\nThe above exception was the direct cause of the following exception:\n\n",
                );
            } else if !suppress
                && let Some(context) = self
                    .exc_attr(exc, "__context__")
                    .filter(|c| *c != Value::None)
            {
                self.format_chain(context, out, depth + 1);
                out.push_str(
                    "\nDuring handling of the above exception, another exception occurred:\n\n",
                );
            }
        }
        if let Some(Value::Obj(list)) = self.exc_attr(exc, "__traceback__") {
            out.push_str("Traceback (most recent call last):\n");
            let entries: Vec<Value> = match self.heap.get(list) {
                Obj::List(items) => items.clone(),
                _ => Vec::new(),
            };
            // Entries were recorded innermost first; drop repeats of a
            // frame (recorded again when a handler re-raised) and print
            // outermost first.
            let mut rows: Vec<(String, i64, String, i64)> = Vec::new();
            for e in entries {
                // A script may have put anything in `__traceback__`.
                if let Value::Obj(t) = e
                    && let Obj::Tuple(items) = self.heap.get(t)
                    && let [file, line, name, depth, ..] = items[..]
                {
                    let file = builtins::str_content(self, file).unwrap_or_else(|| Rc::from("?"));
                    let line = match line {
                        Value::Int(l) => l,
                        _ => 0,
                    };
                    let name = builtins::str_content(self, name).unwrap_or_else(|| Rc::from("?"));
                    let depth = match depth {
                        Value::Int(d) => d,
                        _ => 0,
                    };
                    // A handler in frame d that re-raised: keep the first
                    // (innermost) record of each depth.
                    if rows.iter().any(|r| r.3 == depth) {
                        continue;
                    }
                    rows.push((file.to_string(), line, name.to_string(), depth));
                }
            }
            rows.sort_by_key(|r| r.3);
            for (file, line, name, _) in rows {
                out.push_str(&format!("  File \"{file}\", line {line}, in {name}\n"));
                if let Some(text) = self.source_line(&file, line) {
                    out.push_str(&format!("    {text}\n"));
                }
            }
        }
        out.push_str(&builtins::exception_line(self, exc));
        if let Some(s) = self.exc_attr(exc, SUGGESTION)
            && let Some(s) = builtins::str_content(self, s)
        {
            out.push_str(&format!(". Did you mean: '{s}'?"));
        }
        out.push('\n');
    }

    fn source_line(&self, file: &str, line: i64) -> Option<String> {
        let (_, src) = self.sources.iter().find(|(f, _)| &**f == file)?;
        let text = src.lines().nth(line.saturating_sub(1).max(0) as usize)?;
        let t = text.trim();
        if t.is_empty() {
            None
        } else {
            Some(t.to_string())
        }
    }
}

/// Runs a whole script file as `python3 FILE` would, writing to `out` and
/// `err`; returns the exit status (0, 1 for an uncaught exception or a
/// syntax error, or what `sys.exit` asked for).
///
/// `max_heap` bounds the bytes the script's heap and frames may hold
/// (MemoryError beyond; [`crate::memory::DEFAULT_MAX_HEAP`] is the
/// command line's default).
pub fn run_file(
    filename: &str,
    source: &str,
    argv: Vec<String>,
    out: Box<dyn Write>,
    err: Box<dyn Write>,
    max_heap: Option<usize>,
) -> i32 {
    let mut vm = Vm::new(out, err);
    vm.argv = argv;
    vm.allow_open = true;
    vm.max_heap = max_heap;
    if let Err(e) = vm.load_main(filename, source) {
        let _ = vm.out.flush();
        let _ = vm.err.write_all(e.report(filename, source).as_bytes());
        return 1;
    }
    // `stackless` tasklets run on this thread's scheduler.
    let _scheduler = (!shoal_engine::has_scheduler()).then(shoal_engine::Scheduler::new);
    let vm = vm.into_shared();
    let status = crate::stackless::run_shared(&vm);
    vm.borrow_mut().exit_code(status)
}

impl Vm {
    /// Ends a run as `python3` would: prints the traceback of an uncaught
    /// exception to stderr and returns the exit status (0, 1, or what
    /// `sys.exit` asked for).
    pub fn exit_code(&mut self, status: Status) -> i32 {
        let _ = self.out.flush();
        match status {
            Status::Finished | Status::OutOfBudget => self.exit_status.unwrap_or(0),
            Status::Blocked => {
                let _ = self.err.write_all(
                    b"shoal: the script made a tasklet operation with no scheduler to run it\n",
                );
                1
            }
            Status::Raised(exc) => {
                if let Some(code) = builtins::system_exit_code(self, exc) {
                    return code;
                }
                let text = self.format_exception(exc);
                let _ = self.err.write_all(text.as_bytes());
                let _ = self.err.flush();
                1
            }
        }
    }
}

impl Iter {
    /// An iterator over a sequence object.
    pub fn over(seq: ObjId) -> Iter {
        Iter::Seq { seq, index: 0 }
    }
}

impl TypeKind {
    /// The built-in type of a value.
    pub fn of(vm: &Vm, v: Value) -> TypeKind {
        match v {
            Value::Obj(id) => TypeKind::of_obj(vm.heap.get(id)),
            other => TypeKind::of_immediate(other),
        }
    }

    /// The built-in type of a value held inline (not an object).
    pub(crate) fn of_immediate(v: Value) -> TypeKind {
        match v {
            Value::None => TypeKind::NoneType,
            Value::Bool(_) => TypeKind::Bool,
            Value::Int(_) => TypeKind::Int,
            Value::Float(_) => TypeKind::Float,
            Value::Obj(_) => TypeKind::Object,
        }
    }

    /// The built-in type of an object.
    pub(crate) fn of_obj(obj: &Obj) -> TypeKind {
        match obj {
            Obj::Str(_) => TypeKind::Str,
            Obj::List(_) => TypeKind::List,
            Obj::Tuple(_) => TypeKind::Tuple,
            Obj::Dict(_) => TypeKind::Dict,
            Obj::Set(_) => TypeKind::Set,
            Obj::Range(..) => TypeKind::Range,
            Obj::Function(_) => TypeKind::Function,
            Obj::Builtin(_) | Obj::Method(..) | Obj::Unbound(_) => TypeKind::Builtin,
            Obj::Type(_) | Obj::Class(_) => TypeKind::Type,
            Obj::Module(_) => TypeKind::Module,
            Obj::Iter(_) => TypeKind::Iterator,
            Obj::Slice(..) => TypeKind::Slice,
            Obj::BoundMethod(..) => TypeKind::Method,
            Obj::Generator(_) => TypeKind::Generator,
            Obj::Tasklet(_) => TypeKind::Tasklet,
            Obj::Bytes(_) => TypeKind::Bytes,
            Obj::File(_) => TypeKind::File,
            Obj::Channel(_) => TypeKind::Channel,
            Obj::Super(..) | Obj::StaticMethod(_) | Obj::ClassMethod(_) | Obj::Property(..) => {
                TypeKind::Object
            }
            Obj::Cell(_) | Obj::Instance(_) => TypeKind::Object,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vm() -> Vm {
        Vm::new(Box::new(std::io::sink()), Box::new(std::io::sink()))
    }

    fn raised(vm: &mut Vm, status: Status) -> String {
        match status {
            Status::Raised(exc) => builtins::exception_line(vm, exc),
            other => panic!("expected an exception, got {other:?}"),
        }
    }

    #[test]
    fn an_endless_loop_is_sliced_by_the_budget_and_resumes() {
        let mut vm = vm();
        vm.load_main("loop.py", "n = 0\nwhile True:\n    n += 1\n")
            .unwrap();
        for _ in 0..3 {
            let mut budget = 1_000;
            assert_eq!(vm.run(&mut budget), Status::OutOfBudget);
            assert_eq!(budget, 0);
        }
        assert_eq!(vm.instructions, 3_000);
    }

    /// Values at the edges of 64 bits, methods taken from their type and
    /// given another receiver, and `stackless` calls without a scheduler
    /// raise as Python does (or compute, where Python computes) instead of
    /// panicking.
    #[test]
    fn edge_values_and_foreign_receivers_raise() {
        let min = "(-9223372036854775807 - 1)";
        for (source, expected) in [
            (
                "list.append(5, 1)".to_string(),
                "TypeError: descriptor 'append' for 'list' objects doesn't apply to a 'int' object"
                    .to_string(),
            ),
            (
                "dict.get('a', 1)".into(),
                "TypeError: descriptor 'get' for 'dict' objects doesn't apply to a 'str' object"
                    .into(),
            ),
            (
                format!("print(len(range({min}, 9223372036854775807)))"),
                "9223372036854775807".into(),
            ),
            (
                format!("print(range({min}, 9223372036854775807, 4611686018427387904)[3])"),
                "4611686018427387904".into(),
            ),
            (
                format!("print(9223372036854775806 in range({min}, 9223372036854775807, 2))"),
                "True".into(),
            ),
            (
                format!("print(round(5, {min}), round(5.5, {min}))"),
                "0 0.0".into(),
            ),
            (
                "print(list(enumerate([1, 2], 9223372036854775807)))".into(),
                "OverflowError: integer overflow: the result does not fit in 64 bits".into(),
            ),
            // A script may put anything in an exception's traceback.
            (
                "e = ValueError('x')\ne.__traceback__ = [(), ('f', -9223372036854775807 - 1, 'g', 1), 5]\nraise e"
                    .into(),
                "ValueError: x".into(),
            ),
            // A host may run scripts without a scheduler.
            (
                "import stackless\nstackless.schedule()".into(),
                "RuntimeError: stackless.schedule() needs a scheduler, and this host runs none"
                    .into(),
            ),
        ] {
            let out = crate::host::CapturedOutput::default();
            let mut vm = Vm::new(Box::new(out.clone()), Box::new(std::io::sink()));
            vm.load_main("edge.py", &source).unwrap();
            let got = match vm.run_to_end() {
                Status::Raised(exc) => {
                    let text = vm.format_exception(exc);
                    text.lines().last().unwrap_or_default().to_string()
                }
                _ => out.text().trim().to_string(),
            };
            assert_eq!(got, expected, "{source}");
        }
    }

    #[test]
    fn deep_recursion_is_a_recursion_error_not_a_crash() {
        let mut vm = vm();
        vm.recursion_limit = 200;
        vm.load_main("deep.py", "def f(n):\n    return f(n + 1)\nf(0)\n")
            .unwrap();
        let status = vm.run_to_end();
        assert_eq!(
            raised(&mut vm, status),
            "RecursionError: maximum recursion depth exceeded"
        );
        // The Rust stack did not grow with the script's: a recursion limit
        // of a million frames is fine too.
        let mut vm2 = self::vm();
        vm2.recursion_limit = 1_000_000;
        vm2.load_main("deep.py", "def f(n):\n    if n == 0:\n        return 0\n    return f(n - 1) + 1\nprint(f(100000))\n").unwrap();
        assert_eq!(vm2.run_to_end(), Status::Finished);
    }

    #[test]
    fn the_heap_limit_raises_memory_error() {
        let mut vm = vm();
        vm.max_objects = Some(20_000);
        vm.load_main("grow.py", "xs = []\nwhile True:\n    xs.append([1])\n")
            .unwrap();
        let status = vm.run_to_end();
        let line = raised(&mut vm, status);
        assert!(
            line.starts_with("MemoryError: the script heap is over its limit"),
            "{line}"
        );
    }

    #[test]
    fn garbage_is_collected() {
        let mut vm = vm();
        vm.load_main(
            "churn.py",
            "for i in range(300000):\n    s = str(i) + 'x'\n",
        )
        .unwrap();
        assert_eq!(vm.run_to_end(), Status::Finished);
        assert!(vm.heap.len() < 200_000, "{} objects alive", vm.heap.len());
    }
}
