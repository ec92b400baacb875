//! Integers of any size, as CPython has them.
//!
//! An int that fits 64 bits is a [`Value::Int`], held inline, and the
//! fast paths (the interpreter's loop, `binary`, `compare`) handle it
//! without touching this file. An int outside that range is an
//! [`Obj::BigInt`] on the heap (never one that fits: [`int_value`] keeps
//! the two apart), and everything here works on [`BigInt`]s from the
//! `num-bigint` crate: the operators once a 64-bit result would overflow,
//! exact comparison with floats, CPython's modular `hash`, correctly
//! rounded true division and int-to-float conversion, parsing and
//! printing in any base (with CPython's 4300-digit limit on decimal
//! conversion), and the methods of `int`.
//!
//! Ints are limited to [`MAX_INT_BITS`] bits, so that no single operation
//! on them runs for long: going over raises OverflowError.

use super::*;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;

/// The most bits an int may have (about 1.26 million decimal digits).
pub(crate) const MAX_INT_BITS: u64 = 1 << 22;

/// CPython's default `sys.get_int_max_str_digits()`.
pub(crate) const DEFAULT_MAX_STR_DIGITS: usize = 4300;

/// The smallest limit `sys.set_int_max_str_digits` takes (besides 0).
const MIN_MAX_STR_DIGITS: usize = 640;

/// The modulus of CPython's numeric hash: 2**61 - 1.
const HASH_MODULUS: u64 = (1 << 61) - 1;

/// The most work `pow(b, e, m)` may do: bits of `e` times the square of
/// the words of `m` (about a second; RSA-8192 is 1.3e8).
const MAX_MODPOW_WORK: f64 = 2e8;

/// The most work a gcd (and a modular inverse) may do: bits times words
/// of the larger operand (about a second: ints of some 300,000 bits).
const MAX_GCD_WORK: f64 = 1.5e9;

/// Whether the gcd of `a` and `b` is within [`MAX_GCD_WORK`].
pub(crate) fn gcd_work_ok(a: &BigInt, b: &BigInt) -> bool {
    let bits = a.bits().max(b.bits()) as f64;
    bits * (bits / 64.0).ceil() <= MAX_GCD_WORK
}

/// The big int an object holds, if it is one.
pub(crate) fn big_ref(vm: &Vm, v: Value) -> Option<&BigInt> {
    match v {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::BigInt(n) => Some(n),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `v` is an int of any size (or a bool).
pub(crate) fn is_int(vm: &Vm, v: Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_)) || big_ref(vm, v).is_some()
}

/// The value of an int of any size (or a bool), as a big int.
pub(crate) fn int_of(vm: &Vm, v: Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(i)),
        Value::Bool(b) => Some(BigInt::from(b as i64)),
        _ => big_ref(vm, v).cloned(),
    }
}

/// OverflowError for an int over [`MAX_INT_BITS`].
fn too_big(vm: &mut Vm) -> Exc {
    vm.error(
        "OverflowError",
        format!("int too large: Shoal's ints hold at most {MAX_INT_BITS} bits"),
    )
}

/// The script value of `n`: inline if it fits 64 bits, on the heap if
/// not; OverflowError beyond [`MAX_INT_BITS`].
pub(crate) fn int_value(vm: &mut Vm, n: BigInt) -> Result<Value, Exc> {
    if let Some(i) = n.to_i64() {
        return Ok(Value::Int(i));
    }
    if n.bits() > MAX_INT_BITS {
        return Err(too_big(vm));
    }
    vm.reserve((n.bits() / 8) as usize)?;
    Ok(Value::Obj(vm.heap.alloc(Obj::BigInt(Box::new(n)))))
}

/// `float(n)`, correctly rounded; OverflowError when out of range.
pub(crate) fn big_to_f64(vm: &mut Vm, n: &BigInt) -> Result<f64, Exc> {
    let bits = n.bits();
    if bits <= 53 {
        return Ok(n.to_i64().unwrap_or(0) as f64);
    }
    if bits > 1024 {
        return Err(vm.error("OverflowError", "int too large to convert to float"));
    }
    // Keep 55 bits with a sticky bit, then round once to 53.
    let shift = bits - 55;
    let mag = n.magnitude();
    let mut top = (mag >> shift).to_u64().unwrap_or(0);
    if mag.trailing_zeros().unwrap_or(0) < shift {
        top |= 1;
    }
    let x = round_to_f64(top, shift as i64, 53);
    if x.is_infinite() {
        return Err(vm.error("OverflowError", "int too large to convert to float"));
    }
    Ok(if n.is_negative() { -x } else { x })
}

/// `m * 2**exp` rounded (half to even) to `keep` significant bits, where
/// the lowest bit of `m` is sticky (set if anything below was dropped)
/// and `m` has at least two bits more than `keep`, or is exact.
fn round_to_f64(m: u64, exp: i64, keep: u32) -> f64 {
    let len = 64 - m.leading_zeros();
    let mut mant = m;
    let mut e = exp;
    if len > keep {
        let drop = len - keep;
        let rem = mant & ((1u64 << drop) - 1);
        let half = 1u64 << (drop - 1);
        mant >>= drop;
        e += drop as i64;
        if rem > half || (rem == half && mant & 1 == 1) {
            mant += 1;
        }
    }
    ldexp(mant as f64, e)
}

/// `x * 2**e`, exact while the result is representable.
fn ldexp(mut x: f64, mut e: i64) -> f64 {
    while e > 1000 {
        x *= 2f64.powi(1000);
        e -= 1000;
        if x.is_infinite() {
            return x;
        }
    }
    while e < -1000 {
        x *= 2f64.powi(-1000);
        e += 1000;
        if x == 0.0 {
            return x;
        }
    }
    x * 2f64.powi(e as i32)
}

/// `a / b` for ints, correctly rounded as CPython does.
pub(crate) fn true_div(vm: &mut Vm, a: &BigInt, b: &BigInt) -> Result<f64, Exc> {
    if b.is_zero() {
        return Err(vm.error("ZeroDivisionError", "division by zero"));
    }
    ratio_to_f64(a, b).ok_or_else(|| {
        vm.error(
            "OverflowError",
            "integer division result too large for a float",
        )
    })
}

/// `a / b` (b not zero) correctly rounded to a float; None when it is
/// too large for one.
pub(crate) fn ratio_to_f64(a: &BigInt, b: &BigInt) -> Option<f64> {
    let negative = a.is_negative() != b.is_negative();
    if a.is_zero() {
        return Some(if negative { -0.0 } else { 0.0 });
    }
    if a.bits() <= 53 && b.bits() <= 53 {
        let (x, y) = (
            a.to_i64().unwrap_or(0) as f64,
            b.to_i64().unwrap_or(0) as f64,
        );
        return Some(x / y);
    }
    let (x, y) = (a.magnitude(), b.magnitude());
    // Scale so that the quotient has 55 or 56 bits, then round once.
    let shift = b.bits() as i64 - a.bits() as i64 + 55;
    let (q, r) = if shift >= 0 {
        (x << shift as u64).div_rem(y)
    } else {
        x.div_rem(&(y << (-shift) as u64))
    };
    let mut q = q.to_u64().unwrap_or(u64::MAX);
    if !r.is_zero() {
        q |= 1;
    }
    // The exponent of the result's leading bit decides how many bits
    // a subnormal keeps.
    let top = (64 - q.leading_zeros()) as i64 - 1 - shift;
    if top > 1023 {
        return None;
    }
    let keep = if top >= -1022 {
        53
    } else {
        (53 - (-1022 - top)).max(0) as u32
    };
    let x = if keep == 0 {
        // Below half the smallest subnormal, or rounding up to it.
        let half_ulp = -1075;
        if top > half_ulp || (top == half_ulp && q.count_ones() > 1) {
            ldexp(1.0, -1074)
        } else {
            0.0
        }
    } else {
        round_to_f64(q, -shift, keep)
    };
    if x.is_infinite() {
        return None;
    }
    Some(if negative { -x } else { x })
}

/// The exact comparison of an int with a float (None for NaN).
pub(crate) fn cmp_int_float(n: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    if n.bits() <= 53 {
        return (n.to_i64().unwrap_or(0) as f64).partial_cmp(&f);
    }
    let floor = f.floor();
    let whole = float_to_big(floor);
    Some(match n.cmp(&whole) {
        Ordering::Equal if f > floor => Ordering::Less,
        o => o,
    })
}

/// The exact integer value of a finite float with no fraction.
pub(crate) fn float_to_big(f: f64) -> BigInt {
    if f.abs() < 9.0e18 {
        return BigInt::from(f as i64);
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64 - 1075;
    let mant = (bits & ((1 << 52) - 1)) | (1 << 52);
    let mag = if exp >= 0 {
        BigInt::from(mant) << exp as u64
    } else {
        BigInt::from(mant >> (-exp).min(63) as u64)
    };
    if f < 0.0 { -mag } else { mag }
}

/// `int(x)` of a float: ValueError/OverflowError for NaN and infinities.
pub(crate) fn int_of_float(vm: &mut Vm, f: f64) -> Result<Value, Exc> {
    if f.is_nan() {
        return Err(vm.error("ValueError", "cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.error("OverflowError", "cannot convert float infinity to integer"));
    }
    let t = f.trunc();
    if t.abs() < 9.0e18 {
        return Ok(Value::Int(t as i64));
    }
    int_value(vm, float_to_big(t))
}

/// CPython's hash of a big int.
pub(crate) fn hash_big(n: &BigInt) -> i64 {
    let h = (n.magnitude() % HASH_MODULUS).to_u64().unwrap_or(0) as i64;
    let h = if n.is_negative() { -h } else { h };
    if h == -1 { -2 } else { h }
}

/// A binary operator on two ints of any size (at least one big, or a
/// 64-bit result that overflowed).
pub(crate) fn big_binary(vm: &mut Vm, op: BinOp, x: &BigInt, y: &BigInt) -> Result<Value, Exc> {
    let r = match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => {
            if x.bits() + y.bits() > MAX_INT_BITS + 1 {
                return Err(too_big(vm));
            }
            x * y
        }
        BinOp::Div => return Ok(Value::Float(true_div(vm, x, y)?)),
        BinOp::FloorDiv | BinOp::Mod => {
            if y.is_zero() {
                let msg = if op == BinOp::Mod {
                    "integer modulo by zero"
                } else {
                    "integer division or modulo by zero"
                };
                return Err(vm.error("ZeroDivisionError", msg));
            }
            if op == BinOp::FloorDiv {
                x.div_floor(y)
            } else {
                x.mod_floor(y)
            }
        }
        BinOp::Pow => return int_pow(vm, x, y),
        BinOp::LShift => {
            if y.is_negative() {
                return Err(vm.error("ValueError", "negative shift count"));
            }
            if x.is_zero() {
                return Ok(Value::Int(0));
            }
            match y.to_u64() {
                Some(s) if x.bits() + s <= MAX_INT_BITS => x << s,
                _ => return Err(too_big(vm)),
            }
        }
        BinOp::RShift => {
            if y.is_negative() {
                return Err(vm.error("ValueError", "negative shift count"));
            }
            match y.to_u64() {
                Some(s) if s < x.bits() => x >> s,
                _ => BigInt::from(if x.is_negative() { -1 } else { 0 }),
            }
        }
        BinOp::BitAnd => x & y,
        BinOp::BitOr => x | y,
        BinOp::BitXor => x ^ y,
        BinOp::MatMul => unreachable_matmul(),
    };
    int_value(vm, r)
}

/// `@` never reaches here: [`builtin_binary`] refuses it for ints first.
fn unreachable_matmul() -> BigInt {
    BigInt::zero()
}

/// `x ** y` for ints: an int for `y >= 0`, a float otherwise.
fn int_pow(vm: &mut Vm, x: &BigInt, y: &BigInt) -> Result<Value, Exc> {
    if y.is_negative() {
        if x.is_zero() {
            return Err(vm.error(
                "ZeroDivisionError",
                "0.0 cannot be raised to a negative power",
            ));
        }
        let (fx, fy) = (big_to_f64(vm, x)?, big_to_f64(vm, y)?);
        return float_pow(vm, fx, fy);
    }
    if x.is_zero() || x.is_one() {
        return int_value(
            vm,
            if y.is_zero() {
                BigInt::one()
            } else {
                x.clone()
            },
        );
    }
    if *x == BigInt::from(-1) {
        return Ok(Value::Int(if y.is_even() { 1 } else { -1 }));
    }
    let e = match y.to_u64() {
        Some(e) if (x.bits() - 1).saturating_mul(e) < MAX_INT_BITS => e,
        _ => return Err(too_big(vm)),
    };
    let r = num_traits::Pow::pow(x, e);
    int_value(vm, r)
}

/// `x ** y` for floats, raising OverflowError where CPython does.
pub(crate) fn float_pow(vm: &mut Vm, x: f64, y: f64) -> Result<Value, Exc> {
    if x == 0.0 && y < 0.0 {
        return Err(vm.error(
            "ZeroDivisionError",
            "0.0 cannot be raised to a negative power",
        ));
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(vm.error("OverflowError", "(34, 'Numerical result out of range')"));
    }
    Ok(Value::Float(r))
}

/// `pow(base, exp, modulus)` for ints of any size.
pub(crate) fn pow_mod(vm: &mut Vm, b: &BigInt, e: &BigInt, m: &BigInt) -> Result<Value, Exc> {
    if m.is_zero() {
        return Err(vm.error("ValueError", "pow() 3rd argument cannot be 0"));
    }
    let modulus = m.abs();
    if modulus.is_one() {
        return Ok(Value::Int(0));
    }
    let mut base = b.mod_floor(&modulus);
    let mut exp = e.clone();
    if exp.is_negative() {
        if !gcd_work_ok(&base, &modulus) {
            return Err(vm.error(
                "OverflowError",
                "a modular inverse this large is more work than Shoal allows in one operation",
            ));
        }
        let g = base.extended_gcd(&modulus);
        if !g.gcd.is_one() {
            return Err(vm.error("ValueError", "base is not invertible for the given modulus"));
        }
        base = g.x.mod_floor(&modulus);
        exp = -exp;
    }
    let words = modulus.bits().div_ceil(64) as f64;
    if exp.bits() as f64 * words * words > MAX_MODPOW_WORK {
        return Err(vm.error(
            "OverflowError",
            "pow() with this exponent and modulus is more work than Shoal allows in one operation",
        ));
    }
    let mut r = base.modpow(&exp, &modulus);
    if m.is_negative() && !r.is_zero() {
        r += m;
    }
    int_value(vm, r)
}

/// The maximum number of decimal digits `str()` and `int()` convert.
fn max_str_digits(vm: &Vm) -> usize {
    vm.int_max_str_digits
}

/// `str(n)` of a big int; ValueError over `sys.get_int_max_str_digits()`.
pub(crate) fn big_to_decimal(vm: &mut Vm, n: &BigInt) -> Result<String, Exc> {
    let limit = max_str_digits(vm);
    // A lower bound of the digit count, to refuse without converting.
    let at_least = ((n.bits().saturating_sub(1)) as f64 * std::f64::consts::LOG10_2) as usize + 1;
    if limit > 0 && at_least > limit {
        return Err(str_limit_error(vm, limit, None));
    }
    let s = n.to_str_radix(10);
    let digits = s.len() - n.is_negative() as usize;
    if limit > 0 && digits > limit {
        return Err(str_limit_error(vm, limit, None));
    }
    Ok(s)
}

fn str_limit_error(vm: &mut Vm, limit: usize, has: Option<usize>) -> Exc {
    let msg = match has {
        None => format!(
            "Exceeds the limit ({limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
        ),
        Some(n) => format!(
            "Exceeds the limit ({limit} digits) for integer string conversion: value has {n} digits; use sys.set_int_max_str_digits() to increase the limit"
        ),
    };
    vm.error("ValueError", msg)
}

/// The zero of every run of ten Unicode decimal digits (category Nd),
/// from the Unicode Character Database as CPython 3.11 has it.
const DECIMAL_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// `s` with every Unicode decimal digit made its ASCII digit, as
/// CPython reads numbers (`int('٣٤') == 34`).
pub(crate) fn ascii_digits(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() {
        return std::borrow::Cow::Borrowed(s);
    }
    let digit = |c: char| {
        let code = c as u32;
        let at = DECIMAL_ZEROS.partition_point(|z| *z <= code);
        let zero = DECIMAL_ZEROS[at.checked_sub(1)?];
        (code - zero < 10).then(|| char::from(b'0' + (code - zero) as u8))
    };
    std::borrow::Cow::Owned(s.chars().map(|c| digit(c).unwrap_or(c)).collect())
}

/// `int(s, base)`: CPython's syntax (sign, base prefixes, `_` between
/// digits, surrounding whitespace) and error messages.
pub(crate) fn parse_int(vm: &mut Vm, s: &str, base: i64) -> Result<Value, Exc> {
    parse_int_shown(vm, s, base, &str_repr(s))
}

/// [`parse_int`], its errors showing the argument as `shown` (the repr
/// of the bytes it came from, say).
pub(crate) fn parse_int_shown(vm: &mut Vm, s: &str, base: i64, shown: &str) -> Result<Value, Exc> {
    if base != 0 && !(2..=36).contains(&base) {
        return Err(vm.error("ValueError", "int() base must be >= 2 and <= 36, or 0"));
    }
    let invalid = |vm: &mut Vm| {
        vm.error(
            "ValueError",
            format!("invalid literal for int() with base {base}: {shown}"),
        )
    };
    let converted = ascii_digits(s);
    let t = converted.trim();
    let (neg, rest) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = rest.get(..2).map(|p| p.to_ascii_lowercase());
    let prefixed: Option<u32> = match lower.as_deref() {
        Some("0x") => Some(16),
        Some("0o") => Some(8),
        Some("0b") => Some(2),
        _ => None,
    };
    let (radix, mut digits) = match (base, prefixed) {
        (0, Some(p)) => (p, &rest[2..]),
        (b, Some(p)) if b == p as i64 => (p, &rest[2..]),
        (0, None) => (10, rest),
        (b, _) => (b as u32, rest),
    };
    // After a prefix, one `_` may come before the first digit.
    if radix != 10 && digits.len() < rest.len() {
        digits = digits.strip_prefix('_').unwrap_or(digits);
    }
    let ok_syntax = !digits.is_empty()
        && !digits.starts_with('_')
        && !digits.ends_with('_')
        && !digits.contains("__")
        && digits.chars().all(|c| c == '_' || c.is_digit(radix));
    if !ok_syntax {
        return Err(invalid(vm));
    }
    let clean: String = digits.chars().filter(|c| *c != '_').collect();
    // Base 0 refuses leading zeros in a decimal number ("010").
    if base == 0 && radix == 10 && clean.len() > 1 && clean.starts_with('0') {
        if clean.bytes().all(|b| b == b'0') {
            return Ok(Value::Int(0));
        }
        return Err(invalid(vm));
    }
    let limit = max_str_digits(vm);
    if radix == 10 && limit > 0 && clean.len() > limit {
        return Err(str_limit_error(vm, limit, Some(clean.len())));
    }
    if let Ok(i) = i64::from_str_radix(&clean, radix) {
        return Ok(Value::Int(if neg { -i } else { i }));
    }
    // Roughly the bits the digits make, refused before parsing.
    let bits = clean.len() as f64 * (radix as f64).log2();
    if bits > MAX_INT_BITS as f64 + 8.0 {
        return Err(too_big(vm));
    }
    match BigInt::parse_bytes(clean.as_bytes(), radix) {
        Some(n) => int_value(vm, if neg { -n } else { n }),
        None => Err(invalid(vm)),
    }
}

/// The digits of `|n|` in `radix` and whether `n` is negative; decimal
/// conversion is held to `sys.get_int_max_str_digits()`.
pub(crate) fn int_digits(vm: &mut Vm, v: Value, radix: u32) -> Result<(String, bool), Exc> {
    match v {
        Value::Int(i) => Ok((
            match radix {
                16 => format!("{:x}", i.unsigned_abs()),
                8 => format!("{:o}", i.unsigned_abs()),
                2 => format!("{:b}", i.unsigned_abs()),
                _ => i.unsigned_abs().to_string(),
            },
            i < 0,
        )),
        Value::Bool(b) => Ok(((b as u8).to_string(), false)),
        _ => {
            let n = big_ref(vm, v).cloned().unwrap_or_default();
            let s = if radix == 10 {
                big_to_decimal(vm, &n.abs())?
            } else {
                n.magnitude().to_str_radix(radix)
            };
            Ok((s, n.is_negative()))
        }
    }
}

/// `-n`, `+n`, `~n` and `abs(n)` of a big int.
pub(crate) fn big_unary(vm: &mut Vm, op: Option<UnaryOp>, n: &BigInt) -> Result<Value, Exc> {
    let r = match op {
        Some(UnaryOp::Neg) => -n,
        Some(UnaryOp::Invert) => !n,
        Some(_) => n.clone(),
        None => n.abs(),
    };
    int_value(vm, r)
}

/// An int argument that must fit an index (`what` names it in errors).
pub(crate) fn index_overflow(vm: &mut Vm) -> Exc {
    vm.error("IndexError", "cannot fit 'int' into an index-sized integer")
}

/// The receiver of an int method, as a big int.
fn receiver(vm: &mut Vm, recv: Option<Value>) -> Result<BigInt, Exc> {
    match recv.and_then(|r| int_of(vm, r)) {
        Some(n) => Ok(n),
        None => Err(type_err(vm, "descriptor requires an 'int' object")),
    }
}

fn i_bit_length(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "bit_length", &args, 0, 0)?;
    let n = receiver(vm, recv)?;
    ok(Value::Int(n.bits() as i64))
}

fn i_bit_count(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "bit_count", &args, 0, 0)?;
    let n = receiver(vm, recv)?;
    ok(Value::Int(n.magnitude().count_ones() as i64))
}

fn i_conjugate(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "conjugate", &args, 0, 0)?;
    let n = receiver(vm, recv)?;
    ok(int_value(vm, n)?)
}

fn i_as_integer_ratio(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "as_integer_ratio", &args, 0, 0)?;
    let n = receiver(vm, recv)?;
    let n = int_value(vm, n)?;
    ok(new_tuple(vm, vec![n, Value::Int(1)]))
}

/// `byteorder` and `signed` of `to_bytes`/`from_bytes`, positional or
/// by keyword.
fn byteorder_signed(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    at: usize,
    kwargs: &Kwargs,
) -> Result<(bool, bool), Exc> {
    let order = args.get(at).copied().or(kwarg(kwargs, "byteorder"));
    let big = match order {
        None => true,
        Some(v) => match str_content(vm, v).as_deref() {
            Some("big") => true,
            Some("little") => false,
            Some(_) => {
                return Err(vm.error("ValueError", "byteorder must be either 'little' or 'big'"));
            }
            None => {
                let t = type_name(vm, v);
                return Err(type_err(
                    vm,
                    format!("{name}() argument 'byteorder' must be str, not {t}"),
                ));
            }
        },
    };
    let signed = match kwarg(kwargs, "signed") {
        Some(v) => truthy(vm, v),
        None => false,
    };
    Ok((big, signed))
}

fn i_to_bytes(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    arity(vm, "to_bytes", &args, 0, 2)?;
    let n = receiver(vm, recv)?;
    let length = match args.first().copied().or(kwarg(&kwargs, "length")) {
        None => 1,
        Some(v) => expect_int(vm, v, "")?,
    };
    if length < 0 {
        return Err(vm.error("ValueError", "length argument must be non-negative"));
    }
    let (big, signed) = byteorder_signed(vm, "to_bytes", &args, 1, &kwargs)?;
    if n.is_negative() && !signed {
        return Err(vm.error("OverflowError", "can't convert negative int to unsigned"));
    }
    let length = length as usize;
    // Two's complement, little-endian, then trimmed or extended.
    let mut bytes = n.to_signed_bytes_le();
    let fill = if n.is_negative() { 0xff } else { 0 };
    if !signed && bytes.len() > 1 && bytes.last() == Some(&0) {
        bytes.pop();
    }
    if n.is_zero() {
        bytes.clear();
    }
    if bytes.len() > length {
        return Err(vm.error("OverflowError", "int too big to convert"));
    }
    vm.reserve(length)?;
    bytes.resize(length, fill);
    if big {
        bytes.reverse();
    }
    ok(crate::files::new_bytes(vm, bytes))
}

fn i_from_bytes(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    // `bool.from_bytes` makes a bool, as `cls(n)` does in CPython.
    let as_bool = match recv {
        Some(Value::Bool(_)) => true,
        Some(Value::Obj(id)) => matches!(vm.heap.get(id), Obj::Type(TypeKind::Bool)),
        _ => false,
    };
    arity(vm, "from_bytes", &args, 0, 2)?;
    let Some(source) = args.first().copied().or(kwarg(&kwargs, "bytes")) else {
        return Err(type_err(
            vm,
            "from_bytes() missing required argument 'bytes' (pos 1)",
        ));
    };
    let mut bytes: Vec<u8> = match source {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Bytes(b) => b.to_vec(),
            Obj::ByteArray(b) => b.clone(),
            Obj::List(items) | Obj::Tuple(items) => {
                let items = items.clone();
                let mut out = Vec::with_capacity(items.len());
                for v in items {
                    match v {
                        Value::Int(i) if (0..256).contains(&i) => out.push(i as u8),
                        Value::Int(_) => {
                            return Err(vm.error("ValueError", "bytes must be in range(0, 256)"));
                        }
                        _ => {
                            let t = type_name(vm, v);
                            return Err(type_err(
                                vm,
                                format!("'{t}' object cannot be interpreted as an integer"),
                            ));
                        }
                    }
                }
                out
            }
            _ => {
                let t = type_name(vm, source);
                return Err(type_err(
                    vm,
                    format!("cannot convert '{t}' object to bytes"),
                ));
            }
        },
        _ => {
            let t = type_name(vm, source);
            return Err(type_err(
                vm,
                format!("cannot convert '{t}' object to bytes"),
            ));
        }
    };
    let (big, signed) = byteorder_signed(vm, "from_bytes", &args, 1, &kwargs)?;
    if bytes.len() as u64 * 8 > MAX_INT_BITS + 8 {
        return Err(too_big(vm));
    }
    if big {
        bytes.reverse();
    }
    let n = if signed {
        BigInt::from_signed_bytes_le(&bytes)
    } else {
        BigInt::from_bytes_le(Sign::Plus, &bytes)
    };
    if as_bool {
        return ok(Value::Bool(!n.is_zero()));
    }
    ok(int_value(vm, n)?)
}

fn i_index(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "__index__", &args, 0, 0)?;
    let n = receiver(vm, recv)?;
    ok(int_value(vm, n)?)
}

/// The methods of `int` (and so of `bool`).
pub(crate) fn methods(m: NativeModule) -> NativeModule {
    use TypeKind as T;
    let mut m = m;
    for kind in [T::Int, T::Bool] {
        m = m
            .method(kind, "bit_length", i_bit_length)
            .method(kind, "bit_count", i_bit_count)
            .method(kind, "conjugate", i_conjugate)
            .method(kind, "as_integer_ratio", i_as_integer_ratio)
            .method(kind, "to_bytes", i_to_bytes)
            .native(Owner::ClassMethod(kind), "from_bytes", i_from_bytes)
            .method(kind, "__index__", i_index);
    }
    m
}

/// The digit limit of `sys.set_int_max_str_digits`.
pub(crate) fn set_max_str_digits(vm: &mut Vm, n: i64) -> Result<(), Exc> {
    if n != 0 && n < MIN_MAX_STR_DIGITS as i64 {
        return Err(vm.error(
            "ValueError",
            format!("maxdigits must be 0 or larger than {MIN_MAX_STR_DIGITS}"),
        ));
    }
    vm.int_max_str_digits = n as usize;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_match_cpython() {
        use crate::key_hash::{float_hash, int_hash};
        assert_eq!(int_hash(-1), -2);
        assert_eq!(int_hash((1 << 61) - 1), 0);
        assert_eq!(hash_big(&(BigInt::one() << 64u32)), 8);
        assert_eq!(hash_big(&-(BigInt::one() << 100u32)), -549_755_813_888);
        assert_eq!(float_hash(1.5), 1_152_921_504_606_846_977);
        assert_eq!(float_hash(-0.5), -1_152_921_504_606_846_976);
        assert_eq!(float_hash(2f64.powi(70)), 512);
        assert_eq!(float_hash(1e300), 1_224_995_262_755_759_164);
        assert_eq!(float_hash(f64::INFINITY), 314_159);
    }

    #[test]
    fn float_comparison_is_exact() {
        let n = BigInt::from(i64::MAX);
        assert_eq!(
            cmp_int_float(&n, 9.223_372_036_854_776e18),
            Some(Ordering::Less)
        );
        let big = BigInt::one() << 64u32;
        assert_eq!(cmp_int_float(&big, 2f64.powi(64)), Some(Ordering::Equal));
        assert_eq!(
            cmp_int_float(&(big + 1), 2f64.powi(64)),
            Some(Ordering::Greater)
        );
    }
}
