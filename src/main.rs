//! The `shoal` command line.

mod bench;
mod cluster_cmd;
mod world_cmd;

use clap::{Parser, Subcommand};

/// Scripts allocate many small objects (strings, lists, frames):
/// mimalloc serves them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Shoal: a game-server simulation engine with Stackless-style tasklets.
#[derive(Parser)]
#[command(name = "shoal", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a script as `python3 FILE.py ARGS...` would.
    Run {
        /// The most memory the script's heap may hold (MemoryError
        /// beyond): 4GiB, 512MiB, 100MB, or a number of bytes.
        #[arg(long, default_value = "4GiB", value_parser = shoal_scripting::memory::parse_size)]
        max_heap: usize,
        /// The script.
        file: std::path::PathBuf,
        /// Arguments for the script (`sys.argv[1:]`).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Run game worlds.
    World {
        #[command(subcommand)]
        command: WorldCommand,
    },
    /// Run a Core War battle with pMARS's options and output
    /// (`shoal corewar -b -r 100 -F 4000 rave.red aeka.red`); `--trace`
    /// prints each executed instruction as pMARS's debugger does.
    #[command(disable_help_flag = true)]
    Corewar {
        /// pMARS's options and the warrior files.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Look at a cluster of zone processes (see docs/cluster.md).
    Cluster {
        #[command(subcommand)]
        command: ClusterCommand,
    },
    /// Measure Shoal against its peers, side by side in one run.
    Bench {
        #[command(subcommand)]
        suite: bench::Suite,
    },
}

#[derive(Subcommand)]
enum WorldCommand {
    /// Run a world headless (default: the embedded default world) and
    /// print tick statistics and the final state hash.
    Run(world_cmd::RunArgs),
}

#[derive(Subcommand)]
enum ClusterCommand {
    /// Each zone's tick, entities, ghosts, handoffs and posts, and the
    /// cluster's totals.
    Status(cluster_cmd::StatusArgs),
    /// Stop every zone's ticks (handoffs and posts in flight still land),
    /// for a consistent view of the whole cluster.
    Pause(cluster_cmd::StatusArgs),
    /// Start the zones' ticks again.
    Resume(cluster_cmd::StatusArgs),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Bench { suite } => bench::run(suite),
        Command::Cluster {
            command: ClusterCommand::Status(args),
        } => cluster_cmd::status(args),
        Command::Cluster {
            command: ClusterCommand::Pause(args),
        } => cluster_cmd::pause(args, true),
        Command::Cluster {
            command: ClusterCommand::Resume(args),
        } => cluster_cmd::pause(args, false),
        Command::Corewar { args } => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let mut err = std::io::stderr();
            let outcome =
                shoal_corewar::cli::run(&args, std::path::Path::new(""), &mut out, &mut err);
            use std::io::Write;
            let _ = out.flush();
            drop(out);
            std::process::exit(outcome.status);
        }
        Command::World {
            command: WorldCommand::Run(args),
        } => world_cmd::run(args),
        Command::Run {
            file,
            args,
            max_heap,
        } => {
            let code = run_script(&file, args, max_heap);
            std::process::exit(code);
        }
    }
}

/// `shoal run`: same stdout, stderr and exit status as `python3 FILE`.
fn run_script(file: &std::path::Path, args: Vec<String>, max_heap: usize) -> i32 {
    let name = file.display().to_string();
    let source = match std::fs::read_to_string(file) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("shoal: can't open file '{name}': {e}");
            return 2;
        }
    };
    let mut argv = vec![name.clone()];
    argv.extend(args);
    let out = Box::new(std::io::BufWriter::new(std::io::stdout()));
    let err = Box::new(std::io::stderr());
    shoal_scripting::run_program(&name, &source, argv, out, err, Some(max_heap))
}
