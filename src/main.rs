//! The `shoal` command line.

mod bench;

use clap::{Parser, Subcommand};

/// Shoal: a game-server simulation engine with Stackless-style tasklets.
#[derive(Parser)]
#[command(name = "shoal", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Measure Shoal against its peers, side by side in one run.
    Bench {
        #[command(subcommand)]
        suite: bench::Suite,
    },
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Bench { suite } => bench::run(suite),
    }
}
