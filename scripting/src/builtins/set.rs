//! Methods of `set`.

use super::*;

pub(crate) fn set_issuperset(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "issuperset", &args, 1, 1)?;
    let other = make_set(vm, args[0])?;
    ok(Value::Bool(compare(
        vm,
        CmpOp::GtE,
        recv.unwrap_or(Value::None),
        other,
    )?))
}

pub(crate) fn set_symmetric_difference(
    vm: &mut Vm,
    r: Option<Value>,
    a: Vec<Value>,
    _: Kwargs,
) -> BResult {
    set_op(vm, r, a, BinOp::BitXor)
}

pub(crate) fn set_pop(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
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

fn set_mut(vm: &mut Vm, recv: Option<Value>) -> &mut Map<Key, Value> {
    match recv {
        Some(Value::Obj(id)) => match vm.heap.get_mut(id) {
            Obj::Set(s) => s,
            _ => unreachable!("set methods are bound to sets"),
        },
        _ => unreachable!("methods are bound to their receiver"),
    }
}

pub(crate) fn set_add(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "set.add", &args, 1, 1)?;
    let k = key_of(vm, args[0])?;
    set_mut(vm, recv).entry(k).or_insert(args[0]);
    vm.heap.grew(crate::memory::DICT_ENTRY);
    none()
}

pub(crate) fn set_remove(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "set.remove", &args, 1, 1)?;
    let k = key_of(vm, args[0])?;
    if set_mut(vm, recv).shift_remove(&k).is_none() {
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

pub(crate) fn set_union(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    set_op(vm, r, a, BinOp::BitOr)
}

pub(crate) fn set_intersection(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    set_op(vm, r, a, BinOp::BitAnd)
}

pub(crate) fn set_difference(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    set_op(vm, r, a, BinOp::Sub)
}

pub(crate) fn set_issubset(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "issubset", &args, 1, 1)?;
    let other = make_set(vm, args[0])?;
    ok(Value::Bool(compare(
        vm,
        CmpOp::LtE,
        recv.unwrap_or(Value::None),
        other,
    )?))
}

pub(crate) fn set_copy(vm: &mut Vm, recv: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    let s = set_mut(vm, recv).clone();
    ok(Value::Obj(vm.heap.alloc(Obj::Set(s))))
}

pub(crate) fn set_update(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    for a in args {
        for v in collect(vm, a)? {
            let k = key_of(vm, v)?;
            set_mut(vm, recv).entry(k).or_insert(v);
        }
    }
    none()
}

pub(crate) fn set_clear(vm: &mut Vm, recv: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    set_mut(vm, recv).clear();
    none()
}
