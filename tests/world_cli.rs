//! `shoal world run` as a user runs it: the default world, a snapshot
//! saved by one process and resumed by another, and errors in world
//! files.

use std::process::{Command, Output};

fn shoal(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shoal"))
        .args(args)
        .output()
        .expect("shoal starts")
}

fn ok(args: &[&str]) -> String {
    let out = shoal(args);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "shoal {args:?} failed\nstdout:\n{stdout}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

fn state_hash(stdout: &str) -> String {
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("state hash: "))
        .unwrap_or_else(|| panic!("no state hash in:\n{stdout}"))
        .to_string()
}

#[test]
fn a_snapshot_resumes_in_another_process_with_the_same_state() {
    let dir = std::env::temp_dir().join(format!("shoal-world-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let snapshot = dir.join("meadow.ron");
    let snapshot = snapshot.to_str().unwrap();
    let straight = ok(&["world", "run", "--ticks", "16", "-q"]);
    assert!(straight.contains("ticks: 16 (to tick 16)"), "{straight}");
    assert!(straight.contains("tick time: median"), "{straight}");
    let first = ok(&[
        "world",
        "run",
        "--ticks",
        "10",
        "--save-at",
        "10",
        "--save",
        snapshot,
        "-q",
    ]);
    let resumed = ok(&["world", "run", "--load", snapshot, "--ticks", "6", "-q"]);
    assert!(resumed.contains("(to tick 16)"), "{resumed}");
    assert_ne!(state_hash(&first), state_hash(&straight));
    assert_eq!(state_hash(&resumed), state_hash(&straight));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bad_world_file_is_reported_with_its_place() {
    let dir = std::env::temp_dir().join(format!("shoal-world-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.ron");
    std::fs::write(
        &file,
        "World(\n    name: \"bad\",\n    size: (10.0, 10.0),\n    kinds: { \"a\": (max_speed: Some(-1.0)) },\n)\n",
    )
    .unwrap();
    let out = shoal(&["world", "run", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "{}:4:20: kind 'a': max_speed must be a number >= 0",
            file.display()
        )),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
