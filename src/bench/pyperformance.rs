//! `shoal bench pyperformance`: the pure-Python programs of the
//! pyperformance suite (the benchmarks CPython and PyPy report their speed
//! on), unchanged, under `python3` and under Shoal, each run once through
//! the stand-in harness `tests/pyperformance/pyperf.py`. Reports CPU time,
//! the ratio per program and the geometric mean; `--check` only compares
//! their output (the test suite's use).
//!
//! The programs are not in the repository: the package is downloaded from
//! PyPI with `pip download` into a cache folder the first time.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::measure::{Row, Table};

/// The pyperformance release the programs come from.
const VERSION: &str = "1.14.0";

/// The stand-in for the `pyperf` module.
const PYPERF: &str = include_str!("../../tests/pyperformance/pyperf.py");

/// The programs Shoal runs as CPython does (checked by the test suite).
pub const PASSING: &[&str] = &[
    "barnes_hut",
    "chaos",
    "comprehensions",
    "coroutines",
    "deepcopy",
    "deltablue",
    "fannkuch",
    "float",
    "generators",
    "go",
    "hexiom",
    "json_dumps",
    "json_loads",
    "meteor_contest",
    "nbody",
    "nqueens",
    "pidigits",
    "raytrace",
    "richards",
    "richards_super",
    "scimark",
    "spectral_norm",
    "unpack_sequence",
];

/// Programs the issue asks for that Shoal does not run yet (reported by
/// the benchmark, not checked).
const PENDING: &[&str] = &[];

/// Why the programs could not be had (no cache, no registry): the caller
/// skips rather than fails.
#[derive(Debug)]
pub struct Unavailable(pub String);

impl std::fmt::Display for Unavailable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "pyperformance {VERSION} is not available: {}", self.0)
    }
}

impl std::error::Error for Unavailable {}

/// The default cache: `$XDG_CACHE_HOME/shoal` or `~/.cache/shoal`.
fn default_cache() -> PathBuf {
    std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir)
        .join("shoal")
}

/// The benchmarks folder of the unpacked package, downloading and
/// unpacking it into `cache` when it is not there.
pub fn benchmarks_dir(cache: &Path) -> Result<PathBuf, Unavailable> {
    let root = cache.join(format!("pyperformance-{VERSION}"));
    let dir = root.join("pyperformance/data-files/benchmarks");
    if dir.join("bm_nbody/run_benchmark.py").is_file() {
        return Ok(dir);
    }
    std::fs::create_dir_all(cache).map_err(|e| Unavailable(format!("{}: {e}", cache.display())))?;
    let archive = cache.join(format!("pyperformance-{VERSION}.tar.gz"));
    if !archive.is_file() {
        eprintln!(
            "downloading pyperformance {VERSION} from PyPI into {}",
            cache.display()
        );
        let out = Command::new("python3")
            .args([
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--no-binary",
                ":all:",
            ])
            .arg(format!("pyperformance=={VERSION}"))
            .arg("-d")
            .arg(cache)
            .output()
            .map_err(|e| Unavailable(format!("cannot run python3 -m pip: {e}")))?;
        if !out.status.success() || !archive.is_file() {
            return Err(Unavailable(format!(
                "pip download failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            )));
        }
    }
    let out = Command::new("tar")
        .arg("xzf")
        .arg(&archive)
        .arg("-C")
        .arg(cache)
        .output()
        .map_err(|e| Unavailable(format!("cannot run tar: {e}")))?;
    if !out.status.success() || !dir.is_dir() {
        return Err(Unavailable(format!(
            "cannot unpack {}: {}",
            archive.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(dir)
}

/// CPU time used by this process's waited-for children so far.
fn children_cpu_seconds() -> f64 {
    // SAFETY: getrusage writes into the struct we pass.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    if rc != 0 {
        return 0.0;
    }
    let t = |tv: libc::timeval| tv.tv_sec as f64 + tv.tv_usec as f64 / 1e6;
    t(usage.ru_utime) + t(usage.ru_stime)
}

/// One program run: its output, the CPU time the process took, and the
/// CPU time spent inside the benchmark's functions (what pyperf times),
/// as the harness stand-in recorded it.
struct Run {
    output: Output,
    seconds: f64,
    inner: Option<f64>,
}

/// Runs `cmd` (a program staged with the harness stand-in) with
/// `--shim-times times`, so that the stand-in records the time inside
/// the benchmark's functions there.
fn run(mut cmd: Command, times: &Path) -> anyhow::Result<Run> {
    let _ = std::fs::remove_file(times);
    let before = children_cpu_seconds();
    let output = cmd
        .arg("--shim-times")
        .arg(times)
        .env("PYTHONHASHSEED", "0")
        .output()?;
    let inner = std::fs::read_to_string(times).ok().and_then(|text| {
        text.lines()
            .map(|l| l.trim().parse::<f64>().ok())
            .sum::<Option<f64>>()
    });
    Ok(Run {
        output,
        inner,
        seconds: children_cpu_seconds() - before,
    })
}

/// A folder holding program `name` as `bm_<name>.py` beside `pyperf.py`.
fn stage(benchmarks: &Path, name: &str, work: &Path) -> anyhow::Result<PathBuf> {
    let source = benchmarks.join(format!("bm_{name}/run_benchmark.py"));
    let file = work.join(format!("bm_{name}.py"));
    std::fs::copy(&source, &file).map_err(|e| anyhow::anyhow!("{}: {e}", source.display()))?;
    std::fs::write(work.join("pyperf.py"), PYPERF)?;
    Ok(file)
}

/// What a run printed, for comparison: stdout and the exit status.
fn outcome(r: &Run) -> (String, Option<i32>) {
    (
        String::from_utf8_lossy(&r.output.stdout).into_owned(),
        r.output.status.code(),
    )
}

/// The last line of a run's stderr (its exception, if it failed).
fn last_error(r: &Run) -> String {
    String::from_utf8_lossy(&r.output.stderr)
        .lines()
        .last()
        .unwrap_or("")
        .to_string()
}

/// Runs `names` under python3 and `shoal`; returns, per program, both runs.
fn run_all(names: &[&str], cache: &Path, shoal: &Path) -> anyhow::Result<Vec<(String, Run, Run)>> {
    let benchmarks = benchmarks_dir(cache)?;
    let work = std::env::temp_dir().join(format!("shoal-pyperformance-{}", std::process::id()));
    std::fs::create_dir_all(&work)?;
    let result = (|| {
        let mut out = Vec::new();
        for (i, name) in names.iter().enumerate() {
            eprintln!("[{}/{}] {name}", i + 1, names.len());
            let file = stage(&benchmarks, name, &work)?;
            let mut py = Command::new("python3");
            py.arg(&file).current_dir(&work);
            let theirs = run(py, &work.join("python3.times"))?;
            let mut ours = Command::new(shoal);
            ours.arg("run").arg(&file).current_dir(&work);
            let ours = run(ours, &work.join("shoal.times"))?;
            out.push((name.to_string(), ours, theirs));
        }
        Ok(out)
    })();
    let _ = std::fs::remove_dir_all(&work);
    result
}

/// `--check`: runs the passing programs and fails with the differences
/// if any prints other than python3.
pub fn check(cache: Option<PathBuf>) -> anyhow::Result<()> {
    let cache = cache.unwrap_or_else(default_cache);
    let shoal = std::env::current_exe()?;
    let runs = run_all(PASSING, &cache, &shoal)?;
    let mut failures = Vec::new();
    for (name, ours, theirs) in &runs {
        if outcome(ours) != outcome(theirs) {
            failures.push(format!(
                "{name}: shoal printed {:?} (exit {:?}, {}), python3 printed {:?} (exit {:?})",
                outcome(ours).0,
                outcome(ours).1,
                last_error(ours),
                outcome(theirs).0,
                outcome(theirs).1
            ));
        } else {
            println!("{name}: same as python3");
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        anyhow::bail!(
            "{} programs differ:\n{}",
            failures.len(),
            failures.join("\n")
        )
    }
}

/// The benchmark: every passing and pending program, one run each.
pub fn bench(quick: bool, cache: Option<PathBuf>) -> anyhow::Result<Table> {
    let cache = cache.unwrap_or_else(default_cache);
    let shoal = std::env::current_exe()?;
    let names: Vec<&str> = if quick {
        PASSING.iter().take(3).copied().collect()
    } else {
        PASSING.iter().chain(PENDING).copied().collect()
    };
    let runs = run_all(&names, &cache, &shoal)?;
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let mut log_sum = 0.0;
    let mut log_whole = 0.0;
    let mut counted = 0;
    for (name, ours, theirs) in runs {
        if outcome(&ours) != outcome(&theirs) {
            notes.push(format!(
                "{name}: Shoal does not run it as python3 does ({})",
                last_error(&ours)
            ));
            continue;
        }
        // The time inside the benchmark's functions where both recorded
        // it, else the whole process's.
        let (us, them) = match (ours.inner, theirs.inner) {
            (Some(a), Some(b)) => (a, b),
            _ => {
                notes.push(format!("{name}: whole-process times (no inner times)"));
                (ours.seconds, theirs.seconds)
            }
        };
        log_sum += (them / us.max(1e-9)).ln();
        log_whole += (theirs.seconds / ours.seconds.max(1e-9)).ln();
        counted += 1;
        rows.push(Row {
            scenario: name,
            shoal: us * 1e3,
            peer: Some(("python3 (CPython)".to_string(), them * 1e3)),
            unit: "ms",
            target: ">= 1.0x CPython".into(),
        });
    }
    if counted > 0 {
        notes.push(format!(
            "geometric mean of the ratios over {counted} programs: {:.2}x (target >= 1.5x); \
             of whole-process times, start-up included: {:.2}x",
            (log_sum / counted as f64).exp(),
            (log_whole / counted as f64).exp()
        ));
    }
    notes.push(
        "one run each; CPU time inside the benchmark's functions (what pyperf times), \
         module set-up and start-up excluded"
            .into(),
    );
    Ok(Table {
        title: format!(
            "shoal bench pyperformance{} (ratio = python3 / shoal: above 1, Shoal is faster)",
            if quick { " --quick" } else { "" }
        ),
        rows,
        notes,
    })
}
