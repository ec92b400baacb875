//! `shoal bench script`: the same programs under Shoal's VM and under
//! `python3`, timed in CPU time of the process that runs them (Python's
//! own `time.process_time()` around `exec`, so its start-up is excluded).

use std::io::Write;
use std::process::Command;

use shoal_scripting::{Status, Vm};

use super::measure::{Row, Table, thread_cpu_time};

/// (name, program); `N` is replaced by the size.
const WORKLOADS: &[(&str, &str, u64, u64)] = &[
    (
        "fib(30), recursive calls",
        "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\nfib(N)\n",
        30,
        18,
    ),
    (
        "for loop, 10M iterations",
        "def main():\n    total = 0\n    for i in range(N):\n        total += i\n    return total\nmain()\n",
        10_000_000,
        20_000,
    ),
    (
        "while loop, 10M iterations",
        "def main():\n    i = 0\n    total = 0\n    while i < N:\n        total += i\n        i += 1\n    return total\nmain()\n",
        10_000_000,
        20_000,
    ),
    (
        "list: append, index, sort",
        "def main():\n    xs = []\n    for i in range(N):\n        xs.append((i * 7919) % 1000)\n    s = 0\n    for i in range(len(xs)):\n        s += xs[i]\n    xs.sort()\n    return s + xs[0]\nmain()\n",
        1_000_000,
        5_000,
    ),
    (
        "dict: insert and look up",
        "def main():\n    d = {}\n    for i in range(N):\n        d[i % 5000] = d.get(i % 5000, 0) + i\n    return len(d)\nmain()\n",
        1_000_000,
        5_000,
    ),
    (
        "strings: split, join, format",
        "def main():\n    out = []\n    for i in range(N):\n        words = f'item {i} of {N}'.split()\n        out.append('-'.join(words).upper())\n    return len(out)\nmain()\n",
        200_000,
        2_000,
    ),
    (
        "method calls on an instance",
        "class C:\n    def __init__(self):\n        self.n = 0\n    def inc(self, k):\n        self.n += k\n        return self\ndef main():\n    c = C()\n    for i in range(N):\n        c.inc(1)\n    return c.n\nmain()\n",
        2_000_000,
        5_000,
    ),
];

fn shoal_seconds(source: &str) -> anyhow::Result<f64> {
    let mut vm = Vm::new(Box::new(std::io::sink()), Box::new(std::io::sink()));
    let t0 = thread_cpu_time();
    vm.load_main("bench.py", source)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    match vm.run_to_end() {
        Status::Raised(exc) => anyhow::bail!("the benchmark raised: {}", vm.format_exception(exc)),
        _ => Ok((thread_cpu_time() - t0).as_secs_f64()),
    }
}

fn python_seconds(source: &str) -> Option<f64> {
    let wrapper = "import sys, time\nsrc = sys.stdin.read()\ncode = compile(src, 'bench.py', 'exec')\nt = time.process_time()\nexec(code, {'__name__': '__main__'})\nprint(time.process_time() - t)\n";
    let mut child = Command::new("python3")
        .args(["-c", wrapper])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(source.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

pub fn bench(quick: bool) -> anyhow::Result<Table> {
    let reps = if quick { 1 } else { 3 };
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for (name, template, full, small) in WORKLOADS {
        let n = if quick { *small } else { *full };
        let source = template.replace('N', &n.to_string());
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        for _ in 0..reps {
            ours.push(shoal_seconds(&source)?);
            if let Some(t) = python_seconds(&source) {
                theirs.push(t);
            }
        }
        ours.sort_by(f64::total_cmp);
        theirs.sort_by(f64::total_cmp);
        let peer = theirs
            .get(theirs.len() / 2)
            .map(|t| ("python3 (CPython)".to_string(), t * 1e3));
        if peer.is_none() {
            notes.push(format!("{name}: python3 did not run; no peer figure"));
        }
        rows.push(Row {
            scenario: name.to_string(),
            shoal: ours[ours.len() / 2] * 1e3,
            peer,
            unit: "ms",
            target: ">= 1.5x CPython".into(),
        });
    }
    notes.push("times are medians of CPU time; Python's excludes its start-up".into());
    Ok(Table {
        title: format!(
            "shoal bench script{} (ratio = python3 / shoal: above 1, Shoal is faster)",
            if quick { " --quick" } else { "" }
        ),
        rows,
        notes,
    })
}
