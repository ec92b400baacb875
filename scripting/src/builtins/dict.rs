//! Methods of `dict`, and its views (`keys()`, `values()`, `items()`).

use super::*;

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

pub(crate) fn d_get(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "get", &args, 1, 2)?;
    let id = recv_dict(recv);
    let k = key_of(vm, args[0])?;
    ok(dict_ref(vm, id)
        .get(&k)
        .map_or(args.get(1).copied().unwrap_or(Value::None), |(_, v)| *v))
}

fn view(vm: &mut Vm, recv: Option<Value>, what: u8) -> BResult {
    let id = recv_dict(recv);
    ok(Value::Obj(vm.heap.alloc(Obj::DictView(id, what))))
}

/// What a view of dict `dict` shows now: its keys (0), values (1) or
/// items as tuples (2).
pub(crate) fn view_items(vm: &mut Vm, dict: ObjId, what: u8) -> Vec<Value> {
    let pairs: Vec<(Value, Value)> = match vm.heap.get(dict) {
        Obj::Dict(d) => d.values().copied().collect(),
        _ => Vec::new(),
    };
    pairs
        .into_iter()
        .map(|(k, v)| match what {
            0 => k,
            1 => v,
            _ => new_tuple(vm, vec![k, v]),
        })
        .collect()
}

/// The dict and part a keys or items view shows (`None` for values
/// views and other values): the views that act as sets.
pub(crate) fn set_like_view(vm: &Vm, v: Value) -> Option<(ObjId, u8)> {
    match v {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::DictView(d, what) if *what != 1 => Some((*d, *what)),
            _ => None,
        },
        _ => None,
    }
}

/// `view.isdisjoint(other)`.
pub(crate) fn dv_isdisjoint(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    method_arity(vm, recv, "isdisjoint", &args, 1, 1)?;
    for item in collect(vm, args[0])? {
        if compare(vm, CmpOp::In, item, recv.unwrap_or(Value::None))? {
            return ok(Value::Bool(false));
        }
    }
    ok(Value::Bool(true))
}

pub(crate) fn d_keys(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "keys", &a, 0, 0)?;
    view(vm, r, 0)
}

pub(crate) fn d_values(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "values", &a, 0, 0)?;
    view(vm, r, 1)
}

pub(crate) fn d_items(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "items", &a, 0, 0)?;
    view(vm, r, 2)
}

pub(crate) fn d_pop(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "pop", &args, 1, 2)?;
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

pub(crate) fn d_setdefault(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    method_arity(vm, recv, "setdefault", &args, 1, 2)?;
    let id = recv_dict(recv);
    let k = key_to_insert(vm, args[0])?;
    if let Some((_, v)) = dict_ref(vm, id).get(&k) {
        return ok(*v);
    }
    let v = args.get(1).copied().unwrap_or(Value::None);
    dict_set(vm, recv.unwrap_or(Value::None), args[0], v)?;
    ok(v)
}

pub(crate) fn d_update(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> BResult {
    method_arity(vm, recv, "update", &args, 0, 1)?;
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

pub(crate) fn d_copy(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "copy", &args, 0, 0)?;
    let id = recv_dict(recv);
    let d = dict_ref(vm, id).clone();
    ok(Value::Obj(vm.heap.alloc(Obj::Dict(d))))
}

pub(crate) fn d_popitem(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "popitem", &args, 0, 0)?;
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

pub(crate) fn d_clear(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "clear", &args, 0, 0)?;
    let id = recv_dict(recv);
    if let Obj::Dict(d) = vm.heap.get_mut(id) {
        d.clear();
    }
    none()
}

/// `dict.fromkeys(iterable, value=None)`: a dict of the iterable's items,
/// each mapped to `value`.
pub(crate) fn d_fromkeys(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "fromkeys", &args, 1, 2)?;
    let value = args.get(1).copied().unwrap_or(Value::None);
    let keys = collect(vm, args[0])?;
    let d = Value::Obj(vm.heap.alloc(Obj::Dict(Dict::default())));
    for k in keys {
        dict_set(vm, d, k, value)?;
    }
    ok(d)
}
