//! The `shoal-viewer` command line (the binary lives in the root
//! package, so that `cargo run --bin shoal-viewer` works from the
//! workspace root). See `shoal-viewer --help`.

use std::path::PathBuf;

use clap::Parser;

use crate::corewar::CorewarViewer;
use crate::{Feed, Start, Viewer};

/// Watch a Shoal world live: its entities, every tasklet and what it
/// waits on, channels and timings. Alone, it runs the default world in
/// this process.
#[derive(Parser, Debug)]
#[command(name = "shoal-viewer", version)]
struct Args {
    /// Run this world file instead of the default world.
    #[arg(long, value_name = "FILE.ron", conflicts_with_all = ["load", "connect"])]
    world: Option<PathBuf>,
    /// Run from this snapshot.
    #[arg(long, value_name = "SNAPSHOT", conflicts_with = "connect")]
    load: Option<PathBuf>,
    /// Watch a running shoal-server through its admin port (HOST:PORT);
    /// with --corewar, a Core War hill's port.
    #[arg(long, value_name = "ADDR")]
    connect: Option<String>,
    /// The file holding the server's admin token (with --connect).
    #[arg(long, value_name = "FILE", requires = "connect")]
    token: Option<PathBuf>,
    /// Start paused.
    #[arg(long)]
    paused: bool,
    /// Show a Core War battle: pMARS's options and warrior files
    /// (`--corewar -r 10 -F 4000 w1.red w2.red`; put it last). With
    /// --connect and no files: watch that hill.
    #[arg(long, value_name = "PMARS ARGS", num_args = 0.., allow_hyphen_values = true)]
    corewar: Option<Vec<String>>,
    /// The window's size, WIDTHxHEIGHT.
    #[arg(long, default_value = "1280x720", value_parser = parse_size)]
    size: (f32, f32),
}

fn parse_size(s: &str) -> Result<(f32, f32), String> {
    let (w, h) = s
        .split_once('x')
        .ok_or_else(|| format!("'{s}' is not WIDTHxHEIGHT"))?;
    let n = |t: &str| {
        t.trim()
            .parse::<f32>()
            .ok()
            .filter(|v| (320.0..=16384.0).contains(v))
            .ok_or_else(|| format!("'{t}' is not a size from 320 to 16384"))
    };
    Ok((n(w)?, n(h)?))
}

/// Parses the command line and runs the viewer until its window closes.
pub fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    if let Some(cw) = &args.corewar {
        return corewar_main(&args, cw);
    }
    if args.connect.is_some() && args.token.is_none() {
        eprintln!("shoal-viewer: --connect needs --token FILE (the server's admin token)");
        return std::process::ExitCode::from(2);
    }
    let feed = match (&args.connect, &args.token) {
        (Some(addr), Some(token_file)) => match std::fs::read_to_string(token_file) {
            Ok(token) if !token.trim().is_empty() => {
                Feed::connect(addr.clone(), token.trim().to_string())
            }
            Ok(_) => {
                eprintln!(
                    "shoal-viewer: {} is empty (it should hold the admin token)",
                    token_file.display()
                );
                return std::process::ExitCode::from(2);
            }
            Err(e) => {
                eprintln!(
                    "shoal-viewer: cannot read the token file {}: {e}",
                    token_file.display()
                );
                return std::process::ExitCode::from(2);
            }
        },
        _ => {
            let start = match (&args.load, &args.world) {
                (Some(s), _) => Start::Snapshot(s.clone()),
                (None, Some(w)) => Start::World(w.clone()),
                (None, None) => Start::Default,
            };
            Feed::in_process(start, args.paused)
        }
    };
    window(
        "Shoal viewer",
        args.size,
        Box::new(move |cc| {
            let ctx = cc.egui_ctx.clone();
            feed.on_update(move || ctx.request_repaint());
            Ok(Box::new(Viewer::new(feed)))
        }),
    )
}

/// `--corewar`: a battle of the warriors given, or a hill's.
fn corewar_main(args: &Args, cw: &[String]) -> std::process::ExitCode {
    let fail = |msg: String| {
        eprintln!("shoal-viewer: {msg}");
        std::process::ExitCode::from(2)
    };
    let app = if let Some(addr) = &args.connect {
        if !cw.is_empty() {
            return fail("--connect with --corewar watches a hill: give no warriors".into());
        }
        CorewarViewer::hill(addr.clone())
    } else {
        if cw.is_empty() {
            return fail("--corewar needs warrior files (and pMARS's options)".into());
        }
        let opts = match shoal_corewar::options::parse(cw) {
            Ok(o) => o,
            Err(e) => return fail(format!("{e}\n{}", shoal_corewar::options::USAGE)),
        };
        let n = opts.files.len();
        let mut warriors = Vec::new();
        for (i, f) in opts.files.iter().enumerate() {
            let path = std::path::Path::new(f);
            match shoal_corewar::assemble_file_in_order(path, &opts.settings, n, i == 0) {
                Ok(a) => warriors.push(a.warrior),
                Err(e) => return fail(e.to_string()),
            }
        }
        let seed = opts.seed.seed();
        match shoal_corewar::Battle::new(warriors, opts.settings.clone(), seed) {
            Ok(b) => CorewarViewer::local(b, opts.score_formula.clone(), !args.paused),
            Err(e) => return fail(e.to_string()),
        }
    };
    window(
        "Shoal Core War",
        args.size,
        Box::new(move |_| Ok(Box::new(app))),
    )
}

/// Opens the window and runs `app` in it until it closes.
fn window(title: &str, size: (f32, f32), app: eframe::AppCreator<'_>) -> std::process::ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(title)
            .with_inner_size([size.0, size.1])
            .with_min_inner_size([1024.0, 640.0]),
        ..Default::default()
    };
    let result = eframe::run_native(title, options, app);
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("shoal-viewer: cannot open a window: {e}");
            eprintln!(
                "(a desktop session is needed: X11, or Wayland with XWayland; scripts/install-deps.sh installs the libraries)"
            );
            std::process::ExitCode::FAILURE
        }
    }
}
