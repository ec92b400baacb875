//! `shoal world run`: runs a world headless and reports its ticks.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::Args;
use shoal_server::Sim;
use shoal_server::default_world::{default_world, embedded_sources, load_world_file};

/// `shoal world run` options.
#[derive(Args)]
pub struct RunArgs {
    /// The world file (default: the embedded default world).
    file: Option<PathBuf>,
    /// How many ticks to run.
    #[arg(long, default_value_t = 200)]
    ticks: u64,
    /// Save a snapshot after this tick (with --save).
    #[arg(long, requires = "save")]
    save_at: Option<u64>,
    /// Where --save-at writes the snapshot.
    #[arg(long, requires = "save_at")]
    save: Option<PathBuf>,
    /// Start from a snapshot instead of a world file, and run --ticks
    /// more ticks.
    #[arg(long, conflicts_with = "file")]
    load: Option<PathBuf>,
    /// Pace ticks at the world's tick rate (slowed by time dilation)
    /// instead of running them back to back.
    #[arg(long)]
    realtime: bool,
    /// Do not print the world's log (behaviours' log lines and errors).
    #[arg(long, short)]
    quiet: bool,
    /// Print the state hash after every tick.
    #[arg(long)]
    hashes: bool,
}

/// Runs `shoal world run`.
pub fn run(args: RunArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut sim = match (&args.load, &args.file) {
        (Some(snapshot), _) => Sim::load_from(snapshot, embedded_sources())
            .with_context(|| format!("cannot load the snapshot {}", snapshot.display()))?,
        (None, Some(file)) => {
            let def = load_world_file(&file.display().to_string())?;
            Sim::new(def, embedded_sources())?
        }
        (None, None) => Sim::new(default_world()?, embedded_sources())?,
    };
    if args.save_at.is_some_and(|t| t < sim.tick_count()) {
        bail!(
            "--save-at {} is before the snapshot's tick {}",
            args.save_at.unwrap_or(0),
            sim.tick_count()
        );
    }
    let def = sim.def();
    eprintln!(
        "world '{}' ({}), {} entities, tick {} at {} Hz, loaded in {:.2?}",
        def.spec.name,
        def.path,
        sim.entities(),
        sim.tick_count(),
        def.rules.tick_rate,
        started.elapsed()
    );
    print_log(&mut sim, args.quiet);
    if let (Some(at), Some(path)) = (args.save_at, &args.save)
        && at == sim.tick_count()
    {
        save(&sim, path, at)?;
    }
    let bar = indicatif::ProgressBar::new(args.ticks);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} ticks  {msg}  eta {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    // Short runs and pipes get no bar.
    if args.ticks < 50 || args.hashes {
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let (mut instructions, mut budget_spent, mut failures) = (0u64, 0u64, 0usize);
    let (mut scripts, mut simulation) = (Vec::new(), Vec::new());
    let mut next = Instant::now();
    for _ in 0..args.ticks {
        let report = sim.tick();
        instructions += report.instructions;
        scripts.push(report.scripts);
        simulation.push(report.simulation);
        budget_spent += report.budget_spent as u64;
        failures += report.failures;
        if args.hashes {
            println!("tick {} hash {:016x}", report.tick, sim.state_hash());
        }
        bar.suspend(|| print_log(&mut sim, args.quiet));
        bar.set_message(format!(
            "{} entities, {:.1?}/tick, dilation {:.2}",
            report.entities, report.work, report.dilation
        ));
        bar.inc(1);
        if let (Some(at), Some(path)) = (args.save_at, &args.save)
            && report.tick == at
        {
            bar.suspend(|| save(&sim, path, at))?;
        }
        if args.realtime {
            next += sim.clock().interval();
            let now = Instant::now();
            if next > now {
                std::thread::sleep(next - now);
            } else {
                next = now;
            }
        }
    }
    bar.finish_and_clear();
    let stats = sim.clock().stats();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "ticks: {} (to tick {}), entities: {}",
        stats.count(),
        sim.tick_count(),
        sim.entities()
    );
    let populations: Vec<String> = sim
        .populations()
        .into_iter()
        .map(|(kind, n)| format!("{kind} {n}"))
        .collect();
    println!("population: {}", populations.join(", "));
    println!(
        "tick time: median {:.3} ms, p90 {:.3} ms, p99 {:.3} ms, max {:.3} ms (budget {:.1} ms at {} Hz)",
        ms(stats.percentile(50.0)),
        ms(stats.percentile(90.0)),
        ms(stats.percentile(99.0)),
        ms(stats.percentile(100.0)),
        ms(sim.clock().nominal_interval()),
        sim.def().rules.tick_rate
    );
    let median = |v: &mut Vec<Duration>| {
        v.sort_unstable();
        v.get(v.len() / 2).copied().unwrap_or_default()
    };
    println!(
        "phases (median): scripts {:.3} ms, simulation {:.3} ms",
        ms(median(&mut scripts)),
        ms(median(&mut simulation))
    );
    println!(
        "scripts: {} instructions ({} per tick), budget spent in {} ticks, {} behaviour failures",
        instructions,
        instructions / stats.count().max(1) as u64,
        budget_spent,
        failures
    );
    println!(
        "dilation: now {:.2}, lowest {:.2}",
        sim.clock().dilation(),
        stats.min_dilation
    );
    if args.save_at.is_some_and(|t| t > sim.tick_count()) {
        eprintln!(
            "note: --save-at {} is after the last tick: nothing saved",
            args.save_at.unwrap_or(0)
        );
    }
    println!("state hash: {:016x}", sim.state_hash());
    Ok(())
}

fn save(sim: &Sim, path: &std::path::Path, tick: u64) -> anyhow::Result<()> {
    let t = Instant::now();
    sim.save_to(path)
        .with_context(|| format!("cannot save to {}", path.display()))?;
    eprintln!(
        "tick {tick}: snapshot written to {} in {:.2?}",
        path.display(),
        t.elapsed()
    );
    Ok(())
}

fn print_log(sim: &mut Sim, quiet: bool) {
    let lines = sim.take_log();
    if !quiet {
        for line in lines {
            eprintln!("{line}");
        }
    }
}
