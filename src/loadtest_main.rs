//! `shoal-loadtest`: bot players against a `shoal-server`. Every bot is a
//! pair of native tasklets on Shoal's own scheduler (one reads what the
//! server sends, one moves, chats and pings), all in this one process.

use std::cell::{Cell, RefCell};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::rc::Rc;
use std::time::{Duration, Instant};

use clap::Parser;
use shoal_engine::net::{TcpStream, is_tasklet_error};
use shoal_engine::{Scheduler, TaskletResult, sleep, spawn_named};
use shoal_server::client::{Client, ClientError};
use shoal_server::protocol::{ClientMsg, FrameDecoder, ServerMsg, decode, encode};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Connects bot players to a shoal-server and reports what they saw.
#[derive(Parser)]
#[command(version, about)]
struct Args {
    /// The server's game address.
    #[arg(long)]
    addr: SocketAddr,
    /// How many bots.
    #[arg(long, default_value_t = 100)]
    clients: usize,
    /// How long they play, in seconds.
    #[arg(long, default_value_t = 10.0)]
    duration: f64,
    /// Seconds between a bot's moves.
    #[arg(long, default_value_t = 0.1)]
    move_every: f64,
}

/// What the bots counted.
#[derive(Default)]
struct Tally {
    connected: usize,
    /// The bots that failed, and why (the first reasons).
    failed_bots: std::collections::BTreeSet<usize>,
    failed: Vec<String>,
    sent: u64,
    received: u64,
    bytes_received: u64,
    rtts: Vec<Duration>,
}

impl Tally {
    /// Records that bot `i` failed, and why.
    fn fail(&mut self, i: usize, why: String) {
        self.failed_bots.insert(i);
        if self.failed.len() < 100 {
            self.failed.push(why);
        }
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    let positive = |x: f64| x.is_finite() && x > 0.0;
    if !positive(args.duration) || !positive(args.move_every) {
        eprintln!("shoal-loadtest: --duration and --move-every must be positive");
        return ExitCode::from(2);
    }
    let limit = shoal_server::os::raise_nofile(args.clients as u64 + 64);
    if (limit as usize) < args.clients + 16 {
        eprintln!(
            "shoal-loadtest: the descriptor limit is {limit}, too low for {} clients",
            args.clients
        );
        return ExitCode::from(2);
    }
    let _scheduler = Scheduler::new();
    let tally = Rc::new(RefCell::new(Tally::default()));
    let stop = Rc::new(Cell::new(false));
    let bar = indicatif::ProgressBar::new(args.duration.ceil() as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} s  {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let started = Instant::now();
    for i in 0..args.clients {
        let (tally, stop) = (Rc::clone(&tally), Rc::clone(&stop));
        let (addr, every) = (args.addr, Duration::from_secs_f64(args.move_every));
        let spawned = spawn_named(&format!("bot {i}"), move || {
            let result = bot(i, addr, every, &tally, &stop);
            if let Err(e) = &result
                && !matches!(e, BotError::Tasklet(_))
            {
                tally.borrow_mut().fail(i, format!("bot {i}: {e}"));
            }
            match result {
                Err(BotError::Tasklet(e)) => Err(e),
                _ => Ok(()),
            }
        });
        if let Err(e) = spawned {
            eprintln!("shoal-loadtest: cannot start bot {i}: {e}");
            return ExitCode::FAILURE;
        }
    }
    let (tally2, stop2, bar2) = (Rc::clone(&tally), Rc::clone(&stop), bar.clone());
    let duration = Duration::from_secs_f64(args.duration);
    let clock = spawn_named("clock", move || {
        while started.elapsed() < duration {
            sleep(Duration::from_millis(250))?;
            let t = tally2.borrow();
            bar2.set_position(started.elapsed().as_secs());
            bar2.set_message(format!(
                "{} connected, {} failed, {} in, {} out",
                t.connected,
                t.failed_bots.len(),
                t.received,
                t.sent
            ));
        }
        stop2.set(true);
        Ok(())
    });
    if let Err(e) = clock.and_then(|_| shoal_engine::run()) {
        eprintln!("shoal-loadtest: {e}");
    }
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    let mut t = tally.borrow_mut();
    t.rtts.sort_unstable();
    let pct = |p: f64| -> f64 {
        if t.rtts.is_empty() {
            return 0.0;
        }
        let i = ((t.rtts.len() - 1) as f64 * p / 100.0).round() as usize;
        t.rtts[i].as_secs_f64() * 1e3
    };
    println!(
        "clients: {} connected, {} failed (of {})",
        t.connected,
        t.failed_bots.len(),
        args.clients
    );
    println!(
        "messages: {:.0}/s to the server, {:.0}/s from it ({:.1} KiB/s)",
        t.sent as f64 / secs,
        t.received as f64 / secs,
        t.bytes_received as f64 / secs / 1024.0
    );
    println!(
        "round trip (ping): p50 {:.2} ms, p99 {:.2} ms over {} pings",
        pct(50.0),
        pct(99.0),
        t.rtts.len()
    );
    for f in t.failed.iter().take(10) {
        eprintln!("{f}");
    }
    if t.failed_bots.is_empty() && t.connected == args.clients {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Why a bot stopped early.
enum BotError {
    /// Killed (propagated).
    Tasklet(shoal_engine::TaskletError),
    /// The server or the network.
    Client(ClientError),
}

impl std::fmt::Display for BotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BotError::Tasklet(e) => write!(f, "{e}"),
            BotError::Client(e) => write!(f, "{e}"),
        }
    }
}

impl From<std::io::Error> for BotError {
    fn from(e: std::io::Error) -> BotError {
        if is_tasklet_error(&e) {
            BotError::Tasklet(e.into())
        } else {
            BotError::Client(ClientError::Io(e))
        }
    }
}

impl From<ClientError> for BotError {
    fn from(e: ClientError) -> BotError {
        match e {
            ClientError::Io(io) => io.into(),
            other => BotError::Client(other),
        }
    }
}

impl From<shoal_engine::TaskletError> for BotError {
    fn from(e: shoal_engine::TaskletError) -> BotError {
        BotError::Tasklet(e)
    }
}

/// One bot: joins, then moves every `every`, says something now and then
/// and pings; a reader tasklet takes what the server sends.
fn bot(
    i: usize,
    addr: SocketAddr,
    every: Duration,
    tally: &Rc<RefCell<Tally>>,
    stop: &Rc<Cell<bool>>,
) -> Result<(), BotError> {
    let stream = TcpStream::connect_timeout(addr, Some(Duration::from_secs(10)))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)));
    stream.set_write_timeout(Some(Duration::from_secs(10)));
    let _ = stream.set_nodelay(true);
    let (client, _) = Client::join(&stream, &format!("bot-{i}"))?;
    drop(client);
    tally.borrow_mut().connected += 1;
    let stream = Rc::new(stream);
    let pings: Rc<RefCell<Vec<(u64, Instant)>>> = Rc::default();
    let reader = {
        let (stream, tally, stop, pings) = (
            Rc::clone(&stream),
            Rc::clone(tally),
            Rc::clone(stop),
            Rc::clone(&pings),
        );
        spawn_named(&format!("bot {i} reader"), move || {
            read_updates(i, &stream, &tally, &stop, &pings)
        })?
    };
    let mut n: u64 = 0;
    let mut seed = i as u64 * 0x9e37_79b9_7f4a_7c15 + 1;
    while !stop.get() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let dx = (seed % 7) as f32 - 3.0;
        let dy = ((seed >> 8) % 7) as f32 - 3.0;
        let mut msgs = vec![ClientMsg::Move { dx, dy }];
        if n.is_multiple_of(10) {
            msgs.push(ClientMsg::Ping { nonce: n });
            pings.borrow_mut().push((n, Instant::now()));
        }
        if n.is_multiple_of(40) {
            msgs.push(ClientMsg::Say {
                text: format!("bot {i} says hello"),
            });
        }
        for m in &msgs {
            stream.write_all(&encode(m))?;
        }
        tally.borrow_mut().sent += msgs.len() as u64;
        n += 1;
        sleep(every)?;
    }
    let _ = stream.write_all(&encode(&ClientMsg::Bye));
    let _ = reader.kill(false);
    Ok(())
}

/// Reads the server's messages, timing pongs, until the bots stop.
fn read_updates(
    bot: usize,
    stream: &TcpStream,
    tally: &Rc<RefCell<Tally>>,
    stop: &Rc<Cell<bool>>,
    pings: &Rc<RefCell<Vec<(u64, Instant)>>>,
) -> TaskletResult<()> {
    let mut decoder = FrameDecoder::new(shoal_server::client::MAX_SERVER_FRAME);
    let mut buf = vec![0u8; 64 * 1024];
    while !stop.get() {
        let n = match stream.read(&mut buf) {
            Ok(0) => {
                tally
                    .borrow_mut()
                    .fail(bot, format!("bot {bot}: the server closed the connection"));
                return Ok(());
            }
            Ok(n) => n,
            Err(e) if is_tasklet_error(&e) => return Err(e.into()),
            Err(e) => {
                if !stop.get() {
                    tally
                        .borrow_mut()
                        .fail(bot, format!("bot {bot}: reading: {e}"));
                }
                return Ok(());
            }
        };
        decoder.push(&buf[..n]);
        let mut t = tally.borrow_mut();
        t.bytes_received += n as u64;
        while let Ok(Some(frame)) = decoder.next_frame() {
            t.received += 1;
            match decode::<ServerMsg>(&frame) {
                Ok(ServerMsg::Pong { nonce, .. }) => {
                    let mut p = pings.borrow_mut();
                    if let Some(i) = p.iter().position(|(k, _)| *k == nonce) {
                        let (_, at) = p.swap_remove(i);
                        t.rtts.push(at.elapsed());
                    }
                }
                Ok(ServerMsg::Closing { reason }) => {
                    t.fail(bot, format!("bot {bot}: the server closed it: {reason}"));
                    return Ok(());
                }
                Ok(_) => {}
                Err(e) => {
                    t.fail(bot, format!("bot {bot}: a bad message: {e}"));
                    return Ok(());
                }
            }
        }
    }
    Ok(())
}
