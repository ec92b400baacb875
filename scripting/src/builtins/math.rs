//! The `math` module's functions (its constants are set when it is
//! imported).

use super::*;

fn math1(vm: &mut Vm, name: &str, args: Vec<Value>, f: fn(f64) -> f64) -> BResult {
    arity(vm, name, &args, 1, 1)?;
    let x = float_arg(vm, name, &args, 0)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(vm.error("ValueError", "math domain error"));
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
    if a.first().and_then(|v| to_f64(*v)).is_some_and(|x| x <= 0.0) {
        return Err(vm.error("ValueError", "math domain error"));
    }
    math1(vm, "log10", a, f64::log10)
}

pub(crate) fn m_log2(vm: &mut Vm, _: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    if a.first().and_then(|v| to_f64(*v)).is_some_and(|x| x <= 0.0) {
        return Err(vm.error("ValueError", "math domain error"));
    }
    math1(vm, "log2", a, f64::log2)
}

pub(crate) fn m_isqrt(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "isqrt", &args, 1, 1)?;
    let n = expect_int(vm, args[0], "")?;
    if n < 0 {
        return Err(vm.error("ValueError", "isqrt() argument must be nonnegative"));
    }
    let mut r = (n as f64).sqrt() as i64;
    while r * r > n {
        r -= 1;
    }
    while (r + 1) * (r + 1) <= n {
        r += 1;
    }
    ok(Value::Int(r))
}

pub(crate) fn m_pow(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "pow", &args, 2, 2)?;
    let (x, y) = (
        float_arg(vm, "pow", &args, 0)?,
        float_arg(vm, "pow", &args, 1)?,
    );
    ok(Value::Float(x.powf(y)))
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
    arity(vm, name, args, 2, 2)?;
    let (n, k) = (expect_int(vm, args[0], "")?, expect_int(vm, args[1], "")?);
    if n < 0 || k < 0 {
        return Err(vm.error(
            "ValueError",
            format!(
                "{} must be a non-negative integer",
                if n < 0 { "n" } else { "k" }
            ),
        ));
    }
    if k > n {
        return ok(Value::Int(0));
    }
    let k = if comb { k.min(n - k) } else { k };
    let mut r: i64 = 1;
    for i in 0..k {
        r = r.checked_mul(n - i).ok_or_else(|| overflow(vm))?;
        if comb {
            r /= i + 1;
        }
    }
    ok(Value::Int(r))
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
    let x = float_arg(vm, "log", &args, 0)?;
    if x <= 0.0 {
        return Err(vm.error("ValueError", "math domain error"));
    }
    let r = match args.get(1) {
        Some(_) => x.ln() / float_arg(vm, "log", &args, 1)?.ln(),
        None => x.ln(),
    };
    ok(Value::Float(r))
}

fn int_round(vm: &mut Vm, name: &str, args: Vec<Value>, f: fn(f64) -> f64) -> BResult {
    arity(vm, name, &args, 1, 1)?;
    if let Value::Int(i) = args[0] {
        return ok(Value::Int(i));
    }
    let x = float_arg(vm, name, &args, 0)?;
    if !x.is_finite() {
        return Err(vm.error("OverflowError", "cannot convert float infinity to integer"));
    }
    ok(Value::Int(f(x) as i64))
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
    let mut g: i64 = 0;
    for a in args {
        let mut b = expect_int(vm, a, "")?.abs();
        let mut a2 = g;
        while b != 0 {
            (a2, b) = (b, a2 % b);
        }
        g = a2;
    }
    ok(Value::Int(g))
}

pub(crate) fn m_factorial(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "factorial", &args, 1, 1)?;
    let n = expect_int(vm, args[0], "")?;
    if n < 0 {
        return Err(vm.error("ValueError", "factorial() not defined for negative values"));
    }
    let mut r: i64 = 1;
    for i in 2..=n {
        r = r.checked_mul(i).ok_or_else(|| overflow(vm))?;
    }
    ok(Value::Int(r))
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
