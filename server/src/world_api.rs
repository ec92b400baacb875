//! The `world` module: what an entity's behaviour script sees of the game
//! world.
//!
//! A behaviour is a script function run as a tasklet with its entity's
//! id as argument. While the tick's script phase runs, the VM holds the
//! bevy `World` ([`WorldLink`]); a `world` call reads or writes the ECS
//! directly (cooperative scheduling gives the running tasklet exclusive
//! access). Entities are named by their stable ids (ints).
//!
//! | call | does |
//! |---|---|
//! | `me()` | the running behaviour's entity |
//! | `tick()` | the current tick |
//! | `size()` | the world's (width, height) |
//! | `position(e=me)`, `set_position(x, y, e=me)` | where an entity is |
//! | `velocity(e=me)`, `set_velocity(vx, vy, e=me)` | units per second |
//! | `steer(x, y, speed, e=me)` | velocity toward a point at a speed (away if negative) |
//! | `distance(a, b=me)` | between two entities (wrapping on a torus) |
//! | `get(name, e=me)`, `set(name, value, e=me)` | registered data components |
//! | `kind(e=me)`, `alive(e)` | an entity's kind name; whether it lives |
//! | `neighbours(radius, kind=None, limit=None)` | ids nearest first (spatial index) |
//! | `nearest(radius, kind=None)`, `count(radius, kind=None)` | the nearest id or None; how many |
//! | `population(kind=None)` | live entities (of a kind) |
//! | `spawn(kind, x, y, **components)` | a new entity (its behaviour starts) |
//! | `despawn(e=me)` | removes an entity and ends its behaviour |
//! | `sleep(ticks=1)` | waits for ticks |
//! | `inbox(e=me)`, `post(e, msg)`, `receive(timeout=None)`, `messages()` | mailboxes |
//! | `random()`, `uniform(a, b)`, `randint(a, b)`, `choice(seq)` | the world's seeded generator |
//! | `log(*args)` | a line in the world's log, tagged with tick and entity |
//!
//! Neighbour queries see positions as they were at the end of the last
//! tick's simulation phase (the spatial index is rebuilt once a tick), so
//! every behaviour of a tick sees the same world, whatever the order.
//!
//! The module is a native module of the script VM ([`module`], registered
//! by [`crate::sim`] on every world's VM before anything loads); its state
//! is the VM's [`WorldLink`] module state. A behaviour is a script
//! tasklet whose owner tag is its entity; the server's side of it is the
//! [`WorldVm`] trait.

use std::cell::RefCell;
use std::rc::Rc;

use bevy_ecs::world::World;
use shoal_engine::game::{
    EntityIndex, Position, PropValue, Props, Registry, SpatialIndex, Velocity, WorldRules,
    kind_name_of,
};

use shoal_scripting::heap::Obj;
use shoal_scripting::module::{
    Kwargs, ModuleState, Native, NativeModule, NativeResult as BResult, TaskletEnd, arity, kwarg,
    new_list, new_str, new_tuple, none, ok, str_content, str_of, type_err, type_name,
};
use shoal_scripting::stackless::HostOp;
use shoal_scripting::value::{Key, ObjId, Value};
use shoal_scripting::vm::{Exc, Vm};

/// The file name tracebacks give the module's script part.
pub(crate) const PRELUDE_FILE: &str = "<world>";

/// The script part of the `world` module: mailboxes and the seeded
/// generator.
pub(crate) const PRELUDE: &str = r#"
import stackless as _stackless
import random as _random

random = _random.random
uniform = _random.uniform
randint = _random.randint
choice = _random.choice


class Inbox:
    """An entity's mailbox: post() never blocks; receive() waits for a
    message (at most `timeout` ticks, then returns None)."""

    def __init__(self):
        self.queue = []
        self.channel = _stackless.channel()
        # A post to a waiting receiver wakes it but lets the sender go on.
        self.channel.preference = 1

    def post(self, message):
        if self.channel.balance < 0:
            self.channel.send(message)
        else:
            self.queue.append(message)

    def receive(self, timeout=None):
        if self.queue:
            return self.queue.pop(0)
        if timeout is None:
            return self.channel.receive()
        for _ in range(timeout):
            sleep(1)
            if self.queue:
                return self.queue.pop(0)
        return None

    def drain(self):
        out = self.queue
        self.queue = []
        return out

    def __len__(self):
        return len(self.queue)


_inboxes = {}


def inbox(e=None):
    """The mailbox of entity `e` (default: this one)."""
    if e is None:
        e = me()
    box = _inboxes.get(e)
    if box is None:
        if not alive(e):
            raise LookupError(f"entity {e} does not exist")
        box = Inbox()
        _inboxes[e] = box
    return box


def post(e, message):
    """Leaves `message` in entity `e`'s mailbox (never blocks). In a
    cluster, a post to an entity another zone owns goes there."""
    if _route(e, message):
        return
    inbox(e).post(message)
    _note_post(e)


def _deliver(e, message):
    # A post that came from another zone.
    inbox(e).post(message)


def receive(timeout=None):
    """The next message for this entity; waits for one (at most
    `timeout` ticks, then None)."""
    return inbox().receive(timeout)


def messages():
    """Every message waiting for this entity (a list, maybe empty)."""
    return inbox().drain()


def despawn(e=None):
    """Removes entity `e` (default: this one) and ends its behaviour."""
    if e is None:
        e = me()
    _inboxes.pop(e, None)
    _despawn(e)
"#;

/// The `world` module, for [`Vm::register_module`].
pub fn module() -> NativeModule {
    NativeModule::new("world")
        .function("me", w_me)
        .function("tick", w_tick)
        .function("size", w_size)
        .function("position", w_position)
        .function("set_position", w_set_position)
        .function("velocity", w_velocity)
        .function("set_velocity", w_set_velocity)
        .function("steer", w_steer)
        .function("distance", w_distance)
        .function("kind", w_kind)
        .function("alive", w_alive)
        .function("get", w_get)
        .function("set", w_set)
        .function("neighbours", w_neighbours)
        .function("nearest", w_nearest)
        .function("count", w_count)
        .function("population", w_population)
        .function("spawn", w_spawn)
        .function("sleep", w_sleep)
        .function("log", w_log)
        .function("_despawn", w_despawn)
        .function("_note_post", w_note_post)
        .function("_route", w_route)
        .prelude(PRELUDE_FILE, PRELUDE)
        .on_tasklet_end(behaviour_ended)
}

/// The game world a VM's behaviours run in: the `world` module's state
/// in the VM (see [`WorldVm::attach_world`]).
pub struct WorldLink {
    /// The ECS world (borrowed by each `world` call).
    pub ecs: Rc<RefCell<World>>,
    /// The behaviour function of each kind (by kind index).
    pub behaviours: Vec<Option<Value>>,
    /// Behaviour tasklet objects by entity.
    pub(crate) tasks: std::collections::HashMap<u64, ObjId>,
    /// Behaviours that raised since the last
    /// [`WorldVm::take_world_failures`].
    failures: Vec<BehaviourFailure>,
    /// Lines written by `world.log` since the last
    /// [`WorldVm::take_world_log`].
    log: Vec<String>,
    /// Query results (kept for the allocation).
    scratch: Vec<(f64, u64)>,
    /// Who posted to whom: (sender, receiver) to how many posts and the
    /// last tick (the sender is [`HOST`] for the host); bounded by
    /// [`MAX_TALKS`].
    talks: std::collections::HashMap<(u64, u64), Talk>,
    /// Whether this world is a zone of a cluster: posts to entities it
    /// does not own go to [`WorldLink::remote_posts`].
    pub clustered: bool,
    /// Posts to entities of other zones since the cluster last took them.
    pub remote_posts: Vec<RemotePost>,
}

/// A post to an entity this zone does not own (a ghost, or one it does
/// not hold): its sender (an entity, or [`HOST`]), receiver and message
/// (pickled).
#[derive(Debug, Clone, PartialEq)]
pub struct RemotePost {
    /// The sender.
    pub from: u64,
    /// The receiver.
    pub to: u64,
    /// The message, as `pickle.dumps` wrote it.
    pub message: String,
}

/// The most posts to other zones a world queues between two ticks; a
/// post beyond raises (the cluster is not keeping up).
pub const MAX_REMOTE_POSTS: usize = 100_000;

/// The largest message (pickled) a post to another zone may carry.
pub const MAX_REMOTE_POST_BYTES: usize = 512 * 1024;

/// The sender of posts made by the host (the server posting a player's
/// inputs, the admin console), not by an entity's behaviour.
pub const HOST: u64 = u64::MAX;

/// The most (sender, receiver) pairs a world remembers; beyond, pairs
/// not heard from in [`TALK_MEMORY`] ticks are forgotten, and if that is
/// not enough, all of them.
pub const MAX_TALKS: usize = 65_536;

/// How many ticks a quiet (sender, receiver) pair is remembered when the
/// table is full.
pub const TALK_MEMORY: u64 = 200;

/// Posts from one entity to another ([`WorldLink::talks_of`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Talk {
    /// How many posts.
    pub count: u64,
    /// The tick of the last one.
    pub last_tick: u64,
}

/// A behaviour that raised: its entity and the traceback.
#[derive(Debug, Clone, PartialEq)]
pub struct BehaviourFailure {
    /// The entity.
    pub entity: u64,
    /// The traceback, as Python prints it.
    pub traceback: String,
}

impl WorldLink {
    /// A link to `ecs`, with no behaviours registered yet.
    pub fn new(ecs: Rc<RefCell<World>>) -> WorldLink {
        WorldLink {
            ecs,
            behaviours: Vec::new(),
            tasks: Default::default(),
            failures: Vec::new(),
            log: Vec::new(),
            scratch: Vec::new(),
            talks: Default::default(),
            clustered: false,
            remote_posts: Vec::new(),
        }
    }

    /// Every remembered post to or from `entity`: (sender, receiver,
    /// posts), the sender [`HOST`] for the host (the server, a player's
    /// connection); most recent first.
    pub fn talks_of(&self, entity: u64) -> Vec<(u64, u64, Talk)> {
        let mut out: Vec<(u64, u64, Talk)> = self
            .talks
            .iter()
            .filter(|((from, to), _)| *from == entity || *to == entity)
            .map(|(&(from, to), t)| (from, to, *t))
            .collect();
        out.sort_by_key(|(from, to, t)| (std::cmp::Reverse(t.last_tick), *from, *to));
        out
    }

    fn note_post(&mut self, from: u64, to: u64, tick: u64) {
        if self.talks.len() >= MAX_TALKS && !self.talks.contains_key(&(from, to)) {
            self.talks.retain(|_, t| t.last_tick + TALK_MEMORY >= tick);
            if self.talks.len() >= MAX_TALKS {
                self.talks.clear();
            }
        }
        let t = self.talks.entry((from, to)).or_insert(Talk {
            count: 0,
            last_tick: tick,
        });
        t.count += 1;
        t.last_tick = tick;
    }
}

impl ModuleState for WorldLink {
    /// The behaviour functions.
    fn roots(&self, roots: &mut Vec<Value>) {
        roots.extend(self.behaviours.iter().flatten().copied());
    }
}

/// The server's side of a VM with a world.
pub trait WorldVm {
    /// Gives the VM a game world: `import world` works from now on (the
    /// module must be registered: see [`module`]).
    fn attach_world(&mut self, link: WorldLink);
    /// The attached world link.
    fn world_link(&mut self) -> Option<&mut WorldLink>;
    /// Behaviours that raised since the last call.
    fn take_world_failures(&mut self) -> Vec<BehaviourFailure>;
    /// `world.log` lines since the last call.
    fn take_world_log(&mut self) -> Vec<String>;
    /// The entity whose behaviour the engine tasklet `t` runs.
    fn entity_of(&self, t: shoal_engine::Tasklet) -> Option<u64>;
    /// Whether entity `entity` has a live behaviour tasklet.
    fn has_behaviour(&self, entity: u64) -> bool;
    /// Starts `func(entity)` as the entity's behaviour tasklet (appended
    /// to the run queue).
    fn start_behaviour(&mut self, entity: u64, func: Value) -> Result<(), String>;
    /// Forgets what the script side keeps for a despawned entity: its
    /// behaviour's entry and its inbox.
    fn forget_entity(&mut self, entity: u64);
}

impl WorldVm for Vm {
    fn attach_world(&mut self, link: WorldLink) {
        self.set_module_state(link);
        index_behaviours(self);
    }

    fn world_link(&mut self) -> Option<&mut WorldLink> {
        self.module_state_mut::<WorldLink>()
    }

    fn take_world_failures(&mut self) -> Vec<BehaviourFailure> {
        self.world_link()
            .map(|w| std::mem::take(&mut w.failures))
            .unwrap_or_default()
    }

    fn take_world_log(&mut self) -> Vec<String> {
        self.world_link()
            .map(|w| std::mem::take(&mut w.log))
            .unwrap_or_default()
    }

    fn entity_of(&self, t: shoal_engine::Tasklet) -> Option<u64> {
        self.owner_of(t)
    }

    fn has_behaviour(&self, entity: u64) -> bool {
        let Some(w) = self.module_state::<WorldLink>() else {
            return false;
        };
        w.tasks
            .get(&entity)
            .is_some_and(|id| self.tasklet_handle(*id).is_some_and(|h| h.alive()))
    }

    fn start_behaviour(&mut self, entity: u64, func: Value) -> Result<(), String> {
        start_behaviour_exc(self, entity, func)
            .map_err(|e| self.format_exception(e).trim_end().to_string())
    }

    fn forget_entity(&mut self, entity: u64) {
        if let Some(w) = self.world_link() {
            w.tasks.remove(&entity);
        }
        if let Some(Value::Obj(d)) = self.module_attr("world", "_inboxes")
            && let Obj::Dict(dict) = self.heap.get_mut(d)
        {
            dict.shift_remove(&Key::Int(entity as i64));
        }
    }
}

fn start_behaviour_exc(vm: &mut Vm, entity: u64, func: Value) -> Result<(), Exc> {
    let id = vm.start_owned_tasklet(func, vec![Value::Int(entity as i64)], entity)?;
    if let Some(w) = vm.world_link() {
        w.tasks.insert(entity, id);
    }
    Ok(())
}

/// A behaviour's tasklet ended (the module's `on_tasklet_end` hook),
/// raising an exception or not: a failure is recorded with its traceback
/// unless it is `TaskletExit`. True if the world took it.
fn behaviour_ended(vm: &mut Vm, end: &TaskletEnd) -> bool {
    if vm.world_link().is_none() {
        return false;
    }
    let (entity, object) = (end.owner, end.tasklet);
    let traceback = match end.exception {
        Some(exc) if type_name(vm, exc) != "TaskletExit" => {
            Some(vm.format_exception(exc).trim_end().to_string())
        }
        _ => None,
    };
    let Some(w) = vm.world_link() else {
        return false;
    };
    // The entity has no behaviour any more (unless a new one was
    // started meanwhile).
    if object.is_some() && w.tasks.get(&entity).copied() == object {
        w.tasks.remove(&entity);
    }
    if let Some(traceback) = traceback {
        w.failures.push(BehaviourFailure { entity, traceback });
    }
    true
}

/// Rebuilds the entity-to-tasklet table from the tasklet objects (after
/// a world is loaded).
fn index_behaviours(vm: &mut Vm) {
    let tasks = vm.owned_tasklets().into_iter().collect();
    if let Some(w) = vm.world_link() {
        w.tasks = tasks;
    }
}

// ---- helpers ------------------------------------------------------------------

fn link(vm: &mut Vm) -> Result<Rc<RefCell<World>>, Exc> {
    match vm.module_state::<WorldLink>() {
        Some(w) => Ok(w.ecs.clone()),
        None => Err(vm.error(
            "RuntimeError",
            "the world module works only inside a running world",
        )),
    }
}

/// The running behaviour's entity.
fn me(vm: &mut Vm) -> Result<u64, Exc> {
    match vm.current_owner() {
        Some(e) => Ok(e),
        None => Err(vm.error(
            "RuntimeError",
            "no current entity: this is not a behaviour's tasklet",
        )),
    }
}

/// An entity argument: an int, or None/missing for the running entity.
fn entity_arg(vm: &mut Vm, v: Option<Value>) -> Result<u64, Exc> {
    match v {
        None | Some(Value::None) => me(vm),
        Some(Value::Int(i)) if i >= 0 => Ok(i as u64),
        Some(other) => {
            let t = type_name(vm, other);
            Err(type_err(
                vm,
                format!("an entity is named by its id (a non-negative int), not {t}"),
            ))
        }
    }
}

/// Positional argument `i`, else keyword `name`.
fn arg(args: &[Value], kwargs: &Kwargs, i: usize, name: &str) -> Option<Value> {
    args.get(i).copied().or_else(|| kwarg(kwargs, name))
}

fn float(vm: &mut Vm, v: Option<Value>, what: &str) -> Result<f64, Exc> {
    let x = match v {
        Some(Value::Int(i)) => i as f64,
        Some(Value::Float(x)) => x,
        Some(other) => {
            let t = type_name(vm, other);
            return Err(type_err(vm, format!("{what} must be a number, not {t}")));
        }
        None => return Err(type_err(vm, format!("missing argument: {what}"))),
    };
    if !x.is_finite() {
        return Err(vm.error("ValueError", format!("{what} must be finite, not {x}")));
    }
    Ok(x)
}

/// The bevy entity of `id`, if it is alive.
fn find(w: &World, id: u64) -> Option<bevy_ecs::entity::Entity> {
    shoal_engine::game::live_entity(w, id)
}

/// The position of the live entity `id`.
fn centre(w: &World, id: u64) -> Option<Position> {
    find(w, id).map(|e| w.get::<Position>(e).copied().unwrap_or_default())
}

fn no_component(vm: &mut Vm, id: u64, kind: &str, name: &str) -> Exc {
    vm.error(
        "LookupError",
        format!("entity {id} ({kind}) has no component '{name}'"),
    )
}

fn gone(vm: &mut Vm, id: u64) -> Exc {
    vm.error("LookupError", format!("entity {id} does not exist"))
}

/// Runs `f` on the live entity `id`.
fn with_entity<T>(
    vm: &mut Vm,
    id: u64,
    f: impl FnOnce(&mut World, bevy_ecs::entity::Entity) -> T,
) -> Result<T, Exc> {
    let ecs = link(vm)?;
    let mut w = ecs.borrow_mut();
    match find(&w, id) {
        Some(e) => Ok(f(&mut w, e)),
        None => {
            drop(w);
            Err(gone(vm, id))
        }
    }
}

/// The error for a write to a ghost: an entity another zone owns,
/// mirrored here read-only.
fn read_only(vm: &mut Vm, id: u64) -> Exc {
    vm.error(
        "RuntimeError",
        format!(
            "entity {id} belongs to another zone (this is its read-only ghost): \
             post to it instead of changing it"
        ),
    )
}

/// Runs `f` on the live entity `id`, which must be this zone's own (not
/// a ghost): the calls that change an entity.
fn with_own_entity<T>(
    vm: &mut Vm,
    id: u64,
    f: impl FnOnce(&mut World, bevy_ecs::entity::Entity) -> T,
) -> Result<T, Exc> {
    let ecs = link(vm)?;
    let ghost = {
        let w = ecs.borrow();
        find(&w, id).is_some_and(|e| w.get::<crate::cluster::Ghost>(e).is_some())
    };
    if ghost {
        return Err(read_only(vm, id));
    }
    with_entity(vm, id, f)
}

fn kind_index(vm: &mut Vm, w: &World, name: Value) -> Result<u16, Exc> {
    let Some(n) = str_content(vm, name) else {
        let t = type_name(vm, name);
        return Err(type_err(vm, format!("a kind is named by a str, not {t}")));
    };
    let registry = w.resource::<Registry>();
    match registry.kind(&n) {
        Some(k) => Ok(k),
        None => {
            let names = registry.kinds.iter().map(|k| k.name.as_str());
            let hint = shoal_scripting::name_hint(&n, names, "kinds", "");
            Err(vm.error("ValueError", format!("no kind named '{n}'{hint}")))
        }
    }
}

/// An optional kind filter (`kind=None` means any).
fn kind_filter(vm: &mut Vm, w: &World, v: Option<Value>) -> Result<Option<u16>, Exc> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(name) => kind_index(vm, w, name).map(Some),
    }
}

fn component_slot(vm: &mut Vm, w: &World, name: Value) -> Result<(u16, Rc<str>), Exc> {
    let Some(n) = str_content(vm, name) else {
        let t = type_name(vm, name);
        return Err(type_err(
            vm,
            format!("a component is named by a str, not {t}"),
        ));
    };
    let registry = w.resource::<Registry>();
    match registry.component(&n) {
        Some(slot) => Ok((slot, n)),
        None => {
            let names = registry.components.iter().map(|c| c.0.as_str());
            let hint =
                shoal_scripting::name_hint(&n, names, "components", " (this world registers none)");
            Err(vm.error("LookupError", format!("no component named '{n}'{hint}")))
        }
    }
}

fn prop_to_value(vm: &mut Vm, p: &PropValue) -> Value {
    match p {
        PropValue::Int(i) => Value::Int(*i),
        PropValue::Float(x) => Value::Float(*x),
        PropValue::Bool(b) => Value::Bool(*b),
        PropValue::Str(s) => new_str(vm, s),
    }
}

/// `v` as a value of the same type as `like` (ints widen to floats).
fn value_to_prop(vm: &mut Vm, v: Value, like: &PropValue, name: &str) -> Result<PropValue, Exc> {
    let p = match (like, v) {
        (PropValue::Int(_), Value::Int(i)) => PropValue::Int(i),
        (PropValue::Float(_), Value::Int(i)) => PropValue::Float(i as f64),
        (PropValue::Float(_), Value::Float(x)) if x.is_finite() => PropValue::Float(x),
        (PropValue::Bool(_), Value::Bool(b)) => PropValue::Bool(b),
        (PropValue::Str(_), v) if str_content(vm, v).is_some() => {
            PropValue::Str(str_content(vm, v).unwrap_or_default().to_string())
        }
        _ => {
            let t = type_name(vm, v);
            return Err(type_err(
                vm,
                format!(
                    "component '{name}' holds {} values, not {t}",
                    like.type_name()
                ),
            ));
        }
    };
    Ok(p)
}

fn pair(vm: &mut Vm, a: f64, b: f64) -> Value {
    new_tuple(vm, vec![Value::Float(a), Value::Float(b)])
}

// ---- the functions ------------------------------------------------------------------

pub(crate) fn w_me(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "me", &args, 0, 0)?;
    ok(Value::Int(me(vm)? as i64))
}

pub(crate) fn w_tick(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "tick", &args, 0, 0)?;
    link(vm)?;
    ok(Value::Int(shoal_engine::tick() as i64))
}

pub(crate) fn w_size(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "size", &args, 0, 0)?;
    let ecs = link(vm)?;
    let (w, h) = {
        let r = ecs.borrow();
        let rules = r.resource::<WorldRules>();
        (rules.width, rules.height)
    };
    ok(pair(vm, w, h))
}

pub(crate) fn w_position(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "position", &args, 0, 1)?;
    let id = entity_arg(vm, arg(&args, &kw, 0, "e"))?;
    let p = with_entity(vm, id, |w, e| w.get::<Position>(e).copied())?.unwrap_or_default();
    ok(pair(vm, p.x, p.y))
}

pub(crate) fn w_velocity(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "velocity", &args, 0, 1)?;
    let id = entity_arg(vm, arg(&args, &kw, 0, "e"))?;
    let v = with_entity(vm, id, |w, e| w.get::<Velocity>(e).copied())?.unwrap_or_default();
    ok(pair(vm, v.x, v.y))
}

pub(crate) fn w_set_position(
    vm: &mut Vm,
    _: Option<Value>,
    args: Vec<Value>,
    kw: Kwargs,
) -> BResult {
    arity(vm, "set_position", &args, 2, 3)?;
    let x = float(vm, arg(&args, &kw, 0, "x"), "x")?;
    let y = float(vm, arg(&args, &kw, 1, "y"), "y")?;
    let id = entity_arg(vm, arg(&args, &kw, 2, "e"))?;
    with_own_entity(vm, id, |w, e| {
        let (x, y) = w.resource::<WorldRules>().fit(x, y);
        if let Some(mut p) = w.get_mut::<Position>(e) {
            *p = Position { x, y };
        }
    })?;
    none()
}

pub(crate) fn w_set_velocity(
    vm: &mut Vm,
    _: Option<Value>,
    args: Vec<Value>,
    kw: Kwargs,
) -> BResult {
    arity(vm, "set_velocity", &args, 2, 3)?;
    let x = float(vm, arg(&args, &kw, 0, "vx"), "vx")?;
    let y = float(vm, arg(&args, &kw, 1, "vy"), "vy")?;
    let id = entity_arg(vm, arg(&args, &kw, 2, "e"))?;
    with_own_entity(vm, id, |w, e| {
        if let Some(mut v) = w.get_mut::<Velocity>(e) {
            *v = Velocity { x, y };
        }
    })?;
    none()
}

/// The shortest offset from `a` to `b` (across the edges on a torus).
fn offset(rules: &WorldRules, a: Position, b: Position) -> (f64, f64) {
    let (mut dx, mut dy) = (b.x - a.x, b.y - a.y);
    if rules.edges == shoal_engine::game::Edges::Wrap {
        dx -= rules.width * (dx / rules.width).round();
        dy -= rules.height * (dy / rules.height).round();
    }
    (dx, dy)
}

pub(crate) fn w_steer(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "steer", &args, 3, 4)?;
    let x = float(vm, arg(&args, &kw, 0, "x"), "x")?;
    let y = float(vm, arg(&args, &kw, 1, "y"), "y")?;
    let speed = float(vm, arg(&args, &kw, 2, "speed"), "speed")?;
    let id = entity_arg(vm, arg(&args, &kw, 3, "e"))?;
    let dist = with_own_entity(vm, id, |w, e| {
        let rules = w.resource::<WorldRules>().clone();
        let p = w.get::<Position>(e).copied().unwrap_or_default();
        let (dx, dy) = offset(&rules, p, Position { x, y });
        let d = (dx * dx + dy * dy).sqrt();
        let v = if d > 1e-9 {
            Velocity {
                x: dx / d * speed,
                y: dy / d * speed,
            }
        } else {
            Velocity::default()
        };
        if let Some(mut vel) = w.get_mut::<Velocity>(e) {
            *vel = v;
        }
        d
    })?;
    ok(Value::Float(dist))
}

pub(crate) fn w_distance(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "distance", &args, 1, 2)?;
    let a = entity_arg(vm, arg(&args, &kw, 0, "a"))?;
    let b = entity_arg(vm, arg(&args, &kw, 1, "b"))?;
    let ecs = link(vm)?;
    let d = {
        let w = ecs.borrow();
        match (find(&w, a), find(&w, b)) {
            (Some(ea), Some(eb)) => {
                let rules = w.resource::<WorldRules>();
                let pa = w.get::<Position>(ea).copied().unwrap_or_default();
                let pb = w.get::<Position>(eb).copied().unwrap_or_default();
                let (dx, dy) = offset(rules, pa, pb);
                Ok((dx * dx + dy * dy).sqrt())
            }
            (None, _) => Err(a),
            (_, None) => Err(b),
        }
    };
    match d {
        Ok(d) => ok(Value::Float(d)),
        Err(id) => Err(gone(vm, id)),
    }
}

pub(crate) fn w_kind(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "kind", &args, 0, 1)?;
    let id = entity_arg(vm, arg(&args, &kw, 0, "e"))?;
    let name = with_entity(vm, id, |w, e| kind_name_of(w, e).to_string())?;
    ok(new_str(vm, &name))
}

pub(crate) fn w_alive(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "alive", &args, 1, 1)?;
    let id = entity_arg(vm, arg(&args, &kw, 0, "e"))?;
    let ecs = link(vm)?;
    let alive = find(&ecs.borrow(), id).is_some();
    ok(Value::Bool(alive))
}

pub(crate) fn w_get(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "get", &args, 1, 2)?;
    let id = entity_arg(vm, arg(&args, &kw, 1, "e"))?;
    let ecs = link(vm)?;
    let w = ecs.borrow();
    let (slot, name) = component_slot(vm, &w, args[0])?;
    let Some(e) = find(&w, id) else {
        drop(w);
        return Err(gone(vm, id));
    };
    let value = w.get::<Props>(e).and_then(|p| p.get(slot)).cloned();
    let kind = kind_name_of(&w, e).to_string();
    drop(w);
    match value {
        Some(p) => ok(prop_to_value(vm, &p)),
        None => Err(no_component(vm, id, &kind, &name)),
    }
}

pub(crate) fn w_set(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "set", &args, 2, 3)?;
    let id = entity_arg(vm, arg(&args, &kw, 2, "e"))?;
    let ecs = link(vm)?;
    let mut w = ecs.borrow_mut();
    let (slot, name) = component_slot(vm, &w, args[0])?;
    let Some(e) = find(&w, id) else {
        drop(w);
        return Err(gone(vm, id));
    };
    if w.get::<crate::cluster::Ghost>(e).is_some() {
        drop(w);
        return Err(read_only(vm, id));
    }
    let Some(old) = w.get::<Props>(e).and_then(|p| p.get(slot)).cloned() else {
        let kind = kind_name_of(&w, e).to_string();
        drop(w);
        return Err(no_component(vm, id, &kind, &name));
    };
    let new = value_to_prop(vm, args[1], &old, &name)?;
    if let Some(mut props) = w.get_mut::<Props>(e)
        && let Some(p) = props.get_mut(slot)
    {
        *p = new;
    }
    none()
}

/// The arguments of a neighbour query: (radius, kind filter, centre
/// entity).
fn query_args(vm: &mut Vm, args: &[Value], kw: &Kwargs) -> Result<(f64, Option<u16>, u64), Exc> {
    let radius = float(vm, arg(args, kw, 0, "radius"), "radius")?;
    let ecs = link(vm)?;
    let kind = kind_filter(vm, &ecs.borrow(), arg(args, kw, 1, "kind"))?;
    let id = entity_arg(vm, kwarg(kw, "e"))?;
    Ok((radius, kind, id))
}

/// Entities within the query's radius of its centre, nearest first.
fn query(vm: &mut Vm, args: &[Value], kw: &Kwargs) -> Result<Vec<(f64, u64)>, Exc> {
    let (radius, kind, id) = query_args(vm, args, kw)?;
    let ecs = link(vm)?;
    let w = ecs.borrow();
    let Some(p) = centre(&w, id) else {
        drop(w);
        return Err(gone(vm, id));
    };
    let mut out = vm
        .world_link()
        .map(|l| std::mem::take(&mut l.scratch))
        .unwrap_or_default();
    w.resource::<SpatialIndex>()
        .query(p.x, p.y, radius, kind, Some(id), &mut out);
    // Entities despawned during this tick are still in the index.
    if w.resource::<EntityIndex>().despawning() > 0 {
        out.retain(|(_, other)| find(&w, *other).is_some());
    }
    Ok(out)
}

fn give_back(vm: &mut Vm, out: Vec<(f64, u64)>) {
    if let Some(l) = vm.world_link() {
        l.scratch = out;
    }
}

pub(crate) fn w_neighbours(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "neighbours", &args, 1, 3)?;
    let out = query(vm, &args, &kw)?;
    let limit = match arg(&args, &kw, 2, "limit") {
        None | Some(Value::None) => usize::MAX,
        Some(Value::Int(n)) if n >= 0 => n as usize,
        Some(_) => return Err(type_err(vm, "limit must be a non-negative int or None")),
    };
    let ids = out
        .iter()
        .take(limit)
        .map(|(_, id)| Value::Int(*id as i64))
        .collect();
    give_back(vm, out);
    ok(new_list(vm, ids))
}

pub(crate) fn w_nearest(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "nearest", &args, 1, 2)?;
    let (radius, kind, id) = query_args(vm, &args, &kw)?;
    let ecs = link(vm)?;
    let w = ecs.borrow();
    let Some(p) = centre(&w, id) else {
        drop(w);
        return Err(gone(vm, id));
    };
    let all_live = w.resource::<EntityIndex>().despawning() == 0;
    let best = w
        .resource::<SpatialIndex>()
        .nearest(p.x, p.y, radius, kind, Some(id), |other| {
            all_live || find(&w, other).is_some()
        });
    ok(best.map_or(Value::None, |(_, other)| Value::Int(other as i64)))
}

pub(crate) fn w_count(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "count", &args, 1, 2)?;
    let out = query(vm, &args, &kw)?;
    let n = out.len() as i64;
    give_back(vm, out);
    ok(Value::Int(n))
}

pub(crate) fn w_population(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "population", &args, 0, 1)?;
    let ecs = link(vm)?;
    let w = ecs.borrow();
    let kind = kind_filter(vm, &w, arg(&args, &kw, 0, "kind"))?;
    let n = crate::cluster::own_population(&w, kind);
    ok(Value::Int(n as i64))
}

pub(crate) fn w_spawn(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "spawn", &args, 3, 3)?;
    let x = float(vm, Some(args[1]), "x")?;
    let y = float(vm, Some(args[2]), "y")?;
    let ecs = link(vm)?;
    let mut w = ecs.borrow_mut();
    let kind = kind_index(vm, &w, args[0])?;
    let registry = w.resource::<Registry>();
    let mut props = registry.kinds[kind as usize].props.clone();
    for (name, v) in &kw {
        let at = registry
            .component(name)
            .and_then(|slot| props.iter().position(|(s, _)| *s == slot));
        let Some(at) = at else {
            let kind_name = registry.kinds[kind as usize].name.clone();
            drop(w);
            return Err(type_err(
                vm,
                format!("spawn() got component '{name}', which kind '{kind_name}' does not have"),
            ));
        };
        props[at].1 = value_to_prop(vm, *v, &props[at].1, name)?;
    }
    let (x, y) = w.resource::<WorldRules>().fit(x, y);
    let pos = Position { x, y };
    let id = shoal_engine::game::spawn_entity(
        &mut w,
        None,
        kind,
        pos,
        Velocity::default(),
        Some(Props(props)),
    );
    drop(w);
    let behaviour = vm
        .module_state::<WorldLink>()
        .and_then(|l| l.behaviours.get(kind as usize).copied().flatten());
    if let Some(func) = behaviour {
        start_behaviour_exc(vm, id, func)?;
    }
    ok(Value::Int(id as i64))
}

/// `_note_post(e)`: remembers that the running entity (or the host)
/// posted to `e`, for the viewer's "who talks to whom".
pub(crate) fn w_note_post(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "_note_post", &args, 1, 1)?;
    let to = entity_arg(vm, arg(&args, &kw, 0, "e"))?;
    let from = vm.current_owner().unwrap_or(HOST);
    if let Some(link) = vm.world_link()
        && shoal_engine::game::live_entity(&link.ecs.borrow(), to).is_some()
    {
        link.note_post(from, to, shoal_engine::tick());
    }
    ok(Value::None)
}

/// `_route(e, message)`: in a cluster, a post to an entity this zone
/// does not own is queued for its zone (True); else False (a local
/// post).
pub(crate) fn w_route(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "_route", &args, 2, 2)?;
    let to = entity_arg(vm, arg(&args, &kw, 0, "e"))?;
    let ecs = link(vm)?;
    let clustered = vm.module_state::<WorldLink>().is_some_and(|l| l.clustered);
    if !clustered {
        return ok(Value::Bool(false));
    }
    let local = {
        let w = ecs.borrow();
        find(&w, to).is_some_and(|e| w.get::<crate::cluster::Ghost>(e).is_none())
    };
    if local {
        return ok(Value::Bool(false));
    }
    let queued = vm
        .module_state::<WorldLink>()
        .map_or(0, |l| l.remote_posts.len());
    if queued >= MAX_REMOTE_POSTS {
        return Err(vm.error(
            "RuntimeError",
            format!("{queued} posts to other zones wait to be sent: the cluster is not keeping up"),
        ));
    }
    let message = vm.pickle_value(args[1]).map_err(|e| {
        vm.error(
            "TypeError",
            format!("a post to another zone must pickle: {e}"),
        )
    })?;
    if message.len() > MAX_REMOTE_POST_BYTES {
        return Err(vm.error(
            "ValueError",
            format!(
                "a post to another zone is at most {MAX_REMOTE_POST_BYTES} bytes pickled, not {}",
                message.len()
            ),
        ));
    }
    let from = vm.current_owner().unwrap_or(HOST);
    if let Some(l) = vm.world_link() {
        l.remote_posts.push(RemotePost { from, to, message });
        l.note_post(from, to, shoal_engine::tick());
    }
    ok(Value::Bool(true))
}

pub(crate) fn w_despawn(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "_despawn", &args, 1, 1)?;
    let id = entity_arg(vm, arg(&args, &kw, 0, "e"))?;
    let ecs = link(vm)?;
    let ghost = find(&ecs.borrow(), id)
        .is_some_and(|e| ecs.borrow().get::<crate::cluster::Ghost>(e).is_some());
    if ghost {
        return Err(read_only(vm, id));
    }
    let marked = shoal_engine::game::mark_despawned(&mut ecs.borrow_mut(), id);
    if !marked {
        return Err(gone(vm, id));
    }
    if vm.current_owner() == Some(id) {
        // Its own behaviour ends here, quietly.
        return Err(vm.error("TaskletExit", ""));
    }
    let task = vm
        .module_state::<WorldLink>()
        .and_then(|l| l.tasks.get(&id).copied())
        .and_then(|t| vm.tasklet_handle(t).filter(|h| h.alive()));
    match task {
        Some(target) => Ok(Native::Host(HostOp::Throw {
            target,
            error: shoal_engine::TaskletError::tasklet_exit(),
            pending: false,
        })),
        None => none(),
    }
}

pub(crate) fn w_sleep(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "sleep", &args, 0, 1)?;
    let ticks = match arg(&args, &kw, 0, "ticks") {
        None => 1,
        Some(Value::Int(n)) if n >= 0 => n as u64,
        Some(v) => {
            let t = type_name(vm, v);
            return Err(vm.error(
                "ValueError",
                format!("sleep() takes a number of ticks (an int >= 0), not {t}"),
            ));
        }
    };
    link(vm)?;
    if shoal_engine::current().is_main() {
        return Err(vm.error(
            "RuntimeError",
            "world.sleep() is for behaviours: the main tasklet drives the ticks",
        ));
    }
    Ok(Native::Host(HostOp::SleepTicks(ticks)))
}

pub(crate) fn w_log(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    link(vm)?;
    let mut parts = Vec::with_capacity(args.len());
    for a in &args {
        parts.push(str_of(vm, *a)?);
    }
    let who = match vm.current_owner() {
        Some(e) => {
            let ecs = link(vm)?;
            let w = ecs.borrow();
            let kind = find(&w, e)
                .map_or("?", |en| kind_name_of(&w, en))
                .to_string();
            format!("{kind} {e}")
        }
        None => "world".to_string(),
    };
    let line = format!("[tick {}] {who}: {}", shoal_engine::tick(), parts.join(" "));
    if let Some(l) = vm.world_link() {
        l.log.push(line);
    }
    none()
}
