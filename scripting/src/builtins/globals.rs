//! The built-in functions (`print`, `len`, `sorted`, `map`...; those
//! about classes are in `objects.rs`, the constructors in `construct.rs`).

use super::*;

pub(crate) fn b_print(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
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
    // A file other than the standard streams: its `write` gets each
    // piece, as CPython's print calls it.
    if let Some(file) = kwarg(&kwargs, "file")
        && file != Value::None
        && stream_fd(vm, file).is_none()
    {
        let f = vm.shoal_helper("print_to")?;
        let items = new_tuple(vm, args);
        let (sep, end) = (new_str(vm, &sep), new_str(vm, &end));
        return Ok(Native::Call(f, vec![items, sep, end, file]));
    }
    // Instances' `__str__` run as frames: `<shoal>` turns them into
    // strings, then calls print again.
    if args.iter().any(|a| str_runs_script(vm, *a)) {
        let f = vm.shoal_helper("print_")?;
        let items = new_tuple(vm, args);
        let (sep, end) = (new_str(vm, &sep), new_str(vm, &end));
        let file = kwarg(&kwargs, "file").unwrap_or(Value::None);
        return Ok(Native::Call(f, vec![items, sep, end, file]));
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

pub(crate) fn b_len(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    no_kwargs(vm, "len", &kwargs)?;
    arity(vm, "len", &args, 1, 1)?;
    let v = args[0];
    if let Some(f) = crate::classes::dunder(vm, v, "__len__") {
        return Ok(Native::CallThen(f, vec![v], crate::vm::Cont::Len));
    }
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
            Obj::ByteArray(b) => Some(b.len()),
            Obj::List(i) | Obj::Tuple(i) => Some(i.len()),
            Obj::Dict(d) => Some(d.len()),
            Obj::DictView(d, _) => match vm.heap.get(*d) {
                Obj::Dict(d) => Some(d.len()),
                _ => None,
            },
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

pub(crate) fn b_abs(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "abs", &args, 1, 1)?;
    if let Some(f) = crate::classes::dunder(vm, args[0], "__abs__") {
        return Ok(Native::Call(f, vec![args[0]]));
    }
    if let Some(r) = crate::classes::call_dunder(vm, args[0], "__abs__", Vec::new()) {
        return ok(r?);
    }
    match args[0] {
        Value::Int(i) => match i.checked_abs() {
            Some(n) => ok(Value::Int(n)),
            None => ok(big_unary(vm, None, &i.into())?),
        },
        Value::Bool(b) => ok(Value::Int(b as i64)),
        Value::Float(x) => ok(Value::Float(x.abs())),
        v if big_ref(vm, v).is_some() => {
            let n = big_ref(vm, v).cloned().unwrap_or_default();
            ok(big_unary(vm, None, &n)?)
        }
        v => {
            let t = type_name(vm, v);
            Err(type_err(vm, format!("bad operand type for abs(): '{t}'")))
        }
    }
}

fn min_max(vm: &mut Vm, args: Vec<Value>, kwargs: Kwargs, want_max: bool) -> BResult {
    let name = if want_max { "max" } else { "min" };
    sort_kwargs(vm, name, &kwargs, &["key", "default"])?;
    if args.len() > 1 && kwarg(&kwargs, "default").is_some() {
        return Err(type_err(
            vm,
            format!("Cannot specify a default for {name}() with multiple positional arguments"),
        ));
    }
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
    if key.is_some_and(|k| script_callable(vm, k)) || any_instance(vm, &items) {
        let f = vm.shoal_helper("min_max")?;
        let list = new_list(vm, items);
        return Ok(Native::Call(
            f,
            vec![list, key.unwrap_or(Value::None), Value::Bool(want_max)],
        ));
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

pub(crate) fn b_min(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    if args.is_empty() {
        return Err(type_err(vm, "min expected at least 1 argument, got 0"));
    }
    min_max(vm, args, kwargs, false)
}

pub(crate) fn b_max(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    if args.is_empty() {
        return Err(type_err(vm, "max expected at least 1 argument, got 0"));
    }
    min_max(vm, args, kwargs, true)
}

pub(crate) fn b_sum(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
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
    if crate::vm::script_iterable(vm, args[0]) {
        let f = vm.shoal_helper("sum_")?;
        return Ok(Native::Call(f, vec![args[0], total]));
    }
    let items = collect(vm, args[0])?;
    if any_instance(vm, &items) || any_instance(vm, &[total]) {
        let f = vm.shoal_helper("sum_")?;
        let list = new_list(vm, items);
        return Ok(Native::Call(f, vec![list, total]));
    }
    for v in items {
        total = binary(vm, BinOp::Add, total, v, false)?;
    }
    ok(total)
}

pub(crate) fn b_isinstance(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "isinstance", &args, 2, 2)?;
    let (v, classes) = (args[0], args[1]);
    let list = crate::classes::check_targets(vm, classes);
    for c in list {
        // A metaclass's `__instancecheck__` decides (after the exact type).
        if let Some(hook) = crate::classes::type_check_hook(vm, c, "__instancecheck__") {
            let exact = matches!(v, Value::Obj(id) if matches!(vm.heap.get(id), Obj::Instance(i) if Value::Obj(i.class) == c));
            let r = if exact {
                Value::Bool(true)
            } else {
                vm.call_sync(hook, vec![c, v])?
            };
            if truthy_mut(vm, r)? {
                return ok(Value::Bool(true));
            }
            continue;
        }
        let Value::Obj(cid) = c else {
            return Err(type_err(
                vm,
                "isinstance() arg 2 must be a type, a tuple of types, or a union",
            ));
        };
        let hit = match vm.heap.get(cid) {
            Obj::Type(TypeKind::Object) => true,
            Obj::Type(kind) => {
                let actual = TypeKind::of(vm, crate::classes::unwrap_native(vm, v));
                actual == *kind || (*kind == TypeKind::Int && actual == TypeKind::Bool)
            }
            Obj::Class(_) => {
                if let Value::Obj(id) = v
                    && let Obj::Instance(inst) = vm.heap.get(id)
                    && let Obj::Class(k) = vm.heap.get(inst.class)
                {
                    k.mro.contains(&cid)
                } else if let Some(meta) = crate::classes::metaclass_of(vm, v) {
                    // A class is an instance of its metaclass.
                    crate::classes::is_subclass_id(vm, meta, cid)
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

pub(crate) fn b_repr(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "repr", &args, 1, 1)?;
    if let Some((f, _)) = str_method(vm, args[0], true) {
        return Ok(Native::CallThen(
            f,
            vec![args[0]],
            crate::vm::Cont::Str { repr: true },
        ));
    }
    let s = repr_of(vm, args[0])?;
    ok(new_str(vm, &s))
}

pub(crate) fn b_iter(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "iter", &args, 1, 1)?;
    if has_script_type(vm, args[0]) {
        if let Some(f) = crate::classes::dunder(vm, args[0], "__iter__") {
            return Ok(Native::CallThen(f, vec![args[0]], crate::vm::Cont::Iter));
        }
        if crate::classes::dunder(vm, args[0], "__getitem__").is_some() {
            let f = vm.shoal_helper("getitem_iter")?;
            return Ok(Native::Call(f, vec![args[0]]));
        }
    }
    ok(get_iter(vm, args[0])?)
}

pub(crate) fn b_next(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "next", &args, 1, 2)?;
    if TypeKind::of(vm, args[0]) == TypeKind::Coroutine {
        return Err(type_err(vm, "'coroutine' object is not an iterator"));
    }
    if let Some(ch) = crate::stackless::channel_of(vm, args[0]) {
        if let (true, Some(d)) = (ch.closing() && ch.balance() <= 0, args.get(1)) {
            return ok(*d);
        }
        return crate::stackless::c_next(vm, Some(args[0]), Vec::new(), Vec::new());
    }
    if crate::vm::script_iterable(vm, args[0]) {
        return Ok(Native::Next(args[0], args.get(1).copied()));
    }
    match next(vm, args[0])? {
        Some(v) => ok(v),
        None => match args.get(1) {
            Some(d) => ok(*d),
            None => {
                let class = vm.exc_class("StopIteration");
                Err(vm.instantiate_exception(class, Vec::new()))
            }
        },
    }
}

fn values_iter(vm: &mut Vm, items: Vec<Value>) -> Value {
    Value::Obj(vm.heap.alloc(Obj::Iter(Iter::Values { items, index: 0 })))
}

pub(crate) fn b_enumerate(
    vm: &mut Vm,
    _: Option<Value>,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> BResult {
    arity(vm, "enumerate", &args, 1, 2)?;
    let start = match args.get(1).copied().or(kwarg(&kwargs, "start")) {
        Some(v) => expect_int(vm, v, "")?,
        None => 0,
    };
    if crate::vm::script_iterable(vm, args[0]) {
        let f = vm.shoal_helper("enumerate_")?;
        return Ok(Native::Call(f, vec![args[0], Value::Int(start)]));
    }
    let iter = get_iter(vm, args[0])?;
    ok(Value::Obj(
        vm.heap
            .alloc(Obj::Iter(Iter::Enumerate { iter, next: start })),
    ))
}

pub(crate) fn b_zip(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    if args.iter().any(|a| crate::vm::script_iterable(vm, *a)) {
        let f = vm.shoal_helper("zip_")?;
        return Ok(Native::Call(f, args));
    }
    let mut iters = Vec::with_capacity(args.len());
    for a in args {
        iters.push(get_iter(vm, a)?);
    }
    ok(Value::Obj(vm.heap.alloc(Obj::Iter(Iter::Zip { iters }))))
}

/// TypeError for a keyword argument `name()` does not take (`sorted`
/// reports as `sort`, as CPython does).
pub(crate) fn sort_kwargs(
    vm: &mut Vm,
    name: &str,
    kwargs: &Kwargs,
    allowed: &[&str],
) -> Result<(), Exc> {
    match kwargs.iter().find(|(k, _)| !allowed.contains(&&**k)) {
        Some((k, _)) => Err(type_err(
            vm,
            format!("'{k}' is an invalid keyword argument for {name}()"),
        )),
        None => Ok(()),
    }
}

pub(crate) fn b_reversed(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "reversed", &args, 1, 1)?;
    // Only sequences reverse: an iterator or a generator cannot.
    if let Value::Obj(id) = args[0]
        && matches!(
            vm.heap.get(id),
            Obj::Iter(_) | Obj::Generator(_) | Obj::Set(_) | Obj::Channel(_)
        )
    {
        let t = type_name(vm, args[0]);
        return Err(type_err(vm, format!("'{t}' object is not reversible")));
    }
    let mut items = collect(vm, args[0])?;
    items.reverse();
    ok(values_iter(vm, items))
}

/// Sorts `items` (by `key(item)` when given; the key is a built-in here,
/// script keys go to `<shoal>`), stably, with Python's comparisons;
/// `reverse` keeps equal items in their original order.
pub(crate) fn sort_items(
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
    let order = sort_permutation(vm, &keys, reverse)?;
    Ok(order.into_iter().map(|i| items[i]).collect())
}

/// The stable permutation that sorts `keys` with Python's `<`.
pub(crate) fn sort_permutation(
    vm: &mut Vm,
    keys: &[Value],
    reverse: bool,
) -> Result<Vec<usize>, Exc> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    if let Some(()) = sort_plain(vm, keys, reverse, &mut order) {
        return Ok(order);
    }
    // As CPython: a reverse sort reverses, sorts stably, and reverses
    // back, so that equal keys keep their order.
    if reverse {
        order.reverse();
    }
    let mut lt = |i: usize, j: usize| compare(vm, CmpOp::Lt, keys[i], keys[j]);
    if order.len() < 64 {
        small_sort(&mut order, &mut lt)?;
    } else {
        merge_sort(&mut order, &mut lt)?;
    }
    if reverse {
        order.reverse();
    }
    Ok(order)
}

/// CPython's sort of fewer than 64 items, step for step (so that a
/// comparison that is no order, a NaN or an inconsistent `__lt__`, gives
/// CPython's result, and `__lt__` is called as often and in the same
/// order): the run at the start (reversed if strictly descending), then
/// binary insertion of the rest.
fn small_sort(
    v: &mut [usize],
    lt: &mut impl FnMut(usize, usize) -> Result<bool, Exc>,
) -> Result<(), Exc> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    let mut run = 2;
    if lt(v[1], v[0])? {
        while run < n && lt(v[run], v[run - 1])? {
            run += 1;
        }
        v[..run].reverse();
    } else {
        while run < n && !lt(v[run], v[run - 1])? {
            run += 1;
        }
    }
    for start in run..n {
        let pivot = v[start];
        let (mut l, mut r) = (0, start);
        while l < r {
            let p = l + (r - l) / 2;
            if lt(pivot, v[p])? {
                r = p;
            } else {
                l = p + 1;
            }
        }
        v.copy_within(l..start, l + 1);
        v[l] = pivot;
    }
    Ok(())
}

/// A stable merge sort that takes the right item first only when it is
/// less than the left one: the order of any stable sort for a
/// consistent `<`, and never a failure for an inconsistent one.
fn merge_sort(
    v: &mut [usize],
    lt: &mut impl FnMut(usize, usize) -> Result<bool, Exc>,
) -> Result<(), Exc> {
    if v.len() < 64 {
        return small_sort(v, lt);
    }
    let mid = v.len() / 2;
    merge_sort(&mut v[..mid], lt)?;
    merge_sort(&mut v[mid..], lt)?;
    let left = v[..mid].to_vec();
    let (mut i, mut j, mut k) = (0, mid, 0);
    while i < left.len() && j < v.len() {
        if lt(v[j], left[i])? {
            v[k] = v[j];
            j += 1;
        } else {
            v[k] = left[i];
            i += 1;
        }
        k += 1;
    }
    while i < left.len() {
        v[k] = left[i];
        i += 1;
        k += 1;
    }
    Ok(())
}

/// Sorts `order` by `keys` without calling back into the VM when every
/// key is an int, every key is a float other than NaN, or every key is a
/// string: the order Python's `<` gives them, stable, in one pass of
/// Rust's sort. None (and `order` untouched) for anything else.
fn sort_plain(vm: &Vm, keys: &[Value], reverse: bool, order: &mut [usize]) -> Option<()> {
    fn by<K: Ord>(order: &mut [usize], keys: &[K], reverse: bool) {
        if reverse {
            order.sort_by(|&i, &j| keys[j].cmp(&keys[i]));
        } else {
            order.sort_by(|&i, &j| keys[i].cmp(&keys[j]));
        }
    }
    match keys.first()? {
        Value::Int(_) => {
            let ints: Option<Vec<i64>> = keys
                .iter()
                .map(|v| match v {
                    Value::Int(i) => Some(*i),
                    _ => None,
                })
                .collect();
            by(order, &ints?, reverse);
        }
        Value::Float(_) => {
            let floats: Option<Vec<OrdFloat>> = keys
                .iter()
                .map(|v| match v {
                    Value::Float(f) if !f.is_nan() => Some(OrdFloat(*f)),
                    _ => None,
                })
                .collect();
            by(order, &floats?, reverse);
        }
        Value::Obj(_) => {
            let strs: Option<Vec<std::rc::Rc<str>>> = keys
                .iter()
                .map(|v| match v {
                    Value::Obj(id) => match vm.heap.get(*id) {
                        crate::heap::Obj::Str(s) => Some(s.clone()),
                        _ => None,
                    },
                    _ => None,
                })
                .collect();
            by(order, &strs?, reverse);
        }
        _ => return None,
    }
    Some(())
}

/// A float that is not NaN, ordered as Python orders floats (`-0.0` and
/// `0.0` equal).
#[derive(PartialEq)]
struct OrdFloat(f64);

impl Eq for OrdFloat {}

impl PartialOrd for OrdFloat {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for OrdFloat {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0
            .partial_cmp(&other.0)
            .unwrap_or(std::cmp::Ordering::Equal)
    }
}

pub(crate) fn b_sorted(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    arity(vm, "sorted", &args, 1, 1)?;
    sort_kwargs(vm, "sort", &kwargs, &["key", "reverse"])?;
    let reverse = kwarg(&kwargs, "reverse").is_some_and(|r| truthy(vm, r));
    let items = collect(vm, args[0])?;
    let key = kwarg(&kwargs, "key").unwrap_or(Value::None);
    if script_callable(vm, key) || any_instance(vm, &items) {
        let f = vm.shoal_helper("sort_list")?;
        let list = new_list(vm, items);
        return Ok(Native::Call(f, vec![list, key, Value::Bool(reverse)]));
    }
    let sorted = sort_items(vm, items, Some(key), reverse)?;
    ok(new_list(vm, sorted))
}

pub(crate) fn b_any(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "any", &args, 1, 1)?;
    if crate::vm::script_iterable(vm, args[0]) || any_instance(vm, &args[..1]) {
        let f = vm.shoal_helper("any_")?;
        return Ok(Native::Call(f, vec![args[0]]));
    }
    for v in collect(vm, args[0])? {
        if truthy_mut(vm, v)? {
            return ok(Value::Bool(true));
        }
    }
    ok(Value::Bool(false))
}

pub(crate) fn b_all(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "all", &args, 1, 1)?;
    if crate::vm::script_iterable(vm, args[0]) || any_instance(vm, &args[..1]) {
        let f = vm.shoal_helper("all_")?;
        return Ok(Native::Call(f, vec![args[0]]));
    }
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

/// `round(i, ndigits)` of an int: ties to even, exact at any size.
fn round_int(vm: &mut Vm, i: num_bigint::BigInt, ndigits: Option<i64>) -> Result<Value, Exc> {
    use num_integer::Integer;
    let n = match ndigits {
        Some(n) if n < 0 => n.unsigned_abs(),
        _ => return int_value(vm, i),
    };
    if n as f64 * std::f64::consts::LOG2_10 > i.bits() as f64 + 1.0 {
        return Ok(Value::Int(0));
    }
    let p = num_traits::Pow::pow(num_bigint::BigInt::from(10), n);
    let (q, r) = i.div_mod_floor(&p);
    let twice: num_bigint::BigInt = &r * 2;
    let q = match twice.cmp(&p) {
        std::cmp::Ordering::Greater => q + 1,
        std::cmp::Ordering::Equal if q.is_odd() => q + 1,
        _ => q,
    };
    int_value(vm, q * p)
}

pub(crate) fn b_round(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "round", &args, 1, 2)?;
    // A subclass's own `__round__`, else the number it holds.
    let mut args = args;
    if let Some(inner) = crate::classes::native_value(vm, args[0])
        && !crate::classes::dunder(vm, args[0], "__round__").is_some_and(
            |f| matches!(f, Value::Obj(id) if matches!(vm.heap.get(id), Obj::Function(_))),
        )
    {
        args[0] = inner;
    }
    let ndigits = match args.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(expect_int(vm, *v, "")?),
    };
    if let Some(i) = int_of(vm, args[0]) {
        return ok(round_int(vm, i, ndigits)?);
    }
    match (args[0], ndigits) {
        (Value::Float(x), None) => {
            if x.is_nan() {
                return Err(vm.error("ValueError", "cannot convert float NaN to integer"));
            }
            ok(int_of_float(vm, round_half_even(x))?)
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

pub(crate) fn b_divmod(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "divmod", &args, 2, 2)?;
    let q = binary(vm, BinOp::FloorDiv, args[0], args[1], false)?;
    let r = binary(vm, BinOp::Mod, args[0], args[1], false)?;
    ok(new_tuple(vm, vec![q, r]))
}

pub(crate) fn b_chr(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "chr", &args, 1, 1)?;
    let i = expect_int(vm, args[0], "")?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => ok(new_str(vm, c.encode_utf8(&mut [0; 4]))),
        None => Err(vm.error("ValueError", "chr() arg not in range(0x110000)")),
    }
}

pub(crate) fn b_ord(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
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

/// `hash(v)`: CPython's (see [`crate::key_hash`]).
pub(crate) fn b_hash(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "hash", &args, 1, 1)?;
    if crate::classes::native_hash(vm, args[0]).is_none()
        && let Some(f) = crate::classes::dunder(vm, args[0], "__hash__")
        && f != Value::None
    {
        let h = vm.call_sync(f, vec![args[0]])?;
        return ok(Value::Int(hash_result(vm, h)?));
    }
    let k = key_of(vm, args[0])?;
    ok(Value::Int(crate::key_hash::key_hash(&k)))
}

pub(crate) fn b_id(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "id", &args, 1, 1)?;
    ok(Value::Int(match args[0] {
        Value::Obj(id) => 0x7f00_0000_0000 + id.0 as i64 * 16,
        Value::None => 1,
        Value::Bool(b) => 2 + b as i64,
        Value::Int(i) => i.wrapping_mul(31),
        Value::Float(x) => x.to_bits() as i64,
    }))
}

fn radix(vm: &mut Vm, args: &[Value], name: &str, prefix: &str, radix: u32) -> BResult {
    arity(vm, name, args, 1, 1)?;
    let v = if is_int(vm, args[0]) {
        args[0]
    } else {
        Value::Int(expect_int(vm, args[0], "")?)
    };
    let (digits, negative) = int_digits(vm, v, radix)?;
    let s = format!("{}{prefix}{digits}", if negative { "-" } else { "" });
    ok(new_str(vm, &s))
}

pub(crate) fn b_hex(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    radix(vm, &args, "hex", "0x", 16)
}

pub(crate) fn b_bin(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    radix(vm, &args, "bin", "0b", 2)
}

pub(crate) fn b_oct(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    radix(vm, &args, "oct", "0o", 8)
}

pub(crate) fn b_pow(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "pow", &args, 2, 3)?;
    if let Some(&m) = args.get(2)
        && m != Value::None
    {
        let (Some(b), Some(e), Some(m)) = (int_of(vm, args[0]), int_of(vm, args[1]), int_of(vm, m))
        else {
            return Err(type_err(
                vm,
                "pow() 3rd argument not allowed unless all arguments are integers",
            ));
        };
        return ok(pow_mod(vm, &b, &e, &m)?);
    }
    ok(binary(vm, BinOp::Pow, args[0], args[1], false)?)
}

pub(crate) fn b_callable(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "callable", &args, 1, 1)?;
    ok(Value::Bool(is_callable(vm, args[0])))
}

/// `callable(v)`.
pub(crate) fn is_callable(vm: &Vm, v: Value) -> bool {
    if crate::classes::dunder(vm, v, "__call__").is_some() {
        return true;
    }
    matches!(v, Value::Obj(id) if matches!(
        vm.heap.get(id),
        Obj::Function(_)
            | Obj::Builtin(_)
            | Obj::Method(..)
            | Obj::Unbound(_)
            | Obj::BoundMethod(..)
            | Obj::Type(_)
            | Obj::Class(_)
            | Obj::Tasklet(_)
    ))
}

pub(crate) fn b_getattr(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "getattr", &args, 2, 3)?;
    let name = expect_str(vm, args[1], "attribute name")?;
    if args.len() == 2
        && let Some(native) = vm.attr_native(args[0], &name)
    {
        return Ok(native);
    }
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

pub(crate) fn b_hasattr(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "hasattr", &args, 2, 2)?;
    let name = expect_str(vm, args[1], "attribute name")?;
    match vm.get_attr_pub(args[0], &name) {
        Ok(_) => ok(Value::Bool(true)),
        // Only AttributeError means "no such attribute".
        Err(e) if vm.exc_is(e, "AttributeError")? => ok(Value::Bool(false)),
        Err(e) => Err(e),
    }
}

pub(crate) fn b_map(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    if args.len() < 2 {
        return Err(type_err(vm, "map() must have at least two arguments."));
    }
    if script_callable(vm, args[0]) || args[1..].iter().any(|a| crate::vm::script_iterable(vm, *a))
    {
        let f = vm.shoal_helper("map_")?;
        return Ok(Native::Call(f, args));
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

pub(crate) fn b_filter(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "filter", &args, 2, 2)?;
    if script_callable(vm, args[0])
        || crate::vm::script_iterable(vm, args[1])
        || (args[0] == Value::None && any_instance(vm, &args[1..]))
    {
        let f = vm.shoal_helper("filter_")?;
        return Ok(Native::Call(f, args));
    }
    let iter = get_iter(vm, args[1])?;
    let it = Iter::Filter {
        func: args[0],
        iter,
    };
    ok(Value::Obj(vm.heap.alloc(Obj::Iter(it))))
}

pub(crate) fn b_format(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "format", &args, 1, 2)?;
    let spec = match args.get(1) {
        Some(v) => expect_str(vm, *v, "format() argument 2")?.to_string(),
        None => String::new(),
    };
    let s = format_value(vm, args[0], &spec)?;
    ok(new_str(vm, &s))
}

/// `ascii(obj)`: its repr, non-ASCII characters escaped.
pub(crate) fn b_ascii(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "ascii", &args, 1, 1)?;
    if str_method(vm, args[0], true).is_some() {
        let f = vm.shoal_helper("ascii_")?;
        return Ok(Native::Call(f, vec![args[0]]));
    }
    let r = repr_of(vm, args[0])?;
    let s = ascii_escape(&r);
    ok(new_str(vm, &s))
}

/// `exit(code=None)` and `quit(code=None)`: raise SystemExit.
pub(crate) fn b_exit(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "exit", &args, 0, 1)?;
    let class = vm.exc_class("SystemExit");
    let args = args.into_iter().filter(|v| *v != Value::None).collect();
    Err(vm.instantiate_exception(class, args))
}

/// `input(prompt="")`: a line of standard input, without its newline
/// (for a host that allows files, as `shoal run` does).
pub(crate) fn b_input(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "input", &args, 0, 1)?;
    if !vm.allow_open {
        return Err(vm.error(
            "PermissionError",
            "input() is not allowed in this sandbox (the host did not allow reading standard input)",
        ));
    }
    if let Some(p) = args.first() {
        let prompt = str_of(vm, *p)?;
        let _ = vm.out.write_all(prompt.as_bytes());
    }
    let _ = vm.out.flush();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => Err(vm.error("EOFError", "EOF when reading a line")),
        Ok(_) => {
            if line.ends_with('\n') {
                line.pop();
                if line.ends_with('\r') {
                    line.pop();
                }
            }
            ok(new_str(vm, &line))
        }
        Err(e) => Err(vm.error("OSError", e.to_string())),
    }
}
