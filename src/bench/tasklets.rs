//! `shoal bench tasklets`: script tasklets on Shoal's scheduler against
//! CPython with greenlet running the same shapes (greenlet has no
//! scheduler or channels, so the peer scripts carry a minimal round-robin
//! scheduler and channel written the usual way).
//!
//! greenlet is installed with pip into a virtual environment under the
//! system's temporary folder, for the benchmark only (not when
//! `SHOAL_BENCH_NO_INSTALL` is set); without it the peer column is left
//! empty with a note.

use std::path::{Path, PathBuf};
use std::process::Command;

use shoal_scripting::stackless::run_shared;
use shoal_scripting::vm::{Status, Vm};

use super::measure::{Row, Table, rss_bytes, thread_cpu_time};

/// Shoal's side of a scenario: a script whose `N` is the size.
const SWITCH: &str = r#"import stackless
def pinger(n):
    for i in range(n):
        stackless.schedule()
stackless.tasklet(pinger)(N)
stackless.tasklet(pinger)(N)
stackless.run()
"#;

const CHANNEL: &str = r#"import stackless
def sender(ch, n):
    for i in range(n):
        ch.send(i)
def receiver(ch, n):
    for i in range(n):
        ch.receive()
ch = stackless.channel()
stackless.tasklet(receiver)(ch, N)
stackless.tasklet(sender)(ch, N)
stackless.run()
"#;

const HACKYSACK: &str = r#"import stackless
def player(me, circle, counter, done):
    mailbox = circle[me]
    n = len(circle)
    while True:
        ball = mailbox.receive()
        counter[0] += 1
        if counter[0] >= KICKS:
            done.send(ball)
            return
        counter[1] = (counter[1] * 1103515245 + 12345) % 2147483648
        circle[counter[1] % n].send(ball)
circle = [stackless.channel() for i in range(N)]
counter = [0, 1]
done = stackless.channel()
for i in range(N):
    stackless.tasklet(player)(i, circle, counter, done)
stackless.schedule()
circle[0].send('ball')
done.receive()
"#;

/// The peer's minimal scheduler and channel on greenlet.
const GREENLET_PRELUDE: &str = r#"
import collections, sys, time, resource
import greenlet

queue = collections.deque()
main = greenlet.getcurrent()

def spawn(f, *args):
    g = greenlet.greenlet(lambda: f(*args), parent=main)
    queue.append(g)
    return g

def run():
    while queue:
        queue.popleft().switch()

def schedule():
    queue.append(greenlet.getcurrent())
    main.switch()

class Channel:
    def __init__(self):
        self.receivers = collections.deque()
        self.senders = collections.deque()

    def send(self, value):
        if self.receivers:
            g = self.receivers.popleft()
            queue.appendleft(greenlet.getcurrent())
            g.switch(value)
        else:
            self.senders.append((greenlet.getcurrent(), value))
            main.switch()

    def receive(self):
        if self.senders:
            g, value = self.senders.popleft()
            queue.append(g)
            return value
        self.receivers.append(greenlet.getcurrent())
        return main.switch()
"#;

const GREENLET_SWITCH: &str = r#"def pinger(n):
    for i in range(n):
        schedule()
t = time.process_time()
spawn(pinger, N)
spawn(pinger, N)
run()
print(time.process_time() - t)
"#;

const GREENLET_CHANNEL: &str = r#"def sender(ch, n):
    for i in range(n):
        ch.send(i)
def receiver(ch, n):
    for i in range(n):
        ch.receive()
t = time.process_time()
ch = Channel()
spawn(receiver, ch, N)
spawn(sender, ch, N)
run()
print(time.process_time() - t)
"#;

const GREENLET_HACKYSACK: &str = r#"def player(me, circle, counter, result):
    mailbox = circle[me]
    n = len(circle)
    while True:
        ball = mailbox.receive()
        counter[0] += 1
        if counter[0] >= KICKS:
            result.append(ball)
            main.switch()
            return
        counter[1] = (counter[1] * 1103515245 + 12345) % 2147483648
        circle[counter[1] % n].send(ball)
t = time.process_time()
circle = [Channel() for i in range(N)]
counter = [0, 1]
result = []
for i in range(N):
    spawn(player, i, circle, counter, result)
run()
spawn(lambda: circle[0].send('ball'))
run()
print(time.process_time() - t)
"#;

const GREENLET_MEMORY: &str = r#"import gc
def waiter(ch):
    ch.receive()
gc.collect()
before = int(open('/proc/self/statm').read().split()[1])
ch = Channel()
for i in range(N):
    spawn(waiter, ch)
run()
after = int(open('/proc/self/statm').read().split()[1])
print((after - before) * resource.getpagesize() / N)
"#;

/// Runs a script with tasklets on a fresh scheduler, reading `probe`
/// just before and just after the run.
fn run_probed<T>(source: &str, probe: impl Fn() -> anyhow::Result<T>) -> anyhow::Result<(T, T)> {
    let _scheduler = shoal_engine::Scheduler::new();
    let mut vm = Vm::new(Box::new(std::io::sink()), Box::new(std::io::sink()));
    vm.load_main("bench.py", source)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let vm = vm.into_shared();
    let before = probe()?;
    let status = run_shared(&vm);
    let after = probe()?;
    if let Status::Raised(exc) = status {
        let text = vm.borrow_mut().format_exception(exc);
        anyhow::bail!("the benchmark raised: {text}");
    }
    Ok((before, after))
}

/// CPU seconds a script with tasklets takes.
fn shoal_seconds(source: &str) -> anyhow::Result<f64> {
    let (t0, t1) = run_probed(source, || Ok(thread_cpu_time()))?;
    Ok((t1 - t0).as_secs_f64())
}

/// Bytes per script tasklet blocked in a receive, `n` of them.
fn shoal_blocked_bytes(n: u64) -> anyhow::Result<f64> {
    let source = format!(
        "import stackless\ndef waiter(ch):\n    ch.receive()\nch = stackless.channel()\n\
         for i in range({n}):\n    stackless.tasklet(waiter)(ch)\nstackless.run()\n"
    );
    let (before, after) = run_probed(&source, rss_bytes)?;
    Ok(after.saturating_sub(before) as f64 / n as f64)
}

/// A Python with greenlet, installed on first use.
fn greenlet_python() -> Result<PathBuf, String> {
    let venv = std::env::temp_dir().join("shoal-bench-greenlet");
    let python = venv.join("bin/python");
    let ready = |p: &PathBuf| {
        Command::new(p)
            .args(["-c", "import greenlet"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if ready(&python) {
        return Ok(python);
    }
    if std::env::var_os("SHOAL_BENCH_NO_INSTALL").is_some() {
        return Err("greenlet is not installed and SHOAL_BENCH_NO_INSTALL is set".into());
    }
    eprintln!(
        "shoal bench: installing greenlet into {} ...",
        venv.display()
    );
    let made = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .output()
        .map_err(|e| format!("python3 -m venv: {e}"))?;
    if !made.status.success() {
        return Err(format!(
            "python3 -m venv failed: {}",
            String::from_utf8_lossy(&made.stderr).trim()
        ));
    }
    let pip = Command::new(&python)
        .args(["-m", "pip", "install", "--quiet", "greenlet"])
        .output()
        .map_err(|e| format!("pip: {e}"))?;
    if !pip.status.success() || !ready(&python) {
        return Err(format!(
            "pip install greenlet failed: {}",
            String::from_utf8_lossy(&pip.stderr).trim()
        ));
    }
    Ok(python)
}

/// Runs a greenlet peer script; the number it prints.
fn greenlet_figure(python: &PathBuf, source: &str) -> Option<f64> {
    let program = format!("{GREENLET_PRELUDE}\n{source}");
    let out = Command::new(python).args(["-c", &program]).output().ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

/// Runs one of Shoal's own scenario scripts (they use Stackless's API)
/// under a Stackless Python, timed in its own process time; the seconds.
fn stackless_seconds(python: &Path, source: &str) -> Option<f64> {
    let program =
        format!("import time\nt = time.process_time()\n{source}\nprint(time.process_time() - t)\n");
    let out = Command::new(python).args(["-c", &program]).output().ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

/// Bytes per tasklet blocked in a receive under a Stackless Python.
fn stackless_blocked_bytes(python: &Path, n: u64) -> Option<f64> {
    let program = format!(
        "import gc, resource, stackless\ndef waiter(ch):\n    ch.receive()\ngc.collect()\n\
         before = int(open('/proc/self/statm').read().split()[1])\nch = stackless.channel()\n\
         for i in range({n}):\n    stackless.tasklet(waiter)(ch)\nstackless.run()\n\
         after = int(open('/proc/self/statm').read().split()[1])\n\
         print((after - before) * resource.getpagesize() / {n})\n"
    );
    let out = Command::new(python).args(["-c", &program]).output().ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

/// Whether `python` is a Stackless Python.
fn is_stackless(python: &Path) -> bool {
    Command::new(python)
        .args(["-c", "import stackless; stackless.tasklet"])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// The table; with `stackless` (a Stackless Python 3.7 build), a second
/// row per scenario compares with Stackless running the same script.
pub fn bench(quick: bool, stackless: Option<PathBuf>) -> anyhow::Result<Table> {
    let reps = if quick { 1 } else { 3 };
    let mut notes = Vec::new();
    if let Some(p) = &stackless
        && !is_stackless(p)
    {
        anyhow::bail!(
            "{} is not a Stackless Python (`import stackless` fails there)",
            p.display()
        );
    }
    let python = match greenlet_python() {
        Ok(p) => Some(p),
        Err(e) => {
            notes.push(format!("no greenlet column: {e}"));
            None
        }
    };
    let (switches, pairs, kicks, blocked) = if quick {
        (2_000u64, 2_000u64, 5_000u64, 10_000u64)
    } else {
        (1_000_000, 1_000_000, 1_000_000, 1_000_000)
    };
    // (scenario, Shoal script, peer script, operations, unit scale, target)
    let hack10 = HACKYSACK
        .replace("KICKS", &kicks.to_string())
        .replace('N', if quick { "1000" } else { "10000" });
    let hack100 = HACKYSACK
        .replace("KICKS", &kicks.to_string())
        .replace('N', if quick { "2000" } else { "100000" });
    let ghack10 = GREENLET_HACKYSACK
        .replace("KICKS", &kicks.to_string())
        .replace('N', if quick { "1000" } else { "10000" });
    let ghack100 = GREENLET_HACKYSACK
        .replace("KICKS", &kicks.to_string())
        .replace('N', if quick { "2000" } else { "100000" });
    // (scenario, Shoal script, greenlet script, operations, target, target
    // against Stackless)
    let scenarios: Vec<(String, String, String, u64, &str, &str)> = vec![
        (
            "schedule() ping-pong, per switch".into(),
            SWITCH.replace('N', &switches.to_string()),
            GREENLET_SWITCH.replace('N', &switches.to_string()),
            2 * switches,
            "<= 40 ns",
            ">= 2x Stackless",
        ),
        (
            "channel send/receive pair".into(),
            CHANNEL.replace('N', &pairs.to_string()),
            GREENLET_CHANNEL.replace('N', &pairs.to_string()),
            pairs,
            "<= 50 ns",
            ">= 2x Stackless",
        ),
        (
            format!(
                "hackysack, {} tasklets, per kick",
                if quick { "1,000" } else { "10,000" }
            ),
            hack10,
            ghack10,
            kicks,
            "",
            "",
        ),
        (
            format!(
                "hackysack, {} tasklets, per kick",
                if quick { "2,000" } else { "100,000" }
            ),
            hack100,
            ghack100,
            kicks,
            "",
            "",
        ),
    ];
    let mut rows = Vec::new();
    for (name, ours, theirs, ops, target, slp_target) in scenarios {
        let mut shoal = Vec::new();
        let mut peer = Vec::new();
        let mut slp = Vec::new();
        for _ in 0..reps {
            shoal.push(shoal_seconds(&ours)? * 1e9 / ops as f64);
            if let Some(p) = &python
                && let Some(t) = greenlet_figure(p, &theirs)
            {
                peer.push(t * 1e9 / ops as f64);
            }
            if let Some(p) = &stackless
                && let Some(t) = stackless_seconds(p, &ours)
            {
                slp.push(t * 1e9 / ops as f64);
            }
        }
        let shoal = median(shoal);
        rows.push(Row {
            scenario: name,
            shoal,
            peer: (!peer.is_empty()).then(|| ("CPython 3.11 + greenlet".to_string(), median(peer))),
            unit: "ns",
            target: target.into(),
        });
        if stackless.is_some() {
            rows.push(Row {
                scenario: "  same script".into(),
                shoal,
                peer: (!slp.is_empty()).then(|| ("Stackless 3.7".to_string(), median(slp))),
                unit: "ns",
                target: slp_target.into(),
            });
        }
    }
    let ours = shoal_blocked_bytes(blocked)?;
    // A million parked greenlets would take several GiB: the peer is
    // measured on a tenth as many (the cost per greenlet does not depend
    // on the count).
    let peer_blocked = if quick { blocked } else { blocked / 10 };
    let theirs = python
        .as_ref()
        .and_then(|p| greenlet_figure(p, &GREENLET_MEMORY.replace('N', &peer_blocked.to_string())));
    if !quick {
        notes.push(format!(
            "greenlet's memory is measured on {peer_blocked} parked greenlets"
        ));
    }
    rows.push(Row {
        scenario: format!("memory per blocked tasklet ({blocked})"),
        shoal: ours,
        peer: theirs.map(|t| ("CPython 3.11 + greenlet".to_string(), t)),
        unit: "B",
        target: "1,000,000 in <= 512 MiB (537 B each)".into(),
    });
    if let Some(p) = &stackless {
        rows.push(Row {
            scenario: "  same".into(),
            shoal: ours,
            peer: stackless_blocked_bytes(p, blocked).map(|t| ("Stackless 3.7".to_string(), t)),
            unit: "B",
            target: "<= 512 B".into(),
        });
    }
    notes.push("times are medians of CPU time per operation; loops included".into());
    Ok(Table {
        title: format!(
            "shoal bench tasklets{} (ratio = peer / shoal: above 1, Shoal is faster or smaller)",
            if quick { " --quick" } else { "" }
        ),
        rows,
        notes,
    })
}
