//! A script interrupted after any number of instructions, saved to RON,
//! loaded in a fresh VM and resumed, prints exactly what an uninterrupted
//! run prints: every program of the corpus, at several budgets.

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

fn whole(file: &Path, source: &str) -> Outcome {
    let (out, err) = (CapturedOutput::default(), CapturedOutput::default());
    let mut vm = Vm::new(Box::new(out.clone()), Box::new(err.clone()));
    if let Err(e) = vm.load_main(&file.display().to_string(), source) {
        return (
            String::new(),
            format!("{}: {}", e.kind.name(), e.message),
            1,
        );
    }
    let status = vm.run_to_end();
    let code = vm.exit_code(status);
    outcome(&out, &err, code)
}

fn split(file: &Path, source: &str, budget: u64) -> Result<Outcome, String> {
    let (out, err) = (CapturedOutput::default(), CapturedOutput::default());
    let mut vm = Vm::new(Box::new(out.clone()), Box::new(err.clone()));
    if let Err(e) = vm.load_main(&file.display().to_string(), source) {
        return Ok((
            String::new(),
            format!("{}: {}", e.kind.name(), e.message),
            1,
        ));
    }
    let mut left = budget;
    let status = vm.run(&mut left);
    let (mut vm, status) = if status == Status::OutOfBudget {
        let text = vm.save().map_err(|e| format!("save: {e}"))?;
        drop(vm);
        // The snapshot carries no settings: the loading host gives the
        // import folder, as `load_main` did for the first run.
        let settings = HostSettings {
            search_dir: file.parent().map(Path::to_path_buf),
            ..HostSettings::default()
        };
        let mut vm2 = Vm::load_with_settings(
            &text,
            Box::new(out.clone()),
            Box::new(err.clone()),
            std::rc::Rc::new([]),
            settings,
        )
        .map_err(|e| format!("load: {e}"))?;
        let status = vm2.run_to_end();
        (vm2, status)
    } else {
        (vm, status)
    };
    let code = vm.exit_code(status);
    Ok(outcome(&out, &err, code))
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
    for file in &files {
        let source = std::fs::read_to_string(file).expect("read");
        let expected = whole(file, &source);
        for budget in [1, 17, 250, 3_000, 40_000] {
            match split(file, &source, budget) {
                Ok(got) if got == expected => resumed += 1,
                Ok(got) => failures.push(format!(
                    "{} at budget {budget}:\n--- resumed\n{:?}\n--- whole\n{:?}",
                    file.display(),
                    got,
                    expected
                )),
                Err(e) => failures.push(format!("{} at budget {budget}: {e}", file.display())),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(resumed >= files.len() * 5);
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
