//! The `time` module: wall clock, performance counter, process CPU
//! time, sleep.

use super::*;

pub(crate) fn t_time(vm: &mut Vm, _: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    if let Some(now) = vm.simulated_time() {
        return ok(Value::Float(now));
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0);
    ok(Value::Float(now))
}

pub(crate) fn t_perf_counter(vm: &mut Vm, _: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    if let Some(now) = vm.simulated_time() {
        return ok(Value::Float(now));
    }
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    ok(Value::Float(
        START
            .get_or_init(std::time::Instant::now)
            .elapsed()
            .as_secs_f64(),
    ))
}

/// `time.process_time()`: the CPU seconds this process has used (in a
/// world, whose clock is simulated, the simulated time, as every clock).
pub(crate) fn t_process_time(
    vm: &mut Vm,
    _: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "time.process_time", &args, 0, 0)?;
    if let Some(now) = vm.simulated_time() {
        return ok(Value::Float(now));
    }
    ok(Value::Float(shoal_engine::process_cpu_time().as_secs_f64()))
}

/// `time.process_time_ns()`: [`t_process_time`] in nanoseconds.
pub(crate) fn t_process_time_ns(
    vm: &mut Vm,
    _: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "time.process_time_ns", &args, 0, 0)?;
    if let Some(now) = vm.simulated_time() {
        return ok(Value::Int((now * 1e9) as i64));
    }
    let ns = shoal_engine::process_cpu_time().as_nanos();
    ok(Value::Int(i64::try_from(ns).unwrap_or(i64::MAX)))
}

/// The seconds `time.sleep(args)` asks for, refused as CPython refuses
/// them: NaN, negative, or past CPython's 64-bit nanosecond clock.
pub(crate) fn sleep_seconds(vm: &mut Vm, args: &[Value]) -> Result<f64, Exc> {
    arity(vm, "sleep", args, 1, 1)?;
    let secs = float_arg(vm, "sleep", args, 0)?;
    if secs.is_nan() {
        return Err(vm.error("ValueError", "Invalid value NaN (not a number)"));
    }
    if secs.abs() >= 9.223_372_036e9 {
        return Err(vm.error(
            "OverflowError",
            "timestamp too large to convert to C _PyTime_t",
        ));
    }
    if secs < 0.0 {
        return Err(vm.error("ValueError", "sleep length must be non-negative"));
    }
    Ok(secs)
}

pub(crate) fn t_sleep(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    let secs = sleep_seconds(vm, &args)?;
    if vm.simulated_time().is_some() {
        return Err(vm.error(
            "RuntimeError",
            "time.sleep() would stop the whole world: use world.sleep(ticks) in a behaviour",
        ));
    }
    let _ = vm.out.flush();
    std::thread::sleep(std::time::Duration::from_secs_f64(secs.min(3600.0)));
    none()
}

/// The `time` module.
pub(crate) fn module() -> NativeModule {
    NativeModule::new("time")
        .function("time", t_time)
        .function("perf_counter", t_perf_counter)
        .function("sleep", t_sleep)
        .function("monotonic", t_perf_counter)
        .function("process_time", t_process_time)
        .function("process_time_ns", t_process_time_ns)
}
