//! The script corpus: every program in `tests/scripts/` runs under
//! `shoal run` and under `python3`; stdout and the exit status must be
//! equal byte for byte, and for programs that fail, so must the last line
//! of stderr (the exception type and message).
//!
//! A program may read its arguments from a first-line comment
//! `# args: A B C`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(program: &str, file: &Path, args: &[String]) -> Output {
    Command::new(program)
        .arg(file)
        .args(args)
        .env("PYTHONHASHSEED", "0")
        .output()
        .unwrap_or_else(|e| panic!("cannot start {program}: {e}"))
}

fn last_line(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .lines()
        .last()
        .unwrap_or("")
        .to_string()
}

fn programs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/scripts exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    files
}

#[test]
fn scripts_match_cpython() {
    let shoal = env!("CARGO_BIN_EXE_shoal");
    let files = programs();
    assert!(files.len() >= 20, "the corpus is missing");
    let mut failures = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).expect("read");
        let args: Vec<String> = source
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# args:"))
            .map(|a| a.split_whitespace().map(String::from).collect())
            .unwrap_or_default();
        // Run from the corpus directory with a relative path, so that
        // tracebacks name the file the same way.
        let rel = Path::new(file.file_name().expect("file name"));
        let dir = file.parent().expect("dir");
        let ours = Command::new(shoal)
            .arg("run")
            .arg(rel)
            .args(&args)
            .current_dir(dir)
            .output()
            .expect("shoal runs");
        let theirs = Command::new("python3")
            .arg(rel)
            .args(&args)
            .current_dir(dir)
            .env("PYTHONHASHSEED", "0")
            .output()
            .expect("python3 runs");
        let name = rel.display();
        if ours.stdout != theirs.stdout {
            failures.push(format!(
                "{name}: stdout differs\n--- shoal\n{}\n--- python3\n{}",
                String::from_utf8_lossy(&ours.stdout),
                String::from_utf8_lossy(&theirs.stdout)
            ));
            continue;
        }
        if ours.status.code() != theirs.status.code() {
            failures.push(format!(
                "{name}: exit status {:?} vs python3 {:?}\n{}",
                ours.status.code(),
                theirs.status.code(),
                String::from_utf8_lossy(&ours.stderr)
            ));
            continue;
        }
        if last_line(&ours.stderr) != last_line(&theirs.stderr) {
            failures.push(format!(
                "{name}: last stderr line differs\n--- shoal\n{}\n--- python3\n{}",
                String::from_utf8_lossy(&ours.stderr),
                String::from_utf8_lossy(&theirs.stderr)
            ));
        }
    }
    let _ = run;
    assert!(
        failures.is_empty(),
        "{} of {} programs differ:\n\n{}",
        failures.len(),
        files.len(),
        failures.join("\n\n")
    );
}
