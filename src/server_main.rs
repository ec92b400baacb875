//! `shoal-server`: runs a world, saves it to a data directory, and serves
//! it (see docs/server.md).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use clap::Parser;
use shoal_server::config::ServerConfig;
use shoal_server::serve::{Origin, Server};

/// Script VMs allocate small objects at a high rate; mimalloc serves them
/// faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The Shoal game server.
#[derive(Parser)]
#[command(version, about)]
struct Args {
    /// A configuration file (RON; default: the embedded assets/server.ron).
    #[arg(long)]
    config: Option<PathBuf>,
    /// The data directory (snapshots, the admin token); overrides the file.
    #[arg(long)]
    data: Option<PathBuf>,
    /// The game address; overrides the file (port 0: any free port).
    #[arg(long)]
    listen: Option<SocketAddr>,
    /// The admin address; overrides the file.
    #[arg(long)]
    admin: Option<SocketAddr>,
    /// Also run the Core War hill on this address (with the file's hill
    /// settings, or the defaults).
    #[arg(long)]
    hill: Option<SocketAddr>,
    /// The world file (overrides the configuration's `world`).
    #[arg(long)]
    world: Option<String>,
    /// Run one zone of a world split into zones (its file's `zones`):
    /// a zone's name, or `any` for the first zone no process holds (a
    /// standby that takes over a dead zone). Needs --nats.
    #[arg(long, requires = "nats")]
    zone: Option<String>,
    /// The NATS server of the cluster (with JetStream), e.g.
    /// nats://127.0.0.1:4222.
    #[arg(long, requires = "zone")]
    nats: Option<String>,
    /// The cluster's name on NATS (default: the world's name).
    #[arg(long, requires = "zone")]
    cluster: Option<String>,
    /// Seconds a zone stays held after its process stops renewing its
    /// lease (then another process may take it over).
    #[arg(long, default_value_t = 3.0)]
    lease_secs: f64,
    /// Seconds between a zone's snapshots on NATS.
    #[arg(long, default_value_t = 2.0)]
    zone_snapshot_secs: f64,
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("SHOAL_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    match run(args) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("shoal-server: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let mut config = match &args.config {
        Some(path) => ServerConfig::load(path)?,
        None => ServerConfig::embedded(),
    };
    config.override_with(args.data, args.listen, args.admin);
    if let Some(addr) = args.hill {
        config.hill.get_or_insert_with(Default::default).listen = addr;
    }
    // SIGINT and SIGTERM stop the loop, which saves once more.
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let hill = match config.hill.clone() {
        Some(hill) => Some(shoal_server::hill::spawn(
            hill,
            config.data_dir.clone(),
            Arc::clone(&stop),
        )?),
        None => None,
    };
    if let Some(world) = args.world.clone() {
        config.world = world;
    }
    let mut server = match (&args.zone, &args.nats) {
        (Some(zone), Some(nats)) => {
            let secs = |v: f64, what: &str| {
                if v.is_finite() && v > 0.0 && v <= 3600.0 {
                    Ok(std::time::Duration::from_secs_f64(v))
                } else {
                    Err(format!(
                        "{what} must be a number of seconds above 0, at most 3600"
                    ))
                }
            };
            let opts = shoal_server::cluster::ZoneOptions {
                nats: nats.clone(),
                zone: zone.clone(),
                cluster: args.cluster.clone(),
                lease: secs(args.lease_secs, "--lease-secs")?,
                snapshot_every: secs(args.zone_snapshot_secs, "--zone-snapshot-secs")?,
            };
            let server = Server::open_zone(config, opts)?;
            if let Some(z) = server.zone() {
                println!("zone {} of {} zones", z.name(), z.map().zones.len());
            }
            server
        }
        _ => Server::open(config)?,
    };
    let sim = server.sim();
    match &server.origin {
        Origin::Snapshot(path) => println!(
            "world '{}' loaded from {} at tick {}",
            sim.def().spec.name,
            path.display(),
            sim.tick_count()
        ),
        Origin::Fresh => println!(
            "world '{}' started from {}",
            sim.def().spec.name,
            sim.def().path
        ),
    }
    println!(
        "state hash {:016x} at tick {}",
        server.start_hash,
        sim.tick_count()
    );
    if let Some(path) = &server.token_path {
        println!("admin token in {}", path.display());
    }
    println!("game listening on {}", server.game_addr);
    println!("admin listening on {}", server.admin_addr);
    if let Some((addr, _)) = &hill {
        println!("core war hill listening on {addr}");
    }
    let served = server.run(&stop);
    // The hill stops with the server (the flag is shared) and saves.
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    if let Some((_, thread)) = hill {
        match thread.join() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("shoal-server: hill: {e}"),
            Err(_) => eprintln!("shoal-server: the hill's thread panicked"),
        }
    }
    served?;
    let sim = server.sim();
    println!(
        "stopped at tick {}, state hash {:016x}",
        sim.tick_count(),
        sim.state_hash()
    );
    Ok(())
}
