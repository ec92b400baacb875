//! The methods of `int`, `bool` and `float` beyond `int`'s own (see
//! `int.rs`): the operator dunders (`(5).__add__(3)`, `float.__lt__`),
//! which return `NotImplemented` for an operand of another type as
//! CPython's do, `float`'s methods (`is_integer`, `as_integer_ratio`,
//! `hex`, `fromhex`), and the attributes `real`, `imag`, `numerator`
//! and `denominator`.

use super::*;
use crate::module::NativeFn;
use num_bigint::BigInt;

/// `NotImplemented`.
fn not_implemented_value(vm: &Vm) -> Value {
    vm.builtins
        .get("NotImplemented")
        .copied()
        .unwrap_or(Value::None)
}

/// Whether `other` is an operand the number `recv` takes: another int
/// for an int, an int or a float for a float.
fn takes(vm: &Vm, recv: Value, other: Value) -> bool {
    match recv {
        Value::Float(_) => matches!(other, Value::Float(_)) || is_int(vm, other),
        _ => is_int(vm, other),
    }
}

/// The operands of a binary dunder, in the order the operator takes
/// them (`arg op recv` when reflected); None when the receiver does not
/// take the argument (the dunder answers NotImplemented).
fn operands(
    vm: &mut Vm,
    name: &str,
    reflected: bool,
    recv: Option<Value>,
    args: &[Value],
) -> Result<Option<(Value, Value)>, Exc> {
    arity(vm, name, args, 1, 1)?;
    let recv = recv.unwrap_or_default();
    if !takes(vm, recv, args[0]) {
        return Ok(None);
    }
    Ok(Some(if reflected {
        (args[0], recv)
    } else {
        (recv, args[0])
    }))
}

/// A binary dunder: `recv op arg` (or `arg op recv` when reflected).
fn binary_dunder(
    vm: &mut Vm,
    name: &str,
    op: BinOp,
    reflected: bool,
    recv: Option<Value>,
    args: Vec<Value>,
) -> BResult {
    match operands(vm, name, reflected, recv, &args)? {
        Some((a, b)) => ok(builtin_binary(vm, op, a, b, false)?),
        None => ok(not_implemented_value(vm)),
    }
}

/// A comparison dunder.
fn compare_dunder(
    vm: &mut Vm,
    name: &str,
    op: CmpOp,
    recv: Option<Value>,
    args: Vec<Value>,
) -> BResult {
    arity(vm, name, &args, 1, 1)?;
    let recv = recv.unwrap_or_default();
    if !takes(vm, recv, args[0]) {
        return ok(not_implemented_value(vm));
    }
    ok(Value::Bool(compare(vm, op, recv, args[0])?))
}

/// Defines the binary and comparison dunders and their table.
macro_rules! dunders {
    (
        binary { $($bf:ident = $bname:literal, $bop:ident, $refl:literal;)* }
        compare { $($cf:ident = $cname:literal, $cop:ident;)* }
    ) => {
        $(
            fn $bf(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
                binary_dunder(vm, $bname, BinOp::$bop, $refl, recv, args)
            }
        )*
        $(
            fn $cf(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
                compare_dunder(vm, $cname, CmpOp::$cop, recv, args)
            }
        )*
        /// The binary dunders of ints and floats (the bitwise ones are
        /// for ints only).
        const BINARY_DUNDERS: &[(&str, NativeFn, bool)] = &[
            $(($bname, $bf as NativeFn, matches!(BinOp::$bop, BinOp::LShift | BinOp::RShift | BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor))),*
        ];
        /// The comparison dunders.
        const COMPARE_DUNDERS: &[(&str, NativeFn)] = &[$(($cname, $cf as NativeFn)),*];
    };
}

dunders! {
    binary {
    d_add = "__add__", Add, false;
    d_radd = "__radd__", Add, true;
    d_sub = "__sub__", Sub, false;
    d_rsub = "__rsub__", Sub, true;
    d_mul = "__mul__", Mul, false;
    d_rmul = "__rmul__", Mul, true;
    d_truediv = "__truediv__", Div, false;
    d_rtruediv = "__rtruediv__", Div, true;
    d_floordiv = "__floordiv__", FloorDiv, false;
    d_rfloordiv = "__rfloordiv__", FloorDiv, true;
    d_mod = "__mod__", Mod, false;
    d_rmod = "__rmod__", Mod, true;
    d_pow = "__pow__", Pow, false;
    d_rpow = "__rpow__", Pow, true;
    d_lshift = "__lshift__", LShift, false;
    d_rlshift = "__rlshift__", LShift, true;
    d_rshift = "__rshift__", RShift, false;
    d_rrshift = "__rrshift__", RShift, true;
    d_and = "__and__", BitAnd, false;
    d_rand = "__rand__", BitAnd, true;
    d_or = "__or__", BitOr, false;
    d_ror = "__ror__", BitOr, true;
    d_xor = "__xor__", BitXor, false;
    d_rxor = "__rxor__", BitXor, true;
    }
    compare {
    d_eq = "__eq__", Eq;
    d_ne = "__ne__", NotEq;
    d_lt = "__lt__", Lt;
    d_le = "__le__", LtE;
    d_gt = "__gt__", Gt;
    d_ge = "__ge__", GtE;
    }
}

fn divmod_dunder(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, reflected: bool) -> BResult {
    let name = if reflected {
        "__rdivmod__"
    } else {
        "__divmod__"
    };
    let Some((a, b)) = operands(vm, name, reflected, recv, &args)? else {
        return ok(not_implemented_value(vm));
    };
    let q = builtin_binary(vm, BinOp::FloorDiv, a, b, false)?;
    let r = builtin_binary(vm, BinOp::Mod, a, b, false)?;
    ok(new_tuple(vm, vec![q, r]))
}

fn d_divmod(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    divmod_dunder(vm, recv, args, false)
}

fn d_rdivmod(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    divmod_dunder(vm, recv, args, true)
}

fn unary_dunder(
    vm: &mut Vm,
    name: &str,
    recv: Option<Value>,
    args: &[Value],
) -> Result<Value, Exc> {
    arity(vm, name, args, 0, 0)?;
    Ok(recv.unwrap_or_default())
}

fn d_neg(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    let v = unary_dunder(vm, "__neg__", recv, &args)?;
    ok(unary(vm, UnaryOp::Neg, v)?)
}

fn d_pos(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    let v = unary_dunder(vm, "__pos__", recv, &args)?;
    ok(unary(vm, UnaryOp::Pos, v)?)
}

fn d_invert(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    let v = unary_dunder(vm, "__invert__", recv, &args)?;
    ok(unary(vm, UnaryOp::Invert, v)?)
}

fn d_abs(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    let v = unary_dunder(vm, "__abs__", recv, &args)?;
    b_abs(vm, None, vec![v], Vec::new())
}

fn d_bool(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    let v = unary_dunder(vm, "__bool__", recv, &args)?;
    ok(Value::Bool(truthy(vm, v)))
}

fn d_int(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    let v = unary_dunder(vm, "__int__", recv, &args)?;
    ok(construct(vm, TypeKind::Int, vec![v], Vec::new())?)
}

fn d_float(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    let v = unary_dunder(vm, "__float__", recv, &args)?;
    ok(construct(vm, TypeKind::Float, vec![v], Vec::new())?)
}

/// `__trunc__`, `__floor__` and `__ceil__`: an int.
fn rounding(
    vm: &mut Vm,
    name: &str,
    recv: Option<Value>,
    args: &[Value],
    f: fn(f64) -> f64,
) -> BResult {
    let v = unary_dunder(vm, name, recv, args)?;
    match v {
        Value::Float(x) => ok(int_of_float(vm, f(x))?),
        _ => {
            let n = int_of(vm, v).unwrap_or_default();
            ok(int_value(vm, n)?)
        }
    }
}

fn d_trunc(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    rounding(vm, "__trunc__", recv, &args, f64::trunc)
}

fn d_floor(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    rounding(vm, "__floor__", recv, &args, f64::floor)
}

fn d_ceil(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    rounding(vm, "__ceil__", recv, &args, f64::ceil)
}

fn d_round(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "__round__", &args, 0, 1)?;
    let mut all = vec![recv.unwrap_or_default()];
    all.extend(args);
    b_round(vm, None, all, Vec::new())
}

fn d_getnewargs(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    let v = unary_dunder(vm, "__getnewargs__", recv, &args)?;
    ok(new_tuple(vm, vec![v]))
}

/// The float a float method is called on.
fn float_receiver(vm: &mut Vm, recv: Option<Value>) -> Result<f64, Exc> {
    match recv {
        Some(Value::Float(x)) => Ok(x),
        _ => Err(type_err(vm, "descriptor requires a 'float' object")),
    }
}

fn f_is_integer(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "is_integer", &args, 0, 0)?;
    let x = float_receiver(vm, recv)?;
    ok(Value::Bool(x.is_finite() && x.fract() == 0.0))
}

fn f_as_integer_ratio(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "as_integer_ratio", &args, 0, 0)?;
    let x = float_receiver(vm, recv)?;
    if x.is_nan() {
        return Err(vm.error("ValueError", "cannot convert NaN to integer ratio"));
    }
    if x.is_infinite() {
        return Err(vm.error("OverflowError", "cannot convert Infinity to integer ratio"));
    }
    // x = mantissa * 2**exp, reduced by the mantissa's trailing zeros.
    let bits = x.to_bits();
    let raw_exp = ((bits >> 52) & 0x7ff) as i64;
    let (mut mant, mut exp) = if raw_exp == 0 {
        (bits & ((1 << 52) - 1), -1074)
    } else {
        ((bits & ((1 << 52) - 1)) | (1 << 52), raw_exp - 1075)
    };
    if mant == 0 {
        return ok(new_tuple(vm, vec![Value::Int(0), Value::Int(1)]));
    }
    let tz = mant.trailing_zeros() as i64;
    mant >>= tz;
    exp += tz;
    let mut num = BigInt::from(mant);
    if x < 0.0 {
        num = -num;
    }
    let (num, den) = if exp >= 0 {
        (num << exp as u64, BigInt::from(1))
    } else {
        (num, BigInt::from(1) << (-exp) as u64)
    };
    let (n, d) = (int_value(vm, num)?, int_value(vm, den)?);
    ok(new_tuple(vm, vec![n, d]))
}

fn f_conjugate(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "conjugate", &args, 0, 0)?;
    ok(Value::Float(float_receiver(vm, recv)?))
}

/// `float.hex()`: `[-]0x1.<13 hex digits>p<exp>`, as CPython writes it.
fn f_hex(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "hex", &args, 0, 0)?;
    let x = float_receiver(vm, recv)?;
    let s = float_hex(x);
    ok(new_str(vm, &s))
}

/// The text of `float.hex()`.
pub(crate) fn float_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let raw_exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (lead, exp) = if raw_exp == 0 {
        (0, -1022)
    } else {
        (1, raw_exp - 1023)
    };
    let esign = if exp < 0 { '-' } else { '+' };
    format!("{sign}0x{lead}.{frac:013x}p{esign}{}", exp.abs())
}

/// `float.fromhex(s)`.
fn f_fromhex(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "fromhex", &args, 1, 1)?;
    let s = expect_str(vm, args[0], "fromhex() argument")?;
    match parse_float_hex(&s) {
        Some(Ok(x)) => ok(Value::Float(x)),
        Some(Err(())) => Err(vm.error(
            "OverflowError",
            "hexadecimal value too large to represent as a float",
        )),
        None => Err(vm.error("ValueError", "invalid hexadecimal floating-point string")),
    }
}

/// Parses CPython's `float.fromhex` syntax: `[sign] ['0x'] hexdigits
/// ['.' hexdigits] ['p' [sign] digits]`, `inf`, `nan`; `Some(Err)` when
/// it overflows.
fn parse_float_hex(text: &str) -> Option<Result<f64, ()>> {
    let t = text.trim();
    let (negative, rest) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = rest.to_ascii_lowercase();
    let special = match lower.as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(x) = special {
        return Some(Ok(if negative { -x } else { x }));
    }
    let body = lower.strip_prefix("0x").unwrap_or(&lower);
    let (mantissa, exp) = match body.split_once('p') {
        Some((m, e)) => (m, e.parse::<i64>().ok()?),
        None => (body, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    let digits: Vec<u32> = int_part
        .chars()
        .chain(frac_part.chars())
        .map(|c| c.to_digit(16))
        .collect::<Option<_>>()?;
    // The exact value as a big int times 2**(exp - 4 * fraction digits).
    let mut n = BigInt::from(0);
    for d in &digits {
        n = (n << 4u32) + *d;
    }
    let scale = exp.checked_sub(4 * frac_part.len() as i64)?;
    if n == BigInt::from(0) {
        return Some(Ok(if negative { -0.0 } else { 0.0 }));
    }
    let top = n.bits() as i64 + scale;
    if top > 1025 {
        return Some(Err(()));
    }
    if top < -1100 {
        return Some(Ok(if negative { -0.0 } else { 0.0 }));
    }
    let x = if scale >= 0 {
        int_exact_f64(&(n << scale as u64))
    } else {
        ratio_to_f64(&n, &(BigInt::from(1) << (-scale) as u64))
    };
    match x {
        Some(x) if x.is_finite() => Some(Ok(if negative { -x } else { x })),
        _ => Some(Err(())),
    }
}

/// A big int as the nearest float (None past the float range).
fn int_exact_f64(n: &BigInt) -> Option<f64> {
    use num_traits::ToPrimitive;
    n.to_f64().filter(|x| x.is_finite())
}

/// The attributes of numbers: `real`, `imag`, and for ints `numerator`
/// and `denominator`.
pub(crate) fn number_attr(vm: &mut Vm, v: Value, name: &str) -> Option<Result<Value, Exc>> {
    let int = is_int(vm, v);
    let float = matches!(v, Value::Float(_));
    if !int && !float {
        return None;
    }
    Some(match (name, v) {
        ("real", Value::Bool(b)) => Ok(Value::Int(b as i64)),
        ("real", _) => Ok(v),
        ("imag", Value::Float(_)) => Ok(Value::Float(0.0)),
        ("imag", _) => Ok(Value::Int(0)),
        ("numerator", Value::Bool(b)) if int => Ok(Value::Int(b as i64)),
        ("numerator", _) if int => Ok(v),
        ("denominator", _) if int => Ok(Value::Int(1)),
        _ => return None,
    })
}

/// Registers the methods of ints, bools and floats.
pub(crate) fn methods(m: NativeModule) -> NativeModule {
    use TypeKind as T;
    let mut m = m;
    for kind in [T::Int, T::Bool, T::Float] {
        for (name, f, bitwise) in BINARY_DUNDERS {
            if kind != T::Float || !*bitwise {
                m = m.method(kind, name, *f);
            }
        }
        for (name, f) in COMPARE_DUNDERS {
            m = m.method(kind, name, *f);
        }
        m = m
            .method(kind, "__divmod__", d_divmod)
            .method(kind, "__rdivmod__", d_rdivmod)
            .method(kind, "__neg__", d_neg)
            .method(kind, "__pos__", d_pos)
            .method(kind, "__abs__", d_abs)
            .method(kind, "__bool__", d_bool)
            .method(kind, "__int__", d_int)
            .method(kind, "__float__", d_float)
            .method(kind, "__trunc__", d_trunc)
            .method(kind, "__floor__", d_floor)
            .method(kind, "__ceil__", d_ceil)
            .method(kind, "__round__", d_round)
            .method(kind, "__getnewargs__", d_getnewargs);
        if kind != T::Float {
            m = m.method(kind, "__invert__", d_invert);
        }
    }
    m.method(T::Float, "is_integer", f_is_integer)
        .method(T::Float, "as_integer_ratio", f_as_integer_ratio)
        .method(T::Float, "conjugate", f_conjugate)
        .method(T::Float, "hex", f_hex)
        .native(Owner::ClassMethod(T::Float), "fromhex", f_fromhex)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_hex_matches_cpython() {
        assert_eq!(float_hex(2.5), "0x1.4000000000000p+1");
        assert_eq!(float_hex(-0.1), "-0x1.999999999999ap-4");
        assert_eq!(float_hex(5e-324), "0x0.0000000000001p-1022");
        assert_eq!(float_hex(0.0), "0x0.0p+0");
        assert_eq!(parse_float_hex("0x1.4p+1"), Some(Ok(2.5)));
        assert_eq!(parse_float_hex("-0x1.999999999999ap-4"), Some(Ok(-0.1)));
        assert_eq!(parse_float_hex("0x1p2000"), Some(Err(())));
        assert_eq!(parse_float_hex("zz"), None);
    }
}
