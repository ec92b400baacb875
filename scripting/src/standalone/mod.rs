//! What `shoal run` adds for standalone programs: the `socket`,
//! `threading` and `queue` modules, a `time.sleep` that parks the
//! tasklet (not the thread) and an `open()` that reads files on the
//! engine's blocking pool, so that a server written for CPython with
//! `socket` + `threading` (one thread per connection) runs unchanged, one
//! tasklet per connection, on the engine's reactor.
//!
//! Worlds do not get these modules: their scripts must stay
//! deterministic. A host that wants sockets in its VM calls
//! [`register_io_modules`].

mod socket;

use std::io::Write;
use std::time::Duration;

use crate::builtins::{none, ok};
use crate::module::{Kwargs, Native, NativeModule, NativeResult};
use crate::stackless::{Convert, HostOp, PoolWait};
use crate::value::Value;
use crate::vm::Vm;

/// The longest single `time.sleep` (longer ones are cut to this).
const MAX_SLEEP_SECS: f64 = 1e7;

fn t_sleep(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
    let secs = crate::builtins::sleep_seconds(vm, &args)?;
    let _ = vm.out.flush();
    Ok(Native::Host(HostOp::Sleep(Duration::from_secs_f64(
        secs.min(MAX_SLEEP_SECS),
    ))))
}

fn t_time(_: &mut Vm, _: Option<Value>, _: Vec<Value>, _: Kwargs) -> NativeResult {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0);
    ok(Value::Float(now))
}

fn t_monotonic(_: &mut Vm, _: Option<Value>, _: Vec<Value>, _: Kwargs) -> NativeResult {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    ok(Value::Float(
        START
            .get_or_init(std::time::Instant::now)
            .elapsed()
            .as_secs_f64(),
    ))
}

/// `open()` in `shoal run`: a file opened for reading is read on the
/// engine's blocking pool while the calling tasklet parks (other
/// tasklets run meanwhile); every other mode is the built-in `open`.
fn pool_open(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> NativeResult {
    let path = args
        .first()
        .and_then(|v| crate::builtins::str_content(vm, *v));
    let mode = match args
        .get(1)
        .copied()
        .or(crate::builtins::kwarg(&kwargs, "mode"))
    {
        None => Some("r".to_string()),
        Some(m) => crate::builtins::str_content(vm, m).map(|m| m.to_string()),
    };
    let reading = mode
        .as_deref()
        .is_some_and(|m| m.chars().filter(|c| !"bt".contains(*c)).eq("r".chars()));
    let (Some(path), Some(mode)) = (path, mode) else {
        return crate::files::b_open(vm, recv, args, kwargs);
    };
    if !vm.allow_open || !reading || args.len() > 2 || kwargs.iter().any(|(k, _)| &**k != "mode") {
        return crate::files::b_open(vm, recv, args, kwargs);
    }
    let owned = path.to_string();
    let call =
        match shoal_engine::blocking::BlockingCall::start(&format!("open {path}"), move || {
            std::fs::read(&owned)
        }) {
            Ok(call) => call,
            // No pool (no thread could start): read here.
            Err(_) => return crate::files::b_open(vm, recv, args, kwargs),
        };
    let key = call.key();
    let mut call = Some(call);
    let path = path.to_string();
    let mut parts = Some((path, mode));
    let take = Box::new(move || -> Option<Convert> {
        let data = call.as_ref()?.try_take()?;
        call = None;
        let (path, mode) = parts.take()?;
        Some(
            Box::new(move |vm: &mut Vm| crate::files::file_from_read(vm, path, mode, data))
                as Convert,
        )
    });
    Ok(Native::Host(HostOp::Pool(PoolWait { key, take })))
}

fn t_noop(_: &mut Vm, _: Option<Value>, _: Vec<Value>, _: Kwargs) -> NativeResult {
    none()
}

/// `time` with a `sleep` that parks the calling tasklet.
fn time_module() -> NativeModule {
    NativeModule::new("time")
        .function("time", t_time)
        .function("perf_counter", t_monotonic)
        .function("monotonic", t_monotonic)
        .function("process_time", crate::builtins::time::t_process_time)
        .function("process_time_ns", crate::builtins::time::t_process_time_ns)
        .function("sleep", t_sleep)
}

/// Registers `socket`, `threading`, `queue`, `corewar` and the parking `time.sleep`
/// in `vm` (what `shoal run` gives scripts).
pub fn register_io_modules(vm: &mut Vm) {
    vm.register_module(time_module());
    vm.register_module(NativeModule::part("pool_files").global("open", pool_open));
    vm.register_module(socket::module());
    vm.register_module(crate::corewar_module::module());
    vm.register_module(
        NativeModule::new("threading")
            .function("_noop", t_noop)
            .prelude("<threading>", include_str!("threading.py")),
    );
    vm.register_module(
        NativeModule::new("queue")
            .function("_noop", t_noop)
            .prelude("<queue>", include_str!("queue.py")),
    );
}

/// Runs a script as `python3 FILE` would, with sockets and threads as
/// tasklets (`shoal run`): stdout, stderr and the exit status are
/// CPython's. After the main script ends, waits for the threads that are
/// not daemons, as CPython does.
pub fn run_program(
    filename: &str,
    source: &str,
    argv: Vec<String>,
    out: Box<dyn Write>,
    err: Box<dyn Write>,
    max_heap: Option<usize>,
) -> i32 {
    let mut vm = Vm::new(out, err);
    vm.argv = argv;
    vm.allow_open = true;
    vm.max_heap = max_heap;
    register_io_modules(&mut vm);
    if let Err(e) = vm.load_main(filename, source) {
        let _ = vm.out.flush();
        let _ = vm.err.write_all(e.report(filename, source).as_bytes());
        return 1;
    }
    let _scheduler = (!shoal_engine::has_scheduler()).then(shoal_engine::Scheduler::new);
    let vm = vm.into_shared();
    let status = crate::stackless::run_shared(&vm);
    let code = vm.borrow_mut().exit_code(status);
    wait_for_threads(&vm);
    let _ = vm.borrow_mut().out.flush();
    code
}

/// Runs `threading._shutdown()` (joins every non-daemon thread) if the
/// script imported `threading`, letting tasklets run until it is done.
fn wait_for_threads(vm: &std::rc::Rc<std::cell::RefCell<Vm>>) {
    let Some(shutdown) = vm.borrow().module_attr("threading", "_shutdown") else {
        return;
    };
    if vm
        .borrow_mut()
        .start_owned_tasklet(shutdown, Vec::new(), u64::MAX)
        .is_err()
    {
        return;
    }
    loop {
        let done = vm.borrow().module_attr("threading", "_shutdown_done");
        if matches!(done, Some(Value::Bool(true))) {
            return;
        }
        if shoal_engine::sleep(Duration::from_millis(5)).is_err() {
            return;
        }
    }
}
