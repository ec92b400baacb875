//! The registry of built-ins: what a built-in returns ([`Native`]), the table
//! of every built-in function and method (`DEFS`, indexed by [`Builtin`]),
//! installing them, finding and calling them, the built-in modules, and the
//! argument helpers every built-in uses.

use super::*;

/// What a built-in returns.
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
}

pub(crate) type Kwargs = Vec<(Rc<str>, Value)>;
pub(crate) type BResult = Result<Native, Exc>;
type BuiltinFn = fn(&mut Vm, Option<Value>, Vec<Value>, Kwargs) -> BResult;

/// Where a built-in lives.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Owner {
    Global,
    Method(TypeKind),
    Module(&'static str),
    Stream,
    /// Reached only from the VM (`super().__init__`).
    Internal,
    /// Methods of `property` objects.
    Prop,
}

pub(crate) struct Def {
    pub(crate) name: &'static str,
    pub(crate) owner: Owner,
    pub(crate) f: BuiltinFn,
}

macro_rules! defs {
    ($($owner:expr, $name:literal => $f:ident;)*) => {
        pub(crate) static DEFS: &[Def] = &[$(Def { name: $name, owner: $owner, f: $f }),*];
    };
}

use Owner::{Global as G, Method as M, Module as Md};
use TypeKind as T;

defs! {
    G, "print" => b_print;
    G, "len" => b_len;
    G, "abs" => b_abs;
    G, "min" => b_min;
    G, "max" => b_max;
    G, "sum" => b_sum;
    G, "isinstance" => b_isinstance;
    G, "repr" => b_repr;
    G, "iter" => b_iter;
    G, "next" => b_next;
    G, "enumerate" => b_enumerate;
    G, "zip" => b_zip;
    G, "reversed" => b_reversed;
    G, "sorted" => b_sorted;
    G, "any" => b_any;
    G, "all" => b_all;
    G, "round" => b_round;
    G, "divmod" => b_divmod;
    G, "chr" => b_chr;
    G, "ord" => b_ord;
    G, "hash" => b_hash;
    G, "id" => b_id;
    G, "hex" => b_hex;
    G, "bin" => b_bin;
    G, "oct" => b_oct;
    G, "pow" => b_pow;
    G, "callable" => b_callable;
    G, "getattr" => b_getattr;
    G, "hasattr" => b_hasattr;
    G, "map" => b_map;
    G, "filter" => b_filter;
    M(T::List), "append" => l_append;
    M(T::List), "extend" => l_extend;
    M(T::List), "insert" => l_insert;
    M(T::List), "pop" => l_pop;
    M(T::List), "remove" => l_remove;
    M(T::List), "index" => seq_index;
    M(T::List), "count" => seq_count;
    M(T::List), "reverse" => l_reverse;
    M(T::List), "sort" => l_sort;
    M(T::List), "copy" => l_copy;
    M(T::List), "clear" => l_clear;
    M(T::Tuple), "index" => seq_index;
    M(T::Tuple), "count" => seq_count;
    M(T::Str), "join" => s_join;
    M(T::Str), "split" => s_split;
    M(T::Str), "rsplit" => s_rsplit;
    M(T::Str), "istitle" => s_istitle;
    M(T::Str), "strip" => s_strip;
    M(T::Str), "lstrip" => s_lstrip;
    M(T::Str), "rstrip" => s_rstrip;
    M(T::Str), "upper" => s_upper;
    M(T::Str), "lower" => s_lower;
    M(T::Str), "replace" => s_replace;
    M(T::Str), "startswith" => s_startswith;
    M(T::Str), "endswith" => s_endswith;
    M(T::Str), "find" => s_find;
    M(T::Str), "index" => s_index;
    M(T::Str), "count" => s_count;
    M(T::Str), "format" => s_format;
    M(T::Str), "isdigit" => s_isdigit;
    M(T::Str), "isalpha" => s_isalpha;
    M(T::Str), "isalnum" => s_isalnum;
    M(T::Str), "isspace" => s_isspace;
    M(T::Str), "isupper" => s_isupper;
    M(T::Str), "islower" => s_islower;
    M(T::Str), "title" => s_title;
    M(T::Str), "capitalize" => s_capitalize;
    M(T::Str), "center" => s_center;
    M(T::Str), "ljust" => s_ljust;
    M(T::Str), "rjust" => s_rjust;
    M(T::Str), "zfill" => s_zfill;
    M(T::Str), "splitlines" => s_splitlines;
    M(T::Str), "partition" => s_partition;
    M(T::Dict), "get" => d_get;
    M(T::Dict), "keys" => d_keys;
    M(T::Dict), "values" => d_values;
    M(T::Dict), "items" => d_items;
    M(T::Dict), "pop" => d_pop;
    M(T::Dict), "setdefault" => d_setdefault;
    M(T::Dict), "update" => d_update;
    M(T::Dict), "copy" => d_copy;
    M(T::Dict), "clear" => d_clear;
    M(T::Dict), "popitem" => d_popitem;
    M(T::Set), "issuperset" => set_issuperset;
    M(T::Set), "symmetric_difference" => set_symmetric_difference;
    M(T::Set), "pop" => set_pop;
    G, "format" => b_format;
    M(T::Set), "add" => set_add;
    M(T::Set), "remove" => set_remove;
    M(T::Set), "discard" => set_discard;
    M(T::Set), "union" => set_union;
    M(T::Set), "intersection" => set_intersection;
    M(T::Set), "difference" => set_difference;
    M(T::Set), "issubset" => set_issubset;
    M(T::Set), "copy" => set_copy;
    M(T::Set), "clear" => set_clear;
    M(T::Generator), "send" => gen_send;
    G, "open" => b_open;
    M(T::File), "read" => f_read;
    M(T::File), "readline" => f_readline;
    M(T::File), "readlines" => f_readlines;
    M(T::File), "write" => f_write;
    M(T::File), "close" => f_close;
    M(T::File), "__enter__" => f_enter;
    M(T::File), "__exit__" => f_exit;
    M(T::Bytes), "decode" => by_decode;
    M(T::Str), "encode" => s_encode;
    M(T::Tasklet), "bind" => t_bind;
    M(T::Tasklet), "setup" => t_setup;
    M(T::Tasklet), "insert" => t_insert;
    M(T::Tasklet), "remove" => t_remove;
    M(T::Tasklet), "run" => t_run;
    M(T::Tasklet), "switch" => t_switch;
    M(T::Tasklet), "kill" => t_kill;
    M(T::Tasklet), "throw" => t_throw;
    M(T::Tasklet), "raise_exception" => t_raise_exception;
    M(T::Tasklet), "set_atomic" => t_set_atomic;
    M(T::Channel), "send" => c_send;
    M(T::Channel), "receive" => c_receive;
    M(T::Channel), "send_exception" => c_send_exception;
    M(T::Channel), "send_throw" => c_send_throw;
    M(T::Channel), "close" => c_close;
    M(T::Channel), "send_sequence" => c_send_sequence;
    M(T::Channel), "open" => c_open;
    Md("pickle"), "dumps" => p_dumps;
    Md("pickle"), "loads" => p_loads;
    Md("pickle"), "dump" => p_dump;
    Md("pickle"), "load" => p_load;
    Md("stackless"), "getcurrent" => s_getcurrent;
    Md("stackless"), "getmain" => s_getmain;
    Md("stackless"), "getruncount" => s_getruncount;
    Md("stackless"), "schedule" => s_schedule;
    Md("stackless"), "schedule_remove" => s_schedule_remove;
    Md("stackless"), "run" => s_run;
    Md("stackless"), "switch_trap" => s_switch_trap;
    Md("stackless"), "set_atomic" => s_set_atomic;
    Md("stackless"), "set_schedule_callback" => s_set_schedule_callback;
    Md("stackless"), "set_error_handler" => s_set_error_handler;
    Md("stackless"), "set_channel_callback" => s_set_channel_callback;
    Md("math"), "sqrt" => m_sqrt;
    Md("math"), "floor" => m_floor;
    Md("math"), "ceil" => m_ceil;
    Md("math"), "sin" => m_sin;
    Md("math"), "cos" => m_cos;
    Md("math"), "tan" => m_tan;
    Md("math"), "atan2" => m_atan2;
    Md("math"), "hypot" => m_hypot;
    Md("math"), "log" => m_log;
    Md("math"), "exp" => m_exp;
    Md("math"), "fabs" => m_fabs;
    Md("math"), "gcd" => m_gcd;
    Md("math"), "factorial" => m_factorial;
    Md("math"), "isclose" => m_isclose;
    Md("sys"), "exit" => sys_exit;
    Md("random"), "seed" => r_seed;
    Md("random"), "random" => r_random;
    Md("random"), "getrandbits" => r_getrandbits;
    Md("random"), "randrange" => r_randrange;
    Md("random"), "randint" => r_randint;
    Md("random"), "choice" => r_choice;
    Md("random"), "shuffle" => r_shuffle;
    Md("random"), "uniform" => r_uniform;
    Md("random"), "sample" => r_sample;
    Md("time"), "time" => t_time;
    Md("time"), "perf_counter" => t_perf_counter;
    Md("time"), "sleep" => t_sleep;
    Owner::Stream, "write" => io_write;
    Owner::Stream, "flush" => io_flush;
    Owner::Internal, "__init__" => base_init;
    Owner::Internal, "mro" => class_mro;
    Owner::Internal, "__init_subclass__" => base_init_subclass;
    Owner::Internal, "sort_order" => sort_order;
    Owner::Prop, "setter" => prop_setter;
    G, "staticmethod" => b_staticmethod;
    G, "classmethod" => b_classmethod;
    G, "property" => b_property;
    G, "setattr" => b_setattr;
    G, "issubclass" => b_issubclass;
    M(T::Str), "rfind" => s_rfind;
    M(T::Set), "update" => set_update;
    Md("math"), "degrees" => m_degrees;
    Md("math"), "radians" => m_radians;
    Md("math"), "log10" => m_log10;
    Md("math"), "log2" => m_log2;
    Md("math"), "isqrt" => m_isqrt;
    Md("math"), "pow" => m_pow;
    Md("math"), "trunc" => m_trunc;
    Md("math"), "acos" => m_acos;
    Md("math"), "asin" => m_asin;
    Md("math"), "atan" => m_atan;
    Md("math"), "isinf" => m_isinf;
    Md("math"), "isnan" => m_isnan;
    Md("math"), "copysign" => m_copysign;
    Md("math"), "prod" => m_prod;
    Md("math"), "comb" => m_comb;
    Md("math"), "perm" => m_perm;
    Md("time"), "monotonic" => t_perf_counter;
    M(T::Str), "swapcase" => s_swapcase;
    M(T::Str), "rpartition" => s_rpartition;
    M(T::Str), "rindex" => s_rindex;
    Md("world"), "me" => w_me;
    Md("world"), "tick" => w_tick;
    Md("world"), "size" => w_size;
    Md("world"), "position" => w_position;
    Md("world"), "set_position" => w_set_position;
    Md("world"), "velocity" => w_velocity;
    Md("world"), "set_velocity" => w_set_velocity;
    Md("world"), "steer" => w_steer;
    Md("world"), "distance" => w_distance;
    Md("world"), "kind" => w_kind;
    Md("world"), "alive" => w_alive;
    Md("world"), "get" => w_get;
    Md("world"), "set" => w_set;
    Md("world"), "neighbours" => w_neighbours;
    Md("world"), "nearest" => w_nearest;
    Md("world"), "count" => w_count;
    Md("world"), "population" => w_population;
    Md("world"), "spawn" => w_spawn;
    Md("world"), "sleep" => w_sleep;
    Md("world"), "log" => w_log;
    Md("world"), "_despawn" => w_despawn;
}

/// The stable name of a built-in, for snapshots.
pub(crate) fn builtin_key(b: Builtin) -> String {
    let def = &DEFS[b.0 as usize];
    match def.owner {
        Owner::Global => def.name.to_string(),
        Owner::Method(kind) => format!("{}.{}", kind.name(), def.name),
        Owner::Module(m) => format!("{m}.{}", def.name),
        Owner::Stream => format!("stream.{}", def.name),
        Owner::Internal => format!("internal.{}", def.name),
        Owner::Prop => format!("property.{}", def.name),
    }
}

/// The built-in a snapshot names.
pub(crate) fn builtin_from_key(key: &str) -> Option<Builtin> {
    (0..DEFS.len())
        .map(|i| Builtin(i as u16))
        .find(|b| builtin_key(*b) == key)
}

/// A built-in reached only from the VM.
pub(crate) fn internal(name: &str) -> Builtin {
    let i = DEFS
        .iter()
        .position(|d| d.owner == Owner::Internal && d.name == name)
        .unwrap_or_else(|| panic!("unknown internal built-in {name}"));
    Builtin(i as u16)
}

/// Puts the built-in functions and types in the builtins namespace.
pub(crate) fn install(vm: &mut Vm) {
    for (i, def) in DEFS.iter().enumerate() {
        if def.owner == Owner::Global {
            let id = vm.heap.alloc(Obj::Builtin(Builtin(i as u16)));
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
        T::Range,
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
    })));
    let ni = vm.heap.alloc(Obj::Instance(crate::heap::Instance {
        class,
        attrs: Attrs::default(),
    }));
    vm.builtins
        .insert(Rc::from("NotImplemented"), Value::Obj(ni));
}

/// The built-in method `name` of `obj`, if it has one.
pub(crate) fn method(vm: &Vm, obj: Value, name: &str) -> Option<Builtin> {
    let owner = match obj {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Property(..) => Owner::Prop,
            Obj::Instance(inst) => match vm.heap.get(inst.class) {
                Obj::Class(c) if &*c.name == "TextIOWrapper" => Owner::Stream,
                _ => return None,
            },
            _ => Owner::Method(TypeKind::of(vm, obj)),
        },
        _ => Owner::Method(TypeKind::of(vm, obj)),
    };
    find_def(owner, name)
}

/// The built-in `name` of `owner`, by a table built on first use.
fn find_def(owner: Owner, name: &str) -> Option<Builtin> {
    static INDEX: std::sync::LazyLock<rustc_hash::FxHashMap<(Owner, &'static str), u16>> =
        std::sync::LazyLock::new(|| {
            let mut index = rustc_hash::FxHashMap::default();
            for (i, d) in DEFS.iter().enumerate() {
                index.entry((d.owner, d.name)).or_insert(i as u16);
            }
            index
        });
    INDEX.get(&(owner, name)).map(|i| Builtin(*i))
}

/// The built-in method `name` of type `kind` (`str.lower`).
pub(crate) fn type_method(kind: TypeKind, name: &str) -> Option<Builtin> {
    find_def(Owner::Method(kind), name)
}

/// Calls built-in `b` (with its receiver, for a method).
pub(crate) fn call_builtin(
    vm: &mut Vm,
    b: Builtin,
    receiver: Option<Value>,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> BResult {
    let def = &DEFS[b.0 as usize];
    if let (Owner::Method(kind), Some(r)) = (def.owner, receiver)
        && TypeKind::of(vm, r) != kind
    {
        let t = type_name(vm, r);
        return Err(type_err(
            vm,
            format!(
                "descriptor '{}' for '{}' objects doesn't apply to a '{t}' object",
                def.name,
                kind.name()
            ),
        ));
    }
    (def.f)(vm, receiver, args, kwargs)
}

/// The name an unbound method shows in errors (`list.append`).
pub(crate) fn unbound_name(b: Builtin) -> String {
    let def = &DEFS[b.0 as usize];
    match def.owner {
        Owner::Method(kind) => format!("{}.{}", kind.name(), def.name),
        _ => def.name.to_string(),
    }
}

pub(crate) fn builtin_name(b: Builtin) -> &'static str {
    DEFS[b.0 as usize].name
}

// ---- helpers ------------------------------------------------------------------

pub(crate) fn ok(v: Value) -> BResult {
    Ok(Native::Value(v))
}

pub(crate) fn none() -> BResult {
    ok(Value::None)
}

pub(crate) fn type_err(vm: &mut Vm, msg: impl Into<String>) -> Exc {
    vm.error("TypeError", msg)
}

pub(crate) fn no_kwargs(vm: &mut Vm, name: &str, kwargs: &Kwargs) -> Result<(), Exc> {
    if kwargs.is_empty() {
        Ok(())
    } else {
        Err(type_err(vm, format!("{name}() takes no keyword arguments")))
    }
}

/// Checks the number of positional arguments like CPython does.
pub(crate) fn arity(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    min: usize,
    max: usize,
) -> Result<(), Exc> {
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

pub(crate) fn kwarg(kwargs: &Kwargs, name: &str) -> Option<Value> {
    kwargs.iter().find(|(k, _)| &**k == name).map(|(_, v)| *v)
}

/// The text of a string value.
pub(crate) fn str_content(vm: &Vm, v: Value) -> Option<Rc<str>> {
    match v {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Str(s) => Some(s.clone()),
            _ => None,
        },
        _ => None,
    }
}

pub(crate) fn expect_str(vm: &mut Vm, v: Value, what: &str) -> Result<Rc<str>, Exc> {
    match str_content(vm, v) {
        Some(s) => Ok(s),
        None => {
            let t = type_name(vm, v);
            Err(type_err(vm, format!("{what} must be str, not {t}")))
        }
    }
}

pub(crate) fn expect_int(vm: &mut Vm, v: Value, what: &str) -> Result<i64, Exc> {
    match v {
        Value::Int(i) => Ok(i),
        Value::Bool(b) => Ok(b as i64),
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

pub(crate) fn new_str(vm: &mut Vm, s: &str) -> Value {
    vm.str_value(s)
}

pub(crate) fn new_list(vm: &mut Vm, items: Vec<Value>) -> Value {
    Value::Obj(vm.heap.alloc(Obj::List(items)))
}

pub(crate) fn new_tuple(vm: &mut Vm, items: Vec<Value>) -> Value {
    Value::Obj(vm.heap.alloc(Obj::Tuple(items)))
}

/// The name of a value's type, as error messages print it.
pub(crate) fn type_name(vm: &Vm, v: Value) -> String {
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
            _ => {}
        }
    }
    TypeKind::of(vm, v).name().to_string()
}

// ---- modules -------------------------------------------------------------------------------------

/// `import name`: the built-in modules.
pub(crate) fn import(vm: &mut Vm, name: &str) -> Result<Value, Exc> {
    if let Some(id) = vm_module(vm, name) {
        return Ok(Value::Obj(id));
    }
    let mut attrs = Attrs::default();
    for (i, def) in DEFS.iter().enumerate() {
        if def.owner == Owner::Module(module_static(name)) {
            let id = vm.heap.alloc(Obj::Builtin(Builtin(i as u16)));
            attrs.insert(Rc::from(def.name), Value::Obj(id));
        }
    }
    match name {
        "math" => {
            attrs.insert(Rc::from("pi"), Value::Float(std::f64::consts::PI));
            attrs.insert(Rc::from("e"), Value::Float(std::f64::consts::E));
            attrs.insert(Rc::from("tau"), Value::Float(std::f64::consts::TAU));
            attrs.insert(Rc::from("inf"), Value::Float(f64::INFINITY));
            attrs.insert(Rc::from("nan"), Value::Float(f64::NAN));
        }
        "sys" => {
            let argv: Vec<Value> = vm.argv.clone().iter().map(|a| new_str(vm, a)).collect();
            let argv = new_list(vm, argv);
            attrs.insert(Rc::from("argv"), argv);
            let stream_class = vm.heap.alloc(Obj::Class(Box::new(Class {
                name: Rc::from("TextIOWrapper"),
                bases: Vec::new(),
                mro: Vec::new(),
                attrs: Attrs::default(),
                is_exception: false,
            })));
            for (n, fd) in [("stdout", 1), ("stderr", 2)] {
                let mut a = Attrs::default();
                a.insert(Rc::from("_fd"), Value::Int(fd));
                let s = vm.heap.alloc(Obj::Instance(crate::heap::Instance {
                    class: stream_class,
                    attrs: a,
                }));
                attrs.insert(Rc::from(n), Value::Obj(s));
            }
            attrs.insert(Rc::from("maxsize"), Value::Int(i64::MAX));
        }
        "time" | "random" | "pickle" | "world" => {}
        "stackless" => sl::module_attrs(vm, &mut attrs),
        _ => {
            return Err(vm.error("ModuleNotFoundError", format!("No module named '{name}'")));
        }
    }
    let id = vm.add_module(name, attrs);
    Ok(Value::Obj(id))
}

/// Whether `name` is one of the built-in modules.
/// The script part of a built-in module (file name, source), run in its
/// namespace when it is imported.
pub(crate) fn prelude(name: &str) -> Option<(&'static str, &'static str)> {
    match name {
        "stackless" => Some((sl::PRELUDE_FILE, sl::PRELUDE)),
        "world" => Some((crate::world_api::PRELUDE_FILE, crate::world_api::PRELUDE)),
        _ => None,
    }
}

/// The source of a built-in module's script part, by its file name.
pub(crate) fn prelude_source(file: &str) -> Option<&'static str> {
    match file {
        sl::PRELUDE_FILE => Some(sl::PRELUDE),
        crate::world_api::PRELUDE_FILE => Some(crate::world_api::PRELUDE),
        crate::vm::HELPERS_FILE => Some(crate::vm::HELPERS),
        _ => None,
    }
}

pub(crate) fn is_builtin_module(name: &str) -> bool {
    !module_static(name).is_empty()
}

fn module_static(name: &str) -> &'static str {
    match name {
        "math" => "math",
        "sys" => "sys",
        "time" => "time",
        "random" => "random",
        "stackless" => "stackless",
        "pickle" => "pickle",
        "world" => "world",
        _ => "",
    }
}

fn vm_module(vm: &mut Vm, name: &str) -> Option<ObjId> {
    vm.find_module(name)
}

pub(crate) fn float_arg(vm: &mut Vm, name: &str, args: &[Value], i: usize) -> Result<f64, Exc> {
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
