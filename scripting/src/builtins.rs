//! Built-in functions, types, methods and operators of the script
//! language, with Python's semantics and error messages.
//!
//! Every built-in is a Rust function in `DEFS`, named by its index
//! ([`Builtin`]). Built-ins run to completion without calling back into
//! script code: those that would need to (a `key=` function, `map` with a
//! script function) report NotImplementedError for now.

use crate::files::{
    b_open, by_decode, f_close, f_enter, f_exit, f_read, f_readline, f_readlines, f_write, s_encode,
};
use crate::pickle::{p_dump, p_dumps, p_load, p_loads};
use crate::stackless as sl;
use crate::stackless::{
    c_close, c_open, c_receive, c_send, c_send_exception, c_send_sequence, c_send_throw,
    s_getcurrent, s_getmain, s_getruncount, s_run, s_schedule, s_schedule_remove, s_set_atomic,
    s_set_channel_callback, s_set_error_handler, s_set_schedule_callback, s_switch_trap, t_bind,
    t_insert, t_kill, t_raise_exception, t_remove, t_run, t_set_atomic, t_setup, t_switch, t_throw,
};
use std::fmt::Write as _;
use std::io::Write as _;
use std::rc::Rc;

use crate::ast::{BinOp, CmpOp, UnaryOp};
use crate::heap::{Attrs, Builtin, Class, Dict, Iter, Map, Obj, TypeKind};
use crate::value::{Key, ObjId, Value, float_repr};
use crate::vm::{Exc, Vm};
use crate::world_api::{
    w_alive, w_count, w_despawn, w_distance, w_get, w_kind, w_log, w_me, w_nearest, w_neighbours,
    w_population, w_position, w_set, w_set_position, w_set_velocity, w_size, w_sleep, w_spawn,
    w_steer, w_tick, w_velocity,
};

/// What a built-in returns.
pub enum Native {
    /// Its result.
    Value(Value),
    /// A scheduler operation for the thread's driver (`stackless`).
    Host(crate::stackless::HostOp),
}

pub(crate) type Kwargs = Vec<(Rc<str>, Value)>;
pub(crate) type BResult = Result<Native, Exc>;
type BuiltinFn = fn(&mut Vm, Option<Value>, Vec<Value>, Kwargs) -> BResult;

/// Where a built-in lives.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Owner {
    Global,
    Method(TypeKind),
    Module(&'static str),
    Stream,
    /// Reached only from the VM (`super().__init__`).
    Internal,
    /// Methods of `property` objects.
    Prop,
}

struct Def {
    name: &'static str,
    owner: Owner,
    f: BuiltinFn,
}

macro_rules! defs {
    ($($owner:expr, $name:literal => $f:ident;)*) => {
        static DEFS: &[Def] = &[$(Def { name: $name, owner: $owner, f: $f }),*];
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

/// Whether built-in `b` is called without a receiver (a function of the
/// builtins or of a module), so it may stand alone as a value.
pub(crate) fn is_function(b: Builtin) -> bool {
    matches!(DEFS[b.0 as usize].owner, Owner::Global | Owner::Module(_))
}

/// The type a method's receiver must have (`None`: any receiver will do,
/// or none).
pub(crate) fn receiver_type(b: Builtin) -> Option<TypeKind> {
    match DEFS[b.0 as usize].owner {
        Owner::Method(kind) => Some(kind),
        _ => None,
    }
}

/// Refuses a receiver of the wrong type for a method taken from its type
/// (`list.append(5, 1)`), as Python does: the method itself would take
/// any receiver for one of its type.
pub(crate) fn check_receiver(vm: &mut Vm, b: Builtin, receiver: Value) -> Result<(), Exc> {
    let Some(kind) = receiver_type(b) else {
        return Ok(());
    };
    if TypeKind::of(vm, receiver) == kind {
        return Ok(());
    }
    let t = type_name(vm, receiver);
    Err(type_err(
        vm,
        format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{t}' object",
            builtin_name(b),
            kind.name()
        ),
    ))
}

/// A built-in reached only from the VM.
pub(crate) fn internal(name: &str) -> Builtin {
    let i = DEFS
        .iter()
        .position(|d| d.owner == Owner::Internal && d.name == name)
        .unwrap_or_else(|| panic!("unknown internal built-in {name}"));
    Builtin(i as u16)
}

/// `object.__init__` and `BaseException.__init__` (which sets `args`).
/// `cls.mro()`: the method resolution order, `object` last.
fn class_mro(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "mro", &args, 0, 0)?;
    let items = recv.map_or_else(Vec::new, |c| class_lineage(vm, c, true));
    ok(new_list(vm, items))
}

/// A class's MRO (`mro`) or its bases, ending with `object` as Python's do.
pub(crate) fn class_lineage(vm: &Vm, class: Value, mro: bool) -> Vec<Value> {
    let Value::Obj(id) = class else {
        return Vec::new();
    };
    let Obj::Class(c) = vm.heap.get(id) else {
        return Vec::new();
    };
    let mut items: Vec<Value> = if mro { &c.mro } else { &c.bases }
        .iter()
        .map(|k| Value::Obj(*k))
        .collect();
    if (mro || items.is_empty())
        && let Some(object) = vm.builtins.get("object")
    {
        items.push(*object);
    }
    items
}

/// `object.__init_subclass__()`: takes no arguments, does nothing.
fn base_init_subclass(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    if let Some((k, _)) = kwargs.first() {
        return Err(type_err(
            vm,
            format!("__init_subclass__() got an unexpected keyword argument '{k}'"),
        ));
    }
    arity(vm, "__init_subclass__", &args, 0, 0)?;
    none()
}

fn base_init(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    if let Some(Value::Obj(id)) = recv
        && let Obj::Instance(inst) = vm.heap.get(id)
        && matches!(vm.heap.get(inst.class), Obj::Class(c) if c.is_exception)
    {
        let t = new_tuple(vm, args);
        if let Obj::Instance(inst) = vm.heap.get_mut(id) {
            inst.attrs.insert(Rc::from("args"), t);
        }
    }
    none()
}

fn b_staticmethod(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "staticmethod", &args, 1, 1)?;
    ok(Value::Obj(vm.heap.alloc(Obj::StaticMethod(args[0]))))
}

fn b_classmethod(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "classmethod", &args, 1, 1)?;
    ok(Value::Obj(vm.heap.alloc(Obj::ClassMethod(args[0]))))
}

fn b_property(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "property", &args, 1, 2)?;
    let setter = args.get(1).copied().unwrap_or(Value::None);
    ok(Value::Obj(vm.heap.alloc(Obj::Property(args[0], setter))))
}

fn prop_setter(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "setter", &args, 1, 1)?;
    let getter = match recv {
        Some(Value::Obj(id)) => match vm.heap.get(id) {
            Obj::Property(g, _) => *g,
            _ => Value::None,
        },
        _ => Value::None,
    };
    ok(Value::Obj(vm.heap.alloc(Obj::Property(getter, args[0]))))
}

fn b_issubclass(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "issubclass", &args, 2, 2)?;
    let Value::Obj(c) = args[0] else {
        return Err(type_err(vm, "issubclass() arg 1 must be a class"));
    };
    let mro = match vm.heap.get(c) {
        Obj::Class(k) => k.mro.clone(),
        Obj::Type(_) => vec![c],
        _ => return Err(type_err(vm, "issubclass() arg 1 must be a class")),
    };
    let targets: Vec<Value> = match args[1] {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Tuple(items) => items.clone(),
            _ => vec![args[1]],
        },
        _ => vec![args[1]],
    };
    for t in targets {
        match t {
            Value::Obj(id) if matches!(vm.heap.get(id), Obj::Type(TypeKind::Object)) => {
                return ok(Value::Bool(true));
            }
            Value::Obj(id) if mro.contains(&id) => return ok(Value::Bool(true)),
            Value::Obj(id) if matches!(vm.heap.get(id), Obj::Class(_) | Obj::Type(_)) => {}
            _ => {
                return Err(type_err(
                    vm,
                    "issubclass() arg 2 must be a class, a tuple of classes, or a union",
                ));
            }
        }
    }
    ok(Value::Bool(false))
}

fn b_setattr(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "setattr", &args, 3, 3)?;
    let name = expect_str(vm, args[1], "attribute name")?;
    vm.set_attr_pub(args[0], &name, args[2])?;
    none()
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
    // The module's functions call the scheduler (a host may run scripts
    // without one).
    if def.owner == Owner::Module("stackless") && !shoal_engine::has_scheduler() {
        return Err(vm.error(
            "RuntimeError",
            format!(
                "stackless.{}() needs a scheduler, and this host runs none",
                def.name
            ),
        ));
    }
    (def.f)(vm, receiver, args, kwargs)
}

fn builtin_name(b: Builtin) -> &'static str {
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

fn no_kwargs(vm: &mut Vm, name: &str, kwargs: &Kwargs) -> Result<(), Exc> {
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

fn expect_str(vm: &mut Vm, v: Value, what: &str) -> Result<Rc<str>, Exc> {
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

fn to_f64(v: Value) -> Option<f64> {
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

// ---- truth, keys, equality, ordering ---------------------------------------------

/// Python's truth value.
pub(crate) fn truthy(vm: &Vm, v: Value) -> bool {
    match v {
        Value::None => false,
        Value::Bool(b) => b,
        Value::Int(i) => i != 0,
        Value::Float(x) => x != 0.0,
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Str(s) => !s.is_empty(),
            Obj::List(items) | Obj::Tuple(items) => !items.is_empty(),
            Obj::Dict(d) => !d.is_empty(),
            Obj::Set(s) => !s.is_empty(),
            Obj::Range(a, b, step) => range_len(*a, *b, *step) > 0,
            _ => true,
        },
    }
}

/// Python's truth value, calling `__bool__` or `__len__` on instances.
#[inline]
pub(crate) fn truthy_mut(vm: &mut Vm, v: Value) -> Result<bool, Exc> {
    match v {
        Value::Bool(b) => return Ok(b),
        Value::Int(i) => return Ok(i != 0),
        Value::None => return Ok(false),
        Value::Float(x) => return Ok(x != 0.0),
        Value::Obj(_) => {}
    }
    if let Some(r) = crate::classes::call_dunder(vm, v, "__bool__", Vec::new()) {
        return Ok(truthy(vm, r?));
    }
    if let Some(r) = crate::classes::call_dunder(vm, v, "__len__", Vec::new()) {
        return Ok(truthy(vm, r?));
    }
    Ok(truthy(vm, v))
}

/// The dict key of a value; TypeError for unhashable values.
pub(crate) fn key_of(vm: &mut Vm, v: Value) -> Result<Key, Exc> {
    Ok(match v {
        Value::None => Key::None,
        Value::Bool(b) => Key::Int(b as i64),
        Value::Int(i) => Key::Int(i),
        Value::Float(x) => Key::float(x),
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Str(s) => Key::Str(s.clone()),
            Obj::Tuple(items) => {
                let items = items.clone();
                let mut keys = Vec::with_capacity(items.len());
                for i in items {
                    keys.push(key_of(vm, i)?);
                }
                Key::Tuple(Rc::from(keys))
            }
            Obj::List(_) | Obj::Dict(_) | Obj::Set(_) | Obj::Slice(..) => {
                let t = type_name(vm, v);
                return Err(type_err(vm, format!("unhashable type: '{t}'")));
            }
            Obj::Instance(_) if crate::classes::dunder(vm, v, "__hash__").is_some() => {
                return Err(vm.error(
                    "NotImplementedError",
                    "instances with __hash__ as dict keys or set members are not supported by Shoal's script language yet",
                ));
            }
            Obj::Instance(_) if crate::classes::dunder(vm, v, "__eq__").is_some() => {
                let t = type_name(vm, v);
                return Err(type_err(vm, format!("unhashable type: '{t}'")));
            }
            _ => Key::Id(id),
        },
    })
}

fn values_eq(vm: &Vm, a: Value, b: Value) -> bool {
    match (a, b) {
        (Value::Obj(x), Value::Obj(y)) => {
            if x == y {
                return true;
            }
            match (vm.heap.get(x), vm.heap.get(y)) {
                (Obj::Str(s), Obj::Str(t)) => s == t,
                (Obj::Bytes(s), Obj::Bytes(t)) => s == t,
                (Obj::List(p), Obj::List(q)) | (Obj::Tuple(p), Obj::Tuple(q)) => {
                    p.len() == q.len() && p.iter().zip(q.iter()).all(|(a, b)| values_eq(vm, *a, *b))
                }
                (Obj::Dict(p), Obj::Dict(q)) => {
                    p.len() == q.len()
                        && p.iter()
                            .all(|(k, (_, v))| q.get(k).is_some_and(|(_, w)| values_eq(vm, *v, *w)))
                }
                (Obj::Set(p), Obj::Set(q)) => {
                    p.len() == q.len() && p.keys().all(|k| q.contains_key(k))
                }
                (Obj::Range(a, b, c), Obj::Range(d, e, f)) => (a, b, c) == (d, e, f),
                _ => false,
            }
        }
        (Value::Obj(_), _) | (_, Value::Obj(_)) => false,
        (Value::None, Value::None) => true,
        (Value::None, _) | (_, Value::None) => false,
        _ => match (to_f64(a), to_f64(b), a, b) {
            (_, _, Value::Int(x), Value::Int(y)) => x == y,
            (Some(x), Some(y), _, _) => x == y,
            _ => false,
        },
    }
}

/// `a < b` style ordering; None when the types do not compare.
fn values_cmp(vm: &Vm, a: Value, b: Value) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering;
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(&y)),
        (Value::Obj(x), Value::Obj(y)) => match (vm.heap.get(x), vm.heap.get(y)) {
            (Obj::Str(s), Obj::Str(t)) => Some(s.cmp(t)),
            (Obj::List(p), Obj::List(q)) | (Obj::Tuple(p), Obj::Tuple(q)) => {
                for (a, b) in p.iter().zip(q.iter()) {
                    if !values_eq(vm, *a, *b) {
                        return values_cmp(vm, *a, *b);
                    }
                }
                Some(p.len().cmp(&q.len()))
            }
            (Obj::Set(p), Obj::Set(q)) => {
                let sub = p.keys().all(|k| q.contains_key(k));
                let sup = q.keys().all(|k| p.contains_key(k));
                match (sub, sup) {
                    (true, true) => Some(Ordering::Equal),
                    (true, false) => Some(Ordering::Less),
                    (false, true) => Some(Ordering::Greater),
                    _ => None,
                }
            }
            _ => None,
        },
        _ => match (to_f64(a), to_f64(b)) {
            (Some(x), Some(y)) => x.partial_cmp(&y),
            _ => None,
        },
    }
}

/// Comparison operators.
pub(crate) fn compare(vm: &mut Vm, op: CmpOp, a: Value, b: Value) -> Result<bool, Exc> {
    use std::cmp::Ordering::*;
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        match op {
            CmpOp::Lt => return Ok(x < y),
            CmpOp::LtE => return Ok(x <= y),
            CmpOp::Gt => return Ok(x > y),
            CmpOp::GtE => return Ok(x >= y),
            CmpOp::Eq | CmpOp::Is => return Ok(x == y),
            CmpOp::NotEq | CmpOp::IsNot => return Ok(x != y),
            _ => {}
        }
    }
    if (is_instance(vm, a) || is_instance(vm, b))
        && let Some(r) = instance_compare(vm, op, a, b)?
    {
        return Ok(r);
    }
    Ok(match op {
        CmpOp::Eq => eq(vm, a, b)?,
        CmpOp::NotEq => !eq(vm, a, b)?,
        CmpOp::Is => match (a, b) {
            (Value::Obj(x), Value::Obj(y)) => x == y,
            (Value::Float(x), Value::Float(y)) => x.to_bits() == y.to_bits(),
            _ => a == b,
        },
        CmpOp::IsNot => !compare(vm, CmpOp::Is, a, b)?,
        CmpOp::In => contains(vm, b, a)?,
        CmpOp::NotIn => !contains(vm, b, a)?,
        CmpOp::Lt | CmpOp::LtE | CmpOp::Gt | CmpOp::GtE => {
            let ord = values_cmp(vm, a, b);
            match (op, ord) {
                (_, None) => {
                    // NaN compares false; other mismatches are errors.
                    if to_f64(a).is_some() && to_f64(b).is_some() {
                        return Ok(false);
                    }
                    let sym = match op {
                        CmpOp::Lt => "<",
                        CmpOp::LtE => "<=",
                        CmpOp::Gt => ">",
                        _ => ">=",
                    };
                    let (ta, tb) = (type_name(vm, a), type_name(vm, b));
                    return Err(type_err(
                        vm,
                        format!("'{sym}' not supported between instances of '{ta}' and '{tb}'"),
                    ));
                }
                (CmpOp::Lt, Some(o)) => o == Less,
                (CmpOp::LtE, Some(o)) => o != Greater,
                (CmpOp::Gt, Some(o)) => o == Greater,
                (_, Some(o)) => o != Less,
            }
        }
    })
}

fn is_instance(vm: &Vm, v: Value) -> bool {
    matches!(v, Value::Obj(id) if matches!(vm.heap.get(id), Obj::Instance(_)))
}

fn not_implemented(vm: &Vm, v: Value) -> bool {
    vm.builtins.get("NotImplemented") == Some(&v)
}

/// Comparison with an instance: its dunder methods, then the reflected
/// one of the other operand; `None` when neither decides.
fn instance_compare(vm: &mut Vm, op: CmpOp, a: Value, b: Value) -> Result<Option<bool>, Exc> {
    let (name, reflected) = match op {
        CmpOp::Eq => ("__eq__", "__eq__"),
        CmpOp::NotEq => ("__ne__", "__ne__"),
        CmpOp::Lt => ("__lt__", "__gt__"),
        CmpOp::LtE => ("__le__", "__ge__"),
        CmpOp::Gt => ("__gt__", "__lt__"),
        CmpOp::GtE => ("__ge__", "__le__"),
        _ => return Ok(None),
    };
    for (x, y, n) in [(a, b, name), (b, a, reflected)] {
        if let Some(r) = crate::classes::call_dunder(vm, x, n, vec![y]) {
            let r = r?;
            if !not_implemented(vm, r) {
                return Ok(Some(truthy_mut(vm, r)?));
            }
        }
    }
    match op {
        // `!=` falls back on the inverse of `__eq__`.
        CmpOp::NotEq => Ok(instance_compare(vm, CmpOp::Eq, a, b)?
            .map(|r| !r)
            .or(Some(!same(a, b)))),
        CmpOp::Eq => Ok(Some(same(a, b))),
        _ => Ok(None),
    }
}

fn same(a: Value, b: Value) -> bool {
    match (a, b) {
        (Value::Obj(x), Value::Obj(y)) => x == y,
        _ => a == b,
    }
}

/// `a == b`, deep, calling `__eq__` on instances.
pub(crate) fn eq(vm: &mut Vm, a: Value, b: Value) -> Result<bool, Exc> {
    if is_instance(vm, a) || is_instance(vm, b) {
        return Ok(instance_compare(vm, CmpOp::Eq, a, b)?.unwrap_or(false));
    }
    if let (Value::Obj(x), Value::Obj(y)) = (a, b) {
        let pair = match (vm.heap.get(x), vm.heap.get(y)) {
            (Obj::List(p), Obj::List(q)) | (Obj::Tuple(p), Obj::Tuple(q)) => {
                Some((p.clone(), q.clone()))
            }
            (Obj::Dict(p), Obj::Dict(q)) => {
                if p.len() != q.len() {
                    return Ok(false);
                }
                let mut pairs = Vec::new();
                for (k, (_, v)) in p {
                    match q.get(k) {
                        Some((_, w)) => pairs.push((*v, *w)),
                        None => return Ok(false),
                    }
                }
                let (l, r): (Vec<Value>, Vec<Value>) = pairs.into_iter().unzip();
                Some((l, r))
            }
            _ => None,
        };
        if let Some((p, q)) = pair {
            if p.len() != q.len() {
                return Ok(false);
            }
            for (u, v) in p.into_iter().zip(q) {
                if !eq(vm, u, v)? {
                    return Ok(false);
                }
            }
            return Ok(true);
        }
    }
    Ok(values_eq(vm, a, b))
}

fn contains(vm: &mut Vm, container: Value, item: Value) -> Result<bool, Exc> {
    if let Value::Obj(id) = container {
        match vm.heap.get(id) {
            Obj::Str(s) => {
                let s = s.clone();
                return match str_content(vm, item) {
                    Some(sub) => Ok(s.contains(&*sub)),
                    None => {
                        let t = type_name(vm, item);
                        Err(type_err(
                            vm,
                            format!("'in <string>' requires string as left operand, not {t}"),
                        ))
                    }
                };
            }
            Obj::List(items) | Obj::Tuple(items) => {
                let items = items.clone();
                for v in items {
                    if eq(vm, v, item)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
            Obj::Instance(_) => {
                if let Some(r) =
                    crate::classes::call_dunder(vm, container, "__contains__", vec![item])
                {
                    let r = r?;
                    return truthy_mut(vm, r);
                }
                let it = get_iter(vm, container)?;
                while let Some(v) = next(vm, it)? {
                    if eq(vm, v, item)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
            Obj::Dict(_) | Obj::Set(_) => {
                let k = key_of(vm, item)?;
                return Ok(match vm.heap.get(id) {
                    Obj::Dict(d) => d.contains_key(&k),
                    Obj::Set(s) => s.contains_key(&k),
                    _ => false,
                });
            }
            Obj::Range(start, stop, step) => {
                let (start, stop, step) = (*start, *stop, *step);
                let Value::Int(i) = item else {
                    return Ok(false);
                };
                let inside = if step > 0 {
                    i >= start && i < stop
                } else {
                    i <= start && i > stop
                };
                return Ok(inside && (i as i128 - start as i128) % step as i128 == 0);
            }
            _ => {}
        }
    }
    let items = collect(vm, container)?;
    for v in items {
        if eq(vm, v, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

// ---- arithmetic ------------------------------------------------------------------------

fn overflow(vm: &mut Vm) -> Exc {
    vm.error(
        "OverflowError",
        "integer overflow: the result does not fit in 64 bits",
    )
}

fn floor_div(a: i64, b: i64) -> Option<i64> {
    let q = a.checked_div(b)?;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q.checked_sub(1)
    } else {
        Some(q)
    }
}

fn py_mod(a: i64, b: i64) -> Option<i64> {
    let r = a.checked_rem(b)?;
    Some(if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    })
}

fn op_symbol(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Div => "/",
        BinOp::FloorDiv => "//",
        BinOp::Mod => "%",
        BinOp::Pow => "** or pow()",
        BinOp::LShift => "<<",
        BinOp::RShift => ">>",
        BinOp::BitOr => "|",
        BinOp::BitXor => "^",
        BinOp::BitAnd => "&",
        BinOp::MatMul => "@",
    }
}

/// Binary operators (`inplace` for `+=` and friends: lists extend in
/// place).
pub(crate) fn binary(
    vm: &mut Vm,
    op: BinOp,
    a: Value,
    b: Value,
    inplace: bool,
) -> Result<Value, Exc> {
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        match op {
            BinOp::Add => {
                if let Some(r) = x.checked_add(y) {
                    return Ok(Value::Int(r));
                }
            }
            BinOp::Sub => {
                if let Some(r) = x.checked_sub(y) {
                    return Ok(Value::Int(r));
                }
            }
            BinOp::Mul => {
                if let Some(r) = x.checked_mul(y) {
                    return Ok(Value::Int(r));
                }
            }
            _ => {}
        }
    }
    if is_instance(vm, a) || is_instance(vm, b) {
        return instance_binary(vm, op, a, b, inplace);
    }
    // Integers (and bools) first: the hot path.
    let ints = match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some((x, y)),
        (Value::Bool(x), Value::Int(y)) => Some((x as i64, y)),
        (Value::Int(x), Value::Bool(y)) => Some((x, y as i64)),
        (Value::Bool(x), Value::Bool(y))
            if !matches!(op, BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor) =>
        {
            Some((x as i64, y as i64))
        }
        _ => None,
    };
    if let Some((x, y)) = ints {
        let r = match op {
            BinOp::Add => x.checked_add(y),
            BinOp::Sub => x.checked_sub(y),
            BinOp::Mul => x.checked_mul(y),
            BinOp::Div => {
                if y == 0 {
                    return Err(vm.error("ZeroDivisionError", "division by zero"));
                }
                return Ok(Value::Float(x as f64 / y as f64));
            }
            BinOp::FloorDiv | BinOp::Mod => {
                if y == 0 {
                    let msg = if op == BinOp::Mod {
                        "integer modulo by zero"
                    } else {
                        "integer division or modulo by zero"
                    };
                    return Err(vm.error("ZeroDivisionError", msg));
                }
                if op == BinOp::FloorDiv {
                    floor_div(x, y)
                } else {
                    py_mod(x, y)
                }
            }
            BinOp::Pow => {
                if y < 0 {
                    if x == 0 {
                        return Err(vm.error(
                            "ZeroDivisionError",
                            "0.0 cannot be raised to a negative power",
                        ));
                    }
                    return Ok(Value::Float((x as f64).powf(y as f64)));
                }
                u32::try_from(y).ok().and_then(|y| x.checked_pow(y))
            }
            BinOp::LShift => {
                if y < 0 {
                    return Err(vm.error("ValueError", "negative shift count"));
                }
                if y >= 64 {
                    if x == 0 { Some(0) } else { None }
                } else {
                    let r = x << y;
                    if r >> y == x { Some(r) } else { None }
                }
            }
            BinOp::RShift => {
                if y < 0 {
                    return Err(vm.error("ValueError", "negative shift count"));
                }
                Some(if y >= 64 {
                    if x < 0 { -1 } else { 0 }
                } else {
                    x >> y
                })
            }
            BinOp::BitOr => Some(x | y),
            BinOp::BitXor => Some(x ^ y),
            BinOp::BitAnd => Some(x & y),
            BinOp::MatMul => None,
        };
        return match r {
            Some(r) => Ok(Value::Int(r)),
            None if op == BinOp::MatMul => Err(unsupported(vm, op, a, b, inplace)),
            None => Err(overflow(vm)),
        };
    }
    if let (Value::Bool(x), Value::Bool(y)) = (a, b) {
        return Ok(Value::Bool(match op {
            BinOp::BitAnd => x & y,
            BinOp::BitOr => x | y,
            _ => x ^ y,
        }));
    }
    if let (Some(x), Some(y)) = (to_f64(a), to_f64(b)) {
        let r = match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mul => x * y,
            BinOp::Div => {
                if y == 0.0 {
                    return Err(vm.error("ZeroDivisionError", "float division by zero"));
                }
                x / y
            }
            BinOp::FloorDiv => {
                if y == 0.0 {
                    return Err(vm.error("ZeroDivisionError", "float floor division by zero"));
                }
                (x / y).floor()
            }
            BinOp::Mod => {
                if y == 0.0 {
                    return Err(vm.error("ZeroDivisionError", "float modulo"));
                }
                let r = x % y;
                if r != 0.0 && ((r < 0.0) != (y < 0.0)) {
                    r + y
                } else {
                    r
                }
            }
            BinOp::Pow => {
                if x == 0.0 && y < 0.0 {
                    return Err(vm.error(
                        "ZeroDivisionError",
                        "0.0 cannot be raised to a negative power",
                    ));
                }
                x.powf(y)
            }
            _ => return Err(unsupported(vm, op, a, b, inplace)),
        };
        return Ok(Value::Float(r));
    }
    if let (Value::Obj(x), Value::Obj(y)) = (a, b) {
        match (op, vm.heap.get(x), vm.heap.get(y)) {
            (BinOp::Add, Obj::Str(s), Obj::Str(t)) => {
                let mut r = String::with_capacity(s.len() + t.len());
                r.push_str(s);
                r.push_str(t);
                return Ok(new_str(vm, &r));
            }
            (BinOp::Add, Obj::List(p), Obj::List(q)) => {
                if inplace {
                    let q = q.clone();
                    if let Obj::List(p) = vm.heap.get_mut(x) {
                        p.extend(q);
                    }
                    return Ok(a);
                }
                let mut r = p.clone();
                r.extend(q.iter().copied());
                return Ok(new_list(vm, r));
            }
            (BinOp::Add, Obj::Tuple(p), Obj::Tuple(q)) => {
                let mut r = p.clone();
                r.extend(q.iter().copied());
                return Ok(new_tuple(vm, r));
            }
            (
                BinOp::Sub | BinOp::BitOr | BinOp::BitAnd | BinOp::BitXor,
                Obj::Set(p),
                Obj::Set(q),
            ) => {
                let r: Map<Key, Value> = match op {
                    BinOp::Sub => p
                        .iter()
                        .filter(|(k, _)| !q.contains_key(*k))
                        .map(|(k, v)| (k.clone(), *v))
                        .collect(),
                    BinOp::BitAnd => p
                        .iter()
                        .filter(|(k, _)| q.contains_key(*k))
                        .map(|(k, v)| (k.clone(), *v))
                        .collect(),
                    BinOp::BitOr => p
                        .iter()
                        .chain(q.iter())
                        .map(|(k, v)| (k.clone(), *v))
                        .collect(),
                    _ => p
                        .iter()
                        .filter(|(k, _)| !q.contains_key(*k))
                        .chain(q.iter().filter(|(k, _)| !p.contains_key(*k)))
                        .map(|(k, v)| (k.clone(), *v))
                        .collect(),
                };
                return Ok(Value::Obj(vm.heap.alloc(Obj::Set(r))));
            }
            (BinOp::BitOr, Obj::Dict(p), Obj::Dict(q)) => {
                let mut r = p.clone();
                for (k, v) in q {
                    r.insert(k.clone(), *v);
                }
                return Ok(Value::Obj(vm.heap.alloc(Obj::Dict(r))));
            }
            (BinOp::Mod, Obj::Str(s), _) => {
                let s = s.clone();
                let r = percent_format(vm, &s, b)?;
                return Ok(new_str(vm, &r));
            }
            _ => {}
        }
    }
    if op == BinOp::Mod
        && let Some(s) = str_content(vm, a)
    {
        let r = percent_format(vm, &s, b)?;
        return Ok(new_str(vm, &r));
    }
    if op == BinOp::Mul {
        let (seq, n) = match (a, b) {
            (Value::Obj(_), Value::Int(n)) => (a, n),
            (Value::Int(n), Value::Obj(_)) => (b, n),
            (Value::Obj(_), Value::Bool(n)) => (a, n as i64),
            _ => return Err(unsupported(vm, op, a, b, inplace)),
        };
        let n = n.max(0) as usize;
        if let Value::Obj(id) = seq {
            match vm.heap.get(id) {
                Obj::Str(s) => {
                    let r = s.repeat(n);
                    return Ok(new_str(vm, &r));
                }
                Obj::List(items) => {
                    let r: Vec<Value> = items
                        .iter()
                        .copied()
                        .cycle()
                        .take(items.len() * n)
                        .collect();
                    return Ok(new_list(vm, r));
                }
                Obj::Tuple(items) => {
                    let r: Vec<Value> = items
                        .iter()
                        .copied()
                        .cycle()
                        .take(items.len() * n)
                        .collect();
                    return Ok(new_tuple(vm, r));
                }
                _ => {}
            }
        }
    }
    Err(unsupported(vm, op, a, b, inplace))
}

fn dunder_names(op: BinOp) -> (&'static str, &'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__", "__iadd__"),
        BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
        BinOp::Mul => ("__mul__", "__rmul__", "__imul__"),
        BinOp::Div => ("__truediv__", "__rtruediv__", "__itruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
        BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
        BinOp::BitOr => ("__or__", "__ror__", "__ior__"),
        BinOp::BitXor => ("__xor__", "__rxor__", "__ixor__"),
        BinOp::BitAnd => ("__and__", "__rand__", "__iand__"),
        BinOp::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
    }
}

fn instance_binary(
    vm: &mut Vm,
    op: BinOp,
    a: Value,
    b: Value,
    inplace: bool,
) -> Result<Value, Exc> {
    let (name, rname, iname) = dunder_names(op);
    if inplace && let Some(r) = crate::classes::call_dunder(vm, a, iname, vec![b]) {
        let r = r?;
        if !not_implemented(vm, r) {
            return Ok(r);
        }
    }
    if let Some(r) = crate::classes::call_dunder(vm, a, name, vec![b]) {
        let r = r?;
        if !not_implemented(vm, r) {
            return Ok(r);
        }
    }
    if let Some(r) = crate::classes::call_dunder(vm, b, rname, vec![a]) {
        let r = r?;
        if !not_implemented(vm, r) {
            return Ok(r);
        }
    }
    Err(unsupported(vm, op, a, b, inplace))
}

fn unsupported(vm: &mut Vm, op: BinOp, a: Value, b: Value, inplace: bool) -> Exc {
    let (ta, tb) = (type_name(vm, a), type_name(vm, b));
    if op == BinOp::Add && ta == "str" && tb != "str" {
        return type_err(
            vm,
            format!("can only concatenate str (not \"{tb}\") to str"),
        );
    }
    if op == BinOp::Add && ta == "list" && ta != tb {
        return type_err(
            vm,
            format!("can only concatenate list (not \"{tb}\") to list"),
        );
    }
    if op == BinOp::Mul
        && (ta == "str" || ta == "list" || ta == "tuple")
        && tb != "int"
        && tb != "bool"
    {
        return type_err(
            vm,
            format!("can't multiply sequence by non-int of type '{tb}'"),
        );
    }
    type_err(
        vm,
        format!(
            "unsupported operand type(s) for {}{}: '{ta}' and '{tb}'",
            op_symbol(op),
            if inplace { "=" } else { "" }
        ),
    )
}

/// Unary operators.
pub(crate) fn unary(vm: &mut Vm, op: UnaryOp, a: Value) -> Result<Value, Exc> {
    if op != UnaryOp::Not && is_instance(vm, a) {
        let name = match op {
            UnaryOp::Neg => "__neg__",
            UnaryOp::Pos => "__pos__",
            _ => "__invert__",
        };
        if let Some(r) = crate::classes::call_dunder(vm, a, name, Vec::new()) {
            return r;
        }
    }
    Ok(match (op, a) {
        (UnaryOp::Not, v) => Value::Bool(!truthy_mut(vm, v)?),
        (UnaryOp::Neg, Value::Int(i)) => Value::Int(i.checked_neg().ok_or_else(|| overflow(vm))?),
        (UnaryOp::Neg, Value::Bool(b)) => Value::Int(-(b as i64)),
        (UnaryOp::Neg, Value::Float(x)) => Value::Float(-x),
        (UnaryOp::Pos, Value::Int(_) | Value::Float(_)) => a,
        (UnaryOp::Pos, Value::Bool(b)) => Value::Int(b as i64),
        (UnaryOp::Invert, Value::Int(i)) => Value::Int(!i),
        (UnaryOp::Invert, Value::Bool(b)) => Value::Int(!(b as i64)),
        _ => {
            let sym = match op {
                UnaryOp::Neg => "-",
                UnaryOp::Pos => "+",
                _ => "~",
            };
            let t = type_name(vm, a);
            return Err(type_err(
                vm,
                format!("bad operand type for unary {sym}: '{t}'"),
            ));
        }
    })
}

// ---- strings ------------------------------------------------------------------------------

/// `str(v)`.
pub(crate) fn str_of(vm: &mut Vm, v: Value) -> Result<String, Exc> {
    if let Some(s) = str_content(vm, v) {
        return Ok(s.to_string());
    }
    if let Some(r) = crate::classes::call_dunder(vm, v, "__str__", Vec::new()) {
        let r = r?;
        return match str_content(vm, r) {
            Some(s) => Ok(s.to_string()),
            None => {
                let t = type_name(vm, r);
                Err(type_err(
                    vm,
                    format!("__str__ returned non-string (type {t})"),
                ))
            }
        };
    }
    if let Value::Obj(id) = v
        && let Obj::Instance(inst) = vm.heap.get(id)
        && matches!(vm.heap.get(inst.class), Obj::Class(c) if c.is_exception)
    {
        return Ok(exception_str(vm, v));
    }
    repr_of(vm, v)
}

/// `repr(s)` of a string.
pub(crate) fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// `repr(v)`.
pub(crate) fn repr_of(vm: &mut Vm, v: Value) -> Result<String, Exc> {
    repr_depth(vm, v, 0)
}

fn repr_depth(vm: &mut Vm, v: Value, depth: usize) -> Result<String, Exc> {
    if let Some(r) = crate::classes::call_dunder(vm, v, "__repr__", Vec::new()) {
        let r = r?;
        return match str_content(vm, r) {
            Some(s) => Ok(s.to_string()),
            None => {
                let t = type_name(vm, r);
                Err(type_err(
                    vm,
                    format!("__repr__ returned non-string (type {t})"),
                ))
            }
        };
    }
    if depth > 200 {
        return Err(vm.error(
            "RecursionError",
            "maximum recursion depth exceeded while getting the repr of an object",
        ));
    }
    Ok(match v {
        Value::None => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Int(i) => i.to_string(),
        Value::Float(x) => float_repr(x),
        Value::Obj(id) => match vm.heap.get(id).clone() {
            Obj::Str(s) => str_repr(&s),
            Obj::List(items) => {
                let parts: Result<Vec<String>, Exc> = items
                    .iter()
                    .map(|i| repr_depth(vm, *i, depth + 1))
                    .collect();
                format!("[{}]", parts?.join(", "))
            }
            Obj::Tuple(items) => {
                let parts: Result<Vec<String>, Exc> = items
                    .iter()
                    .map(|i| repr_depth(vm, *i, depth + 1))
                    .collect();
                let parts = parts?;
                if parts.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            Obj::Dict(d) => {
                let mut parts = Vec::with_capacity(d.len());
                for (k, v) in d.values() {
                    parts.push(format!(
                        "{}: {}",
                        repr_depth(vm, *k, depth + 1)?,
                        repr_depth(vm, *v, depth + 1)?
                    ));
                }
                format!("{{{}}}", parts.join(", "))
            }
            Obj::Set(s) => {
                if s.is_empty() {
                    "set()".into()
                } else {
                    let parts: Result<Vec<String>, Exc> =
                        s.values().map(|i| repr_depth(vm, *i, depth + 1)).collect();
                    format!("{{{}}}", parts?.join(", "))
                }
            }
            Obj::Range(a, b, 1) => format!("range({a}, {b})"),
            Obj::Range(a, b, c) => format!("range({a}, {b}, {c})"),
            Obj::Function(f) => {
                let q = vm.codes[f.code as usize].qualname.clone();
                format!(
                    "<function {q} at 0x{:012x}>",
                    0x7f00_0000_0000u64 + id.0 as u64 * 16
                )
            }
            Obj::Builtin(b) => format!("<built-in function {}>", builtin_name(b)),
            Obj::Unbound(b) => format!("<method '{}' objects>", builtin_name(b)),
            Obj::Method(recv, b) => {
                let t = type_name(vm, recv);
                format!("<built-in method {} of {t} object>", builtin_name(b))
            }
            Obj::Type(k) => format!("<class '{}'>", k.name()),
            Obj::Class(c)
                if c.is_exception && c.bases.len() <= 1 && is_builtin_exception(&c.name) =>
            {
                format!("<class '{}'>", c.name)
            }
            Obj::Class(c) => format!("<class '__main__.{}'>", c.name),
            Obj::Instance(inst) => {
                let is_exc = matches!(vm.heap.get(inst.class), Obj::Class(c) if c.is_exception);
                let cname = match vm.heap.get(inst.class) {
                    Obj::Class(c) => c.name.clone(),
                    _ => Rc::from("object"),
                };
                if is_exc {
                    let args = exc_args(vm, v);
                    let parts: Result<Vec<String>, Exc> =
                        args.iter().map(|a| repr_depth(vm, *a, depth + 1)).collect();
                    format!("{cname}({})", parts?.join(", "))
                } else {
                    format!(
                        "<__main__.{cname} object at 0x{:012x}>",
                        0x7f00_0000_0000u64 + id.0 as u64 * 16
                    )
                }
            }
            Obj::Module(m) => format!("<module '{}' (built-in)>", m.name),
            Obj::Iter(_) => format!("<{} object>", type_name(vm, v)),
            Obj::Cell(_) => "<cell>".into(),
            Obj::BoundMethod(recv, f) => {
                let q = match f {
                    Value::Obj(fid) => match vm.heap.get(fid) {
                        Obj::Function(func) => vm.codes[func.code as usize].qualname.to_string(),
                        _ => "?".into(),
                    },
                    _ => "?".into(),
                };
                let r = repr_depth(vm, recv, depth + 1)?;
                format!("<bound method {q} of {r}>")
            }
            Obj::Super(..) => "<super object>".into(),
            Obj::StaticMethod(_) => "<staticmethod object>".into(),
            Obj::ClassMethod(_) => "<classmethod object>".into(),
            Obj::Property(..) => "<property object>".into(),
            Obj::Bytes(b) => crate::files::bytes_repr(&b),
            Obj::File(f) => format!("<_io.TextIOWrapper name='{}' mode='{}'>", f.name, f.mode),
            Obj::Tasklet(_) => format!(
                "<stackless.tasklet object at 0x{:012x}>",
                0x7f00_0000_0000u64 + id.0 as u64 * 16
            ),
            Obj::Channel(_) => format!(
                "<stackless.channel object at 0x{:012x}>",
                0x7f00_0000_0000u64 + id.0 as u64 * 16
            ),
            Obj::Generator(g) => format!(
                "<generator object {} at 0x{:012x}>",
                g.name,
                0x7f00_0000_0000u64 + id.0 as u64 * 16
            ),
            Obj::Slice(a, b, c) => format!(
                "slice({}, {}, {})",
                repr_depth(vm, a, depth + 1)?,
                repr_depth(vm, b, depth + 1)?,
                repr_depth(vm, c, depth + 1)?
            ),
        },
    })
}

/// Applies a format spec (`format(v, spec)`, f-string fields).
pub(crate) fn format_value(vm: &mut Vm, v: Value, spec: &str) -> Result<String, Exc> {
    // A class's own `__format__` decides; `object.__format__` only takes
    // an empty spec.
    if is_instance(vm, v) {
        let spec_value = new_str(vm, spec);
        if let Some(r) = crate::classes::call_dunder(vm, v, "__format__", vec![spec_value]) {
            let r = r?;
            return match str_content(vm, r) {
                Some(s) => Ok(s.to_string()),
                None => {
                    let t = type_name(vm, r);
                    Err(type_err(
                        vm,
                        format!("__format__ must return a str, not {t}"),
                    ))
                }
            };
        }
        if !spec.is_empty() {
            let t = type_name(vm, v);
            return Err(type_err(
                vm,
                format!("unsupported format string passed to {t}.__format__"),
            ));
        }
    }
    if spec.is_empty() {
        return str_of(vm, v);
    }
    let spec_err = |vm: &mut Vm| {
        vm.error(
            "ValueError",
            format!(
                "Invalid format specifier '{spec}' for object of type '{}'",
                type_name(vm, v)
            ),
        )
    };
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let (mut fill, mut align) = (' ', None);
    if chars.len() >= 2 && matches!(chars[1], '<' | '>' | '^' | '=') {
        fill = chars[0];
        align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && matches!(chars[0], '<' | '>' | '^' | '=') {
        align = Some(chars[0]);
        i = 1;
    }
    let mut sign = '-';
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        sign = chars[i];
        i += 1;
    }
    let mut alternate = false;
    if i < chars.len() && chars[i] == '#' {
        alternate = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' && align.is_none() {
        fill = '0';
        align = Some('=');
        i += 1;
    }
    let mut width = 0usize;
    while i < chars.len() && chars[i].is_ascii_digit() {
        width = width * 10 + chars[i].to_digit(10).unwrap_or(0) as usize;
        i += 1;
    }
    let mut grouping = None;
    if i < chars.len() && matches!(chars[i], ',' | '_') {
        grouping = Some(chars[i]);
        i += 1;
    }
    let mut precision = None;
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        let mut p = 0usize;
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            p = p * 10 + chars[i].to_digit(10).unwrap_or(0) as usize;
            i += 1;
        }
        if i == start {
            return Err(vm.error("ValueError", "Format specifier missing precision"));
        }
        precision = Some(p);
    }
    let ty = chars.get(i).copied();
    if i + 1 < chars.len() {
        return Err(spec_err(vm));
    }
    let (body, negative, numeric) = match (v, ty) {
        (Value::Int(_) | Value::Bool(_), None | Some('d' | 'n' | 'x' | 'X' | 'o' | 'b' | 'c')) => {
            let n = match v {
                Value::Bool(b) => b as i64,
                Value::Int(n) => n,
                _ => 0,
            };
            let mag = n.unsigned_abs();
            let mut s = match ty {
                Some('x') => format!("{mag:x}"),
                Some('X') => format!("{mag:X}"),
                Some('o') => format!("{mag:o}"),
                Some('b') => format!("{mag:b}"),
                Some('c') => char::from_u32(mag as u32)
                    .map(String::from)
                    .unwrap_or_default(),
                _ => mag.to_string(),
            };
            if let Some(g) = grouping {
                s = group_digits(
                    &s,
                    g,
                    if matches!(ty, Some('x' | 'X' | 'o' | 'b')) {
                        4
                    } else {
                        3
                    },
                );
            }
            if alternate {
                s = match ty {
                    Some('x') => format!("0x{s}"),
                    Some('X') => format!("0X{s}"),
                    Some('o') => format!("0o{s}"),
                    Some('b') => format!("0b{s}"),
                    _ => s,
                };
            }
            if precision.is_some() {
                return Err(vm.error(
                    "ValueError",
                    "Precision not allowed in integer format specifier",
                ));
            }
            (s, n < 0, true)
        }
        (
            Value::Int(_) | Value::Float(_) | Value::Bool(_),
            Some('f' | 'F' | 'e' | 'E' | 'g' | 'G' | '%') | None,
        ) => {
            let x = to_f64(v).unwrap_or(0.0);
            let p = precision.unwrap_or(6);
            let mag = x.abs();
            let mut s = match ty {
                Some('f' | 'F') => format!("{mag:.p$}"),
                Some('%') => format!("{:.p$}%", mag * 100.0),
                Some('e' | 'E') => sci(mag, p, ty == Some('E')),
                Some('g' | 'G') => general(mag, p.max(1), alternate),
                _ => match precision {
                    Some(p) => general(mag, p.max(1), alternate),
                    None => float_repr(mag),
                },
            };
            if x.is_nan() {
                s = "nan".into();
            } else if x.is_infinite() {
                s = "inf".into();
            }
            if let Some(g) = grouping {
                let (int, rest) = match s.find(|c: char| !c.is_ascii_digit()) {
                    Some(at) => s.split_at(at),
                    None => (s.as_str(), ""),
                };
                s = format!("{}{rest}", group_digits(int, g, 3));
            }
            (
                s,
                x.is_sign_negative() && !x.is_nan() && x != 0.0
                    || (x == 0.0 && x.is_sign_negative()),
                true,
            )
        }
        (_, None | Some('s')) if str_content(vm, v).is_some() => {
            let mut s = str_of(vm, v)?;
            if let Some(p) = precision {
                s = s.chars().take(p).collect();
            }
            (s, false, false)
        }
        _ => return Err(spec_err(vm)),
    };
    let sign_str = match (negative, sign) {
        (true, _) => "-",
        (false, '+') => "+",
        (false, ' ') => " ",
        _ => "",
    };
    let align = align.unwrap_or(if numeric { '>' } else { '<' });
    let content_len = sign_str.chars().count() + body.chars().count();
    let pad = width.saturating_sub(content_len);
    let fills = |n: usize| fill.to_string().repeat(n);
    Ok(match align {
        '<' => format!("{sign_str}{body}{}", fills(pad)),
        '^' => format!("{}{sign_str}{body}{}", fills(pad / 2), fills(pad - pad / 2)),
        '=' => {
            // Padding goes after the sign and after a 0x/0o/0b prefix.
            let prefixed = ["0x", "0X", "0o", "0b"]
                .iter()
                .find(|p| body.starts_with(**p));
            match prefixed {
                Some(p) => format!("{sign_str}{p}{}{}", fills(pad), &body[2..]),
                None => format!("{sign_str}{}{body}", fills(pad)),
            }
        }
        _ => format!("{}{sign_str}{body}", fills(pad)),
    })
}

fn group_digits(digits: &str, sep: char, every: usize) -> String {
    let chars: Vec<char> = digits.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        if i > 0 && (chars.len() - i).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(*c);
    }
    out
}

fn sci(x: f64, p: usize, upper: bool) -> String {
    let s = format!("{x:.p$e}");
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    let t = format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    if upper { t.to_uppercase() } else { t }
}

fn general(x: f64, p: usize, alternate: bool) -> String {
    if x == 0.0 {
        return "0".into();
    }
    let exp = x.abs().log10().floor() as i32;
    let s = if exp < -4 || exp >= p as i32 {
        sci(x, p - 1, false)
    } else {
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        format!("{x:.decimals$}")
    };
    if alternate {
        return s;
    }
    // Strip trailing zeros of the fraction.
    if let Some((m, e)) = s.split_once('e') {
        let m = if m.contains('.') {
            m.trim_end_matches('0').trim_end_matches('.')
        } else {
            m
        };
        format!("{m}e{e}")
    } else if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// `format % args` (printf-style).
fn percent_format(vm: &mut Vm, format: &str, args: Value) -> Result<String, Exc> {
    let mapping = args;
    let mut used_mapping = false;
    let args: Vec<Value> = match args {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Tuple(items) => items.clone(),
            _ => vec![args],
        },
        _ => vec![args],
    };
    let mut out = String::new();
    let mut next = 0;
    let chars: Vec<char> = format.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if c != '%' {
            out.push(c);
            continue;
        }
        // `%(key)s` takes its value from a mapping.
        let mut keyed = None;
        if chars.get(i) == Some(&'(') {
            let mut depth = 0;
            let open = i;
            loop {
                match chars.get(i) {
                    Some('(') => depth += 1,
                    Some(')') => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    Some(_) => {}
                    None => return Err(vm.error("ValueError", "incomplete format key")),
                }
                i += 1;
            }
            let key: String = chars[open + 1..i].iter().collect();
            i += 1;
            let is_dict = matches!(mapping, Value::Obj(id) if matches!(vm.heap.get(id), Obj::Dict(_)))
                || is_instance(vm, mapping);
            if !is_dict {
                return Err(type_err(vm, "format requires a mapping"));
            }
            let k = new_str(vm, &key);
            keyed = Some(subscript(vm, mapping, k)?);
            used_mapping = true;
        }
        let start = i;
        while i < chars.len() && "-+ #0123456789.".contains(chars[i]) {
            i += 1;
        }
        let Some(&conv) = chars.get(i) else {
            return Err(vm.error("ValueError", "incomplete format"));
        };
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let flags: String = chars[start..i - 1].iter().collect();
        let arg = match keyed {
            Some(v) => v,
            None => {
                let Some(&arg) = args.get(next) else {
                    return Err(type_err(vm, "not enough arguments for format string"));
                };
                next += 1;
                arg
            }
        };
        // printf flags, width and precision, as a format() spec.
        let mut left = false;
        let mut sign = "";
        let mut alternate = "";
        let mut zero = false;
        let mut rest = flags.as_str();
        while let Some(c) = rest.chars().next() {
            match c {
                '-' => left = true,
                '+' => sign = "+",
                ' ' if sign.is_empty() => sign = " ",
                '#' => alternate = "#",
                '0' => zero = true,
                ' ' => {}
                _ => break,
            }
            rest = &rest[1..];
        }
        let (width, precision) = match rest.split_once('.') {
            Some((w, p)) => (w.to_string(), format!(".{p}")),
            None => (rest.to_string(), String::new()),
        };
        let numeric_align = if left {
            "<"
        } else if zero {
            "0"
        } else {
            ""
        };
        let number_spec = |ty: &str| {
            if numeric_align == "0" {
                format!("{sign}{alternate}0{width}{precision}{ty}")
            } else {
                format!("{numeric_align}{sign}{alternate}{width}{precision}{ty}")
            }
        };
        let text_spec = format!("{}{width}{precision}", if left { "<" } else { ">" });
        let piece = match conv {
            's' | 'r' | 'a' => {
                let s = if conv == 's' {
                    str_of(vm, arg)?
                } else {
                    repr_of(vm, arg)?
                };
                let v = new_str(vm, &s);
                format_value(vm, v, &text_spec)?
            }
            'd' | 'i' | 'u' => {
                let n = match arg {
                    Value::Float(x) => Value::Int(x.trunc() as i64),
                    other if to_f64(other).is_some() => other,
                    _ => {
                        let t = type_name(vm, arg);
                        return Err(type_err(
                            vm,
                            format!("%{conv} format: a real number is required, not {t}"),
                        ));
                    }
                };
                let spec = number_spec("d").replace(&precision, "");
                format_value(vm, n, &spec)?
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' | 'x' | 'X' | 'o' => {
                if to_f64(arg).is_none() {
                    let t = type_name(vm, arg);
                    return Err(type_err(vm, format!("must be real number, not {t}")));
                }
                format_value(vm, arg, &number_spec(&conv.to_string()))?
            }
            'c' => format_value(vm, arg, "c")?,
            other => {
                return Err(vm.error(
                    "ValueError",
                    format!(
                        "unsupported format character '{other}' (0x{:x}) at index {}",
                        other as u32,
                        i - 1
                    ),
                ));
            }
        };
        out.push_str(&piece);
    }
    if next < args.len() && !used_mapping {
        return Err(type_err(
            vm,
            "not all arguments converted during string formatting",
        ));
    }
    Ok(out)
}

// ---- exceptions ------------------------------------------------------------------------------

fn exc_args(vm: &Vm, exc: Value) -> Vec<Value> {
    if let Value::Obj(id) = exc
        && let Obj::Instance(inst) = vm.heap.get(id)
        && let Some(Value::Obj(t)) = inst.attrs.get("args")
        && let Obj::Tuple(items) = vm.heap.get(*t)
    {
        return items.clone();
    }
    Vec::new()
}

fn exc_class_name(vm: &Vm, exc: Value) -> String {
    if let Value::Obj(id) = exc
        && let Obj::Instance(inst) = vm.heap.get(id)
        && let Obj::Class(c) = vm.heap.get(inst.class)
    {
        return c.name.to_string();
    }
    type_name(vm, exc)
}

fn is_builtin_exception(name: &str) -> bool {
    crate::vm::EXCEPTIONS.iter().any(|(n, _)| *n == name)
}

/// `str(exc)`.
pub(crate) fn exception_str(vm: &mut Vm, exc: Value) -> String {
    let args = exc_args(vm, exc);
    let is_key_error = exc_class_name(vm, exc) == "KeyError";
    match args.len() {
        0 => String::new(),
        1 if is_key_error => repr_of(vm, args[0]).unwrap_or_default(),
        1 => str_of(vm, args[0]).unwrap_or_default(),
        _ => {
            let t = new_tuple(vm, args);
            repr_of(vm, t).unwrap_or_default()
        }
    }
}

/// The last line of a traceback: `Type: message`.
pub(crate) fn exception_line(vm: &mut Vm, exc: Value) -> String {
    let name = exc_class_name(vm, exc);
    let text = match crate::classes::call_dunder(vm, exc, "__str__", Vec::new()) {
        Some(Ok(v)) => str_content(vm, v)
            .map(|s| s.to_string())
            .unwrap_or_default(),
        _ => exception_str(vm, exc),
    };
    if text.is_empty() {
        name
    } else {
        format!("{name}: {text}")
    }
}

/// Whether `exc` is an instance of `class` (or of one in a tuple).
pub(crate) fn exception_matches(vm: &mut Vm, exc: Value, class: Value) -> Result<bool, Exc> {
    let classes: Vec<Value> = match class {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Tuple(items) => items.clone(),
            _ => vec![class],
        },
        _ => vec![class],
    };
    let exc_class = match exc {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Instance(inst) => Some(inst.class),
            _ => None,
        },
        _ => None,
    };
    let mro: Vec<ObjId> = match exc_class.map(|c| vm.heap.get(c)) {
        Some(Obj::Class(c)) => c.mro.clone(),
        _ => Vec::new(),
    };
    for c in classes {
        match c {
            Value::Obj(id) if matches!(vm.heap.get(id), Obj::Class(k) if k.is_exception) => {
                if mro.contains(&id) {
                    return Ok(true);
                }
            }
            _ => {
                return Err(type_err(
                    vm,
                    "catching classes that do not inherit from BaseException is not allowed",
                ));
            }
        }
    }
    Ok(false)
}

/// If `exc` is SystemExit, the exit status it asks for (printing a
/// non-integer code to stderr, as Python does).
pub(crate) fn system_exit_code(vm: &mut Vm, exc: Value) -> Option<i32> {
    if exc_class_name(vm, exc) != "SystemExit" {
        return None;
    }
    let args = exc_args(vm, exc);
    Some(match args.first() {
        None | Some(Value::None) => 0,
        Some(Value::Int(i)) => *i as i32,
        Some(Value::Bool(b)) => *b as i32,
        Some(other) => {
            let text = str_of(vm, *other).unwrap_or_default();
            let _ = vm.out.flush();
            let _ = writeln!(vm.err, "{text}");
            1
        }
    })
}

// ---- iteration -------------------------------------------------------------------------------

fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    // In 128 bits: a range may span more than an i64 holds (its length
    // is capped at i64::MAX).
    let (start, stop, step) = (start as i128, stop as i128, step as i128);
    let len = if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    };
    len.min(i64::MAX as i128) as i64
}

/// `iter(v)`.
pub(crate) fn get_iter(vm: &mut Vm, v: Value) -> Result<Value, Exc> {
    if is_instance(vm, v) {
        return match crate::classes::call_dunder(vm, v, "__iter__", Vec::new()) {
            Some(r) => r,
            // The old sequence protocol.
            None if crate::classes::dunder(vm, v, "__getitem__").is_some() => Ok(Value::Obj(
                vm.heap.alloc(Obj::Iter(Iter::GetItem { obj: v, index: 0 })),
            )),
            None => Err(not_iterable(vm, v)),
        };
    }
    let it = match v {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::List(_) | Obj::Tuple(_) => Iter::over(id),
            Obj::Str(s) => {
                let s = s.clone();
                let items = s
                    .chars()
                    .map(|c| new_str(vm, c.encode_utf8(&mut [0; 4])))
                    .collect();
                Iter::Values { items, index: 0 }
            }
            Obj::Range(a, b, c) => Iter::Range {
                next: *a,
                stop: *b,
                step: *c,
            },
            Obj::Dict(_) | Obj::Set(_) => Iter::Dict {
                dict: id,
                index: 0,
                what: 0,
            },
            Obj::Iter(_) | Obj::Generator(_) | Obj::Channel(_) => return Ok(v),
            Obj::File(_) => {
                let items = crate::files::remaining_lines(vm, v)?;
                Iter::Values { items, index: 0 }
            }
            _ => return Err(not_iterable(vm, v)),
        },
        _ => return Err(not_iterable(vm, v)),
    };
    Ok(Value::Obj(vm.heap.alloc(Obj::Iter(it))))
}

fn not_iterable(vm: &mut Vm, v: Value) -> Exc {
    let t = type_name(vm, v);
    type_err(vm, format!("'{t}' object is not iterable"))
}

/// The next value of an iterator, or None when it is exhausted.
pub(crate) fn next(vm: &mut Vm, it: Value) -> Result<Option<Value>, Exc> {
    if let Value::Obj(g) = it
        && matches!(vm.heap.get(g), Obj::Generator(_))
    {
        return vm.next_sync(g, Value::None);
    }
    if is_instance(vm, it) {
        return match crate::classes::call_dunder(vm, it, "__next__", Vec::new()) {
            Some(Ok(v)) => Ok(Some(v)),
            Some(Err(e)) => {
                let stop = Value::Obj(vm.exc_class("StopIteration"));
                if exception_matches(vm, e, stop)? {
                    Ok(None)
                } else {
                    Err(e)
                }
            }
            None => {
                let t = type_name(vm, it);
                Err(type_err(vm, format!("'{t}' object is not an iterator")))
            }
        };
    }
    let Value::Obj(id) = it else {
        let t = type_name(vm, it);
        return Err(type_err(vm, format!("'{t}' object is not an iterator")));
    };
    let state = match vm.heap.get(id) {
        Obj::Iter(state) => state.clone(),
        _ => {
            let t = type_name(vm, it);
            return Err(type_err(vm, format!("'{t}' object is not an iterator")));
        }
    };
    let (value, new_state) = match state {
        Iter::Seq { seq, index } => {
            let v = match vm.heap.get(seq) {
                Obj::List(items) | Obj::Tuple(items) => items.get(index).copied(),
                _ => None,
            };
            (
                v,
                Iter::Seq {
                    seq,
                    index: index + 1,
                },
            )
        }
        Iter::Range { next, stop, step } => {
            let more = if step > 0 { next < stop } else { next > stop };
            if more {
                (
                    Some(Value::Int(next)),
                    Iter::Range {
                        next: next.saturating_add(step),
                        stop,
                        step,
                    },
                )
            } else {
                (None, Iter::Range { next, stop, step })
            }
        }
        Iter::Dict { dict, index, what } => {
            let entry = match vm.heap.get(dict) {
                Obj::Dict(d) => d.get_index(index).map(|(_, (k, v))| (*k, *v)),
                Obj::Set(s) => s.get_index(index).map(|(_, v)| (*v, Value::None)),
                _ => None,
            };
            let v = match (entry, what) {
                (None, _) => None,
                (Some((k, _)), 0) => Some(k),
                (Some((_, v)), 1) => Some(v),
                (Some((k, v)), _) => Some(new_tuple(vm, vec![k, v])),
            };
            (
                v,
                Iter::Dict {
                    dict,
                    index: index + 1,
                    what,
                },
            )
        }
        Iter::Values { items, index } => {
            let v = items.get(index).copied();
            (
                v,
                Iter::Values {
                    items,
                    index: index + 1,
                },
            )
        }
        // map and filter call script functions: their state does not
        // change, the iterators they hold do.
        Iter::Map { func, iters } => {
            let mut row = Vec::with_capacity(iters.len());
            for it in &iters {
                match next(vm, *it)? {
                    Some(v) => row.push(v),
                    None => return Ok(None),
                }
            }
            return vm.call_sync(func, row).map(Some);
        }
        Iter::Zip { iters } => {
            if iters.is_empty() {
                return Ok(None);
            }
            let mut row = Vec::with_capacity(iters.len());
            for it in &iters {
                match next(vm, *it)? {
                    Some(v) => row.push(v),
                    None => return Ok(None),
                }
            }
            return Ok(Some(new_tuple(vm, row)));
        }
        Iter::GetItem { obj, index } => {
            return match crate::classes::call_dunder(
                vm,
                obj,
                "__getitem__",
                vec![Value::Int(index)],
            ) {
                Some(Ok(v)) => {
                    if let Obj::Iter(Iter::GetItem { index: i, .. }) = vm.heap.get_mut(id) {
                        *i = index + 1;
                    }
                    Ok(Some(v))
                }
                Some(Err(e)) => {
                    let ends = Value::Obj(vm.exc_class("IndexError"));
                    let stop = Value::Obj(vm.exc_class("StopIteration"));
                    if exception_matches(vm, e, ends)? || exception_matches(vm, e, stop)? {
                        Ok(None)
                    } else {
                        Err(e)
                    }
                }
                None => Ok(None),
            };
        }
        Iter::Enumerate { iter, next: n } => {
            let Some(v) = next(vm, iter)? else {
                return Ok(None);
            };
            let Some(after) = n.checked_add(1) else {
                return Err(vm.error(
                    "OverflowError",
                    "integer overflow: the result does not fit in 64 bits",
                ));
            };
            if let Obj::Iter(Iter::Enumerate { next: counter, .. }) = vm.heap.get_mut(id) {
                *counter = after;
            }
            return Ok(Some(new_tuple(vm, vec![Value::Int(n), v])));
        }
        Iter::Filter { func, iter } => {
            while let Some(v) = next(vm, iter)? {
                let keep = if func == Value::None {
                    v
                } else {
                    vm.call_sync(func, vec![v])?
                };
                if truthy_mut(vm, keep)? {
                    return Ok(Some(v));
                }
            }
            return Ok(None);
        }
    };
    *vm.heap.get_mut(id) = Obj::Iter(new_state);
    Ok(value)
}

/// Every value of an iterable.
pub(crate) fn collect(vm: &mut Vm, v: Value) -> Result<Vec<Value>, Exc> {
    if let Value::Obj(id) = v {
        match vm.heap.get(id) {
            Obj::List(items) | Obj::Tuple(items) => return Ok(items.clone()),
            Obj::Dict(d) => return Ok(d.values().map(|(k, _)| *k).collect()),
            Obj::Set(s) => return Ok(s.values().copied().collect()),
            _ => {}
        }
    }
    let it = get_iter(vm, v)?;
    let mut out = Vec::new();
    while let Some(x) = next(vm, it)? {
        out.push(x);
    }
    Ok(out)
}

pub(crate) fn make_set(vm: &mut Vm, iterable: Value) -> Result<Value, Exc> {
    let items = collect(vm, iterable)?;
    let mut set = Map::default();
    for v in items {
        let k = key_of(vm, v)?;
        set.entry(k).or_insert(v);
    }
    Ok(Value::Obj(vm.heap.alloc(Obj::Set(set))))
}

pub(crate) fn dict_set(vm: &mut Vm, dict: Value, k: Value, v: Value) -> Result<(), Exc> {
    let key = key_of(vm, k)?;
    if let Value::Obj(id) = dict
        && let Obj::Dict(d) = vm.heap.get_mut(id)
    {
        match d.get_mut(&key) {
            Some(slot) => slot.1 = v,
            None => {
                d.insert(key, (k, v));
            }
        }
    }
    Ok(())
}

pub(crate) fn dict_update(vm: &mut Vm, dict: Value, mapping: Value) -> Result<(), Exc> {
    let pairs: Vec<(Value, Value)> = match mapping {
        Value::Obj(id) => {
            match vm.heap.get(id) {
                Obj::Dict(d) => d.values().copied().collect(),
                _ => {
                    let items = collect(vm, mapping)?;
                    let mut pairs = Vec::new();
                    for item in items {
                        let kv = collect(vm, item)?;
                        if kv.len() != 2 {
                            return Err(vm.error(
                            "ValueError",
                            format!("dictionary update sequence element has length {}; 2 is required", kv.len()),
                        ));
                        }
                        pairs.push((kv[0], kv[1]));
                    }
                    pairs
                }
            }
        }
        _ => {
            let t = type_name(vm, mapping);
            return Err(type_err(vm, format!("'{t}' object is not iterable")));
        }
    };
    for (k, v) in pairs {
        dict_set(vm, dict, k, v)?;
    }
    Ok(())
}

/// The (str key, value) pairs of a dict of keyword arguments.
pub(crate) fn dict_items_str(vm: &mut Vm, d: Value) -> Result<Vec<(Rc<str>, Value)>, Exc> {
    let pairs: Vec<(Value, Value)> = match d {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Dict(d) => d.values().copied().collect(),
            _ => return Err(type_err(vm, "argument after ** must be a mapping")),
        },
        _ => return Err(type_err(vm, "argument after ** must be a mapping")),
    };
    let mut out = Vec::with_capacity(pairs.len());
    for (k, v) in pairs {
        let k = expect_str(vm, k, "keywords")?;
        out.push((k, v));
    }
    Ok(out)
}

// ---- subscripts ------------------------------------------------------------------------------

fn norm_index(vm: &mut Vm, i: Value, len: usize, what: &str) -> Result<usize, Exc> {
    let i = match i {
        Value::Int(i) => i,
        Value::Bool(b) => b as i64,
        _ => {
            let t = type_name(vm, i);
            return Err(type_err(
                vm,
                format!("{what} indices must be integers or slices, not {t}"),
            ));
        }
    };
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(vm.error("IndexError", format!("{what} index out of range")));
    }
    Ok(j as usize)
}

/// Resolves a slice against a length: the indices it selects.
fn slice_indices(vm: &mut Vm, slice: ObjId, len: usize) -> Result<Vec<usize>, Exc> {
    let Obj::Slice(a, b, c) = vm.heap.get(slice).clone() else {
        return Ok(Vec::new());
    };
    let get = |vm: &mut Vm, v: Value| -> Result<Option<i64>, Exc> {
        match v {
            Value::None => Ok(None),
            Value::Int(i) => Ok(Some(i)),
            Value::Bool(b) => Ok(Some(b as i64)),
            _ => Err(type_err(
                vm,
                "slice indices must be integers or None or have an __index__ method",
            )),
        }
    };
    let step = get(vm, c)?.unwrap_or(1);
    if step == 0 {
        return Err(vm.error("ValueError", "slice step cannot be zero"));
    }
    let len = len as i64;
    let clamp = |x: i64, lo: i64, hi: i64| x.max(lo).min(hi);
    let resolve = |x: i64| if x < 0 { x + len } else { x };
    let (start, stop) = if step > 0 {
        (
            get(vm, a)?.map_or(0, |x| clamp(resolve(x), 0, len)),
            get(vm, b)?.map_or(len, |x| clamp(resolve(x), 0, len)),
        )
    } else {
        (
            get(vm, a)?.map_or(len - 1, |x| clamp(resolve(x), -1, len - 1)),
            get(vm, b)?.map_or(-1, |x| clamp(resolve(x), -1, len - 1)),
        )
    };
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        i += step;
    }
    Ok(out)
}

/// `container[index]`.
pub(crate) fn subscript(vm: &mut Vm, container: Value, index: Value) -> Result<Value, Exc> {
    // The hot path, without copying the sequence: an int index into a list
    // or tuple.
    if let (Value::Obj(id), Value::Int(i)) = (container, index)
        && let Obj::List(items) | Obj::Tuple(items) = vm.heap.get(id)
    {
        let len = items.len() as i64;
        let j = if i < 0 { i + len } else { i };
        if (0..len).contains(&j) {
            return Ok(items[j as usize]);
        }
    }
    if let Some(r) = crate::classes::call_dunder(vm, container, "__getitem__", vec![index]) {
        return r;
    }
    let Value::Obj(id) = container else {
        let t = type_name(vm, container);
        return Err(type_err(vm, format!("'{t}' object is not subscriptable")));
    };
    let is_slice = matches!(index, Value::Obj(s) if matches!(vm.heap.get(s), Obj::Slice(..)));
    // Dicts first, by reference: copying them per lookup would make
    // loops quadratic.
    if matches!(vm.heap.get(id), Obj::Dict(_)) {
        let k = key_of(vm, index)?;
        let found = match vm.heap.get(id) {
            Obj::Dict(d) => d.get(&k).map(|(_, v)| *v),
            _ => None,
        };
        return match found {
            Some(v) => Ok(v),
            None => {
                let class = vm.exc_class("KeyError");
                Err(vm.instantiate_exception(class, vec![index]))
            }
        };
    }
    let obj = match vm.heap.get(id) {
        Obj::Str(s) => Obj::Str(s.clone()),
        Obj::Range(a, b, c) => Obj::Range(*a, *b, *c),
        Obj::List(items) | Obj::Tuple(items) if is_slice => {
            // Slicing copies what it keeps anyway.
            if matches!(vm.heap.get(id), Obj::List(_)) {
                Obj::List(items.clone())
            } else {
                Obj::Tuple(items.clone())
            }
        }
        Obj::List(items) => {
            let len = items.len();
            let i = norm_index(vm, index, len, "list")?;
            return match vm.heap.get(id) {
                Obj::List(items) => Ok(items[i]),
                _ => unreachable!("checked"),
            };
        }
        Obj::Tuple(items) => {
            let len = items.len();
            let i = norm_index(vm, index, len, "tuple")?;
            return match vm.heap.get(id) {
                Obj::Tuple(items) => Ok(items[i]),
                _ => unreachable!("checked"),
            };
        }
        _ => {
            let t = type_name(vm, container);
            return Err(type_err(vm, format!("'{t}' object is not subscriptable")));
        }
    };
    match obj {
        Obj::List(items) | Obj::Tuple(items) => {
            let is_list = matches!(vm.heap.get(id), Obj::List(_));
            if is_slice {
                let Value::Obj(s) = index else { unreachable!() };
                let picked = slice_indices(vm, s, items.len())?
                    .into_iter()
                    .map(|i| items[i])
                    .collect();
                return Ok(if is_list {
                    new_list(vm, picked)
                } else {
                    new_tuple(vm, picked)
                });
            }
            let i = norm_index(
                vm,
                index,
                items.len(),
                if is_list { "list" } else { "tuple" },
            )?;
            Ok(items[i])
        }
        Obj::Str(s) => {
            let chars: Vec<char> = s.chars().collect();
            if is_slice {
                let Value::Obj(sl) = index else {
                    unreachable!()
                };
                let picked: String = slice_indices(vm, sl, chars.len())?
                    .into_iter()
                    .map(|i| chars[i])
                    .collect();
                return Ok(new_str(vm, &picked));
            }
            let i = norm_index(vm, index, chars.len(), "string")?;
            Ok(new_str(vm, chars[i].encode_utf8(&mut [0; 4])))
        }
        Obj::Dict(d) => {
            let k = key_of(vm, index)?;
            match d.get(&k) {
                Some((_, v)) => Ok(*v),
                None => {
                    let class = vm.exc_class("KeyError");
                    Err(vm.instantiate_exception(class, vec![index]))
                }
            }
        }
        Obj::Range(a, b, c) => {
            let len = range_len(a, b, c) as usize;
            let i = norm_index(vm, index, len, "range object")?;
            // Inside the range, so it fits, though `c * i` alone may not.
            Ok(Value::Int((a as i128 + c as i128 * i as i128) as i64))
        }
        _ => {
            let t = type_name(vm, container);
            Err(type_err(vm, format!("'{t}' object is not subscriptable")))
        }
    }
}

/// `container[index] = v`.
pub(crate) fn store_subscript(
    vm: &mut Vm,
    container: Value,
    index: Value,
    v: Value,
) -> Result<(), Exc> {
    if let Some(r) = crate::classes::call_dunder(vm, container, "__setitem__", vec![index, v]) {
        return r.map(|_| ());
    }
    if let Value::Obj(id) = container {
        match vm.heap.get(id) {
            Obj::List(items) => {
                let len = items.len();
                if let Value::Obj(s) = index
                    && matches!(vm.heap.get(s), Obj::Slice(..))
                {
                    let new_items = collect(vm, v)?;
                    let picked = slice_indices(vm, s, len)?;
                    let Obj::Slice(_, _, step) = vm.heap.get(s).clone() else {
                        unreachable!()
                    };
                    if matches!(step, Value::None | Value::Int(1)) {
                        let start = picked.first().copied().unwrap_or_else(|| {
                            // An empty slice inserts at its start.
                            match vm.heap.get(s) {
                                Obj::Slice(Value::Int(a), _, _) => {
                                    let a = if *a < 0 { (*a + len as i64).max(0) } else { *a };
                                    (a as usize).min(len)
                                }
                                _ => 0,
                            }
                        });
                        if let Obj::List(items) = vm.heap.get_mut(id) {
                            items.splice(start..start + picked.len(), new_items);
                        }
                        return Ok(());
                    }
                    if picked.len() != new_items.len() {
                        return Err(vm.error(
                            "ValueError",
                            format!(
                                "attempt to assign sequence of size {} to extended slice of size {}",
                                new_items.len(),
                                picked.len()
                            ),
                        ));
                    }
                    if let Obj::List(items) = vm.heap.get_mut(id) {
                        for (i, x) in picked.into_iter().zip(new_items) {
                            items[i] = x;
                        }
                    }
                    return Ok(());
                }
                let i = norm_index(vm, index, len, "list assignment")?;
                if let Obj::List(items) = vm.heap.get_mut(id) {
                    items[i] = v;
                }
                return Ok(());
            }
            Obj::Dict(_) => return dict_set(vm, container, index, v),
            _ => {}
        }
    }
    let t = type_name(vm, container);
    Err(type_err(
        vm,
        format!("'{t}' object does not support item assignment"),
    ))
}

/// `del container[index]`.
pub(crate) fn delete_subscript(vm: &mut Vm, container: Value, index: Value) -> Result<(), Exc> {
    if let Some(r) = crate::classes::call_dunder(vm, container, "__delitem__", vec![index]) {
        return r.map(|_| ());
    }
    if let Value::Obj(id) = container {
        match vm.heap.get(id) {
            Obj::List(items) => {
                let len = items.len();
                if let Value::Obj(s) = index
                    && matches!(vm.heap.get(s), Obj::Slice(..))
                {
                    let mut picked = slice_indices(vm, s, len)?;
                    picked.sort_unstable();
                    if let Obj::List(items) = vm.heap.get_mut(id) {
                        for i in picked.into_iter().rev() {
                            items.remove(i);
                        }
                    }
                    return Ok(());
                }
                let i = norm_index(vm, index, len, "list assignment")?;
                if let Obj::List(items) = vm.heap.get_mut(id) {
                    items.remove(i);
                }
                return Ok(());
            }
            Obj::Dict(_) => {
                let k = key_of(vm, index)?;
                let removed = match vm.heap.get_mut(id) {
                    Obj::Dict(d) => d.shift_remove(&k).is_some(),
                    _ => false,
                };
                if !removed {
                    let class = vm.exc_class("KeyError");
                    return Err(vm.instantiate_exception(class, vec![index]));
                }
                return Ok(());
            }
            _ => {}
        }
    }
    let t = type_name(vm, container);
    Err(type_err(
        vm,
        format!("'{t}' object doesn't support item deletion"),
    ))
}

// ---- constructors --------------------------------------------------------------------------------

/// Calling a built-in type: `int(x)`, `list(it)`...
/// `int(obj)` / `float(obj)` of an instance: the first of `dunders` its
/// class defines, whose result must be an int (a float for `__float__`).
fn convert_by_dunder(vm: &mut Vm, x: Value, dunders: &[&str], to: &str) -> Result<Value, Exc> {
    for name in dunders {
        if let Some(r) = crate::classes::call_dunder(vm, x, name, Vec::new()) {
            let r = r?;
            let fits = match r {
                Value::Int(_) => true,
                Value::Float(_) => *name == "__float__",
                _ => false,
            };
            if !fits {
                let t = type_name(vm, r);
                // CPython names the class for `__float__` only.
                let owner = if *name == "__float__" {
                    format!("{}.", type_name(vm, x))
                } else {
                    String::new()
                };
                return Err(type_err(
                    vm,
                    format!("{owner}{name} returned non-{to} (type {t})"),
                ));
            }
            return Ok(r);
        }
    }
    let t = type_name(vm, x);
    let msg = if to == "int" {
        format!("int() argument must be a string, a bytes-like object or a real number, not '{t}'")
    } else {
        format!("float() argument must be a string or a real number, not '{t}'")
    };
    Err(type_err(vm, msg))
}

pub(crate) fn construct(
    vm: &mut Vm,
    kind: TypeKind,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Result<Value, Exc> {
    let name = kind.name();
    if kind != TypeKind::Dict && kind != TypeKind::Int && kind != TypeKind::Tasklet {
        no_kwargs(vm, name, &kwargs)?;
    }
    match kind {
        TypeKind::Tasklet => return sl::new_tasklet(vm, args, kwargs),
        TypeKind::Channel => return sl::new_channel(vm, args),
        _ => {}
    }
    match kind {
        TypeKind::Int => {
            let base = kwarg(&kwargs, "base").or(args.get(1).copied());
            arity(vm, "int", &args, 0, 2)?;
            let Some(&x) = args.first() else {
                return Ok(Value::Int(0));
            };
            if let Some(base) = base {
                let base = expect_int(vm, base, "")?;
                let s = expect_str(
                    vm,
                    x,
                    "int() can't convert non-string with explicit base; argument",
                )?;
                return parse_int(vm, &s, base as u32);
            }
            match x {
                Value::Int(_) => Ok(x),
                Value::Bool(b) => Ok(Value::Int(b as i64)),
                Value::Float(f) => {
                    if f.is_nan() {
                        return Err(vm.error("ValueError", "cannot convert float NaN to integer"));
                    }
                    if f.is_infinite() {
                        return Err(
                            vm.error("OverflowError", "cannot convert float infinity to integer")
                        );
                    }
                    if f.abs() >= 9.223_372_036_854_776e18 {
                        return Err(overflow(vm));
                    }
                    Ok(Value::Int(f.trunc() as i64))
                }
                _ => match str_content(vm, x) {
                    Some(s) => parse_int(vm, &s, 10),
                    None if is_instance(vm, x) => {
                        convert_by_dunder(vm, x, &["__int__", "__index__", "__trunc__"], "int")
                    }
                    None => {
                        let t = type_name(vm, x);
                        Err(type_err(
                            vm,
                            format!(
                                "int() argument must be a string, a bytes-like object or a real number, not '{t}'"
                            ),
                        ))
                    }
                },
            }
        }
        TypeKind::Float => {
            arity(vm, "float", &args, 0, 1)?;
            let Some(&x) = args.first() else {
                return Ok(Value::Float(0.0));
            };
            if let Some(f) = to_f64(x) {
                return Ok(Value::Float(f));
            }
            if is_instance(vm, x) {
                return match convert_by_dunder(vm, x, &["__float__", "__index__"], "float")? {
                    Value::Int(i) => Ok(Value::Float(i as f64)),
                    v => Ok(v),
                };
            }
            match str_content(vm, x) {
                Some(s) => {
                    let t = s.trim().replace('_', "");
                    let parsed = match t.to_ascii_lowercase().as_str() {
                        "inf" | "+inf" | "infinity" | "+infinity" => Some(f64::INFINITY),
                        "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
                        "nan" | "+nan" | "-nan" => Some(f64::NAN),
                        other
                            if other
                                .chars()
                                .all(|c| c.is_ascii_digit() || "+-.e".contains(c)) =>
                        {
                            other.parse().ok()
                        }
                        _ => None,
                    };
                    match parsed {
                        Some(f) => Ok(Value::Float(f)),
                        None => Err(vm.error(
                            "ValueError",
                            format!("could not convert string to float: {}", str_repr(&s)),
                        )),
                    }
                }
                None => {
                    let t = type_name(vm, x);
                    Err(type_err(
                        vm,
                        format!("float() argument must be a string or a real number, not '{t}'"),
                    ))
                }
            }
        }
        TypeKind::Str => {
            arity(vm, "str", &args, 0, 1)?;
            match args.first() {
                None => Ok(new_str(vm, "")),
                Some(&x) => {
                    let s = str_of(vm, x)?;
                    Ok(new_str(vm, &s))
                }
            }
        }
        TypeKind::Bool => {
            arity(vm, "bool", &args, 0, 1)?;
            match args.first() {
                Some(v) => Ok(Value::Bool(truthy_mut(vm, *v)?)),
                None => Ok(Value::Bool(false)),
            }
        }
        TypeKind::List => {
            arity(vm, "list", &args, 0, 1)?;
            let items = match args.first() {
                Some(v) => collect(vm, *v)?,
                None => Vec::new(),
            };
            Ok(new_list(vm, items))
        }
        TypeKind::Tuple => {
            arity(vm, "tuple", &args, 0, 1)?;
            let items = match args.first() {
                Some(v) => collect(vm, *v)?,
                None => Vec::new(),
            };
            Ok(new_tuple(vm, items))
        }
        TypeKind::Set => {
            arity(vm, "set", &args, 0, 1)?;
            match args.first() {
                Some(v) => make_set(vm, *v),
                None => Ok(Value::Obj(vm.heap.alloc(Obj::Set(Map::default())))),
            }
        }
        TypeKind::Dict => {
            arity(vm, "dict", &args, 0, 1)?;
            let d = Value::Obj(vm.heap.alloc(Obj::Dict(Dict::default())));
            if let Some(m) = args.first() {
                dict_update(vm, d, *m)?;
            }
            for (k, v) in kwargs {
                let kv = new_str(vm, &k);
                dict_set(vm, d, kv, v)?;
            }
            Ok(d)
        }
        TypeKind::Range => {
            arity(vm, "range", &args, 1, 3)?;
            let mut n = Vec::new();
            for a in &args {
                n.push(expect_int(vm, *a, "")?);
            }
            let (start, stop, step) = match n.len() {
                1 => (0, n[0], 1),
                2 => (n[0], n[1], 1),
                _ => (n[0], n[1], n[2]),
            };
            if step == 0 {
                return Err(vm.error("ValueError", "range() arg 3 must not be zero"));
            }
            Ok(Value::Obj(vm.heap.alloc(Obj::Range(start, stop, step))))
        }
        TypeKind::Type => {
            arity(vm, "type", &args, 1, 1)?;
            let v = args[0];
            if let Value::Obj(id) = v
                && let Obj::Instance(inst) = vm.heap.get(id)
            {
                return Ok(Value::Obj(inst.class));
            }
            let kind = TypeKind::of(vm, v);
            let name = if kind == TypeKind::Type {
                "type"
            } else {
                kind.name()
            };
            // The same object as the builtin name, so `type(x) is int`.
            match vm.builtins.get(name) {
                Some(t) => Ok(*t),
                None => Ok(Value::Obj(vm.heap.alloc(Obj::Type(kind)))),
            }
        }
        TypeKind::Object => {
            arity(vm, "object", &args, 0, 0)?;
            let class = match vm.builtins.get("\0object_class") {
                Some(Value::Obj(c)) => *c,
                _ => return Err(type_err(vm, "cannot create 'object' instances")),
            };
            Ok(Value::Obj(vm.heap.alloc(Obj::Instance(
                crate::heap::Instance {
                    class,
                    attrs: Attrs::default(),
                },
            ))))
        }
        _ => Err(type_err(vm, format!("cannot create '{name}' instances"))),
    }
}

fn parse_int(vm: &mut Vm, s: &str, base: u32) -> Result<Value, Exc> {
    let t = s.trim();
    let (neg, digits) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (base, digits) = match (base, digits.get(..2).map(|p| p.to_ascii_lowercase())) {
        (16 | 0, Some(p)) if p == "0x" => (16, &digits[2..]),
        (8 | 0, Some(p)) if p == "0o" => (8, &digits[2..]),
        (2 | 0, Some(p)) if p == "0b" => (2, &digits[2..]),
        (0, _) => (10, digits),
        _ => (base, digits),
    };
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    let valid = !clean.is_empty()
        && !digits.starts_with('_')
        && !digits.ends_with('_')
        && !digits.contains("__")
        && (2..=36).contains(&base);
    let parsed = if valid {
        i64::from_str_radix(&clean, base).ok()
    } else {
        None
    };
    match parsed {
        Some(n) => Ok(Value::Int(if neg { -n } else { n })),
        None if valid && clean.chars().all(|c| c.is_digit(base)) => Err(overflow(vm)),
        None => Err(vm.error(
            "ValueError",
            format!(
                "invalid literal for int() with base {base}: {}",
                str_repr(s)
            ),
        )),
    }
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

// ---- the built-in functions ------------------------------------------------------------------------

fn b_print(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    let mut to_err = false;
    for (k, v) in &kwargs {
        match &**k {
            "sep" if *v != Value::None => sep = expect_str(vm, *v, "sep")?.to_string(),
            "end" if *v != Value::None => end = expect_str(vm, *v, "end")?.to_string(),
            "sep" | "end" | "flush" => {}
            "file" => to_err = stream_fd(vm, *v) == Some(2),
            other => {
                return Err(type_err(
                    vm,
                    format!("'{other}' is an invalid keyword argument for print()"),
                ));
            }
        }
    }
    let mut text = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            text.push_str(&sep);
        }
        text.push_str(&str_of(vm, *a)?);
    }
    text.push_str(&end);
    if to_err {
        let _ = vm.out.flush();
        let _ = vm.err.write_all(text.as_bytes());
    } else {
        let _ = vm.out.write_all(text.as_bytes());
    }
    none()
}

fn stream_fd(vm: &Vm, v: Value) -> Option<i64> {
    if let Value::Obj(id) = v
        && let Obj::Instance(inst) = vm.heap.get(id)
        && let Some(Value::Int(fd)) = inst.attrs.get("_fd")
    {
        return Some(*fd);
    }
    None
}

fn io_write(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "write", &args, 1, 1)?;
    let s = expect_str(vm, args[0], "write() argument")?;
    if recv.and_then(|r| stream_fd(vm, r)) == Some(2) {
        let _ = vm.out.flush();
        let _ = vm.err.write_all(s.as_bytes());
    } else {
        let _ = vm.out.write_all(s.as_bytes());
    }
    ok(Value::Int(s.chars().count() as i64))
}

fn io_flush(vm: &mut Vm, _: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    let _ = vm.out.flush();
    let _ = vm.err.flush();
    none()
}

fn b_len(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    no_kwargs(vm, "len", &kwargs)?;
    arity(vm, "len", &args, 1, 1)?;
    let v = args[0];
    if let Some(r) = crate::classes::call_dunder(vm, v, "__len__", Vec::new()) {
        return match r? {
            Value::Int(n) if n >= 0 => ok(Value::Int(n)),
            Value::Int(_) => Err(vm.error("ValueError", "__len__() should return >= 0")),
            other => {
                let t = type_name(vm, other);
                Err(type_err(
                    vm,
                    format!("'{t}' object cannot be interpreted as an integer"),
                ))
            }
        };
    }
    let n = match v {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Str(s) => Some(s.chars().count()),
            Obj::Bytes(b) => Some(b.len()),
            Obj::List(i) | Obj::Tuple(i) => Some(i.len()),
            Obj::Dict(d) => Some(d.len()),
            Obj::Set(s) => Some(s.len()),
            Obj::Range(a, b, c) => Some(range_len(*a, *b, *c) as usize),
            _ => None,
        },
        _ => None,
    };
    match n {
        Some(n) => ok(Value::Int(n as i64)),
        None => {
            let t = type_name(vm, v);
            Err(type_err(vm, format!("object of type '{t}' has no len()")))
        }
    }
}

fn b_abs(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "abs", &args, 1, 1)?;
    if let Some(r) = crate::classes::call_dunder(vm, args[0], "__abs__", Vec::new()) {
        return ok(r?);
    }
    match args[0] {
        Value::Int(i) => ok(Value::Int(i.checked_abs().ok_or_else(|| overflow(vm))?)),
        Value::Bool(b) => ok(Value::Int(b as i64)),
        Value::Float(x) => ok(Value::Float(x.abs())),
        v => {
            let t = type_name(vm, v);
            Err(type_err(vm, format!("bad operand type for abs(): '{t}'")))
        }
    }
}

fn min_max(vm: &mut Vm, args: Vec<Value>, kwargs: Kwargs, want_max: bool) -> BResult {
    let name = if want_max { "max" } else { "min" };
    let key = kwarg(&kwargs, "key").filter(|k| *k != Value::None);
    let items = if args.len() == 1 {
        collect(vm, args[0])?
    } else {
        args
    };
    if items.is_empty() {
        if let Some(d) = kwarg(&kwargs, "default") {
            return ok(d);
        }
        return Err(vm.error("ValueError", format!("{name}() arg is an empty sequence")));
    }
    let key_of_item = |vm: &mut Vm, v: Value| -> Result<Value, Exc> {
        match key {
            Some(k) => vm.call_sync(k, vec![v]),
            None => Ok(v),
        }
    };
    let mut best = items[0];
    let mut best_key = key_of_item(vm, best)?;
    for &v in &items[1..] {
        let k = key_of_item(vm, v)?;
        let better = if want_max {
            compare(vm, CmpOp::Gt, k, best_key)?
        } else {
            compare(vm, CmpOp::Lt, k, best_key)?
        };
        if better {
            best = v;
            best_key = k;
        }
    }
    ok(best)
}

fn b_min(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    if args.is_empty() {
        return Err(type_err(vm, "min expected at least 1 argument, got 0"));
    }
    min_max(vm, args, kwargs, false)
}

fn b_max(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    if args.is_empty() {
        return Err(type_err(vm, "max expected at least 1 argument, got 0"));
    }
    min_max(vm, args, kwargs, true)
}

fn b_sum(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    arity(vm, "sum", &args, 1, 2)?;
    let mut total = args
        .get(1)
        .copied()
        .or(kwarg(&kwargs, "start"))
        .unwrap_or(Value::Int(0));
    if str_content(vm, total).is_some() {
        return Err(type_err(
            vm,
            "sum() can't sum strings [use ''.join(seq) instead]",
        ));
    }
    for v in collect(vm, args[0])? {
        total = binary(vm, BinOp::Add, total, v, false)?;
    }
    ok(total)
}

fn b_isinstance(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "isinstance", &args, 2, 2)?;
    let (v, classes) = (args[0], args[1]);
    let list: Vec<Value> = match classes {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Tuple(items) => items.clone(),
            _ => vec![classes],
        },
        _ => vec![classes],
    };
    for c in list {
        let Value::Obj(cid) = c else {
            return Err(type_err(
                vm,
                "isinstance() arg 2 must be a type, a tuple of types, or a union",
            ));
        };
        let hit = match vm.heap.get(cid) {
            Obj::Type(TypeKind::Object) => true,
            Obj::Type(kind) => {
                let actual = TypeKind::of(vm, v);
                actual == *kind || (*kind == TypeKind::Int && actual == TypeKind::Bool)
            }
            Obj::Class(_) => {
                if let Value::Obj(id) = v
                    && let Obj::Instance(inst) = vm.heap.get(id)
                    && let Obj::Class(k) = vm.heap.get(inst.class)
                {
                    k.mro.contains(&cid)
                } else {
                    false
                }
            }
            _ => {
                return Err(type_err(
                    vm,
                    "isinstance() arg 2 must be a type, a tuple of types, or a union",
                ));
            }
        };
        if hit {
            return ok(Value::Bool(true));
        }
    }
    ok(Value::Bool(false))
}

fn b_repr(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "repr", &args, 1, 1)?;
    let s = repr_of(vm, args[0])?;
    ok(new_str(vm, &s))
}

fn b_iter(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "iter", &args, 1, 1)?;
    ok(get_iter(vm, args[0])?)
}

fn b_next(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "next", &args, 1, 2)?;
    match next(vm, args[0])? {
        Some(v) => ok(v),
        None => match args.get(1) {
            Some(d) => ok(*d),
            None => {
                // A generator's return value travels in StopIteration.
                let value = vm.take_sync_gen_return();
                let class = vm.exc_class("StopIteration");
                let args = match value {
                    Some(v) if v != Value::None => vec![v],
                    _ => Vec::new(),
                };
                Err(vm.instantiate_exception(class, args))
            }
        },
    }
}

fn values_iter(vm: &mut Vm, items: Vec<Value>) -> Value {
    Value::Obj(vm.heap.alloc(Obj::Iter(Iter::Values { items, index: 0 })))
}

fn b_enumerate(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    arity(vm, "enumerate", &args, 1, 2)?;
    let start = match args.get(1).copied().or(kwarg(&kwargs, "start")) {
        Some(v) => expect_int(vm, v, "")?,
        None => 0,
    };
    let iter = get_iter(vm, args[0])?;
    ok(Value::Obj(
        vm.heap
            .alloc(Obj::Iter(Iter::Enumerate { iter, next: start })),
    ))
}

fn b_zip(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    let mut iters = Vec::with_capacity(args.len());
    for a in args {
        iters.push(get_iter(vm, a)?);
    }
    ok(Value::Obj(vm.heap.alloc(Obj::Iter(Iter::Zip { iters }))))
}

fn b_reversed(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "reversed", &args, 1, 1)?;
    let mut items = collect(vm, args[0])?;
    items.reverse();
    ok(values_iter(vm, items))
}

/// Sorts `items` (by `key(item)` when given), stably, with Python's
/// comparisons; `reverse` keeps equal items in their original order.
fn sort_items(
    vm: &mut Vm,
    items: Vec<Value>,
    key: Option<Value>,
    reverse: bool,
) -> Result<Vec<Value>, Exc> {
    let keys = match key {
        Some(k) if k != Value::None => {
            let mut keys = Vec::with_capacity(items.len());
            for &v in &items {
                keys.push(vm.call_sync(k, vec![v])?);
            }
            keys
        }
        _ => items.clone(),
    };
    let mut order: Vec<usize> = (0..items.len()).collect();
    let mut error = None;
    order.sort_by(|&i, &j| {
        if error.is_some() {
            return std::cmp::Ordering::Equal;
        }
        let (a, b) = if reverse {
            (keys[j], keys[i])
        } else {
            (keys[i], keys[j])
        };
        match compare(vm, CmpOp::Lt, a, b) {
            Ok(true) => std::cmp::Ordering::Less,
            Ok(false) => match compare(vm, CmpOp::Lt, b, a) {
                Ok(true) => std::cmp::Ordering::Greater,
                Ok(false) => std::cmp::Ordering::Equal,
                Err(e) => {
                    error = Some(e);
                    std::cmp::Ordering::Equal
                }
            },
            Err(e) => {
                error = Some(e);
                std::cmp::Ordering::Equal
            }
        }
    });
    match error {
        Some(e) => Err(e),
        None => Ok(order.into_iter().map(|i| items[i]).collect()),
    }
}

fn b_sorted(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    arity(vm, "sorted", &args, 1, 1)?;
    let reverse = kwarg(&kwargs, "reverse").is_some_and(|r| truthy(vm, r));
    let items = collect(vm, args[0])?;
    let sorted = sort_items(vm, items, kwarg(&kwargs, "key"), reverse)?;
    ok(new_list(vm, sorted))
}

fn b_any(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "any", &args, 1, 1)?;
    for v in collect(vm, args[0])? {
        if truthy_mut(vm, v)? {
            return ok(Value::Bool(true));
        }
    }
    ok(Value::Bool(false))
}

fn b_all(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "all", &args, 1, 1)?;
    for v in collect(vm, args[0])? {
        if !truthy_mut(vm, v)? {
            return ok(Value::Bool(false));
        }
    }
    ok(Value::Bool(true))
}

fn round_half_even(x: f64) -> f64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 && r % 2.0 != 0.0 {
        r - x.signum()
    } else {
        r
    }
}

fn b_round(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "round", &args, 1, 2)?;
    let ndigits = match args.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(expect_int(vm, *v, "")?),
    };
    match (args[0], ndigits) {
        (Value::Int(i), None) => ok(Value::Int(i)),
        (Value::Bool(b), None) => ok(Value::Int(b as i64)),
        (Value::Int(i), Some(n)) if n >= 0 => ok(Value::Int(i)),
        (Value::Int(i), Some(n)) => {
            let p = 10f64.powi(n.saturating_neg().min(400) as i32);
            if !p.is_finite() {
                return ok(Value::Int(0));
            }
            ok(Value::Int((round_half_even(i as f64 / p) * p) as i64))
        }
        (Value::Float(x), None) => {
            if !x.is_finite() {
                return Err(vm.error("OverflowError", "cannot convert float infinity to integer"));
            }
            ok(Value::Int(round_half_even(x) as i64))
        }
        (Value::Float(x), Some(n)) => {
            // Rust formats the exact binary value, correctly rounded with
            // ties to even: the decimal Python's round() returns.
            let v: f64 = if n >= 0 {
                format!("{:.*}", n.min(300) as usize, x)
                    .parse()
                    .unwrap_or(x)
            } else {
                let p = 10f64.powi(n.saturating_neg().min(300) as i32);
                round_half_even(x / p) * p
            };
            ok(Value::Float(v))
        }
        (v, _) => {
            let t = type_name(vm, v);
            Err(type_err(
                vm,
                format!("type {t} doesn't define __round__ method"),
            ))
        }
    }
}

fn b_divmod(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "divmod", &args, 2, 2)?;
    let q = binary(vm, BinOp::FloorDiv, args[0], args[1], false)?;
    let r = binary(vm, BinOp::Mod, args[0], args[1], false)?;
    ok(new_tuple(vm, vec![q, r]))
}

fn b_chr(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "chr", &args, 1, 1)?;
    let i = expect_int(vm, args[0], "")?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => ok(new_str(vm, c.encode_utf8(&mut [0; 4]))),
        None => Err(vm.error("ValueError", "chr() arg not in range(0x110000)")),
    }
}

fn b_ord(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "ord", &args, 1, 1)?;
    let s = expect_str(vm, args[0], "ord() argument")?;
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => ok(Value::Int(c as i64)),
        _ => Err(type_err(
            vm,
            format!(
                "ord() expected a character, but string of length {} found",
                s.chars().count()
            ),
        )),
    }
}

fn b_hash(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    use std::hash::{Hash, Hasher};
    arity(vm, "hash", &args, 1, 1)?;
    let k = key_of(vm, args[0])?;
    ok(Value::Int(match k {
        Key::Int(i) => i,
        other => {
            let mut h = rustc_hash::FxHasher::default();
            other.hash(&mut h);
            (h.finish() >> 1) as i64
        }
    }))
}

fn b_id(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "id", &args, 1, 1)?;
    ok(Value::Int(match args[0] {
        Value::Obj(id) => 0x7f00_0000_0000 + id.0 as i64 * 16,
        Value::None => 1,
        Value::Bool(b) => 2 + b as i64,
        Value::Int(i) => i.wrapping_mul(31),
        Value::Float(x) => x.to_bits() as i64,
    }))
}

fn radix(vm: &mut Vm, args: &[Value], name: &str, prefix: &str, fmt: fn(u64) -> String) -> BResult {
    arity(vm, name, args, 1, 1)?;
    let i = expect_int(vm, args[0], "")?;
    let s = format!(
        "{}{prefix}{}",
        if i < 0 { "-" } else { "" },
        fmt(i.unsigned_abs())
    );
    ok(new_str(vm, &s))
}

fn b_hex(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    radix(vm, &args, "hex", "0x", |n| format!("{n:x}"))
}

fn b_bin(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    radix(vm, &args, "bin", "0b", |n| format!("{n:b}"))
}

fn b_oct(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    radix(vm, &args, "oct", "0o", |n| format!("{n:o}"))
}

fn b_pow(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "pow", &args, 2, 3)?;
    if let Some(&m) = args.get(2) {
        let (b, e, m) = (
            expect_int(vm, args[0], "")?,
            expect_int(vm, args[1], "")?,
            expect_int(vm, m, "")?,
        );
        if m == 0 {
            return Err(vm.error("ValueError", "pow() 3rd argument cannot be 0"));
        }
        if e < 0 {
            return Err(vm.error("ValueError", "base is not invertible for the given modulus"));
        }
        let (mut result, mut base, mut e) = (1i128, (b as i128).rem_euclid(m as i128), e);
        while e > 0 {
            if e & 1 == 1 {
                result = result * base % m as i128;
            }
            base = base * base % m as i128;
            e >>= 1;
        }
        let r = result.rem_euclid(m as i128) as i64;
        return ok(Value::Int(if m < 0 && r > 0 { r + m } else { r }));
    }
    ok(binary(vm, BinOp::Pow, args[0], args[1], false)?)
}

fn b_callable(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "callable", &args, 1, 1)?;
    if crate::classes::dunder(vm, args[0], "__call__").is_some() {
        return ok(Value::Bool(true));
    }
    let c = matches!(args[0], Value::Obj(id) if matches!(
        vm.heap.get(id),
        Obj::Function(_)
            | Obj::Builtin(_)
            | Obj::Method(..)
            | Obj::Unbound(_)
            | Obj::BoundMethod(..)
            | Obj::Type(_)
            | Obj::Class(_)
    ));
    ok(Value::Bool(c))
}

fn b_getattr(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "getattr", &args, 2, 3)?;
    let name = expect_str(vm, args[1], "attribute name")?;
    match vm.get_attr_pub(args[0], &name) {
        Ok(v) => ok(v),
        Err(e) => match args.get(2) {
            Some(d) if exception_matches(vm, e, Value::Obj(vm.exc_class("AttributeError")))? => {
                ok(*d)
            }
            _ => Err(e),
        },
    }
}

fn b_hasattr(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "hasattr", &args, 2, 2)?;
    let name = expect_str(vm, args[1], "attribute name")?;
    ok(Value::Bool(vm.get_attr_pub(args[0], &name).is_ok()))
}

fn b_map(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    if args.len() < 2 {
        return Err(type_err(vm, "map() must have at least two arguments."));
    }
    let mut iters = Vec::with_capacity(args.len() - 1);
    for a in &args[1..] {
        iters.push(get_iter(vm, *a)?);
    }
    let it = Iter::Map {
        func: args[0],
        iters,
    };
    ok(Value::Obj(vm.heap.alloc(Obj::Iter(it))))
}

fn b_filter(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "filter", &args, 2, 2)?;
    let iter = get_iter(vm, args[1])?;
    let it = Iter::Filter {
        func: args[0],
        iter,
    };
    ok(Value::Obj(vm.heap.alloc(Obj::Iter(it))))
}

// ---- list, tuple methods --------------------------------------------------------------------------

fn recv_list(_vm: &mut Vm, recv: Option<Value>) -> ObjId {
    match recv {
        Some(Value::Obj(id)) => id,
        _ => unreachable!("methods are bound to their receiver"),
    }
}

fn list_mut(vm: &mut Vm, id: ObjId) -> &mut Vec<Value> {
    match vm.heap.get_mut(id) {
        Obj::List(items) => items,
        _ => unreachable!("list methods are bound to lists"),
    }
}

fn l_append(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "list.append", &args, 1, 1)?;
    let id = recv_list(vm, recv);
    list_mut(vm, id).push(args[0]);
    none()
}

fn l_extend(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "list.extend", &args, 1, 1)?;
    let id = recv_list(vm, recv);
    let items = collect(vm, args[0])?;
    list_mut(vm, id).extend(items);
    none()
}

fn l_insert(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "insert", &args, 2, 2)?;
    let id = recv_list(vm, recv);
    let i = expect_int(vm, args[0], "")?;
    let list = list_mut(vm, id);
    let len = list.len() as i64;
    let at = if i < 0 { (i + len).max(0) } else { i.min(len) } as usize;
    list.insert(at, args[1]);
    none()
}

fn l_pop(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "pop", &args, 0, 1)?;
    let id = recv_list(vm, recv);
    let len = list_mut(vm, id).len();
    if len == 0 {
        return Err(vm.error("IndexError", "pop from empty list"));
    }
    let i = match args.first() {
        Some(v) => {
            let i = expect_int(vm, *v, "")?;
            let j = if i < 0 { i + len as i64 } else { i };
            if j < 0 || j >= len as i64 {
                return Err(vm.error("IndexError", "pop index out of range"));
            }
            j as usize
        }
        None => len - 1,
    };
    ok(list_mut(vm, id).remove(i))
}

fn l_remove(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "list.remove", &args, 1, 1)?;
    let id = recv_list(vm, recv);
    let items = list_mut(vm, id).clone();
    let mut found = None;
    for (i, v) in items.iter().enumerate() {
        if eq(vm, *v, args[0])? {
            found = Some(i);
            break;
        }
    }
    match found {
        Some(i) => {
            list_mut(vm, id).remove(i);
            none()
        }
        None => Err(vm.error("ValueError", "list.remove(x): x not in list")),
    }
}

fn seq_items(vm: &Vm, recv: Option<Value>) -> Vec<Value> {
    match recv {
        Some(Value::Obj(id)) => match vm.heap.get(id) {
            Obj::List(i) | Obj::Tuple(i) => i.clone(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

fn seq_index(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "index", &args, 1, 3)?;
    let items = seq_items(vm, recv);
    let is_tuple = matches!(recv, Some(Value::Obj(id)) if matches!(vm.heap.get(id), Obj::Tuple(_)));
    let mut found = None;
    for (i, v) in items.iter().enumerate() {
        if eq(vm, *v, args[0])? {
            found = Some(i);
            break;
        }
    }
    match found {
        Some(i) => ok(Value::Int(i as i64)),
        None => {
            let msg = if is_tuple {
                "tuple.index(x): x not in tuple".to_string()
            } else {
                let r = repr_of(vm, args[0])?;
                format!("{r} is not in list")
            };
            Err(vm.error("ValueError", msg))
        }
    }
}

fn seq_count(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "count", &args, 1, 1)?;
    let items = seq_items(vm, recv);
    let mut n = 0;
    for v in items {
        if eq(vm, v, args[0])? {
            n += 1;
        }
    }
    ok(Value::Int(n))
}

fn l_reverse(vm: &mut Vm, recv: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    let id = recv_list(vm, recv);
    list_mut(vm, id).reverse();
    none()
}

fn l_sort(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    arity(vm, "sort", &args, 0, 0)?;
    let reverse = kwarg(&kwargs, "reverse").is_some_and(|r| truthy(vm, r));
    let id = recv_list(vm, recv);
    let items = list_mut(vm, id).clone();
    let sorted = sort_items(vm, items, kwarg(&kwargs, "key"), reverse)?;
    *list_mut(vm, id) = sorted;
    none()
}

fn l_copy(vm: &mut Vm, recv: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    let id = recv_list(vm, recv);
    let items = list_mut(vm, id).clone();
    ok(new_list(vm, items))
}

fn l_clear(vm: &mut Vm, recv: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    let id = recv_list(vm, recv);
    list_mut(vm, id).clear();
    none()
}

// ---- str methods -------------------------------------------------------------------------------------

fn recv_str(vm: &Vm, recv: Option<Value>) -> Rc<str> {
    recv.and_then(|r| str_content(vm, r))
        .unwrap_or_else(|| Rc::from(""))
}

fn s_join(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "str.join", &args, 1, 1)?;
    let sep = recv_str(vm, recv);
    let items = collect(vm, args[0])?;
    let mut parts = Vec::with_capacity(items.len());
    for (i, v) in items.iter().enumerate() {
        match str_content(vm, *v) {
            Some(s) => parts.push(s),
            None => {
                let t = type_name(vm, *v);
                return Err(type_err(
                    vm,
                    format!("sequence item {i}: expected str instance, {t} found"),
                ));
            }
        }
    }
    let joined = parts.iter().map(|p| &**p).collect::<Vec<&str>>().join(&sep);
    ok(new_str(vm, &joined))
}

fn s_split(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    split_impl(vm, recv, &args, &kwargs, false)
}

fn strip_chars(vm: &mut Vm, args: &[Value]) -> Result<Option<Vec<char>>, Exc> {
    match args.first() {
        None | Some(Value::None) => Ok(None),
        Some(v) => Ok(Some(expect_str(vm, *v, "strip arg")?.chars().collect())),
    }
}

fn strip_impl(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    left: bool,
    right: bool,
) -> BResult {
    arity(vm, "strip", &args, 0, 1)?;
    let s = recv_str(vm, recv);
    let chars = strip_chars(vm, &args)?;
    let pred = |c: char| match &chars {
        None => c.is_whitespace(),
        Some(set) => set.contains(&c),
    };
    let mut t: &str = &s;
    if left {
        t = t.trim_start_matches(pred);
    }
    if right {
        t = t.trim_end_matches(pred);
    }
    let t = t.to_string();
    ok(new_str(vm, &t))
}

fn s_strip(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    strip_impl(vm, r, a, true, true)
}

fn s_lstrip(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    strip_impl(vm, r, a, true, false)
}

fn s_rstrip(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    strip_impl(vm, r, a, false, true)
}

fn map_str(vm: &mut Vm, recv: Option<Value>, f: impl Fn(&str) -> String) -> BResult {
    let s = recv_str(vm, recv);
    let t = f(&s);
    ok(new_str(vm, &t))
}

fn s_upper(vm: &mut Vm, r: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    map_str(vm, r, |s| s.to_uppercase())
}

fn s_lower(vm: &mut Vm, r: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    map_str(vm, r, |s| s.to_lowercase())
}

fn s_title(vm: &mut Vm, r: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    map_str(vm, r, |s| {
        let mut out = String::new();
        let mut prev_alpha = false;
        for c in s.chars() {
            if prev_alpha {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            prev_alpha = c.is_alphabetic();
        }
        out
    })
}

fn s_capitalize(vm: &mut Vm, r: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    map_str(vm, r, |s| {
        let mut chars = s.chars();
        match chars.next() {
            Some(c) => c
                .to_uppercase()
                .chain(chars.flat_map(|c| c.to_lowercase()))
                .collect(),
            None => String::new(),
        }
    })
}

fn s_replace(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "replace", &args, 2, 3)?;
    let s = recv_str(vm, recv);
    let old = expect_str(vm, args[0], "replace() argument 1")?;
    let new = expect_str(vm, args[1], "replace() argument 2")?;
    let count = match args.get(2) {
        Some(v) => expect_int(vm, *v, "")?,
        None => -1,
    };
    let t = if count < 0 {
        s.replace(&*old, &new)
    } else {
        s.replacen(&*old, &new, count as usize)
    };
    ok(new_str(vm, &t))
}

/// The part of `s` that the optional `start` and `end` arguments of
/// `find`, `startswith` and the like select (indices in characters, as
/// in a slice), with the character index it begins at; `None` when
/// `start` is past the end.
fn str_window<'s>(
    vm: &mut Vm,
    s: &'s str,
    bounds: &[Value],
) -> Result<Option<(&'s str, usize)>, Exc> {
    let len = s.chars().count() as i64;
    let mut index = |k: usize, default: i64| -> Result<i64, Exc> {
        match bounds.get(k) {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let i = expect_int(
                    vm,
                    *v,
                    "slice indices must be integers or None or have an __index__ method",
                )?;
                Ok(if i < 0 { (i + len).max(0) } else { i.min(len) })
            }
        }
    };
    let raw_start = match bounds.first() {
        Some(Value::Int(i)) if *i > len => return Ok(None),
        _ => index(0, 0)?,
    };
    let end = index(1, len)?.max(raw_start);
    let byte = |c: i64| s.char_indices().nth(c as usize).map_or(s.len(), |(b, _)| b);
    Ok(Some((&s[byte(raw_start)..byte(end)], raw_start as usize)))
}

fn prefix_test(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, start: bool) -> BResult {
    arity(
        vm,
        if start { "startswith" } else { "endswith" },
        &args,
        1,
        3,
    )?;
    let whole = recv_str(vm, recv);
    let Some((s, _)) = str_window(vm, &whole, &args[1..])? else {
        return ok(Value::Bool(false));
    };
    let candidates: Vec<Value> = match args[0] {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Tuple(items) => items.clone(),
            _ => vec![args[0]],
        },
        _ => vec![args[0]],
    };
    for c in candidates {
        let p = expect_str(
            vm,
            c,
            if start {
                "startswith first arg"
            } else {
                "endswith first arg"
            },
        )?;
        if (start && s.starts_with(&*p)) || (!start && s.ends_with(&*p)) {
            return ok(Value::Bool(true));
        }
    }
    ok(Value::Bool(false))
}

fn s_startswith(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    prefix_test(vm, r, a, true)
}

fn s_endswith(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    prefix_test(vm, r, a, false)
}

fn char_index(s: &str, byte: usize) -> i64 {
    s[..byte].chars().count() as i64
}

fn s_swapcase(vm: &mut Vm, r: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    map_str(vm, r, |s| {
        s.chars()
            .flat_map(|c| {
                if c.is_uppercase() {
                    c.to_lowercase().collect::<Vec<_>>()
                } else {
                    c.to_uppercase().collect::<Vec<_>>()
                }
            })
            .collect()
    })
}

fn s_rpartition(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "rpartition", &args, 1, 1)?;
    let s = recv_str(vm, recv);
    let sep = expect_str(vm, args[0], "must be str, not")?;
    let (a, b, c) = match s.rsplit_once(&*sep) {
        Some((a, c)) => (a.to_string(), sep.to_string(), c.to_string()),
        None => (String::new(), String::new(), s.to_string()),
    };
    let parts = vec![new_str(vm, &a), new_str(vm, &b), new_str(vm, &c)];
    ok(new_tuple(vm, parts))
}

/// `str.find`, `rfind`, `index` and `rindex`: the character index of
/// `sub`, from the left or the right; -1 or ValueError when absent.
fn find_impl(
    vm: &mut Vm,
    recv: Option<Value>,
    args: &[Value],
    name: &str,
    right: bool,
    raise: bool,
) -> BResult {
    arity(vm, name, args, 1, 3)?;
    let whole = recv_str(vm, recv);
    let sub = expect_str(vm, args[0], "must be str, not")?;
    let window = str_window(vm, &whole, &args[1..])?;
    let at = window.and_then(|(s, first)| {
        let at = if right { s.rfind(&*sub) } else { s.find(&*sub) };
        at.map(|b| first as i64 + char_index(s, b))
    });
    match at {
        Some(i) => ok(Value::Int(i)),
        None if raise => Err(vm.error("ValueError", "substring not found")),
        None => ok(Value::Int(-1)),
    }
}

fn s_find(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    find_impl(vm, r, &a, "find", false, false)
}

fn s_rfind(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    find_impl(vm, r, &a, "rfind", true, false)
}

fn s_index(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    find_impl(vm, r, &a, "index", false, true)
}

fn s_rindex(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    find_impl(vm, r, &a, "rindex", true, true)
}

fn s_count(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "count", &args, 1, 1)?;
    let s = recv_str(vm, recv);
    let sub = expect_str(vm, args[0], "must be str, not")?;
    let n = if sub.is_empty() {
        s.chars().count() + 1
    } else {
        s.matches(&*sub).count()
    };
    ok(Value::Int(n as i64))
}

/// Follows the `[key]` and `.attr` parts of a `str.format` field name.
fn format_field_path(vm: &mut Vm, mut value: Value, mut path: &str) -> Result<Value, Exc> {
    while !path.is_empty() {
        if let Some(rest) = path.strip_prefix('.') {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            value = vm.get_attr_pub(value, &rest[..end])?;
            path = &rest[end..];
        } else if let Some(rest) = path.strip_prefix('[') {
            let Some(end) = rest.find(']') else {
                return Err(vm.error("ValueError", "Missing ']' in format string"));
            };
            let key = &rest[..end];
            let index = match key.parse::<i64>() {
                Ok(n) if key.bytes().all(|b| b.is_ascii_digit()) => Value::Int(n),
                _ => new_str(vm, key),
            };
            value = subscript(vm, value, index)?;
            path = &rest[end + 1..];
        } else {
            return Err(vm.error(
                "ValueError",
                "Only '.' or '[' may follow ']' in format field specifier",
            ));
        }
    }
    Ok(value)
}

fn s_format(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    let s = recv_str(vm, recv);
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut auto = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' && chars.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
            continue;
        }
        if c == '}' && chars.get(i + 1) == Some(&'}') {
            out.push('}');
            i += 2;
            continue;
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        let close = chars[i..].iter().position(|c| *c == '}').map(|p| p + i);
        let Some(close) = close else {
            return Err(vm.error("ValueError", "Single '{' encountered in format string"));
        };
        let field: String = chars[i + 1..close].iter().collect();
        let (name, spec) = field.split_once(':').unwrap_or((&field, ""));
        let (name, conv) = match name.split_once('!') {
            Some((n, c)) => (n, c.chars().next()),
            None => (name, None),
        };
        // `0[1].x`: the argument, then indexing and attributes.
        let (name, path) = name.split_at(name.find(['.', '[']).unwrap_or(name.len()));
        let value = if name.is_empty() {
            let v = args.get(auto).copied();
            auto += 1;
            v.ok_or_else(|| {
                vm.error(
                    "IndexError",
                    format!(
                        "Replacement index {} out of range for positional args tuple",
                        auto - 1
                    ),
                )
            })?
        } else if let Ok(n) = name.parse::<usize>() {
            args.get(n).copied().ok_or_else(|| {
                vm.error(
                    "IndexError",
                    format!("Replacement index {n} out of range for positional args tuple"),
                )
            })?
        } else {
            kwarg(&kwargs, name).ok_or_else(|| {
                let k = new_str(vm, name);
                let class = vm.exc_class("KeyError");
                vm.instantiate_exception(class, vec![k])
            })?
        };
        let value = format_field_path(vm, value, path)?;
        let value = match conv {
            Some('r') => {
                let r = repr_of(vm, value)?;
                new_str(vm, &r)
            }
            Some('s') => {
                let r = str_of(vm, value)?;
                new_str(vm, &r)
            }
            _ => value,
        };
        out.push_str(&format_value(vm, value, spec)?);
        i = close + 1;
    }
    ok(new_str(vm, &out))
}

fn test_chars(vm: &mut Vm, recv: Option<Value>, f: fn(char) -> bool) -> BResult {
    let s = recv_str(vm, recv);
    ok(Value::Bool(!s.is_empty() && s.chars().all(f)))
}

fn s_isdigit(vm: &mut Vm, r: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    test_chars(vm, r, |c| c.is_ascii_digit())
}

fn s_isalpha(vm: &mut Vm, r: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    test_chars(vm, r, char::is_alphabetic)
}

fn s_isalnum(vm: &mut Vm, r: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    test_chars(vm, r, char::is_alphanumeric)
}

fn s_isspace(vm: &mut Vm, r: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    test_chars(vm, r, char::is_whitespace)
}

fn s_isupper(vm: &mut Vm, r: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    let s = recv_str(vm, r);
    ok(Value::Bool(
        s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase),
    ))
}

fn s_islower(vm: &mut Vm, r: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    let s = recv_str(vm, r);
    ok(Value::Bool(
        s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_uppercase),
    ))
}

fn pad(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, how: char) -> BResult {
    arity(vm, "pad", &args, 1, 2)?;
    let s = recv_str(vm, recv);
    let width = expect_int(vm, args[0], "")?.max(0) as usize;
    let fill = match args.get(1) {
        Some(v) => {
            let f = expect_str(vm, *v, "fill character")?;
            f.chars().next().unwrap_or(' ')
        }
        None => ' ',
    };
    let len = s.chars().count();
    let total = width.saturating_sub(len);
    let f = |n| fill.to_string().repeat(n);
    let t = match how {
        '<' => format!("{s}{}", f(total)),
        '>' => format!("{}{s}", f(total)),
        _ => {
            // CPython centers with the extra space on the right when the
            // string length is even... on the left when odd.
            let left = total / 2 + (total & width & 1);
            format!("{}{s}{}", f(left), f(total - left))
        }
    };
    ok(new_str(vm, &t))
}

fn s_center(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    pad(vm, r, a, '^')
}

fn s_ljust(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    pad(vm, r, a, '<')
}

fn s_rjust(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    pad(vm, r, a, '>')
}

fn s_zfill(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "zfill", &args, 1, 1)?;
    let s = recv_str(vm, recv);
    let width = expect_int(vm, args[0], "")?.max(0) as usize;
    let len = s.chars().count();
    if len >= width {
        return ok(new_str(vm, &s));
    }
    let (sign, rest) = match s.chars().next() {
        Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
        _ => (String::new(), &s[..]),
    };
    let t = format!("{sign}{}{rest}", "0".repeat(width - len));
    ok(new_str(vm, &t))
}

fn s_rsplit(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    split_impl(vm, recv, &args, &kwargs, true)
}

/// `split` and (from the right) `rsplit`: on runs of whitespace, or on
/// `sep`, at most `maxsplit` times.
fn split_impl(
    vm: &mut Vm,
    recv: Option<Value>,
    args: &[Value],
    kwargs: &Kwargs,
    right: bool,
) -> BResult {
    arity(vm, if right { "rsplit" } else { "split" }, args, 0, 2)?;
    let s = recv_str(vm, recv);
    let sep = args
        .first()
        .copied()
        .or(kwarg(kwargs, "sep"))
        .unwrap_or(Value::None);
    let maxsplit = match args.get(1).copied().or(kwarg(kwargs, "maxsplit")) {
        Some(v) => expect_int(vm, v, "")?,
        None => -1,
    };
    let limit = (maxsplit >= 0).then_some(maxsplit as usize);
    let mut parts: Vec<&str> = if sep == Value::None {
        let mut out = Vec::new();
        let mut rest = if right { s.trim_end() } else { s.trim_start() };
        while !rest.is_empty() {
            if limit == Some(out.len()) {
                out.push(rest);
                break;
            }
            if right {
                let start = rest.rfind(char::is_whitespace).map_or(0, |b| {
                    b + rest[b..].chars().next().map_or(1, char::len_utf8)
                });
                out.push(&rest[start..]);
                rest = rest[..start].trim_end();
            } else {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                out.push(&rest[..end]);
                rest = rest[end..].trim_start();
            }
        }
        out
    } else {
        let sep = expect_str(vm, sep, "must be str or None, not")?;
        if sep.is_empty() {
            return Err(vm.error("ValueError", "empty separator"));
        }
        match (limit, right) {
            (Some(n), false) => s.splitn(n + 1, &*sep).collect(),
            (Some(n), true) => s.rsplitn(n + 1, &*sep).collect(),
            (None, false) => s.split(&*sep).collect(),
            (None, true) => s.rsplit(&*sep).collect(),
        }
    };
    if right {
        parts.reverse();
    }
    let items = parts.iter().map(|p| new_str(vm, p)).collect();
    ok(new_list(vm, items))
}

fn s_istitle(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "istitle", &args, 0, 0)?;
    let s = recv_str(vm, recv);
    // Upper-case letters only after uncased ones, lower-case only after
    // cased ones, and at least one cased letter.
    let (mut cased, mut previous_cased) = (false, false);
    for c in s.chars() {
        if c.is_uppercase() {
            if previous_cased {
                return ok(Value::Bool(false));
            }
            (cased, previous_cased) = (true, true);
        } else if c.is_lowercase() {
            if !previous_cased {
                return ok(Value::Bool(false));
            }
            (cased, previous_cased) = (true, true);
        } else {
            previous_cased = false;
        }
    }
    ok(Value::Bool(cased))
}

fn s_splitlines(vm: &mut Vm, recv: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    let s = recv_str(vm, recv);
    let items = s.lines().map(|l| new_str(vm, l)).collect();
    ok(new_list(vm, items))
}

fn s_partition(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "partition", &args, 1, 1)?;
    let s = recv_str(vm, recv);
    let sep = expect_str(vm, args[0], "must be str, not")?;
    let (a, b, c) = match s.split_once(&*sep) {
        Some((a, c)) => (a.to_string(), sep.to_string(), c.to_string()),
        None => (s.to_string(), String::new(), String::new()),
    };
    let parts = vec![new_str(vm, &a), new_str(vm, &b), new_str(vm, &c)];
    ok(new_tuple(vm, parts))
}

// ---- dict and set methods ------------------------------------------------------------------------------

fn recv_dict(recv: Option<Value>) -> ObjId {
    match recv {
        Some(Value::Obj(id)) => id,
        _ => unreachable!("methods are bound to their receiver"),
    }
}

fn dict_ref(vm: &Vm, id: ObjId) -> &Dict {
    match vm.heap.get(id) {
        Obj::Dict(d) => d,
        _ => unreachable!("dict methods are bound to dicts"),
    }
}

fn d_get(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "get", &args, 1, 2)?;
    let id = recv_dict(recv);
    let k = key_of(vm, args[0])?;
    ok(dict_ref(vm, id)
        .get(&k)
        .map_or(args.get(1).copied().unwrap_or(Value::None), |(_, v)| *v))
}

fn view(vm: &mut Vm, recv: Option<Value>, what: u8) -> BResult {
    // Views are lists of the moment: enough for iteration, len, `in`.
    let id = recv_dict(recv);
    let pairs: Vec<(Value, Value)> = dict_ref(vm, id).values().copied().collect();
    let items = pairs
        .into_iter()
        .map(|(k, v)| match what {
            0 => k,
            1 => v,
            _ => new_tuple(vm, vec![k, v]),
        })
        .collect();
    ok(new_list(vm, items))
}

fn d_keys(vm: &mut Vm, r: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    view(vm, r, 0)
}

fn d_values(vm: &mut Vm, r: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    view(vm, r, 1)
}

fn d_items(vm: &mut Vm, r: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    view(vm, r, 2)
}

fn d_pop(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "pop", &args, 1, 2)?;
    let id = recv_dict(recv);
    let k = key_of(vm, args[0])?;
    let removed = match vm.heap.get_mut(id) {
        Obj::Dict(d) => d.shift_remove(&k),
        _ => None,
    };
    match (removed, args.get(1)) {
        (Some((_, v)), _) => ok(v),
        (None, Some(d)) => ok(*d),
        (None, None) => {
            let class = vm.exc_class("KeyError");
            Err(vm.instantiate_exception(class, vec![args[0]]))
        }
    }
}

fn d_setdefault(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "setdefault", &args, 1, 2)?;
    let id = recv_dict(recv);
    let k = key_of(vm, args[0])?;
    if let Some((_, v)) = dict_ref(vm, id).get(&k) {
        return ok(*v);
    }
    let v = args.get(1).copied().unwrap_or(Value::None);
    dict_set(vm, recv.unwrap_or(Value::None), args[0], v)?;
    ok(v)
}

fn d_update(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    arity(vm, "update", &args, 0, 1)?;
    let d = recv.unwrap_or(Value::None);
    if let Some(m) = args.first() {
        dict_update(vm, d, *m)?;
    }
    for (k, v) in kwargs {
        let kv = new_str(vm, &k);
        dict_set(vm, d, kv, v)?;
    }
    none()
}

fn d_copy(vm: &mut Vm, recv: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    let id = recv_dict(recv);
    let d = dict_ref(vm, id).clone();
    ok(Value::Obj(vm.heap.alloc(Obj::Dict(d))))
}

fn d_popitem(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "popitem", &args, 0, 0)?;
    let id = recv_dict(recv);
    let last = match vm.heap.get_mut(id) {
        Obj::Dict(d) => d.pop(),
        _ => None,
    };
    match last {
        Some((_, (k, v))) => ok(new_tuple(vm, vec![k, v])),
        None => {
            let msg = new_str(vm, "popitem(): dictionary is empty");
            let class = vm.exc_class("KeyError");
            Err(vm.instantiate_exception(class, vec![msg]))
        }
    }
}

fn set_issuperset(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "issuperset", &args, 1, 1)?;
    let other = make_set(vm, args[0])?;
    ok(Value::Bool(compare(
        vm,
        CmpOp::GtE,
        recv.unwrap_or(Value::None),
        other,
    )?))
}

fn set_symmetric_difference(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    set_op(vm, r, a, BinOp::BitXor)
}

fn set_pop(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "pop", &args, 0, 0)?;
    match set_mut(vm, recv).shift_remove_index(0) {
        Some((_, v)) => ok(v),
        None => {
            let msg = new_str(vm, "pop from an empty set");
            let class = vm.exc_class("KeyError");
            Err(vm.instantiate_exception(class, vec![msg]))
        }
    }
}

fn b_format(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "format", &args, 1, 2)?;
    let spec = match args.get(1) {
        Some(v) => expect_str(vm, *v, "format() argument 2")?.to_string(),
        None => String::new(),
    };
    let s = format_value(vm, args[0], &spec)?;
    ok(new_str(vm, &s))
}

fn d_clear(vm: &mut Vm, recv: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    let id = recv_dict(recv);
    if let Obj::Dict(d) = vm.heap.get_mut(id) {
        d.clear();
    }
    none()
}

fn set_mut(vm: &mut Vm, recv: Option<Value>) -> &mut Map<Key, Value> {
    match recv {
        Some(Value::Obj(id)) => match vm.heap.get_mut(id) {
            Obj::Set(s) => s,
            _ => unreachable!("set methods are bound to sets"),
        },
        _ => unreachable!("methods are bound to their receiver"),
    }
}

fn set_add(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "set.add", &args, 1, 1)?;
    let k = key_of(vm, args[0])?;
    set_mut(vm, recv).entry(k).or_insert(args[0]);
    none()
}

fn set_remove(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "set.remove", &args, 1, 1)?;
    let k = key_of(vm, args[0])?;
    if set_mut(vm, recv).shift_remove(&k).is_none() {
        let class = vm.exc_class("KeyError");
        return Err(vm.instantiate_exception(class, vec![args[0]]));
    }
    none()
}

fn set_discard(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "set.discard", &args, 1, 1)?;
    let k = key_of(vm, args[0])?;
    set_mut(vm, recv).shift_remove(&k);
    none()
}

fn set_op(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, op: BinOp) -> BResult {
    let mut acc = recv.unwrap_or(Value::None);
    for a in args {
        let other = make_set(vm, a)?;
        acc = binary(vm, op, acc, other, false)?;
    }
    if acc == recv.unwrap_or(Value::None) {
        let items: Vec<Value> = set_mut(vm, recv).values().copied().collect();
        let l = new_list(vm, items);
        return ok(make_set(vm, l)?);
    }
    ok(acc)
}

fn set_union(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    set_op(vm, r, a, BinOp::BitOr)
}

fn set_intersection(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    set_op(vm, r, a, BinOp::BitAnd)
}

fn set_difference(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    set_op(vm, r, a, BinOp::Sub)
}

fn set_issubset(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "issubset", &args, 1, 1)?;
    let other = make_set(vm, args[0])?;
    ok(Value::Bool(compare(
        vm,
        CmpOp::LtE,
        recv.unwrap_or(Value::None),
        other,
    )?))
}

fn set_copy(vm: &mut Vm, recv: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    let s = set_mut(vm, recv).clone();
    ok(Value::Obj(vm.heap.alloc(Obj::Set(s))))
}

fn gen_send(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "send", &args, 1, 1)?;
    let Some(Value::Obj(g)) = recv else {
        unreachable!("methods are bound")
    };
    match vm.next_sync(g, args[0])? {
        Some(v) => ok(v),
        None => Err(vm.error("StopIteration", "")),
    }
}

fn set_update(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    for a in args {
        for v in collect(vm, a)? {
            let k = key_of(vm, v)?;
            set_mut(vm, recv).entry(k).or_insert(v);
        }
    }
    none()
}

fn set_clear(vm: &mut Vm, recv: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    set_mut(vm, recv).clear();
    none()
}

// ---- math, sys, time ------------------------------------------------------------------------------------

fn float_arg(vm: &mut Vm, name: &str, args: &[Value], i: usize) -> Result<f64, Exc> {
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

fn math1(vm: &mut Vm, name: &str, args: Vec<Value>, f: fn(f64) -> f64) -> BResult {
    arity(vm, name, &args, 1, 1)?;
    let x = float_arg(vm, name, &args, 0)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(vm.error("ValueError", "math domain error"));
    }
    ok(Value::Float(r))
}

/// Defines math functions of one float argument.
macro_rules! math_unary {
    ($($fn_name:ident => $name:literal, $f:path;)*) => {
        $(
            fn $fn_name(vm: &mut Vm, _: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
                math1(vm, $name, a, $f)
            }
        )*
    };
}

math_unary! {
    m_sqrt => "sqrt", f64::sqrt;
    m_sin => "sin", f64::sin;
    m_cos => "cos", f64::cos;
    m_tan => "tan", f64::tan;
    m_exp => "exp", f64::exp;
    m_fabs => "fabs", f64::abs;
    m_degrees => "degrees", f64::to_degrees;
    m_radians => "radians", f64::to_radians;
    m_acos => "acos", f64::acos;
    m_asin => "asin", f64::asin;
    m_atan => "atan", f64::atan;
}

fn m_log10(vm: &mut Vm, _: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    if a.first().and_then(|v| to_f64(*v)).is_some_and(|x| x <= 0.0) {
        return Err(vm.error("ValueError", "math domain error"));
    }
    math1(vm, "log10", a, f64::log10)
}

fn m_log2(vm: &mut Vm, _: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    if a.first().and_then(|v| to_f64(*v)).is_some_and(|x| x <= 0.0) {
        return Err(vm.error("ValueError", "math domain error"));
    }
    math1(vm, "log2", a, f64::log2)
}

fn m_isqrt(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "isqrt", &args, 1, 1)?;
    let n = expect_int(vm, args[0], "")?;
    if n < 0 {
        return Err(vm.error("ValueError", "isqrt() argument must be nonnegative"));
    }
    let mut r = (n as f64).sqrt() as i64;
    while r * r > n {
        r -= 1;
    }
    while (r + 1) * (r + 1) <= n {
        r += 1;
    }
    ok(Value::Int(r))
}

fn m_pow(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "pow", &args, 2, 2)?;
    let (x, y) = (
        float_arg(vm, "pow", &args, 0)?,
        float_arg(vm, "pow", &args, 1)?,
    );
    ok(Value::Float(x.powf(y)))
}

fn m_isinf(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "isinf", &args, 1, 1)?;
    ok(Value::Bool(float_arg(vm, "isinf", &args, 0)?.is_infinite()))
}

fn m_isnan(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "isnan", &args, 1, 1)?;
    ok(Value::Bool(float_arg(vm, "isnan", &args, 0)?.is_nan()))
}

fn m_copysign(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "copysign", &args, 2, 2)?;
    let (x, y) = (
        float_arg(vm, "copysign", &args, 0)?,
        float_arg(vm, "copysign", &args, 1)?,
    );
    ok(Value::Float(x.copysign(y)))
}

fn m_prod(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    arity(vm, "prod", &args, 1, 1)?;
    let mut acc = kwarg(&kwargs, "start").unwrap_or(Value::Int(1));
    for v in collect(vm, args[0])? {
        acc = binary(vm, BinOp::Mul, acc, v, false)?;
    }
    ok(acc)
}

fn comb_perm(vm: &mut Vm, args: &[Value], name: &str, comb: bool) -> BResult {
    arity(vm, name, args, 2, 2)?;
    let (n, k) = (expect_int(vm, args[0], "")?, expect_int(vm, args[1], "")?);
    if n < 0 || k < 0 {
        return Err(vm.error(
            "ValueError",
            format!(
                "{} must be a non-negative integer",
                if n < 0 { "n" } else { "k" }
            ),
        ));
    }
    if k > n {
        return ok(Value::Int(0));
    }
    let k = if comb { k.min(n - k) } else { k };
    let mut r: i64 = 1;
    for i in 0..k {
        r = r.checked_mul(n - i).ok_or_else(|| overflow(vm))?;
        if comb {
            r /= i + 1;
        }
    }
    ok(Value::Int(r))
}

fn m_comb(vm: &mut Vm, _: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    comb_perm(vm, &a, "comb", true)
}

fn m_perm(vm: &mut Vm, _: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    comb_perm(vm, &a, "perm", false)
}

fn m_trunc(vm: &mut Vm, _: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    int_round(vm, "trunc", a, f64::trunc)
}

fn m_log(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "log", &args, 1, 2)?;
    let x = float_arg(vm, "log", &args, 0)?;
    if x <= 0.0 {
        return Err(vm.error("ValueError", "math domain error"));
    }
    let r = match args.get(1) {
        Some(_) => x.ln() / float_arg(vm, "log", &args, 1)?.ln(),
        None => x.ln(),
    };
    ok(Value::Float(r))
}

fn int_round(vm: &mut Vm, name: &str, args: Vec<Value>, f: fn(f64) -> f64) -> BResult {
    arity(vm, name, &args, 1, 1)?;
    if let Value::Int(i) = args[0] {
        return ok(Value::Int(i));
    }
    let x = float_arg(vm, name, &args, 0)?;
    if !x.is_finite() {
        return Err(vm.error("OverflowError", "cannot convert float infinity to integer"));
    }
    ok(Value::Int(f(x) as i64))
}

fn m_floor(vm: &mut Vm, _: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    int_round(vm, "floor", a, f64::floor)
}

fn m_ceil(vm: &mut Vm, _: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    int_round(vm, "ceil", a, f64::ceil)
}

fn m_atan2(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "atan2", &args, 2, 2)?;
    let (y, x) = (
        float_arg(vm, "atan2", &args, 0)?,
        float_arg(vm, "atan2", &args, 1)?,
    );
    ok(Value::Float(y.atan2(x)))
}

fn m_hypot(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    let mut sum = 0.0f64;
    for i in 0..args.len() {
        let x = float_arg(vm, "hypot", &args, i)?;
        sum = sum.hypot(x);
    }
    ok(Value::Float(sum))
}

fn m_gcd(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    let mut g: i64 = 0;
    for a in args {
        let mut b = expect_int(vm, a, "")?.abs();
        let mut a2 = g;
        while b != 0 {
            (a2, b) = (b, a2 % b);
        }
        g = a2;
    }
    ok(Value::Int(g))
}

fn m_factorial(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "factorial", &args, 1, 1)?;
    let n = expect_int(vm, args[0], "")?;
    if n < 0 {
        return Err(vm.error("ValueError", "factorial() not defined for negative values"));
    }
    let mut r: i64 = 1;
    for i in 2..=n {
        r = r.checked_mul(i).ok_or_else(|| overflow(vm))?;
    }
    ok(Value::Int(r))
}

fn m_isclose(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    arity(vm, "isclose", &args, 2, 2)?;
    let (a, b) = (
        float_arg(vm, "isclose", &args, 0)?,
        float_arg(vm, "isclose", &args, 1)?,
    );
    let rel = kwarg(&kwargs, "rel_tol").and_then(to_f64).unwrap_or(1e-9);
    let abs = kwarg(&kwargs, "abs_tol").and_then(to_f64).unwrap_or(0.0);
    ok(Value::Bool(
        a == b || (a - b).abs() <= (rel * a.abs().max(b.abs())).max(abs),
    ))
}

fn r_seed(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "seed", &args, 0, 1)?;
    let seed = match args.first() {
        None | Some(Value::None) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as i64),
        Some(Value::Int(i)) => *i,
        Some(Value::Bool(b)) => *b as i64,
        Some(other) => {
            let t = type_name(vm, *other);
            return Err(vm.error(
                "NotImplementedError",
                format!("random.seed() with a {t} is not supported by Shoal's script language yet; use an int"),
            ));
        }
    };
    vm.rng = crate::random::Mt::from_seed(seed);
    none()
}

fn r_random(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "random", &args, 0, 0)?;
    ok(Value::Float(vm.rng.random()))
}

fn r_getrandbits(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "getrandbits", &args, 1, 1)?;
    let k = expect_int(vm, args[0], "")?;
    if !(0..=62).contains(&k) {
        return Err(vm.error(
            "ValueError",
            "number of bits must be between 0 and 62 in Shoal",
        ));
    }
    ok(Value::Int(vm.rng.getrandbits(k as u32) as i64))
}

fn randrange(vm: &mut Vm, start: i64, stop: Option<i64>, step: i64) -> Result<i64, Exc> {
    let Some(stop) = stop else {
        if start > 0 {
            return Ok(vm.rng.below(start as u64) as i64);
        }
        return Err(vm.error("ValueError", "empty range for randrange()"));
    };
    let width = stop - start;
    if step == 1 {
        if width > 0 {
            return Ok(start + vm.rng.below(width as u64) as i64);
        }
        return Err(vm.error(
            "ValueError",
            format!("empty range for randrange() ({start}, {stop}, {width})"),
        ));
    }
    if step == 0 {
        return Err(vm.error("ValueError", "zero step for randrange()"));
    }
    let n = if step > 0 {
        (width + step - 1) / step
    } else {
        (width + step + 1) / step
    };
    if n <= 0 {
        return Err(vm.error("ValueError", "empty range for randrange()"));
    }
    Ok(start + step * vm.rng.below(n as u64) as i64)
}

fn r_randrange(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "randrange", &args, 1, 3)?;
    let mut n = Vec::new();
    for a in &args {
        n.push(expect_int(vm, *a, "")?);
    }
    let r = randrange(vm, n[0], n.get(1).copied(), n.get(2).copied().unwrap_or(1))?;
    ok(Value::Int(r))
}

fn r_randint(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "randint", &args, 2, 2)?;
    let (a, b) = (expect_int(vm, args[0], "")?, expect_int(vm, args[1], "")?);
    let r = randrange(vm, a, Some(b + 1), 1)?;
    ok(Value::Int(r))
}

fn r_choice(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "choice", &args, 1, 1)?;
    let items = collect(vm, args[0])?;
    if items.is_empty() {
        return Err(vm.error("IndexError", "Cannot choose from an empty sequence"));
    }
    let i = vm.rng.below(items.len() as u64) as usize;
    ok(items[i])
}

fn r_shuffle(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "shuffle", &args, 1, 1)?;
    let Value::Obj(id) = args[0] else {
        return Err(type_err(vm, "shuffle() needs a list"));
    };
    let mut items = match vm.heap.get(id) {
        Obj::List(items) => items.clone(),
        _ => return Err(type_err(vm, "shuffle() needs a list")),
    };
    for i in (1..items.len()).rev() {
        let j = vm.rng.below(i as u64 + 1) as usize;
        items.swap(i, j);
    }
    if let Obj::List(l) = vm.heap.get_mut(id) {
        *l = items;
    }
    none()
}

fn r_uniform(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "uniform", &args, 2, 2)?;
    let (a, b) = (
        float_arg(vm, "uniform", &args, 0)?,
        float_arg(vm, "uniform", &args, 1)?,
    );
    let r = vm.rng.random();
    ok(Value::Float(a + (b - a) * r))
}

fn r_sample(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    arity(vm, "sample", &args, 1, 2)?;
    let population = collect(vm, args[0])?;
    let k = match args.get(1).copied().or(kwarg(&kwargs, "k")) {
        Some(v) => expect_int(vm, v, "")?,
        None => {
            return Err(type_err(
                vm,
                "sample() missing 1 required positional argument: 'k'",
            ));
        }
    };
    let n = population.len();
    if k < 0 || k as usize > n {
        return Err(vm.error("ValueError", "Sample larger than population or is negative"));
    }
    let k = k as usize;
    let mut setsize = 21usize;
    if k > 5 {
        setsize += 4usize.pow(((k * 3) as f64).log(4.0).ceil() as u32);
    }
    let mut result = Vec::with_capacity(k);
    if n <= setsize {
        let mut pool = population.clone();
        for i in 0..k {
            let j = vm.rng.below((n - i) as u64) as usize;
            result.push(pool[j]);
            pool[j] = pool[n - i - 1];
        }
    } else {
        let mut selected = std::collections::BTreeSet::new();
        for _ in 0..k {
            let mut j = vm.rng.below(n as u64) as usize;
            while selected.contains(&j) {
                j = vm.rng.below(n as u64) as usize;
            }
            selected.insert(j);
            result.push(population[j]);
        }
    }
    ok(new_list(vm, result))
}

fn sys_exit(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "exit", &args, 0, 1)?;
    let class = vm.exc_class("SystemExit");
    Err(vm.instantiate_exception(class, args))
}

fn t_time(_: &mut Vm, _: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0);
    ok(Value::Float(now))
}

fn t_perf_counter(_: &mut Vm, _: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    ok(Value::Float(
        START
            .get_or_init(std::time::Instant::now)
            .elapsed()
            .as_secs_f64(),
    ))
}

fn t_sleep(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "sleep", &args, 1, 1)?;
    let secs = float_arg(vm, "sleep", &args, 0)?;
    if secs < 0.0 {
        return Err(vm.error("ValueError", "sleep length must be non-negative"));
    }
    let _ = vm.out.flush();
    std::thread::sleep(std::time::Duration::from_secs_f64(secs.min(3600.0)));
    none()
}
