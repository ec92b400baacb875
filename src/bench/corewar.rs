//! `shoal bench corewar`: the 50 fights of the '94nop benchmark
//! (`benchmark-94nop-100.txt`, 100 rounds each) run by Shoal's MARS, and
//! by pMARS in the same run when `--pmars PATH` names a batch build.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use super::measure::{Row, Table};

/// One benchmark fight.
struct Fight {
    args: Vec<String>,
    executed: u64,
}

fn fights(dir: &Path, quick: bool) -> anyhow::Result<Vec<Fight>> {
    let list = dir.join("benchmark-94nop-100.txt");
    let text = std::fs::read_to_string(&list)
        .with_context(|| format!("reading {} (give --warriors DIR)", list.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() != 7 {
            bail!("{}:{}: expected 7 fields", list.display(), n + 1);
        }
        let rounds = if quick { "10" } else { "100" };
        out.push(Fight {
            args: vec![
                "-b".into(),
                "-r".into(),
                rounds.into(),
                "-F".into(),
                f[2].into(),
                format!("94nop/{}", f[0]),
                format!("94nop/{}", f[1]),
            ],
            executed: f[6].parse().context("executed instructions")?,
        });
        if quick && out.len() == 5 {
            break;
        }
    }
    Ok(out)
}

/// CPU time used by finished child processes so far.
fn children_cpu() -> Duration {
    // SAFETY: getrusage writes into the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// Runs the benchmark.
pub fn bench(
    quick: bool,
    warriors: Option<PathBuf>,
    pmars: Option<PathBuf>,
) -> anyhow::Result<Table> {
    let dir = warriors.unwrap_or_else(|| PathBuf::from("tests/corewar/warriors"));
    let fights = fights(&dir, quick)?;
    // Shoal: each fight through the same code as `shoal corewar`.
    let mut executed = 0u64;
    let mut shoal_time = Duration::ZERO;
    for f in &fights {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let start = Instant::now();
        let outcome = shoal_corewar::cli::run(&f.args, &dir, &mut out, &mut err);
        shoal_time += start.elapsed();
        if outcome.status != 0 {
            bail!(
                "shoal corewar {}: {}",
                f.args.join(" "),
                String::from_utf8_lossy(&err)
            );
        }
        if !quick && outcome.executed != f.executed {
            bail!(
                "shoal corewar {}: {} instructions executed, the benchmark lists {}",
                f.args.join(" "),
                outcome.executed,
                f.executed
            );
        }
        executed += outcome.executed;
    }
    let per = |t: Duration| t.as_secs_f64() * 1e9 / executed as f64;
    let mips = |t: Duration| executed as f64 / t.as_secs_f64() / 1e6;
    let mut notes = vec![format!(
        "Shoal: {executed} instructions in {:.2} s: {:.1} M instructions/s",
        shoal_time.as_secs_f64(),
        mips(shoal_time)
    )];
    let mut peer = None;
    if let Some(pmars) = pmars {
        let before = children_cpu();
        let wall = Instant::now();
        for f in &fights {
            let status = Command::new(&pmars)
                .args(&f.args)
                .current_dir(&dir)
                .stdout(std::process::Stdio::null())
                .status()
                .with_context(|| format!("running {}", pmars.display()))?;
            if !status.success() {
                bail!("{} {}: {status}", pmars.display(), f.args.join(" "));
            }
        }
        let cpu = children_cpu() - before;
        notes.push(format!(
            "pMARS: {:.2} s of CPU ({:.2} s wall): {:.1} M instructions/s",
            cpu.as_secs_f64(),
            wall.elapsed().as_secs_f64(),
            mips(cpu)
        ));
        notes.push(format!(
            "ratio: Shoal runs {:.2}x pMARS's speed",
            cpu.as_secs_f64() / shoal_time.as_secs_f64()
        ));
        peer = Some(("pmars (batch build)".to_string(), per(cpu)));
    } else {
        notes.push(
            "give --pmars PATH (a batch build of pMARS) to measure it in the same run".into(),
        );
    }
    Ok(Table {
        title: format!(
            "Core War: {} fights of the '94nop benchmark at {} rounds (time per executed instruction; ratio = peer / shoal)",
            fights.len(),
            if quick { 10 } else { 100 }
        ),
        rows: vec![Row {
            scenario: "MARS, 2 warriors, core 8000".into(),
            shoal: per(shoal_time),
            peer,
            unit: "ns",
            target: ">= 1.0x (aim 1.85x)".into(),
        }],
        notes,
    })
}
