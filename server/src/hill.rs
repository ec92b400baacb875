//! The Core War hill: players submit Redcode warriors over a TCP port;
//! each new warrior fights every warrior on the hill; a leaderboard,
//! kept in the data directory, ranks them.
//!
//! The hill runs on a thread of its own with its own scheduler. Every
//! battle is a soft tasklet ([`BattleTasklet`]) whose core and process
//! queues are data: each tick the scheduler runs battles for an
//! instruction budget, then the hill answers its clients, so a long
//! battle is spread across ticks and the port stays responsive. The
//! hill's state (warriors, results, and the battle under way, mid-round)
//! is saved to `DATA_DIR/hill.ron` after every battle, every few seconds
//! while one runs, and on shutdown; a restarted hill resumes where it
//! stopped.
//!
//! The protocol is text, one command per line; every answer ends with a
//! line holding a single `.`:
//! - `submit PLAYER`, then the warrior's source, then `.` alone: `ok ID
//!   NAME` and the battles queued, or `error` and the assembler's
//!   messages;
//! - `leaderboard`: one line per warrior, best first;
//! - `status`: the battle under way and the battles waiting;
//! - `watch`: the battle under way, for viewers (`battle A B`, then the
//!   battle as RON on one line), or `none`;
//! - `quit`.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use shoal_corewar::{Battle, Seed, Settings, Warrior, assemble};
use shoal_engine::{RunOptions, Scheduler, SoftStatus, SoftTasklet};

/// The hill's settings (`hill:` in the server's configuration).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HillConfig {
    /// Where players connect.
    pub listen: SocketAddr,
    /// Rounds per battle.
    pub rounds: u32,
    /// Warriors kept on the hill; beyond, the last is pushed off.
    pub size: usize,
    /// MARS instructions run per tick (the rest waits for the next).
    pub budget_per_tick: u64,
    /// Ticks per second.
    pub tick_rate: u32,
    /// Core size, cycles, processes, length and distance (pMARS's '94
    /// hill by default).
    #[serde(default)]
    pub core: CoreSettings,
}

/// The MARS settings a hill runs under.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CoreSettings {
    pub coresize: u32,
    pub cycles: u64,
    pub processes: u32,
    pub max_length: u32,
    pub min_distance: u32,
}

impl Default for CoreSettings {
    fn default() -> CoreSettings {
        let s = Settings::default();
        CoreSettings {
            coresize: s.coresize,
            cycles: s.cycles,
            processes: s.processes,
            max_length: s.max_length,
            min_distance: s.max_length,
        }
    }
}

impl Default for HillConfig {
    fn default() -> HillConfig {
        HillConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], 7880)),
            rounds: 100,
            size: 20,
            budget_per_tick: 2_000_000,
            tick_rate: 20,
            core: CoreSettings::default(),
        }
    }
}

impl HillConfig {
    /// The MARS settings of the hill's battles.
    pub fn settings(&self) -> Settings {
        Settings {
            coresize: self.core.coresize,
            cycles: self.core.cycles,
            processes: self.core.processes,
            max_length: self.core.max_length,
            min_distance: self.core.min_distance,
            pspace_size: 0,
            rounds: self.rounds,
        }
    }
}

/// The most bytes a submission may have.
const MAX_SUBMISSION: usize = 64 * 1024;
/// The most clients at once.
const MAX_CLIENTS: usize = 256;
/// The most clients from one address.
const MAX_CLIENTS_PER_IP: usize = 16;
/// Seconds a client may stay silent.
const IDLE_SECS: u64 = 60;
/// Commands answered per client per tick (the rest wait).
const COMMANDS_PER_TICK: usize = 16;
/// Unsent answer bytes beyond which a client's commands wait.
const OUTBOX_PAUSE: usize = 256 * 1024;
/// Warriors one player may have on the hill.
const MAX_PER_PLAYER: usize = 5;
/// The largest core `watch` sends.
const MAX_WATCHED_CORE: u32 = 65_536;
/// Seconds between saves while a battle runs.
const SAVE_EVERY_SECS: u64 = 5;

/// A warrior on the hill.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub id: u64,
    pub name: String,
    pub author: String,
    pub player: String,
    pub source: String,
    /// The warrior as assembled when it was submitted.
    pub warrior: Warrior,
}

/// One battle's result, from `a`'s side.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Outcome {
    pub a: u64,
    pub b: u64,
    pub a_wins: u32,
    pub b_wins: u32,
    pub ties: u32,
}

/// What the hill saves.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct HillState {
    pub next_id: u64,
    pub warriors: Vec<Entry>,
    pub results: Vec<Outcome>,
    /// The battle under way: the two warriors and the battle itself.
    pub current: Option<(u64, u64, Battle)>,
}

/// A leaderboard line.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub id: u64,
    pub name: String,
    pub author: String,
    pub player: String,
    /// Points (3 a win, 1 a tie) per 100 rounds, averaged over battles.
    pub score: f64,
    pub wins: u32,
    pub losses: u32,
    pub ties: u32,
    pub battles: u32,
}

impl HillState {
    /// The leaderboard, best first.
    pub fn standings(&self) -> Vec<Standing> {
        let mut out: Vec<Standing> = self
            .warriors
            .iter()
            .map(|w| {
                let (mut wins, mut losses, mut ties, mut battles) = (0, 0, 0, 0);
                for r in &self.results {
                    if r.a == w.id {
                        (wins, losses) = (wins + r.a_wins, losses + r.b_wins);
                    } else if r.b == w.id {
                        (wins, losses) = (wins + r.b_wins, losses + r.a_wins);
                    } else {
                        continue;
                    }
                    ties += r.ties;
                    battles += 1;
                }
                let rounds = wins + losses + ties;
                let score = if rounds == 0 {
                    0.0
                } else {
                    f64::from(3 * wins + ties) * 100.0 / f64::from(rounds)
                };
                Standing {
                    id: w.id,
                    name: w.name.clone(),
                    author: w.author.clone(),
                    player: w.player.clone(),
                    score,
                    wins,
                    losses,
                    ties,
                    battles,
                }
            })
            .collect();
        out.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.id.cmp(&y.id)));
        out
    }

    fn fought(&self, a: u64, b: u64) -> bool {
        self.results
            .iter()
            .any(|r| (r.a == a && r.b == b) || (r.a == b && r.b == a))
    }

    /// Battles still to fight, oldest warriors first.
    fn pending(&self) -> VecDeque<(u64, u64)> {
        let mut q = VecDeque::new();
        for (i, b) in self.warriors.iter().enumerate() {
            for a in &self.warriors[..i] {
                let running = matches!(&self.current, Some((x, y, _)) if (*x, *y) == (a.id, b.id));
                if !running && !self.fought(a.id, b.id) {
                    q.push_back((a.id, b.id));
                }
            }
        }
        q
    }
}

/// A battle as a soft tasklet: it runs the MARS for the scheduler's
/// budget, and ends when the last round is fought.
pub struct BattleTasklet {
    battle: Rc<RefCell<Battle>>,
}

impl SoftTasklet for BattleTasklet {
    fn resume(&mut self, budget: &mut u64) -> SoftStatus {
        if self.battle.borrow_mut().run(budget) {
            SoftStatus::Finished
        } else {
            SoftStatus::Yielded
        }
    }
}

/// Loads the hill's state from `dir` (a fresh hill when there is none).
pub fn load(dir: &Path) -> Result<HillState, String> {
    let path = dir.join("hill.ron");
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let mut state: HillState =
                ron::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            if let Some((_, _, battle)) = &state.current
                && let Err(e) = battle.validate()
            {
                tracing::warn!("{}: {e}; the battle starts again", path.display());
                state.current = None;
            }
            Ok(state)
        }
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(HillState::default()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Saves the hill's state into `dir` (written aside, then renamed).
pub fn save(dir: &Path, state: &HillState) -> Result<(), String> {
    let text = ron::to_string(state).map_err(|e| e.to_string())?;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join("hill.ron");
    crate::snapshot::write_atomically(&path, &text).map_err(|e| format!("{}: {e}", path.display()))
}

struct Client {
    peer: Option<std::net::IpAddr>,
    stream: TcpStream,
    inbox: Vec<u8>,
    outbox: Vec<u8>,
    /// A submission being read: the player and the lines so far.
    submitting: Option<(String, String)>,
    last_heard: Instant,
    closing: bool,
}

/// A running hill.
pub struct Hill {
    config: HillConfig,
    dir: PathBuf,
    state: HillState,
    queue: VecDeque<(u64, u64)>,
    running: Option<(u64, u64, Rc<RefCell<Battle>>)>,
    listener: TcpListener,
    clients: Vec<Client>,
    last_save: Instant,
    /// The scheduler the battles run in (this thread's).
    _scheduler: Scheduler,
}

impl Hill {
    /// Opens the hill: loads its state from `dir`, binds its port.
    pub fn open(config: HillConfig, dir: PathBuf) -> Result<Hill, String> {
        config.settings().check(2)?;
        let state = load(&dir)?;
        let listener =
            TcpListener::bind(config.listen).map_err(|e| format!("hill {}: {e}", config.listen))?;
        listener.set_nonblocking(true).map_err(|e| e.to_string())?;
        let queue = state.pending();
        let scheduler = Scheduler::new();
        let mut hill = Hill {
            config,
            dir,
            state,
            queue,
            running: None,
            listener,
            clients: Vec::new(),
            last_save: Instant::now(),
            _scheduler: scheduler,
        };
        // A battle saved mid-way goes on.
        if let Some((a, b, battle)) = hill.state.current.take() {
            hill.start(a, b, battle);
        }
        Ok(hill)
    }

    /// Where players connect.
    pub fn addr(&self) -> SocketAddr {
        self.listener.local_addr().unwrap_or(self.config.listen)
    }

    /// The hill's state.
    pub fn state(&self) -> &HillState {
        &self.state
    }

    /// Whether no battle runs or waits.
    pub fn idle(&self) -> bool {
        self.running.is_none() && self.queue.is_empty()
    }

    /// Saves now, the battle under way included.
    pub fn save(&mut self) -> Result<(), String> {
        self.snapshot_current();
        let saved = save(&self.dir, &self.state);
        self.state.current = None;
        saved
    }

    /// Ticks until `stop` is set, then saves.
    pub fn run(&mut self, stop: &AtomicBool) -> Result<(), String> {
        let tick = Duration::from_secs(1) / self.config.tick_rate.max(1);
        while !stop.load(Ordering::Relaxed) {
            let start = Instant::now();
            self.tick();
            if let Some(rest) = tick.checked_sub(start.elapsed()) {
                std::thread::sleep(rest);
            }
        }
        self.save()
    }

    /// One tick: clients, then battles for the budget.
    pub fn tick(&mut self) {
        self.serve_clients();
        if self.running.is_none() {
            self.start_next();
        }
        if self.running.is_some() {
            let opts = RunOptions {
                timeout: self.config.budget_per_tick.max(1),
                soft: false,
                totaltimeout: true,
            };
            match shoal_engine::run_watchdog(opts) {
                // The budget is spent: it goes on next tick.
                Ok(Some(victim)) => {
                    let _ = victim.insert();
                }
                Ok(None) => {}
                Err(e) => tracing::warn!("hill: a battle failed: {e}"),
            }
            self.finish_if_done();
        }
        if self.last_save.elapsed() >= Duration::from_secs(SAVE_EVERY_SECS) {
            self.persist();
        }
    }

    fn persist(&mut self) {
        if let Err(e) = self.save() {
            tracing::warn!("hill: saving failed: {e}");
        }
        self.last_save = Instant::now();
    }

    fn snapshot_current(&mut self) {
        self.state.current = self
            .running
            .as_ref()
            .map(|(a, b, battle)| (*a, *b, battle.borrow().clone()));
    }

    fn entry(&self, id: u64) -> Option<&Entry> {
        self.state.warriors.iter().find(|w| w.id == id)
    }

    fn start_next(&mut self) {
        while let Some((a, b)) = self.queue.pop_front() {
            let (Some(wa), Some(wb)) = (self.entry(a), self.entry(b)) else {
                continue;
            };
            let settings = self.config.settings();
            // A fixed seed per pair: results can be checked with pmars.
            let seed =
                Seed::Position(settings.distance() + ((a * 7919 + b * 104_729) % 4000) as u32);
            let stored = vec![wa.warrior.clone(), wb.warrior.clone()];
            let battle = Battle::new(stored, settings.clone(), seed).or_else(|e| {
                // Assembled under other settings (the hill's core changed):
                // assemble the sources again.
                let again =
                    |w: &Entry| assemble(&w.source, &w.name, &settings, 2).map(|x| x.warrior);
                match (again(wa), again(wb)) {
                    (Ok(x), Ok(y)) => Battle::new(vec![x, y], settings.clone(), seed),
                    _ => Err(e),
                }
            });
            match battle {
                Ok(battle) => {
                    self.start(a, b, battle);
                    return;
                }
                Err(e) => tracing::warn!("hill: battle {a} vs {b}: {e}"),
            }
        }
    }

    fn start(&mut self, a: u64, b: u64, battle: Battle) {
        let battle = Rc::new(RefCell::new(battle));
        let task = BattleTasklet {
            battle: Rc::clone(&battle),
        };
        match shoal_engine::spawn_soft(Box::new(task)) {
            Ok(t) => {
                t.set_name(&format!("battle {a} vs {b}"));
                self.running = Some((a, b, battle));
            }
            Err(e) => tracing::warn!("hill: could not start battle {a} vs {b}: {e}"),
        }
    }

    fn finish_if_done(&mut self) {
        let done = matches!(&self.running, Some((_, _, b)) if b.borrow().finished());
        if !done {
            return;
        }
        let Some((a, b, battle)) = self.running.take() else {
            return;
        };
        let battle = battle.borrow();
        let f = battle.fighters();
        self.state.results.push(Outcome {
            a,
            b,
            a_wins: f[0].score[0],
            b_wins: f[1].score[0],
            ties: f[0].score[1],
        });
        drop(battle);
        self.push_off();
        self.persist();
    }

    /// Beyond the hill's size, the lowest warriors that have fought all
    /// their battles leave.
    fn push_off(&mut self) {
        while self.state.warriors.len() > self.config.size {
            let busy = |id: u64| {
                self.queue.iter().any(|&(a, b)| a == id || b == id)
                    || matches!(&self.running, Some((a, b, _)) if *a == id || *b == id)
            };
            let standings = self.state.standings();
            let Some(last) = standings.iter().rev().find(|s| !busy(s.id)) else {
                return;
            };
            let id = last.id;
            self.state.warriors.retain(|w| w.id != id);
            self.state.results.retain(|r| r.a != id && r.b != id);
        }
    }

    fn remove(&mut self, id: u64) {
        self.state.warriors.retain(|w| w.id != id);
        self.state.results.retain(|r| r.a != id && r.b != id);
        self.queue.retain(|&(a, b)| a != id && b != id);
    }

    /// Takes a submission: the assembler's messages, or the battles queued.
    pub fn submit(&mut self, player: &str, source: &str) -> Result<String, String> {
        let waiting = self.queue.len();
        if waiting > 4 * self.config.size {
            return Err(format!(
                "the hill is busy: {waiting} battles are waiting; submit again later"
            ));
        }
        let settings = self.config.settings();
        let file = format!("{player}'s warrior");
        let assembled = assemble(source, &file, &settings, 2).map_err(|e| e.to_string())?;
        let w = assembled.warrior;
        // A warrior of the same name from the same player replaces it.
        let replaced: Vec<u64> = self
            .state
            .warriors
            .iter()
            .filter(|e| e.player == player && e.name == w.name)
            .map(|e| e.id)
            .collect();
        let running_replaced = matches!(&self.running, Some((a, b, _)) if replaced.contains(a) || replaced.contains(b));
        if running_replaced {
            return Err(format!(
                "'{}' is fighting now; submit it again later",
                w.name
            ));
        }
        for id in replaced {
            self.remove(id);
        }
        let mine = self
            .state
            .warriors
            .iter()
            .filter(|e| e.player == player)
            .count();
        if mine >= MAX_PER_PLAYER {
            return Err(format!(
                "{player} has {mine} warriors on the hill already (at most {MAX_PER_PLAYER})"
            ));
        }
        let id = self.state.next_id;
        self.state.next_id += 1;
        self.state.warriors.push(Entry {
            id,
            name: w.name.clone(),
            author: w.author.clone(),
            player: player.to_string(),
            source: source.to_string(),
            warrior: w.clone(),
        });
        let before = self.queue.len();
        for other in &self.state.warriors {
            if other.id != id {
                self.queue.push_back((other.id, id));
            }
        }
        self.persist();
        Ok(format!(
            "ok {id} {} by {}: {} battles queued",
            w.name,
            w.author,
            self.queue.len() - before
        ))
    }

    fn leaderboard(&self) -> String {
        let mut out =
            String::from("rank id score wins losses ties battles name / author / player\n");
        for (i, s) in self.state.standings().iter().enumerate() {
            out.push_str(&format!(
                "{} {} {:.1} {} {} {} {} {} / {} / {}\n",
                i + 1,
                s.id,
                s.score,
                s.wins,
                s.losses,
                s.ties,
                s.battles,
                s.name,
                s.author,
                s.player
            ));
        }
        out
    }

    /// The battle under way, for viewers: `battle A B` and the battle as
    /// RON on one line, or `none`.
    fn watch(&self) -> String {
        match &self.running {
            Some((a, b, battle)) => {
                let battle = battle.borrow();
                if battle.settings().coresize > MAX_WATCHED_CORE {
                    return format!(
                        "error\na core of more than {MAX_WATCHED_CORE} cells is not sent"
                    );
                }
                match ron::to_string(&*battle) {
                    Ok(text) => format!("battle {a} {b}\n{text}\n"),
                    Err(e) => format!("error\n{e}"),
                }
            }
            None => "none\n".into(),
        }
    }

    fn status(&self) -> String {
        let mut out = match &self.running {
            Some((a, b, battle)) => {
                let battle = battle.borrow();
                format!(
                    "battle {a} vs {b}: round {} of {}, {} instructions\n",
                    battle.round().min(battle.settings().rounds),
                    battle.settings().rounds,
                    battle.executed()
                )
            }
            None => "no battle under way\n".to_string(),
        };
        out.push_str(&format!("{} battles waiting\n", self.queue.len()));
        out
    }

    fn serve_clients(&mut self) {
        loop {
            match self.listener.accept() {
                Ok((stream, peer)) => {
                    let same_ip = self
                        .clients
                        .iter()
                        .filter(|c| c.peer == Some(peer.ip()))
                        .count();
                    if self.clients.len() >= MAX_CLIENTS
                        || same_ip >= MAX_CLIENTS_PER_IP
                        || stream.set_nonblocking(true).is_err()
                    {
                        let mut s = stream;
                        let _ = s.write_all(b"error\nthe hill is full\n.\n");
                        continue;
                    }
                    self.clients.push(Client {
                        peer: Some(peer.ip()),
                        stream,
                        inbox: Vec::new(),
                        outbox: Vec::new(),
                        submitting: None,
                        last_heard: Instant::now(),
                        closing: false,
                    });
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                Err(e) => {
                    tracing::warn!("hill: accept: {e}");
                    break;
                }
            }
        }
        let mut clients = std::mem::take(&mut self.clients);
        for c in &mut clients {
            let mut buf = [0u8; 4096];
            loop {
                match c.stream.read(&mut buf) {
                    Ok(0) => {
                        c.closing = true;
                        break;
                    }
                    Ok(n) => {
                        c.inbox.extend_from_slice(&buf[..n]);
                        c.last_heard = Instant::now();
                        if c.inbox.len() > MAX_SUBMISSION + 4096 {
                            c.outbox
                                .extend_from_slice(b"error\ntoo much unread input\n.\n");
                            c.closing = true;
                            break;
                        }
                    }
                    Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                    Err(_) => {
                        c.closing = true;
                        break;
                    }
                }
            }
            let mut answered = 0;
            while answered < COMMANDS_PER_TICK && c.outbox.len() < OUTBOX_PAUSE {
                let Some(end) = c.inbox.iter().position(|&b| b == b'\n') else {
                    break;
                };
                let line: Vec<u8> = c.inbox.drain(..=end).collect();
                let line = String::from_utf8_lossy(&line)
                    .trim_end_matches(['\n', '\r'])
                    .to_string();
                let reply = self.handle_line(c, &line);
                if let Some(r) = reply {
                    answered += 1;
                    c.outbox.extend_from_slice(r.as_bytes());
                    if !r.ends_with('\n') {
                        c.outbox.push(b'\n');
                    }
                    c.outbox.extend_from_slice(b".\n");
                }
            }
            if c.last_heard.elapsed() > Duration::from_secs(IDLE_SECS) {
                c.closing = true;
            }
            while !c.outbox.is_empty() {
                match c.stream.write(&c.outbox) {
                    Ok(0) => {
                        c.closing = true;
                        break;
                    }
                    Ok(n) => {
                        c.outbox.drain(..n);
                    }
                    Err(e) if e.kind() == ErrorKind::WouldBlock => break,
                    Err(_) => {
                        c.closing = true;
                        c.outbox.clear();
                    }
                }
            }
        }
        // A closing client goes when its answer is out, or after 10 s of
        // not reading it; anyone with a megabyte unread goes at once.
        clients.retain(|c| {
            let gone = c.closing
                && (c.outbox.is_empty() || c.last_heard.elapsed() > Duration::from_secs(10));
            !gone && c.outbox.len() < 1 << 20
        });
        self.clients = clients;
    }

    fn handle_line(&mut self, c: &mut Client, line: &str) -> Option<String> {
        if let Some((player, mut source)) = c.submitting.take() {
            if line == "." {
                return Some(match self.submit(&player, &source) {
                    Ok(msg) => msg,
                    Err(e) => format!("error\n{e}"),
                });
            }
            if source.len() + line.len() + 1 > MAX_SUBMISSION {
                c.closing = true;
                return Some(format!(
                    "error\na warrior may have at most {MAX_SUBMISSION} bytes"
                ));
            }
            source.push_str(line);
            source.push('\n');
            c.submitting = Some((player, source));
            return None;
        }
        let mut words = line.split_whitespace();
        match words.next() {
            None => None,
            Some("submit") => {
                let player = words.collect::<Vec<_>>().join(" ");
                if player.is_empty() || player.len() > 64 {
                    return Some("error\nusage: submit PLAYER (a name of 1 to 64 bytes)".into());
                }
                c.submitting = Some((player, String::new()));
                None
            }
            Some("leaderboard") => Some(self.leaderboard()),
            Some("status") => Some(self.status()),
            Some("watch") => Some(self.watch()),
            Some("quit") => {
                c.closing = true;
                Some("bye".into())
            }
            Some(other) => Some(format!(
                "error\nunknown command '{}': submit PLAYER, leaderboard, status, watch, quit",
                other.chars().take(40).collect::<String>()
            )),
        }
    }
}

/// Runs a hill on a thread of its own until `stop` is set; returns its
/// address once it listens.
pub fn spawn(
    config: HillConfig,
    dir: PathBuf,
    stop: Arc<AtomicBool>,
) -> Result<(SocketAddr, std::thread::JoinHandle<Result<(), String>>), String> {
    let (tx, rx) = std::sync::mpsc::channel();
    let handle = std::thread::Builder::new()
        .name("hill".into())
        .spawn(move || {
            let mut hill = match Hill::open(config, dir) {
                Ok(h) => h,
                Err(e) => {
                    let _ = tx.send(Err(e.clone()));
                    return Err(e);
                }
            };
            let _ = tx.send(Ok(hill.addr()));
            hill.run(&stop)
        })
        .map_err(|e| e.to_string())?;
    let addr = rx
        .recv()
        .map_err(|_| "the hill thread ended".to_string())??;
    Ok((addr, handle))
}
