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
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;
use shoal_engine::{RunOptions, Scheduler};
use shoal_scripting::host::CapturedOutput;
use shoal_scripting::stackless::run_shared;
use shoal_scripting::vm::{Status, Vm};

/// One program makes every input: its mode (`sys.argv[1]`) picks what it
/// does after the shared definitions, which are the same in every run so
/// that pickles find their functions and classes again.
const PROGRAM: &str = r#"
import pickle
import stackless
import sys


class Account:
    rate = 2

    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance

    def grow(self):
        self.balance = self.balance * Account.rate % 1000
        return self.balance

    def __repr__(self):
        return "Account(" + str(self.owner) + ", " + str(self.balance) + ")"


class Savings(Account):
    def grow(self):
        return super().grow() + 1


class Overdrawn(Exception):
    pass


def make_counter(start):
    count = start

    def step(by):
        nonlocal count
        count += by
        return count

    return step


def squares(n):
    i = 0
    while i < n:
        yield i * i
        i += 1


class Guard:
    def __init__(self, log):
        self.log = log

    def __enter__(self):
        self.log.append("enter")
        return self

    def __exit__(self, *exc):
        self.log.append("exit")
        return False


def deep(ch, out, level, acct):
    if level > 0:
        return deep(ch, out, level - 1, acct) + 1
    step = make_counter(level)
    log = []
    try:
        raise Overdrawn(acct.owner)
    except Overdrawn as problem:
        with Guard(log):
            for sq in squares(4):
                got = ch.receive()
                step(got + sq)
                acct.grow()
        out.send((str(problem), step(0), log, acct))
    return 0


def feeder(ch, n):
    for i in range(n):
        ch.send(i)
        stackless.schedule()


def drain(out):
    while True:
        print("drained", out.receive())


def walk(level, acct, step):
    if level > 0:
        return walk(level - 1, acct, step) + 1
    log = []
    try:
        raise Overdrawn("walk")
    except Overdrawn as e:
        with Guard(log):
            for sq in squares(6):
                step(sq)
                acct.grow()
                print(sq, step(0), str(e), log, acct)
    return 0


def poke(x):
    try:
        print("loaded", repr(x)[:60])
    except Exception as e:
        print("repr:", type(e).__name__)
    for op in range(6):
        try:
            if op == 0:
                x.insert()
            elif op == 1:
                print(x(2))
            elif op == 2:
                print(x.grow())
            elif op == 3:
                for k in range(5):
                    x.send(k)
            elif op == 4:
                for v in x:
                    print("item", repr(v)[:40])
            else:
                stackless.schedule()
        except Exception as e:
            print("op", op, type(e).__name__)


def labelled(a, b=2, *rest, scale=1, **extra):
    return (a + b + len(rest)) * scale + len(extra)


def shapes(n):
    made = []
    for i in range(n):
        class Local(Account):
            kind = i

            def grow(self):
                return super().grow() + self.kind

        made.append(Local("l" + str(i), i).grow())
        adders = [make_counter(k) for k in range(2)]
        made.append(sum(f(i) for f in adders))
        made.append(labelled(i, scale=3, extra=1))
        made.append(labelled(*[i, i], **{"scale": 2}))
        made.append({k: v for k, v in zip("ab", squares(2))})
        made.append(f"{i:>3}|{acct!r}")
        try:
            made.append([1, 2][i])
        except IndexError as e:
            made.append(str(e))
        finally:
            made.append(len(made))
    return made


mode = sys.argv[1]
if mode == "main":
    # Runs in the main tasklet only: saved with Vm::save mid-way.
    acct = Savings("dee", 2)
    step = make_counter(1)
    for i in range(3):
        print(walk(3, acct, step), acct)
        print(shapes(3))
elif mode == "world":
    # Spawns tasklets; the host runs them and saves the world between slices.
    ch = stackless.channel()
    out = stackless.channel()
    stackless.tasklet(deep)(ch, out, 3, Savings("ann", 5))
    stackless.tasklet(deep)(ch, out, 1, Account("bob", 7))
    stackless.tasklet(feeder)(ch, 9)
    stackless.tasklet(drain)(out)
elif mode == "produce":
    ch = stackless.channel()
    out = stackless.channel()
    a = stackless.tasklet(deep)(ch, out, 3, Savings("ann", 5))
    b = stackless.tasklet(deep)(ch, out, 1, Account("bob", 7))
    stackless.run()
    blobs = [pickle.dumps(a), pickle.dumps((ch, out))]
    g = squares(10)
    next(g)
    next(g)
    blobs.append(pickle.dumps({"acct": Savings("cy", 3), "gen": g, "step": make_counter(4),
                               "nums": [1, 2.5, "x", (None, True), -7], "set": {1, 2},
                               "pair": (Account("di", 1), Account)}))
    f = stackless.tasklet(feeder)(ch, 5)
    victim = stackless.run(150)
    for t in (a, b, f):
        if t.alive:
            blobs.append(pickle.dumps(t))
    blobs.append(pickle.dumps((a, b, ch)))
    for i in range(len(blobs)):
        file = open(sys.argv[2] + "/pickle" + str(i), "wb")
        file.write(blobs[i])
        file.close()
else:
    data = open(sys.argv[2], "rb").read()
    try:
        x = pickle.loads(data)
    except Exception as e:
        print("refused:", type(e).__name__, str(e)[:200])
    else:
        items = [x]
        if type(x) is tuple or type(x) is list:
            items = items + list(x)
        if type(x) is dict:
            items = items + list(x.values())
        for item in items:
            stackless.tasklet(poke)(item)
"#;

/// Instructions a loaded input may run.
const BUDGET: u64 = 40_000;

/// The folder of this test's files, with the program in it.
fn dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("damaged_loads");
        std::fs::create_dir_all(&dir).expect("a folder for the test");
        std::fs::write(dir.join("program.py"), PROGRAM).expect("write the program");
        dir
    })
}

fn program_path() -> String {
    dir().join("program.py").display().to_string()
}

/// A VM running the program in `mode` with `arg` (not started).
fn vm_for(mode: &str, arg: &str, out: &CapturedOutput) -> Vm {
    let mut vm = Vm::new(Box::new(out.clone()), Box::new(out.clone()));
    vm.allow_open = true;
    vm.argv = vec![program_path(), mode.into(), arg.into()];
    vm.load_main(&program_path(), PROGRAM)
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
        let mut vm = vm_for("main", "", &out);
        let mut left = budget;
        if vm.run(&mut left) == Status::OutOfBudget {
            vms.push(vm.save().expect("the VM saves"));
        }
    }
    if std::env::var("SHOW").is_ok() {
        let whole = CapturedOutput::default();
        let mut vm = vm_for("main", "", &whole);
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
        let vm = vm_for("world", "", &out).into_shared();
        assert_eq!(run_shared(&vm), Status::Finished);
        run_slices(&vm, 20_000, &[1, 2, 3, 4, 6, 8, 11, 15, 19], &mut worlds);
        drop(vm);
        drop(scheduler);
    }
    // Pickles, written by the program.
    let pickle_dir = dir().join("pickles");
    let _ = std::fs::remove_dir_all(&pickle_dir);
    std::fs::create_dir_all(&pickle_dir).expect("a folder for pickles");
    {
        let scheduler = Scheduler::new();
        let vm = vm_for("produce", &pickle_dir.display().to_string(), &out).into_shared();
        let status = run_shared(&vm);
        assert_eq!(status, Status::Finished, "{}", out.text());
        drop(vm);
        drop(scheduler);
    }
    let mut pickles = Vec::new();
    for i in 0.. {
        match std::fs::read_to_string(pickle_dir.join(format!("pickle{i}"))) {
            Ok(text) => pickles.push(text),
            Err(_) => break,
        }
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

// ---- damage ------------------------------------------------------------------

/// One change to a text: what, and two positions that pick where.
#[derive(Debug, Clone)]
struct Damage {
    kind: u8,
    at: usize,
    other: usize,
}

fn damage_strategy() -> impl Strategy<Value = Vec<Damage>> {
    prop::collection::vec(
        (0u8..12, any::<usize>(), any::<usize>()).prop_map(|(kind, at, other)| Damage {
            kind,
            at,
            other,
        }),
        1..4,
    )
}

/// Spans of maximal runs of characters matching `f`.
fn runs(text: &str, f: impl Fn(u8) -> bool) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if f(b[i]) {
            let start = i;
            while i < b.len() && f(b[i]) {
                i += 1;
            }
            spans.push((start, i));
        } else {
            i += 1;
        }
    }
    spans
}

/// The text of the item of a list or tuple around `at`: from a comma (or
/// an opening bracket) to the next comma at the same depth.
fn item_around(text: &str, at: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let commas: Vec<usize> = (0..b.len()).filter(|i| b[*i] == b',').collect();
    if commas.is_empty() {
        return None;
    }
    let start = commas[at % commas.len()];
    let mut depth = 0i32;
    let mut in_str = false;
    let mut i = start + 1;
    while i < b.len() {
        let c = b[i];
        if in_str {
            if c == b'\\' {
                i += 1;
            } else if c == b'"' {
                in_str = false;
            }
        } else {
            match c {
                b'"' => in_str = true,
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => {
                    if depth == 0 {
                        return Some((start, i));
                    }
                    depth -= 1;
                }
                b',' if depth == 0 => return Some((start, i)),
                _ => {}
            }
        }
        i += 1;
    }
    None
}

fn apply(text: &str, d: &Damage) -> String {
    let mut t = text.to_string();
    match d.kind {
        // A digit of a number changed.
        0..=2 => {
            let nums = runs(&t, |c| c.is_ascii_digit());
            if !nums.is_empty() {
                let (s, e) = nums[d.at % nums.len()];
                let i = s + d.other % (e - s);
                let old = t.as_bytes()[i] - b'0';
                let new = (old + 1 + (d.other / 7 % 9) as u8) % 10;
                t.replace_range(i..i + 1, &new.to_string());
            }
        }
        // Two numbers swapped.
        3 | 4 => {
            let nums = runs(&t, |c| c.is_ascii_digit());
            if nums.len() >= 2 {
                let (a, b) = (nums[d.at % nums.len()], nums[d.other % nums.len()]);
                let (a, b) = if a.0 <= b.0 { (a, b) } else { (b, a) };
                if a != b {
                    let (ta, tb) = (t[a.0..a.1].to_string(), t[b.0..b.1].to_string());
                    t.replace_range(b.0..b.1, &ta);
                    t.replace_range(a.0..a.1, &tb);
                }
            }
        }
        // A number replaced by an edge value.
        5 | 6 => {
            let nums = runs(&t, |c| c.is_ascii_digit());
            if !nums.is_empty() {
                let (s, e) = nums[d.at % nums.len()];
                let edge = [
                    "0",
                    "1",
                    "4294967295",
                    "4294967294",
                    "18446744073709551615",
                    "9223372036854775807",
                    "65535",
                    "100000",
                ][d.other % 8];
                t.replace_range(s..e, edge);
            }
        }
        // Text cut short.
        7 => {
            let mut at = d.at % t.len().max(1);
            while !t.is_char_boundary(at) {
                at -= 1;
            }
            t.truncate(at);
        }
        // An item deleted.
        8 => {
            if let Some((s, e)) = item_around(&t, d.at) {
                t.replace_range(s..e, "");
            }
        }
        // An item repeated.
        9 => {
            if let Some((s, e)) = item_around(&t, d.at) {
                let item = t[s..e].to_string();
                t.insert_str(e, &item);
            }
        }
        // Two words (enum variants, field names, Some/None) swapped.
        10 => {
            let words = runs(&t, |c| c.is_ascii_alphabetic() || c == b'_');
            if words.len() >= 2 {
                let (a, b) = (words[d.at % words.len()], words[d.other % words.len()]);
                let (a, b) = if a.0 <= b.0 { (a, b) } else { (b, a) };
                if a != b && a.1 <= b.0 {
                    let (ta, tb) = (t[a.0..a.1].to_string(), t[b.0..b.1].to_string());
                    t.replace_range(b.0..b.1, &ta);
                    t.replace_range(a.0..a.1, &tb);
                }
            }
        }
        // A number negated or made a float.
        _ => {
            let nums = runs(&t, |c| c.is_ascii_digit());
            if !nums.is_empty() {
                let (s, _) = nums[d.at % nums.len()];
                t.insert_str(s, if d.other % 2 == 0 { "-" } else { "0." });
            }
        }
    }
    t
}

/// `text` with `damage` done to it. The random generator's state (624
/// numbers that any value fits) is left alone, so that the damage falls
/// on what matters.
fn damaged(text: &str, damage: &[Damage]) -> String {
    const MARK: &str = "@RNG@";
    let (text, rng) = match text.find("rng:(") {
        Some(start) => {
            let end = start + text[start..].find(')').map_or(0, |e| e + 1);
            let rng = text[start..end].to_string();
            (text.replacen(&rng, MARK, 1), Some(rng))
        }
        None => (text.to_string(), None),
    };
    let t = damage.iter().fold(text, |t, d| apply(&t, d));
    match rng {
        Some(rng) => t.replacen(MARK, &rng, 1),
        None => t,
    }
}

// ---- loading and running damaged inputs -----------------------------------------------

/// Runs `f` on a thread of its own (a scheduler is per thread) and turns
/// a panic into an error that shows the damaged input.
fn without_panic(what: &str, input: &str, damage: &[Damage], f: fn(String) -> String) {
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

/// A damaged VM snapshot: loaded, run under the budget.
fn load_vm(text: String) -> String {
    let out = CapturedOutput::default();
    match Vm::load(&text, Box::new(out.clone()), Box::new(out.clone())) {
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
    let result = match Vm::load_world(&text, Box::new(out.clone()), Box::new(out.clone())) {
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
    let file = std::env::temp_dir().join(format!(
        "shoal-damaged-pickle-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::write(&file, text.as_bytes()).expect("write the pickle");
    let vm = vm_for("load", &file.display().to_string(), &out).into_shared();
    let status = run_shared(&vm);
    let _ = std::fs::remove_file(&file);
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
    let kinds: [(&str, &Vec<String>, fn(String) -> String); 3] = [
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
        v.sort_by(|a, b| b.1.cmp(&a.1));
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
    let kinds: [(&str, &String, fn(String) -> String); 5] = [
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
