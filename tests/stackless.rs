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

/// Runs `shoal run examples/persistence.py ARGS` in `dir`.
fn persistence(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_shoal"))
        .arg("run")
        .arg(root().join("examples/persistence.py"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("shoal runs");
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_pickled_running_tasklet_finishes_in_another_process() {
    let dir = std::env::temp_dir().join(format!("shoal-persistence-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let first = persistence(&dir, &[]);
    let mut expected: Vec<String> = (1..=9)
        .map(|l| format!("enter level {}{l}", "  ".repeat(l)))
        .collect();
    expected.push("hi".into());
    assert_eq!(first.lines().collect::<Vec<_>>(), expected);
    assert!(
        dir.join("tasklet.pickle").exists(),
        "the tasklet was pickled"
    );
    let second = persistence(&dir, &["tasklet.pickle"]);
    let expected: Vec<String> = (1..=9)
        .rev()
        .map(|l| format!("leave level {}{l}", "  ".repeat(l)))
        .collect();
    assert_eq!(second.lines().collect::<Vec<_>>(), expected);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn loading_a_tasklet_whose_code_changed_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("shoal-changed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let program = |body: &str| {
        format!(
            "import pickle, sys, stackless\n\
             def work():\n    stackless.schedule()\n    print({body})\n\
             if len(sys.argv) > 1:\n    t = pickle.load(open('t.pickle', 'rb'))\n    t.insert()\n    stackless.run()\n\
             else:\n    t = stackless.tasklet(work)()\n    stackless.schedule()\n    pickle.dump(t, open('t.pickle', 'wb'))\n"
        )
    };
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_shoal"))
            .arg("run")
            .arg("prog.py")
            .args(args)
            .current_dir(&dir)
            .output()
            .expect("shoal runs")
    };
    std::fs::write(dir.join("prog.py"), program("'same'")).expect("write");
    assert!(run(&[]).status.success());
    let same = run(&["load"]);
    assert_eq!(String::from_utf8_lossy(&same.stdout), "same\n");
    assert!(run(&[]).status.success());
    std::fs::write(dir.join("prog.py"), program("'changed'")).expect("write");
    let changed = run(&["load"]);
    let stderr = String::from_utf8_lossy(&changed.stderr);
    assert_eq!(changed.status.code(), Some(1));
    assert!(
        stderr.contains("RuntimeError: cannot unpickle: the code of work")
            && stderr.contains("has changed"),
        "{stderr}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_uncaught_tasklet_error_prints_mains_frame_then_the_tasklets() {
    let dir = std::env::temp_dir().join(format!("shoal-tb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    std::fs::write(
        dir.join("tb.py"),
        "import stackless\ndef inner():\n    raise KeyError('deep')\ndef boom():\n    inner()\n\
         stackless.tasklet(boom)()\nstackless.run()\nprint('not reached')\n",
    )
    .expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_shoal"))
        .args(["run", "tb.py"])
        .current_dir(&dir)
        .output()
        .expect("shoal runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "Traceback (most recent call last):\n  File \"tb.py\", line 7, in <module>\n    stackless.run()\n  \
         File \"tb.py\", line 5, in boom\n    inner()\n  File \"tb.py\", line 3, in inner\n    \
         raise KeyError('deep')\nKeyError: 'deep'\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_tasklet_blocked_inside_a_key_function_and_a_with_block_finishes_in_another_process() {
    let dir = std::env::temp_dir().join(format!("shoal-keyfn-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    // The tasklet blocks on a channel inside a key function called by
    // sorted(), itself inside a `with` block; it is pickled there, and a
    // second process loads it, feeds it the keys and lets it finish.
    std::fs::write(
        dir.join("prog.py"),
        "import pickle, sys, stackless\n\
         class Block:\n    def __enter__(self):\n        print('enter')\n        return self\n    \
         def __exit__(self, *exc):\n        print('exit')\n        return False\n\
         def work(ch):\n    with Block():\n        print('sorted', sorted(['a', 'b', 'c'], key=lambda x: ch.receive()))\n\
         if len(sys.argv) > 1:\n    t, ch = pickle.load(open('t.pickle', 'rb'))\n    print('loaded', t.blocked, ch.balance)\n    \
         for k in (3, 1, 2):\n        ch.send(k)\n    stackless.run()\n    print('alive', t.alive)\n\
         else:\n    ch = stackless.channel()\n    t = stackless.tasklet(work)(ch)\n    stackless.run()\n    \
         print('blocked', t.blocked, ch.balance)\n    pickle.dump((t, ch), open('t.pickle', 'wb'))\n",
    )
    .expect("write");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_shoal"))
            .arg("run")
            .arg("prog.py")
            .args(args)
            .current_dir(&dir)
            .output()
            .expect("shoal runs");
        assert!(
            out.status.success(),
            "exit {:?}: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert_eq!(run(&[]), "enter\nblocked True -1\n");
    assert_eq!(
        run(&["load"]),
        "loaded True -1\nsorted ['b', 'c', 'a']\nexit\nalive False\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
