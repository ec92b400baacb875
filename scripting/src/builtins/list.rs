//! Methods of `list`, `tuple` and `range`.

use super::*;

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

pub(crate) fn l_append(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "list.append", &args, 1, 1)?;
    let id = recv_list(vm, recv);
    list_mut(vm, id).push(args[0]);
    vm.heap.grew(size_of::<Value>());
    none()
}

pub(crate) fn l_extend(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "list.extend", &args, 1, 1)?;
    let id = recv_list(vm, recv);
    let items = collect(vm, args[0])?;
    vm.heap.grew(items.len() * size_of::<Value>());
    list_mut(vm, id).extend(items);
    none()
}

pub(crate) fn l_insert(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "insert", &args, 2, 2)?;
    let id = recv_list(vm, recv);
    let i = expect_int(vm, args[0], "")?;
    let list = list_mut(vm, id);
    let len = list.len() as i64;
    let at = if i < 0 { (i + len).max(0) } else { i.min(len) } as usize;
    list.insert(at, args[1]);
    none()
}

pub(crate) fn l_pop(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "pop", &args, 0, 1)?;
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

pub(crate) fn l_remove(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "list.remove", &args, 1, 1)?;
    let id = recv_list(vm, recv);
    let items = list_mut(vm, id).clone();
    if any_instance(vm, &items) || any_instance(vm, &args[..1]) {
        let f = vm.shoal_helper("list_remove")?;
        return Ok(Native::Call(f, vec![Value::Obj(id), args[0]]));
    }
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

pub(crate) fn seq_index(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "index", &args, 1, 3)?;
    let items = seq_items(vm, recv);
    let is_tuple = matches!(recv, Some(Value::Obj(id)) if matches!(vm.heap.get(id), Obj::Tuple(_)));
    // Comparing instances runs their `__eq__`: `<shoal>` does it in frames.
    if any_instance(vm, &items) || any_instance(vm, &args[..1]) {
        let f = vm.shoal_helper("seq_index")?;
        let start = args.get(1).copied().unwrap_or(Value::Int(0));
        let stop = args.get(2).copied().unwrap_or(Value::Int(i64::MAX));
        let seq = recv.unwrap_or(Value::None);
        return Ok(Native::Call(
            f,
            vec![seq, args[0], start, stop, Value::Bool(is_tuple)],
        ));
    }
    // `start` and `stop` count from the end when negative, and clamp.
    let n = items.len() as i64;
    let bound = |vm: &mut Vm, at: usize, default: i64| -> Result<usize, Exc> {
        let i = match args.get(at) {
            Some(Value::Int(i)) => *i,
            Some(Value::Bool(b)) => *b as i64,
            Some(_) => {
                return Err(type_err(
                    vm,
                    "slice indices must be integers or have an __index__ method",
                ));
            }
            None => default,
        };
        let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
        Ok(i as usize)
    };
    let (start, stop) = (bound(vm, 1, 0)?, bound(vm, 2, n)?);
    let mut found = None;
    for (i, v) in items.iter().enumerate().take(stop).skip(start) {
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

pub(crate) fn seq_count(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "count", &args, 1, 1)?;
    let items = seq_items(vm, recv);
    if any_instance(vm, &items) || any_instance(vm, &args[..1]) {
        let f = vm.shoal_helper("seq_count")?;
        return Ok(Native::Call(f, vec![recv.unwrap_or(Value::None), args[0]]));
    }
    let mut n = 0;
    for v in items {
        if eq(vm, v, args[0])? {
            n += 1;
        }
    }
    ok(Value::Int(n))
}

pub(crate) fn l_reverse(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "reverse", &args, 0, 0)?;
    let id = recv_list(vm, recv);
    list_mut(vm, id).reverse();
    none()
}

pub(crate) fn l_sort(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> BResult {
    if !args.is_empty() {
        return Err(type_err(vm, "sort() takes no positional arguments"));
    }
    sort_kwargs(vm, "sort", &kwargs, &["key", "reverse"])?;
    let reverse = kwarg(&kwargs, "reverse").is_some_and(|r| truthy(vm, r));
    let id = recv_list(vm, recv);
    let items = list_mut(vm, id).clone();
    let key = kwarg(&kwargs, "key").unwrap_or(Value::None);
    if script_callable(vm, key) || any_instance(vm, &items) {
        let f = vm.shoal_helper("list_sort")?;
        return Ok(Native::Call(
            f,
            vec![Value::Obj(id), key, Value::Bool(reverse)],
        ));
    }
    let sorted = sort_items(vm, items, Some(key), reverse)?;
    *list_mut(vm, id) = sorted;
    none()
}

pub(crate) fn l_copy(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "copy", &args, 0, 0)?;
    let id = recv_list(vm, recv);
    let items = list_mut(vm, id).clone();
    ok(new_list(vm, items))
}

pub(crate) fn l_clear(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "clear", &args, 0, 0)?;
    let id = recv_list(vm, recv);
    list_mut(vm, id).clear();
    none()
}

/// The position of int `x` in range `(a, b, c)`, if it is there.
fn range_position(a: i64, b: i64, c: i64, x: i64) -> Option<i64> {
    let inside = if c > 0 {
        x >= a && x < b
    } else {
        x <= a && x > b
    };
    let off = x as i128 - a as i128;
    (inside && off % c as i128 == 0).then(|| (off / c as i128) as i64)
}

fn recv_range(vm: &Vm, recv: Option<Value>) -> (i64, i64, i64) {
    match recv {
        Some(Value::Obj(id)) => match vm.heap.get(id) {
            Obj::Range(a, b, c) => (*a, *b, *c),
            _ => (0, 0, 1),
        },
        _ => (0, 0, 1),
    }
}

/// `range.index(x)`.
pub(crate) fn range_index(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    method_arity(vm, recv, "index", &args, 1, 1)?;
    let (a, b, c) = recv_range(vm, recv);
    let found = match args[0] {
        Value::Int(x) => range_position(a, b, c, x),
        Value::Bool(x) => range_position(a, b, c, x as i64),
        // Other values are compared with each item.
        x => {
            let items = collect(vm, recv.unwrap_or(Value::None))?;
            let mut at = Some(-1);
            for (i, v) in items.into_iter().enumerate() {
                if eq(vm, v, x)? {
                    at = Some(i as i64);
                    break;
                }
            }
            at
        }
    };
    if found == Some(-1) {
        return Err(vm.error("ValueError", "sequence.index(x): x not in sequence"));
    }
    match found {
        Some(i) => ok(Value::Int(i)),
        None => {
            let r = repr_of(vm, args[0])?;
            Err(vm.error("ValueError", format!("{r} is not in range")))
        }
    }
}

/// `range.count(x)`.
pub(crate) fn range_count(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    method_arity(vm, recv, "count", &args, 1, 1)?;
    let (a, b, c) = recv_range(vm, recv);
    let n = match args[0] {
        Value::Int(x) => range_position(a, b, c, x).is_some() as i64,
        Value::Bool(x) => range_position(a, b, c, x as i64).is_some() as i64,
        x => {
            let mut n = 0;
            for v in collect(vm, recv.unwrap_or(Value::None))? {
                if eq(vm, v, x)? {
                    n += 1;
                }
            }
            n
        }
    };
    ok(Value::Int(n))
}
