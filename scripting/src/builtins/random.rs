//! The `random` module, drawing from the VM's MT19937 generator as CPython's
//! `random` does (see [`crate::random`]).

use super::*;

pub(crate) fn r_seed(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "seed", &args, 0, 1)?;
    let seed = match args.first() {
        None | Some(Value::None) if vm.simulated_time().is_some() => {
            return Err(vm.error(
                "ValueError",
                "random.seed() without a seed reads the clock, and a world must replay the same: pass a seed",
            ));
        }
        None | Some(Value::None) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as i64),
        Some(Value::Int(i)) => *i,
        Some(Value::Bool(b)) => *b as i64,
        Some(other) => {
            let t = type_name(vm, *other);
            return Err(vm.error(
                "NotImplementedError",
                format!("random.seed() with a {t} is not supported by Shoal's script language yet; use an int"),
            ));
        }
    };
    vm.rng = crate::random::Mt::from_seed(seed);
    none()
}

pub(crate) fn r_random(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "random", &args, 0, 0)?;
    ok(Value::Float(vm.rng.random()))
}

pub(crate) fn r_getrandbits(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "getrandbits", &args, 1, 1)?;
    let k = expect_int(vm, args[0], "")?;
    if k < 0 {
        return Err(vm.error("ValueError", "number of bits must be non-negative"));
    }
    if k <= 62 {
        return ok(Value::Int(vm.rng.getrandbits(k as u32) as i64));
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
        let w = vm.rng.getrandbits(left.min(32) as u32) as u32;
        words.push(w);
        left -= 32;
    }
    let n = num_bigint::BigInt::from(num_bigint::BigUint::new(words));
    ok(int_value(vm, n)?)
}

fn randrange(vm: &mut Vm, start: i64, stop: Option<i64>, step: i64) -> Result<i64, Exc> {
    let Some(stop) = stop else {
        if start > 0 {
            return Ok(vm.rng.below(start as u64) as i64);
        }
        return Err(vm.error("ValueError", "empty range for randrange()"));
    };
    let width = stop - start;
    if step == 1 {
        if width > 0 {
            return Ok(start + vm.rng.below(width as u64) as i64);
        }
        return Err(vm.error(
            "ValueError",
            format!("empty range for randrange() ({start}, {stop}, {width})"),
        ));
    }
    if step == 0 {
        return Err(vm.error("ValueError", "zero step for randrange()"));
    }
    let n = if step > 0 {
        (width + step - 1) / step
    } else {
        (width + step + 1) / step
    };
    if n <= 0 {
        return Err(vm.error("ValueError", "empty range for randrange()"));
    }
    Ok(start + step * vm.rng.below(n as u64) as i64)
}

pub(crate) fn r_randrange(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "randrange", &args, 1, 3)?;
    let mut n = Vec::new();
    for a in &args {
        n.push(expect_int(vm, *a, "")?);
    }
    let r = randrange(vm, n[0], n.get(1).copied(), n.get(2).copied().unwrap_or(1))?;
    ok(Value::Int(r))
}

pub(crate) fn r_randint(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "randint", &args, 2, 2)?;
    let (a, b) = (expect_int(vm, args[0], "")?, expect_int(vm, args[1], "")?);
    let r = randrange(vm, a, Some(b + 1), 1)?;
    ok(Value::Int(r))
}

pub(crate) fn r_choice(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "choice", &args, 1, 1)?;
    let items = collect(vm, args[0])?;
    if items.is_empty() {
        return Err(vm.error("IndexError", "Cannot choose from an empty sequence"));
    }
    let i = vm.rng.below(items.len() as u64) as usize;
    ok(items[i])
}

pub(crate) fn r_shuffle(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "shuffle", &args, 1, 1)?;
    let Value::Obj(id) = args[0] else {
        return Err(type_err(vm, "shuffle() needs a list"));
    };
    let mut items = match vm.heap.get(id) {
        Obj::List(items) => items.clone(),
        _ => return Err(type_err(vm, "shuffle() needs a list")),
    };
    for i in (1..items.len()).rev() {
        let j = vm.rng.below(i as u64 + 1) as usize;
        items.swap(i, j);
    }
    if let Obj::List(l) = vm.heap.get_mut(id) {
        *l = items;
    }
    none()
}

pub(crate) fn r_uniform(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "uniform", &args, 2, 2)?;
    let (a, b) = (
        float_arg(vm, "uniform", &args, 0)?,
        float_arg(vm, "uniform", &args, 1)?,
    );
    let r = vm.rng.random();
    ok(Value::Float(a + (b - a) * r))
}

pub(crate) fn r_sample(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    arity(vm, "sample", &args, 1, 2)?;
    let population = collect(vm, args[0])?;
    let k = match args.get(1).copied().or(kwarg(&kwargs, "k")) {
        Some(v) => expect_int(vm, v, "")?,
        None => {
            return Err(type_err(
                vm,
                "sample() missing 1 required positional argument: 'k'",
            ));
        }
    };
    let n = population.len();
    if k < 0 || k as usize > n {
        return Err(vm.error("ValueError", "Sample larger than population or is negative"));
    }
    let k = k as usize;
    let mut setsize = 21usize;
    if k > 5 {
        setsize += 4usize.pow(((k * 3) as f64).log(4.0).ceil() as u32);
    }
    let mut result = Vec::with_capacity(k);
    if n <= setsize {
        let mut pool = population.clone();
        for i in 0..k {
            let j = vm.rng.below((n - i) as u64) as usize;
            result.push(pool[j]);
            pool[j] = pool[n - i - 1];
        }
    } else {
        let mut selected = std::collections::BTreeSet::new();
        for _ in 0..k {
            let mut j = vm.rng.below(n as u64) as usize;
            while selected.contains(&j) {
                j = vm.rng.below(n as u64) as usize;
            }
            selected.insert(j);
            result.push(population[j]);
        }
    }
    ok(new_list(vm, result))
}

/// The `random` module.
pub(crate) fn module() -> NativeModule {
    NativeModule::new("random")
        .function("seed", r_seed)
        .function("random", r_random)
        .function("getrandbits", r_getrandbits)
        .function("randrange", r_randrange)
        .function("randint", r_randint)
        .function("choice", r_choice)
        .function("shuffle", r_shuffle)
        .function("uniform", r_uniform)
        .function("sample", r_sample)
}

impl Vm {
    /// Seeds the `random` module's generator (and so `world.random()`)
    /// as `random.seed(seed)` does.
    pub fn seed_random(&mut self, seed: i64) {
        self.rng = crate::random::Mt::from_seed(seed);
    }

    /// A hash of the random generator's state.
    pub fn random_fingerprint(&self) -> u64 {
        self.rng.fingerprint()
    }
}
