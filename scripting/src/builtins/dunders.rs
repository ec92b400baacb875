//! The dunder methods of the built-in types (`[].__len__()`,
//! `str.__add__`, `object.__eq__`...): each is the operation itself
//! (`len`, `+`, `==`...) called as a method, answering NotImplemented
//! where CPython's does. Which type has which is the table in
//! [`natives`], after CPython 3.11's `dir()` of each type. Instances of
//! script classes fall back on `object`'s.

use super::*;

fn this(recv: Option<Value>) -> Value {
    recv.unwrap_or(Value::None)
}

/// The `NotImplemented` singleton.
fn not_implemented_value(vm: &Vm) -> Value {
    vm.builtins
        .get("NotImplemented")
        .copied()
        .unwrap_or(Value::None)
}

/// Which values compare with which (`[1] == [1]` but `[1].__eq__((1,))`
/// is NotImplemented): 0 for those compared by identity only.
fn family(vm: &Vm, v: Value) -> u8 {
    match TypeKind::of(vm, v) {
        TypeKind::Str => 1,
        TypeKind::Bytes | TypeKind::ByteArray => 2,
        TypeKind::List => 3,
        TypeKind::Tuple => 4,
        TypeKind::Dict => 5,
        TypeKind::Set | TypeKind::FrozenSet => 6,
        TypeKind::Range => 7,
        TypeKind::Int | TypeKind::Bool | TypeKind::Float => 8,
        _ => 0,
    }
}

/// `a.__eq__(b)` and the other rich comparisons.
fn rich(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, op: CmpOp) -> BResult {
    let name = compare_dunders(op).map_or("__eq__", |(n, _)| n);
    arity(vm, name, &args, 1, 1)?;
    let (a, b) = (this(recv), args[0]);
    let fa = family(vm, a);
    let ordering = !matches!(op, CmpOp::Eq | CmpOp::NotEq);
    // Dicts and ranges only test equality; other objects only identity.
    if fa == 0 || fa != family(vm, b) || (ordering && matches!(fa, 5 | 7)) {
        return ok(match op {
            CmpOp::Eq if same(a, b) => Value::Bool(true),
            CmpOp::NotEq if same(a, b) => Value::Bool(false),
            _ => not_implemented_value(vm),
        });
    }
    ok(Value::Bool(compare(vm, op, a, b)?))
}

macro_rules! comparisons {
    ($($f:ident => $op:expr;)*) => {$(
        pub(crate) fn $f(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
            rich(vm, recv, args, $op)
        }
    )*};
}

comparisons! {
    d_eq => CmpOp::Eq;
    d_ne => CmpOp::NotEq;
    d_lt => CmpOp::Lt;
    d_le => CmpOp::LtE;
    d_gt => CmpOp::Gt;
    d_ge => CmpOp::GtE;
}

/// Whether the numeric-protocol operator of `recv`'s type takes `other`
/// (dicts take dicts, sets take sets; `str.__rmod__` takes a str).
fn takes(vm: &Vm, recv: Value, other: Value, op: BinOp, reflected: bool) -> bool {
    match TypeKind::of(vm, recv) {
        TypeKind::Dict => TypeKind::of(vm, other) == TypeKind::Dict,
        TypeKind::Set | TypeKind::FrozenSet => as_set(vm, other).is_some(),
        kind if op == BinOp::Mod && reflected => TypeKind::of(vm, other) == kind,
        _ => true,
    }
}

/// `a.__add__(b)` and the other binary operators (`reflected`: `b op a`;
/// `inplace`: `a op= b`).
fn operator(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    op: BinOp,
    reflected: bool,
    inplace: bool,
) -> BResult {
    let (name, rname, iname) = dunder_names(op);
    let name = if inplace {
        iname
    } else if reflected {
        rname
    } else {
        name
    };
    arity(vm, name, &args, 1, 1)?;
    let (me, other) = (this(recv), args[0]);
    if !takes(vm, me, other, op, reflected) {
        return ok(not_implemented_value(vm));
    }
    // A sequence's repeat count must be an int.
    let sequence = matches!(
        TypeKind::of(vm, me),
        TypeKind::Str | TypeKind::Bytes | TypeKind::ByteArray | TypeKind::List | TypeKind::Tuple
    );
    if op == BinOp::Mul && sequence && !matches!(other, Value::Int(_) | Value::Bool(_)) {
        let t = type_name(vm, other);
        return Err(type_err(
            vm,
            format!("'{t}' object cannot be interpreted as an integer"),
        ));
    }
    let (a, b) = if reflected { (other, me) } else { (me, other) };
    ok(builtin_binary(vm, op, a, b, inplace)?)
}

macro_rules! operators {
    ($($f:ident => $op:expr, $reflected:expr, $inplace:expr;)*) => {$(
        pub(crate) fn $f(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
            operator(vm, recv, args, $op, $reflected, $inplace)
        }
    )*};
}

operators! {
    d_add => BinOp::Add, false, false;
    d_iadd => BinOp::Add, false, true;
    d_mul => BinOp::Mul, false, false;
    d_rmul => BinOp::Mul, true, false;
    d_imul => BinOp::Mul, false, true;
    d_mod => BinOp::Mod, false, false;
    d_rmod => BinOp::Mod, true, false;
    d_or => BinOp::BitOr, false, false;
    d_ror => BinOp::BitOr, true, false;
    d_ior => BinOp::BitOr, false, true;
    d_and => BinOp::BitAnd, false, false;
    d_rand => BinOp::BitAnd, true, false;
    d_iand => BinOp::BitAnd, false, true;
    d_sub => BinOp::Sub, false, false;
    d_rsub => BinOp::Sub, true, false;
    d_isub => BinOp::Sub, false, true;
    d_xor => BinOp::BitXor, false, false;
    d_rxor => BinOp::BitXor, true, false;
    d_ixor => BinOp::BitXor, false, true;
}

/// A dunder that is a built-in function of its receiver and arguments.
macro_rules! calls {
    ($($f:ident => $name:literal, $min:expr, $max:expr, $target:expr;)*) => {$(
        pub(crate) fn $f(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
            arity(vm, $name, &args, $min, $max)?;
            let mut full = Vec::with_capacity(args.len() + 1);
            full.push(this(recv));
            full.extend(args);
            $target(vm, None, full, Kwargs::new())
        }
    )*};
}

calls! {
    d_len => "__len__", 0, 0, b_len;
    d_iter => "__iter__", 0, 0, b_iter;
    d_next => "__next__", 0, 0, b_next;
    d_reversed => "__reversed__", 0, 0, b_reversed;
    d_format => "__format__", 1, 1, b_format;
    d_getattribute => "__getattribute__", 1, 1, b_getattr;
}

/// `__repr__`: `repr(x)`, or `object.__repr__` of an instance (its
/// class's `__repr__` is found before this one).
pub(crate) fn d_repr(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "__repr__", &args, 0, 0)?;
    let x = this(recv);
    if is_instance(vm, x) {
        let s = own_repr(vm, x)?;
        return ok(new_str(vm, &s));
    }
    b_repr(vm, None, vec![x], Kwargs::new())
}

/// `__hash__`: `hash(x)`, or `object.__hash__` (by identity) of an
/// instance whose class defines `__eq__` or `__hash__`.
pub(crate) fn d_hash(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    use std::hash::{Hash, Hasher};
    arity(vm, "__hash__", &args, 0, 0)?;
    let x = this(recv);
    if let Value::Obj(id) = x
        && is_instance(vm, x)
        && (crate::classes::dunder(vm, x, "__eq__").is_some()
            || crate::classes::dunder(vm, x, "__hash__").is_some())
    {
        // What hash() gives an instance hashed by identity.
        let mut h = rustc_hash::FxHasher::default();
        Key::Id(id).hash(&mut h);
        return ok(Value::Int((h.finish() >> 1) as i64));
    }
    b_hash(vm, None, vec![x], Kwargs::new())
}

pub(crate) fn d_str(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "__str__", &args, 0, 0)?;
    let x = this(recv);
    // `object.__str__` of an instance is its repr (its class's
    // `__str__` is found before this one).
    if is_instance(vm, x) {
        return b_repr(vm, None, vec![x], Kwargs::new());
    }
    let s = str_of(vm, x)?;
    ok(new_str(vm, &s))
}

pub(crate) fn d_contains(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "__contains__", &args, 1, 1)?;
    ok(Value::Bool(compare(vm, CmpOp::In, args[0], this(recv))?))
}

pub(crate) fn d_getitem(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "__getitem__", &args, 1, 1)?;
    ok(subscript(vm, this(recv), args[0])?)
}

pub(crate) fn d_setitem(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "__setitem__", &args, 2, 2)?;
    store_subscript(vm, this(recv), args[0], args[1])?;
    none()
}

pub(crate) fn d_delitem(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "__delitem__", &args, 1, 1)?;
    delete_subscript(vm, this(recv), args[0])?;
    none()
}

pub(crate) fn d_bool(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "__bool__", &args, 0, 0)?;
    ok(Value::Bool(truthy(vm, this(recv))))
}

pub(crate) fn d_dir(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "__dir__", &args, 0, 0)?;
    let names = dir_names(vm, this(recv));
    let items = names.iter().map(|n| new_str(vm, n)).collect();
    ok(new_list(vm, items))
}

/// `__getnewargs__` of str, bytes and tuple: `(copy,)`.
pub(crate) fn d_getnewargs(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "__getnewargs__", &args, 0, 0)?;
    let x = this(recv);
    let copy = match x {
        Value::Obj(id) => match vm.heap.get(id).clone() {
            Obj::Tuple(items) => new_tuple(vm, items),
            Obj::Bytes(b) => crate::files::new_bytes(vm, b.to_vec()),
            _ => x,
        },
        _ => x,
    };
    ok(new_tuple(vm, vec![copy]))
}

/// `bytes.__bytes__()`: the bytes themselves.
pub(crate) fn d_bytes(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "__bytes__", &args, 0, 0)?;
    ok(this(recv))
}

/// `__length_hint__` of an iterator: how many items are left, where
/// that is known without running anything.
pub(crate) fn d_length_hint(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "__length_hint__", &args, 0, 0)?;
    let Value::Obj(id) = this(recv) else {
        return ok(not_implemented_value(vm));
    };
    let left = match vm.heap.get(id) {
        Obj::Iter(Iter::Seq { seq, index }) => match vm.heap.get(*seq) {
            Obj::List(items) | Obj::Tuple(items) => Some(items.len().saturating_sub(*index)),
            _ => None,
        },
        Obj::Iter(Iter::Values { items, index }) => Some(items.len().saturating_sub(*index)),
        Obj::Iter(Iter::Range { next, stop, step }) => {
            Some(range_len(*next, *stop, *step) as usize)
        }
        Obj::Iter(Iter::Dict { dict, index, .. }) => match vm.heap.get(*dict) {
            Obj::Dict(d) => Some(d.len().saturating_sub(*index)),
            Obj::Set(s) => Some(s.members_from(*index)),
            _ => None,
        },
        _ => None,
    };
    ok(left.map_or_else(|| not_implemented_value(vm), |n| Value::Int(n as i64)))
}

/// `__init__` of a built-in value: a list or set starts again from the
/// iterable, a dict is updated; the immutable types take anything.
pub(crate) fn d_init(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> BResult {
    let x = this(recv);
    let kind = TypeKind::of(vm, x);
    match kind {
        TypeKind::List | TypeKind::Set | TypeKind::ByteArray => {
            no_kwargs(vm, kind.name(), &kwargs)?;
            arity(vm, kind.name(), &args, 0, 1)?;
            let fresh = construct(vm, kind, args, Kwargs::new())?;
            let (Value::Obj(target), Value::Obj(source)) = (x, fresh) else {
                return none();
            };
            let made = vm.heap.get(source).clone();
            match (vm.heap.get_mut(target), made) {
                (Obj::Set(t), Obj::Set(s)) => t.replace_members(s),
                (slot, made) => *slot = made,
            }
            none()
        }
        TypeKind::Dict => {
            arity(vm, "dict", &args, 0, 1)?;
            d_update(vm, recv, args, kwargs)?;
            none()
        }
        TypeKind::Object if is_instance(vm, x) => {
            // object.__init__ takes no arguments unless the class has an
            // `__init__` of its own (then it ignores them).
            let has_init = crate::classes::dunder(vm, x, "__init__").is_some()
                || crate::classes::dunder(vm, x, "__new__").is_some();
            if !has_init && (!args.is_empty() || !kwargs.is_empty()) {
                let t = type_name(vm, x);
                return Err(type_err(vm, format!("{t}() takes no arguments")));
            }
            none()
        }
        _ => none(),
    }
}

/// `T.__new__(T, *args)`: a new value of built-in type `T` (a mutable
/// one empty: `__init__` fills it).
pub(crate) fn d_new(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    let owner = match recv {
        Some(Value::Obj(id)) if matches!(vm.heap.get(id), Obj::Type(_)) => match vm.heap.get(id) {
            Obj::Type(k) => *k,
            _ => TypeKind::Object,
        },
        Some(v) => TypeKind::of(vm, v),
        None => TypeKind::Object,
    };
    let owner_name = if owner == TypeKind::Type {
        "type"
    } else {
        owner.name()
    };
    let Some((&cls, rest)) = args.split_first() else {
        return Err(type_err(
            vm,
            format!("{owner_name}.__new__(): not enough arguments"),
        ));
    };
    // A script class: a new instance (holding a value of the built-in
    // type it derives from), not yet initialised.
    if let Value::Obj(id) = cls
        && let Obj::Class(c) = vm.heap.get(id)
    {
        let native = c.native;
        let fits = match native {
            None => matches!(owner, TypeKind::Object | TypeKind::Type),
            Some(k) => k == owner || matches!(owner, TypeKind::Object | TypeKind::Type),
        };
        if !fits {
            let n = c.name.clone();
            return Err(type_err(
                vm,
                format!("{owner_name}.__new__({n}): {n} is not a subtype of {owner_name}"),
            ));
        }
        if native == Some(TypeKind::Type) {
            // `type.__new__(M, name, bases, ns, **kw)`: the class, then
            // its parents' `__init_subclass__(**kw)`.
            let made = crate::classes::new_instance(vm, id, rest.to_vec(), Kwargs::new())?;
            return match crate::classes::init_subclass_call(vm, made, kwargs)? {
                Some((f, args)) => Ok(crate::module::Native::CallThen(
                    f,
                    args,
                    crate::vm::Cont::Replace(Some(made)),
                )),
                None => ok(made),
            };
        }
        let made = crate::classes::new_instance(vm, id, rest.to_vec(), kwargs)?;
        return ok(made);
    }
    let kind = match cls {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Type(k) => Some(*k),
            _ => None,
        },
        _ => None,
    };
    let Some(kind) = kind else {
        let t = type_name(vm, cls);
        return Err(type_err(
            vm,
            format!("{owner_name}.__new__(X): X is not a type object ({t})"),
        ));
    };
    let sub = kind == owner
        || owner == TypeKind::Object
        || (owner == TypeKind::Int && kind == TypeKind::Bool);
    if !sub {
        let n = kind.name();
        return Err(type_err(
            vm,
            format!("{owner_name}.__new__({n}): {n} is not a subtype of {owner_name}"),
        ));
    }
    let args = match kind {
        TypeKind::List | TypeKind::Dict | TypeKind::Set | TypeKind::ByteArray => Vec::new(),
        _ => rest.to_vec(),
    };
    let kwargs = match kind {
        TypeKind::List | TypeKind::Dict | TypeKind::Set | TypeKind::ByteArray => Kwargs::new(),
        _ => kwargs,
    };
    ok(construct(vm, kind, args, kwargs)?)
}

/// `object.__getstate__()`: an instance's attributes as a dict (None
/// when it has none), None for the built-in values.
pub(crate) fn d_getstate(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "__getstate__", &args, 0, 0)?;
    let x = this(recv);
    let has_attrs = matches!(x, Value::Obj(id) if matches!(vm.heap.get(id), Obj::Instance(i) if !i.attrs.is_empty()));
    if has_attrs && let Some(d) = dict_attr(vm, x) {
        return ok(d);
    }
    none()
}

/// `T.__init_subclass__()`: nothing to do.
pub(crate) fn d_init_subclass(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> BResult {
    base_init_subclass(vm, recv, args, kwargs)
}

/// `T.__subclasshook__(C)`: NotImplemented (the usual check decides).
pub(crate) fn d_subclasshook(
    vm: &mut Vm,
    _: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "__subclasshook__", &args, 1, 1)?;
    ok(not_implemented_value(vm))
}

/// The dunder methods every built-in type here has (`object`'s).
const OBJECT: [(&str, crate::module::NativeFn); 16] = [
    ("__delattr__", object_delattr),
    ("__getstate__", d_getstate),
    ("__dir__", d_dir),
    ("__eq__", d_eq),
    ("__format__", d_format),
    ("__ge__", d_ge),
    ("__getattribute__", d_getattribute),
    ("__gt__", d_gt),
    ("__init__", d_init),
    ("__le__", d_le),
    ("__lt__", d_lt),
    ("__ne__", d_ne),
    ("__repr__", d_repr),
    ("__setattr__", object_setattr),
    ("__str__", d_str),
    ("__hash__", d_hash),
];

/// The class methods every built-in type here has.
const OBJECT_CLASS: [(&str, crate::module::NativeFn); 3] = [
    ("__new__", d_new),
    ("__init_subclass__", d_init_subclass),
    ("__subclasshook__", d_subclasshook),
];

/// Each type's own dunders, after CPython 3.11's `dir()`.
fn own(kind: TypeKind) -> &'static [(&'static str, crate::module::NativeFn)] {
    use TypeKind as T;
    match kind {
        T::Str => &[
            ("__add__", d_add),
            ("__contains__", d_contains),
            ("__getitem__", d_getitem),
            ("__getnewargs__", d_getnewargs),
            ("__iter__", d_iter),
            ("__len__", d_len),
            ("__mod__", d_mod),
            ("__mul__", d_mul),
            ("__rmod__", d_rmod),
            ("__rmul__", d_rmul),
        ],
        T::Bytes => &[
            ("__add__", d_add),
            ("__bytes__", d_bytes),
            ("__contains__", d_contains),
            ("__getitem__", d_getitem),
            ("__getnewargs__", d_getnewargs),
            ("__iter__", d_iter),
            ("__len__", d_len),
            ("__mod__", d_mod),
            ("__mul__", d_mul),
            ("__rmod__", d_rmod),
            ("__rmul__", d_rmul),
        ],
        T::ByteArray => &[
            ("__add__", d_add),
            ("__contains__", d_contains),
            ("__delitem__", d_delitem),
            ("__getitem__", d_getitem),
            ("__iadd__", d_iadd),
            ("__imul__", d_imul),
            ("__iter__", d_iter),
            ("__len__", d_len),
            ("__mod__", d_mod),
            ("__mul__", d_mul),
            ("__rmod__", d_rmod),
            ("__rmul__", d_rmul),
            ("__setitem__", d_setitem),
        ],
        T::List => &[
            ("__add__", d_add),
            ("__contains__", d_contains),
            ("__delitem__", d_delitem),
            ("__getitem__", d_getitem),
            ("__iadd__", d_iadd),
            ("__imul__", d_imul),
            ("__iter__", d_iter),
            ("__len__", d_len),
            ("__mul__", d_mul),
            ("__reversed__", d_reversed),
            ("__rmul__", d_rmul),
            ("__setitem__", d_setitem),
        ],
        T::Tuple => &[
            ("__add__", d_add),
            ("__contains__", d_contains),
            ("__getitem__", d_getitem),
            ("__getnewargs__", d_getnewargs),
            ("__iter__", d_iter),
            ("__len__", d_len),
            ("__mul__", d_mul),
            ("__rmul__", d_rmul),
        ],
        T::Dict => &[
            ("__contains__", d_contains),
            ("__delitem__", d_delitem),
            ("__getitem__", d_getitem),
            ("__ior__", d_ior),
            ("__iter__", d_iter),
            ("__len__", d_len),
            ("__or__", d_or),
            ("__reversed__", d_reversed),
            ("__ror__", d_ror),
            ("__setitem__", d_setitem),
        ],
        T::Set => &[
            ("__and__", d_and),
            ("__contains__", d_contains),
            ("__iand__", d_iand),
            ("__ior__", d_ior),
            ("__isub__", d_isub),
            ("__iter__", d_iter),
            ("__ixor__", d_ixor),
            ("__len__", d_len),
            ("__or__", d_or),
            ("__rand__", d_rand),
            ("__ror__", d_ror),
            ("__rsub__", d_rsub),
            ("__rxor__", d_rxor),
            ("__sub__", d_sub),
            ("__xor__", d_xor),
        ],
        T::FrozenSet => &[
            ("__and__", d_and),
            ("__contains__", d_contains),
            ("__iter__", d_iter),
            ("__len__", d_len),
            ("__or__", d_or),
            ("__rand__", d_rand),
            ("__ror__", d_ror),
            ("__rsub__", d_rsub),
            ("__rxor__", d_rxor),
            ("__sub__", d_sub),
            ("__xor__", d_xor),
        ],
        T::Range => &[
            ("__bool__", d_bool),
            ("__contains__", d_contains),
            ("__getitem__", d_getitem),
            ("__iter__", d_iter),
            ("__len__", d_len),
            ("__reversed__", d_reversed),
        ],
        T::Generator => &[("__iter__", d_iter), ("__next__", d_next)],
        T::Iterator => &[
            ("__iter__", d_iter),
            ("__length_hint__", d_length_hint),
            ("__next__", d_next),
        ],
        _ => &[],
    }
}

/// The built-in types that have these dunders (int, float and bool get
/// theirs with their own methods).
const KINDS: [TypeKind; 13] = [
    TypeKind::Object,
    TypeKind::Str,
    TypeKind::Bytes,
    TypeKind::ByteArray,
    TypeKind::List,
    TypeKind::Tuple,
    TypeKind::Dict,
    TypeKind::Set,
    TypeKind::FrozenSet,
    TypeKind::Range,
    TypeKind::Generator,
    TypeKind::Coroutine,
    TypeKind::Iterator,
];

/// Whether values of `kind` have no hash (their `__hash__` is None).
pub(crate) fn unhashable(kind: TypeKind) -> bool {
    matches!(
        kind,
        TypeKind::List | TypeKind::Dict | TypeKind::Set | TypeKind::ByteArray
    )
}

/// The dunder methods of the built-in types.
pub(crate) fn natives() -> NativeModule {
    let mut m = NativeModule::part("dunders");
    for kind in KINDS {
        for (name, f) in OBJECT {
            if name == "__hash__" && unhashable(kind) {
                continue;
            }
            m = m.method(kind, name, f);
        }
        for (name, f) in OBJECT_CLASS {
            m = m.native(Owner::ClassMethod(kind), name, f);
        }
        for (name, f) in own(kind) {
            m = m.method(kind, name, *f);
        }
    }
    // Numbers have object's methods too, but their own comparisons
    // (`numbers.rs`: an int answers NotImplemented to a float).
    for kind in [TypeKind::Int, TypeKind::Bool, TypeKind::Float] {
        for (name, f) in OBJECT {
            if !matches!(
                name,
                "__eq__" | "__ne__" | "__lt__" | "__le__" | "__gt__" | "__ge__"
            ) {
                m = m.method(kind, name, f);
            }
        }
        for (name, f) in OBJECT_CLASS {
            m = m.native(Owner::ClassMethod(kind), name, f);
        }
    }
    m
}
