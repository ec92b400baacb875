//! Binary and unary operators on built-in values (instances' dunders are
//! tried first, see [`crate::classes`]).

use super::*;

/// OverflowError for a result that does not fit where it must go.
pub(crate) fn overflow(vm: &mut Vm) -> Exc {
    vm.error(
        "OverflowError",
        "Python int too large to convert to C ssize_t",
    )
}

/// `(x // y, x % y)` for floats (y not zero), as CPython's
/// `float_divmod` computes them: from `fmod`, so that `q * y + r`
/// stays close to `x` (`5.0 // 0.1` is 49.0).
fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let q = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 { f + 1.0 } else { f }
    } else {
        0.0f64.copysign(x / y)
    };
    (q, m)
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

/// A binary operator with a big int operand: int arithmetic with another
/// int, float arithmetic with a float (the int converted, OverflowError
/// if it cannot be), OverflowError for repeating a sequence; None for
/// operand types that do not go together.
fn big_operand_binary(vm: &mut Vm, op: BinOp, a: Value, b: Value) -> Result<Option<Value>, Exc> {
    if op == BinOp::MatMul {
        return Ok(None);
    }
    if let (Some(x), Some(y)) = (int_of(vm, a), int_of(vm, b)) {
        return big_binary(vm, op, &x, &y).map(Some);
    }
    let as_float = |vm: &mut Vm, v: Value| -> Result<Option<f64>, Exc> {
        match v {
            Value::Float(f) => Ok(Some(f)),
            _ => match big_ref(vm, v).cloned() {
                Some(n) => big_to_f64(vm, &n).map(Some),
                None => Ok(None),
            },
        }
    };
    if matches!(a, Value::Float(_)) || matches!(b, Value::Float(_)) {
        let (Some(x), Some(y)) = (as_float(vm, a)?, as_float(vm, b)?) else {
            return Ok(None);
        };
        return builtin_binary(vm, op, Value::Float(x), Value::Float(y), false).map(Some);
    }
    if op == BinOp::Mul {
        let seq = if big_ref(vm, a).is_some() { b } else { a };
        if let Value::Obj(id) = seq
            && matches!(
                vm.heap.get(id),
                Obj::Str(_) | Obj::Bytes(_) | Obj::List(_) | Obj::Tuple(_)
            )
        {
            return Err(vm.error(
                "OverflowError",
                "cannot fit 'int' into an index-sized integer",
            ));
        }
    }
    Ok(None)
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
    builtin_binary(vm, op, a, b, inplace)
}

/// A binary operator on built-in values, dunders left aside (an instance
/// operand is only formatted or refused).
pub(crate) fn builtin_binary(
    vm: &mut Vm,
    op: BinOp,
    a: Value,
    b: Value,
    inplace: bool,
) -> Result<Value, Exc> {
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
                const EXACT: u64 = 1 << 53;
                if x.unsigned_abs() <= EXACT && y.unsigned_abs() <= EXACT {
                    return Ok(Value::Float(x as f64 / y as f64));
                }
                // Beyond 2**53 the operands are not exact floats.
                let q = true_div(vm, &x.into(), &y.into())?;
                return Ok(Value::Float(q));
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
                    return float_pow(vm, x as f64, y as f64);
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
            // Past 64 bits: the same operation on big ints.
            None => big_binary(vm, op, &x.into(), &y.into()),
        };
    }
    if (big_ref(vm, a).is_some() || big_ref(vm, b).is_some())
        && let Some(r) = big_operand_binary(vm, op, a, b)?
    {
        return Ok(r);
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
                float_divmod(x, y).0
            }
            BinOp::Mod => {
                if y == 0.0 {
                    return Err(vm.error("ZeroDivisionError", "float modulo"));
                }
                float_divmod(x, y).1
            }
            BinOp::Pow => return float_pow(vm, x, y),
            _ => return Err(unsupported(vm, op, a, b, inplace)),
        };
        return Ok(Value::Float(r));
    }
    // `+=` extends a list with any iterable, `*=` repeats it and `|=`
    // updates a dict, in place.
    if inplace && let Value::Obj(x) = a {
        match (op, vm.heap.get(x)) {
            (BinOp::Add, Obj::List(_)) => {
                let items = collect(vm, b)?;
                vm.heap.grew(items.len() * size_of::<Value>());
                if let Obj::List(p) = vm.heap.get_mut(x) {
                    p.extend(items);
                }
                return Ok(a);
            }
            (BinOp::Mul, Obj::List(p)) if matches!(b, Value::Int(_) | Value::Bool(_)) => {
                let n = match b {
                    Value::Int(n) => n.max(0) as usize,
                    _ => usize::from(b == Value::Bool(true)),
                };
                match (p.len() * size_of::<Value>()).checked_mul(n) {
                    Some(bytes) if bytes <= isize::MAX as usize / 2 => vm.reserve(bytes)?,
                    _ => return Err(vm.error("MemoryError", "")),
                }
                if let Obj::List(p) = vm.heap.get_mut(x) {
                    let once = std::mem::take(p);
                    *p = once.iter().copied().cycle().take(once.len() * n).collect();
                }
                return Ok(a);
            }
            (BinOp::Add, Obj::ByteArray(_)) => {
                let Some(more) = bytes_like(vm, b) else {
                    let t = type_name(vm, b);
                    return Err(type_err(vm, format!("can't concat {t} to bytearray")));
                };
                vm.heap.grew(more.len());
                if let Obj::ByteArray(p) = vm.heap.get_mut(x) {
                    p.extend(more);
                }
                return Ok(a);
            }
            (BinOp::Mul, Obj::ByteArray(p)) if matches!(b, Value::Int(_) | Value::Bool(_)) => {
                let n = match b {
                    Value::Int(n) => n.max(0) as usize,
                    _ => usize::from(b == Value::Bool(true)),
                };
                match p.len().checked_mul(n) {
                    Some(bytes) if bytes <= isize::MAX as usize / 2 => vm.reserve(bytes)?,
                    _ => return Err(vm.error("MemoryError", "")),
                }
                if let Obj::ByteArray(p) = vm.heap.get_mut(x) {
                    *p = p.repeat(n);
                }
                return Ok(a);
            }
            (BinOp::BitOr, Obj::Dict(_)) if matches!(b, Value::Obj(_)) => {
                dict_update(vm, a, b)?;
                return Ok(a);
            }
            _ => {}
        }
    }
    // Keys and items views act as sets: the result is a set of the left
    // operand's members, updated with the right one's.
    if matches!(
        op,
        BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor
    ) && (set_like_view(vm, a).is_some() || set_like_view(vm, b).is_some())
    {
        let left = make_set(vm, a)?;
        let right = make_set(vm, b)?;
        let inplace = op != BinOp::BitAnd;
        if let Some(r) = set_binary(vm, op, left, right, inplace) {
            return Ok(r);
        }
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
            (BinOp::Add, Obj::Bytes(_) | Obj::ByteArray(_), Obj::Bytes(_) | Obj::ByteArray(_)) => {
                // The result has the left operand's type.
                let array = matches!(vm.heap.get(x), Obj::ByteArray(_));
                let r = [byte_content(vm.heap.get(x)), byte_content(vm.heap.get(y))].concat();
                vm.reserve(r.len())?;
                return Ok(if array {
                    Value::Obj(vm.heap.alloc(Obj::ByteArray(r)))
                } else {
                    crate::files::new_bytes(vm, r)
                });
            }
            (_, Obj::Set(_), Obj::Set(_)) => {
                if let Some(r) = set_binary(vm, op, a, b, inplace) {
                    return Ok(r);
                }
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
    if op == BinOp::Mod
        && let Value::Obj(id) = a
        && let Obj::Bytes(_) | Obj::ByteArray(_) = vm.heap.get(id)
    {
        let array = matches!(vm.heap.get(id), Obj::ByteArray(_));
        let data = super::bytes::bytes_like(vm, a).unwrap_or_default();
        let r = super::format::percent_format_bytes(vm, &data, b)?;
        return Ok(match array {
            true => Value::Obj(vm.heap.alloc(Obj::ByteArray(r))),
            false => crate::files::new_bytes(vm, r),
        });
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
            // What the result would hold, checked before it is made.
            let unit = match vm.heap.get(id) {
                Obj::Str(s) => s.len(),
                Obj::Bytes(b) => b.len(),
                Obj::ByteArray(b) => b.len(),
                Obj::List(items) | Obj::Tuple(items) => items.len() * size_of::<Value>(),
                _ => 0,
            };
            match unit.checked_mul(n) {
                Some(bytes) if bytes <= isize::MAX as usize / 2 => vm.reserve(bytes)?,
                _ => return Err(vm.error("MemoryError", "")),
            }
            match vm.heap.get(id) {
                Obj::Str(s) => {
                    let r = s.repeat(n);
                    return Ok(new_str(vm, &r));
                }
                Obj::Bytes(b) => {
                    let r = b.repeat(n);
                    return Ok(crate::files::new_bytes(vm, r));
                }
                Obj::ByteArray(b) => {
                    let r = b.repeat(n);
                    return Ok(Value::Obj(vm.heap.alloc(Obj::ByteArray(r))));
                }
                Obj::List(items) | Obj::Tuple(items) => {
                    let is_list = matches!(vm.heap.get(id), Obj::List(_));
                    let r: Vec<Value> = items
                        .iter()
                        .copied()
                        .cycle()
                        .take(items.len() * n)
                        .collect();
                    return Ok(if is_list {
                        new_list(vm, r)
                    } else {
                        new_tuple(vm, r)
                    });
                }
                _ => {}
            }
        }
    }
    Err(unsupported(vm, op, a, b, inplace))
}

pub(crate) fn dunder_names(op: BinOp) -> (&'static str, &'static str, &'static str) {
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

pub(crate) fn unsupported(vm: &mut Vm, op: BinOp, a: Value, b: Value, inplace: bool) -> Exc {
    let (ta, tb) = (type_name(vm, a), type_name(vm, b));
    if op == BinOp::Add && ta == "str" && tb != "str" {
        return type_err(
            vm,
            format!("can only concatenate str (not \"{tb}\") to str"),
        );
    }
    if op == BinOp::Add && (ta == "list" || ta == "tuple") && ta != tb {
        return type_err(
            vm,
            format!("can only concatenate {ta} (not \"{tb}\") to {ta}"),
        );
    }
    if op == BinOp::Add && (ta == "bytes" || ta == "bytearray") {
        return type_err(vm, format!("can't concat {tb} to {ta}"));
    }
    if op == BinOp::Mul
        && matches!(
            ta.as_str(),
            "str" | "list" | "tuple" | "bytes" | "bytearray"
        )
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
    if op != UnaryOp::Not
        && let Some(n) = big_ref(vm, a).cloned()
    {
        return big_unary(vm, Some(op), &n);
    }
    Ok(match (op, a) {
        (UnaryOp::Not, v) => Value::Bool(!truthy_mut(vm, v)?),
        (UnaryOp::Neg, Value::Int(i)) => match i.checked_neg() {
            Some(n) => Value::Int(n),
            None => return big_unary(vm, Some(op), &i.into()),
        },
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
