//! Iteration: `iter()` and `next()` over every built-in iterable, collecting
//! an iterable's items, and the helpers built on them (sorting, sets and dicts
//! from iterables).

use super::*;

/// The entries of a dict or set, as its iterators check it.
fn container_len(obj: &Obj) -> u32 {
    match obj {
        Obj::Dict(d) => d.len() as u32,
        Obj::Set(s) => s.len() as u32,
        _ => 0,
    }
}

pub(crate) fn range_len(start: i64, stop: i64, step: i64) -> i64 {
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
    if has_script_type(vm, v) {
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
            Obj::Bytes(_) | Obj::ByteArray(_) => Iter::Values {
                items: byte_content(vm.heap.get(id))
                    .iter()
                    .map(|x| Value::Int(i64::from(*x)))
                    .collect(),
                index: 0,
            },
            Obj::Range(a, b, c) => Iter::Range {
                next: *a,
                stop: *b,
                step: *c,
            },
            Obj::Dict(_) | Obj::Set(_) => Iter::Dict {
                dict: id,
                index: 0,
                what: 0,
                size: Some(container_len(vm.heap.get(id))),
            },
            Obj::DictView(dict, what) => Iter::Dict {
                dict: *dict,
                index: 0,
                what: *what,
                size: Some(container_len(vm.heap.get(*dict))),
            },
            Obj::Generator(g) if g.coroutine => return Err(not_iterable(vm, v)),
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
    next_depth(vm, it, 0)
}

/// How many `map`/`zip`/`filter`/`enumerate` iterators may wrap each
/// other: each level is a Rust call, and a deeper chain must be a
/// RecursionError, not a stack overflow.
const MAX_ITER_CHAIN: usize = 300;

/// `next` of an iterator `depth` levels inside other built-in iterators.
fn next_depth(vm: &mut Vm, it: Value, depth: usize) -> Result<Option<Value>, Exc> {
    if depth > MAX_ITER_CHAIN {
        return Err(vm.error(
            "RecursionError",
            "maximum recursion depth exceeded while calling a Python object",
        ));
    }
    if crate::vm::script_iterable(vm, it) {
        return Err(needs_script(vm, it));
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
        Iter::Dict {
            dict,
            index,
            what,
            size,
        } => {
            // A dict or set that changed size under its iterator.
            if let Some(n) = size
                && n != container_len(vm.heap.get(dict))
            {
                if let Obj::Iter(Iter::Dict { size, .. }) = vm.heap.get_mut(id) {
                    *size = Some(u32::MAX);
                }
                let msg = match vm.heap.get(dict) {
                    Obj::Set(_) => "Set changed size during iteration",
                    _ => "dictionary changed size during iteration",
                };
                return Err(vm.error("RuntimeError", msg));
            }
            let entry = match vm.heap.get(dict) {
                Obj::Dict(d) => d.get_index(index).map(|(_, (k, v))| (*k, *v)),
                Obj::Set(s) => {
                    // A set's position is a slot of its table.
                    return Ok(match s.next_from(index) {
                        Some((v, after)) => {
                            if let Obj::Iter(Iter::Dict { index, .. }) = vm.heap.get_mut(id) {
                                *index = after;
                            }
                            Some(v)
                        }
                        None => None,
                    });
                }
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
                    size,
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
                match next_depth(vm, *it, depth + 1)? {
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
                match next_depth(vm, *it, depth + 1)? {
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
            let Some(v) = next_depth(vm, iter, depth + 1)? else {
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
            while let Some(v) = next_depth(vm, iter, depth + 1)? {
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
            Obj::Set(s) => return Ok(s.values().collect()),
            Obj::DictView(d, what) => {
                let (d, what) = (*d, *what);
                return Ok(view_items(vm, d, what));
            }
            _ => {}
        }
    }
    if crate::vm::script_iterable(vm, v) {
        return Err(needs_script(vm, v));
    }
    if let Value::Obj(id) = v
        && let Obj::Range(start, stop, step) = vm.heap.get(id)
    {
        let n = range_len(*start, *stop, *step).max(0) as usize;
        vm.reserve(n.saturating_mul(std::mem::size_of::<Value>()))?;
    }
    let it = get_iter(vm, v)?;
    let mut out = Vec::new();
    while let Some(x) = next(vm, it)? {
        out.push(x);
    }
    Ok(out)
}

/// The error a built-in returns when it meets an iterable whose items
/// come from script code (a generator, an instance): the VM catches it,
/// has a script frame turn the iterable into a list, and calls the
/// built-in again with the list (see [`crate::vm::Cont::Recall`]).
pub(crate) fn needs_script(vm: &mut Vm, it: Value) -> Exc {
    let exc = vm.error(
        "RuntimeError",
        "a built-in met an iterable that runs script code where it cannot run it",
    );
    vm.materialize = Some((it, exc));
    exc
}

/// Whether calling `f` runs script code.
pub(crate) fn script_callable(vm: &Vm, f: Value) -> bool {
    matches!(f, Value::Obj(id) if matches!(
        vm.heap.get(id),
        Obj::Function(_) | Obj::BoundMethod(..) | Obj::Class(_) | Obj::Instance(_)
    ))
}

/// Whether comparing, adding or testing these values may call script
/// code: an instance among them, or inside their tuples and lists (past
/// eight levels deep, assumed).
pub(crate) fn any_instance(vm: &Vm, items: &[Value]) -> bool {
    fn deep(vm: &Vm, v: Value, depth: u32) -> bool {
        match v {
            Value::Obj(id) => match vm.heap.get(id) {
                Obj::Instance(_) => true,
                Obj::Tuple(items) | Obj::List(items) => {
                    // Deeper nesting may hide one: `<shoal>` decides.
                    depth >= 8 || items.iter().any(|x| deep(vm, *x, depth + 1))
                }
                _ => false,
            },
            _ => false,
        }
    }
    items.iter().any(|v| deep(vm, *v, 0))
}

/// `<shoal>.sort_order(keys, reverse)`: the stable sorting permutation of
/// `keys` as a list of indices, or None when comparing them calls script
/// code (the helper then merges in the script language).
pub(crate) fn sort_order(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "sort_order", &args, 2, 2)?;
    let keys = collect(vm, args[0])?;
    if any_instance(vm, &keys) {
        return none();
    }
    let reverse = truthy(vm, args[1]);
    let order = sort_permutation(vm, &keys, reverse)?;
    let order = order.into_iter().map(|i| Value::Int(i as i64)).collect();
    ok(new_list(vm, order))
}

pub(crate) fn dict_set(vm: &mut Vm, dict: Value, k: Value, v: Value) -> Result<(), Exc> {
    let key = key_to_insert(vm, k)?;
    if let Value::Obj(id) = dict
        && let Obj::Dict(d) = vm.heap.get_mut(id)
    {
        match d.get_mut(&key) {
            Some(slot) => slot.1 = v,
            None => {
                d.insert(key, (k, v));
                vm.heap.grew(crate::memory::DICT_ENTRY);
            }
        }
    }
    Ok(())
}

pub(crate) fn dict_update(vm: &mut Vm, dict: Value, mapping: Value) -> Result<(), Exc> {
    // A `class D(dict)` instance that iterates as a dict: its dict; an
    // instance with `keys()`: the mapping protocol (`m[k]` for each key).
    let mapping = crate::classes::plain_native(vm, mapping);
    let mapping =
        if is_instance(vm, mapping) && crate::classes::dunder(vm, mapping, "keys").is_some() {
            let f = vm.shoal_helper("mapping_items")?;
            vm.call_sync(f, vec![mapping])?
        } else {
            mapping
        };
    let pairs: Vec<(Value, Value)> = match mapping {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Dict(d) => d.values().copied().collect(),
            _ => {
                let items = collect(vm, mapping)?;
                let mut pairs = Vec::new();
                for (i, item) in items.into_iter().enumerate() {
                    let kv = match collect(vm, item) {
                        Err(e) if vm.exc_is(e, "TypeError")? => {
                            return Err(type_err(
                                vm,
                                format!(
                                    "cannot convert dictionary update sequence element #{i} to a sequence"
                                ),
                            ));
                        }
                        kv => kv?,
                    };
                    if kv.len() != 2 {
                        return Err(vm.error(
                            "ValueError",
                            format!("dictionary update sequence element #{i} has length {}; 2 is required", kv.len()),
                        ));
                    }
                    pairs.push((kv[0], kv[1]));
                }
                pairs
            }
        },
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
