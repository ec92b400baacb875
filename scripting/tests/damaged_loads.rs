//! Damaged pickles and snapshots never panic the VM: real ones, made by
//! running a program (a tasklet suspended several calls deep in a
//! generator's loop, a `with` block and an `except` clause, closures,
//! classes, a channel with blocked tasklets), are damaged (digits
//! changed, numbers swapped or replaced, words swapped, items deleted or
//! repeated, text cut short) and each either fails to load with an error
//! or loads and runs, under an instruction budget, to its end or an
//! error. A panic is a failure that shows the damaged input.

use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;
use std::sync::OnceLock;

use proptest::prelude::*;

mod damage;
use damage::{Damage, damage_strategy, damaged, runs};
use shoal_engine::{RunOptions, Scheduler};
use shoal_scripting::host::{CapturedOutput, HostValue};
use shoal_scripting::stackless::run_shared;
use shoal_scripting::vm::{HostSettings, Status, Vm};

/// One program makes every input: its mode (`sys.argv[1]`) picks what it
/// does after the shared definitions, which are the same in every run so
/// that pickles find their functions and classes again.
const PROGRAM: &str = include_str!("../fuzz/program.py");

/// The path the program is known by (embedded: no file is read).
const PROGRAM_PATH: &str = "<shoal-tests>/program.py";

/// Instructions a loaded input may run.
const BUDGET: u64 = 40_000;

/// The program, as the embedded source file every VM here carries.
fn embedded() -> Rc<[(String, String)]> {
    Rc::new([(PROGRAM_PATH.to_string(), PROGRAM.to_string())])
}

/// A VM running the program in `mode` (not started).
fn vm_for(mode: &str, out: &CapturedOutput) -> Vm {
    let mut vm = Vm::new(Box::new(out.clone()), Box::new(out.clone()));
    vm.set_embedded_sources(embedded());
    vm.argv = vec![PROGRAM_PATH.into(), mode.into()];
    vm.load_main(PROGRAM_PATH, PROGRAM)
        .expect("the program compiles");
    vm
}

/// Runs the scheduler in watchdog slices until nothing runs or the
/// budget is spent; `save_at` asks for the world saved before some of
/// the slices.
fn run_slices(
    vm: &std::rc::Rc<std::cell::RefCell<Vm>>,
    budget: u64,
    save_at: &[usize],
    saved: &mut Vec<String>,
) {
    let timeout = 37;
    let mut spent = 0;
    let mut slice = 0;
    while spent < budget {
        if save_at.contains(&slice) {
            saved.push(vm.borrow().save_world().expect("the world saves"));
        }
        let opts = RunOptions {
            timeout,
            soft: false,
            totaltimeout: true,
        };
        match shoal_engine::run_watchdog(opts) {
            Ok(Some(victim)) => {
                if victim.insert().is_err() {
                    break;
                }
            }
            Ok(None) => break,
            Err(_) => {}
        }
        spent += timeout;
        slice += 1;
    }
}

/// The inputs, made once: VM snapshots, world snapshots, pickles.
struct Inputs {
    vms: Vec<String>,
    worlds: Vec<String>,
    pickles: Vec<String>,
}

fn inputs() -> &'static Inputs {
    static INPUTS: OnceLock<Inputs> = OnceLock::new();
    INPUTS.get_or_init(|| {
        // On a thread of its own: the scheduler is per thread.
        std::thread::spawn(make_inputs)
            .join()
            .expect("making the inputs")
    })
}

fn make_inputs() -> Inputs {
    let out = CapturedOutput::default();
    // VM snapshots: the main script stopped after several budgets.
    let mut vms = Vec::new();
    for budget in (1..6000).step_by(13) {
        let mut vm = vm_for("main", &out);
        let mut left = budget;
        if vm.run(&mut left) == Status::OutOfBudget {
            vms.push(vm.save().expect("the VM saves"));
        }
    }
    if std::env::var("SHOW").is_ok() {
        let whole = CapturedOutput::default();
        let mut vm = vm_for("main", &whole);
        let status = vm.run_to_end();
        if let Status::Raised(exc) = status {
            eprintln!("{}", vm.format_exception(exc));
        }
        eprintln!(
            "main run: {status:?} after {} instructions\n{}",
            vm.instructions,
            whole.text()
        );
        eprintln!("{} VM snapshots", vms.len());
    }
    // Worlds: tasklets blocked on channels, deep in calls, saved between
    // watchdog slices.
    let mut worlds = Vec::new();
    {
        let scheduler = Scheduler::new();
        let vm = vm_for("world", &out).into_shared();
        assert_eq!(run_shared(&vm), Status::Finished);
        run_slices(&vm, 20_000, &[1, 2, 3, 4, 6, 8, 11, 15, 19], &mut worlds);
        drop(vm);
        drop(scheduler);
    }
    // Pickles, made by the program.
    let mut pickles = Vec::new();
    {
        let scheduler = Scheduler::new();
        let vm = vm_for("produce", &out).into_shared();
        let status = run_shared(&vm);
        assert_eq!(status, Status::Finished, "{}", out.text());
        let blobs = vm.borrow().global("BLOBS").expect("the pickles");
        let Ok(HostValue::List(blobs)) = vm.borrow().to_host(blobs) else {
            panic!("BLOBS is a list of bytes");
        };
        for blob in blobs {
            let HostValue::Bytes(b) = blob else {
                panic!("a pickle is bytes")
            };
            pickles.push(String::from_utf8(b).expect("a pickle is text"));
        }
        drop(vm);
        drop(scheduler);
    }
    assert!(vms.len() >= 6, "{} VM snapshots", vms.len());
    assert!(worlds.len() >= 6, "{} worlds", worlds.len());
    assert!(pickles.len() >= 5, "{} pickles", pickles.len());
    Inputs {
        vms,
        worlds,
        pickles,
    }
}

// ---- loading and running damaged inputs -----------------------------------------------

/// Runs `f` on a thread of its own (a scheduler is per thread) and turns
/// a panic into an error that shows the damaged input.
fn without_panic(what: &str, input: &str, damage: &[Damage], f: Loader) {
    let text = input.to_string();
    let result = std::thread::spawn(move || {
        let copy = text.clone();
        catch_unwind(AssertUnwindSafe(move || f(copy))).map_err(|p| {
            let message = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            (message, text)
        })
    })
    .join()
    .expect("the test thread");
    if let Err((message, text)) = result {
        panic!(
            "{what}: a damaged input panicked: {message}\ndamage: {damage:?}\ndamaged input:\n{text}"
        );
    }
}

/// Loads one kind of input and runs it: what happened, in words.
type Loader = fn(String) -> String;

/// A damaged VM snapshot: loaded, run under the budget.
fn load_vm(text: String) -> String {
    let out = CapturedOutput::default();
    match Vm::load_with_sources(
        &text,
        Box::new(out.clone()),
        Box::new(out.clone()),
        embedded(),
    ) {
        Err(e) => format!("refused: {e}"),
        Ok(mut vm) => {
            let mut budget = BUDGET;
            let status = vm.run(&mut budget);
            if let Status::Raised(exc) = status {
                let _ = writeln!(out.clone(), "{}", vm.format_exception(exc));
            }
            format!("ran: {status:?}")
        }
    }
}

/// A damaged world: loaded on a fresh scheduler, run in watchdog slices.
fn load_world(text: String) -> String {
    let out = CapturedOutput::default();
    let scheduler = Scheduler::new();
    let loaded = Vm::load_world_with_sources(
        &text,
        Box::new(out.clone()),
        Box::new(out.clone()),
        embedded(),
    );
    let result = match loaded {
        Err(e) => format!("refused: {e}"),
        Ok(vm) => {
            run_slices(&vm, BUDGET, &[], &mut Vec::new());
            drop(vm);
            "ran".into()
        }
    };
    drop(scheduler);
    result
}

/// A damaged pickle: loaded by the program, which exercises what it got
/// in tasklets run in watchdog slices.
fn load_pickle(text: String) -> String {
    let out = CapturedOutput::default();
    let scheduler = Scheduler::new();
    let mut vm = vm_for("load", &out);
    let data = vm
        .from_host(&HostValue::Bytes(text.into_bytes()))
        .expect("bytes");
    vm.set_global("DATA", data);
    let vm = vm.into_shared();
    let status = run_shared(&vm);
    if let Status::Raised(exc) = status {
        let _ = writeln!(out.clone(), "{}", vm.borrow_mut().format_exception(exc));
    } else {
        run_slices(&vm, BUDGET, &[], &mut Vec::new());
    }
    drop(vm);
    drop(scheduler);
    out.text()
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("DAMAGED_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(300),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn damaged_vm_snapshots_fail_or_run(pick in any::<usize>(), damage in damage_strategy()) {
        let inputs = inputs();
        let text = &inputs.vms[pick % inputs.vms.len()];
        without_panic("VM snapshot", &damaged(text, &damage), &damage, load_vm);
    }

    #[test]
    fn damaged_worlds_fail_or_run(pick in any::<usize>(), damage in damage_strategy()) {
        let inputs = inputs();
        let text = &inputs.worlds[pick % inputs.worlds.len()];
        without_panic("world snapshot", &damaged(text, &damage), &damage, load_world);
    }

    #[test]
    fn damaged_pickles_fail_or_run(pick in any::<usize>(), damage in damage_strategy()) {
        let inputs = inputs();
        let text = &inputs.pickles[pick % inputs.pickles.len()];
        without_panic("pickle", &damaged(text, &damage), &damage, load_pickle);
    }
}

/// The inputs themselves load and run (the checks refuse nothing real).
#[test]
fn undamaged_inputs_load() {
    let inputs = inputs();
    for text in &inputs.vms {
        let r = std::thread::spawn({
            let t = text.clone();
            move || load_vm(t)
        })
        .join()
        .unwrap();
        assert!(r.starts_with("ran"), "{r}");
    }
    for text in &inputs.worlds {
        let r = std::thread::spawn({
            let t = text.clone();
            move || load_world(t)
        })
        .join()
        .unwrap();
        assert!(r.starts_with("ran"), "{r}");
    }
    for text in &inputs.pickles {
        let r = std::thread::spawn({
            let t = text.clone();
            move || load_pickle(t)
        })
        .join()
        .unwrap();
        assert!(!r.contains("refused"), "{r}");
        if std::env::var("SHOW").is_ok() {
            eprintln!("----\n{r}");
        }
    }
}

/// How damaged inputs fare (run with `--ignored --nocapture`): how many
/// are refused, for what, and how many run.
#[test]
#[ignore]
fn damage_statistics() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let inputs = inputs();
    let mut runner = TestRunner::deterministic();
    let kinds: [(&str, &Vec<String>, Loader); 3] = [
        ("vm", &inputs.vms, load_vm),
        ("world", &inputs.worlds, load_world),
        ("pickle", &inputs.pickles, load_pickle),
    ];
    for (name, texts, f) in kinds {
        let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
        for i in 0..400 {
            let damage = damage_strategy().new_tree(&mut runner).unwrap().current();
            let text = damaged(&texts[i % texts.len()], &damage);
            let r = std::thread::spawn(move || f(text)).join().unwrap();
            let key = if let Some(at) = r.find("refused") {
                let rest = &r[at..];
                let rest = if std::env::var("FULL").is_ok() {
                    rest
                } else {
                    rest.split(['(', '\n']).next().unwrap_or(rest)
                };
                let cut: String = rest
                    .chars()
                    .take(if std::env::var("FULL").is_ok() {
                        200
                    } else {
                        70
                    })
                    .collect();
                cut
            } else {
                "ran".into()
            };
            *counts.entry(key).or_default() += 1;
        }
        eprintln!("== {name}");
        let mut v: Vec<_> = counts.into_iter().collect();
        v.sort_by_key(|b| std::cmp::Reverse(b.1));
        for (k, n) in v.iter().take(25) {
            eprintln!("{n:5} {k}");
        }
    }
}

/// Every number of one input of each kind replaced by each edge value in
/// turn (run with `--ignored`: it loads tens of thousands of inputs).
#[test]
#[ignore]
fn every_number_at_every_edge() {
    let inputs = inputs();
    let edges = [
        "0",
        "1",
        "2",
        "4294967295",
        "18446744073709551615",
        "9223372036854775807",
        "-9223372036854775808",
        "-1",
        "65536",
    ];
    let kinds: [(&str, &String, Loader); 5] = [
        ("vm", &inputs.vms[inputs.vms.len() / 2], load_vm),
        ("vm", inputs.vms.last().unwrap(), load_vm),
        ("world", &inputs.worlds[inputs.worlds.len() / 2], load_world),
        ("pickle", &inputs.pickles[0], load_pickle),
        ("pickle", &inputs.pickles[2], load_pickle),
    ];
    let only: Option<String> = std::env::var("ONLY").ok();
    for (name, text, f) in kinds {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let (body, rng) = match text.find("rng:(") {
            Some(start) => {
                let end = start + text[start..].find(')').unwrap() + 1;
                (
                    text.replacen(&text[start..end], "@RNG@", 1),
                    text[start..end].to_string(),
                )
            }
            None => (text.clone(), String::new()),
        };
        let nums = runs(&body, |c| c.is_ascii_digit());
        let (mut ran, mut refused) = (0, 0);
        for (s, e) in nums {
            for edge in edges {
                let mut t = body.clone();
                t.replace_range(s..e, edge);
                let t = t.replacen("@RNG@", &rng, 1);
                let copy = t.clone();
                match std::thread::spawn(move || f(copy)).join() {
                    Ok(r) if r.contains("refused") => refused += 1,
                    Ok(_) => ran += 1,
                    Err(_) => panic!("{name}: number at {s} set to {edge} panicked; input:\n{t}"),
                }
            }
        }
        eprintln!("{name}: {ran} ran, {refused} refused");
    }
}

/// Writes the inputs as seeds for the fuzz targets of
/// `scripting/fuzz/` (with `WRITE_FUZZ_SEEDS=1` and `--ignored`).
#[test]
#[ignore]
fn write_fuzz_seeds() {
    if std::env::var("WRITE_FUZZ_SEEDS").is_err() {
        return;
    }
    let inputs = inputs();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    // A few VM snapshots spread over the run: enough to start from.
    let vms: Vec<&String> = inputs
        .vms
        .iter()
        .step_by(inputs.vms.len() / 4 + 1)
        .collect();
    let kinds: [(&str, Vec<&String>); 3] = [
        ("snapshot_load", vms),
        ("world_load", inputs.worlds.iter().step_by(2).collect()),
        ("pickle_loads", inputs.pickles.iter().collect()),
    ];
    for (target, texts) in kinds {
        let dir = root.join(target);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a seed folder");
        for (i, text) in texts.iter().enumerate() {
            std::fs::write(dir.join(format!("seed-{i}")), text).expect("write a seed");
        }
    }
}

/// Loads a VM snapshot on a thread of its own, with `settings`.
fn try_load(text: String, settings: HostSettings) -> Result<HostSettings, String> {
    std::thread::spawn(move || {
        let out = CapturedOutput::default();
        Vm::load_with_settings(
            &text,
            Box::new(out.clone()),
            Box::new(out),
            embedded(),
            settings,
        )
        .map(|vm| vm.host_settings())
        .map_err(|e| e.to_string())
    })
    .join()
    .expect("no panic")
}

/// `text` with the first number after the first `field` replaced by
/// `with`.
fn set_first(text: &str, field: &str, with: &str) -> String {
    let at = text.find(field).expect("the field") + field.len();
    let digits = text[at..]
        .find(|c: char| c.is_ascii_digit())
        .expect("a number");
    let start = at + digits;
    let end = start
        + text[start..]
            .find(|c: char| !c.is_ascii_digit())
            .expect("its end");
    format!("{}{with}{}", &text[..start], &text[end..])
}

/// Damage is refused with an error that names what is wrong.
#[test]
fn damage_is_refused_by_name() {
    let inputs = inputs();
    // A snapshot with frames several calls deep.
    let text = inputs
        .vms
        .iter()
        .find(|t| t.matches("ip:").count() >= 4)
        .expect("a deep snapshot");
    let cases = [
        (
            {
                // The main script's outermost frame.
                let at = text.find("frames:[(").expect("main frames");
                format!("{}{}", &text[..at], set_first(&text[at..], "ip:", "900"))
            },
            "the main script's frame 0: instruction pointer 900 is outside code '<module>'",
        ),
        (
            set_first(text, "module:(", "99999"),
            "object id 99999 does not exist",
        ),
        (
            text.replacen("free:[]", "free:[3,3]", 1),
            "the heap's free list names slot 3, which holds an object",
        ),
        (text.replacen("locals:[", "locals:[None,", 1), "locals;"),
        (
            {
                // The main script's second frame returns its value to
                // nothing, yet its caller waits for one.
                let at = text.find("frames:[(").expect("main frames");
                let second = at + text[at..].match_indices("on_return:Push").nth(1).unwrap().0;
                format!(
                    "{}on_return:Discard{}",
                    &text[..second],
                    &text[second + "on_return:Push".len()..]
                )
            },
            "the main script's frame 0: the frame it called gives nothing back to it",
        ),
    ];
    for (damaged, expected) in cases {
        assert_ne!(&damaged, text, "the damage applies ({expected})");
        let err = try_load(damaged, HostSettings::default()).expect_err(expected);
        assert!(err.contains(expected), "{err}\n(expected: {expected})");
    }
    // Frames deeper than the loading host's recursion limit.
    let err = try_load(
        text.clone(),
        HostSettings {
            recursion_limit: 2,
            ..HostSettings::default()
        },
    )
    .expect_err("too deep");
    assert!(
        err.contains("deeper than the recursion limit of 2"),
        "{err}"
    );
}

/// A world's damage is refused by name too.
#[test]
fn world_damage_is_refused_by_name() {
    let inputs = inputs();
    let text = &inputs.worlds[inputs.worlds.len() / 2];
    let at = text.rfind("tick:").expect("the world's tick");
    let cases = [
        (
            format!(
                "{}{}",
                &text[..at],
                set_first(&text[at..], "tick:", "18446744073709551615")
            ),
            "its tick 18446744073709551615 is beyond any run",
        ),
        (
            set_first(text, "runnable:[", "77"),
            "the run queue names tasklet 77",
        ),
    ];
    for (damaged, expected) in cases {
        assert_ne!(&damaged, text, "the damage applies ({expected})");
        let err = load_world(damaged);
        assert!(err.contains(expected), "{err}\n(expected: {expected})");
    }
}

/// `open()`, the import folder and the limits are the loading host's: a
/// snapshot does not carry them, and one written by an earlier build
/// that does still loads, with them ignored.
#[test]
fn settings_never_come_from_a_snapshot() {
    let text = std::thread::spawn(|| {
        let out = CapturedOutput::default();
        let mut vm = vm_for("main", &out);
        vm.allow_open = true;
        vm.recursion_limit = 50;
        vm.max_objects = Some(1 << 20);
        vm.search_dir = Some("/somewhere".into());
        let mut budget = 500;
        assert_eq!(vm.run(&mut budget), Status::OutOfBudget);
        vm.save().expect("saves")
    })
    .join()
    .unwrap();
    for field in ["allow_open", "search_dir", "recursion_limit", "max_objects"] {
        assert!(!text.contains(field), "the snapshot carries {field}");
    }
    assert_eq!(
        try_load(text.clone(), HostSettings::default()),
        Ok(HostSettings::default())
    );
    let host = HostSettings {
        allow_open: false,
        search_dir: Some("/host/scripts".into()),
        recursion_limit: 300,
        max_objects: Some(5_000_000),
    };
    assert_eq!(try_load(text.clone(), host.clone()), Ok(host));
    // As an earlier build wrote it.
    let old = format!(
        "{},search_dir:Some(\"/etc\"),recursion_limit:100000,allow_open:true)",
        text.strip_suffix(')').unwrap()
    );
    assert_eq!(
        try_load(old, HostSettings::default()),
        Ok(HostSettings::default())
    );
}

/// A frame handling an exception thrown into its tasklet, saved, loads
/// (a non-exception, `t.throw(5)`, is refused at the thrower, as in
/// Stackless).
#[test]
fn a_tasklet_handling_a_thrown_exception_saves_and_loads() {
    const SOURCE: &str = r#"
import stackless


def victim():
    try:
        stackless.schedule_remove()
    except:
        print("caught")
        n = 0
        for i in range(100):
            n += i
        print("done", n)


t = stackless.tasklet(victim)()
stackless.run()
# As in Stackless, a non-exception is refused at the thrower.
try:
    t.throw(5, pending=True)
except TypeError as e:
    print(e)
t.throw(KeyError(5), pending=True)
"#;
    std::thread::spawn(|| {
        let out = CapturedOutput::default();
        let scheduler = Scheduler::new();
        let mut vm = Vm::new(Box::new(out.clone()), Box::new(out.clone()));
        vm.load_main("<t>/throw.py", SOURCE).expect("compiles");
        let vm = vm.into_shared();
        assert_eq!(run_shared(&vm), Status::Finished, "{}", out.text());
        let mut worlds = Vec::new();
        run_slices(&vm, 2_000, &[0, 1, 2, 3, 4], &mut worlds);
        assert!(out.text().contains("caught"), "{}", out.text());
        assert!(
            worlds.iter().any(|w| w.contains("handling:[Obj(")),
            "a world saved while the KeyError is handled"
        );
        drop(vm);
        drop(scheduler);
        let sources: Rc<[(String, String)]> =
            Rc::new([("<t>/throw.py".to_string(), SOURCE.to_string())]);
        for text in worlds {
            let scheduler = Scheduler::new();
            let loaded = Vm::load_world_with_sources(
                &text,
                Box::new(out.clone()),
                Box::new(out.clone()),
                sources.clone(),
            );
            assert!(loaded.is_ok(), "{:?}", loaded.err());
            drop(loaded);
            drop(scheduler);
        }
    })
    .join()
    .unwrap();
}
