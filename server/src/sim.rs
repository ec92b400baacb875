//! A running world: the bevy ECS world, the script VM whose tasklets are
//! the entities' behaviours, the scheduler, and the tick that drives
//! them.
//!
//! One tick ([`Sim::tick`]), in order:
//! 1. **input**: nothing yet (the reactor and client messages come with
//!    the server's network layer);
//! 2. **timers**: the scheduler's tick advances; behaviours whose
//!    `world.sleep(n)` ends wake, in the order they fell asleep;
//! 3. **scripts**: the scheduler runs until nothing is runnable or the
//!    tick's instruction budget is spent (the tasklet interrupted goes to
//!    the back of the queue and everyone else left runs next tick);
//!    behaviours that raised are logged and the world's policy applies;
//! 4. **simulation**: despawns, movement, the spatial index;
//! 5. **replication**: the hooks registered with [`Sim::on_tick_end`];
//! 6. **persistence**: a snapshot every `snapshot_every` ticks.
//!
//! A tick's work time feeds the [`TickClock`], whose dilation factor
//! says how much slower than real time the world runs under load.

use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::rc::Rc;
use std::time::{Duration, Instant};

use bevy_ecs::schedule::Schedule;
use bevy_ecs::world::World;
use shoal_engine::game::{
    EntityIndex, Position, Props, TickClock, Velocity, despawn_marked, live_entity, mark_despawned,
    new_world, rebuild_spatial_index, simulation_schedule, spawn_entity, z_order,
};
use shoal_engine::{RunOptions, Scheduler};
use shoal_scripting::host::CapturedOutput;
use shoal_scripting::{HostSettings, ScriptLoadError, Vm, load_script_module};

use crate::world_api::{WorldLink, WorldVm};
use crate::world_file::{ErrorPolicy, WorldDef, WorldError, locate};

/// How many distinct tracebacks a world remembers (to log each in full
/// once).
const MAX_REMEMBERED_ERRORS: usize = 1024;

/// What one tick did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TickReport {
    /// The tick that ran.
    pub tick: u64,
    /// Wall time of its work.
    pub work: Duration,
    /// Wall time of the scripts phase.
    pub scripts: Duration,
    /// Wall time of the simulation phase.
    pub simulation: Duration,
    /// VM instructions run by scripts.
    pub instructions: u64,
    /// Behaviours woken by the timers phase.
    pub woken: usize,
    /// Whether the script budget ran out (some scripts wait for the next
    /// tick).
    pub budget_spent: bool,
    /// Behaviours that raised.
    pub failures: usize,
    /// Live entities after the tick.
    pub entities: usize,
    /// Tasklets runnable when the scripts phase began.
    pub runnable: usize,
    /// Tasklet switches during the tick.
    pub switches: u64,
    /// The clock's dilation factor after the tick.
    pub dilation: f64,
}

/// A hook run at the end of each tick (replication), with the ECS world
/// and the tick.
pub type TickHook = Box<dyn FnMut(&mut World, u64)>;

/// A running world.
pub struct Sim {
    def: WorldDef,
    ecs: Rc<RefCell<World>>,
    vm: Rc<RefCell<Vm>>,
    schedule: Schedule,
    clock: TickClock,
    output: CapturedOutput,
    log: Vec<String>,
    /// Tracebacks logged in full so far, and how often each was seen.
    seen: indexmap::IndexMap<String, u64>,
    /// Failures beyond the remembered ones.
    overflow_seen: u64,
    /// The tasklet the budget interrupted last tick, and the entities
    /// already warned about as runaways.
    last_victim: Option<shoal_engine::Tasklet>,
    warned_runaway: std::collections::BTreeSet<u64>,
    hooks: Vec<TickHook>,
    /// Tasklets paused from a viewer or the console, by id: kept out of
    /// the run queue whenever they wake (see [`Sim::hold`]).
    /// (The flag says whether the hold took it out of the queue.)
    held: std::collections::BTreeMap<u64, (shoal_engine::Tasklet, bool)>,
    /// The priority level of the tasklets the host starts (players'
    /// avatars through [`Sim::spawn`], their inputs through [`Sim::post`]).
    host_priority: i32,
    /// Posts made by the host ([`Sim::post`], a cluster's deliveries)
    /// whose tasklet has not run yet, by receiver: such an entity cannot
    /// be packed to move (the post would miss it).
    pending_posts: Vec<(u64, shoal_engine::Tasklet)>,
    /// Dropped last: the VM and the ECS go first.
    _scheduler: Scheduler,
}

/// Simple deterministic numbers for scattering the initial spawns
/// (splitmix64; scripts use the VM's seeded generator).
struct Scatter(u64);

impl Scatter {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

impl Sim {
    /// Builds a world from its definition on this thread (which must have
    /// no scheduler yet): loads the behaviour scripts, spawns the initial
    /// entities and starts their behaviours. `embedded` are source files
    /// the program carries (the default world's).
    pub fn new(def: WorldDef, embedded: Rc<[(String, String)]>) -> Result<Sim, WorldError> {
        let mut sim = Sim::assemble(def, &embedded, None, 1.0)?;
        sim.vm.borrow_mut().seed_random(sim.def.spec.seed as i64);
        // Selects and joins choose among ready channels from the world's
        // seed too.
        let _ = shoal_engine::set_select_seed(sim.def.spec.seed ^ 0x5e1e_c700_0000_0000);
        sim.load_behaviours()?;
        sim.spawn_initial()?;
        rebuild_spatial_index(&mut sim.ecs.borrow_mut());
        sim.drain_output();
        Ok(sim)
    }

    /// A world with nothing run yet: its scheduler, ECS world, VM (loaded
    /// from a snapshot's script part when `scripts` is given) and clock.
    fn assemble(
        def: WorldDef,
        embedded: &Rc<[(String, String)]>,
        scripts: Option<shoal_scripting::stackless::LoadedWorld>,
        dilation: f64,
    ) -> Result<Sim, WorldError> {
        let (scheduler, ecs, vm, output) = Self::parts(&def, embedded, scripts)?;
        let mut clock = TickClock::new(def.rules.tick_rate, def.spec.dilation_floor);
        clock.set_dilation(dilation);
        Ok(Sim {
            def,
            ecs,
            vm,
            schedule: simulation_schedule(),
            clock,
            output,
            log: Vec::new(),
            seen: Default::default(),
            overflow_seen: 1,
            last_victim: None,
            warned_runaway: Default::default(),
            hooks: Vec::new(),
            held: Default::default(),
            host_priority: 0,
            pending_posts: Vec::new(),
            _scheduler: scheduler,
        })
    }

    /// The scheduler, ECS world and VM of a world (the VM loaded from a
    /// snapshot's script part when `scripts` is given).
    #[allow(clippy::type_complexity)]
    fn parts(
        def: &WorldDef,
        embedded: &Rc<[(String, String)]>,
        scripts: Option<shoal_scripting::stackless::LoadedWorld>,
    ) -> Result<
        (
            Scheduler,
            Rc<RefCell<World>>,
            Rc<RefCell<Vm>>,
            CapturedOutput,
        ),
        WorldError,
    > {
        if shoal_engine::has_scheduler() {
            return Err(WorldError {
                file: def.path.clone(),
                line: 0,
                column: 0,
                message: "this thread runs a scheduler already: one world per thread".into(),
            });
        }
        let scheduler = Scheduler::new();
        let ecs = Rc::new(RefCell::new(new_world(
            def.rules.clone(),
            def.registry.clone(),
            def.spec.cell_size,
        )));
        let output = CapturedOutput::default();
        let mut vm = Vm::new(Box::new(output.clone()), Box::new(output.clone()));
        vm.set_embedded_sources(embedded.clone());
        // Before anything loads: a snapshot's heap names the module's
        // functions, and its files include the module's script part.
        vm.register_module(crate::world_api::module());
        let vm = match scripts {
            None => {
                vm.search_dir = Some(def.dir().into());
                vm.into_shared()
            }
            // The snapshot carries no settings: this host's apply.
            Some(world) => vm
                .restore_world(
                    world,
                    HostSettings {
                        search_dir: Some(def.dir().into()),
                        ..HostSettings::default()
                    },
                )
                .map_err(|message| WorldError {
                    file: def.path.clone(),
                    line: 0,
                    column: 0,
                    message: format!("the snapshot's scripts do not load: {message}"),
                })?,
        };
        vm.borrow_mut().attach_world(WorldLink::new(ecs.clone()));
        // Limits and the sandbox come from the world file, never from a
        // snapshot.
        vm.borrow_mut().max_heap = Some(usize::try_from(def.spec.max_heap).unwrap_or(usize::MAX));
        vm.borrow_mut().enter_sandbox();
        Ok((scheduler, ecs, vm, output))
    }

    /// Loads every kind's behaviour script and finds its function.
    fn load_behaviours(&mut self) -> Result<(), WorldError> {
        let mut behaviours = Vec::new();
        for kind in &self.def.registry.kinds {
            let Some(b) = &kind.behaviour else {
                behaviours.push(None);
                continue;
            };
            let in_world_file = |message: String| {
                let at = locate(
                    &self.def.text,
                    &[],
                    &format!("\"{}:{}\"", b.script, b.function),
                );
                WorldError {
                    file: self.def.path.clone(),
                    line: at.0,
                    column: at.1,
                    message,
                }
            };
            let path = self.def.script_path(&b.script);
            let module = module_name(&b.script);
            if let Some(other) = self.def.registry.kinds.iter().find_map(|k| {
                k.behaviour
                    .as_ref()
                    .filter(|o| o.script != b.script && module_name(&o.script) == module)
                    .map(|o| o.script.clone())
            }) {
                return Err(in_world_file(format!(
                    "scripts {} and {other} would both be module '{module}': rename one",
                    b.script
                )));
            }
            if self.vm.borrow().has_native_module(&module) {
                return Err(in_world_file(format!(
                    "a behaviour script cannot be called {}: that is a built-in module",
                    b.script
                )));
            }
            match load_script_module(&self.vm, &module, &path) {
                Ok(()) => {}
                Err(ScriptLoadError::Syntax(e)) => {
                    return Err(WorldError {
                        file: path,
                        line: e.line as usize,
                        column: e.col as usize,
                        message: format!("{}: {}", e.kind.name(), e.message),
                    });
                }
                Err(ScriptLoadError::Read(e)) => {
                    return Err(in_world_file(format!(
                        "kind '{}': cannot read {path}: {e}",
                        kind.name
                    )));
                }
                Err(ScriptLoadError::Raised(tb)) => {
                    return Err(WorldError {
                        file: path,
                        line: 0,
                        column: 0,
                        message: format!("the script raised while loading:\n{tb}"),
                    });
                }
            }
            let mut vm = self.vm.borrow_mut();
            match vm.module_function(&module, &b.function) {
                Some(f) => behaviours.push(Some(f)),
                None => {
                    let names = vm.module_names(&module);
                    let hint = shoal_scripting::suggest_name(
                        &b.function,
                        names.iter().map(String::as_str),
                    )
                    .map(|s| format!("; did you mean '{s}'?"))
                    .unwrap_or_default();
                    drop(vm);
                    return Err(in_world_file(format!(
                        "kind '{}': {path} has no function '{}'{hint}",
                        kind.name, b.function
                    )));
                }
            }
        }
        let mut vm = self.vm.borrow_mut();
        if let Some(link) = vm.world_link() {
            link.behaviours = behaviours;
        }
        Ok(())
    }

    /// Spawns the world file's initial entities and starts their
    /// behaviours.
    fn spawn_initial(&mut self) -> Result<(), WorldError> {
        let spec = self.def.spec.clone();
        let mut scatter = Scatter(spec.seed ^ 0x5348_4f41_4c00_0000);
        let (w, h) = spec.size;
        for s in &spec.spawns {
            let kind = self.def.registry.kind(&s.kind).unwrap_or(0);
            let mut props = self.def.registry.kinds[kind as usize].props.clone();
            for (name, v) in &s.components {
                if let Some(slot) = self.def.registry.component(name)
                    && let Some(p) = props.iter_mut().find(|(sl, _)| *sl == slot)
                {
                    p.1 = v.to_prop_like(&p.1);
                }
            }
            let mut places: Vec<Position> = (0..s.count)
                .map(|_| match (s.at, s.area) {
                    (Some((x, y)), _) => Position { x, y },
                    (None, Some((x0, y0, x1, y1))) => Position {
                        x: x0 + scatter.next() * (x1 - x0),
                        y: y0 + scatter.next() * (y1 - y0),
                    },
                    (None, None) => Position {
                        x: scatter.next() * w,
                        y: scatter.next() * h,
                    },
                })
                .collect();
            // Neighbours get neighbouring ids and run one after another,
            // so their queries find the spatial index in cache.
            let cell = spec.cell_size;
            places.sort_by_key(|p| (z_order(p.x, p.y, cell), p.x.to_bits(), p.y.to_bits()));
            for pos in places {
                let id = spawn_entity(
                    &mut self.ecs.borrow_mut(),
                    None,
                    kind,
                    pos,
                    Velocity::default(),
                    Some(Props(props.clone())),
                );
                self.start_behaviour(id, kind)?;
            }
        }
        Ok(())
    }

    fn start_behaviour(&mut self, id: u64, kind: u16) -> Result<(), WorldError> {
        let mut vm = self.vm.borrow_mut();
        let func = vm
            .world_link()
            .and_then(|l| l.behaviours.get(kind as usize).copied().flatten());
        if let Some(func) = func {
            vm.start_behaviour(id, func).map_err(|message| WorldError {
                file: self.def.path.clone(),
                line: 0,
                column: 0,
                message: format!("entity {id}: the behaviour did not start: {message}"),
            })?;
        }
        Ok(())
    }

    /// The world's definition.
    pub fn def(&self) -> &WorldDef {
        &self.def
    }

    /// The ECS world (between ticks).
    pub fn ecs(&self) -> &Rc<RefCell<World>> {
        &self.ecs
    }

    /// The script VM (between ticks).
    pub fn vm(&self) -> &Rc<RefCell<Vm>> {
        &self.vm
    }

    /// The tick clock (dilation and tick times).
    pub fn clock(&self) -> &TickClock {
        &self.clock
    }

    /// The last tick that ran (0 before the first).
    pub fn tick_count(&self) -> u64 {
        shoal_engine::tick()
    }

    /// Live entities.
    pub fn entities(&self) -> usize {
        crate::cluster::own_population(&self.ecs.borrow(), None)
    }

    /// Live entities of each kind, by kind name.
    pub fn populations(&self) -> Vec<(String, usize)> {
        let ecs = self.ecs.borrow();
        let index = ecs.resource::<EntityIndex>();
        self.def
            .registry
            .kinds
            .iter()
            .enumerate()
            .map(|(i, k)| {
                let _ = index;
                (
                    k.name.clone(),
                    crate::cluster::own_population(&ecs, Some(i as u16)),
                )
            })
            .collect()
    }

    /// Registers a hook run at the end of every tick (replication).
    pub fn on_tick_end(&mut self, hook: TickHook) {
        self.hooks.push(hook);
    }

    /// Log lines since the last call: `world.log` lines, what behaviours
    /// printed, failures with their tracebacks, snapshots written.
    pub fn take_log(&mut self) -> Vec<String> {
        self.drain_output();
        std::mem::take(&mut self.log)
    }

    fn drain_output(&mut self) {
        let printed = self.output.take_text();
        let tick = shoal_engine::tick();
        for line in printed.lines() {
            self.log.push(format!("[tick {tick}] print: {line}"));
        }
        let lines = self.vm.borrow_mut().take_world_log();
        self.log.extend(lines);
    }

    /// Runs one tick; see the module documentation for its phases.
    pub fn tick(&mut self) -> TickReport {
        let start = Instant::now();
        let switches_before = shoal_engine::switches();
        // 1. Input: no sources yet.
        // 2. Timers.
        let woken = shoal_engine::advance_tick();
        self.enforce_holds();
        let runnable = shoal_engine::runcount().saturating_sub(1);
        let tick = shoal_engine::tick();
        // Behaviours see simulated time: the tick over the tick rate.
        let seconds = tick as f64 / f64::from(self.def.rules.tick_rate);
        self.vm.borrow_mut().set_simulated_time(seconds);
        // 3. Scripts.
        let scripts_start = Instant::now();
        let budget = self.def.spec.script_budget;
        // Round robin: the scheduler runs in slices of a sixteenth of the
        // budget; the tasklet a slice interrupts goes to the back of the
        // queue, so a runaway behaviour gets a slice and every other
        // runnable behaviour still runs this tick.
        let slice = (budget / 16).max(1_000).min(budget);
        let before = self.vm.borrow().instructions;
        let mut budget_spent = false;
        let mut last_victim = None;
        loop {
            let used = self.vm.borrow().instructions - before;
            if used >= budget {
                budget_spent = shoal_engine::runcount() > 1;
                break;
            }
            let opts = RunOptions {
                timeout: slice.min(budget - used),
                soft: false,
                totaltimeout: true,
            };
            match shoal_engine::run_watchdog(opts) {
                Ok(None) => {
                    last_victim = None;
                    break;
                }
                Ok(Some(victim)) => {
                    // Its slice is over: it goes on after the rest
                    // (unless it is held).
                    match self.held.get_mut(&victim.id()) {
                        Some((_, removed)) => *removed = true,
                        None => {
                            let _ = victim.insert();
                        }
                    }
                    self.enforce_holds();
                    last_victim = Some(victim);
                }
                // A tasklet that is no behaviour (made with stackless by
                // a behaviour) raised: log it and go on.
                Err(e) => self
                    .log
                    .push(format!("[tick {tick}] a script tasklet failed: {e}")),
            }
        }
        // The tasklet running when the budget ran out, two ticks running,
        // is named in the log.
        if budget_spent && let Some(victim) = last_victim {
            if self.last_victim == Some(victim) {
                self.warn_runaway(tick, victim);
            }
            self.last_victim = Some(victim);
        } else {
            self.last_victim = None;
        }
        let instructions = self.vm.borrow().instructions - before;
        let failures = self.handle_failures(tick);
        let scripts = scripts_start.elapsed();
        // 4. Simulation.
        let simulation_start = Instant::now();
        {
            let mut ecs = self.ecs.borrow_mut();
            let gone = despawn_marked(&mut ecs);
            self.schedule.run(&mut ecs);
            drop(ecs);
            let mut vm = self.vm.borrow_mut();
            for id in gone {
                vm.forget_entity(id);
            }
        }
        let simulation = simulation_start.elapsed();
        // 5. Replication.
        for hook in &mut self.hooks {
            hook(&mut self.ecs.borrow_mut(), tick);
        }
        self.ecs.borrow_mut().clear_trackers();
        // 6. Persistence.
        if let Some(every) = self.def.spec.snapshot_every
            && tick.is_multiple_of(every)
        {
            let path = self
                .def
                .spec
                .snapshot_path
                .clone()
                .unwrap_or_else(|| format!("{}.snapshot.ron", self.def.spec.name));
            match self.save_to(std::path::Path::new(&path)) {
                Ok(()) => self
                    .log
                    .push(format!("[tick {tick}] snapshot written to {path}")),
                Err(e) => self.log.push(format!("[tick {tick}] snapshot failed: {e}")),
            }
        }
        let work = start.elapsed();
        self.clock.record(work);
        TickReport {
            tick,
            work,
            scripts,
            simulation,
            instructions,
            woken,
            budget_spent,
            failures,
            entities: self.entities(),
            dilation: self.clock.dilation(),
            runnable,
            switches: shoal_engine::switches() - switches_before,
        }
    }

    /// Pauses script tasklet `id` (a debugging aid of the viewer and
    /// console):
    /// it is taken out of the run queue now, and again whenever a timer
    /// or the tick wakes it, until [`Sim::release`]. A tasklet blocked on
    /// a channel stays blocked; if a channel wakes it in the middle of a
    /// tick it may run until the end of that slice. Call between ticks.
    pub fn hold(&mut self, id: u64) -> Result<(), String> {
        if id == 0 {
            return Err("the main tasklet cannot be paused".into());
        }
        let Some(info) = shoal_engine::tasklets().into_iter().find(|t| t.id == id) else {
            return Err(format!("no tasklet {id}"));
        };
        // Native tasklets (connections, listeners) run between ticks,
        // woken by the reactor, where no hold is enforced.
        if info.kind != shoal_engine::TaskletKind::Soft {
            return Err(format!(
                "tasklet {id} is a native tasklet: only script tasklets can be paused"
            ));
        }
        let t = info.tasklet;
        self.held.entry(id).or_insert((t, false));
        self.enforce_holds();
        Ok(())
    }

    /// Lets tasklet `id`, paused by [`Sim::hold`], run again: it goes
    /// back in the run queue unless it still waits on something. False if
    /// it was not held.
    pub fn release(&mut self, id: u64) -> bool {
        let Some((t, removed)) = self.held.remove(&id) else {
            return false;
        };
        // Back in the queue only if the hold took it out and nothing
        // since has made it wait (or put it back).
        let paused = shoal_engine::tasklets()
            .into_iter()
            .any(|i| i.id == id && i.state == shoal_engine::TaskletState::Paused);
        if removed && paused {
            let _ = t.insert();
        }
        true
    }

    /// Runs `f` (a save) with the tasklets a hold took out of the run
    /// queue put back in it: holds belong to a viewing session, and a
    /// snapshot must not keep a behaviour out of the queue for good.
    pub(crate) fn holds_lifted<R>(&self, f: impl FnOnce() -> R) -> R {
        if self.held.is_empty() {
            return f();
        }
        let paused: std::collections::BTreeSet<u64> = shoal_engine::tasklets()
            .into_iter()
            .filter(|i| i.state == shoal_engine::TaskletState::Paused)
            .map(|i| i.id)
            .collect();
        let lifted: Vec<shoal_engine::Tasklet> = self
            .held
            .iter()
            .filter(|(id, (_, removed))| *removed && paused.contains(id))
            .map(|(_, (t, _))| *t)
            .filter(|t| t.insert().is_ok())
            .collect();
        let r = f();
        for t in lifted {
            let _ = t.remove();
        }
        r
    }

    /// The ids of the held tasklets.
    pub fn held(&self) -> std::collections::BTreeSet<u64> {
        self.held.keys().copied().collect()
    }

    /// Takes held tasklets that woke out of the run queue; forgets dead
    /// ones.
    fn enforce_holds(&mut self) {
        if self.held.is_empty() {
            return;
        }
        self.held.retain(|_, (t, _)| t.alive());
        for (t, removed) in self.held.values_mut() {
            if t.scheduled() && !t.blocked() && t.remove().is_ok() {
                *removed = true;
            }
        }
    }

    /// A behaviour was interrupted by the end of the budget two ticks
    /// running: most likely a loop that never sleeps. Said once per
    /// entity.
    fn warn_runaway(&mut self, tick: u64, victim: shoal_engine::Tasklet) {
        let Some(entity) = self.vm.borrow().entity_of(victim) else {
            return;
        };
        self.drain_output();
        if self.warned_runaway.len() < MAX_REMEMBERED_ERRORS && self.warned_runaway.insert(entity) {
            self.log.push(format!(
                "[tick {tick}] entity {entity}: its behaviour ran out the tick's script budget \
                 two ticks running (a loop that never sleeps?); it gets a slice of each tick and \
                 the others still run"
            ));
        }
    }

    /// Logs behaviours that raised and applies the world's policy.
    fn handle_failures(&mut self, tick: u64) -> usize {
        let failures = self.vm.borrow_mut().take_world_failures();
        let n = failures.len();
        for f in failures {
            let kind = {
                let ecs = self.ecs.borrow();
                let index = ecs.resource::<EntityIndex>();
                index
                    .get(f.entity)
                    .and_then(|e| ecs.get::<shoal_engine::game::Kind>(e))
                    .map(|k| k.0)
            };
            let kind_name = kind.map_or("?".to_string(), |k| {
                self.def.registry.kind_name(k).to_string()
            });
            // Distinct tracebacks are remembered up to a bound; beyond it
            // a new one is reported as a repeat (its last line only).
            let full =
                self.seen.len() >= MAX_REMEMBERED_ERRORS && !self.seen.contains_key(&f.traceback);
            let seen = if full {
                &mut self.overflow_seen
            } else {
                self.seen.entry(f.traceback.clone()).or_insert(0)
            };
            *seen += 1;
            if *seen == 1 {
                self.log.push(format!(
                    "[tick {tick}] {kind_name} {}: behaviour raised:\n{}",
                    f.entity, f.traceback
                ));
            } else if seen.is_power_of_two() {
                let last = f.traceback.lines().last().unwrap_or("").to_string();
                self.log.push(format!(
                    "[tick {tick}] {kind_name} {}: behaviour raised {last} (the same error {} times so far)",
                    f.entity, seen
                ));
            }
            let Some(kind) = kind else { continue };
            let alive = live_entity(&self.ecs.borrow(), f.entity).is_some();
            if !alive {
                continue;
            }
            match self.def.spec.on_error {
                ErrorPolicy::Restart => {
                    if let Err(e) = self.start_behaviour(f.entity, kind) {
                        self.log.push(format!("[tick {tick}] {e}"));
                    }
                }
                ErrorPolicy::Despawn => {
                    mark_despawned(&mut self.ecs.borrow_mut(), f.entity);
                }
            }
        }
        self.drain_output();
        n
    }

    /// A hash of the whole world state: the tick, every entity's
    /// components, the random generator, and how many tasklets are
    /// alive, runnable, blocked and asleep. The hash is specified
    /// ([`shoal_engine::game::StableHasher`]): the same world gives the
    /// same number on every machine and build.
    pub fn state_hash(&self) -> u64 {
        let mut h = shoal_engine::game::StableHasher::new();
        shoal_engine::tick().hash(&mut h);
        shoal_engine::game::state_hash(&mut self.ecs.borrow_mut(), &mut h);
        self.vm.borrow().random_fingerprint().hash(&mut h);
        let stats = shoal_engine::stats();
        for n in [
            stats.tasklets,
            stats.runnable,
            stats.blocked,
            stats.sleeping,
        ] {
            (n as u64).hash(&mut h);
        }
        h.finish()
    }

    // ---- the host's hands in the world (the server's players) ------------

    /// Spawns an entity of the kind named `kind` at (`x`, `y`) (kept
    /// inside the world) and starts its behaviour; returns its id. Call
    /// between ticks.
    pub fn spawn(&mut self, kind: &str, x: f64, y: f64) -> Result<u64, String> {
        let Some(k) = self.def.registry.kind(kind) else {
            return Err(format!("the world has no kind '{kind}'"));
        };
        let (x, y) = self.def.rules.fit(x, y);
        // It joins the spatial index at the next tick's rebuild.
        let id = spawn_entity(
            &mut self.ecs.borrow_mut(),
            None,
            k,
            Position { x, y },
            Velocity::default(),
            None,
        );
        self.start_behaviour(id, k).map_err(|e| e.message)?;
        if self.host_priority != 0 {
            self.set_priority(id, self.host_priority);
        }
        Ok(id)
    }

    /// Gives the tasklets the host starts from now on (avatars spawned
    /// with [`Sim::spawn`], inputs posted with [`Sim::post`]) the priority
    /// `level`: above the behaviours' 0, a tick under load runs them
    /// first, so players are served before creatures.
    pub fn set_host_priority(&mut self, level: i32) {
        self.host_priority = level;
    }

    /// The priority level of the tasklets the host starts.
    pub fn host_priority(&self) -> i32 {
        self.host_priority
    }

    /// The tasklet running entity `id`'s behaviour, if it has one alive.
    fn behaviour_tasklet(&self, id: u64) -> Option<shoal_engine::Tasklet> {
        let vm = self.vm.borrow();
        vm.owned_tasklets()
            .into_iter()
            .find(|(owner, _)| *owner == id)
            .and_then(|(_, t)| vm.tasklet_handle(t))
    }

    /// Sets the priority level of entity `id`'s behaviour; false if it has
    /// none running.
    pub fn set_priority(&mut self, id: u64, level: i32) -> bool {
        match self.behaviour_tasklet(id) {
            Some(t) => {
                t.set_priority(level);
                true
            }
            None => false,
        }
    }

    /// Leaves `message` in entity `id`'s inbox (`world.post`), as a short
    /// script tasklet that runs in the next tick's scripts phase.
    pub fn post(
        &mut self,
        id: u64,
        message: &shoal_scripting::host::HostValue,
    ) -> Result<(), String> {
        let here = {
            let ecs = self.ecs.borrow();
            live_entity(&ecs, id).is_some_and(|e| ecs.get::<crate::cluster::Ghost>(e).is_none())
        };
        let clustered = self
            .vm
            .borrow_mut()
            .world_link()
            .is_some_and(|l| l.clustered);
        if !here && clustered {
            // Another zone's: the cluster routes it (a player's avatar
            // that walked into the next zone gets its inputs there).
            let mut vm = self.vm.borrow_mut();
            let msg = vm.from_host(message)?;
            let message = vm.pickle_value(msg)?;
            if let Some(l) = vm.world_link() {
                l.remote_posts.push(crate::world_api::RemotePost {
                    from: crate::world_api::HOST,
                    to: id,
                    message,
                });
            }
            return Ok(());
        }
        if !here {
            return Err(format!("entity {id} does not exist"));
        }
        let mut vm = self.vm.borrow_mut();
        let Some(post) = vm.module_attr("world", "post") else {
            return Err("the world module is not loaded".into());
        };
        let msg = vm.from_host(message)?;
        let tasklet = vm
            .start_tasklet(
                post,
                vec![shoal_scripting::value::Value::Int(id as i64), msg],
                None,
            )
            .map_err(|e| vm.format_exception(e).trim_end().to_string())?;
        if let Some(t) = vm.tasklet_handle(tasklet) {
            if self.host_priority != 0 {
                t.set_priority(self.host_priority);
            }
            self.pending_posts.push((id, t));
        }
        Ok(())
    }

    /// Notes a host post to `id` carried by tasklet `t` (see
    /// [`Sim::has_pending_posts`]).
    pub(crate) fn note_pending_post(&mut self, id: u64, t: shoal_engine::Tasklet) {
        self.pending_posts.push((id, t));
    }

    /// Whether a post the host made to entity `id` has not reached its
    /// mailbox yet (its tasklet runs in the next tick).
    pub fn has_pending_posts(&mut self, id: u64) -> bool {
        self.pending_posts.retain(|(_, t)| t.alive());
        self.pending_posts.iter().any(|(e, _)| *e == id)
    }

    /// Removes entity `id` and ends its behaviour (between ticks). False
    /// if it was gone already, or is another zone's (a ghost).
    pub fn despawn(&mut self, id: u64) -> bool {
        // Another zone's entity (a ghost) is not this world's to remove.
        let ghost = {
            let ecs = self.ecs.borrow();
            live_entity(&ecs, id).is_some_and(|e| ecs.get::<crate::cluster::Ghost>(e).is_some())
        };
        if ghost || !mark_despawned(&mut self.ecs.borrow_mut(), id) {
            return false;
        }
        if let Some(t) = self.behaviour_tasklet(id) {
            let _ = t.kill(true);
        }
        true
    }

    /// The position of entity `id`, if it is live.
    pub fn position(&self, id: u64) -> Option<(f64, f64)> {
        let ecs = self.ecs.borrow();
        let e = live_entity(&ecs, id)?;
        ecs.get::<Position>(e).map(|p| (p.x, p.y))
    }

    /// Entities within `radius` of (`x`, `y`), as (id, kind, x, y) in id
    /// order (as of the last tick's spatial index).
    pub fn entities_near(&self, x: f64, y: f64, radius: f64, out: &mut Vec<(u64, u16, f64, f64)>) {
        out.clear();
        let ecs = self.ecs.borrow();
        let mut found = Vec::new();
        ecs.resource::<shoal_engine::game::SpatialIndex>()
            .query(x, y, radius, None, None, &mut found);
        for (_, id) in found {
            if let Some(e) = live_entity(&ecs, id)
                && let (Some(p), Some(k)) = (
                    ecs.get::<Position>(e),
                    ecs.get::<shoal_engine::game::Kind>(e),
                )
            {
                out.push((id, k.0, p.x, p.y));
            }
        }
        out.sort_unstable_by_key(|e| e.0);
    }

    /// A world whose script side comes from a snapshot, its behaviours
    /// found again by name (the caller adds the entities).
    pub(crate) fn from_parts_loaded(
        def: WorldDef,
        embedded: Rc<[(String, String)]>,
        scripts: shoal_scripting::stackless::LoadedWorld,
        dilation: f64,
    ) -> Result<Sim, WorldError> {
        let sim = Sim::assemble(def, &embedded, Some(scripts), dilation)?;
        // The loaded VM has the modules: find the behaviours again.
        let mut behaviours = Vec::new();
        {
            let mut vm = sim.vm.borrow_mut();
            for kind in &sim.def.registry.kinds {
                behaviours.push(
                    kind.behaviour
                        .as_ref()
                        .and_then(|b| vm.module_function(&module_name(&b.script), &b.function)),
                );
            }
            if let Some(link) = vm.world_link() {
                link.behaviours = behaviours;
            }
        }
        Ok(sim)
    }
}

/// The module a behaviour script loads as: its file's stem.
pub(crate) fn module_name(script: &str) -> String {
    std::path::Path::new(script)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| script.to_string())
}
