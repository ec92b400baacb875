//! Stackless behaviour through `shoal run`: every program in
//! `tests/stackless/` (and the `.py` examples) prints exactly the output
//! written beside it (`NAME.out`), taken from Stackless's documented
//! behaviour (`shared/spec/stackless-semantics.md`); CPython has no
//! `stackless` module to compare with.

use std::path::{Path, PathBuf};
use std::process::Command;

fn check(program: &Path, expected: &Path) -> Result<(), String> {
    let dir = program.parent().expect("a folder");
    let out = Command::new(env!("CARGO_BIN_EXE_shoal"))
        .arg("run")
        .arg(program.file_name().expect("a file"))
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run shoal: {e}"))?;
    let want =
        std::fs::read_to_string(expected).map_err(|e| format!("{}: {e}", expected.display()))?;
    let got = String::from_utf8_lossy(&out.stdout);
    if got != want || !out.status.success() {
        return Err(format!(
            "{}: exit {:?}\n--- got\n{got}--- expected\n{want}--- stderr\n{}",
            program.display(),
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(())
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn stackless_programs_print_what_stackless_prints() {
    let dir = root().join("tests/stackless");
    let mut programs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/stackless")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    programs.sort();
    assert!(programs.len() >= 5, "the stackless programs are missing");
    let failures: Vec<String> = programs
        .iter()
        .filter_map(|p| check(p, &p.with_extension("out")).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_cooperative_example_prints_the_stackless_sequence() {
    let example = root().join("examples/cooperative.py");
    let expected = root().join("tests/stackless/cooperative.out");
    if let Err(e) = check(&example, &expected) {
        panic!("{e}");
    }
}
