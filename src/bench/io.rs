//! `shoal bench io`: echo servers on loopback, one process, the load
//! generator on its own thread: a plain single-threaded mio server, the
//! same service as one Shoal native tasklet per connection, the script
//! `examples/echo_server.py` under Shoal (threads as tasklets), and the
//! same file under `python3` (OS threads). Figures are round trips per
//! second of wall time; the ratio column is the peer's figure over
//! Shoal's, so below 1.00x means Shoal is faster.
//!
//! The load: N connections, then waves in which every connection sends a
//! 32-byte message and reads it back (all writes of a wave, then all
//! reads), until about `TOTAL` round trips are done. One wave before the
//! clock starts makes sure the server has accepted every connection.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::SocketAddr;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, anyhow};

use super::measure::{Row, Table};

const MESSAGE: &[u8; 32] = b"0123456789abcdef0123456789abcde\n";
const ECHO_PY: &str = include_str!("../../examples/echo_server.py");

/// The load generator: connects `clients` times to `addr`, then runs
/// waves until about `total` round trips are done. Returns round trips
/// per second (connection set-up excluded).
fn load(addr: SocketAddr, clients: usize, total: usize) -> anyhow::Result<f64> {
    let mut conns = Vec::with_capacity(clients);
    for _ in 0..clients {
        let s = std::net::TcpStream::connect(addr).context("load generator: connect")?;
        s.set_nodelay(true).ok();
        s.set_read_timeout(Some(Duration::from_secs(30))).ok();
        conns.push(s);
    }
    let waves = (total / clients).max(1);
    let mut buf = [0u8; 32];
    // One wave untimed: every connection accepted and set up first.
    for c in conns.iter_mut() {
        c.write_all(MESSAGE)?;
    }
    for c in conns.iter_mut() {
        c.read_exact(&mut buf)?;
    }
    let start = Instant::now();
    for _ in 0..waves {
        for c in conns.iter_mut() {
            c.write_all(MESSAGE)?;
        }
        for c in conns.iter_mut() {
            c.read_exact(&mut buf)?;
            if &buf != MESSAGE {
                return Err(anyhow!("load generator: the echo differs"));
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    Ok((waves * clients) as f64 / secs.max(1e-9))
}

/// The load generator run as a child process (`shoal bench io-load`),
/// for when one process cannot hold both ends of every connection.
fn load_in_child(addr: SocketAddr, clients: usize, total: usize) -> anyhow::Result<f64> {
    let exe = std::env::current_exe()?;
    let out = Command::new(exe)
        .args([
            "bench",
            "io-load",
            &addr.to_string(),
            &clients.to_string(),
            &total.to_string(),
        ])
        .stderr(Stdio::inherit())
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.trim()
        .parse()
        .map_err(|_| anyhow!("the load generator process said {text:?}"))
}

/// `shoal bench io-load ADDR CLIENTS TOTAL`: the load generator alone;
/// prints round trips per second.
pub fn load_main(addr: &str, clients: usize, total: usize) -> anyhow::Result<()> {
    shoal_server::os::raise_nofile(clients as u64 + 1_000);
    let addr: SocketAddr = addr.parse()?;
    println!("{}", load(addr, clients, total)?);
    Ok(())
}

/// Whether the load generator runs in a child process (see [`bench`]).
static LOAD_IN_CHILD: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Starts the load on its own thread once the server says where it is.
fn load_thread(
    addr_rx: mpsc::Receiver<SocketAddr>,
    clients: usize,
    total: usize,
) -> std::thread::JoinHandle<anyhow::Result<f64>> {
    std::thread::spawn(move || {
        let addr = addr_rx
            .recv_timeout(Duration::from_secs(30))
            .map_err(|_| anyhow!("the server never said where it listens"))?;
        if LOAD_IN_CHILD.load(std::sync::atomic::Ordering::Relaxed) {
            load_in_child(addr, clients, total)
        } else {
            load(addr, clients, total)
        }
    })
}

/// A plain single-threaded mio echo server, serving until `clients`
/// connections have come and gone.
fn plain_mio(clients: usize, total: usize) -> anyhow::Result<f64> {
    use mio::net::TcpListener;
    use mio::{Events, Interest, Poll, Token};
    let std_listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    std_listener.set_nonblocking(true)?;
    // SAFETY: listen(2) on the listener's own descriptor: a backlog as
    // large as Shoal's.
    unsafe {
        libc::listen(
            std::os::fd::AsRawFd::as_raw_fd(&std_listener),
            shoal_engine::net::DEFAULT_BACKLOG,
        )
    };
    let mut listener = TcpListener::from_std(std_listener);
    let (tx, rx) = mpsc::channel();
    tx.send(listener.local_addr()?)?;
    let generator = load_thread(rx, clients, total);
    let mut poll = Poll::new()?;
    let mut events = Events::with_capacity(1024);
    const LISTENER: Token = Token(usize::MAX);
    poll.registry()
        .register(&mut listener, LISTENER, Interest::READABLE)?;
    let mut conns: HashMap<usize, (mio::net::TcpStream, Vec<u8>)> = HashMap::new();
    let mut next = 0usize;
    let mut accepted = 0usize;
    let mut buf = [0u8; 4096];
    while accepted < clients || !conns.is_empty() {
        poll.poll(&mut events, Some(Duration::from_secs(30)))?;
        if events.is_empty() {
            return Err(anyhow!("plain mio server: no event for 30 s"));
        }
        for ev in events.iter() {
            if ev.token() == LISTENER {
                loop {
                    match listener.accept() {
                        Ok((mut s, _)) => {
                            s.set_nodelay(true).ok();
                            poll.registry().register(
                                &mut s,
                                Token(next),
                                Interest::READABLE | Interest::WRITABLE,
                            )?;
                            conns.insert(next, (s, Vec::new()));
                            next += 1;
                            accepted += 1;
                        }
                        Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                        Err(e) => return Err(e.into()),
                    }
                }
                continue;
            }
            let key = ev.token().0;
            let mut close = false;
            if let Some((s, pending)) = conns.get_mut(&key) {
                loop {
                    if !pending.is_empty() {
                        match s.write(pending) {
                            Ok(n) => {
                                pending.drain(..n);
                                continue;
                            }
                            Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                            Err(_) => {
                                close = true;
                                break;
                            }
                        }
                    }
                    match s.read(&mut buf) {
                        Ok(0) => {
                            close = true;
                            break;
                        }
                        Ok(n) => pending.extend_from_slice(&buf[..n]),
                        Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                        Err(_) => {
                            close = true;
                            break;
                        }
                    }
                }
            }
            if close && let Some((mut s, _)) = conns.remove(&key) {
                poll.registry().deregister(&mut s).ok();
            }
        }
        // The generator drops its connections only at the end.
        if accepted == clients && generator.is_finished() {
            break;
        }
    }
    generator
        .join()
        .map_err(|_| anyhow!("load generator panicked"))?
}

/// The same service with Shoal's native tasklets: one per connection.
fn shoal_native(clients: usize, total: usize) -> anyhow::Result<f64> {
    use shoal_engine::net::{TcpListener, is_tasklet_error};
    let scheduler = shoal_engine::Scheduler::with_config(shoal_engine::SchedulerConfig {
        track_cpu_time: false,
        ..Default::default()
    });
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let (tx, rx) = mpsc::channel();
    tx.send(listener.local_addr()?)?;
    let generator = load_thread(rx, clients, total);
    shoal_engine::spawn(move || {
        for _ in 0..clients {
            let (stream, _) = listener.accept()?;
            stream.set_nodelay(true).ok();
            shoal_engine::spawn(move || {
                let mut buf = [0u8; 4096];
                loop {
                    let n = match stream.read(&mut buf) {
                        Ok(0) => return Ok(()),
                        Ok(n) => n,
                        Err(e) if is_tasklet_error(&e) => return Err(e.into()),
                        Err(_) => return Ok(()),
                    };
                    if stream.write_all(&buf[..n]).is_err() {
                        return Ok(());
                    }
                }
            })?;
        }
        Ok(())
    })
    .map_err(|e| anyhow!("{e}"))?;
    shoal_engine::run().map_err(|e| anyhow!("{e}"))?;
    drop(scheduler);
    generator
        .join()
        .map_err(|_| anyhow!("load generator panicked"))?
}

/// A writer that hands the `listening on ADDR` line to the load thread.
struct AddrSpy {
    tx: Option<mpsc::Sender<SocketAddr>>,
    line: Vec<u8>,
}

impl Write for AddrSpy {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.tx.is_some() {
            self.line.extend_from_slice(buf);
            if let Some(pos) = self.line.iter().position(|&b| b == b'\n') {
                let text = String::from_utf8_lossy(&self.line[..pos]).into_owned();
                if let Some(addr) = text
                    .strip_prefix("listening on ")
                    .and_then(|a| a.parse().ok())
                    && let Some(tx) = self.tx.take()
                {
                    let _ = tx.send(addr);
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `examples/echo_server.py` under Shoal (`shoal run`'s modules).
fn shoal_script(clients: usize, total: usize) -> anyhow::Result<f64> {
    let (tx, rx) = mpsc::channel();
    let generator = load_thread(rx, clients, total);
    let out = Box::new(AddrSpy {
        tx: Some(tx),
        line: Vec::new(),
    });
    let argv = vec![
        "echo_server.py".to_string(),
        "127.0.0.1".to_string(),
        "0".to_string(),
        clients.to_string(),
    ];
    let code = shoal_scripting::run_program(
        "echo_server.py",
        ECHO_PY,
        argv,
        out,
        Box::new(std::io::stderr()),
        None,
    );
    let rate = generator
        .join()
        .map_err(|_| anyhow!("load generator panicked"))?;
    if code != 0 {
        return Err(anyhow!("the script echo server exited with {code}"));
    }
    rate
}

/// `examples/echo_server.py` under `python3`; None if there is no python3.
fn cpython(clients: usize, total: usize) -> anyhow::Result<Option<f64>> {
    let dir = std::env::temp_dir().join(format!("shoal-bench-io-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let file = dir.join("echo_server.py");
    std::fs::write(&file, ECHO_PY)?;
    let child = Command::new("python3")
        .arg(&file)
        .args(["127.0.0.1", "0", &clients.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        let _ = std::fs::remove_dir_all(&dir);
        return Ok(None);
    };
    let result = (|| {
        let stdout = child.stdout.take().ok_or_else(|| anyhow!("no stdout"))?;
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line)?;
        let addr: SocketAddr = line
            .trim()
            .strip_prefix("listening on ")
            .and_then(|a| a.parse().ok())
            .ok_or_else(|| anyhow!("python3 echo server said {line:?}"))?;
        load(addr, clients, total)
    })();
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    result.map(Some)
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(0.0)
}

/// Runs the suite and builds its table.
pub fn bench(quick: bool, clients: Option<usize>, native_only: bool) -> anyhow::Result<Table> {
    let chosen;
    let sizes: &[usize] = match clients {
        Some(n) => {
            chosen = [n.max(1)];
            &chosen
        }
        None if quick => &[20],
        None => &[100, 1_000, 10_000],
    };
    let total = if quick { 2_000 } else { 200_000 };
    let reps = if quick { 1 } else { 3 };
    let most = *sizes.iter().max().unwrap_or(&100) as u64;
    let limit = shoal_server::os::raise_nofile(2 * most + 1_000);
    let mut rows = Vec::new();
    let mut notes = vec![format!(
        "RLIMIT_NOFILE raised in-process to {limit} (each connection costs two descriptors: \
         client and server in one process)"
    )];
    for &n in sizes {
        let in_child = (limit as usize) < 2 * n + 100;
        if in_child && (limit as usize) < n + 100 {
            notes.push(format!(
                "{n} clients skipped: the descriptor limit is {limit}"
            ));
            continue;
        }
        if in_child {
            notes.push(format!(
                "{n} clients: the hard descriptor limit ({limit}) cannot hold both ends in one \
                 process, so the load generator runs in a child process (a thread of its own there)"
            ));
        }
        LOAD_IN_CHILD.store(in_child, std::sync::atomic::Ordering::Relaxed);
        // Interleaved repetitions, medians: the machine is noisy.
        let mut plains = Vec::new();
        let mut natives = Vec::new();
        for _ in 0..reps {
            plains.push(plain_mio(n, total)?);
            natives.push(shoal_native(n, total)?);
        }
        let plain = median(plains);
        let native = median(natives);
        rows.push(Row {
            scenario: format!("native tasklets, {n} clients"),
            shoal: native,
            peer: Some(("plain mio, one thread".into(), plain)),
            unit: "rt/s",
            target: ">= 0.8x of mio (ratio <= 1.25x)".into(),
        });
        if native_only {
            continue;
        }
        let script = shoal_script(n, total)?;
        let py = if n <= 1_000 { cpython(n, total)? } else { None };
        rows.push(Row {
            scenario: format!("echo_server.py, {n} clients"),
            shoal: script,
            peer: py.map(|v| ("python3, one thread per client".into(), v)),
            unit: "rt/s",
            target: if n <= 1_000 {
                "faster than CPython (ratio < 1x)".into()
            } else {
                String::new()
            },
        });
    }
    notes.push(format!(
        "native rows: median of {reps} interleaved runs of each server; script and CPython rows: one run each"
    ));
    notes.push("ratio = peer / shoal: below 1.00x Shoal serves more round trips per second".into());
    Ok(Table {
        title: format!(
            "shoal bench io: echo round trips per second (wall), {total} round trips per scenario"
        ),
        rows,
        notes,
    })
}
