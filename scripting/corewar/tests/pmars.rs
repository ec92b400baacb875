//! Shoal's MARS against pMARS 0.9.2: the recorded outputs of
//! `tests/corewar/*.txt` and the 50 fights of the '94nop benchmark, at
//! the byte and at the executed instruction.

use std::path::{Path, PathBuf};

use shoal_corewar::cli;

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corewar")
}

struct Case {
    args: Vec<String>,
    executed: Option<u64>,
    expected: String,
}

fn cases(file: &str) -> Vec<Case> {
    let text = std::fs::read_to_string(data().join(file)).expect("recorded pMARS outputs");
    let mut out = Vec::new();
    for block in text.split("# args: ").skip(1) {
        let mut lines = block.lines();
        let args = lines
            .next()
            .unwrap()
            .split_whitespace()
            .map(String::from)
            .collect();
        let mut executed = None;
        let mut expected = String::new();
        for line in lines {
            if let Some(n) = line.strip_prefix("# executed: ") {
                executed = Some(n.parse().unwrap());
            } else {
                expected.push_str(line);
                expected.push('\n');
            }
        }
        // Each case ends with a blank line.
        let expected = expected.trim_end_matches('\n').to_string() + "\n";
        out.push(Case {
            args,
            executed,
            expected,
        });
    }
    out
}

fn check_file(file: &str) {
    let base = data().join("warriors");
    let cases = cases(file);
    assert!(!cases.is_empty());
    let mut failures = Vec::new();
    for case in &cases {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let outcome = cli::run(&case.args, &base, &mut out, &mut err);
        let mut got = String::from_utf8(out).unwrap();
        got.push_str(&String::from_utf8(err).unwrap());
        let mut wrong = Vec::new();
        if got != case.expected {
            wrong.push(format!("printed:\n{got}expected:\n{}", case.expected));
        }
        if let Some(n) = case.executed
            && n != outcome.executed
        {
            wrong.push(format!(
                "executed {} instructions, pMARS {n}",
                outcome.executed
            ));
        }
        if !wrong.is_empty() {
            failures.push(format!(
                "pmars {}\n{}",
                case.args.join(" "),
                wrong.join("\n")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from pMARS:\n\n{}",
        failures.len(),
        cases.len(),
        failures
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}

#[test]
fn random_pairs_agree_with_pmars() {
    check_file("pmars-pairs.txt");
}

#[test]
fn options_agree_with_pmars() {
    check_file("pmars-options.txt");
}

#[test]
fn melee_agrees_with_pmars() {
    check_file("pmars-melee.txt");
}

#[test]
fn pspace_examples_agree_with_pmars() {
    check_file("pmars-pspace.txt");
}

#[test]
fn benchmark_fights_agree_with_pmars() {
    let base = data().join("warriors");
    let list = std::fs::read_to_string(base.join("benchmark-94nop-100.txt")).unwrap();
    let mut failures = Vec::new();
    let mut fights = 0;
    for line in list
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let f: Vec<&str> = line.split_whitespace().collect();
        let args: Vec<String> = [
            "-b",
            "-r",
            "100",
            "-F",
            f[2],
            &format!("94nop/{}", f[0]),
            &format!("94nop/{}", f[1]),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let outcome = cli::run(&args, &base, &mut out, &mut err);
        let out = String::from_utf8(out).unwrap();
        let want = format!("Results: {} {} {}", f[3], f[4], f[5]);
        let results = out.lines().last().unwrap_or("");
        if results != want || outcome.executed.to_string() != f[6] {
            failures.push(format!(
                "{line}: got `{results}` and {} instructions{}",
                outcome.executed,
                String::from_utf8_lossy(&err)
            ));
        }
        fights += 1;
    }
    assert_eq!(fights, 50);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn trace_agrees_with_pmars_debugger() {
    let text = std::fs::read_to_string(data().join("pmars-trace.txt")).unwrap();
    let expected: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(expected.len(), 600);
    let args: Vec<String> = "--trace -b -r 1 -F 4000 examples/rave.red examples/aeka.red"
        .split_whitespace()
        .map(String::from)
        .collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    cli::run(&args, &data().join("warriors"), &mut out, &mut err);
    let out = String::from_utf8(out).unwrap();
    let got: Vec<&str> = out.lines().take(600).collect();
    for (i, (g, e)) in got.iter().zip(&expected).enumerate() {
        assert_eq!(g, e, "trace line {}", i + 1);
    }
    assert_eq!(got.len(), 600);
}
