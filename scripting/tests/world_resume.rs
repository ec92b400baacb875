//! A world of script tasklets saved between two watchdog slices, loaded
//! on a fresh scheduler and VM, runs on exactly as the uninterrupted run:
//! random programs of tasklets and channels (preferences, schedule_all,
//! sends of values and exceptions, receives, schedules), saved after the
//! first slice of timeouts chosen from the program's own length (so short
//! programs are interrupted too), and at a random slice. Every case must
//! save: a save point past the end fails the test.

use std::io::Write;

use proptest::prelude::*;
use shoal_engine::{RunOptions, Scheduler};
use shoal_scripting::host::CapturedOutput;
use shoal_scripting::stackless::run_shared;
use shoal_scripting::vm::{Status, Vm};

/// What one run of a world did.
struct Run {
    output: String,
    /// Watchdog slices run (`run_watchdog` calls).
    slices: usize,
    /// Whether the world was saved and reloaded.
    saved: bool,
    /// Script instructions executed under the watchdog (the module body,
    /// which only spawns the tasklets, excluded).
    instructions: u64,
}

/// Runs `source` (saved as `path`) in watchdog slices of `timeout`
/// instructions (0: one slice without a watchdog), saving and reloading
/// the world before slice `save_at`.
fn run(path: &std::path::Path, source: &str, timeout: u64, save_at: Option<usize>) -> Run {
    std::fs::write(path, source).expect("write the program");
    let out = CapturedOutput::default();
    let mut scheduler = Some(Scheduler::new());
    let mut vm = Vm::new(Box::new(out.clone()), Box::new(out.clone()));
    let name = path.display().to_string();
    vm.load_main(&name, source).expect("the program compiles");
    let mut shared = vm.into_shared();
    let status = run_shared(&shared);
    assert_eq!(
        status,
        Status::Finished,
        "the module body only spawns tasklets"
    );
    let mut instructions = 0;
    let mut start = shared.borrow().instructions;
    let mut saved = false;
    let mut slice = 0;
    loop {
        if save_at == Some(slice) {
            let text = shared.borrow().save_world().expect("the world saves");
            instructions += shared.borrow().instructions - start;
            drop(shared);
            drop(scheduler.take());
            scheduler = Some(Scheduler::new());
            shared = Vm::load_world(&text, Box::new(out.clone()), Box::new(out.clone()))
                .expect("the world loads");
            start = shared.borrow().instructions;
            saved = true;
        }
        let opts = RunOptions {
            timeout,
            soft: false,
            totaltimeout: true,
        };
        slice += 1;
        match shoal_engine::run_watchdog(opts) {
            Ok(Some(victim)) => victim.insert().expect("insert the interrupted tasklet"),
            Ok(None) => break,
            Err(e) => {
                let _ = writeln!(out.clone(), "main got {e}");
            }
        }
        if slice > 20_000 {
            let _ = writeln!(out.clone(), "(stopped after {slice} slices)");
            break;
        }
    }
    instructions += shared.borrow().instructions - start;
    drop(shared);
    drop(scheduler);
    Run {
        output: out.text(),
        slices: slice,
        saved,
        instructions,
    }
}

/// One operation of a generated tasklet.
#[derive(Debug, Clone)]
enum Op {
    Send(usize, i64),
    SendError(usize),
    Receive(usize),
    Schedule,
    Work(u32),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..3usize, 0..100i64).prop_map(|(c, v)| Op::Send(c, v)),
        (0..3usize).prop_map(Op::SendError),
        (0..3usize).prop_map(Op::Receive),
        (0..3usize).prop_map(Op::Receive),
        Just(Op::Schedule),
        (1..40u32).prop_map(Op::Work),
    ]
}

/// The script for tasklets running `programs` over three channels with
/// the given preferences.
fn script(programs: &[Vec<Op>], prefs: &[i64; 3], schedule_all: bool) -> String {
    let mut s =
        String::from("import stackless\n\nchannels = [stackless.channel() for i in range(3)]\n");
    for (i, p) in prefs.iter().enumerate() {
        s += &format!("channels[{i}].preference = {p}\n");
    }
    if schedule_all {
        s += "channels[1].schedule_all = True\n";
    }
    s += "\n\ndef work(n):\n    total = 0\n    for i in range(n):\n        total += i * i\n    return total\n\n";
    for (t, ops) in programs.iter().enumerate() {
        s += &format!("\ndef t{t}(log):\n    try:\n");
        for op in ops {
            s += &match op {
                Op::Send(c, v) => format!(
                    "        channels[{c}].send({v})\n        log.append('t{t} sent {v}')\n"
                ),
                Op::SendError(c) => {
                    format!("        channels[{c}].send_exception(KeyError, 't{t}')\n")
                }
                Op::Receive(c) => format!("        print('t{t} got', channels[{c}].receive())\n"),
                Op::Schedule => "        stackless.schedule()\n".to_string(),
                Op::Work(n) => format!("        print('t{t} work', work({n}))\n"),
            };
        }
        s += &format!(
            "        print('t{t} done', log)\n    except KeyError as e:\n        print('t{t} caught', e)\n\n"
        );
        s += &format!("stackless.tasklet(t{t})([])\n");
    }
    s
}

/// Each check has its own file: tests run in parallel.
fn program_path() -> std::path::PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("shoal-world-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir.join(format!("world{n}.py"))
}

/// Saves the world before slice `save_at` of a run in slices of `timeout`
/// and checks that it goes on as the run never saved. The save must
/// happen: `save_at` must be below the number of slices.
fn check_at(path: &std::path::Path, source: &str, timeout: u64, save_at: usize, whole: &Run) {
    let resumed = run(path, source, timeout, Some(save_at));
    assert!(
        resumed.saved,
        "nothing was saved before slice {save_at} (timeout {timeout}, {} slices):\n{source}",
        whole.slices
    );
    assert_eq!(
        resumed.output, whole.output,
        "saved before slice {save_at} (timeout {timeout}):\n{source}"
    );
    assert_eq!(
        resumed.instructions, whole.instructions,
        "saved before slice {save_at} (timeout {timeout}):\n{source}"
    );
}

/// Checks a world saved at points chosen from its own length: after the
/// first slice when the timeout is 1/7, 1/3, 2/3 of the instructions it
/// runs, and one instruction short of them; and before `save_at`
/// (reduced to the slices there are) when the timeout is `timeout`.
/// Returns whether the program was long enough to interrupt.
fn check(
    programs: &[Vec<Op>],
    prefs: &[i64; 3],
    schedule_all: bool,
    timeout: u64,
    save_at: usize,
) -> bool {
    let path = program_path();
    let source = script(programs, prefs, schedule_all);
    let plain = run(&path, &source, 0, None);
    assert_eq!(plain.slices, 1, "an untimed run is one slice");
    let length = plain.instructions;
    if length < 2 {
        // Too short to interrupt: nothing runs between two instructions.
        let _ = std::fs::remove_file(&path);
        return false;
    }
    let mut timeouts = vec![length / 7, length / 3, length * 2 / 3, length - 1];
    timeouts.retain(|&t| t >= 1);
    timeouts.dedup();
    for t in timeouts {
        let whole = run(&path, &source, t, None);
        // The first slice runs as the untimed run does, so a timeout below
        // its length must interrupt it.
        assert!(
            whole.slices >= 2,
            "a timeout of {t} did not interrupt {length} instructions:\n{source}"
        );
        check_at(&path, &source, t, 1, &whole);
    }
    let whole = run(&path, &source, timeout, None);
    check_at(&path, &source, timeout, save_at % whole.slices, &whole);
    let _ = std::fs::remove_file(&path);
    true
}

#[test]
fn a_fixed_world_resumes_at_every_slice() {
    let programs = vec![
        vec![Op::Send(0, 1), Op::Work(30), Op::Receive(1), Op::Send(0, 2)],
        vec![Op::Receive(0), Op::Schedule, Op::Send(1, 7), Op::Receive(0)],
        vec![Op::Work(20), Op::SendError(2), Op::Schedule],
        vec![Op::Receive(2), Op::Work(5)],
    ];
    let path = program_path();
    let source = script(&programs, &[-1, 0, 1], true);
    let whole = run(&path, &source, 25, None);
    assert!(whole.slices >= 12, "{} slices", whole.slices);
    for save_at in 0..whole.slices {
        check_at(&path, &source, 25, save_at, &whole);
    }
    let _ = std::fs::remove_file(&path);
    assert!(check(&programs, &[-1, 0, 1], true, 25, 0));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_worlds_resume_as_if_never_saved(
        programs in prop::collection::vec(prop::collection::vec(op(), 1..8), 2..6),
        prefs in prop::array::uniform3(-1i64..=1),
        schedule_all in any::<bool>(),
        timeout in 5u64..80,
        save_at in 0usize..25,
    ) {
        // Every generated tasklet runs at least a few instructions.
        prop_assert!(check(&programs, &prefs, schedule_all, timeout, save_at));
    }
}
