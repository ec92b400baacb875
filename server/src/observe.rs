//! What a viewer sees of a running world: an [`Observation`], a plain
//! data copy of the world's entities, tasklets, channels and timings made
//! between ticks, plus the detail of one selected entity and tasklet.
//!
//! The same model serves both ways of watching: an in-process viewer
//! makes it on the world's thread and hands it to the UI thread; a
//! connected viewer asks the server's admin port (`observe`), which sends
//! it encoded with postcard. Making one reads the world and runs no
//! script code.

use std::collections::{BTreeMap, VecDeque};

use bevy_ecs::query::Without;
use serde::{Deserialize, Serialize};
use shoal_engine::game::{Despawning, EntityId, Kind, Position, PropValue, Props, Velocity};
use shoal_engine::{BlockedOn, SchedulerStats, TaskletKind, TaskletState};
use shoal_scripting::heap::Obj;
use shoal_scripting::value::{Key, Value};

use crate::Sim;
use crate::sim::TickReport;

/// How many tick samples a world keeps for the timing plots: five
/// minutes at 20 ticks a second.
pub const HISTORY: usize = 6_000;

/// The most lines of an entity's inbox an observation shows.
pub const MAX_INBOX_LINES: usize = 50;

/// What a viewer asks to see beyond the world at large.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// The selected entity, for [`Observation::entity`].
    pub entity: Option<u64>,
    /// The selected tasklet, for [`Observation::tasklet`].
    pub tasklet: Option<u64>,
    /// Tick samples after this tick are sent ([`Observation::samples`]).
    pub since: u64,
}

/// One entity kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KindView {
    /// Its name.
    pub name: String,
    /// The colour the world file gives it.
    pub color: (u8, u8, u8),
}

/// What a behaviour (or any tasklet) is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Activity {
    /// The entity has no live behaviour.
    Idle,
    /// Running now.
    Running,
    /// In the run queue.
    Runnable,
    /// Waiting on a channel.
    Blocked,
    /// Asleep until a tick or a time.
    Sleeping,
    /// Parked on a socket or a blocking call.
    Io,
    /// Out of the run queue (removed, or paused from a viewer).
    Paused,
    /// In `run()`, waiting for the queue to run out.
    Watchdog,
    /// Bound but not started.
    Bound,
    /// Another zone's entity, mirrored here read-only (a ghost).
    Ghost,
}

impl Activity {
    fn of(state: TaskletState) -> Activity {
        match state {
            TaskletState::Bound => Activity::Bound,
            TaskletState::Running => Activity::Running,
            TaskletState::Runnable => Activity::Runnable,
            TaskletState::Blocked => Activity::Blocked,
            TaskletState::Sleeping => Activity::Sleeping,
            TaskletState::Io => Activity::Io,
            TaskletState::Watchdog => Activity::Watchdog,
            TaskletState::Paused => Activity::Paused,
        }
    }

    /// Its name, lower case.
    pub fn label(self) -> &'static str {
        match self {
            Activity::Idle => "idle",
            Activity::Running => "running",
            Activity::Runnable => "runnable",
            Activity::Blocked => "blocked",
            Activity::Sleeping => "sleeping",
            Activity::Io => "io",
            Activity::Paused => "paused",
            Activity::Watchdog => "watchdog",
            Activity::Bound => "bound",
            Activity::Ghost => "ghost",
        }
    }
}

/// One entity on the map.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EntityRow {
    /// Its id.
    pub id: u64,
    /// Its kind (an index into [`Observation::kinds`]).
    pub kind: u16,
    /// Position.
    pub x: f32,
    /// Position.
    pub y: f32,
    /// What its behaviour does.
    pub activity: Activity,
}

/// What a tasklet waits on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Waits {
    /// A channel.
    Channel {
        /// Its id.
        id: u64,
        /// Its name, if it has one.
        name: Option<String>,
        /// To send (else to receive).
        sending: bool,
    },
    /// A select or a join over several channels.
    Select {
        /// The channels' ids.
        channels: Vec<u64>,
        /// A join (else a select).
        join: bool,
    },
    /// The tick it wakes at.
    Tick(u64),
    /// Milliseconds left of a sleep on the wall clock.
    Sleep(f64),
    /// A socket or a blocking call.
    Io {
        /// The socket or call.
        what: String,
        /// To write (else to read or accept).
        writing: bool,
    },
}

impl std::fmt::Display for Waits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Waits::Channel { id, name, sending } => {
                let way = if *sending { "send on" } else { "receive on" };
                match name {
                    Some(n) => write!(f, "{way} channel {id} ({n})"),
                    None => write!(f, "{way} channel {id}"),
                }
            }
            Waits::Select { channels, join } => {
                let ids: Vec<String> = channels.iter().map(u64::to_string).collect();
                let what = if *join { "join" } else { "select" };
                write!(f, "{what} on channels {}", ids.join(", "))
            }
            Waits::Tick(t) => write!(f, "until tick {t}"),
            Waits::Sleep(ms) => write!(f, "timer, {ms:.0} ms left"),
            Waits::Io { what, writing } => {
                let way = match (*writing, what.starts_with("listener")) {
                    (true, _) => "write",
                    (false, true) => "accept on",
                    (false, false) => "read",
                };
                write!(f, "{way} {what}")
            }
        }
    }
}

/// The kind of a tasklet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Flavor {
    /// The thread's own code.
    Main,
    /// Rust code on its own stack (connections, listeners).
    Native,
    /// A script.
    Script,
}

impl Flavor {
    /// Its name, lower case.
    pub fn label(self) -> &'static str {
        match self {
            Flavor::Main => "main",
            Flavor::Native => "native",
            Flavor::Script => "script",
        }
    }
}

/// One tasklet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskletRow {
    /// Its id.
    pub id: u64,
    /// Its name: its own, or its entity's kind and id for a behaviour.
    pub name: String,
    /// Main, native or script.
    pub flavor: Flavor,
    /// What it does.
    pub activity: Activity,
    /// What it waits on.
    pub waits: Option<Waits>,
    /// How many times it ran.
    pub runs: u64,
    /// CPU time charged to it, in microseconds.
    pub cpu_us: u64,
    /// The entity whose behaviour it is.
    pub entity: Option<u64>,
    /// Paused from a viewer (it stays out of the run queue when it wakes).
    pub held: bool,
    /// Its scheduler priority level (higher levels run first).
    pub priority: i32,
}

/// A channel with tasklets waiting on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChannelRow {
    /// Its id.
    pub id: u64,
    /// Its name, if any.
    pub name: Option<String>,
    /// Stackless's balance: senders waiting (positive) or receivers
    /// waiting (negative).
    pub balance: i64,
    /// The tasklets waiting, by id.
    pub waiting: Vec<u64>,
}

/// One frame of a script tasklet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrameView {
    /// The script file.
    pub file: String,
    /// The line it is at.
    pub line: u32,
    /// The function.
    pub function: String,
    /// Its locals, by name, briefly printed.
    pub locals: Vec<(String, String)>,
}

/// A script's text with a line marked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScriptView {
    /// The file.
    pub file: String,
    /// Its text.
    pub text: String,
    /// The line the behaviour is at (its innermost frame in this file).
    pub line: u32,
}

/// Posts between two entities ([`crate::world_api::HOST`] stands for the
/// host).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TalkView {
    /// The sender.
    pub from: u64,
    /// The receiver.
    pub to: u64,
    /// How many posts.
    pub count: u64,
    /// The tick of the last.
    pub last_tick: u64,
}

/// The selected entity, in full.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityDetail {
    /// Its id.
    pub id: u64,
    /// Its kind's name.
    pub kind: String,
    /// Position.
    pub position: (f64, f64),
    /// Velocity.
    pub velocity: (f64, f64),
    /// Its data components: name and value.
    pub components: Vec<(String, String)>,
    /// Its behaviour's tasklet.
    pub tasklet: Option<u64>,
    /// What the behaviour does.
    pub activity: Activity,
    /// What it waits on.
    pub waits: Option<Waits>,
    /// The behaviour's frames, outermost first.
    pub frames: Vec<FrameView>,
    /// The behaviour's script, at the line it is on.
    pub script: Option<ScriptView>,
    /// Messages waiting in its inbox (briefly printed, the first
    /// [`MAX_INBOX_LINES`]).
    pub inbox: Vec<String>,
    /// How many messages wait in all.
    pub inbox_len: usize,
    /// Who posted to it and whom it posted to.
    pub talks: Vec<TalkView>,
    /// Tasklets waiting on the channel its behaviour waits on: (tasklet,
    /// its entity, sending).
    pub channel_peers: Vec<(u64, Option<u64>, bool)>,
}

/// The selected tasklet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskletDetail {
    /// Its row.
    pub row: TaskletRow,
    /// Its frames, outermost first (script tasklets only).
    pub frames: Vec<FrameView>,
}

/// The timings of one tick.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct TickSample {
    /// The tick.
    pub tick: u64,
    /// Wall seconds since the world started in this process.
    pub at: f64,
    /// The tick's work, ms.
    pub work_ms: f32,
    /// Its scripts phase, ms.
    pub scripts_ms: f32,
    /// The dilation factor after it.
    pub dilation: f32,
    /// Tasklets runnable when its scripts phase began.
    pub runnable: u32,
    /// Tasklets blocked on channels after it.
    pub blocked: u32,
    /// Tasklets asleep after it.
    pub sleeping: u32,
    /// Tasklet switches during it.
    pub switches: u64,
    /// VM instructions run.
    pub instructions: u64,
}

/// The last [`HISTORY`] ticks' samples of a world.
#[derive(Debug, Default)]
pub struct TimingLog {
    samples: VecDeque<TickSample>,
    started: Option<std::time::Instant>,
}

impl TimingLog {
    /// Records a tick.
    pub fn record(&mut self, report: &TickReport) {
        let started = *self.started.get_or_insert_with(std::time::Instant::now);
        if self.samples.len() == HISTORY {
            self.samples.pop_front();
        }
        let stats = shoal_engine::stats();
        self.samples.push_back(TickSample {
            tick: report.tick,
            at: started.elapsed().as_secs_f64(),
            work_ms: (report.work.as_secs_f64() * 1e3) as f32,
            scripts_ms: (report.scripts.as_secs_f64() * 1e3) as f32,
            dilation: report.dilation as f32,
            runnable: report.runnable as u32,
            blocked: stats.blocked as u32,
            sleeping: stats.sleeping as u32,
            switches: report.switches,
            instructions: report.instructions,
        });
    }

    /// The samples of ticks after `tick`.
    pub fn since(&self, tick: u64) -> Vec<TickSample> {
        let first = self.samples.partition_point(|s| s.tick <= tick);
        self.samples.range(first..).copied().collect()
    }

    /// Forgets every sample (a world was loaded).
    pub fn clear(&mut self) {
        self.samples.clear();
    }
}

/// Scheduler-wide counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// Live tasklets, main included.
    pub tasklets: usize,
    /// Runnable now.
    pub runnable: usize,
    /// Blocked on channels.
    pub blocked: usize,
    /// Asleep.
    pub sleeping: usize,
    /// Parked on I/O.
    pub io: usize,
    /// Switches since the scheduler started.
    pub switches: u64,
    /// The script heap's size in bytes.
    pub heap_bytes: usize,
}

impl Totals {
    fn of(stats: &SchedulerStats, heap_bytes: usize) -> Totals {
        Totals {
            tasklets: stats.tasklets,
            runnable: stats.runnable,
            blocked: stats.blocked,
            sleeping: stats.sleeping,
            io: stats.io_waiting,
            switches: stats.switches,
            heap_bytes,
        }
    }
}

/// A copy of a world for a viewer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    /// The world's name.
    pub world: String,
    /// Its size.
    pub size: (f64, f64),
    /// Ticks per second.
    pub tick_rate: u32,
    /// Its kinds.
    pub kinds: Vec<KindView>,
    /// The last tick that ran.
    pub tick: u64,
    /// Every live entity, by id.
    pub entities: Vec<EntityRow>,
    /// Every tasklet, by id.
    pub tasklets: Vec<TaskletRow>,
    /// Channels with tasklets waiting, by id.
    pub channels: Vec<ChannelRow>,
    /// Tick samples after the request's `since`.
    pub samples: Vec<TickSample>,
    /// Scheduler-wide counters.
    pub totals: Totals,
    /// The selected entity, if it is live.
    pub entity: Option<EntityDetail>,
    /// The selected tasklet, if it is alive.
    pub tasklet: Option<TaskletDetail>,
    /// How long making this observation took, in microseconds.
    pub cost_us: u64,
    /// The world's zones, if it is split (the one this server runs
    /// marked `here`).
    pub zones: Vec<ZoneView>,
    /// The last entities that changed zone here (in or out), newest
    /// last.
    pub handoffs: Vec<HandoffView>,
}

/// A zone of a split world, as the viewer draws it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ZoneView {
    /// Its name.
    pub name: String,
    /// (x0, y0, x1, y1).
    pub rect: (f64, f64, f64, f64),
    /// Whether the observed server runs it.
    pub here: bool,
}

/// An entity that changed owner.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HandoffView {
    /// The entity.
    pub id: u64,
    /// The zone it left.
    pub from: String,
    /// The zone it went to.
    pub to: String,
    /// The tick it happened (of the observed zone).
    pub tick: u64,
}

/// Makes an observation of `sim` (between ticks).
pub fn observe(sim: &Sim, timing: &TimingLog, request: &Request) -> Observation {
    let started = std::time::Instant::now();
    let def = sim.def();
    let kinds: Vec<KindView> = def
        .registry
        .kinds
        .iter()
        .map(|k| KindView {
            name: k.name.clone(),
            color: k.color,
        })
        .collect();
    let vm = sim.vm().borrow();
    // Behaviours' entities by tasklet id, sorted (looked up by binary
    // search: no hashing of thousands of ids).
    let mut owner_of: Vec<(u64, u64)> = vm
        .module_state::<crate::world_api::WorldLink>()
        .map(|link| {
            link.tasks
                .iter()
                .filter_map(|(owner, obj)| vm.tasklet_handle(*obj).map(|t| (t.id(), *owner)))
                .collect()
        })
        .unwrap_or_default();
    owner_of.sort_unstable();
    let owner = |tasklet: u64| {
        owner_of
            .binary_search_by_key(&tasklet, |o| o.0)
            .ok()
            .map(|i| owner_of[i].1)
    };
    let held = sim.held();
    let infos = shoal_engine::tasklets();
    let mut channels: BTreeMap<u64, ChannelRow> = BTreeMap::new();
    let mut entities = Vec::new();
    {
        let mut ecs = sim.ecs().borrow_mut();
        let mut query = ecs.query_filtered::<(
            &EntityId,
            &Kind,
            &Position,
            Option<&crate::cluster::Ghost>,
        ), Without<Despawning>>();
        entities.reserve(query.iter(&ecs).len());
        for (id, kind, pos, ghost) in query.iter(&ecs) {
            entities.push(EntityRow {
                id: id.0,
                kind: kind.0,
                x: pos.x as f32,
                y: pos.y as f32,
                activity: if ghost.is_some() {
                    Activity::Ghost
                } else {
                    Activity::Idle
                },
            });
        }
    }
    entities.sort_unstable_by_key(|e| e.id);
    let mut tasklets = Vec::with_capacity(infos.len());
    for info in &infos {
        let entity = owner(info.id);
        let activity = Activity::of(info.state);
        let row = entity.and_then(|e| entities.binary_search_by_key(&e, |r| r.id).ok());
        if let Some(i) = row {
            entities[i].activity = activity;
        }
        let waits = info.blocked_on.as_ref().map(waits_of);
        if let Some(Waits::Channel { id, name, sending }) = &waits {
            let row = channels.entry(*id).or_insert_with(|| ChannelRow {
                id: *id,
                name: name.clone(),
                balance: 0,
                waiting: Vec::new(),
            });
            row.balance += if *sending { 1 } else { -1 };
            row.waiting.push(info.id);
        }
        let name = match (&info.name, entity) {
            (Some(n), _) => n.to_string(),
            (None, Some(e)) => {
                let kind = row.map_or("entity", |i| def.registry.kind_name(entities[i].kind));
                format!("{kind} {e}")
            }
            (None, None) if info.kind == TaskletKind::Main => "main".to_string(),
            (None, None) => String::new(),
        };
        tasklets.push(TaskletRow {
            id: info.id,
            name,
            flavor: match info.kind {
                TaskletKind::Main => Flavor::Main,
                TaskletKind::Native => Flavor::Native,
                TaskletKind::Soft => Flavor::Script,
            },
            activity,
            waits,
            runs: info.runs,
            cpu_us: info.cpu_time.as_micros() as u64,
            entity,
            held: held.contains(&info.id),
            priority: info.priority,
        });
    }
    let tasklet = request.tasklet.and_then(|id| {
        let row = tasklets.iter().find(|t| t.id == id)?.clone();
        let frames = frames_of(&vm, id);
        Some(TaskletDetail { row, frames })
    });
    let entity = request
        .entity
        .and_then(|id| entity_detail(sim, &vm, id, &tasklets, &channels));
    let heap_bytes = vm.heap_bytes();
    drop(vm);
    Observation {
        world: def.spec.name.clone(),
        size: def.spec.size,
        tick_rate: def.rules.tick_rate,
        kinds,
        tick: sim.tick_count(),
        entities,
        tasklets,
        channels: channels.into_values().collect(),
        samples: timing.since(request.since),
        totals: Totals::of(&shoal_engine::stats(), heap_bytes),
        entity,
        tasklet,
        cost_us: started.elapsed().as_micros() as u64,
        zones: def
            .zone_map()
            .map(|m| {
                m.zones
                    .into_iter()
                    .map(|z| ZoneView {
                        name: z.name,
                        rect: z.rect,
                        here: false,
                    })
                    .collect()
            })
            .unwrap_or_default(),
        handoffs: Vec::new(),
    }
}

fn waits_of(b: &BlockedOn) -> Waits {
    match b {
        BlockedOn::Channel { id, name, sending } => Waits::Channel {
            id: *id,
            name: name.as_deref().map(str::to_string),
            sending: *sending,
        },
        BlockedOn::Select { channels, join } => Waits::Select {
            channels: channels.clone(),
            join: *join,
        },
        BlockedOn::Sleep { remaining } => Waits::Sleep(remaining.as_secs_f64() * 1e3),
        BlockedOn::Tick { at } => Waits::Tick(*at),
        BlockedOn::Io {
            source, writing, ..
        } => Waits::Io {
            what: source.to_string(),
            writing: *writing,
        },
    }
}

fn frames_of(vm: &shoal_scripting::Vm, tasklet: u64) -> Vec<FrameView> {
    vm.tasklet_frames(tasklet)
        .unwrap_or_default()
        .into_iter()
        .map(|f| FrameView {
            file: f.file,
            line: f.line,
            function: f.function,
            locals: f.locals,
        })
        .collect()
}

fn entity_detail(
    sim: &Sim,
    vm: &shoal_scripting::Vm,
    id: u64,
    tasklets: &[TaskletRow],
    channels: &BTreeMap<u64, ChannelRow>,
) -> Option<EntityDetail> {
    let def = sim.def();
    let (kind, position, velocity, components) = {
        let ecs = sim.ecs().borrow();
        let e = shoal_engine::game::live_entity(&ecs, id)?;
        let kind = ecs.get::<Kind>(e).map_or(0, |k| k.0);
        let p = ecs.get::<Position>(e).copied().unwrap_or_default();
        let v = ecs.get::<Velocity>(e).copied().unwrap_or_default();
        let components = ecs
            .get::<Props>(e)
            .map(|props| {
                props
                    .0
                    .iter()
                    .map(|(slot, value)| {
                        let name = def
                            .registry
                            .components
                            .get(*slot as usize)
                            .map_or_else(|| format!("#{slot}"), |(n, _)| n.clone());
                        (name, prop_text(value))
                    })
                    .collect()
            })
            .unwrap_or_default();
        (kind, (p.x, p.y), (v.x, v.y), components)
    };
    let row = tasklets.iter().find(|t| t.entity == Some(id));
    let frames = row.map(|t| frames_of(vm, t.id)).unwrap_or_default();
    // The behaviour's script, at its innermost frame in that file.
    let script = def.registry.kinds.get(kind as usize).and_then(|k| {
        let b = k.behaviour.as_ref()?;
        let path = def.script_path(&b.script);
        let text = vm.source_text(&path)?;
        let line = frames
            .iter()
            .rev()
            .find(|f| f.file == path)
            .map_or(0, |f| f.line);
        Some(ScriptView {
            file: path,
            text: text.to_string(),
            line,
        })
    });
    let (inbox, inbox_len) = inbox_of(vm, id);
    let talks = {
        // The link is behind `&mut` only; read it through the state.
        vm.module_state::<crate::world_api::WorldLink>()
            .map(|l| {
                l.talks_of(id)
                    .into_iter()
                    .take(64)
                    .map(|(from, to, t)| TalkView {
                        from,
                        to,
                        count: t.count,
                        last_tick: t.last_tick,
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let waits = row.and_then(|t| t.waits.clone());
    let channel_peers = match &waits {
        Some(Waits::Channel { id: chan, .. }) => channels
            .get(chan)
            .map(|c| {
                c.waiting
                    .iter()
                    .filter_map(|t| tasklets.iter().find(|r| r.id == *t))
                    .map(|r| {
                        let sending = matches!(r.waits, Some(Waits::Channel { sending: true, .. }));
                        (r.id, r.entity, sending)
                    })
                    .collect()
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    Some(EntityDetail {
        id,
        kind: def.registry.kind_name(kind).to_string(),
        position,
        velocity,
        components,
        tasklet: row.map(|t| t.id),
        activity: row.map_or(Activity::Idle, |t| t.activity),
        waits,
        frames,
        script,
        inbox,
        inbox_len,
        talks,
        channel_peers,
    })
}

fn prop_text(v: &PropValue) -> String {
    match v {
        PropValue::Int(i) => i.to_string(),
        PropValue::Float(x) => format!("{x:.3}"),
        PropValue::Bool(b) => if *b { "True" } else { "False" }.to_string(),
        PropValue::Str(s) => format!("{s:?}"),
    }
}

/// The messages waiting in entity `id`'s inbox (the world module's
/// `_inboxes[id].queue`), briefly printed, and how many there are.
fn inbox_of(vm: &shoal_scripting::Vm, id: u64) -> (Vec<String>, usize) {
    let Some(Value::Obj(boxes)) = vm.module_attr("world", "_inboxes") else {
        return (Vec::new(), 0);
    };
    let Obj::Dict(d) = vm.heap.get(boxes) else {
        return (Vec::new(), 0);
    };
    let Some((_, Value::Obj(inbox))) = d.get(&Key::Int(id as i64)) else {
        return (Vec::new(), 0);
    };
    let Obj::Instance(inst) = vm.heap.get(*inbox) else {
        return (Vec::new(), 0);
    };
    let Some(Value::Obj(queue)) = inst.attrs.get("queue") else {
        return (Vec::new(), 0);
    };
    let Obj::List(items) = vm.heap.get(*queue) else {
        return (Vec::new(), 0);
    };
    let lines = items
        .iter()
        .take(MAX_INBOX_LINES)
        .map(|v| vm.brief_repr(*v))
        .collect();
    (lines, items.len())
}
