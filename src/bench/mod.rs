//! `shoal bench`: scenarios that time Shoal and a peer in the same run and
//! print a table with the ratio. Nothing here is asserted: machines are
//! noisy, so speed is reported, never tested.

mod cluster;
mod corewar;
mod engine;
mod io;
mod measure;
mod priority;
pub mod pyperformance;
mod script;
mod tasklets;
mod world;

use clap::Subcommand;

/// The benchmark suites.
#[derive(Subcommand, Debug, Clone)]
pub enum Suite {
    /// Native tasklets and channels against tokio and OS threads.
    Engine {
        /// Small counts, one repetition: checks that every scenario runs.
        #[arg(long)]
        quick: bool,
    },
    /// The script VM against CPython on the same programs.
    Script {
        /// Small counts, one repetition: checks that every scenario runs.
        #[arg(long)]
        quick: bool,
    },
    /// Script tasklets and channels against CPython with greenlet (and
    /// Stackless Python, given one).
    Tasklets {
        /// Small counts, one repetition: checks that every scenario runs.
        #[arg(long)]
        quick: bool,
        /// A Stackless Python 3.7 to run the same scripts under (its
        /// `python` binary), for a second row per scenario.
        #[arg(long)]
        stackless: Option<std::path::PathBuf>,
    },
    /// Echo servers on loopback: plain mio, Shoal's native tasklets, the
    /// script `examples/echo_server.py` under Shoal and under `python3`,
    /// at 100, 1,000 and 10,000 clients.
    Io {
        /// 20 clients, few round trips: checks that every scenario runs.
        #[arg(long)]
        quick: bool,
        /// Only this many clients (instead of 100, 1,000 and 10,000).
        #[arg(long)]
        clients: Option<usize>,
        /// Only the native servers (plain mio and Shoal's tasklets).
        #[arg(long)]
        native_only: bool,
    },
    /// The load generator of `bench io` alone (run by it as a child
    /// process when one process cannot hold both ends of every connection).
    #[command(hide = true)]
    IoLoad {
        /// The echo server's address.
        addr: String,
        /// Connections.
        clients: usize,
        /// Round trips in all.
        total: usize,
    },
    /// Core War: the 50 fights of the '94nop benchmark, and pMARS on the
    /// same fights with `--pmars`.
    Corewar {
        /// Five fights of 10 rounds: checks that it runs.
        #[arg(long)]
        quick: bool,
        /// Where `benchmark-94nop-100.txt` and `94nop/` are
        /// [default: tests/corewar/warriors].
        #[arg(long)]
        warriors: Option<std::path::PathBuf>,
        /// A pMARS batch build to run on the same fights.
        #[arg(long)]
        pmars: Option<std::path::PathBuf>,
    },
    /// pyperformance's pure-Python programs under python3 and Shoal (the
    /// package is downloaded from PyPI into a cache on first use).
    Pyperformance {
        /// Three programs: checks that it runs.
        #[arg(long)]
        quick: bool,
        /// Only compare the programs' output with python3's (exit status
        /// 3 when the programs cannot be had).
        #[arg(long)]
        check: bool,
        /// Where the package is kept [default: ~/.cache/shoal].
        #[arg(long)]
        cache: Option<std::path::PathBuf>,
    },
    /// Players' latency in an overloaded world, with and without a
    /// priority level for their tasklets.
    Priority {
        /// A small world, few rounds: checks that it runs.
        #[arg(long)]
        quick: bool,
    },
    /// Zones across processes on a nats-server it starts: handoffs per
    /// second, cross-zone post latency, and a 20,000-entity world's tick
    /// on one process against two zone processes.
    Cluster {
        /// Small worlds, short windows: checks that it runs.
        #[arg(long)]
        quick: bool,
    },
    /// Worlds of 10,000 and 100,000 scripted entities: tick times and
    /// snapshots, against the same loop as a native bevy system.
    World {
        /// Small worlds, few ticks: checks that every scenario runs.
        #[arg(long)]
        quick: bool,
    },
}

/// Runs a suite and prints its table.
pub fn run(suite: Suite) -> anyhow::Result<()> {
    match suite {
        Suite::Engine { quick } => {
            let table = engine::bench(quick)?;
            print!("{table}");
            Ok(())
        }
        Suite::Script { quick } => {
            let table = script::bench(quick)?;
            print!("{table}");
            Ok(())
        }
        Suite::Tasklets { quick, stackless } => {
            let table = tasklets::bench(quick, stackless)?;
            print!("{table}");
            Ok(())
        }
        Suite::Io {
            quick,
            clients,
            native_only,
        } => {
            let table = io::bench(quick, clients, native_only)?;
            print!("{table}");
            Ok(())
        }
        Suite::IoLoad {
            addr,
            clients,
            total,
        } => io::load_main(&addr, clients, total),
        Suite::Corewar {
            quick,
            warriors,
            pmars,
        } => {
            let table = corewar::bench(quick, warriors, pmars)?;
            print!("{table}");
            Ok(())
        }
        Suite::Pyperformance {
            quick,
            check,
            cache,
        } => {
            let result = if check {
                pyperformance::check(cache)
            } else {
                pyperformance::bench(quick, cache).map(|table| print!("{table}"))
            };
            if let Err(e) = &result
                && let Some(u) = e.downcast_ref::<pyperformance::Unavailable>()
            {
                eprintln!("{u}");
                std::process::exit(3);
            }
            result
        }
        Suite::Priority { quick } => {
            let table = priority::bench(quick)?;
            print!("{table}");
            Ok(())
        }
        Suite::Cluster { quick } => {
            let table = cluster::bench(quick)?;
            print!("{table}");
            Ok(())
        }
        Suite::World { quick } => {
            let table = world::bench(quick)?;
            print!("{table}");
            Ok(())
        }
    }
}
