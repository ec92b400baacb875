//! pyperformance's pure-Python programs (the ones Shoal runs: the list in
//! `src/bench/pyperformance.rs`) print under `shoal run` what they print
//! under `python3`, through the stand-in harness `tests/pyperformance/
//! pyperf.py`. The package is downloaded from PyPI into
//! `target/pyperformance-cache` when it is missing; without the cache and
//! the registry the test is skipped with a message, unless
//! `SHOAL_REQUIRE_PYPERFORMANCE` is set (as `.ci/run` sets it).

use std::path::PathBuf;
use std::process::Command;

#[test]
fn pyperformance_programs_match_cpython() {
    let shoal = env!("CARGO_BIN_EXE_shoal");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    let cache = target.join("pyperformance-cache");
    let out = Command::new(shoal)
        .args(["bench", "pyperformance", "--check", "--cache"])
        .arg(&cache)
        .output()
        .expect("run shoal");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() == Some(3) {
        assert!(
            std::env::var_os("SHOAL_REQUIRE_PYPERFORMANCE").is_none(),
            "pyperformance is required here but could not be had: {stderr}"
        );
        eprintln!("skipped: {stderr}");
        return;
    }
    assert!(
        out.status.success(),
        "pyperformance programs differ from python3:\n{stdout}\n{stderr}"
    );
    assert!(
        stdout
            .lines()
            .filter(|l| l.ends_with("same as python3"))
            .count()
            >= 20,
        "too few programs ran:\n{stdout}"
    );
}
