//! The virtual machine: runs bytecode in slices of a given number of
//! instructions.
//!
//! Everything a running script holds is data: frames live in a
//! [`CallStack`] (small records over one value stack, see `vm/frame.rs`),
//! objects on the [`Heap`]. Calling a script function pushes a frame;
//! returning pops it; the Rust stack never grows with the script's. A slice stops after `budget` instructions and the next
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

mod attrs;
mod calls;
mod fast;
mod frame;
mod helpers;
mod protocol;
mod sites;
mod step;

pub use frame::{CallStack, Frame, SavedFrame};
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

/// The operation a suspended thread finishes when it resumes, as pickle
/// sees it.
pub(crate) enum Suspended {
    /// It returns this value.
    Returns(Value),
    /// It returns its tasklet's `tempval` (a schedule).
    ReturnsTempval,
    /// A receive on the channel with this engine id.
    Receives(u64),
    /// Something pickle cannot save (a nested run).
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

/// Makes equal names of the codes one shared string, so that a global's
/// key (stored by the module's code) and the name a function looks it up
/// by are the same pointer and `LoadGlobal`'s cache check compares no
/// text.
fn share_names(codes: &mut [Code]) {
    let mut seen: rustc_hash::FxHashSet<Rc<str>> = Default::default();
    for code in codes {
        for name in &mut code.names {
            match seen.get(name) {
                Some(shared) => *name = shared.clone(),
                None => {
                    seen.insert(name.clone());
                }
            }
        }
    }
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
    frames: CallStack,
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
    /// The metaclass to call with the namespace, when it is not `type`
    /// (a class deriving from `type`, or any callable given as
    /// `metaclass=`).
    #[serde(default)]
    pub meta: Option<Value>,
    /// The class's other keyword arguments, for the metaclass or
    /// `__init_subclass__`.
    #[serde(default)]
    pub keywords: Vec<(Rc<str>, Value)>,
}

/// Calls `f` with the hash and representative of every [`Key::Custom`]
/// in `k`, nested keys included.
pub(crate) fn custom_reps(k: &Key, f: &mut dyn FnMut(i64, ObjId)) {
    match k {
        Key::Custom(h, id) => f(*h, *id),
        Key::Tuple(items) => items.iter().for_each(|k| custom_reps(k, f)),
        Key::Frozen(fk) => fk.keys.iter().for_each(|k| custom_reps(k, f)),
        _ => {}
    }
}

/// The fewest instructions script code that a built-in runs in a nested
/// loop (the few protocols that do not run as frames yet) may execute
/// before it is stopped with RuntimeError: a loop that never ends there
/// cannot be preempted, so it must not run forever.
const NESTED_BUDGET_FLOOR: u64 = 20_000_000;

/// How the files of snippets compiled at run time are named (`<eval
/// N>`); snapshots carry their text.
pub(crate) const SNIPPET_PREFIX: &str = "<eval ";

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
    ("TimeoutError", "OSError"),
    ("BlockingIOError", "OSError"),
    ("InterruptedError", "OSError"),
    ("ConnectionError", "OSError"),
    ("BrokenPipeError", "ConnectionError"),
    ("ConnectionAbortedError", "ConnectionError"),
    ("ConnectionRefusedError", "ConnectionError"),
    ("ConnectionResetError", "ConnectionError"),
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
    ("UnicodeEncodeError", "UnicodeError"),
    ("UnicodeTranslateError", "UnicodeError"),
    ("TabError", "IndentationError"),
    ("BufferError", "Exception"),
    ("EOFError", "Exception"),
    ("FloatingPointError", "ArithmeticError"),
    ("ReferenceError", "Exception"),
    ("StopAsyncIteration", "Exception"),
    ("ChildProcessError", "OSError"),
    ("NotADirectoryError", "OSError"),
    ("ProcessLookupError", "OSError"),
    ("Warning", "Exception"),
    ("UserWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("PendingDeprecationWarning", "Warning"),
    ("SyntaxWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
    ("FutureWarning", "Warning"),
    ("ImportWarning", "Warning"),
    ("UnicodeWarning", "Warning"),
    ("BytesWarning", "Warning"),
    ("ResourceWarning", "Warning"),
    ("EncodingWarning", "Warning"),
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
    /// The frames of the running script, innermost last, over their
    /// values.
    pub frames: CallStack,
    /// Source text of each file, for tracebacks.
    pub(crate) sources: Vec<(Rc<str>, Rc<str>)>,
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
    pub(crate) exc_classes: Vec<(&'static str, ObjId)>,
    /// Set by `sys.exit`: the exit status.
    pub exit_status: Option<i32>,
    /// The `random` module's generator.
    pub(crate) rng: crate::random::Mt,
    /// `sys.get_int_max_str_digits()`: the most decimal digits `str()`
    /// and `int()` convert (0: no limit).
    pub(crate) int_max_str_digits: usize,
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
    /// The representatives of instances hashed by their class's
    /// `__hash__`, by hash (see [`Key::Custom`]): not roots; the dead
    /// are dropped after each collection.
    pub(crate) custom_keys: rustc_hash::FxHashMap<(i64, ObjId), Vec<ObjId>>,
    /// Whether the key being made is for an insertion (only an inserted
    /// instance becomes a representative; a lookup's never does).
    pub(crate) inserting_key: bool,
    /// The value a `channel.send` is about to send, which the channel
    /// callback shows as the sender's `tempval`.
    pub(crate) sending_value: Option<Value>,
    /// Engine ids of tasklets whose threads ended, forgotten at the next
    /// collection.
    ended_tasklets: Vec<u64>,
    /// The script's schedule callback, error handler and channel callback
    /// (None: unset).
    pub(crate) callbacks: [Value; 3],
    /// `stackless.enable_softswitch`'s setting (read back only).
    pub(crate) softswitch: bool,
    /// `stackless.pickle_flags`'s setting (read back only).
    pub(crate) pickle_flags: i64,
    /// Where the `for` loop over a channel that is waiting in a receive
    /// goes when the channel is exhausted.
    pub(crate) for_exit: Option<u32>,
    /// Per code, per name: one more than the position in its module's
    /// globals where `LoadGlobal` last found the name (0: not cached).
    global_cache: Vec<Vec<u32>>,
    /// Per code, per name: what attribute accesses on instances last
    /// found (see `vm/sites.rs`).
    attr_sites: Vec<Vec<sites::AttrSite>>,
    /// What `classes::dunder` found for a class and a special method's
    /// name, valid while the heap's class epoch is the one stored.
    pub(crate) dunders: std::cell::RefCell<sites::DunderCache>,
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
            frames: CallStack::default(),
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
            global_cache: Vec::new(),
            attr_sites: Vec::new(),
            dunders: Default::default(),
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
            custom_keys: Default::default(),
            inserting_key: false,
            sending_value: None,
            for_exit: None,
            callbacks: [Value::None; 3],
            softswitch: true,
            pickle_flags: 0,
            ended_tasklets: Vec::new(),
            int_max_str_digits: builtins::DEFAULT_MAX_STR_DIGITS,
            rng: crate::random::Mt::from_seed(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos() as i64),
            ),
        };
        vm.add_missing_exceptions();
        builtins::install(&mut vm);
        vm
    }

    /// Makes the built-in exception classes the VM lacks (all of them in
    /// a new VM; in one loaded from an older snapshot, those added since),
    /// each after its base.
    pub(crate) fn add_missing_exceptions(&mut self) {
        for (name, base) in EXCEPTIONS {
            if self.exc_classes.iter().any(|(n, _)| n == name) {
                continue;
            }
            let bases: Vec<ObjId> = if base.is_empty() {
                Vec::new()
            } else {
                vec![self.exc_class(base)]
            };
            let mut mro = Vec::new();
            let id = self.heap.alloc(Obj::Class(Box::new(Class {
                name: Rc::from(*name),
                bases: bases.clone(),
                mro: Vec::new(),
                attrs: Attrs::default(),
                is_exception: true,
                native: None,
                proxy: false,
                metaclass: None,
            })));
            mro.push(id);
            if let Some(b) = bases.first()
                && let Obj::Class(bc) = self.heap.get(*b)
            {
                mro.extend(bc.mro.iter().copied());
            }
            if let Obj::Class(c) = self.heap.get_mut(id) {
                c.mro = mro;
            }
            self.exc_classes.push((name, id));
            self.builtins.insert(Rc::from(*name), Value::Obj(id));
        }
        // CPython's other names for OSError.
        let os_error = Value::Obj(self.exc_class("OSError"));
        for alias in ["EnvironmentError", "IOError"] {
            self.builtins.entry(Rc::from(alias)).or_insert(os_error);
        }
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
        // UnicodeEncodeError(encoding, object, start, end, reason) and
        // UnicodeDecodeError name their arguments.
        if let Value::Obj(t) = args
            && let Obj::Tuple(items) = self.heap.get(t)
            && let [encoding, object, start, end, reason] = items[..]
            && ["UnicodeEncodeError", "UnicodeDecodeError"]
                .iter()
                .any(|n| mro.contains(&self.exc_class(n)))
        {
            for (name, v) in [
                ("encoding", encoding),
                ("object", object),
                ("start", start),
                ("end", end),
                ("reason", reason),
            ] {
                attrs.insert(Rc::from(name), v);
            }
        }
        Value::Obj(self.heap.alloc(Obj::Instance(Instance {
            class,
            attrs,
            native: ObjId::NONE,
        })))
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
        self.register_module_object(name, id);
        id
    }

    /// Lists an imported module, and makes `a.b` the attribute `b` of
    /// its parent `a` (imported first, see the compiler's `import_chain`).
    pub(crate) fn register_module_object(&mut self, name: &str, id: ObjId) {
        self.modules.push((Rc::from(name), id));
        if let Some((parent, child)) = name.rsplit_once('.')
            && let Some(p) = self.find_module(parent)
            && let Obj::Module(m) = self.heap.get_mut(p)
        {
            m.attrs.insert(Rc::from(child), Value::Obj(id));
        }
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

    pub(crate) fn restore(&mut self, mut r: Restored) {
        self.global_cache = r.codes.iter().map(|c| vec![0; c.names.len()]).collect();
        self.attr_sites = r
            .codes
            .iter()
            .map(|c| Vm::new_sites(c.names.len()))
            .collect();
        share_names(&mut r.codes);
        self.codes = r.codes;
        self.sources = r.sources;
        self.consts = r.consts;
        self.heap = r.heap;
        self.builtins = r.builtins;
        self.modules = r.modules;
        self.main_module = r.main_module;
        self.exc_classes = r.exc_classes;
        self.rng = r.rng;
        // The representatives the saved dicts' and sets' keys name.
        let mut reps: rustc_hash::FxHashMap<(i64, ObjId), Vec<ObjId>> = Default::default();
        let heap = &self.heap;
        for (_, obj) in heap.iter() {
            let mut note = |k: &Key| {
                custom_reps(k, &mut |h, id| {
                    let class = match heap.get(id) {
                        Obj::Instance(inst) => inst.class,
                        _ => return,
                    };
                    let bucket = reps.entry((h, class)).or_default();
                    if !bucket.contains(&id) {
                        bucket.push(id);
                    }
                })
            };
            match obj {
                Obj::Dict(d) => d.keys().for_each(&mut note),
                Obj::Set(s) => s.keys().for_each(&mut note),
                _ => {}
            }
        }
        self.custom_keys = reps;
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

    pub(crate) fn del_attr_pub(&mut self, obj: Value, name: &str) -> Result<(), Exc> {
        self.delete_attr(obj, name)
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
        share_names(&mut self.codes[first..]);
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
                    Const::BigInt(n) => {
                        Value::Obj(self.heap.alloc(Obj::BigInt(Box::new((**n).clone()))))
                    }
                    Const::Ellipsis => self
                        .builtins
                        .get("Ellipsis")
                        .copied()
                        .unwrap_or(Value::None),
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
            self.attr_sites.push(Vm::new_sites(code.names.len()));
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
        let nlocals = self.codes[index as usize].varnames.len();
        // A module's `__doc__`: its docstring or None.
        let doc = match self.codes[index as usize].doc.clone() {
            Some(d) => self.str_value(&d),
            None => Value::None,
        };
        if let Obj::Module(m) = self.heap.get_mut(module) {
            m.attrs.entry(Rc::from("__doc__")).or_insert(doc);
        }
        let mut frame = Frame::new(index, module, None, 0, 0);
        frame.on_return = on_return;
        self.frames.enter(frame, std::iter::repeat_n(None, nlocals));
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
        self.register_module_object(name, module);
        self.push_module_frame(index, module, OnReturn::Discard);
        Ok(())
    }

    /// `import name` of a script file beside the main one: runs it as a
    /// module (its frame pushes the module when it returns). Modules are
    /// registered before they run, so circular imports see them.
    /// A dotted name `a.b` is the file `a/b.py`; a folder `a` with an
    /// `__init__.py` is a package.
    fn import_script(&mut self, name: &str) -> Result<(), Exc> {
        let base = self
            .search_dir
            .clone()
            .unwrap_or_default()
            .join(name.replace('.', "/"));
        let found = [base.with_extension("py"), base.join("__init__.py")]
            .into_iter()
            .find_map(|path| {
                let filename = path.display().to_string();
                Vm::source_of(&self.embedded, &filename)
                    .ok()
                    .map(|s| (filename, s))
            });
        let Some((filename, source)) = found else {
            return Err(self.error("ModuleNotFoundError", format!("No module named '{name}'")));
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
        self.register_module_object(name, module);
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
        let depth = self.frames.values.len();
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
        let stack = &mut self.frames.values;
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
        self.frames.roots(&mut roots);
        for consts in &self.consts {
            roots.extend(consts.iter().copied());
        }
        for thread in self.threads.iter().flatten() {
            roots.extend(thread.finish.as_ref().and_then(|f| f.value()));
            thread.frames.roots(&mut roots);
        }
        for id in self.ended_tasklets.drain(..) {
            self.tasklet_objs.remove(&id);
        }
        roots.extend(self.parking.roots());
        roots.extend(self.callbacks);
        self.module_state_roots(&mut roots);
        roots.extend(self.tasklet_objs.values().map(|id| Value::Obj(*id)));
        roots.extend(self.builtins.values().copied());
        roots.extend(self.sending_value);
        roots.extend(self.modules.iter().map(|(_, m)| Value::Obj(*m)));
        roots.extend(self.exc_classes.iter().map(|(_, c)| Value::Obj(*c)));
        if let Some(m) = self.main_module {
            roots.push(Value::Obj(m));
        }
        self.heap.collect(roots);
        self.dunders.borrow_mut().clear();
        let heap = &self.heap;
        self.custom_keys.retain(|_, reps| {
            reps.retain(|id| heap.is_live(*id));
            !reps.is_empty()
        });
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
        let frames: usize = self.frames.bytes()
            + self
                .threads
                .iter()
                .flatten()
                .map(|t| t.frames.bytes())
                .sum::<usize>();
        self.heap.live_bytes + self.heap.bytes_since_gc + frames
    }

    #[inline]
    fn frame(&mut self) -> &mut Frame {
        self.frames.last_mut().expect("a frame")
    }

    #[inline]
    fn push(&mut self, v: Value) {
        self.frames.values.push(v);
    }

    /// Pushes a value on the current frame's stack.
    pub(crate) fn push_value(&mut self, v: Value) {
        self.push(v);
    }

    /// Pops the value on top of the current frame's stack.
    pub(crate) fn pop_value(&mut self) -> Value {
        self.pop()
    }

    #[inline]
    fn pop(&mut self) -> Value {
        self.frames.values.pop().expect("stack underflow")
    }

    #[inline]
    fn top(&mut self) -> Value {
        *self.frames.values.last().expect("stack underflow")
    }

    /// Finds a handler for `exc`, unwinding frames and recording the
    /// traceback; `Err(exc)` if none catches it.
    fn unwind(&mut self, exc: Exc, floor: usize) -> Result<(), Exc> {
        self.chain_context(exc);
        let mut exc = exc;
        loop {
            if self.frames.len() <= floor {
                return Err(exc);
            }
            let Some(frame) = self.frames.records.last_mut() else {
                return Err(exc);
            };
            if let Some((handler, depth)) = frame.pop_block_catching() {
                let values = &mut self.frames.values;
                values.truncate(frame.sp as usize + depth as usize);
                values.push(exc);
                frame.extra_mut().handling.push(exc);
                frame.ip = handler as usize;
                self.add_traceback(exc);
                return Ok(());
            }
            self.add_traceback(exc);
            let frame = self.frames.pop().expect("a frame");
            // A generator ends with the exception; StopIteration out of
            // one is a RuntimeError (PEP 479).
            if let Some(generator_id) = frame.generator() {
                let mut kind = "generator";
                if let Obj::Generator(g) = self.heap.get_mut(generator_id) {
                    g.finished = true;
                    if g.coroutine {
                        kind = "coroutine";
                    }
                }
                let stop = self.exc_class("StopIteration");
                if builtins::exception_matches(self, exc, Value::Obj(stop)).unwrap_or(false) {
                    let new = self.error("RuntimeError", format!("{kind} raised StopIteration"));
                    self.set_exc_attr(new, "__context__", exc);
                    exc = new;
                }
            }
            if let OnReturn::Cont(cont) = &frame.on_return
                && let Some(caught) = self.stop_iteration_caught(cont, exc)?
            {
                return caught;
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
        self.frames.push_saved(frame);
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

    // ---- reporting ----------------------------------------------------------------------

    /// The text Python prints for an uncaught exception: the traceback
    /// (with chained causes and contexts), then `Type: message`.
    pub fn format_exception(&mut self, exc: Exc) -> String {
        let mut out = String::new();
        self.format_chain(exc, &mut out, 0);
        out
    }

    /// Gives an exception raised while another is being handled (in this
    /// frame or a caller: an `except` clause that called the code that
    /// raised) that one as its `__context__`, as CPython does; a chain
    /// that would loop back to `exc` is left alone.
    fn chain_context(&mut self, exc: Exc) {
        if !matches!(self.exc_attr(exc, "__context__"), Some(Value::None)) {
            return;
        }
        let Some(handled) = self.frames.records.iter().rev().find_map(|f| f.handling()) else {
            return;
        };
        let mut link = handled;
        for _ in 0..1_000 {
            if link == exc {
                return;
            }
            match self.exc_attr(link, "__context__") {
                Some(next @ Value::Obj(_)) => link = next,
                _ => break,
            }
        }
        self.set_exc_attr(exc, "__context__", handled);
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
                    // (innermost) record of each depth. Frames of the
                    // helpers standing in for C code are not shown.
                    if rows.iter().any(|r| r.3 == depth) || hidden_frame_file(&file) {
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
            Obj::BigInt(_) => TypeKind::Int,
            Obj::List(_) => TypeKind::List,
            Obj::Tuple(_) => TypeKind::Tuple,
            Obj::Dict(_) => TypeKind::Dict,
            Obj::DictView(_, 0) => TypeKind::DictKeys,
            Obj::DictView(_, 1) => TypeKind::DictValues,
            Obj::DictView(..) => TypeKind::DictItems,
            Obj::Set(s) if s.is_frozen() => TypeKind::FrozenSet,
            Obj::Set(_) => TypeKind::Set,
            Obj::Range(..) => TypeKind::Range,
            Obj::Function(_) => TypeKind::Function,
            Obj::Builtin(_) | Obj::Method(..) | Obj::Unbound(_) => TypeKind::Builtin,
            Obj::Type(_) | Obj::Class(_) => TypeKind::Type,
            Obj::Module(_) => TypeKind::Module,
            Obj::Iter(_) => TypeKind::Iterator,
            Obj::Slice(..) => TypeKind::Slice,
            Obj::BoundMethod(..) => TypeKind::Method,
            Obj::Generator(g) if g.coroutine => TypeKind::Coroutine,
            Obj::Generator(_) => TypeKind::Generator,
            Obj::Tasklet(_) => TypeKind::Tasklet,
            Obj::Bytes(_) => TypeKind::Bytes,
            Obj::ByteArray(_) => TypeKind::ByteArray,
            Obj::File(_) => TypeKind::File,
            Obj::Channel(_) => TypeKind::Channel,
            Obj::Random(_) => TypeKind::Random,
            Obj::Pattern(_) => TypeKind::Pattern,
            Obj::Match(_) => TypeKind::Match,
            Obj::Super(..) => TypeKind::Super,
            Obj::StaticMethod(_) | Obj::ClassMethod(_) | Obj::Property(..) => TypeKind::Object,
            Obj::Cell(_) | Obj::Instance(_) => TypeKind::Object,
        }
    }
}

#[cfg(test)]
mod tests;

/// Whether traceback printouts leave out frames of `file`: the script
/// helpers that stand in for what CPython and Stackless do in C.
fn hidden_frame_file(file: &str) -> bool {
    file == crate::vm::HELPERS_FILE || file == crate::stackless::PRELUDE_FILE
}
