//! Timing helpers and the result table.

use std::fmt;
use std::time::Instant;

pub use shoal_engine::thread_cpu_time;

/// Which clock a measurement uses.
#[derive(Clone, Copy)]
pub enum Clock {
    /// CPU time of the measuring thread: for single-threaded scenarios.
    ThreadCpu,
    /// Wall time: for scenarios that span threads.
    Wall,
}

/// Runs `f` (which performs `per_run` operations) `reps` times and returns
/// the median nanoseconds per operation.
pub fn median_ns<F: FnMut() -> anyhow::Result<()>>(
    reps: usize,
    per_run: u64,
    clock: Clock,
    mut f: F,
) -> anyhow::Result<f64> {
    let mut samples = Vec::with_capacity(reps);
    for _ in 0..reps.max(1) {
        let (c0, w0) = (thread_cpu_time(), Instant::now());
        f()?;
        let spent = match clock {
            Clock::ThreadCpu => thread_cpu_time() - c0,
            Clock::Wall => w0.elapsed(),
        };
        samples.push(spent.as_nanos() as f64 / per_run.max(1) as f64);
    }
    samples.sort_by(f64::total_cmp);
    Ok(samples[samples.len() / 2])
}

/// Resident memory of this process, in bytes (Linux `/proc/self/statm`).
pub fn rss_bytes() -> anyhow::Result<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm")?;
    let resident: u64 = statm
        .split_whitespace()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("unexpected /proc/self/statm: {statm:?}"))?
        .parse()?;
    // SAFETY: sysconf has no preconditions.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) }.max(4096) as u64;
    Ok(resident * page)
}

/// One row: a scenario, Shoal's figure, the peer's, and the ratio.
pub struct Row {
    pub scenario: String,
    pub shoal: f64,
    pub peer: Option<(String, f64)>,
    pub unit: &'static str,
    pub target: String,
}

/// A printed benchmark table.
pub struct Table {
    pub title: String,
    pub rows: Vec<Row>,
    pub notes: Vec<String>,
}

fn fmt_value(v: f64, unit: &str) -> String {
    if v >= 100.0 {
        format!("{v:.0} {unit}")
    } else {
        format!("{v:.1} {unit}")
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.title)?;
        writeln!(
            f,
            "{:<38} {:>12}  {:<34} {:>12} {:>8}  target",
            "scenario", "shoal", "peer", "peer value", "ratio"
        )?;
        writeln!(f, "{}", "-".repeat(124))?;
        for row in &self.rows {
            let (peer, value, ratio) = match &row.peer {
                Some((name, v)) => (
                    name.clone(),
                    fmt_value(*v, row.unit),
                    format!("{:.2}x", v / row.shoal),
                ),
                None => ("-".into(), "-".into(), "-".into()),
            };
            writeln!(
                f,
                "{:<38} {:>12}  {:<34} {:>12} {:>8}  {}",
                row.scenario,
                fmt_value(row.shoal, row.unit),
                peer,
                value,
                ratio,
                row.target
            )?;
        }
        for note in &self.notes {
            writeln!(f, "note: {note}")?;
        }
        Ok(())
    }
}
