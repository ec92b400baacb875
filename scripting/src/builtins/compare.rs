//! Truth, dict keys (hashing), equality, ordering and `in`.

use super::*;

/// The bytes of a bytes object or bytearray (empty for other objects).
pub(crate) fn byte_content(obj: &Obj) -> &[u8] {
    match obj {
        Obj::Bytes(b) => b,
        Obj::ByteArray(b) => b,
        _ => &[],
    }
}

/// Python's truth value.
pub fn truthy(vm: &Vm, v: Value) -> bool {
    match v {
        Value::None => false,
        Value::Bool(b) => b,
        Value::Int(i) => i != 0,
        Value::Float(x) => x != 0.0,
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Str(s) => !s.is_empty(),
            Obj::Bytes(b) => !b.is_empty(),
            Obj::ByteArray(b) => !b.is_empty(),
            Obj::List(items) | Obj::Tuple(items) => !items.is_empty(),
            Obj::Dict(d) => !d.is_empty(),
            Obj::DictView(d, _) => matches!(vm.heap.get(*d), Obj::Dict(d) if !d.is_empty()),
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
    key_depth(vm, v, 0)
}

fn key_depth(vm: &mut Vm, v: Value, depth: usize) -> Result<Key, Exc> {
    if depth > MAX_NESTING {
        return Err(vm.error(
            "RecursionError",
            "maximum recursion depth exceeded while calculating hash",
        ));
    }
    Ok(match v {
        Value::None => Key::None,
        Value::Bool(b) => Key::Int(b as i64),
        Value::Int(i) => Key::Int(i),
        Value::Float(x) => Key::float(x),
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Str(s) => Key::Str(s.clone()),
            Obj::BigInt(n) => Key::Big(Rc::new((**n).clone())),
            Obj::Tuple(items) => {
                let items = items.clone();
                let mut keys = Vec::with_capacity(items.len());
                for i in items {
                    keys.push(key_depth(vm, i, depth + 1)?);
                }
                Key::Tuple(Rc::from(keys))
            }
            Obj::Bytes(b) => Key::Bytes(b.clone()),
            Obj::Set(s) if s.is_frozen() => s.frozen_key(),
            Obj::List(_)
            | Obj::Dict(_)
            | Obj::Set(_)
            | Obj::Slice(..)
            | Obj::ByteArray(_)
            | Obj::DictView(..) => {
                let t = type_name(vm, v);
                return Err(type_err(vm, format!("unhashable type: '{t}'")));
            }
            // An instance of a class deriving from a built-in type that
            // keeps the type's hashing and equality: its value's key.
            Obj::Instance(inst)
                if !inst.native.is_none() && crate::classes::native_hash(vm, v).is_some() =>
            {
                let inner = crate::classes::native_hash(vm, v).unwrap_or(Value::None);
                key_depth(vm, inner, depth + 1)?
            }
            Obj::Instance(_) if crate::classes::dunder(vm, v, "__hash__") == Some(Value::None) => {
                let t = type_name(vm, v);
                return Err(type_err(vm, format!("unhashable type: '{t}'")));
            }
            Obj::Instance(_) if let Some(f) = crate::classes::dunder(vm, v, "__hash__") => {
                custom_key(vm, f, v, id)?
            }
            Obj::Instance(_) if crate::classes::dunder(vm, v, "__eq__").is_some() => {
                let t = type_name(vm, v);
                return Err(type_err(vm, format!("unhashable type: '{t}'")));
            }
            _ => Key::Id(id),
        },
    })
}

/// The key of an instance whose class defines `__hash__`: its hash, and
/// the representative it is `__eq__`-equal to (itself when it is equal
/// to none: it becomes the representative). Dict and set lookups then
/// find an equal key as CPython's do, by its hash and `__eq__`.
fn custom_key(vm: &mut Vm, hash_fn: Value, v: Value, id: ObjId) -> Result<Key, Exc> {
    let h = vm.call_sync(hash_fn, vec![v])?;
    let h = hash_result(vm, h)?;
    canonical_key(vm, h, id)
}

/// What `hash()` makes of a `__hash__` result: an int reduced as CPython
/// reduces it (-1 becomes -2), or CPython's TypeError.
pub(crate) fn hash_result(vm: &mut Vm, h: Value) -> Result<i64, Exc> {
    let h = crate::classes::unwrap_native(vm, h);
    Ok(match h {
        Value::Int(-1) => -2,
        Value::Int(i) => i,
        Value::Bool(b) => b as i64,
        Value::Obj(b) if matches!(vm.heap.get(b), Obj::BigInt(_)) => {
            let k = key_of(vm, h)?;
            crate::key_hash::key_hash(&k)
        }
        _ => {
            return Err(type_err(vm, "__hash__ method should return an integer"));
        }
    })
}

/// [`Key::Custom`] for instance `id` of hash `h`: the representative of
/// its class equal to it (the stored key's `__eq__` decides, as in
/// CPython), or `id` itself — recorded as a new representative when the
/// key is for an insertion ([`key_to_insert`]).
pub(crate) fn canonical_key(vm: &mut Vm, h: i64, id: ObjId) -> Result<Key, Exc> {
    let class = match vm.heap.get(id) {
        Obj::Instance(inst) => inst.class,
        _ => return Ok(Key::Id(id)),
    };
    let reps = vm.custom_keys.get(&(h, class)).cloned().unwrap_or_default();
    if reps.contains(&id) {
        return Ok(Key::Custom(h, id));
    }
    for r in reps {
        if matches!(vm.heap.get(r), Obj::Instance(_)) && eq(vm, Value::Obj(r), Value::Obj(id))? {
            return Ok(Key::Custom(h, r));
        }
    }
    if vm.inserting_key {
        vm.custom_keys.entry((h, class)).or_default().push(id);
    }
    Ok(Key::Custom(h, id))
}

/// The key `v` is stored under when inserted into a dict or set: as
/// [`key_of`], and an instance hashed by `__hash__` equal to no stored
/// one becomes its group's representative.
pub(crate) fn key_to_insert(vm: &mut Vm, v: Value) -> Result<Key, Exc> {
    let was = std::mem::replace(&mut vm.inserting_key, true);
    let k = key_of(vm, v);
    vm.inserting_key = was;
    k
}

/// `k` with each [`Key::Custom`] in it replaced by this VM's
/// representative (a key loaded from a pickle).
fn recanonical(vm: &mut Vm, k: &Key) -> Result<Key, Exc> {
    Ok(match k {
        Key::Custom(h, id) => {
            let was = std::mem::replace(&mut vm.inserting_key, true);
            let k = canonical_key(vm, *h, *id);
            vm.inserting_key = was;
            k?
        }
        Key::Tuple(items) => {
            let mut out = Vec::with_capacity(items.len());
            for k in items.iter() {
                out.push(recanonical(vm, k)?);
            }
            Key::Tuple(Rc::from(out))
        }
        Key::Frozen(fk) => {
            let mut keys = Vec::with_capacity(fk.keys.len());
            for k in &fk.keys {
                keys.push(recanonical(vm, k)?);
            }
            Key::Frozen(Rc::new(crate::value::FrozenKey {
                hash: fk.hash,
                keys,
            }))
        }
        other => other.clone(),
    })
}

/// Gives the dict or set `id` (just loaded) keys naming this VM's
/// representatives; entries that turn out equal keep the first.
pub(crate) fn adopt_custom_keys(vm: &mut Vm, id: ObjId) -> Result<(), Exc> {
    match vm.heap.get(id) {
        Obj::Dict(d) => {
            let entries: Vec<(Key, (Value, Value))> =
                d.iter().map(|(k, v)| (k.clone(), *v)).collect();
            let mut fresh = crate::heap::Dict::default();
            for (k, v) in entries {
                let k = recanonical(vm, &k)?;
                fresh.entry(k).or_insert(v);
            }
            *vm.heap.get_mut(id) = Obj::Dict(fresh);
        }
        Obj::Set(s) => {
            let frozen = s.is_frozen();
            let entries: Vec<(Key, Value)> =
                s.entries().map(|e| (e.key.clone(), e.value)).collect();
            let mut fresh = if frozen {
                crate::set_table::SetTable::new_frozen()
            } else {
                crate::set_table::SetTable::new()
            };
            for (k, v) in entries {
                let k = recanonical(vm, &k)?;
                fresh.add(k, v);
            }
            *vm.heap.get_mut(id) = Obj::Set(fresh);
        }
        _ => {}
    }
    Ok(())
}

/// How deep comparison, hashing and printing go into nested containers
/// before raising RecursionError (the Rust stack must not overflow).
pub(crate) const MAX_NESTING: usize = 2_000;

/// Nesting beyond [`MAX_NESTING`].
#[derive(Debug)]
pub(crate) struct TooDeep;

fn values_eq(vm: &Vm, a: Value, b: Value, depth: usize) -> Result<bool, TooDeep> {
    if depth > MAX_NESTING {
        return Err(TooDeep);
    }
    Ok(match (a, b) {
        (Value::Obj(x), Value::Obj(y)) => {
            if x == y {
                return Ok(true);
            }
            match (vm.heap.get(x), vm.heap.get(y)) {
                (Obj::Str(s), Obj::Str(t)) => s == t,
                (Obj::Bytes(_) | Obj::ByteArray(_), Obj::Bytes(_) | Obj::ByteArray(_)) => {
                    byte_content(vm.heap.get(x)) == byte_content(vm.heap.get(y))
                }
                (Obj::List(p), Obj::List(q)) | (Obj::Tuple(p), Obj::Tuple(q)) => {
                    if p.len() != q.len() {
                        return Ok(false);
                    }
                    for (a, b) in p.iter().zip(q.iter()) {
                        if !values_eq(vm, *a, *b, depth + 1)? {
                            return Ok(false);
                        }
                    }
                    true
                }
                (Obj::Dict(p), Obj::Dict(q)) => {
                    if p.len() != q.len() {
                        return Ok(false);
                    }
                    for (k, (_, v)) in p.iter() {
                        match q.get(k) {
                            Some((_, w)) if values_eq(vm, *v, *w, depth + 1)? => {}
                            _ => return Ok(false),
                        }
                    }
                    true
                }
                (Obj::Set(p), Obj::Set(q)) => {
                    p.len() == q.len() && p.entries().all(|e| q.contains_hashed(&e.key, e.hash))
                }
                (Obj::Range(a, b, c), Obj::Range(d, e, f)) => (a, b, c) == (d, e, f),
                (Obj::BigInt(m), Obj::BigInt(n)) => m == n,
                _ => false,
            }
        }
        (Value::Obj(_), _) | (_, Value::Obj(_)) => {
            num_cmp(vm, a, b) == Some(Some(std::cmp::Ordering::Equal))
        }
        (Value::None, Value::None) => true,
        (Value::None, _) | (_, Value::None) => false,
        _ => num_cmp(vm, a, b) == Some(Some(std::cmp::Ordering::Equal)),
    })
}

/// The order of two numbers (ints of any size, bools, floats), exact
/// between ints and floats as in CPython: None if either is not a
/// number, Some(None) if unordered (NaN).
pub(crate) fn num_cmp(vm: &Vm, a: Value, b: Value) -> Option<Option<std::cmp::Ordering>> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => return Some(Some(x.cmp(&y))),
        (Value::Float(x), Value::Float(y)) => return Some(x.partial_cmp(&y)),
        (Value::Int(i), Value::Float(f)) if i.unsigned_abs() <= 1 << 53 => {
            return Some((i as f64).partial_cmp(&f));
        }
        (Value::Float(f), Value::Int(i)) if i.unsigned_abs() <= 1 << 53 => {
            return Some(f.partial_cmp(&(i as f64)));
        }
        _ => {}
    }
    match (a, b) {
        (Value::Float(f), _) => Some(cmp_int_float(&int_of(vm, b)?, f).map(|o| o.reverse())),
        (_, Value::Float(f)) => Some(cmp_int_float(&int_of(vm, a)?, f)),
        _ => Some(Some(int_of(vm, a)?.cmp(&int_of(vm, b)?))),
    }
}

/// `a < b` style ordering; None when the types do not compare.
fn values_cmp(
    vm: &Vm,
    a: Value,
    b: Value,
    depth: usize,
) -> Result<Option<std::cmp::Ordering>, TooDeep> {
    use std::cmp::Ordering;
    if depth > MAX_NESTING {
        return Err(TooDeep);
    }
    Ok(match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x.cmp(&y)),
        (Value::Obj(x), Value::Obj(y)) => match (vm.heap.get(x), vm.heap.get(y)) {
            (Obj::Str(s), Obj::Str(t)) => Some(s.cmp(t)),
            (Obj::Bytes(_) | Obj::ByteArray(_), Obj::Bytes(_) | Obj::ByteArray(_)) => {
                Some(byte_content(vm.heap.get(x)).cmp(byte_content(vm.heap.get(y))))
            }
            (Obj::List(p), Obj::List(q)) | (Obj::Tuple(p), Obj::Tuple(q)) => {
                for (a, b) in p.iter().zip(q.iter()) {
                    if !values_eq(vm, *a, *b, depth + 1)? {
                        return values_cmp(vm, *a, *b, depth + 1);
                    }
                }
                Some(p.len().cmp(&q.len()))
            }
            (Obj::Set(p), Obj::Set(q)) => {
                let sub = p.entries().all(|e| q.contains_hashed(&e.key, e.hash));
                let sup = q.entries().all(|e| p.contains_hashed(&e.key, e.hash));
                match (sub, sup) {
                    (true, true) => Some(Ordering::Equal),
                    (true, false) => Some(Ordering::Less),
                    (false, true) => Some(Ordering::Greater),
                    _ => None,
                }
            }
            _ => num_cmp(vm, a, b).flatten(),
        },
        _ => num_cmp(vm, a, b).flatten(),
    })
}

/// RecursionError for comparing containers nested too deep.
fn too_deep_to_compare(vm: &mut Vm, _: TooDeep) -> Exc {
    vm.error(
        "RecursionError",
        "maximum recursion depth exceeded in comparison",
    )
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
            let ord = values_cmp(vm, a, b, 0).map_err(|e| too_deep_to_compare(vm, e))?;
            match (op, ord) {
                (_, None) => {
                    // NaN compares false, and so do two sets neither of
                    // which holds the other; other mismatches are errors.
                    if num_cmp(vm, a, b).is_some() {
                        return Ok(false);
                    }
                    let both_sets = [a, b].iter().all(
                        |v| matches!(v, Value::Obj(id) if matches!(vm.heap.get(*id), Obj::Set(_))),
                    );
                    if both_sets {
                        return Ok(false);
                    }
                    return Err(ordering_unsupported(vm, op, a, b));
                }
                (CmpOp::Lt, Some(o)) => o == Less,
                (CmpOp::LtE, Some(o)) => o != Greater,
                (CmpOp::Gt, Some(o)) => o == Greater,
                (_, Some(o)) => o != Less,
            }
        }
    })
}

/// TypeError for an ordering between values that have none.
pub(crate) fn ordering_unsupported(vm: &mut Vm, op: CmpOp, a: Value, b: Value) -> Exc {
    let sym = match op {
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        _ => ">=",
    };
    let (ta, tb) = (type_name(vm, a), type_name(vm, b));
    type_err(
        vm,
        format!("'{sym}' not supported between instances of '{ta}' and '{tb}'"),
    )
}

pub(crate) fn is_instance(vm: &Vm, v: Value) -> bool {
    matches!(v, Value::Obj(id) if matches!(vm.heap.get(id), Obj::Instance(_)))
}

/// Whether the protocols (`iter`, `in`, truth) of `v` go through script
/// dunders: an instance, or a class whose metaclass is a script class.
pub(crate) fn has_script_type(vm: &Vm, v: Value) -> bool {
    is_instance(vm, v) || crate::classes::metaclass_of(vm, v).is_some()
}

pub(crate) fn not_implemented(vm: &Vm, v: Value) -> bool {
    vm.builtins.get("NotImplemented") == Some(&v)
}

/// A rich comparison's method and its reflection (`<`: `__lt__`, whose
/// reflection is `__gt__`); `None` for `is` and `in`.
pub(crate) fn compare_dunders(op: CmpOp) -> Option<(&'static str, &'static str)> {
    Some(match op {
        CmpOp::Eq => ("__eq__", "__eq__"),
        CmpOp::NotEq => ("__ne__", "__ne__"),
        CmpOp::Lt => ("__lt__", "__gt__"),
        CmpOp::LtE => ("__le__", "__ge__"),
        CmpOp::Gt => ("__gt__", "__lt__"),
        CmpOp::GtE => ("__ge__", "__le__"),
        _ => return None,
    })
}

/// Comparison with an instance: its dunder methods, then the reflected
/// one of the other operand; `None` when neither decides.
fn instance_compare(vm: &mut Vm, op: CmpOp, a: Value, b: Value) -> Result<Option<bool>, Exc> {
    let Some((name, reflected)) = compare_dunders(op) else {
        return Ok(None);
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

/// Identity: the same object, or equal plain values.
pub(crate) fn same(a: Value, b: Value) -> bool {
    match (a, b) {
        (Value::Obj(x), Value::Obj(y)) => x == y,
        _ => a == b,
    }
}

/// `a == b`, deep, calling `__eq__` on instances.
pub(crate) fn eq(vm: &mut Vm, a: Value, b: Value) -> Result<bool, Exc> {
    eq_depth(vm, a, b, 0)
}

fn eq_depth(vm: &mut Vm, a: Value, b: Value, depth: usize) -> Result<bool, Exc> {
    if depth > MAX_NESTING {
        return Err(too_deep_to_compare(vm, TooDeep));
    }
    // A keys or items view equals a set (or such a view) of its members.
    if set_like_view(vm, a).is_some() || set_like_view(vm, b).is_some() {
        let set_like =
            |vm: &Vm, v: Value| set_like_view(vm, v).is_some() || as_set(vm, v).is_some();
        if !(set_like(vm, a) && set_like(vm, b)) {
            return Ok(false);
        }
        let (mine, theirs) = (collect(vm, a)?, collect(vm, b)?);
        if mine.len() != theirs.len() {
            return Ok(false);
        }
        for x in mine {
            if !compare(vm, CmpOp::In, x, b)? {
                return Ok(false);
            }
        }
        return Ok(true);
    }
    if is_instance(vm, a) || is_instance(vm, b) {
        return Ok(instance_compare(vm, CmpOp::Eq, a, b)?.unwrap_or(false));
    }
    if let (Value::Obj(x), Value::Obj(y)) = (a, b) {
        if x == y {
            return Ok(true);
        }
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
                if !eq_depth(vm, u, v, depth + 1)? {
                    return Ok(false);
                }
            }
            return Ok(true);
        }
    }
    values_eq(vm, a, b, depth).map_err(|e| too_deep_to_compare(vm, e))
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
            // A byte value, or a run of bytes.
            Obj::Bytes(_) | Obj::ByteArray(_) => {
                let hay = byte_content(vm.heap.get(id)).to_vec();
                let needle = match item {
                    Value::Int(_) | Value::Bool(_) => vec![expect_byte(vm, item)?],
                    _ => match bytes_like(vm, item) {
                        Some(b) => b,
                        None => {
                            let t = type_name(vm, item);
                            return Err(type_err(
                                vm,
                                format!("a bytes-like object is required, not '{t}'"),
                            ));
                        }
                    },
                };
                return Ok(needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle));
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
            // A view looks in its dict: by key, or by key then value.
            Obj::DictView(d, what) => {
                let (d, what) = (*d, *what);
                match what {
                    0 => return contains(vm, Value::Obj(d), item),
                    2 => {
                        let pair = match item {
                            Value::Obj(t) => match vm.heap.get(t) {
                                Obj::Tuple(p) if p.len() == 2 => Some((p[0], p[1])),
                                _ => None,
                            },
                            _ => None,
                        };
                        let Some((k, v)) = pair else { return Ok(false) };
                        let key = key_of(vm, k)?;
                        let found = match vm.heap.get(d) {
                            Obj::Dict(map) => map.get(&key).map(|(_, w)| *w),
                            _ => None,
                        };
                        return match found {
                            Some(w) => eq(vm, w, v),
                            None => Ok(false),
                        };
                    }
                    _ => {
                        for v in view_items(vm, d, 1) {
                            if eq(vm, v, item)? {
                                return Ok(true);
                            }
                        }
                        return Ok(false);
                    }
                }
            }
            // An iterator is consumed up to the first match.
            Obj::Iter(_) => {
                while let Some(v) = next(vm, container)? {
                    if eq(vm, v, item)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
            Obj::Dict(_) => {
                let k = key_of(vm, item)?;
                return Ok(match vm.heap.get(id) {
                    Obj::Dict(d) => d.contains_key(&k),
                    _ => false,
                });
            }
            Obj::Set(_) => {
                let k = member_key(vm, item)?;
                return Ok(match vm.heap.get(id) {
                    Obj::Set(s) => s.contains(&k),
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
