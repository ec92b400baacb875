//! A world of script tasklets saved between two watchdog slices, loaded
//! on a fresh scheduler and VM, runs on exactly as the uninterrupted run:
//! random programs of tasklets and channels (preferences, schedule_all,
//! sends of values and exceptions, receives, schedules), saved at a
//! random slice.

use std::io::Write;

use proptest::prelude::*;
use shoal_engine::{RunOptions, Scheduler};
use shoal_scripting::host::CapturedOutput;
use shoal_scripting::stackless::run_shared;
use shoal_scripting::vm::{Status, Vm};

/// Runs `source` (saved as `path`) in watchdog slices of `timeout`
/// instructions, saving and reloading the world before slice `save_at`.
fn run(path: &std::path::Path, source: &str, timeout: u64, save_at: Option<usize>) -> String {
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
    let mut slice = 0;
    loop {
        if save_at == Some(slice) {
            let text = shared.borrow().save_world().expect("the world saves");
            drop(shared);
            drop(scheduler.take());
            scheduler = Some(Scheduler::new());
            shared = Vm::load_world(&text, Box::new(out.clone()), Box::new(out.clone()))
                .expect("the world loads");
        }
        let opts = RunOptions {
            timeout,
            soft: false,
            totaltimeout: true,
        };
        match shoal_engine::run_watchdog(opts) {
            Ok(Some(victim)) => victim.insert().expect("insert the interrupted tasklet"),
            Ok(None) => break,
            Err(e) => {
                let _ = writeln!(out.clone(), "main got {e}");
            }
        }
        slice += 1;
        if slice > 20_000 {
            let _ = writeln!(out.clone(), "(stopped after {slice} slices)");
            break;
        }
    }
    drop(shared);
    drop(scheduler);
    out.text()
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

fn check(programs: &[Vec<Op>], prefs: &[i64; 3], schedule_all: bool, timeout: u64, save_at: usize) {
    // Tests run in parallel: each check has its own file.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("shoal-world-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let path = dir.join(format!("world{n}.py"));
    let source = script(programs, prefs, schedule_all);
    let whole = run(&path, &source, timeout, None);
    let resumed = run(&path, &source, timeout, Some(save_at));
    assert_eq!(
        resumed, whole,
        "saved before slice {save_at} (timeout {timeout}):\n{source}"
    );
    let _ = std::fs::remove_file(&path);
}

#[test]
fn a_fixed_world_resumes_at_every_slice() {
    let programs = vec![
        vec![Op::Send(0, 1), Op::Work(30), Op::Receive(1), Op::Send(0, 2)],
        vec![Op::Receive(0), Op::Schedule, Op::Send(1, 7), Op::Receive(0)],
        vec![Op::Work(20), Op::SendError(2), Op::Schedule],
        vec![Op::Receive(2), Op::Work(5)],
    ];
    for save_at in 0..12 {
        check(&programs, &[-1, 0, 1], true, 25, save_at);
    }
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
        check(&programs, &prefs, schedule_all, timeout, save_at);
    }
}
