//! The `random` module and `random.Random` generators, drawing from
//! MT19937 as CPython's `random` does (see [`crate::random`]): the same
//! seed gives the same numbers. Each function serves both the module (its
//! hidden generator, the VM's) and `Random` instances (their own), as the
//! module's functions are the methods of a hidden instance in CPython.

use super::*;
use crate::random::Mt;

/// Runs `f` on the generator a call draws from: the receiver's, for a
/// method of `random.Random`, else the module's.
fn with_rng<R>(vm: &mut Vm, recv: Option<Value>, f: impl FnOnce(&mut Mt) -> R) -> R {
    if let Some(Value::Obj(id)) = recv
        && let Obj::Random(mt) = vm.heap.get_mut(id)
    {
        return f(mt);
    }
    f(&mut vm.rng)
}

/// A float argument (`name` for the message).
fn real(vm: &mut Vm, v: Value) -> Result<f64, Exc> {
    match to_f64(v) {
        Some(x) => Ok(x),
        None => {
            let t = type_name(vm, v);
            Err(type_err(vm, format!("must be real number, not {t}")))
        }
    }
}

/// The positional argument `i`, else the keyword `name`, else `default`.
fn param(args: &[Value], kwargs: &Kwargs, i: usize, name: &str) -> Option<Value> {
    args.get(i).copied().or_else(|| kwarg(kwargs, name))
}

fn real_param(
    vm: &mut Vm,
    args: &[Value],
    kwargs: &Kwargs,
    i: usize,
    name: &str,
    default: Option<f64>,
) -> Result<f64, Exc> {
    match (param(args, kwargs, i, name), default) {
        (Some(v), _) => real(vm, v),
        (None, Some(d)) => Ok(d),
        (None, None) => Err(type_err(
            vm,
            format!("missing a required argument: '{name}'"),
        )),
    }
}

/// The generator `seed(a)` makes, as CPython's version 2 seeding does.
fn seeded(vm: &mut Vm, a: Option<Value>) -> Result<Mt, Exc> {
    match a {
        None | Some(Value::None) if vm.simulated_time().is_some() => Err(vm.error(
            "ValueError",
            "random.seed() without a seed reads the clock, and a world must replay the same: pass a seed",
        )),
        None | Some(Value::None) => Ok(Mt::from_seed(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos() as i64),
        )),
        Some(Value::Int(i)) => Ok(Mt::from_seed(i)),
        Some(Value::Bool(b)) => Ok(Mt::from_seed(b as i64)),
        // Any other number seeds with abs(hash(x)).
        Some(Value::Float(x)) => Ok(Mt::from_seed(crate::key_hash::key_hash(&Key::float(x)))),
        Some(v) => {
            if let Some(s) = str_content(vm, v) {
                return Ok(Mt::from_bytes_seed(s.as_bytes()));
            }
            if let Some(b) = crate::files::bytes_content(vm, v) {
                return Ok(Mt::from_bytes_seed(&b));
            }
            Err(type_err(
                vm,
                "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
            ))
        }
    }
}

/// `seed(a=None, version=2)`.
pub(crate) fn r_seed(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "seed", &args, 0, 2)?;
    if let Some(v) = param(&args, &kw, 1, "version")
        && v != Value::Int(2)
    {
        return Err(vm.error(
            "NotImplementedError",
            "random.seed() with a version other than 2 is not supported by Shoal's script language",
        ));
    }
    let mt = seeded(vm, param(&args, &kw, 0, "a"))?;
    with_rng(vm, recv, |rng| *rng = mt);
    none()
}

/// `random.Random(x=None)`: a generator of its own.
pub(crate) fn new_random(vm: &mut Vm, args: Vec<Value>) -> Result<Value, Exc> {
    arity(vm, "Random", &args, 0, 1)?;
    let mt = seeded(vm, args.first().copied())?;
    vm.reserve(crate::random::STATE_BYTES)?;
    Ok(Value::Obj(vm.heap.alloc(Obj::Random(Box::new(mt)))))
}

pub(crate) fn r_random(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "random", &args, 0, 0)?;
    ok(Value::Float(with_rng(vm, recv, Mt::random)))
}

pub(crate) fn r_getrandbits(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "getrandbits", &args, 1, 1)?;
    let k = expect_int(vm, args[0], "")?;
    if k < 0 {
        return Err(vm.error("ValueError", "number of bits must be non-negative"));
    }
    if k <= 62 {
        return ok(Value::Int(
            with_rng(vm, recv, |mt| mt.getrandbits(k as u32)) as i64,
        ));
    }
    if k as u64 > MAX_INT_BITS {
        return Err(vm.error(
            "OverflowError",
            format!(
                "getrandbits() of more than {MAX_INT_BITS} bits: Shoal's ints are not that large"
            ),
        ));
    }
    // CPython's order: 32-bit words from the least significant, the
    // last one cut to what is left.
    let mut words = Vec::with_capacity(k as usize / 32 + 1);
    let mut left = k;
    while left > 0 {
        let w = with_rng(vm, recv, |mt| mt.getrandbits(left.min(32) as u32)) as u32;
        words.push(w);
        left -= 32;
    }
    let n = num_bigint::BigInt::from(num_bigint::BigUint::new(words));
    ok(int_value(vm, n)?)
}

/// `randbytes(n)`: the bytes of `getrandbits(8 * n)`, little-endian.
pub(crate) fn r_randbytes(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "randbytes", &args, 1, 1)?;
    let n = expect_int(vm, args[0], "")?;
    if n < 0 {
        return Err(vm.error("ValueError", "number of bits must be non-negative"));
    }
    vm.reserve(n as usize)?;
    let out = with_rng(vm, recv, |mt| {
        let mut out = Vec::with_capacity(n as usize);
        let mut left = n as usize;
        while left > 0 {
            let take = left.min(4);
            // A last, partial word keeps its high bits.
            let w = mt.next_u32() >> (32 - 8 * take as u32);
            out.extend_from_slice(&w.to_le_bytes()[..take]);
            left -= take;
        }
        out
    });
    ok(crate::files::new_bytes(vm, out))
}

fn randrange(
    vm: &mut Vm,
    recv: Option<Value>,
    start: i64,
    stop: Option<i64>,
    step: i64,
) -> Result<i64, Exc> {
    let Some(stop) = stop else {
        if start > 0 {
            return Ok(with_rng(vm, recv, |mt| mt.below(start as u64)) as i64);
        }
        return Err(vm.error("ValueError", "empty range for randrange()"));
    };
    let width = stop as i128 - start as i128;
    if step == 1 {
        if width > 0 {
            let r = with_rng(vm, recv, |mt| mt.below(width as u64));
            return Ok((start as i128 + r as i128) as i64);
        }
        return Err(vm.error(
            "ValueError",
            format!("empty range for randrange() ({start}, {stop}, {width})"),
        ));
    }
    if step == 0 {
        return Err(vm.error("ValueError", "zero step for randrange()"));
    }
    let step = step as i128;
    let n = if step > 0 {
        (width + step - 1).div_euclid(step)
    } else {
        (width + step + 1).div_euclid(step)
    };
    if n <= 0 {
        return Err(vm.error("ValueError", "empty range for randrange()"));
    }
    let r = with_rng(vm, recv, |mt| mt.below(n as u64));
    Ok((start as i128 + step * r as i128) as i64)
}

pub(crate) fn r_randrange(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "randrange", &args, 1, 3)?;
    let mut n = Vec::new();
    for a in &args {
        n.push(expect_int(vm, *a, "")?);
    }
    let r = randrange(
        vm,
        recv,
        n[0],
        n.get(1).copied(),
        n.get(2).copied().unwrap_or(1),
    )?;
    ok(Value::Int(r))
}

pub(crate) fn r_randint(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "randint", &args, 2, 2)?;
    let (a, b) = (expect_int(vm, args[0], "")?, expect_int(vm, args[1], "")?);
    let Some(stop) = b.checked_add(1) else {
        return Err(overflow(vm));
    };
    let r = randrange(vm, recv, a, Some(stop), 1)?;
    ok(Value::Int(r))
}

/// The items of a sequence argument; sets and dicts are refused as
/// CPython refuses to index them.
fn sequence_items(vm: &mut Vm, v: Value) -> Result<Vec<Value>, Exc> {
    if let Value::Obj(id) = v
        && matches!(vm.heap.get(id), Obj::Set(_))
    {
        let t = type_name(vm, v);
        return Err(type_err(vm, format!("'{t}' object is not subscriptable")));
    }
    collect(vm, v)
}

pub(crate) fn r_choice(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "choice", &args, 1, 1)?;
    let items = sequence_items(vm, args[0])?;
    if items.is_empty() {
        return Err(vm.error("IndexError", "Cannot choose from an empty sequence"));
    }
    let i = with_rng(vm, recv, |mt| mt.below(items.len() as u64)) as usize;
    ok(items[i])
}

pub(crate) fn r_shuffle(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "shuffle", &args, 1, 1)?;
    let list = match args[0] {
        Value::Obj(id) if matches!(vm.heap.get(id), Obj::List(_)) => id,
        v => {
            let t = type_name(vm, v);
            return Err(type_err(
                vm,
                format!("'{t}' object does not support item assignment"),
            ));
        }
    };
    let mut items = match vm.heap.get(list) {
        Obj::List(items) => items.clone(),
        _ => Vec::new(),
    };
    with_rng(vm, recv, |mt| {
        for i in (1..items.len()).rev() {
            let j = mt.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    });
    if let Obj::List(l) = vm.heap.get_mut(list) {
        *l = items;
    }
    none()
}

pub(crate) fn r_uniform(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "uniform", &args, 0, 2)?;
    let a = real_param(vm, &args, &kw, 0, "a", None)?;
    let b = real_param(vm, &args, &kw, 1, "b", None)?;
    let r = with_rng(vm, recv, Mt::random);
    ok(Value::Float(a + (b - a) * r))
}

/// `sample(population, k, *, counts=None)`.
pub(crate) fn r_sample(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "sample", &args, 1, 2)?;
    if let Value::Obj(id) = args[0]
        && matches!(vm.heap.get(id), Obj::Set(_) | Obj::Dict(_))
    {
        return Err(type_err(
            vm,
            "Population must be a sequence.  For dicts or sets, use sorted(d).",
        ));
    }
    let population = collect(vm, args[0])?;
    let k = match param(&args, &kw, 1, "k") {
        Some(v) => expect_int(vm, v, "")?,
        None => {
            return Err(type_err(
                vm,
                "Random.sample() missing 1 required positional argument: 'k'",
            ));
        }
    };
    if let Some(counts) = kwarg(&kw, "counts").filter(|c| *c != Value::None) {
        let counts = collect(vm, counts)?;
        if counts.len() != population.len() {
            return Err(vm.error(
                "ValueError",
                "The number of counts does not match the population",
            ));
        }
        let mut cum = Vec::with_capacity(counts.len());
        let mut total = 0i64;
        for c in counts {
            let Value::Int(c) = c else {
                return Err(type_err(vm, "Counts must be integers"));
            };
            total = total.checked_add(c).ok_or_else(|| overflow(vm))?;
            cum.push(total);
        }
        cum.pop();
        if total <= 0 {
            return Err(vm.error("ValueError", "Total of counts must be greater than zero"));
        }
        let picks = sample_indices(vm, recv, total as usize, k)?;
        let out = picks
            .into_iter()
            .map(|s| population[cum.partition_point(|c| *c <= s as i64)])
            .collect();
        return ok(new_list(vm, out));
    }
    let picks = sample_indices(vm, recv, population.len(), k)?;
    let out = picks.into_iter().map(|i| population[i]).collect();
    ok(new_list(vm, out))
}

/// The positions `sample(range(n), k)` picks, as CPython picks them.
fn sample_indices(vm: &mut Vm, recv: Option<Value>, n: usize, k: i64) -> Result<Vec<usize>, Exc> {
    if k < 0 || k as usize > n {
        return Err(vm.error("ValueError", "Sample larger than population or is negative"));
    }
    let k = k as usize;
    let mut setsize = 21usize;
    if k > 5 {
        setsize += 4usize.pow(((k * 3) as f64).log(4.0).ceil() as u32);
    }
    Ok(with_rng(vm, recv, |mt| {
        let mut result = Vec::with_capacity(k);
        if n <= setsize {
            let mut pool: Vec<usize> = (0..n).collect();
            for i in 0..k {
                let j = mt.below((n - i) as u64) as usize;
                result.push(pool[j]);
                pool[j] = pool[n - i - 1];
            }
        } else {
            let mut selected = std::collections::BTreeSet::new();
            for _ in 0..k {
                let mut j = mt.below(n as u64) as usize;
                while selected.contains(&j) {
                    j = mt.below(n as u64) as usize;
                }
                selected.insert(j);
                result.push(j);
            }
        }
        result
    }))
}

/// `choices(population, weights=None, *, cum_weights=None, k=1)`.
pub(crate) fn r_choices(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "choices", &args, 1, 2)?;
    let population = sequence_items(vm, args[0])?;
    let n = population.len();
    let k = match kwarg(&kw, "k") {
        Some(v) => expect_int(vm, v, "")?.max(0) as usize,
        None => 1,
    };
    let weights = param(&args, &kw, 1, "weights").filter(|w| *w != Value::None);
    let cum_weights = kwarg(&kw, "cum_weights").filter(|w| *w != Value::None);
    let cum: Vec<f64> = match (weights, cum_weights) {
        (None, None) => {
            vm.reserve(k * size_of::<Value>())?;
            let picks = with_rng(vm, recv, |mt| {
                (0..k)
                    .map(|_| (mt.random() * n as f64).floor() as usize)
                    .collect::<Vec<_>>()
            });
            let mut out = Vec::with_capacity(k);
            for i in picks {
                match population.get(i) {
                    Some(v) => out.push(*v),
                    None => return Err(vm.error("IndexError", "list index out of range")),
                }
            }
            return ok(new_list(vm, out));
        }
        (Some(_), Some(_)) => {
            return Err(type_err(
                vm,
                "Cannot specify both weights and cumulative weights",
            ));
        }
        (Some(w), None) => {
            if let Value::Int(k) = w {
                return Err(type_err(
                    vm,
                    format!("The number of choices must be a keyword argument: k={k}"),
                ));
            }
            let mut total = Value::Int(0);
            let mut cum = Vec::new();
            for x in collect(vm, w)? {
                total = binary(vm, BinOp::Add, total, x, false)?;
                cum.push(real(vm, total)?);
            }
            cum
        }
        (None, Some(c)) => {
            let mut cum = Vec::new();
            for x in collect(vm, c)? {
                cum.push(real(vm, x)?);
            }
            cum
        }
    };
    if cum.is_empty() && n == 0 {
        return Err(vm.error("IndexError", "list index out of range"));
    }
    if cum.len() != n {
        return Err(vm.error(
            "ValueError",
            "The number of weights does not match the population",
        ));
    }
    let total = cum.last().copied().unwrap_or(0.0);
    if total <= 0.0 {
        return Err(vm.error("ValueError", "Total of weights must be greater than zero"));
    }
    if !total.is_finite() {
        return Err(vm.error("ValueError", "Total of weights must be finite"));
    }
    vm.reserve(k * size_of::<Value>())?;
    let hi = n - 1;
    let picks = with_rng(vm, recv, |mt| {
        (0..k)
            .map(|_| {
                // bisect_right(cum, x, 0, hi)
                let x = mt.random() * total;
                cum[..hi].partition_point(|c| *c <= x)
            })
            .collect::<Vec<_>>()
    });
    let out = picks.into_iter().map(|i| population[i]).collect();
    ok(new_list(vm, out))
}

/// `gauss(mu=0.0, sigma=1.0)`: Box–Muller, keeping the second deviate.
pub(crate) fn r_gauss(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "gauss", &args, 0, 2)?;
    let mu = real_param(vm, &args, &kw, 0, "mu", Some(0.0))?;
    let sigma = real_param(vm, &args, &kw, 1, "sigma", Some(1.0))?;
    let z = with_rng(vm, recv, |mt| match mt.gauss_next.take() {
        Some(z) => z,
        None => {
            let x2pi = mt.random() * std::f64::consts::TAU;
            let g2rad = (-2.0 * (1.0 - mt.random()).ln()).sqrt();
            mt.gauss_next = Some(x2pi.sin() * g2rad);
            x2pi.cos() * g2rad
        }
    });
    ok(Value::Float(mu + z * sigma))
}

/// Kinderman and Monahan's ratio method, as `normalvariate` draws.
fn normal(mt: &mut Mt) -> f64 {
    let magic = 4.0 * (-0.5f64).exp() / 2.0f64.sqrt();
    loop {
        let u1 = mt.random();
        let u2 = 1.0 - mt.random();
        let z = magic * (u1 - 0.5) / u2;
        if z * z / 4.0 <= -u2.ln() {
            return z;
        }
    }
}

pub(crate) fn r_normalvariate(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    kw: Kwargs,
) -> BResult {
    arity(vm, "normalvariate", &args, 0, 2)?;
    let mu = real_param(vm, &args, &kw, 0, "mu", Some(0.0))?;
    let sigma = real_param(vm, &args, &kw, 1, "sigma", Some(1.0))?;
    let z = with_rng(vm, recv, normal);
    ok(Value::Float(mu + z * sigma))
}

pub(crate) fn r_lognormvariate(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    kw: Kwargs,
) -> BResult {
    arity(vm, "lognormvariate", &args, 0, 2)?;
    let mu = real_param(vm, &args, &kw, 0, "mu", None)?;
    let sigma = real_param(vm, &args, &kw, 1, "sigma", None)?;
    let z = with_rng(vm, recv, normal);
    ok(Value::Float((mu + z * sigma).exp()))
}

pub(crate) fn r_expovariate(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    kw: Kwargs,
) -> BResult {
    arity(vm, "expovariate", &args, 0, 1)?;
    let lambd = real_param(vm, &args, &kw, 0, "lambd", None)?;
    let u = with_rng(vm, recv, Mt::random);
    if lambd == 0.0 {
        return Err(vm.error("ZeroDivisionError", "float division by zero"));
    }
    ok(Value::Float(-(1.0 - u).ln() / lambd))
}

pub(crate) fn r_triangular(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    kw: Kwargs,
) -> BResult {
    arity(vm, "triangular", &args, 0, 3)?;
    let mut low = real_param(vm, &args, &kw, 0, "low", Some(0.0))?;
    let mut high = real_param(vm, &args, &kw, 1, "high", Some(1.0))?;
    let mode = match param(&args, &kw, 2, "mode").filter(|m| *m != Value::None) {
        Some(m) => Some(real(vm, m)?),
        None => None,
    };
    let mut u = with_rng(vm, recv, Mt::random);
    let mut c = match mode {
        None => 0.5,
        Some(_) if high == low => return ok(Value::Float(low)),
        Some(m) => (m - low) / (high - low),
    };
    if u > c {
        u = 1.0 - u;
        c = 1.0 - c;
        std::mem::swap(&mut low, &mut high);
    }
    ok(Value::Float(low + (high - low) * (u * c).sqrt()))
}

pub(crate) fn r_vonmisesvariate(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    kw: Kwargs,
) -> BResult {
    arity(vm, "vonmisesvariate", &args, 0, 2)?;
    let mu = real_param(vm, &args, &kw, 0, "mu", None)?;
    let kappa = real_param(vm, &args, &kw, 1, "kappa", None)?;
    use std::f64::consts::{PI, TAU};
    let theta = with_rng(vm, recv, |mt| {
        if kappa <= 1e-6 {
            return TAU * mt.random();
        }
        let s = 0.5 / kappa;
        let r = s + (1.0 + s * s).sqrt();
        let z = loop {
            let u1 = mt.random();
            let z = (PI * u1).cos();
            let d = z / (r + z);
            let u2 = mt.random();
            if u2 < 1.0 - d * d || u2 <= (1.0 - d) * d.exp() {
                break z;
            }
        };
        let q = 1.0 / r;
        let f = (q + z) / (1.0 + q * z);
        let u3 = mt.random();
        let angle = if u3 > 0.5 {
            mu + f.acos()
        } else {
            mu - f.acos()
        };
        // Python's float `%`: the sign of the divisor.
        let m = angle % TAU;
        if m != 0.0 && m < 0.0 { m + TAU } else { m }
    });
    ok(Value::Float(theta))
}

/// `gammavariate(alpha, beta)`'s draw.
fn gamma(mt: &mut Mt, alpha: f64, beta: f64) -> f64 {
    if alpha > 1.0 {
        let ainv = (2.0 * alpha - 1.0).sqrt();
        let bbb = alpha - 4f64.ln();
        let ccc = alpha + ainv;
        let sg_magic = 1.0 + 4.5f64.ln();
        loop {
            let u1 = mt.random();
            if !(1e-7 < u1 && u1 < 0.9999999) {
                continue;
            }
            let u2 = 1.0 - mt.random();
            let v = (u1 / (1.0 - u1)).ln() / ainv;
            let x = alpha * v.exp();
            let z = u1 * u1 * u2;
            let r = bbb + ccc * v - x;
            if r + sg_magic - 4.5 * z >= 0.0 || r >= z.ln() {
                return x * beta;
            }
        }
    } else if alpha == 1.0 {
        -(1.0 - mt.random()).ln() * beta
    } else {
        let e = std::f64::consts::E;
        let x = loop {
            let u = mt.random();
            let b = (e + alpha) / e;
            let p = b * u;
            let x = if p <= 1.0 {
                p.powf(1.0 / alpha)
            } else {
                -((b - p) / alpha).ln()
            };
            let u1 = mt.random();
            if p > 1.0 {
                if u1 <= x.powf(alpha - 1.0) {
                    break x;
                }
            } else if u1 <= (-x).exp() {
                break x;
            }
        };
        x * beta
    }
}

pub(crate) fn r_gammavariate(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    kw: Kwargs,
) -> BResult {
    arity(vm, "gammavariate", &args, 0, 2)?;
    let alpha = real_param(vm, &args, &kw, 0, "alpha", None)?;
    let beta = real_param(vm, &args, &kw, 1, "beta", None)?;
    if alpha <= 0.0 || beta <= 0.0 {
        return Err(vm.error("ValueError", "gammavariate: alpha and beta must be > 0.0"));
    }
    ok(Value::Float(with_rng(vm, recv, |mt| {
        gamma(mt, alpha, beta)
    })))
}

pub(crate) fn r_betavariate(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    kw: Kwargs,
) -> BResult {
    arity(vm, "betavariate", &args, 0, 2)?;
    let alpha = real_param(vm, &args, &kw, 0, "alpha", None)?;
    let beta = real_param(vm, &args, &kw, 1, "beta", None)?;
    if alpha <= 0.0 || beta <= 0.0 {
        return Err(vm.error("ValueError", "gammavariate: alpha and beta must be > 0.0"));
    }
    let r = with_rng(vm, recv, |mt| {
        let y = gamma(mt, alpha, 1.0);
        if y != 0.0 {
            y / (y + gamma(mt, beta, 1.0))
        } else {
            0.0
        }
    });
    ok(Value::Float(r))
}

pub(crate) fn r_paretovariate(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    kw: Kwargs,
) -> BResult {
    arity(vm, "paretovariate", &args, 0, 1)?;
    let alpha = real_param(vm, &args, &kw, 0, "alpha", None)?;
    let u = 1.0 - with_rng(vm, recv, Mt::random);
    ok(Value::Float(u.powf(-1.0 / alpha)))
}

pub(crate) fn r_weibullvariate(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    kw: Kwargs,
) -> BResult {
    arity(vm, "weibullvariate", &args, 0, 2)?;
    let alpha = real_param(vm, &args, &kw, 0, "alpha", None)?;
    let beta = real_param(vm, &args, &kw, 1, "beta", None)?;
    let u = 1.0 - with_rng(vm, recv, Mt::random);
    ok(Value::Float(alpha * (-u.ln()).powf(1.0 / beta)))
}

/// `getstate()`: `(3, (624 words..., position), gauss_next)`.
pub(crate) fn r_getstate(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "getstate", &args, 0, 0)?;
    let (mut words, gauss) = with_rng(vm, recv, |mt| {
        let (w, index) = mt.words();
        let mut words: Vec<Value> = w.iter().map(|x| Value::Int(i64::from(*x))).collect();
        words.push(Value::Int(index as i64));
        (words, mt.gauss_next)
    });
    words.shrink_to_fit();
    let internal = new_tuple(vm, words);
    let gauss = gauss.map_or(Value::None, Value::Float);
    ok(new_tuple(vm, vec![Value::Int(3), internal, gauss]))
}

/// `setstate(state)`: a state `getstate()` returned.
pub(crate) fn r_setstate(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "setstate", &args, 1, 1)?;
    let parts = match args[0] {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Tuple(items) => items.clone(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    let [version, internal, gauss] = parts[..] else {
        return Err(type_err(vm, "state vector must be a tuple"));
    };
    if version != Value::Int(3) {
        let v = repr_of(vm, version)?;
        return Err(vm.error(
            "ValueError",
            format!("state with version {v} passed to Random.setstate() of version 3"),
        ));
    }
    let items = match internal {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Tuple(items) => items.clone(),
            _ => return Err(type_err(vm, "state vector must be a tuple")),
        },
        _ => return Err(type_err(vm, "state vector must be a tuple")),
    };
    if items.len() != 625 {
        return Err(vm.error("ValueError", "state vector is the wrong size"));
    }
    let mut words = Vec::with_capacity(624);
    for v in &items[..624] {
        match v {
            Value::Int(i) if (0..=u32::MAX as i64).contains(i) => words.push(*i as u32),
            _ => {
                return Err(vm.error(
                    "OverflowError",
                    "Python int too large to convert to C unsigned long",
                ));
            }
        }
    }
    let index = match items[624] {
        Value::Int(i) if (0..=624).contains(&i) => i as usize,
        _ => return Err(vm.error("ValueError", "invalid state")),
    };
    let gauss = match gauss {
        Value::None => None,
        v => Some(real(vm, v)?),
    };
    let Some(mt) = Mt::from_words(words, index, gauss) else {
        return Err(vm.error("ValueError", "invalid state"));
    };
    with_rng(vm, recv, |rng| *rng = mt);
    none()
}

/// The functions the module and `Random` instances share.
const FUNCTIONS: [(&str, crate::module::NativeFn); 23] = [
    ("seed", r_seed),
    ("random", r_random),
    ("getrandbits", r_getrandbits),
    ("randbytes", r_randbytes),
    ("randrange", r_randrange),
    ("randint", r_randint),
    ("choice", r_choice),
    ("choices", r_choices),
    ("shuffle", r_shuffle),
    ("sample", r_sample),
    ("uniform", r_uniform),
    ("triangular", r_triangular),
    ("gauss", r_gauss),
    ("normalvariate", r_normalvariate),
    ("lognormvariate", r_lognormvariate),
    ("expovariate", r_expovariate),
    ("vonmisesvariate", r_vonmisesvariate),
    ("gammavariate", r_gammavariate),
    ("betavariate", r_betavariate),
    ("paretovariate", r_paretovariate),
    ("weibullvariate", r_weibullvariate),
    ("getstate", r_getstate),
    ("setstate", r_setstate),
];

/// The `random` module: its functions, and `Random`.
pub(crate) fn module() -> NativeModule {
    let mut m = NativeModule::new("random").on_import(|vm, attrs| {
        let t = vm.heap.alloc(Obj::Type(TypeKind::Random));
        attrs.insert(Rc::from("Random"), Value::Obj(t));
    });
    for (name, f) in FUNCTIONS {
        m = m.function(name, f).method(TypeKind::Random, name, f);
    }
    m
}

impl Vm {
    /// Seeds the `random` module's generator (and so `world.random()`)
    /// as `random.seed(seed)` does.
    pub fn seed_random(&mut self, seed: i64) {
        self.rng = Mt::from_seed(seed);
    }

    /// A hash of the random generator's state.
    pub fn random_fingerprint(&self) -> u64 {
        self.rng.fingerprint()
    }
}
