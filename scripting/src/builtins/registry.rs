//! The registry of built-ins: every native function and method of a VM
//! ([`Natives`], indexed by [`Builtin`]), the built-in functions and the
//! methods of the built-in types (`core`), installing them, finding and
//! calling them, importing native modules, and the argument helpers
//! every built-in uses. Modules and the other parts register through
//! [`NativeModule`] (see [`crate::module`]).

use super::*;
use crate::module::{Constant, NativeModule, TaskletEnd};
use TypeKind as T;
use rustc_hash::FxHashMap;

pub use crate::module::{Kwargs, Native};
pub(crate) type BResult = crate::module::NativeResult;

/// Where a built-in lives.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum Owner {
    Global,
    Method(TypeKind),
    /// A class method (or static method) of a built-in type, reached from
    /// the type or an instance (`dict.fromkeys`, `str.maketrans`).
    ClassMethod(TypeKind),
    Module(&'static str),
    Stream,
    /// Reached only from the VM (`super().__init__`).
    Internal,
    /// Methods of `property` objects.
    Prop,
}

impl Owner {
    /// The stable name of its built-in `name`, by which snapshots and
    /// pickles name it (`print`, `str.join`, `math.sqrt`).
    fn key(self, name: &str) -> String {
        match self {
            Owner::Global => name.to_string(),
            Owner::Method(kind) | Owner::ClassMethod(kind) => format!("{}.{name}", kind.name()),
            Owner::Module(m) => format!("{m}.{name}"),
            Owner::Stream => format!("stream.{name}"),
            Owner::Internal => format!("internal.{name}"),
            Owner::Prop => format!("property.{name}"),
        }
    }
}

/// A built-in function or method.
#[derive(Clone)]
pub(crate) struct Def {
    pub(crate) name: &'static str,
    pub(crate) owner: Owner,
    pub(crate) f: crate::module::NativeFn,
}

/// A registered module, as `import` makes it.
#[derive(Clone)]
pub(crate) struct ModuleEntry {
    name: &'static str,
    importable: bool,
    functions: Vec<(&'static str, Builtin)>,
    constants: Vec<(&'static str, Constant)>,
    /// Its script part: (file name, source).
    pub(crate) prelude: Option<(&'static str, &'static str)>,
    on_import: Option<fn(&mut Vm, &mut Attrs)>,
    on_tasklet_end: Option<fn(&mut Vm, &TaskletEnd) -> bool>,
}

/// A VM's natives: every built-in function and method by number
/// ([`Builtin`], the same number on every VM of a thread; see
/// [`crate::module`]), and the native modules. Shared between VMs until
/// one registers a module of its own.
#[derive(Clone, Default)]
pub(crate) struct Natives {
    defs: Vec<Option<Def>>,
    /// The built-in `name` of `owner`.
    index: FxHashMap<(Owner, &'static str), Builtin>,
    /// The functions of the builtins namespace, in order.
    globals: Vec<Builtin>,
    modules: Vec<ModuleEntry>,
}

impl Natives {
    /// Registers `m` (replacing a module of the same name).
    pub(crate) fn add(&mut self, m: NativeModule) {
        if let Some(at) = self.modules.iter().position(|e| e.name == m.name) {
            let old = self.modules.remove(at);
            for (name, b) in old.functions {
                self.index.remove(&(Owner::Module(old.name), name));
                if let Some(slot) = self.defs.get_mut(b.0 as usize) {
                    *slot = None;
                }
            }
        }
        for (name, f) in m.globals {
            let b = self.define(Owner::Global, name, f);
            if !self.globals.contains(&b) {
                self.globals.push(b);
            }
        }
        for (owner, name, f) in m.methods {
            self.define(owner, name, f);
        }
        let functions = m
            .functions
            .into_iter()
            .map(|(name, f)| (name, self.define(Owner::Module(m.name), name, f)))
            .collect();
        self.modules.push(ModuleEntry {
            name: m.name,
            importable: m.importable,
            functions,
            constants: m.constants,
            prelude: m.prelude,
            on_import: m.on_import,
            on_tasklet_end: m.on_tasklet_end,
        });
    }

    fn define(&mut self, owner: Owner, name: &'static str, f: crate::module::NativeFn) -> Builtin {
        let b = crate::module::intern(&owner.key(name))
            .unwrap_or_else(|| panic!("too many natives to register {name}"));
        let i = b.0 as usize;
        if self.defs.len() <= i {
            self.defs.resize(i + 1, None);
        }
        self.defs[i] = Some(Def { name, owner, f });
        self.index.insert((owner, name), b);
        b
    }

    /// The built-in numbered `b`, if this VM has it.
    #[inline]
    pub(crate) fn def(&self, b: Builtin) -> Option<&Def> {
        self.defs.get(b.0 as usize).and_then(Option::as_ref)
    }

    /// The names of `owner`'s built-ins.
    pub(crate) fn names_of(&self, owner: Owner) -> impl Iterator<Item = &'static str> + '_ {
        self.index
            .keys()
            .filter(move |(o, _)| *o == owner)
            .map(|(_, name)| *name)
    }

    /// The built-in `name` of `owner`.
    pub(crate) fn find(&self, owner: Owner, name: &str) -> Option<Builtin> {
        self.index.get(&(owner, name)).copied()
    }

    /// The importable module `name`.
    pub(crate) fn module(&self, name: &str) -> Option<&ModuleEntry> {
        self.modules.iter().find(|m| m.importable && m.name == name)
    }

    /// The source of a module's script part, by its file name.
    pub(crate) fn prelude_source(&self, file: &str) -> Option<&'static str> {
        self.modules
            .iter()
            .filter_map(|m| m.prelude)
            .find(|(f, _)| *f == file)
            .map(|(_, source)| source)
    }

    /// The modules' hooks for the end of an owned tasklet.
    pub(crate) fn tasklet_end_hooks(
        &self,
    ) -> impl Iterator<Item = fn(&mut Vm, &TaskletEnd) -> bool> + '_ {
        self.modules.iter().filter_map(|m| m.on_tasklet_end)
    }

    /// The first built-in `obj` refers to that this VM does not have.
    pub(crate) fn missing_in(&self, obj: &Obj) -> Option<Builtin> {
        match obj {
            Obj::Builtin(b) | Obj::Method(_, b) | Obj::Unbound(b) if self.def(*b).is_none() => {
                Some(*b)
            }
            _ => None,
        }
    }
}

/// The error for a loaded built-in the VM does not have.
pub(crate) fn unknown_builtin(b: Builtin) -> String {
    let key = crate::module::native_key(b).unwrap_or_else(|| Rc::from("?"));
    format!("unknown built-in '{key}'")
}

thread_local! {
    static STANDARD: Rc<Natives> = Rc::new(standard());
}

/// The natives every VM starts with (made once per thread).
pub(crate) fn standard_natives() -> Rc<Natives> {
    STANDARD.with(Rc::clone)
}

/// The built-ins, then the standard modules. The order of the parts
/// with built-in functions is the order of the builtins namespace.
fn standard() -> Natives {
    let mut natives = Natives::default();
    for part in [
        core(),
        crate::files::natives(),
        objects::natives(),
        dunders::natives(),
        bytes::natives(),
        crate::stackless::module(),
        crate::pickle::module(),
        math::module(),
        sys::module(),
        random::module(),
        time::module(),
        crate::re::module(),
        builtins_module(),
    ] {
        natives.add(part);
    }
    for part in crate::stdlib::modules() {
        natives.add(part);
    }
    natives
}

/// The built-in functions and the methods of the built-in types.
fn core() -> NativeModule {
    super::numbers::methods(super::int::methods(NativeModule::part("core")))
        .global("print", b_print)
        .global("len", b_len)
        .global("abs", b_abs)
        .global("min", b_min)
        .global("max", b_max)
        .global("sum", b_sum)
        .global("isinstance", b_isinstance)
        .global("repr", b_repr)
        .global("iter", b_iter)
        .global("next", b_next)
        .global("enumerate", b_enumerate)
        .global("zip", b_zip)
        .global("reversed", b_reversed)
        .global("sorted", b_sorted)
        .global("any", b_any)
        .global("all", b_all)
        .global("round", b_round)
        .global("divmod", b_divmod)
        .global("chr", b_chr)
        .global("ord", b_ord)
        .global("hash", b_hash)
        .global("id", b_id)
        .global("hex", b_hex)
        .global("bin", b_bin)
        .global("oct", b_oct)
        .global("pow", b_pow)
        .global("callable", b_callable)
        .global("getattr", b_getattr)
        .global("hasattr", b_hasattr)
        .global("map", b_map)
        .global("filter", b_filter)
        .global("vars", b_vars)
        .global("globals", b_globals)
        .global("locals", b_locals)
        .global("delattr", b_delattr)
        .global("dir", b_dir)
        .global("ascii", b_ascii)
        .global("exit", b_exit)
        .global("quit", b_exit)
        .global("input", b_input)
        .method(T::Slice, "indices", slice_indices_method)
        .method(T::List, "append", l_append)
        .method(T::List, "extend", l_extend)
        .method(T::List, "insert", l_insert)
        .method(T::List, "pop", l_pop)
        .method(T::List, "remove", l_remove)
        .method(T::List, "index", seq_index)
        .method(T::List, "count", seq_count)
        .method(T::List, "reverse", l_reverse)
        .method(T::List, "sort", l_sort)
        .method(T::List, "copy", l_copy)
        .method(T::List, "clear", l_clear)
        .method(T::Tuple, "index", seq_index)
        .method(T::Tuple, "count", seq_count)
        .method(T::Range, "index", range_index)
        .method(T::Range, "count", range_count)
        .method(T::Str, "join", s_join)
        .method(T::Str, "split", s_split)
        .method(T::Str, "rsplit", s_rsplit)
        .method(T::Str, "istitle", s_istitle)
        .method(T::Str, "strip", s_strip)
        .method(T::Str, "lstrip", s_lstrip)
        .method(T::Str, "rstrip", s_rstrip)
        .method(T::Str, "upper", s_upper)
        .method(T::Str, "lower", s_lower)
        .method(T::Str, "replace", s_replace)
        .method(T::Str, "startswith", s_startswith)
        .method(T::Str, "endswith", s_endswith)
        .method(T::Str, "find", s_find)
        .method(T::Str, "index", s_index)
        .method(T::Str, "count", s_count)
        .method(T::Str, "format", s_format)
        .method(T::Str, "isdigit", s_isdigit)
        .method(T::Str, "isalpha", s_isalpha)
        .method(T::Str, "isalnum", s_isalnum)
        .method(T::Str, "isspace", s_isspace)
        .method(T::Str, "isupper", s_isupper)
        .method(T::Str, "islower", s_islower)
        .method(T::Str, "title", s_title)
        .method(T::Str, "capitalize", s_capitalize)
        .method(T::Str, "center", s_center)
        .method(T::Str, "ljust", s_ljust)
        .method(T::Str, "rjust", s_rjust)
        .method(T::Str, "zfill", s_zfill)
        .method(T::Str, "splitlines", s_splitlines)
        .method(T::Str, "partition", s_partition)
        .method(T::Dict, "get", d_get)
        .method(T::Dict, "keys", d_keys)
        .method(T::Dict, "values", d_values)
        .method(T::Dict, "items", d_items)
        .method(T::Dict, "pop", d_pop)
        .method(T::Dict, "setdefault", d_setdefault)
        .method(T::Dict, "update", d_update)
        .method(T::Dict, "copy", d_copy)
        .method(T::Dict, "clear", d_clear)
        .method(T::Dict, "popitem", d_popitem)
        .native(Owner::ClassMethod(T::Dict), "fromkeys", d_fromkeys)
        .method(T::DictKeys, "isdisjoint", dv_isdisjoint)
        .method(T::DictItems, "isdisjoint", dv_isdisjoint)
        .global("format", b_format)
        .method(T::Set, "add", set_add)
        .method(T::Set, "clear", set_clear)
        .method(T::Set, "copy", set_copy)
        .method(T::Set, "difference", set_difference)
        .method(T::Set, "difference_update", set_difference_update)
        .method(T::Set, "discard", set_discard)
        .method(T::Set, "intersection", set_intersection)
        .method(T::Set, "intersection_update", set_intersection_update)
        .method(T::Set, "isdisjoint", set_isdisjoint)
        .method(T::Set, "issubset", set_issubset)
        .method(T::Set, "issuperset", set_issuperset)
        .method(T::Set, "pop", set_pop)
        .method(T::Set, "remove", set_remove)
        .method(T::Set, "symmetric_difference", set_symmetric_difference)
        .method(
            T::Set,
            "symmetric_difference_update",
            set_symmetric_difference_update,
        )
        .method(T::Set, "union", set_union)
        .method(T::Set, "update", set_update)
        .method(T::FrozenSet, "copy", set_copy)
        .method(T::FrozenSet, "difference", set_difference)
        .method(T::FrozenSet, "intersection", set_intersection)
        .method(T::FrozenSet, "isdisjoint", set_isdisjoint)
        .method(T::FrozenSet, "issubset", set_issubset)
        .method(T::FrozenSet, "issuperset", set_issuperset)
        .method(
            T::FrozenSet,
            "symmetric_difference",
            set_symmetric_difference,
        )
        .method(T::FrozenSet, "union", set_union)
        .method(T::Generator, "send", gen_send)
        .method(T::Generator, "throw", gen_throw)
        .method(T::Generator, "close", gen_close)
        .method(T::Coroutine, "send", gen_send)
        .method(T::Coroutine, "throw", gen_throw)
        .method(T::Coroutine, "close", gen_close)
        .native(Owner::Internal, "sort_order", sort_order)
        .method(T::Str, "rfind", s_rfind)
        .method(T::Str, "swapcase", s_swapcase)
        .method(T::Str, "rpartition", s_rpartition)
        .method(T::Str, "rindex", s_rindex)
        .method(T::Str, "isdecimal", s_isdecimal)
        .method(T::Str, "isnumeric", s_isnumeric)
        .method(T::Str, "isascii", s_isascii)
        .method(T::Str, "isprintable", s_isprintable)
        .method(T::Str, "isidentifier", s_isidentifier)
        .method(T::Str, "casefold", s_casefold)
        .method(T::Str, "removeprefix", s_removeprefix)
        .method(T::Str, "removesuffix", s_removesuffix)
        .method(T::Str, "expandtabs", s_expandtabs)
        .method(T::Str, "format_map", s_format_map)
        .method(T::Str, "translate", s_translate)
        .native(Owner::ClassMethod(T::Str), "maketrans", s_maketrans)
}

/// `import builtins`: the builtins namespace as a module.
fn builtins_module() -> NativeModule {
    NativeModule::new("builtins").on_import(|vm, attrs| {
        for (name, v) in [
            ("True", Value::Bool(true)),
            ("False", Value::Bool(false)),
            ("None", Value::None),
        ] {
            attrs.insert(Rc::from(name), v);
        }
        for (name, v) in &vm.builtins {
            // Names starting with NUL are the VM's own.
            if !name.starts_with('\0') {
                attrs.insert(name.clone(), *v);
            }
        }
    })
}

/// Whether built-in `b` may stand alone as a value: anything but a
/// method of a built-in type (which needs its receiver). Built-ins of a
/// host's modules are functions.
pub(crate) fn is_function(b: Builtin) -> bool {
    !matches!(
        standard_natives().def(b).map(|d| d.owner),
        Some(Owner::Method(_))
    )
}

/// The type a method's receiver must have (`None`: any receiver will do,
/// or none).
pub(crate) fn receiver_type(b: Builtin) -> Option<TypeKind> {
    match standard_natives().def(b)?.owner {
        Owner::Method(kind) => Some(kind),
        _ => None,
    }
}

/// A built-in reached only from the VM.
pub(crate) fn internal(vm: &Vm, name: &str) -> Builtin {
    vm.natives
        .find(Owner::Internal, name)
        .unwrap_or_else(|| panic!("unknown internal built-in {name}"))
}

/// Puts the built-in functions and types in the builtins namespace.
pub(crate) fn install(vm: &mut Vm) {
    let natives = vm.natives.clone();
    for b in &natives.globals {
        if let Some(def) = natives.def(*b) {
            let id = vm.heap.alloc(Obj::Builtin(*b));
            vm.builtins.insert(Rc::from(def.name), Value::Obj(id));
        }
    }
    for kind in [
        T::Int,
        T::Float,
        T::Str,
        T::Bool,
        T::List,
        T::Tuple,
        T::Dict,
        T::Set,
        T::FrozenSet,
        T::Bytes,
        T::ByteArray,
        T::Range,
        T::Slice,
        T::Super,
        T::Type,
        T::Object,
    ] {
        let id = vm.heap.alloc(Obj::Type(kind));
        let name = if kind == T::Type { "type" } else { kind.name() };
        vm.builtins.insert(Rc::from(name), Value::Obj(id));
    }
    // Instances of `object()` (sentinels) belong to this class.
    let object_class = vm.heap.alloc(Obj::Class(Box::new(Class {
        name: Rc::from("object"),
        bases: Vec::new(),
        mro: Vec::new(),
        attrs: Attrs::default(),
        is_exception: false,
        native: None,
        proxy: false,
        metaclass: None,
    })));
    if let Obj::Class(c) = vm.heap.get_mut(object_class) {
        c.mro = vec![object_class];
    }
    vm.builtins
        .insert(Rc::from("\0object_class"), Value::Obj(object_class));
    // `NotImplemented`: a unique object that dunder methods return.
    let class = vm.heap.alloc(Obj::Class(Box::new(Class {
        name: Rc::from("NotImplementedType"),
        bases: Vec::new(),
        mro: Vec::new(),
        attrs: Attrs::default(),
        is_exception: false,
        native: None,
        proxy: false,
        metaclass: None,
    })));
    let ni = vm.heap.alloc(Obj::Instance(crate::heap::Instance {
        class,
        attrs: Attrs::default(),
        native: ObjId::NONE,
    }));
    vm.builtins
        .insert(Rc::from("NotImplemented"), Value::Obj(ni));
    // `Ellipsis` (`...`): the one instance of `ellipsis`.
    let class = vm.heap.alloc(Obj::Class(Box::new(Class {
        name: Rc::from("ellipsis"),
        bases: Vec::new(),
        mro: Vec::new(),
        attrs: Attrs::default(),
        is_exception: false,
        native: None,
        proxy: false,
        metaclass: None,
    })));
    let ellipsis = vm.heap.alloc(Obj::Instance(crate::heap::Instance {
        class,
        attrs: Attrs::default(),
        native: ObjId::NONE,
    }));
    vm.builtins
        .insert(Rc::from("Ellipsis"), Value::Obj(ellipsis));
    vm.builtins.insert(Rc::from("__debug__"), Value::Bool(true));
}

/// The built-in method `name` of `obj`, if it has one.
pub(crate) fn method(vm: &Vm, obj: Value, name: &str) -> Option<Builtin> {
    let owner = match obj {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Property(..) => Owner::Prop,
            Obj::Instance(inst) => match vm.heap.get(inst.class) {
                Obj::Class(c) if &*c.name == "TextIOWrapper" => Owner::Stream,
                // Instances have `object`'s methods.
                _ => Owner::Method(TypeKind::Object),
            },
            _ => Owner::Method(TypeKind::of(vm, obj)),
        },
        _ => Owner::Method(TypeKind::of(vm, obj)),
    };
    vm.natives.find(owner, name).or_else(|| match owner {
        Owner::Method(kind) => class_method(vm, kind, name),
        _ => None,
    })
}

/// The built-in method `name` of type `kind` (`str.lower`).
pub(crate) fn type_method(vm: &Vm, kind: TypeKind, name: &str) -> Option<Builtin> {
    vm.natives.find(Owner::Method(kind), name)
}

/// The class method `name` of type `kind` (`dict.fromkeys`).
pub(crate) fn class_method(vm: &Vm, kind: TypeKind, name: &str) -> Option<Builtin> {
    vm.natives.find(Owner::ClassMethod(kind), name)
}

/// Calls built-in `b` (with its receiver, for a method).
pub(crate) fn call_builtin(
    vm: &mut Vm,
    b: Builtin,
    receiver: Option<Value>,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> BResult {
    let Some(def) = vm.natives.def(b) else {
        let message = unknown_builtin(b);
        return Err(vm.error("SystemError", message));
    };
    let (f, owner, name) = (def.f, def.owner, def.name);
    // The module's functions call the scheduler (a host may run scripts
    // without one).
    if owner == Owner::Module("stackless") && !shoal_engine::has_scheduler() {
        return Err(vm.error(
            "RuntimeError",
            format!("stackless.{name}() needs a scheduler, and this host runs none"),
        ));
    }
    f(vm, receiver, args, kwargs)
}

/// Refuses a receiver of the wrong type for a method taken from its type
/// (`list.append(5, 1)`), as Python does. A method bound by attribute
/// lookup always has the right receiver, and the loaders check those of
/// saved ones, so only calls of unbound methods need this.
pub(crate) fn check_receiver(vm: &mut Vm, b: Builtin, receiver: Value) -> Result<(), Exc> {
    let Some((Owner::Method(kind), name)) = vm.natives.def(b).map(|d| (d.owner, d.name)) else {
        return Ok(());
    };
    if TypeKind::of(vm, receiver) == kind {
        return Ok(());
    }
    let t = type_name(vm, receiver);
    Err(type_err(
        vm,
        format!(
            "descriptor '{name}' for '{}' objects doesn't apply to a '{t}' object",
            kind.name()
        ),
    ))
}

/// The receiver a built-in method acts on: for an instance of a class
/// deriving from the method's type, the value the instance holds
/// (`class L(list)`: `L().append` appends to its list).
pub(crate) fn method_receiver(vm: &Vm, b: Builtin, receiver: Value) -> Value {
    let Some(inner) = crate::classes::native_value(vm, receiver) else {
        return receiver;
    };
    match vm.natives.def(b).map(|d| d.owner) {
        Some(Owner::Method(TypeKind::Object)) | Some(Owner::Internal) => inner,
        Some(Owner::Method(kind)) if kind == TypeKind::of(vm, inner) => inner,
        Some(Owner::Method(TypeKind::Int)) if TypeKind::of(vm, inner) == TypeKind::Bool => inner,
        _ => receiver,
    }
}

/// The operand of a built-in operator method (`list.__eq__`,
/// `int.__add__`): an instance of a class deriving from a built-in type
/// is taken as the value it holds, as CPython's operators take a
/// subclass's instance for the type.
pub(crate) fn operand_values(vm: &Vm, b: Builtin, args: &mut [Value]) {
    let [other] = args else { return };
    if crate::classes::native_value(vm, *other).is_none() {
        return;
    }
    let Some(def) = vm.natives.def(b) else { return };
    let base = [
        "add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "lshift", "rshift", "and", "or",
        "xor", "matmul", "divmod",
    ];
    let name = def
        .name
        .strip_prefix("__")
        .and_then(|n| n.strip_suffix("__"))
        .unwrap_or("");
    let operator = matches!(name, "eq" | "ne" | "lt" | "le" | "gt" | "ge")
        || base.contains(&name)
        || name.strip_prefix('r').is_some_and(|n| base.contains(&n))
        || name.strip_prefix('i').is_some_and(|n| base.contains(&n));
    if operator {
        *other = crate::classes::unwrap_native(vm, *other);
    }
}

/// `d[k]` of a `class D(dict)` instance whose class has `__missing__`:
/// a missing key calls it (`d.__missing__(k)`), as CPython's does.
pub(crate) fn missing_key(
    vm: &mut Vm,
    b: Builtin,
    result: BResult,
    inner: Value,
    outer: Value,
    key: Option<Value>,
) -> BResult {
    let Err(e) = result else { return result };
    if inner == outer
        || TypeKind::of(vm, inner) != TypeKind::Dict
        || vm.natives.def(b).is_none_or(|d| d.name != "__getitem__")
    {
        return Err(e);
    }
    let Some(missing) = crate::classes::dunder(vm, outer, "__missing__") else {
        return Err(e);
    };
    let key_error = vm.exc_class("KeyError");
    if !exception_matches(vm, e, Value::Obj(key_error))? {
        return Err(e);
    }
    Ok(Native::Call(
        missing,
        vec![outer, key.unwrap_or(Value::None)],
    ))
}

/// A built-in method's result as its caller sees it: the method returned
/// its receiver (`__iadd__`, `__enter__`) when that receiver is the value
/// an instance holds, so the instance.
pub(crate) fn outer_result(
    vm: &mut Vm,
    b: Builtin,
    result: Native,
    inner: Value,
    outer: Value,
) -> Native {
    // A set's repr names a subclass: `S({1, 2})`, `S()`.
    if inner != outer
        && matches!(TypeKind::of(vm, inner), TypeKind::Set | TypeKind::FrozenSet)
        && vm
            .natives
            .def(b)
            .is_some_and(|d| d.name == "__repr__" || d.name == "__str__")
        && let Native::Value(v) = result
        && let Some(text) = str_content(vm, v)
    {
        let class = type_name(vm, outer);
        let body = match TypeKind::of(vm, inner) {
            TypeKind::Set if &*text == "set()" => String::new(),
            TypeKind::FrozenSet if &*text == "frozenset()" => String::new(),
            TypeKind::FrozenSet => text
                .strip_prefix("frozenset(")
                .and_then(|t| t.strip_suffix(')'))
                .unwrap_or(&text)
                .to_string(),
            _ => text.to_string(),
        };
        return Native::Value(new_str(vm, &format!("{class}({body})")));
    }
    match result {
        Native::Value(v) if inner != outer && same(v, inner) && matches!(v, Value::Obj(_)) => {
            Native::Value(outer)
        }
        other => other,
    }
}

/// The name an unbound method shows in errors (`list.append`).
pub(crate) fn unbound_name(vm: &Vm, b: Builtin) -> String {
    match vm.natives.def(b) {
        Some(Def {
            owner: Owner::Method(kind),
            name,
            ..
        }) => format!("{}.{}", kind.name(), name),
        _ => builtin_name(vm, b).to_string(),
    }
}

/// The name of built-in `b` (`append`).
pub(crate) fn builtin_name(vm: &Vm, b: Builtin) -> &'static str {
    vm.natives.def(b).map_or("?", |d| d.name)
}

// ---- helpers ------------------------------------------------------------------

/// A native's result `v`.
pub fn ok(v: Value) -> BResult {
    Ok(Native::Value(v))
}

/// A native's result `None`.
pub fn none() -> BResult {
    ok(Value::None)
}

/// A TypeError with `msg`.
pub fn type_err(vm: &mut Vm, msg: impl Into<String>) -> Exc {
    vm.error("TypeError", msg)
}

pub(crate) fn no_kwargs(vm: &mut Vm, name: &str, kwargs: &Kwargs) -> Result<(), Exc> {
    if kwargs.is_empty() {
        Ok(())
    } else {
        Err(type_err(vm, format!("{name}() takes no keyword arguments")))
    }
}

/// Binds the arguments of `fname` to `names` (the first `required` of
/// them required). `clinic`: the messages of CPython's C methods;
/// otherwise those of a Python function.
pub(crate) fn bind_args(
    vm: &mut Vm,
    fname: &str,
    args: &[Value],
    kwargs: &Kwargs,
    names: &[&str],
    required: usize,
    clinic: bool,
) -> Result<Vec<Option<Value>>, Exc> {
    let n = names.len();
    if args.len() > n {
        let given = args.len() + if clinic { kwargs.len() } else { 0 };
        let msg = if clinic {
            format!(
                "{fname}() takes at most {n} argument{} ({given} given)",
                plural(n)
            )
        } else if required == n {
            format!(
                "{fname}() takes {n} positional argument{} but {given} {} given",
                plural(n),
                if given == 1 { "was" } else { "were" }
            )
        } else {
            format!(
                "{fname}() takes from {required} to {n} positional arguments but {given} were given"
            )
        };
        return Err(type_err(vm, msg));
    }
    let mut out: Vec<Option<Value>> = args.iter().map(|v| Some(*v)).collect();
    out.resize(n, None);
    for (k, v) in kwargs {
        let Some(i) = names.iter().position(|n| **n == **k) else {
            let msg = if clinic {
                format!("'{k}' is an invalid keyword argument for {fname}()")
            } else {
                format!("{fname}() got an unexpected keyword argument '{k}'")
            };
            return Err(type_err(vm, msg));
        };
        if out[i].is_some() {
            let msg = if clinic {
                format!(
                    "argument for {fname}() given by name ('{k}') and position ({})",
                    i + 1
                )
            } else {
                format!("{fname}() got multiple values for argument '{k}'")
            };
            return Err(type_err(vm, msg));
        }
        out[i] = Some(*v);
    }
    let missing: Vec<usize> = (0..required).filter(|i| out[*i].is_none()).collect();
    if let Some(first) = missing.first() {
        let msg = if clinic {
            format!(
                "{fname}() missing required argument '{}' (pos {})",
                names[*first],
                first + 1
            )
        } else {
            let quoted: Vec<String> = missing.iter().map(|i| format!("'{}'", names[*i])).collect();
            let list = match quoted.len() {
                1 => quoted[0].clone(),
                _ => format!(
                    "{} and {}",
                    quoted[..quoted.len() - 1].join(", "),
                    quoted[quoted.len() - 1]
                ),
            };
            format!(
                "{fname}() missing {} required positional argument{}: {list}",
                missing.len(),
                plural(missing.len())
            )
        };
        return Err(type_err(vm, msg));
    }
    Ok(out)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Checks the number of positional arguments like CPython does.
pub fn arity(vm: &mut Vm, name: &str, args: &[Value], min: usize, max: usize) -> Result<(), Exc> {
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    let msg = if min == max {
        match min {
            0 => format!("{name}() takes no arguments ({n} given)"),
            1 => format!("{name}() takes exactly one argument ({n} given)"),
            _ => format!("{name} expected {min} arguments, got {n}"),
        }
    } else if n < min {
        format!(
            "{name} expected at least {min} argument{}, got {n}",
            if min == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{name} expected at most {max} argument{}, got {n}",
            if max == 1 { "" } else { "s" }
        )
    };
    Err(type_err(vm, msg))
}

/// `arity` for a method of a built-in type: CPython names the type in
/// "takes no arguments" and "takes exactly one argument" (`list.copy()`).
pub(crate) fn method_arity(
    vm: &mut Vm,
    recv: Option<Value>,
    name: &str,
    args: &[Value],
    min: usize,
    max: usize,
) -> Result<(), Exc> {
    if min == max && min <= 1 && !name.contains('.') {
        let kind = recv.map_or(TypeKind::Object, |r| TypeKind::of(vm, r));
        let qualified = format!("{}.{name}", kind.name());
        return arity(vm, &qualified, args, min, max);
    }
    arity(vm, name, args, min, max)
}

/// The "takes at least N arguments (M given)" check of CPython's older
/// methods (`str.find`, `str.count`, `str.startswith`...).
pub(crate) fn at_least(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    min: usize,
    max: usize,
) -> Result<(), Exc> {
    let n = args.len();
    if n < min {
        let s = if min == 1 { "" } else { "s" };
        return Err(type_err(
            vm,
            format!("{name}() takes at least {min} argument{s} ({n} given)"),
        ));
    }
    if n > max {
        let s = if max == 1 { "" } else { "s" };
        return Err(type_err(
            vm,
            format!("{name}() takes at most {max} argument{s} ({n} given)"),
        ));
    }
    Ok(())
}

/// An int-like flag argument (`keepends`): an int or bool, as CPython's
/// argument parsing takes it.
pub(crate) fn int_flag(vm: &mut Vm, v: Option<Value>) -> Result<bool, Exc> {
    match v {
        None => Ok(false),
        Some(Value::Bool(b)) => Ok(b),
        Some(Value::Int(i)) => Ok(i != 0),
        Some(other) => {
            let t = type_name(vm, other);
            Err(type_err(
                vm,
                format!("'{t}' object cannot be interpreted as an integer"),
            ))
        }
    }
}

/// A str argument: "must be str, not int" (`what` added before, if any).
pub(crate) fn str_arg(vm: &mut Vm, v: Value, or_none: bool) -> Result<Rc<str>, Exc> {
    match str_content(vm, v) {
        Some(s) => Ok(s),
        None => {
            let t = type_name(vm, v);
            let what = if or_none { "str or None" } else { "str" };
            Err(type_err(vm, format!("must be {what}, not {t}")))
        }
    }
}

/// The keyword argument `name`, if given.
pub fn kwarg(kwargs: &Kwargs, name: &str) -> Option<Value> {
    kwargs.iter().find(|(k, _)| &**k == name).map(|(_, v)| *v)
}

/// The text of a string value.
pub fn str_content(vm: &Vm, v: Value) -> Option<Rc<str>> {
    match v {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Str(s) => Some(s.clone()),
            // An instance of a `str` subclass.
            Obj::Instance(inst) if !inst.native.is_none() => match vm.heap.get(inst.native) {
                Obj::Str(s) => Some(s.clone()),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

pub(crate) fn expect_str(vm: &mut Vm, v: Value, what: &str) -> Result<Rc<str>, Exc> {
    match str_content(vm, v) {
        Some(s) => Ok(s),
        None => {
            // CPython's argument messages name None itself.
            let t = if v == Value::None && what.contains("() argument") {
                "None".to_string()
            } else {
                type_name(vm, v)
            };
            Err(type_err(vm, format!("{what} must be str, not {t}")))
        }
    }
}

pub(crate) fn expect_int(vm: &mut Vm, v: Value, what: &str) -> Result<i64, Exc> {
    // An instance of an `int` subclass: its int.
    let v = match crate::classes::native_value(vm, v) {
        Some(inner @ (Value::Int(_) | Value::Bool(_))) => inner,
        _ => v,
    };
    match v {
        Value::Int(i) => Ok(i),
        Value::Bool(b) => Ok(b as i64),
        _ if big_ref(vm, v).is_some() => Err(vm.error(
            "OverflowError",
            "Python int too large to convert to C ssize_t",
        )),
        _ => {
            let t = type_name(vm, v);
            Err(type_err(
                vm,
                format!("'{t}' object cannot be interpreted as an integer{what}"),
            ))
        }
    }
}

pub(crate) fn to_f64(v: Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(i as f64),
        Value::Bool(b) => Some(b as i64 as f64),
        Value::Float(x) => Some(x),
        _ => None,
    }
}

/// A new str.
pub fn new_str(vm: &mut Vm, s: &str) -> Value {
    vm.str_value(s)
}

/// A new list.
pub fn new_list(vm: &mut Vm, items: Vec<Value>) -> Value {
    Value::Obj(vm.heap.alloc(Obj::List(items)))
}

/// A new tuple.
pub fn new_tuple(vm: &mut Vm, items: Vec<Value>) -> Value {
    Value::Obj(vm.heap.alloc(Obj::Tuple(items)))
}

/// The name of a value's type, as error messages print it.
pub fn type_name(vm: &Vm, v: Value) -> String {
    if let Value::Obj(id) = v {
        match vm.heap.get(id) {
            Obj::Instance(inst) => {
                if let Obj::Class(c) = vm.heap.get(inst.class) {
                    return c.name.to_string();
                }
            }
            Obj::Class(_) => return "type".into(),
            Obj::Iter(Iter::Values { .. }) => return "iterator".into(),
            Obj::Iter(Iter::Seq { seq, .. }) => {
                return match vm.heap.get(*seq) {
                    Obj::Tuple(_) => "tuple_iterator",
                    _ => "list_iterator",
                }
                .into();
            }
            Obj::Iter(Iter::Range { .. }) => return "range_iterator".into(),
            Obj::Iter(Iter::Dict { .. }) => return "dict_keyiterator".into(),
            Obj::Generator(g) if g.coroutine => return "coroutine".into(),
            _ => {}
        }
    }
    TypeKind::of(vm, v).name().to_string()
}

// ---- modules -------------------------------------------------------------------------------------

/// `import name` of a native module.
pub(crate) fn import(vm: &mut Vm, name: &str) -> Result<Value, Exc> {
    if let Some(id) = vm.find_module(name) {
        return Ok(Value::Obj(id));
    }
    let natives = vm.natives.clone();
    let Some(entry) = natives.module(name) else {
        return Err(vm.error("ModuleNotFoundError", format!("No module named '{name}'")));
    };
    let mut attrs = Attrs::default();
    let module_name = new_str(vm, name);
    attrs.insert(Rc::from("__name__"), module_name);
    attrs.insert(Rc::from("__doc__"), Value::None);
    for (n, b) in &entry.functions {
        let id = vm.heap.alloc(Obj::Builtin(*b));
        attrs.insert(Rc::from(*n), Value::Obj(id));
    }
    for (n, c) in &entry.constants {
        let v = match *c {
            Constant::None => Value::None,
            Constant::Bool(b) => Value::Bool(b),
            Constant::Int(i) => Value::Int(i),
            Constant::Float(x) => Value::Float(x),
            Constant::Str(s) => new_str(vm, s),
        };
        attrs.insert(Rc::from(*n), v);
    }
    if let Some(f) = entry.on_import {
        f(vm, &mut attrs);
    }
    let id = vm.add_module(name, attrs);
    Ok(Value::Obj(id))
}

/// The script part of a native module (file name, source), run in its
/// namespace when it is imported.
pub(crate) fn prelude(vm: &Vm, name: &str) -> Option<(&'static str, &'static str)> {
    vm.natives.module(name).and_then(|m| m.prelude)
}

/// The source of a native module's script part or of the `<shoal>`
/// helpers, by its file name.
pub(crate) fn prelude_source(vm: &Vm, file: &str) -> Option<&'static str> {
    match file {
        crate::vm::HELPERS_FILE => Some(crate::vm::HELPERS),
        _ => vm.natives.prelude_source(file),
    }
}

/// Whether `name` is a native module.
pub(crate) fn is_builtin_module(vm: &Vm, name: &str) -> bool {
    vm.natives.module(name).is_some()
}

pub(crate) fn float_arg(vm: &mut Vm, name: &str, args: &[Value], i: usize) -> Result<f64, Exc> {
    // An `int` or `float` subclass's instance: its number.
    if let Some(inner) = args
        .get(i)
        .and_then(|v| crate::classes::native_value(vm, *v))
        && matches!(inner, Value::Int(_) | Value::Float(_) | Value::Bool(_))
    {
        return float_arg(vm, name, &[inner], 0);
    }
    if let Some(n) = args.get(i).and_then(|v| big_ref(vm, *v)).cloned() {
        return big_to_f64(vm, &n);
    }
    match args.get(i).copied().and_then(to_f64) {
        Some(x) => Ok(x),
        None => {
            let t = args
                .get(i)
                .map_or("nothing".to_string(), |v| type_name(vm, *v));
            let _ = name;
            Err(type_err(vm, format!("must be real number, not {t}")))
        }
    }
}
