//! Where the viewer's observations come from: a world run in this
//! process on a thread of its own, or a `shoal-server` watched through
//! its admin port. Either way a [`Feed`] is filled by a background thread
//! and read by the UI; the UI sends it [`Control`]s.
//!
//! The world never waits for the UI: its thread makes an observation (a
//! copy of what the UI shows) only when the UI has taken the previous
//! one, that is at most once per UI frame, and only between ticks.

use std::net::{TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use shoal_server::Sim;
use shoal_server::client::{AdminClient, ClientError};
use shoal_server::default_world::{default_world, embedded_sources, load_world_file};
use shoal_server::observe::{Observation, Request, TimingLog, observe};

/// What a viewer asks of the world it shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Control {
    /// Stop ticking.
    Pause,
    /// Tick again.
    Resume,
    /// Run one tick (while paused).
    Step,
    /// Tick at this many times the world's rate (0: as fast as it can).
    Speed(f32),
    /// Save a snapshot to this file (a server saves into its data
    /// directory).
    Save(PathBuf),
    /// Replace the world with a snapshot (in-process only).
    Load(PathBuf),
    /// Kill a tasklet.
    Kill(u64),
    /// Pause a tasklet.
    Hold(u64),
    /// Let a paused tasklet run.
    Release(u64),
    /// Set a tasklet's priority level.
    Priority(u64, i32),
}

/// How the feed is doing, for the UI's status bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    /// Where the world is: `default world (in process)`,
    /// `server 127.0.0.1:7001`.
    pub label: String,
    /// The world is paused.
    pub paused: bool,
    /// The speed multiplier (0: as fast as it can).
    pub speed: f32,
    /// Whether this feed can pause, step, speed up and load (a server
    /// cannot be paused from a viewer).
    pub controls_world: bool,
    /// The answer to the last control, or what went wrong.
    pub message: Option<String>,
    /// The world could not start or the connection is down.
    pub failed: bool,
    /// The message reports an error (a save or load that failed).
    pub error: bool,
}

/// What the feed's thread and the UI share.
struct Shared {
    /// The newest observation, until the UI takes it.
    latest: Mutex<Option<Observation>>,
    /// The UI took the last one and wants another.
    wanted: AtomicBool,
    /// What the UI has selected.
    request: Mutex<Request>,
    status: Mutex<Status>,
    /// Log lines not yet shown.
    log: Mutex<Vec<String>>,
    /// Asks the UI to repaint when an observation is ready.
    repaint: Mutex<Option<Box<dyn Fn() + Send>>>,
    /// The thread stops when set.
    stop: AtomicBool,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic on the feed thread poisons nothing the UI cannot read.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Shared {
    fn publish(&self, o: Observation) {
        *lock(&self.latest) = Some(o);
        if let Some(r) = &*lock(&self.repaint) {
            r();
        }
    }

    fn say(&self, message: impl Into<String>, failed: bool) {
        self.tell(message.into(), failed, failed);
    }

    /// Reports an error that leaves the feed working.
    fn error(&self, message: impl Into<String>) {
        let failed = lock(&self.status).failed;
        self.tell(message.into(), failed, true);
    }

    fn tell(&self, message: String, failed: bool, error: bool) {
        let mut s = lock(&self.status);
        s.message = Some(message);
        s.failed = failed;
        s.error = error;
        drop(s);
        if let Some(r) = &*lock(&self.repaint) {
            r();
        }
    }

    fn log(&self, lines: Vec<String>) {
        if lines.is_empty() {
            return;
        }
        let mut log = lock(&self.log);
        log.extend(lines);
        // The UI keeps its own bounded list; this only bridges frames.
        let excess = log.len().saturating_sub(10_000);
        log.drain(..excess);
    }
}

/// The source of a world's observations; see the module documentation.
pub struct Feed {
    shared: Arc<Shared>,
    controls: Sender<Control>,
    thread: Option<JoinHandle<()>>,
}

/// Which world an in-process feed runs.
#[derive(Debug, Clone, PartialEq)]
pub enum Start {
    /// The world the program carries.
    Default,
    /// A world file.
    World(PathBuf),
    /// A snapshot.
    Snapshot(PathBuf),
}

impl Feed {
    fn new(
        label: String,
        controls_world: bool,
        paused: bool,
    ) -> (Feed, Arc<Shared>, Receiver<Control>) {
        let shared = Arc::new(Shared {
            latest: Mutex::new(None),
            wanted: AtomicBool::new(true),
            request: Mutex::new(Request::default()),
            status: Mutex::new(Status {
                label,
                paused,
                speed: 1.0,
                controls_world,
                message: None,
                failed: false,
                error: false,
            }),
            log: Mutex::new(Vec::new()),
            repaint: Mutex::new(None),
            stop: AtomicBool::new(false),
        });
        let (tx, rx) = channel();
        (
            Feed {
                shared: shared.clone(),
                controls: tx,
                thread: None,
            },
            shared,
            rx,
        )
    }

    /// Runs `start` on a thread of its own, ticking unless `paused`.
    pub fn in_process(start: Start, paused: bool) -> Feed {
        let label = match &start {
            Start::Default => "default world (in process)".to_string(),
            Start::World(p) => format!("{} (in process)", p.display()),
            Start::Snapshot(p) => format!("snapshot {} (in process)", p.display()),
        };
        let (mut feed, shared, rx) = Feed::new(label, true, paused);
        let thread = std::thread::Builder::new()
            .name("shoal world".into())
            .spawn(move || run_local(start, paused, &shared, &rx));
        match thread {
            Ok(t) => feed.thread = Some(t),
            Err(e) => feed
                .shared
                .say(format!("cannot start the world's thread: {e}"), true),
        }
        feed
    }

    /// Watches the server whose admin port is `addr`, logging in with
    /// `token`.
    pub fn connect(addr: String, token: String) -> Feed {
        let (mut feed, shared, rx) = Feed::new(format!("server {addr}"), false, false);
        let thread = std::thread::Builder::new()
            .name("shoal connection".into())
            .spawn(move || run_remote(&addr, &token, &shared, &rx));
        match thread {
            Ok(t) => feed.thread = Some(t),
            Err(e) => feed
                .shared
                .say(format!("cannot start the connection's thread: {e}"), true),
        }
        feed
    }

    /// Calls `repaint` whenever a new observation or message is ready.
    pub fn on_update(&self, repaint: impl Fn() + Send + 'static) {
        *lock(&self.shared.repaint) = Some(Box::new(repaint));
    }

    /// The newest observation since the last call, if any; asks for the
    /// next one.
    pub fn take(&self) -> Option<Observation> {
        let o = lock(&self.shared.latest).take();
        self.shared.wanted.store(true, Ordering::Release);
        o
    }

    /// Sets what the next observations detail.
    pub fn set_request(&self, request: Request) {
        *lock(&self.shared.request) = request;
    }

    /// Sends a control.
    pub fn send(&self, control: Control) {
        if self.controls.send(control).is_err() {
            self.shared.say("the world has stopped", true);
        }
    }

    /// The feed's status.
    pub fn status(&self) -> Status {
        lock(&self.shared.status).clone()
    }

    /// Log lines since the last call.
    pub fn take_log(&self) -> Vec<String> {
        std::mem::take(&mut *lock(&self.shared.log))
    }
}

impl Drop for Feed {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Release);
        // A world's thread stops within a tick and drops the world
        // cleanly; a connection's thread may be in a read from a server
        // that went silent, and is not waited for.
        if let Some(t) = self.thread.take()
            && self.status().controls_world
        {
            let _ = t.join();
        }
    }
}

/// Builds the world to run.
fn build(start: &Start) -> Result<Sim, String> {
    match start {
        Start::Default => default_world()
            .map_err(|e| e.to_string())
            .and_then(|def| Sim::new(def, embedded_sources()).map_err(|e| e.to_string())),
        Start::World(path) => load_world_file(&path.display().to_string())
            .map_err(|e| e.to_string())
            .and_then(|def| Sim::new(def, embedded_sources()).map_err(|e| e.to_string())),
        Start::Snapshot(path) => Sim::load_from(path, embedded_sources())
            .map_err(|e| format!("cannot load {}: {e}", path.display())),
    }
}

/// The in-process world's thread: ticks at the world's rate times the
/// speed, applies controls, and makes an observation whenever the UI
/// wants one and something changed.
fn run_local(start: Start, paused: bool, shared: &Shared, controls: &Receiver<Control>) {
    let mut sim = match build(&start) {
        Ok(sim) => sim,
        Err(e) => return shared.say(e, true),
    };
    let mut timing = TimingLog::default();
    let mut paused = paused;
    let mut speed = 1.0f32;
    let mut next = Instant::now();
    let mut changed = true;
    let mut last_request = None;
    let mut queued = Vec::new();
    shared.log(sim.take_log());
    while !shared.stop.load(Ordering::Acquire) {
        // Controls.
        let mut step = false;
        let incoming: Vec<Control> = queued.drain(..).chain(controls.try_iter()).collect();
        for c in incoming {
            changed = true;
            match c {
                Control::Pause => paused = true,
                Control::Resume => {
                    paused = false;
                    next = Instant::now();
                }
                Control::Step => step = true,
                Control::Speed(s) => speed = s.clamp(0.0, 64.0),
                Control::Save(path) => {
                    let tick = sim.tick_count();
                    let path =
                        PathBuf::from(path.to_string_lossy().replace("{tick}", &tick.to_string()));
                    match sim.save_to(&path) {
                        Ok(()) => {
                            shared.say(format!("saved tick {tick} to {}", path.display()), false)
                        }
                        Err(e) => shared.error(format!("cannot save: {e}")),
                    }
                }
                Control::Load(path) => {
                    // Tried first on a thread of its own (one world per
                    // thread): a file that does not load leaves the
                    // running world as it is.
                    let p = path.clone();
                    let check = std::thread::Builder::new()
                        .name("shoal snapshot check".into())
                        .spawn(move || {
                            Sim::load_from(&p, embedded_sources())
                                .map(drop)
                                .map_err(|e| e.to_string())
                        })
                        .map_err(|e| e.to_string())
                        .and_then(|t| t.join().unwrap_or_else(|_| Err("the loader failed".into())));
                    if let Err(e) = check {
                        shared.error(format!(
                            "cannot load {}: {e} (the world goes on as it was)",
                            path.display()
                        ));
                        continue;
                    }
                    drop(sim);
                    match Sim::load_from(&path, embedded_sources()) {
                        Ok(loaded) => {
                            sim = loaded;
                            timing.clear();
                            lock(&shared.status).label =
                                format!("snapshot {} (in process)", path.display());
                            shared.say(
                                format!("loaded {} at tick {}", path.display(), sim.tick_count()),
                                false,
                            );
                        }
                        Err(e) => {
                            // It loaded a moment ago (the file changed?):
                            // back to the world as it was started.
                            let message = format!("cannot load {}: {e}", path.display());
                            match build(&start) {
                                Ok(s) => {
                                    sim = s;
                                    timing.clear();
                                    shared.error(format!("{message}; the world was started again"));
                                }
                                Err(e2) => {
                                    return shared.say(format!("{message}; and {e2}"), true);
                                }
                            }
                        }
                    }
                    paused = true;
                }
                Control::Priority(id, level) => {
                    match shoal_server::serve::priority_text(id, level) {
                        text if text.starts_with("error: ") => {
                            shared.error(&text["error: ".len()..])
                        }
                        text => shared.say(text, false),
                    }
                }
                Control::Kill(id) => match shoal_server::serve::kill_text(id) {
                    text if text.starts_with("error: ") => shared.error(&text["error: ".len()..]),
                    text => shared.say(text, false),
                },
                Control::Hold(id) => match sim.hold(id) {
                    Ok(()) => shared.say(format!("paused tasklet {id}"), false),
                    Err(e) => shared.say(e, false),
                },
                Control::Release(id) => {
                    let text = if sim.release(id) {
                        format!("resumed tasklet {id}")
                    } else {
                        format!("tasklet {id} is not paused")
                    };
                    shared.say(text, false);
                }
            }
            let mut s = lock(&shared.status);
            s.paused = paused;
            s.speed = speed;
        }
        // The tick.
        let now = Instant::now();
        if step || (!paused && now >= next) {
            let report = sim.tick();
            timing.record(&report);
            shared.log(sim.take_log());
            changed = true;
            if !paused {
                let interval = sim.clock().interval();
                next = if speed <= 0.0 {
                    now
                } else {
                    next + interval.div_f32(speed)
                };
                // Behind by more than a tick: do not race to catch up.
                if Instant::now() > next + interval {
                    next = Instant::now();
                }
            }
        }
        // The observation.
        let request = lock(&shared.request).clone();
        // A new selection needs a new observation; a new `since` alone
        // (the UI saw the last one) does not.
        let selection = (request.entity, request.tasklet);
        let new_request = last_request != Some(selection);
        if (changed || new_request) && shared.wanted.swap(false, Ordering::AcqRel) {
            let o = observe(&sim, &timing, &request);
            shared.publish(o);
            changed = false;
            last_request = Some(selection);
        }
        // Wait for the next tick or control (briefly: the UI's wish for
        // an observation is polled).
        let wait = if paused {
            Duration::from_millis(5)
        } else {
            next.saturating_duration_since(Instant::now())
                .min(Duration::from_millis(5))
        };
        if !wait.is_zero() {
            match controls.recv_timeout(wait) {
                Ok(c) => queued.push(c),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
    }
}

/// How long the remote feed waits between observations.
const REMOTE_INTERVAL: Duration = Duration::from_millis(100);

/// The connected feed's thread: logs in, then asks for an observation
/// whenever the UI wants one (at most ten a second), and forwards
/// controls as console commands. A lost connection is retried every two
/// seconds.
fn run_remote(addr: &str, token: &str, shared: &Shared, controls: &Receiver<Control>) {
    let mut client: Option<AdminClient<TcpStream>> = None;
    let mut since = 0u64;
    let mut last = Instant::now() - REMOTE_INTERVAL;
    let mut last_attempt: Option<Instant> = None;
    while !shared.stop.load(Ordering::Acquire) {
        let Some(c) = client.as_mut() else {
            if last_attempt.is_some_and(|t| t.elapsed() < Duration::from_secs(2)) {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
            last_attempt = Some(Instant::now());
            match connect(addr, token) {
                Ok(c) => {
                    client = Some(c);
                    shared.say(format!("connected to {addr}"), false);
                }
                Err(Connect::Refused(e)) => {
                    // Retrying would not help, and each try is logged by
                    // the server.
                    return shared.say(
                        format!("{addr} refused the admin token ({e}); check --token"),
                        true,
                    );
                }
                Err(Connect::Failed(e)) => {
                    shared.say(format!("cannot connect to {addr}: {e} (retrying)"), true);
                }
            }
            continue;
        };
        let mut failed = None;
        for control in controls.try_iter() {
            let line = match control {
                Control::Kill(id) => format!("kill {id}"),
                Control::Hold(id) => format!("pause {id}"),
                Control::Release(id) => format!("resume {id}"),
                Control::Priority(id, level) => format!("priority {id} {level}"),
                Control::Save(_) => "save".to_string(),
                other => {
                    shared.say(
                        format!("{other:?}: a server's world is not paused, stepped or replaced from a viewer"),
                        false,
                    );
                    continue;
                }
            };
            match c.command(&line) {
                Ok(text) => shared.say(text.trim_end(), false),
                Err(ClientError::Refused(e)) => shared.say(e, false),
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
        }
        if failed.is_none()
            && last.elapsed() >= REMOTE_INTERVAL
            && shared.wanted.load(Ordering::Acquire)
        {
            last = Instant::now();
            let mut request = lock(&shared.request).clone();
            // Samples the UI has not seen; a new connection starts over.
            request.since = request.since.max(since);
            match c.observe(&request) {
                Ok(o) => {
                    since = o.samples.last().map_or(since, |s| s.tick);
                    shared.wanted.store(false, Ordering::Release);
                    shared.publish(o);
                }
                Err(e) => failed = Some(e),
            }
        } else {
            std::thread::sleep(Duration::from_millis(5));
        }
        if let Some(e) = failed {
            shared.say(
                format!("lost the connection to {addr}: {e} (retrying)"),
                true,
            );
            client = None;
            since = 0;
        }
    }
}

/// Why a connection to an admin port failed.
enum Connect {
    /// The server answered and refused the token.
    Refused(String),
    /// Anything else (worth retrying).
    Failed(String),
}

fn connect(addr: &str, token: &str) -> Result<AdminClient<TcpStream>, Connect> {
    let failed = |e: String| Connect::Failed(e);
    let target = addr
        .to_socket_addrs()
        .map_err(|e| failed(e.to_string()))?
        .next()
        .ok_or_else(|| failed(format!("{addr} names no address")))?;
    let stream = TcpStream::connect_timeout(&target, Duration::from_secs(5))
        .map_err(|e| failed(e.to_string()))?;
    let _ = stream.set_nodelay(true);
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(|e| failed(e.to_string()))?;
    match AdminClient::login(stream, token) {
        Ok(c) => Ok(c),
        Err(ClientError::Refused(e)) => Err(Connect::Refused(e)),
        Err(ClientError::Io(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => Err(failed(
            format!("{e} (is {addr} a shoal-server admin port, not its game port?)"),
        )),
        Err(e) => Err(failed(format!(
            "{e} (is {addr} a shoal-server admin port?)"
        ))),
    }
}
