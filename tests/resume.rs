//! A script interrupted after any number of instructions, saved to RON,
//! loaded in a fresh VM and resumed, prints exactly what an uninterrupted
//! run prints: every program of the corpus, at budgets chosen from its
//! own length (all below it: a budget that does not interrupt fails).

use std::path::{Path, PathBuf};

use shoal_scripting::host::CapturedOutput;
use shoal_scripting::{HostSettings, Status, Vm};

/// (stdout, last line of stderr, exit status)
type Outcome = (String, String, i32);

fn outcome(out: &CapturedOutput, err: &CapturedOutput, code: i32) -> Outcome {
    let err = err.text();
    (
        out.text(),
        err.lines().last().unwrap_or("").to_string(),
        code,
    )
}

/// The uninterrupted run, and how many instructions it took: what
/// `Vm::run` charged to its budget (`vm.instructions` also counts the
/// instructions of script functions that built-ins call, which run
/// without a budget). `None` when the program does not compile.
fn whole(file: &Path, source: &str) -> (Outcome, Option<u64>) {
    let (out, err) = (CapturedOutput::default(), CapturedOutput::default());
    let mut vm = Vm::new(Box::new(out.clone()), Box::new(err.clone()));
    if let Err(e) = vm.load_main(&file.display().to_string(), source) {
        let outcome = (
            String::new(),
            format!("{}: {}", e.kind.name(), e.message),
            1,
        );
        return (outcome, None);
    }
    let mut budget = u64::MAX;
    let status = vm.run(&mut budget);
    let charged = u64::MAX - budget;
    assert!(
        charged <= vm.instructions,
        "{}: charged {charged} > executed {}",
        file.display(),
        vm.instructions
    );
    let code = vm.exit_code(status);
    (outcome(&out, &err, code), Some(charged))
}

/// Runs `budget` instructions, saves, loads in a fresh VM and runs to the
/// end. Fails if the budget did not interrupt the program: every budget
/// given is below the program's length.
fn split(file: &Path, source: &str, budget: u64) -> Result<Outcome, String> {
    let (out, err) = (CapturedOutput::default(), CapturedOutput::default());
    let mut vm = Vm::new(Box::new(out.clone()), Box::new(err.clone()));
    vm.load_main(&file.display().to_string(), source)
        .map_err(|e| format!("load_main: {}", e.message))?;
    let mut left = budget;
    let status = vm.run(&mut left);
    if status != Status::OutOfBudget {
        return Err(format!(
            "a budget of {budget} did not interrupt the program ({status:?} after {} \
             instructions), so nothing was saved",
            budget - left
        ));
    }
    let text = vm.save().map_err(|e| format!("save: {e}"))?;
    drop(vm);
    // The snapshot carries no settings: the loading host gives the
    // import folder, as `load_main` did for the first run.
    let settings = HostSettings {
        search_dir: file.parent().map(Path::to_path_buf),
        ..HostSettings::default()
    };
    let mut vm = Vm::load_with_settings(
        &text,
        Box::new(out.clone()),
        Box::new(err.clone()),
        std::rc::Rc::new([]),
        settings,
    )
    .map_err(|e| format!("load: {e}"))?;
    let status = vm.run_to_end();
    let code = vm.exit_code(status);
    Ok(outcome(&out, &err, code))
}

/// Where to interrupt a program of `length` instructions: the first
/// instruction, fixed small budgets, 1/7, 1/3 and 2/3 of the way, and the
/// last instruction; all below `length`, so every one must interrupt.
fn budgets(length: u64) -> Vec<u64> {
    let mut budgets: Vec<u64> = [
        1,
        17,
        250,
        length / 7,
        length / 3,
        length * 2 / 3,
        length - 1,
    ]
    .into_iter()
    .filter(|&b| b >= 1 && b < length)
    .collect();
    budgets.sort_unstable();
    budgets.dedup();
    budgets
}

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/scripts")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    files
}

#[test]
fn interrupted_saved_and_resumed_runs_print_the_same() {
    let files = corpus();
    assert!(files.len() >= 20);
    let mut failures = Vec::new();
    let mut resumed = 0;
    let mut expected_cases = 0;
    // Programs too short to interrupt: they do not compile, or end after
    // one instruction.
    let mut skipped = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).expect("read");
        let (expected, length) = whole(file, &source);
        let length = match length {
            Some(n) if n >= 2 => n,
            other => {
                skipped.push(format!("{} ({other:?} instructions)", file.display()));
                continue;
            }
        };
        let budgets = budgets(length);
        expected_cases += budgets.len();
        for budget in budgets {
            match split(file, &source, budget) {
                Ok(got) if got == expected => resumed += 1,
                Ok(got) => failures.push(format!(
                    "{} at budget {budget} of {length}:\n--- resumed\n{:?}\n--- whole\n{:?}",
                    file.display(),
                    got,
                    expected
                )),
                Err(e) => failures.push(format!(
                    "{} at budget {budget} of {length}: {e}",
                    file.display()
                )),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    // Every case counted above was interrupted, saved, loaded and resumed.
    assert_eq!(resumed, expected_cases);
    assert!(
        skipped.len() * 10 <= files.len(),
        "too many programs too short to interrupt: {skipped:?}"
    );
    assert!(resumed >= (files.len() - skipped.len()) * 4);
}

#[test]
fn loading_against_changed_source_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("shoal-resume-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("prog.py");
    let v1 = "def f(n):\n    return n + 1\nfor i in range(100):\n    x = f(i)\nprint(x)\n";
    std::fs::write(&file, v1).expect("write");
    let mut vm = Vm::new(
        Box::new(CapturedOutput::default()),
        Box::new(CapturedOutput::default()),
    );
    vm.load_main(&file.display().to_string(), v1)
        .expect("compiles");
    let mut budget = 50;
    assert_eq!(vm.run(&mut budget), Status::OutOfBudget);
    let text = vm.save().expect("saves");
    std::fs::write(&file, v1.replace("n + 1", "n + 2")).expect("write");
    let err = Vm::load(
        &text,
        Box::new(CapturedOutput::default()),
        Box::new(CapturedOutput::default()),
    )
    .err()
    .expect("a changed function must not load");
    assert!(err.to_string().contains("the code of f in"), "{err}");
    assert!(
        Vm::load(
            "not ron at all",
            Box::new(CapturedOutput::default()),
            Box::new(CapturedOutput::default())
        )
        .is_err()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
