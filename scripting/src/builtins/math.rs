//! The `math` module's functions (its constants are set when it is
//! imported).

use super::*;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

fn math1(vm: &mut Vm, name: &str, args: Vec<Value>, f: fn(f64) -> f64) -> BResult {
    arity(vm, name, &args, 1, 1)?;
    let x = float_arg(vm, name, &args, 0)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(vm.error("ValueError", "math domain error"));
    }
    // As CPython's math_1: a finite argument overflowing to infinity.
    if r.is_infinite() && x.is_finite() && name == "exp" {
        return Err(vm.error("OverflowError", "math range error"));
    }
    ok(Value::Float(r))
}

/// Defines math functions of one float argument.
macro_rules! math_unary {
    ($($fn_name:ident => $name:literal, $f:path;)*) => {
        $(
            pub(crate) fn $fn_name(vm: &mut Vm, _: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
                math1(vm, $name, a, $f)
            }
        )*
    };
}

math_unary! {
    m_sqrt => "sqrt", f64::sqrt;
    m_sin => "sin", f64::sin;
    m_cos => "cos", f64::cos;
    m_tan => "tan", f64::tan;
    m_exp => "exp", f64::exp;
    m_fabs => "fabs", f64::abs;
    m_degrees => "degrees", f64::to_degrees;
    m_radians => "radians", f64::to_radians;
    m_acos => "acos", f64::acos;
    m_asin => "asin", f64::asin;
    m_atan => "atan", f64::atan;
}

pub(crate) fn m_log10(vm: &mut Vm, _: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "log10", &a, 1, 1)?;
    ok(Value::Float(log_arg(vm, "log10", &a, 0, f64::log10)?))
}

pub(crate) fn m_log2(vm: &mut Vm, _: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "log2", &a, 1, 1)?;
    ok(Value::Float(log_arg(vm, "log2", &a, 0, f64::log2)?))
}

pub(crate) fn m_isqrt(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "isqrt", &args, 1, 1)?;
    let n = int_arg(vm, args[0])?;
    if n.is_negative() {
        return Err(vm.error("ValueError", "isqrt() argument must be nonnegative"));
    }
    ok(int_value(vm, n.sqrt())?)
}

/// An int argument of any size (bools too); TypeError otherwise.
fn int_arg(vm: &mut Vm, v: Value) -> Result<BigInt, Exc> {
    let v = match crate::classes::native_value(vm, v) {
        Some(inner @ (Value::Int(_) | Value::Bool(_) | Value::Obj(_))) => inner,
        _ => v,
    };
    match int_of(vm, v) {
        Some(n) => Ok(n),
        None => {
            let t = type_name(vm, v);
            Err(type_err(
                vm,
                format!("'{t}' object cannot be interpreted as an integer"),
            ))
        }
    }
}

/// `f` (a logarithm) of a positive number argument, as CPython takes it:
/// of the float, or for an int too large for a float, of its mantissa
/// `m` in [0.5, 1) plus `f(2)` times its exponent; ValueError for zero
/// and negatives.
fn log_arg(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    i: usize,
    f: fn(f64) -> f64,
) -> Result<f64, Exc> {
    if let Some(n) = args.get(i).and_then(|v| big_ref(vm, *v)).cloned() {
        if n.is_negative() {
            return Err(vm.error("ValueError", "math domain error"));
        }
        if n.bits() <= 1024 {
            return Ok(f(big_to_f64(vm, &n)?));
        }
        let shift = n.bits() - 60;
        let top = (&n >> shift).to_u64().unwrap_or(1) as f64 / 2f64.powi(60);
        return Ok(f(top) + f(2.0) * n.bits() as f64);
    }
    let x = float_arg(vm, name, args, i)?;
    if x <= 0.0 {
        return Err(vm.error("ValueError", "math domain error"));
    }
    Ok(f(x))
}

pub(crate) fn m_pow(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "pow", &args, 2, 2)?;
    let (x, y) = (
        float_arg(vm, "pow", &args, 0)?,
        float_arg(vm, "pow", &args, 1)?,
    );
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        if x == 0.0 {
            return Err(vm.error("ValueError", "math domain error"));
        }
        return Err(vm.error("OverflowError", "math range error"));
    }
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(vm.error("ValueError", "math domain error"));
    }
    ok(Value::Float(r))
}

pub(crate) fn m_isinf(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "isinf", &args, 1, 1)?;
    ok(Value::Bool(float_arg(vm, "isinf", &args, 0)?.is_infinite()))
}

pub(crate) fn m_isnan(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "isnan", &args, 1, 1)?;
    ok(Value::Bool(float_arg(vm, "isnan", &args, 0)?.is_nan()))
}

pub(crate) fn m_copysign(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "copysign", &args, 2, 2)?;
    let (x, y) = (
        float_arg(vm, "copysign", &args, 0)?,
        float_arg(vm, "copysign", &args, 1)?,
    );
    ok(Value::Float(x.copysign(y)))
}

pub(crate) fn m_prod(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    arity(vm, "prod", &args, 1, 1)?;
    let mut acc = kwarg(&kwargs, "start").unwrap_or(Value::Int(1));
    for v in collect(vm, args[0])? {
        acc = binary(vm, BinOp::Mul, acc, v, false)?;
    }
    ok(acc)
}

fn comb_perm(vm: &mut Vm, args: &[Value], name: &str, comb: bool) -> BResult {
    arity(vm, name, args, if comb { 2 } else { 1 }, 2)?;
    let n = int_arg(vm, args[0])?;
    let k = match args.get(1) {
        Some(v) if *v != Value::None => int_arg(vm, *v)?,
        _ => n.clone(),
    };
    if n.is_negative() || k.is_negative() {
        return Err(vm.error(
            "ValueError",
            format!(
                "{} must be a non-negative integer",
                if n.is_negative() { "n" } else { "k" }
            ),
        ));
    }
    if k > n {
        return ok(Value::Int(0));
    }
    let k = if comb { k.clone().min(&n - &k) } else { k };
    let Some(steps) = k.to_u64() else {
        return Err(vm.error("OverflowError", format!("{name}() result is too large")));
    };
    // The result has at most k * bits(n) bits.
    if steps.saturating_mul(n.bits()) > MAX_INT_BITS * 2 {
        return Err(vm.error("OverflowError", format!("{name}() result is too large")));
    }
    // Products of balanced halves (a tree) keep the multiplications
    // fast; `comb` is then one exact division by k!.
    fn product(lo: &BigInt, count: u64) -> BigInt {
        if count <= 16 {
            return (0..count).fold(BigInt::one(), |acc, i| acc * (lo + i));
        }
        let half = count / 2;
        product(lo, half) * product(&(lo + half), count - half)
    }
    let r = product(&(&n - steps + 1u32), steps);
    if !comb {
        return ok(int_value(vm, r)?);
    }
    let k_factorial = product(&BigInt::one(), steps);
    ok(int_value(vm, r / k_factorial)?)
}

pub(crate) fn m_comb(vm: &mut Vm, _: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    comb_perm(vm, &a, "comb", true)
}

pub(crate) fn m_perm(vm: &mut Vm, _: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    comb_perm(vm, &a, "perm", false)
}

pub(crate) fn m_trunc(vm: &mut Vm, _: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    int_round(vm, "trunc", a, f64::trunc)
}

pub(crate) fn m_log(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "log", &args, 1, 2)?;
    let x = log_arg(vm, "log", &args, 0, f64::ln)?;
    let r = match args.get(1) {
        Some(_) => x / log_arg(vm, "log", &args, 1, f64::ln)?,
        None => x,
    };
    ok(Value::Float(r))
}

fn int_round(vm: &mut Vm, name: &str, args: Vec<Value>, f: fn(f64) -> f64) -> BResult {
    arity(vm, name, &args, 1, 1)?;
    if let Some(i) = int_of(vm, args[0]) {
        return ok(int_value(vm, i)?);
    }
    let x = float_arg(vm, name, &args, 0)?;
    ok(int_of_float(vm, f(x))?)
}

pub(crate) fn m_floor(vm: &mut Vm, _: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    int_round(vm, "floor", a, f64::floor)
}

pub(crate) fn m_ceil(vm: &mut Vm, _: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    int_round(vm, "ceil", a, f64::ceil)
}

pub(crate) fn m_atan2(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "atan2", &args, 2, 2)?;
    let (y, x) = (
        float_arg(vm, "atan2", &args, 0)?,
        float_arg(vm, "atan2", &args, 1)?,
    );
    ok(Value::Float(y.atan2(x)))
}

pub(crate) fn m_hypot(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    let mut sum = 0.0f64;
    for i in 0..args.len() {
        let x = float_arg(vm, "hypot", &args, i)?;
        sum = sum.hypot(x);
    }
    ok(Value::Float(sum))
}

pub(crate) fn m_gcd(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    let mut g = BigInt::zero();
    for a in args {
        let n = int_arg(vm, a)?;
        check_gcd_work(vm, &g, &n)?;
        g = g.gcd(&n);
    }
    ok(int_value(vm, g)?)
}

/// Refuses a gcd whose work (about the bits of the larger operand times
/// its words) would run for more than about a second.
fn check_gcd_work(vm: &mut Vm, a: &BigInt, b: &BigInt) -> Result<(), Exc> {
    if !gcd_work_ok(a, b) {
        return Err(vm.error(
            "OverflowError",
            "the gcd of ints this large is more work than Shoal allows in one operation",
        ));
    }
    Ok(())
}

pub(crate) fn m_lcm(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    let mut l = BigInt::one();
    for a in args {
        let n = int_arg(vm, a)?;
        check_gcd_work(vm, &l, &n)?;
        if l.bits() + n.bits() > MAX_INT_BITS {
            return Err(vm.error("OverflowError", "lcm() result is too large"));
        }
        l = l.lcm(&n);
    }
    ok(int_value(vm, l)?)
}

pub(crate) fn m_factorial(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "factorial", &args, 1, 1)?;
    let n = match args[0] {
        Value::Float(_) => {
            return Err(type_err(
                vm,
                "'float' object cannot be interpreted as an integer",
            ));
        }
        v => int_arg(vm, v)?,
    };
    if n.is_negative() {
        return Err(vm.error("ValueError", "factorial() not defined for negative values"));
    }
    // n! has about n * log2(n / e) bits.
    let n = match n.to_u64() {
        Some(n)
            if n < 1000
                || (n as f64) * ((n as f64 / std::f64::consts::E).log2()) < MAX_INT_BITS as f64 =>
        {
            n
        }
        _ => {
            return Err(vm.error(
                "OverflowError",
                "factorial() argument should not exceed the size Shoal's ints allow",
            ));
        }
    };
    // Multiply the factors pairwise (a product tree) to keep the
    // operands balanced.
    fn product(lo: u64, hi: u64) -> BigInt {
        if hi - lo < 16 {
            return (lo..hi).fold(BigInt::one(), |acc, i| acc * i);
        }
        let mid = lo + (hi - lo) / 2;
        product(lo, mid) * product(mid, hi)
    }
    ok(int_value(vm, product(1, n + 1))?)
}

pub(crate) fn m_isclose(
    vm: &mut Vm,
    _: Option<Value>,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> BResult {
    arity(vm, "isclose", &args, 2, 2)?;
    let (a, b) = (
        float_arg(vm, "isclose", &args, 0)?,
        float_arg(vm, "isclose", &args, 1)?,
    );
    let rel = kwarg(&kwargs, "rel_tol").and_then(to_f64).unwrap_or(1e-9);
    let abs = kwarg(&kwargs, "abs_tol").and_then(to_f64).unwrap_or(0.0);
    ok(Value::Bool(
        a == b || (a - b).abs() <= (rel * a.abs().max(b.abs())).max(abs),
    ))
}

/// The `math` module.
pub(crate) fn module() -> NativeModule {
    NativeModule::new("math")
        .function("sqrt", m_sqrt)
        .function("floor", m_floor)
        .function("ceil", m_ceil)
        .function("sin", m_sin)
        .function("cos", m_cos)
        .function("tan", m_tan)
        .function("atan2", m_atan2)
        .function("hypot", m_hypot)
        .function("log", m_log)
        .function("exp", m_exp)
        .function("fabs", m_fabs)
        .function("gcd", m_gcd)
        .function("lcm", m_lcm)
        .function("factorial", m_factorial)
        .function("isclose", m_isclose)
        .function("degrees", m_degrees)
        .function("radians", m_radians)
        .function("log10", m_log10)
        .function("log2", m_log2)
        .function("isqrt", m_isqrt)
        .function("pow", m_pow)
        .function("trunc", m_trunc)
        .function("acos", m_acos)
        .function("asin", m_asin)
        .function("atan", m_atan)
        .function("isinf", m_isinf)
        .function("isnan", m_isnan)
        .function("copysign", m_copysign)
        .function("prod", m_prod)
        .function("comb", m_comb)
        .function("perm", m_perm)
        .constant("pi", Constant::Float(std::f64::consts::PI))
        .constant("e", Constant::Float(std::f64::consts::E))
        .constant("tau", Constant::Float(std::f64::consts::TAU))
        .constant("inf", Constant::Float(f64::INFINITY))
        .constant("nan", Constant::Float(f64::NAN))
}
