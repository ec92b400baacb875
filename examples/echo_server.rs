//! An echo server: one native tasklet per connection, written as plain
//! blocking code; the engine's reactor multiplexes every socket on one
//! thread.
//!
//! ```text
//! cargo run --release --example echo_server [ADDR] [--connections N] [--idle-timeout SECS]
//! ```
//!
//! ADDR defaults to 127.0.0.1:8007 (port 0 picks a free port). The server
//! prints `listening on ADDR` when it is ready; with `--connections N` it
//! stops after serving N connections. A client silent for longer than the
//! idle timeout (default 60 s) is dropped.

use std::time::Duration;

use shoal_engine::net::{TcpListener, TcpStream, is_tasklet_error};
use shoal_engine::{Scheduler, TaskletResult, run, sleep, spawn_named};

struct Args {
    addr: String,
    connections: Option<u64>,
    idle: Duration,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        addr: "127.0.0.1:8007".to_string(),
        connections: None,
        idle: Duration::from_secs(60),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--connections" => {
                let n = it.next().ok_or("--connections needs a number")?;
                args.connections = Some(n.parse().map_err(|_| "--connections needs a number")?);
            }
            "--idle-timeout" => {
                let n = it.next().ok_or("--idle-timeout needs seconds")?;
                let secs: f64 = n.parse().map_err(|_| "--idle-timeout needs seconds")?;
                if !(secs.is_finite() && secs > 0.0) {
                    return Err("--idle-timeout must be positive".into());
                }
                args.idle = Duration::from_secs_f64(secs);
            }
            "-h" | "--help" => {
                return Err(
                    "usage: echo_server [ADDR] [--connections N] [--idle-timeout SECS]".into(),
                );
            }
            other => args.addr = other.to_string(),
        }
    }
    Ok(args)
}

/// Echoes what the client sends until it closes, fails or falls silent.
fn serve(stream: TcpStream) -> TaskletResult<()> {
    let mut buf = [0u8; 4096];
    loop {
        let n = match stream.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            // A reset, a timeout: only this connection ends.
            Err(e) if is_tasklet_error(&e) => return Err(e.into()),
            Err(_) => return Ok(()),
        };
        if let Err(e) = stream.write_all(&buf[..n]) {
            return if is_tasklet_error(&e) {
                Err(e.into())
            } else {
                Ok(())
            };
        }
    }
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("echo_server: {e}");
            std::process::exit(2);
        }
    };
    let _scheduler = Scheduler::new();
    let listener = match TcpListener::bind(&args.addr) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("echo_server: cannot listen on {}: {e}", args.addr);
            std::process::exit(1);
        }
    };
    match listener.local_addr() {
        Ok(addr) => println!("listening on {addr}"),
        Err(e) => eprintln!("echo_server: {e}"),
    }
    let idle = args.idle;
    let mut served = 0u64;
    let accepted = spawn_named("acceptor", move || {
        while args.connections.is_none_or(|n| served < n) {
            match listener.accept() {
                Ok((stream, peer)) => {
                    served += 1;
                    stream.set_read_timeout(Some(idle));
                    stream.set_write_timeout(Some(idle));
                    spawn_named(&format!("client {peer}"), move || serve(stream))?;
                }
                Err(e) if is_tasklet_error(&e) => return Err(e.into()),
                Err(e) => {
                    // Out of descriptors, say: wait a little, then go on.
                    eprintln!("echo_server: accept: {e}");
                    sleep(Duration::from_millis(50))?;
                }
            }
        }
        Ok(())
    });
    if let Err(e) = accepted.and_then(|_| run()) {
        eprintln!("echo_server: {e}");
        std::process::exit(1);
    }
}
