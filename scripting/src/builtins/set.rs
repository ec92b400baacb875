//! `set` and `frozenset`: their methods and operators, each built as
//! CPython builds its result (which set is walked, which table is filled
//! and when it grows), so results iterate in CPython's order (see
//! [`crate::set_table`]).

use super::*;
use crate::set_table::SetTable;

/// The table of set `id`.
pub(crate) fn table(vm: &Vm, id: ObjId) -> &SetTable {
    match vm.heap.get(id) {
        Obj::Set(s) => s,
        _ => unreachable!("set methods are bound to sets"),
    }
}

fn table_mut(vm: &mut Vm, id: ObjId) -> &mut SetTable {
    match vm.heap.get_mut(id) {
        Obj::Set(s) => s,
        _ => unreachable!("set methods are bound to sets"),
    }
}

fn recv_set(recv: Option<Value>) -> ObjId {
    match recv {
        Some(Value::Obj(id)) => id,
        _ => unreachable!("methods are bound to their receiver"),
    }
}

/// The set or frozenset `v`, if it is one.
pub(crate) fn as_set(vm: &Vm, v: Value) -> Option<ObjId> {
    match v {
        Value::Obj(id) if matches!(vm.heap.get(id), Obj::Set(_)) => Some(id),
        _ => None,
    }
}

/// A new set (or frozenset) object holding `t`.
pub(crate) fn new_set(vm: &mut Vm, t: SetTable) -> Value {
    Value::Obj(vm.heap.alloc(Obj::Set(t)))
}

/// Runs `f` on set `id`'s table taken out of the heap (so that other
/// objects can be read meanwhile), counting what it grew by.
fn with_table<R>(vm: &mut Vm, id: ObjId, f: impl FnOnce(&mut Vm, &mut SetTable) -> R) -> R {
    let mut t = std::mem::take(table_mut(vm, id));
    let before = t.bytes();
    let r = f(vm, &mut t);
    let after = t.bytes();
    *table_mut(vm, id) = t;
    if after > before {
        vm.heap.grew(after - before);
    }
    r
}

/// The key a set looks `v` up by: a set stands for the frozenset of its
/// members (`{1} in {frozenset({1})}`), as in CPython.
pub(crate) fn member_key(vm: &mut Vm, v: Value) -> Result<Key, Exc> {
    if let Some(id) = as_set(vm, v) {
        return Ok(table(vm, id).frozen_key());
    }
    key_of(vm, v)
}

/// The other operand of a set operation, as CPython tells them apart.
enum Other {
    /// A set or frozenset.
    Set(ObjId),
    /// A dict's keys (with their values as keys).
    Dict(Vec<(Key, Value)>),
    /// Any other iterable's items.
    Items(Vec<(Key, Value)>),
}

fn other_of(vm: &mut Vm, v: Value) -> Result<Other, Exc> {
    if let Some(id) = as_set(vm, v) {
        return Ok(Other::Set(id));
    }
    if let Value::Obj(id) = v
        && let Obj::Dict(d) = vm.heap.get(id)
    {
        let keys = d.iter().map(|(k, (kv, _))| (k.clone(), *kv)).collect();
        return Ok(Other::Dict(keys));
    }
    let items = collect(vm, v)?;
    let mut keys = Vec::with_capacity(items.len());
    for item in items {
        keys.push((key_to_insert(vm, item)?, item));
    }
    Ok(Other::Items(keys))
}

/// CPython's `set_update_internal`: adds `other`'s members to `t`.
fn update_table(vm: &Vm, t: &mut SetTable, other: &Other) {
    match other {
        Other::Set(o) => t.merge(table(vm, *o)),
        Other::Dict(keys) => t.extend_from_dict(keys.iter().cloned()),
        Other::Items(keys) => {
            for (k, v) in keys {
                t.add(k.clone(), *v);
            }
        }
    }
}

/// `{*iterable}` in a set display: `set.update(iterable)` of the set
/// being built.
pub(crate) fn set_update_with(vm: &mut Vm, target: Value, iterable: Value) -> Result<(), Exc> {
    let Some(id) = as_set(vm, target) else {
        return Ok(());
    };
    let other = other_of(vm, iterable)?;
    if !matches!(other, Other::Set(o) if o == id) {
        with_table(vm, id, |vm, t| update_table(vm, t, &other));
    }
    Ok(())
}

/// A new set or frozenset (`frozen`) of `iterable`'s members.
pub(crate) fn make_set_of(vm: &mut Vm, iterable: Value, frozen: bool) -> Result<Value, Exc> {
    let other = other_of(vm, iterable)?;
    let mut t = if frozen {
        SetTable::new_frozen()
    } else {
        SetTable::new()
    };
    update_table(vm, &mut t, &other);
    vm.reserve(t.bytes())?;
    Ok(new_set(vm, t))
}

/// `set(iterable)`.
pub(crate) fn make_set(vm: &mut Vm, iterable: Value) -> Result<Value, Exc> {
    make_set_of(vm, iterable, false)
}

/// A copy of set `s` as `s.copy()` lays it out (a frozenset stays one).
fn copy_of(vm: &Vm, s: ObjId) -> SetTable {
    table(vm, s).copy()
}

/// CPython's `set_intersection` of `mine` (a set's table) and `other`.
fn intersection(vm: &Vm, mine: &SetTable, other: &Other) -> SetTable {
    let mut r = SetTable::new();
    r.set_frozen(mine.is_frozen());
    match other {
        Other::Set(o) => {
            let theirs = table(vm, *o);
            if std::ptr::eq(theirs, mine) {
                return mine.copy();
            }
            let (big, small) = if theirs.len() > mine.len() {
                (theirs, mine)
            } else {
                (mine, theirs)
            };
            for e in small.entries() {
                if big.contains_hashed(&e.key, e.hash) {
                    r.add_copy(e);
                }
            }
        }
        Other::Dict(keys) | Other::Items(keys) => {
            for (k, v) in keys {
                if mine.contains(k) {
                    r.add(k.clone(), *v);
                    if r.len() >= mine.len() {
                        break;
                    }
                }
            }
        }
    }
    r
}

/// `intersection(*others)`: each other in turn, as CPython chains them.
fn intersection_multi(vm: &Vm, s: ObjId, others: &[Other]) -> SetTable {
    let Some((first, rest)) = others.split_first() else {
        return copy_of(vm, s);
    };
    let mut r = intersection(vm, table(vm, s), first);
    for other in rest {
        r = intersection(vm, &r, other);
    }
    r
}

/// CPython's `set_difference_update_internal` on `t`, the table of set
/// `s` taken out.
fn difference_update(vm: &Vm, s: ObjId, t: &mut SetTable, other: &Other) {
    match other {
        Other::Set(o) if *o == s => {
            t.clear();
            return;
        }
        Other::Set(o) => {
            let theirs = table(vm, *o);
            if theirs.len() >> 3 > t.len() {
                let common = intersection(vm, t, other);
                for e in common.entries() {
                    t.discard_hashed(&e.key, e.hash);
                }
            } else {
                for e in theirs.entries() {
                    t.discard_hashed(&e.key, e.hash);
                }
            }
        }
        Other::Dict(keys) | Other::Items(keys) => {
            for (k, _) in keys {
                t.discard(k);
            }
        }
    }
    t.shrink_after_removals();
}

/// CPython's `set_difference`.
fn difference(vm: &Vm, s: ObjId, other: &Other) -> SetTable {
    let mine = table(vm, s);
    let other_len = match other {
        Other::Set(o) => table(vm, *o).len(),
        Other::Dict(keys) => keys.len(),
        Other::Items(_) => usize::MAX,
    };
    if other_len == usize::MAX || mine.len() >> 2 > other_len {
        let mut r = copy_of(vm, s);
        difference_update(vm, s, &mut r, other);
        return r;
    }
    let mut r = SetTable::new();
    r.set_frozen(mine.is_frozen());
    match other {
        Other::Set(o) => {
            let theirs = table(vm, *o);
            for e in mine.entries() {
                if !theirs.contains_hashed(&e.key, e.hash) {
                    r.add_copy(e);
                }
            }
        }
        Other::Dict(keys) | Other::Items(keys) => {
            let theirs: std::collections::HashSet<&Key, rustc_hash::FxBuildHasher> =
                keys.iter().map(|(k, _)| k).collect();
            for e in mine.entries() {
                if !theirs.contains(&e.key) {
                    r.add_copy(e);
                }
            }
        }
    }
    r
}

/// CPython's `set_symmetric_difference_update` on `t`, the table of set
/// `s` taken out.
fn symmetric_difference_update(vm: &Vm, s: ObjId, t: &mut SetTable, other: &Other) {
    match other {
        Other::Set(o) if *o == s => t.clear(),
        Other::Set(o) => {
            for e in table(vm, *o).entries() {
                t.toggle(e);
            }
        }
        Other::Dict(keys) => {
            for (k, v) in keys {
                if t.discard(k).is_none() {
                    t.add(k.clone(), *v);
                }
            }
        }
        Other::Items(_) => {
            let mut theirs = SetTable::new();
            update_table(vm, &mut theirs, other);
            for e in theirs.entries() {
                t.toggle(e);
            }
        }
    }
}

/// CPython's `set_symmetric_difference`: a set of `other`, toggled by
/// the members of `s`.
fn symmetric_difference(vm: &Vm, s: ObjId, other: &Other) -> SetTable {
    let mut r = SetTable::new();
    update_table(vm, &mut r, other);
    r.set_frozen(table(vm, s).is_frozen());
    for e in table(vm, s).entries() {
        r.toggle(e);
    }
    r
}

/// CPython's `set_union`: a copy of `s` updated by each other.
fn union(vm: &Vm, s: ObjId, others: &[Other]) -> SetTable {
    let mut r = copy_of(vm, s);
    for other in others {
        if matches!(other, Other::Set(o) if *o == s) {
            continue;
        }
        update_table(vm, &mut r, other);
    }
    r
}

fn is_subset(a: &SetTable, b: &SetTable) -> bool {
    a.len() <= b.len() && a.entries().all(|e| b.contains_hashed(&e.key, e.hash))
}

/// `a <= b` for set `a` and any `other`.
fn subset_of(vm: &Vm, a: ObjId, other: &Other) -> bool {
    match other {
        Other::Set(o) => is_subset(table(vm, a), table(vm, *o)),
        Other::Dict(keys) | Other::Items(keys) => {
            let mut theirs = SetTable::new();
            for (k, v) in keys {
                theirs.add(k.clone(), *v);
            }
            is_subset(table(vm, a), &theirs)
        }
    }
}

/// `a >= b` for set `a` and any `other`.
fn superset_of(vm: &Vm, a: ObjId, other: &Other) -> bool {
    match other {
        Other::Set(o) => is_subset(table(vm, *o), table(vm, a)),
        Other::Dict(keys) | Other::Items(keys) => {
            let mine = table(vm, a);
            keys.iter().all(|(k, _)| mine.contains(k))
        }
    }
}

/// The other operands of a method taking `*others`, converted before
/// anything changes (a generator among them is walked by a frame and the
/// method called again).
fn others_of(vm: &mut Vm, args: &[Value]) -> Result<Vec<Other>, Exc> {
    args.iter().map(|a| other_of(vm, *a)).collect()
}

/// The set operators `|`, `&`, `-`, `^` between two sets (`inplace` for
/// `|=` and friends, which change a set in place); `None` when an
/// operand is not a set.
pub(crate) fn set_binary(
    vm: &mut Vm,
    op: BinOp,
    a: Value,
    b: Value,
    inplace: bool,
) -> Option<Value> {
    let (x, y) = (as_set(vm, a)?, as_set(vm, b)?);
    if !matches!(
        op,
        BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor
    ) {
        return None;
    }
    let other = Other::Set(y);
    if inplace && !table(vm, x).is_frozen() {
        with_table(vm, x, |vm, t| match op {
            BinOp::BitOr if x != y => t.merge(table(vm, y)),
            BinOp::BitOr => {}
            BinOp::BitAnd if x != y => {
                let r = intersection(vm, t, &other);
                t.replace_members(r);
            }
            BinOp::BitAnd => t.replace_members(t.copy()),
            BinOp::Sub => difference_update(vm, x, t, &other),
            _ => symmetric_difference_update(vm, x, t, &other),
        });
        return Some(a);
    }
    let r = match op {
        BinOp::BitOr => union(vm, x, &[other]),
        BinOp::BitAnd => intersection(vm, table(vm, x), &other),
        BinOp::Sub => difference(vm, x, &other),
        _ => symmetric_difference(vm, x, &other),
    };
    Some(new_set(vm, r))
}

// ---- methods ----------------------------------------------------------

pub(crate) fn set_add(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "add", &args, 1, 1)?;
    let k = key_to_insert(vm, args[0])?;
    let id = recv_set(recv);
    with_table(vm, id, |_, t| t.add(k, args[0]));
    none()
}

pub(crate) fn set_remove(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "remove", &args, 1, 1)?;
    let k = member_key(vm, args[0])?;
    if table_mut(vm, recv_set(recv)).discard(&k).is_none() {
        let class = vm.exc_class("KeyError");
        return Err(vm.instantiate_exception(class, vec![args[0]]));
    }
    none()
}

pub(crate) fn set_discard(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    method_arity(vm, recv, "discard", &args, 1, 1)?;
    let k = member_key(vm, args[0])?;
    table_mut(vm, recv_set(recv)).discard(&k);
    none()
}

pub(crate) fn set_pop(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "pop", &args, 0, 0)?;
    match table_mut(vm, recv_set(recv)).pop() {
        Some(v) => ok(v),
        None => {
            let msg = new_str(vm, "pop from an empty set");
            let class = vm.exc_class("KeyError");
            Err(vm.instantiate_exception(class, vec![msg]))
        }
    }
}

pub(crate) fn set_clear(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "clear", &args, 0, 0)?;
    table_mut(vm, recv_set(recv)).clear();
    none()
}

pub(crate) fn set_copy(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "copy", &args, 0, 0)?;
    let id = recv_set(recv);
    if table(vm, id).is_frozen() {
        // `frozenset.copy()` is the frozenset itself.
        return ok(Value::Obj(id));
    }
    let t = copy_of(vm, id);
    ok(new_set(vm, t))
}

pub(crate) fn set_update(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    let id = recv_set(recv);
    let others = others_of(vm, &args)?;
    with_table(vm, id, |vm, t| {
        for other in &others {
            if !matches!(other, Other::Set(o) if *o == id) {
                update_table(vm, t, other);
            }
        }
    });
    none()
}

pub(crate) fn set_union(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    let id = recv_set(recv);
    let others = others_of(vm, &args)?;
    let r = union(vm, id, &others);
    ok(new_set(vm, r))
}

pub(crate) fn set_intersection(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    let others = others_of(vm, &args)?;
    let r = intersection_multi(vm, recv_set(recv), &others);
    ok(new_set(vm, r))
}

pub(crate) fn set_intersection_update(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    let id = recv_set(recv);
    let others = others_of(vm, &args)?;
    let r = intersection_multi(vm, id, &others);
    table_mut(vm, id).replace_members(r);
    none()
}

pub(crate) fn set_difference(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    let id = recv_set(recv);
    let others = others_of(vm, &args)?;
    let Some((first, rest)) = others.split_first() else {
        let t = copy_of(vm, id);
        return ok(new_set(vm, t));
    };
    let mut r = difference(vm, id, first);
    for other in rest {
        difference_update(vm, id, &mut r, other);
    }
    ok(new_set(vm, r))
}

pub(crate) fn set_difference_update(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    let id = recv_set(recv);
    let others = others_of(vm, &args)?;
    with_table(vm, id, |vm, t| {
        for other in &others {
            difference_update(vm, id, t, other);
        }
    });
    none()
}

pub(crate) fn set_symmetric_difference(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    method_arity(vm, recv, "symmetric_difference", &args, 1, 1)?;
    let id = recv_set(recv);
    let other = other_of(vm, args[0])?;
    let r = symmetric_difference(vm, id, &other);
    ok(new_set(vm, r))
}

pub(crate) fn set_symmetric_difference_update(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    method_arity(vm, recv, "symmetric_difference_update", &args, 1, 1)?;
    let id = recv_set(recv);
    let other = other_of(vm, args[0])?;
    with_table(vm, id, |vm, t| {
        symmetric_difference_update(vm, id, t, &other)
    });
    none()
}

pub(crate) fn set_issubset(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    method_arity(vm, recv, "issubset", &args, 1, 1)?;
    let other = other_of(vm, args[0])?;
    ok(Value::Bool(subset_of(vm, recv_set(recv), &other)))
}

pub(crate) fn set_issuperset(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    method_arity(vm, recv, "issuperset", &args, 1, 1)?;
    let other = other_of(vm, args[0])?;
    ok(Value::Bool(superset_of(vm, recv_set(recv), &other)))
}

pub(crate) fn set_isdisjoint(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    method_arity(vm, recv, "isdisjoint", &args, 1, 1)?;
    let id = recv_set(recv);
    let other = other_of(vm, args[0])?;
    let mine = table(vm, id);
    let disjoint = match &other {
        Other::Set(o) => {
            let theirs = table(vm, *o);
            let (big, small) = if theirs.len() > mine.len() {
                (theirs, mine)
            } else {
                (mine, theirs)
            };
            !small.entries().any(|e| big.contains_hashed(&e.key, e.hash))
        }
        Other::Dict(keys) | Other::Items(keys) => !keys.iter().any(|(k, _)| mine.contains(k)),
    };
    ok(Value::Bool(disjoint))
}
