//! Subscripts: `container[index]`, slices, item assignment and deletion.

use super::*;

fn norm_index(vm: &mut Vm, i: Value, len: usize, what: &str) -> Result<usize, Exc> {
    let i = match i {
        Value::Int(i) => i,
        Value::Bool(b) => b as i64,
        _ if big_ref(vm, i).is_some() => return Err(index_overflow(vm)),
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
pub(crate) fn slice_indices(vm: &mut Vm, slice: ObjId, len: usize) -> Result<Vec<usize>, Exc> {
    let (start, stop, step) = slice_bounds(vm, slice, len)?;
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        i += step;
    }
    Ok(out)
}

/// `slice.indices(len)`: the start, stop and step a slice resolves to.
pub(crate) fn slice_bounds(vm: &mut Vm, slice: ObjId, len: usize) -> Result<(i64, i64, i64), Exc> {
    let Obj::Slice(a, b, c) = vm.heap.get(slice).clone() else {
        return Ok((0, 0, 1));
    };
    let get = |vm: &mut Vm, v: Value| -> Result<Option<i64>, Exc> {
        match v {
            Value::None => Ok(None),
            Value::Int(i) => Ok(Some(i)),
            Value::Bool(b) => Ok(Some(b as i64)),
            // Past 64 bits a bound clamps like any bound past the end.
            _ if big_ref(vm, v).is_some() => Ok(Some(
                if int_of(vm, v).is_some_and(|n| n.sign() == num_bigint::Sign::Minus) {
                    i64::MIN / 2
                } else {
                    i64::MAX / 2
                },
            )),
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
    Ok((start, stop, step))
}

/// An index into bytes (`what`: "byte") or a bytearray ("bytearray")
/// of length `len`, as CPython checks it.
pub(crate) fn byte_index(vm: &mut Vm, index: Value, len: usize, what: &str) -> Result<usize, Exc> {
    let i = match index {
        Value::Int(i) => i,
        Value::Bool(b) => b as i64,
        _ => {
            let t = type_name(vm, index);
            return Err(type_err(
                vm,
                format!("{what} indices must be integers or slices, not {t}"),
            ));
        }
    };
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(vm.error("IndexError", "index out of range"));
    }
    Ok(j as usize)
}

/// `container[index]`.
pub(crate) fn subscript(vm: &mut Vm, container: Value, index: Value) -> Result<Value, Exc> {
    // An `int` subclass's instance indexes a sequence as its int.
    let index = match crate::classes::native_value(vm, index) {
        Some(inner @ Value::Int(_)) if !matches!(container, Value::Obj(c) if matches!(vm.heap.get(c), Obj::Dict(_))) => {
            inner
        }
        _ => index,
    };
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
    if matches!(vm.heap.get(id), Obj::Match(_)) {
        return crate::re::getitem(vm, id, index);
    }
    let obj = match vm.heap.get(id) {
        Obj::Str(s) => Obj::Str(s.clone()),
        Obj::Bytes(b) => Obj::Bytes(b.clone()),
        Obj::ByteArray(b) => Obj::ByteArray(b.clone()),
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
            if !matches!(index, Value::Int(_) | Value::Bool(_)) {
                let t = type_name(vm, index);
                return Err(type_err(
                    vm,
                    format!("string indices must be integers, not '{t}'"),
                ));
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
        Obj::Bytes(_) | Obj::ByteArray(_) => {
            let array = matches!(obj, Obj::ByteArray(_));
            let b = byte_content(&obj);
            if let Value::Obj(sl) = index
                && is_slice
            {
                let picked: Vec<u8> = slice_indices(vm, sl, b.len())?
                    .into_iter()
                    .map(|i| b[i])
                    .collect();
                return Ok(if array {
                    Value::Obj(vm.heap.alloc(Obj::ByteArray(picked)))
                } else {
                    crate::files::new_bytes(vm, picked)
                });
            }
            let what = if array { "bytearray" } else { "byte" };
            let i = byte_index(vm, index, b.len(), what)?;
            Ok(Value::Int(i64::from(b[i])))
        }
        Obj::Range(a, b, c) if is_slice => {
            let Value::Obj(sl) = index else {
                unreachable!("checked")
            };
            let len = range_len(a, b, c) as usize;
            let (start, stop, step) = slice_bounds(vm, sl, len)?;
            // range(a, b, c)[i:j:k] is range(a + i*c, a + j*c, k*c).
            let at = |i: i64| a as i128 + i as i128 * c as i128;
            let fit = |x: i128| i64::try_from(x).ok();
            match (fit(at(start)), fit(at(stop)), fit(step as i128 * c as i128)) {
                (Some(x), Some(y), Some(z)) => Ok(Value::Obj(vm.heap.alloc(Obj::Range(x, y, z)))),
                _ => Err(overflow(vm)),
            }
        }
        Obj::Range(a, b, c) => {
            let len = range_len(a, b, c) as usize;
            if !matches!(index, Value::Int(_) | Value::Bool(_)) {
                let t = type_name(vm, index);
                return Err(type_err(
                    vm,
                    format!("range indices must be integers or slices, not {t}"),
                ));
            }
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
            Obj::ByteArray(b) => {
                let len = b.len();
                if let Value::Obj(s) = index
                    && matches!(vm.heap.get(s), Obj::Slice(..))
                {
                    let new_bytes = match v {
                        Value::Int(_) => {
                            return Err(type_err(
                                vm,
                                "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
                            ));
                        }
                        _ => construct_bytes(vm, TypeKind::Bytes, vec![v], Kwargs::new())
                            .map(|b| bytes_like(vm, b).unwrap_or_default())?,
                    };
                    let picked = slice_indices(vm, s, len)?;
                    let step = match vm.heap.get(s) {
                        Obj::Slice(_, _, step) => *step,
                        _ => Value::None,
                    };
                    if matches!(step, Value::None | Value::Int(1)) {
                        let start =
                            picked
                                .first()
                                .copied()
                                .unwrap_or_else(|| match vm.heap.get(s) {
                                    Obj::Slice(Value::Int(a), _, _) => {
                                        let a = if *a < 0 { (*a + len as i64).max(0) } else { *a };
                                        (a as usize).min(len)
                                    }
                                    _ => 0,
                                });
                        if let Obj::ByteArray(b) = vm.heap.get_mut(id) {
                            b.splice(start..start + picked.len(), new_bytes);
                        }
                        return Ok(());
                    }
                    if picked.len() != new_bytes.len() {
                        return Err(vm.error(
                            "ValueError",
                            format!(
                                "attempt to assign bytes of size {} to extended slice of size {}",
                                new_bytes.len(),
                                picked.len()
                            ),
                        ));
                    }
                    if let Obj::ByteArray(b) = vm.heap.get_mut(id) {
                        for (i, x) in picked.into_iter().zip(new_bytes) {
                            b[i] = x;
                        }
                    }
                    return Ok(());
                }
                let i = byte_index(vm, index, len, "bytearray")?;
                let byte = expect_byte(vm, v)?;
                if let Obj::ByteArray(b) = vm.heap.get_mut(id) {
                    b[i] = byte;
                }
                return Ok(());
            }
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
            Obj::ByteArray(b) => {
                let len = b.len();
                let mut picked = match index {
                    Value::Obj(s) if matches!(vm.heap.get(s), Obj::Slice(..)) => {
                        slice_indices(vm, s, len)?
                    }
                    _ => vec![byte_index(vm, index, len, "bytearray")?],
                };
                picked.sort_unstable();
                if let Obj::ByteArray(b) = vm.heap.get_mut(id) {
                    for i in picked.into_iter().rev() {
                        b.remove(i);
                    }
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

/// `slice.indices(length)`: the start, stop and step it selects.
pub(crate) fn slice_indices_method(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "indices", &args, 1, 1)?;
    let n = expect_int(vm, args[0], "")?;
    if n < 0 {
        return Err(vm.error("ValueError", "length should not be negative"));
    }
    let Some(Value::Obj(s)) = recv else {
        return none();
    };
    let (start, stop, step) = slice_bounds(vm, s, n as usize)?;
    ok(new_tuple(
        vm,
        vec![Value::Int(start), Value::Int(stop), Value::Int(step)],
    ))
}
