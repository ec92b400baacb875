//! The server's main loop: opens the data directory, loads the newest
//! valid snapshot (or starts the configured world), listens for game
//! clients and operators, then runs tick after tick until asked to stop;
//! stopping saves once more.
//!
//! Each iteration, on the one thread: the connections' messages are
//! handled (logins, inputs posted to avatars, chat), sessions past their
//! grace period end, the world ticks (the reactor is polled first, and
//! the connection tasklets run beside the behaviours), every client is
//! sent what changed in its area of interest, the admin console's
//! requests are answered, and an autosave is made when due. Until the
//! next tick is due the loop waits in the reactor, running the
//! connection tasklets as their sockets become ready.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use shoal_engine::RunOptions;
use shoal_engine::net::TcpListener;

use crate::Sim;
use crate::admin::{Command, Desk, SharedDesk};
use crate::clients::{Hub, SharedHub};
use crate::config::ServerConfig;
use crate::default_world::{default_world, embedded_sources, load_world_file};
use crate::game::Game;
use crate::metrics::Metrics;
use crate::persist::DataDir;

/// Why the server could not start or stopped with an error.
#[derive(Debug)]
pub struct ServeError(pub String);

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ServeError {}

/// How the server's world came to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// Loaded from this snapshot.
    Snapshot(PathBuf),
    /// Started afresh from the configured world.
    Fresh,
}

/// A server whose world is loaded, ready to run.
pub struct Server {
    config: ServerConfig,
    data: DataDir,
    sim: Sim,
    hub: SharedHub,
    desk: SharedDesk,
    game: Game,
    metrics: Metrics,
    /// `eval` requests whose snippet still runs: (request, snippet
    /// module, its tasklet's id, the tick after which the answer says it
    /// still runs).
    evals: Vec<(u64, String, u64, u64)>,
    /// The last minutes of tick timings, for viewers.
    timing: crate::observe::TimingLog,
    /// Observations made for viewers at the tick held here, by
    /// (entity, tasklet) selection: viewers asking for the same share one.
    observations: (u64, ObservationCache),
    /// Where game clients connect.
    pub game_addr: SocketAddr,
    /// Where operators connect (and `GET /metrics`).
    pub admin_addr: SocketAddr,
    /// The world's state hash as it was loaded or made (before avatars
    /// left from an earlier run are removed).
    pub start_hash: u64,
    /// Where the world came from.
    pub origin: Origin,
    /// The admin token.
    pub token: String,
    /// The file holding the generated admin token, if it was generated.
    pub token_path: Option<PathBuf>,
    /// The zone this server runs, when it is one of a cluster's.
    zone: Option<crate::cluster::ZoneNode>,
}

impl Server {
    /// Opens the data directory and loads the world: the newest snapshot
    /// that loads (damaged ones are logged and skipped), else the
    /// configured world. Must run on a thread with no scheduler.
    pub fn open(config: ServerConfig) -> Result<Server, ServeError> {
        let (data, token, token_path) = open_data(&config)?;
        let (loaded, skipped) = data.load_newest(embedded_sources()).map_err(|e| {
            ServeError(format!(
                "cannot read the data directory {}: {e}",
                data.path().display()
            ))
        })?;
        for s in &skipped {
            let moved_to = s.moved_to.as_ref().map_or_else(
                || "(left in place)".to_string(),
                |p| p.display().to_string(),
            );
            tracing::warn!(
                snapshot = %s.path.display(),
                error = %s.error,
                moved_to,
                "skipped a snapshot that does not load"
            );
        }
        let (sim, origin) = match loaded {
            Some((sim, path)) => {
                if config
                    .tick_rate
                    .is_some_and(|r| r != sim.def().rules.tick_rate)
                {
                    tracing::warn!(
                        saved = sim.def().rules.tick_rate,
                        "the snapshot's world keeps its own tick rate; tick_rate applies to new worlds"
                    );
                }
                (sim, Origin::Snapshot(path))
            }
            None => {
                let def = configured_world(&config)?;
                let sim =
                    Sim::new(def, embedded_sources()).map_err(|e| ServeError(e.to_string()))?;
                (sim, Origin::Fresh)
            }
        };
        Server::assemble(config, data, token, token_path, sim, origin, None)
    }

    /// Opens a zone of a cluster: connects to NATS, claims the zone
    /// (waiting while another process holds it) and builds its world
    /// from NATS (see [`crate::cluster`]); the data directory holds the
    /// admin token only. Must run on a thread with no scheduler.
    pub fn open_zone(
        config: ServerConfig,
        opts: crate::cluster::ZoneOptions,
    ) -> Result<Server, ServeError> {
        let (data, token, token_path) = open_data(&config)?;
        let def = configured_world(&config)?;
        let (node, sim) =
            crate::cluster::ZoneNode::start(def, embedded_sources(), opts).map_err(ServeError)?;
        Server::assemble(
            config,
            data,
            token,
            token_path,
            sim,
            Origin::Fresh,
            Some(node),
        )
    }

    /// The server around a loaded world: listeners, sessions, the admin
    /// console.
    fn assemble(
        config: ServerConfig,
        data: DataDir,
        token: String,
        token_path: Option<PathBuf>,
        mut sim: Sim,
        origin: Origin,
        zone: Option<crate::cluster::ZoneNode>,
    ) -> Result<Server, ServeError> {
        sim.set_host_priority(config.player_priority);
        // Each connection costs a descriptor.
        let want = config.limits.max_connections as u64 + 256;
        let got = crate::os::raise_nofile(want);
        if got < want {
            tracing::warn!(
                limit = got,
                wanted = want,
                "the descriptor limit is below max_connections; accepts will fail beyond it"
            );
        }
        // The listeners live on the world's scheduler; the game loop
        // polls the reactor itself, once per tick and between ticks.
        shoal_engine::set_io_blocking(false).map_err(|e| ServeError(e.to_string()))?;
        let bind = |addr: SocketAddr, what: &str| {
            TcpListener::bind(addr)
                .and_then(|l| l.local_addr().map(|a| (l, a)))
                .map_err(|e| ServeError(format!("cannot listen for {what} on {addr}: {e}")))
        };
        let (game_listener, game_addr) = bind(config.listen, "game clients")?;
        let (admin_listener, admin_addr) = bind(config.admin, "the admin console")?;
        let hub = Hub::new(config.limits.clone());
        let desk: SharedDesk = Rc::new(std::cell::RefCell::new(Desk::default()));
        crate::clients::start_acceptor(game_listener, Rc::clone(&hub), config.player_priority)
            .map_err(|e| ServeError(e.to_string()))?;
        crate::admin::start(admin_listener, Rc::clone(&desk), token.clone())
            .map_err(|e| ServeError(e.to_string()))?;
        // The acceptors run until they wait on their sockets: a world is
        // saved only while no native tasklet is runnable.
        run_natives();
        // The state as loaded, before the avatars of an earlier run go.
        let start_hash = sim.state_hash();
        let game = if zone.is_some() {
            Game::for_zone(&mut sim, config.limits.clone())
        } else {
            Game::new(&mut sim, config.limits.clone())
        };
        Ok(Server {
            config,
            data,
            sim,
            hub,
            desk,
            game,
            metrics: Metrics::new(),
            evals: Vec::new(),
            timing: Default::default(),
            observations: Default::default(),
            game_addr,
            admin_addr,
            start_hash,
            origin,
            token,
            token_path,
            zone,
        })
    }

    /// The zone this server runs, if it is one of a cluster's.
    pub fn zone(&self) -> Option<&crate::cluster::ZoneNode> {
        self.zone.as_ref()
    }

    /// The running world.
    pub fn sim(&self) -> &Sim {
        &self.sim
    }

    /// Ticks until `stop` is set, autosaving on the way; then saves once
    /// more and returns the file written last.
    pub fn run(&mut self, stop: &Arc<AtomicBool>) -> Result<Option<PathBuf>, ServeError> {
        let autosave = Duration::from_secs(self.config.autosave_secs);
        let mut last_save = Instant::now();
        let mut next = Instant::now();
        let mut saved = None;
        while !stop.load(Ordering::Relaxed) {
            // Input: what the connections received.
            {
                let inbound = self.hub.borrow_mut().take_inbound();
                let mut hub = self.hub.borrow_mut();
                self.game.handle(&mut self.sim, &mut hub, inbound);
            }
            self.game.expire(&mut self.sim);
            let _ = shoal_engine::poll_io(Duration::ZERO);
            if let Some(z) = &mut self.zone {
                z.before_tick(&mut self.sim);
                if z.lease_lost() {
                    return Err(ServeError(format!(
                        "zone {}: another process holds it now (this one was cut off longer than its lease)",
                        z.name()
                    )));
                }
            }
            if self.zone.as_ref().is_some_and(|z| z.paused()) {
                // Paused for a consistent view: only NATS's events.
                self.desk.borrow_mut().wake_acceptor();
                let _ = self.answer_admin(stop);
                run_natives();
                next += self.sim.clock().interval();
                self.wait_until(next);
                if Instant::now() > next {
                    next = Instant::now();
                }
                continue;
            }
            let report = self.sim.tick();
            if let Some(z) = &mut self.zone {
                z.after_tick(&mut self.sim);
            }
            self.timing.record(&report);
            self.metrics
                .tick(report.work.as_secs_f64(), report.dilation, report.entities);
            // Replication (a zone's players whose avatar is in another
            // zone see what that zone sees around it).
            if let Some(z) = &mut self.zone {
                let avatars = self.game.avatars();
                z.follow_avatars(&avatars, self.game.area_of_interest());
                let views = avatars
                    .iter()
                    .filter_map(|a| z.view_of(*a).map(|v| (*a, v.to_vec())))
                    .collect();
                self.game.set_remote_views(views);
            }
            {
                let mut hub = self.hub.borrow_mut();
                self.game.send_updates(&self.sim, &mut hub);
                for (conn, reason) in hub.flush() {
                    self.game.disconnected(conn, &reason);
                }
                hub.wake_acceptor();
            }
            self.desk.borrow_mut().wake_acceptor();
            self.answer_evals();
            let save_asked = self.answer_admin(stop);
            // The answered admin tasklets write their replies; then no
            // native tasklet is runnable and the world can be saved.
            run_natives();
            if !save_asked.is_empty() {
                let text = match self.save() {
                    Ok(p) => format!("saved {}", p.display()),
                    Err(e) => format!("error: {e}"),
                };
                for id in save_asked {
                    self.desk.borrow_mut().answer(id, text.clone());
                }
                run_natives();
            }
            for line in self.sim.take_log() {
                tracing::info!(target: "world", "{line}");
            }
            if report
                .tick
                .is_multiple_of(self.sim.def().rules.tick_rate.max(1) as u64 * 10)
            {
                tracing::debug!(
                    tick = report.tick,
                    entities = report.entities,
                    work_ms = report.work.as_secs_f64() * 1e3,
                    dilation = report.dilation,
                    "tick"
                );
            }
            if !autosave.is_zero() && last_save.elapsed() >= autosave {
                // A failed autosave (a full disk, say) is logged and tried
                // again next interval; the world goes on.
                match self.save() {
                    Ok(path) => saved = Some(path),
                    Err(e) => tracing::error!(error = %e, "autosave failed"),
                }
                last_save = Instant::now();
            }
            next += self.sim.clock().interval();
            self.wait_until(next);
            if Instant::now() > next {
                next = Instant::now();
            }
        }
        run_natives();
        if let Some(z) = &mut self.zone {
            match z.shutdown(&mut self.sim) {
                Ok(()) => tracing::info!(zone = z.name(), "zone saved on NATS and given up"),
                Err(e) => {
                    tracing::error!(zone = z.name(), error = %e, "the zone was not saved on NATS")
                }
            }
        }
        let path = self.save_local()?;
        tracing::info!(
            tick = self.sim.tick_count(),
            snapshot = %path.display(),
            "stopped and saved"
        );
        saved.replace(path);
        Ok(saved)
    }

    /// Until `deadline`, serves the sockets: waits in the reactor and
    /// runs the connection tasklets whose socket became ready, writing
    /// what they queued.
    fn wait_until(&mut self, deadline: Instant) {
        loop {
            let now = Instant::now();
            if now >= deadline {
                return;
            }
            let woken = shoal_engine::poll_io(deadline - now).unwrap_or(0);
            // A zone's NATS thread woke the loop: its events are handled
            // at the next tick (a handoff waits at most a tick).
            if woken > 0 {
                // Only connection tasklets are runnable between ticks (the
                // inputs they hand over become script work at the next
                // tick); a budget bounds anything else.
                run_natives();
                let mut hub = self.hub.borrow_mut();
                for (conn, reason) in hub.flush() {
                    self.game.disconnected(conn, &reason);
                }
                drop(hub);
                self.answer_admin_quick();
            }
        }
    }

    /// Answers the admin requests that do not need the world between
    /// ticks (metrics); the rest wait for the end of the tick.
    fn answer_admin_quick(&mut self) {
        let requests = self.desk.borrow_mut().take_requests();
        let mut later = Vec::new();
        for (id, cmd) in requests {
            if cmd == Command::Metrics {
                let text = self.metrics_text();
                self.desk.borrow_mut().answer(id, text);
            } else {
                later.push((id, cmd));
            }
        }
        let mut desk = self.desk.borrow_mut();
        for r in later.into_iter().rev() {
            desk.requeue(r);
        }
    }

    fn metrics_text(&mut self) -> String {
        let stats = shoal_engine::stats();
        let (conns, traffic) = {
            let h = self.hub.borrow();
            (h.len(), h.traffic)
        };
        self.metrics
            .state(&stats, conns, self.game.sessions(), traffic);
        self.metrics.text()
    }

    /// Answers the admin console's requests (between ticks); a `save`
    /// is left to the caller (the ids of the requests are returned), to
    /// be made once the other answers are written.
    fn answer_admin(&mut self, stop: &Arc<AtomicBool>) -> Vec<u64> {
        let requests = self.desk.borrow_mut().take_requests();
        let mut save = Vec::new();
        let mut later = Vec::new();
        let mut built = 0;
        for (id, cmd) in requests {
            let text = match cmd {
                Command::Metrics => self.metrics_text(),
                Command::Stats => self.stats_text(),
                Command::Tasklets(filter) => tasklets_text(&filter),
                Command::Traceback(t) => match self.sim.vm().borrow().tasklet_traceback(t) {
                    Some(tb) if tb.is_empty() => format!("tasklet {t} has no frames"),
                    Some(tb) => format!("Traceback of tasklet {t} (outermost first):\n{tb}"),
                    None => format!("error: no script tasklet {t}"),
                },
                Command::Kill(t) => kill_text(t),
                Command::Priority(t, level) => priority_text(t, level),
                Command::Pause(t) => match self.sim.hold(t) {
                    Ok(()) => format!("paused tasklet {t}"),
                    Err(e) => format!("error: {e}"),
                },
                Command::Resume(t) => {
                    if self.sim.release(t) {
                        format!("resumed tasklet {t}")
                    } else {
                        format!("error: tasklet {t} is not paused")
                    }
                }
                Command::Observe(request) => {
                    match self.observation(&request, &mut built) {
                        Some(bytes) => self.desk.borrow_mut().answer_bytes(id, bytes),
                        // Over this round's budget: answered next round.
                        None => later.push((id, Command::Observe(request))),
                    }
                    continue;
                }
                Command::Save => {
                    save.push(id);
                    continue;
                }
                Command::Shutdown => {
                    stop.store(true, Ordering::Relaxed);
                    "shutting down (saving first)".to_string()
                }
                Command::Eval(code) => {
                    let started = self.sim.vm().borrow_mut().start_snippet(&code, &["world"]);
                    match started {
                        Ok((module, tasklet)) => {
                            let tid = self
                                .sim
                                .vm()
                                .borrow()
                                .tasklet_handle(tasklet)
                                .map_or(0, |t| t.id());
                            // Ten seconds of ticks to finish.
                            let rate = u64::from(self.sim.def().rules.tick_rate);
                            let until = self.sim.tick_count() + 10 * rate;
                            tracing::info!(tasklet = tid, "admin: eval started");
                            self.evals.push((id, module, tid, until));
                            continue;
                        }
                        Err(e) => format!("error: {e}"),
                    }
                }
            };
            self.desk.borrow_mut().answer(id, text);
        }
        let mut desk = self.desk.borrow_mut();
        for r in later.into_iter().rev() {
            desk.requeue(r);
        }
        save
    }

    /// An observation for a viewer, encoded: made at most
    /// [`OBSERVATIONS_PER_ROUND`] times a round (`built` counts them) and
    /// shared by the viewers asking for the same selection at the same
    /// tick; `None` when the round's budget is spent.
    fn observation(
        &mut self,
        request: &crate::observe::Request,
        built: &mut usize,
    ) -> Option<Vec<u8>> {
        let tick = self.sim.tick_count();
        if self.observations.0 != tick {
            self.observations = (tick, HashMap::new());
        }
        let key = (request.entity, request.tasklet);
        if !self.observations.1.contains_key(&key) {
            if *built >= OBSERVATIONS_PER_ROUND {
                return None;
            }
            *built += 1;
            let started = Instant::now();
            let mut o = crate::observe::observe(&self.sim, &self.timing, request);
            o.samples.clear();
            if let Some(z) = &self.zone {
                for v in &mut o.zones {
                    v.here = v.name == z.name();
                }
                o.handoffs = z.recent_handoffs();
            }
            self.metrics.observation(started.elapsed().as_secs_f64());
            self.observations.1.insert(key, o);
        }
        let mut o = self.observations.1.get(&key)?.clone();
        o.samples = self.timing.since(request.since);
        Some(postcard::to_stdvec(&o).unwrap_or_default())
    }

    /// Answers the `eval` requests whose snippet ended (or ran too long).
    fn answer_evals(&mut self) {
        let tick = self.sim.tick_count();
        let mut still = Vec::new();
        for (id, module, tasklet, until) in std::mem::take(&mut self.evals) {
            let result = self.sim.vm().borrow().snippet_result(&module);
            let text = match result {
                Some(text) => text,
                None if tick > until => format!(
                    "still running as tasklet {tasklet} after 10 s (`kill {tasklet}` stops it)"
                ),
                None => {
                    still.push((id, module, tasklet, until));
                    continue;
                }
            };
            self.desk.borrow_mut().answer(id, text);
        }
        self.evals = still;
    }

    fn stats_text(&self) -> String {
        let stats = shoal_engine::stats();
        let clock = self.sim.clock();
        let t = clock.stats();
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let h = self.hub.borrow();
        format!(
            "tick {}\ntick_ms p50 {:.3} p99 {:.3} max {:.3}\ndilation {:.3}\nentities {}\ntasklets {} runnable {} blocked {} sleeping {} io {}\nconnections {}\nplayers {}\nbytes_in {} bytes_out {} dropped {}\nscript_heap_bytes {}",
            self.sim.tick_count(),
            ms(t.percentile(50.0)),
            ms(t.percentile(99.0)),
            ms(t.percentile(100.0)),
            clock.dilation(),
            self.sim.entities(),
            stats.tasklets,
            stats.runnable,
            stats.blocked,
            stats.sleeping,
            stats.io_waiting,
            h.len(),
            self.game.sessions(),
            h.traffic.bytes_in,
            h.traffic.bytes_out,
            h.traffic.dropped,
            self.sim.vm().borrow().heap_bytes(),
        ) + &self
            .zone
            .as_ref()
            .map(|z| format!("\n{}", z.stats_lines(&self.sim)))
            .unwrap_or_default()
    }

    /// Saves a snapshot now (keeping the newest `keep_snapshots`); a
    /// zone stores it on NATS as well.
    pub fn save(&mut self) -> Result<PathBuf, ServeError> {
        if let Some(z) = &mut self.zone {
            z.save(&self.sim);
        }
        self.save_local()
    }

    /// Saves a snapshot in the data directory.
    fn save_local(&self) -> Result<PathBuf, ServeError> {
        let started = Instant::now();
        let path = self
            .data
            .save(&self.sim, self.config.keep_snapshots)
            .map_err(|e| ServeError(format!("cannot save the world: {e}")))?;
        self.metrics.snapshot(started.elapsed().as_secs_f64());
        tracing::info!(
            tick = self.sim.tick_count(),
            snapshot = %path.display(),
            ms = started.elapsed().as_secs_f64() * 1e3,
            "snapshot saved"
        );
        Ok(path)
    }
}

/// The data directory and the admin token (and the file holding it if
/// it was generated).
fn open_data(config: &ServerConfig) -> Result<(DataDir, String, Option<PathBuf>), ServeError> {
    let data = DataDir::open(&config.data_dir).map_err(|e| {
        ServeError(format!(
            "cannot use the data directory {}: {e}",
            config.data_dir.display()
        ))
    })?;
    let (token, token_path) = data
        .admin_token(config.admin_token.as_deref())
        .map_err(|e| ServeError(format!("cannot write the admin token: {e}")))?;
    Ok((data, token, token_path))
}

/// The configured world (the embedded default or a file), at the
/// configured tick rate.
fn configured_world(config: &ServerConfig) -> Result<crate::WorldDef, ServeError> {
    let mut def = if config.world == "default" {
        default_world()
    } else {
        load_world_file(&config.world)
    }
    .map_err(|e| ServeError(e.to_string()))?;
    if let Some(rate) = config.tick_rate {
        def.rules.tick_rate = rate;
    }
    Ok(def)
}

/// Observations by (entity, tasklet) selection.
type ObservationCache = HashMap<(Option<u64>, Option<u64>), crate::observe::Observation>;

/// The most observations the main loop makes for viewers in one round
/// (one tick); more requests wait for the next round.
pub const OBSERVATIONS_PER_ROUND: usize = 2;

/// Runs the runnable tasklets (between ticks, the connections' ones)
/// until they all wait; a budget bounds script work, should any be
/// runnable.
fn run_natives() {
    let opts = RunOptions {
        timeout: 1_000_000,
        soft: false,
        totaltimeout: true,
    };
    if let Ok(Some(t)) = shoal_engine::run_watchdog(opts) {
        let _ = t.insert();
    }
}

/// The tasklet list, one line per tasklet whose line contains `filter`.
fn tasklets_text(filter: &str) -> String {
    let mut out = String::from("id kind state runs priority blocked_on name\n");
    for t in shoal_engine::tasklets() {
        let line = format!(
            "{} {:?} {:?} {} {} {} {}",
            t.id,
            t.kind,
            t.state,
            t.runs,
            t.priority,
            t.blocked_on
                .as_ref()
                .map_or_else(|| "-".to_string(), |b| format!("{b:?}")),
            t.name.as_deref().unwrap_or("-"),
        );
        if filter.is_empty() || line.contains(filter) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// `priority ID LEVEL`: sets tasklet `id`'s scheduler priority level
/// (higher levels run first), on this thread's scheduler; the answer for
/// an operator. The console and the viewer use it.
pub fn priority_text(id: u64, level: i32) -> String {
    match shoal_engine::tasklets().into_iter().find(|t| t.id == id) {
        Some(t) => {
            t.tasklet.set_priority(level);
            format!("tasklet {id} now has priority {level}")
        }
        None => format!("error: no tasklet {id}"),
    }
}

/// Kills tasklet `id` (not the main tasklet, nor the listeners'), on
/// this thread's scheduler; the answer for an operator (`error: ...` if
/// it was not killed). The console and the viewer use it.
pub fn kill_text(id: u64) -> String {
    if id == 0 {
        return "error: the main tasklet cannot be killed".into();
    }
    match shoal_engine::tasklets().into_iter().find(|t| t.id == id) {
        Some(t) if t.name.as_deref().is_some_and(|n| n.ends_with("acceptor")) => {
            format!("error: tasklet {id} is a listener of the server's and cannot be killed")
        }
        Some(t) => match t.tasklet.kill(true) {
            Ok(()) => format!("killed tasklet {id}"),
            Err(e) => format!("error: {e}"),
        },
        None => format!("error: no tasklet {id}"),
    }
}
