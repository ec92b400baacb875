//! Saving a whole world of script tasklets between scheduler slices, and
//! loading it on a fresh scheduler.

use super::*;
use crate::validate::{Checker, Want};
use crate::vm::HostSettings;

/// The version of the world snapshot format.
const WORLD_FORMAT: u32 = 2;

/// A value or exception a channel holds for a tasklet.
#[derive(serde::Serialize, serde::Deserialize)]
enum SavedItem {
    Value(Value),
    Error {
        kind: String,
        message: String,
        exception: Option<Value>,
    },
}

/// The operation a tasklet was suspended in.
#[derive(serde::Serialize, serde::Deserialize)]
enum SavedFinish {
    Op(Value),
    Tempval,
    /// A receive on the channel with this index in [`WorldSnapshot::channels`].
    Receive(usize),
}

#[derive(serde::Serialize, serde::Deserialize)]
struct SavedThread {
    /// Its tasklet object.
    object: ObjId,
    frames: Vec<crate::vm::SavedFrame>,
    finish: Option<SavedFinish>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    for_exit: Option<u32>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    atomic: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    block_trap: bool,
    #[serde(default, skip_serializing_if = "is_zero")]
    priority: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct SavedChannel {
    /// Its channel object (the VM snapshot keeps its settings).
    object: ObjId,
    /// Blocked tasklets, first served first: thread index, sending, a
    /// sender's item.
    waiters: Vec<(usize, bool, Option<SavedItem>)>,
    /// Items handed to receivers that had not run since.
    delivered: Vec<(usize, SavedItem)>,
}

/// A world of script tasklets: the VM, every tasklet's frames and
/// scheduler state, every channel's queue. `V` is the VM's snapshot,
/// borrowed when saving and owned when loading.
#[derive(serde::Serialize, serde::Deserialize)]
struct WorldSnapshot<V> {
    format: u32,
    /// The VM (heap, modules, code names).
    vm: V,
    threads: Vec<SavedThread>,
    channels: Vec<SavedChannel>,
    /// Thread indices in run-queue order (after main).
    runnable: Vec<usize>,
    /// The scheduler's tick.
    #[serde(default)]
    tick: u64,
    /// Threads asleep: (thread index, tick it wakes at), in waking order.
    #[serde(default)]
    sleeping: Vec<(usize, u64)>,
}

/// A world of script tasklets ready to be serialized (with any serde
/// format) as part of a bigger document: see [`Vm::save_world_data`].
#[derive(serde::Serialize)]
#[serde(transparent)]
pub struct SavedWorld<'a>(WorldSnapshot<crate::snapshot::SnapshotRef<'a>>);

/// A world of script tasklets as deserialized: see
/// [`Vm::load_world_data`].
#[derive(serde::Deserialize)]
#[serde(transparent)]
pub struct LoadedWorld(WorldSnapshot<crate::snapshot::Snapshot>);

impl Vm {
    fn save_item(&self, item: &TaskletResult<Carried>) -> SavedItem {
        match item {
            Ok(c) => SavedItem::Value(self.parking.peek(c.id).unwrap_or(Value::None)),
            Err(e) => SavedItem::Error {
                kind: e.kind().name().to_string(),
                message: e.message().to_string(),
                exception: e
                    .payload()
                    .and_then(|p| p.downcast_ref::<ExcPayload>())
                    .and_then(|payload| self.parking.peek(payload.slot)),
            },
        }
    }

    fn load_item(&mut self, item: SavedItem) -> TaskletResult<Carried> {
        match item {
            SavedItem::Value(v) => Ok(self.carry(v)),
            SavedItem::Error {
                kind,
                message,
                exception,
            } => {
                let mut e = TaskletError::new(kind_named(&kind), message);
                if let Some(exc) = exception {
                    let payload = self.parking.park_error(exc);
                    e = e.with_payload(Arc::new(payload));
                }
                Err(e)
            }
        }
    }

    /// Saves the VM with every script tasklet (frames, place in the run
    /// queue or in a channel's queue, flags) and every channel's queue, as
    /// RON. Only between slices: the main tasklet must be running and hold
    /// no script frames (a host drives the scheduler, as a game loop
    /// does). Native tasklets are not saved: their owners recreate them.
    pub fn save_world(&self) -> Result<String, String> {
        let data = self.save_world_data()?;
        ron::ser::to_string(&data).map_err(|e| e.to_string())
    }

    /// [`Vm::save_world`] as data, to serialize inside another document
    /// (no text nested in text).
    pub fn save_world_data(&self) -> Result<SavedWorld<'_>, String> {
        if !shoal_engine::current().is_main() || !self.frames.is_empty() {
            return Err(
                "a world is saved between slices, when the main tasklet runs no script".into(),
            );
        }
        let vm = self.snapshot_ref();
        // Channels, by engine id.
        let mut channels: Vec<(u64, ObjId, Channel<Carried>)> = self
            .heap
            .iter()
            .filter_map(|(id, o)| match o {
                Obj::Channel(c) => Some((c.chan.id(), id, c.chan.clone())),
                _ => None,
            })
            .collect();
        channels.sort_by_key(|(cid, _, _)| *cid);
        let channel_index =
            |ch: &Channel<Carried>| channels.iter().position(|(c, _, _)| *c == ch.id());
        // Tasklets, in creation order.
        let mut tasklets: Vec<(u64, ObjId)> =
            self.tasklet_objs.iter().map(|(t, o)| (*t, *o)).collect();
        tasklets.sort();
        let mut threads = Vec::new();
        let mut sleepers: Vec<(u64, u64, usize)> = Vec::new();
        let mut by_engine_id = rustc_hash::FxHashMap::default();
        for (engine_id, object) in tasklets {
            let Obj::Tasklet(t) = self.heap.get(object) else {
                continue;
            };
            let Some(h) = t.handle.filter(|h| h.alive() && !h.is_main()) else {
                continue;
            };
            let Some((frames, finish, for_exit)) = self.thread_parts(t.thread) else {
                continue;
            };
            let finish = match finish {
                None => None,
                Some(Finish::Op(v)) => Some(SavedFinish::Op(*v)),
                Some(Finish::Tempval) => Some(SavedFinish::Tempval),
                Some(Finish::Receive(ch)) => match channel_index(ch) {
                    Some(i) => Some(SavedFinish::Receive(i)),
                    None => return Err("a tasklet waits on a channel the heap lost".into()),
                },
                Some(Finish::Run) => {
                    return Err("a tasklet is inside a nested stackless.run(): not saved".into());
                }
                Some(Finish::Select(..) | Finish::Join(..)) => {
                    return Err("a tasklet is inside select() or join(): not saved".into());
                }
                Some(Finish::Pool(_)) => {
                    return Err("a tasklet waits for a blocking call: not saved".into());
                }
            };
            if let Some(info) = h.info()
                && info.state == shoal_engine::TaskletState::Sleeping
            {
                match h.sleeping_until_tick() {
                    Some((tick, seq)) => sleepers.push((tick, seq, threads.len())),
                    None => {
                        return Err("a tasklet sleeps on the wall clock: not saved".into());
                    }
                }
            }
            by_engine_id.insert(engine_id, threads.len());
            threads.push(SavedThread {
                object,
                frames,
                finish,
                for_exit,
                atomic: h.atomic(),
                block_trap: h.block_trap(),
                priority: h.priority(),
                name: h.name().map(|n| n.to_string()),
            });
        }
        // The run queue, from main round the ring.
        let main = shoal_engine::main_tasklet();
        let mut runnable = Vec::new();
        let mut at = main.next();
        while let Some(t) = at.filter(|t| *t != main) {
            match by_engine_id.get(&t.id()) {
                Some(i) => runnable.push(*i),
                None => {
                    return Err(
                        "a native tasklet is runnable: worlds save script tasklets only".into(),
                    );
                }
            }
            at = t.next();
        }
        let mut saved_channels = Vec::new();
        for (_, object, ch) in &channels {
            let mut waiters = Vec::new();
            let mut failed = false;
            ch.for_each_waiter(|t, sending, item| match by_engine_id.get(&t.id()) {
                Some(i) => waiters.push((*i, sending, item.map(|it| self.save_item(it)))),
                None => failed = true,
            });
            let mut delivered = Vec::new();
            ch.for_each_delivered(|t, item| match by_engine_id.get(&t.id()) {
                Some(i) => delivered.push((*i, self.save_item(item))),
                None => failed = true,
            });
            if failed {
                return Err("a native tasklet waits on a script channel: not saved".into());
            }
            saved_channels.push(SavedChannel {
                object: *object,
                waiters,
                delivered,
            });
        }
        sleepers.sort_unstable();
        let world = WorldSnapshot {
            format: WORLD_FORMAT,
            vm,
            threads,
            channels: saved_channels,
            runnable,
            tick: shoal_engine::tick(),
            sleeping: sleepers.into_iter().map(|(t, _, i)| (i, t)).collect(),
        };
        Ok(SavedWorld(world))
    }

    /// Loads a world saved by [`Vm::save_world`] onto this thread's
    /// scheduler (which must exist and run nothing else), ready for the
    /// host to run.
    pub fn load_world(
        text: &str,
        out: Box<dyn std::io::Write>,
        err: Box<dyn std::io::Write>,
    ) -> Result<Rc<RefCell<Vm>>, String> {
        Vm::load_world_with_sources(text, out, err, Rc::new([]))
    }

    /// [`Vm::load_world`] for a program that carries some of its source
    /// files (see [`Vm::set_embedded_sources`]).
    pub fn load_world_with_sources(
        text: &str,
        out: Box<dyn std::io::Write>,
        err: Box<dyn std::io::Write>,
        embedded: Rc<[(String, String)]>,
    ) -> Result<Rc<RefCell<Vm>>, String> {
        if !shoal_engine::has_scheduler() {
            return Err("loading a world needs a scheduler on this thread".into());
        }
        let world: LoadedWorld =
            ron::from_str(text).map_err(|e| format!("not a world snapshot: {e}"))?;
        Vm::load_world_data(world, out, err, embedded)
    }

    /// Loads a world saved by [`Vm::save_world_data`] and deserialized as
    /// part of another document (see [`Vm::load_world_with_sources`]), with
    /// the default [`HostSettings`].
    pub fn load_world_data(
        world: LoadedWorld,
        out: Box<dyn std::io::Write>,
        err: Box<dyn std::io::Write>,
        embedded: Rc<[(String, String)]>,
    ) -> Result<Rc<RefCell<Vm>>, String> {
        Vm::load_world_data_with_settings(world, out, err, embedded, HostSettings::default())
    }

    /// [`Vm::load_world_data`] with the loading host's settings (a world
    /// snapshot carries none).
    pub fn load_world_data_with_settings(
        world: LoadedWorld,
        out: Box<dyn std::io::Write>,
        err: Box<dyn std::io::Write>,
        embedded: Rc<[(String, String)]>,
        settings: HostSettings,
    ) -> Result<Rc<RefCell<Vm>>, String> {
        let mut vm = Vm::new(out, err);
        vm.set_embedded_sources(embedded);
        vm.restore_world(world, settings)
    }

    /// Loads a world saved by [`Vm::save_world_data`] into this fresh VM
    /// (its output, embedded sources and native modules set: a world that
    /// uses a host's modules needs them registered first), with the
    /// loading host's settings. Everything is checked before the first
    /// tasklet is bound: a damaged world is refused with what is wrong.
    pub fn restore_world(
        self,
        world: LoadedWorld,
        settings: HostSettings,
    ) -> Result<Rc<RefCell<Vm>>, String> {
        let LoadedWorld(world) = world;
        if !shoal_engine::has_scheduler() {
            return Err("loading a world needs a scheduler on this thread".into());
        }
        if world.format != WORLD_FORMAT {
            return Err(format!(
                "world snapshot format {} (this Shoal reads {WORLD_FORMAT})",
                world.format
            ));
        }
        let WorldSnapshot {
            format: _,
            vm,
            threads,
            channels,
            runnable,
            tick,
            sleeping,
        } = world;
        let vm = self
            .load_snapshot(vm, settings)
            .map_err(|e| e.to_string())?;
        let world = WorldSnapshot {
            format: WORLD_FORMAT,
            vm: (),
            threads,
            channels,
            runnable,
            tick,
            sleeping,
        };
        check_world(&vm, &world).map_err(|e| format!("the world snapshot is damaged: {e}"))?;
        shoal_engine::set_tick(world.tick).map_err(|e| e.to_string())?;
        let shared = vm.into_shared();
        let mut vm = shared.borrow_mut();
        let fail = |vm: &mut Vm, e: Exc| -> String {
            let text = vm.format_exception(e);
            text.trim_end().to_string()
        };
        let channels: Vec<Channel<Carried>> = world
            .channels
            .iter()
            .map(|c| {
                channel_of(&vm, Value::Obj(c.object)).ok_or("a saved channel is not a channel")
            })
            .collect::<Result<_, _>>()?;
        let mut handles = Vec::new();
        for t in world.threads {
            let (func, owner) = match vm.heap.get(t.object) {
                Obj::Tasklet(o) => (o.func, o.owner),
                _ => return Err("a saved tasklet is not a tasklet".into()),
            };
            if let Err(e) = vm.bind_tasklet(t.object, func) {
                return Err(fail(&mut vm, e));
            }
            let Obj::Tasklet(o) = vm.heap.get(t.object) else {
                unreachable!("checked above")
            };
            let (thread, handle) = (o.thread, o.handle.expect("just bound"));
            let finish = match t.finish {
                None => None,
                Some(SavedFinish::Op(v)) => Some(Finish::Op(v)),
                Some(SavedFinish::Tempval) => Some(Finish::Tempval),
                Some(SavedFinish::Receive(i)) => Some(Finish::Receive(
                    channels
                        .get(i)
                        .ok_or("a saved receive names no channel")?
                        .clone(),
                )),
            };
            vm.set_thread_parts(thread, t.frames, finish, t.for_exit);
            vm.set_thread_tasklet(thread, handle.id());
            vm.set_thread_owner(thread, owner);
            handle.set_atomic(t.atomic);
            handle.set_block_trap(t.block_trap);
            handle.set_priority(t.priority);
            if let Some(n) = &t.name {
                handle.set_name(n);
            }
            handles.push(handle);
        }
        let engine = |e: TaskletError| e.to_string();
        // The run queue in its order, then everyone else paused.
        let mut in_ring = vec![false; handles.len()];
        for i in &world.runnable {
            let h = handles
                .get(*i)
                .ok_or("a saved run queue names no tasklet")?;
            h.setup().map_err(engine)?;
            in_ring[*i] = true;
        }
        for (i, h) in handles.iter().enumerate() {
            if !in_ring[i] {
                h.setup().map_err(engine)?;
                h.remove().map_err(engine)?;
            }
        }
        for (i, tick) in &world.sleeping {
            let h = handles.get(*i).ok_or("a saved sleeper names no tasklet")?;
            h.sleep_until_tick(*tick).map_err(engine)?;
        }
        for (saved, ch) in world.channels.into_iter().zip(&channels) {
            for (i, sending, item) in saved.waiters {
                let h = *handles.get(i).ok_or("a saved waiter names no tasklet")?;
                let item = item.map(|it| vm.load_item(it));
                ch.restore_waiter(h, sending, item).map_err(engine)?;
            }
            for (i, item) in saved.delivered {
                let h = *handles.get(i).ok_or("a saved delivery names no tasklet")?;
                let item = vm.load_item(item);
                ch.restore_delivered(h, item);
            }
        }
        drop(vm);
        Ok(shared)
    }
}

/// Checks a world's tasklets and channels against its loaded VM: every
/// thread's frames (the innermost waiting when its operation returns a
/// value), the objects threads and channels name, and that every tasklet
/// is in at most one place (the run queue, asleep, one channel's queue)
/// and waits for what it is queued for.
fn check_world(vm: &Vm, world: &WorldSnapshot<()>) -> Result<(), String> {
    // Far beyond any run (285,000 years at a thousand ticks a second);
    // keeps the tick counter and `now + ticks` sleeps from overflowing.
    const MAX_TICK: u64 = 1 << 53;
    if world.tick > MAX_TICK {
        return Err(format!("its tick {} is beyond any run", world.tick));
    }
    let consts = vm.parts().consts;
    let checker = Checker::new(&vm.heap, &vm.codes, consts, vm.recursion_limit);
    if !vm.frames.is_empty() {
        return Err("the main tasklet holds script frames".into());
    }
    let mut seen = rustc_hash::FxHashSet::default();
    for (i, c) in world.channels.iter().enumerate() {
        checker
            .id(c.object, Want::Channel)
            .map_err(|e| format!("channel {i}: {e}"))?;
        if !seen.insert(c.object) {
            return Err(format!("channel {i}: object {} is saved twice", c.object.0));
        }
    }
    seen.clear();
    for (i, t) in world.threads.iter().enumerate() {
        let at = |e: String| format!("tasklet {i} (object {}): {e}", t.object.0);
        checker.id(t.object, Want::Tasklet).map_err(at)?;
        if !seen.insert(t.object) {
            return Err(at("saved twice".into()));
        }
        match &t.finish {
            Some(SavedFinish::Op(v)) => checker.finish_value(*v).map_err(at)?,
            Some(SavedFinish::Receive(c)) if *c >= world.channels.len() => {
                return Err(at(format!(
                    "it receives on channel {c}; the world has {}",
                    world.channels.len()
                )));
            }
            _ => {}
        }
        if t.for_exit.is_some() && !matches!(t.finish, Some(SavedFinish::Receive(_))) {
            return Err(at(
                "its `for` loop over a channel is not in a receive".into()
            ));
        }
        checker
            .thread(&t.frames, t.finish.is_some(), t.for_exit)
            .map_err(at)?;
    }
    // Where each tasklet is: 1 run queue, 2 asleep, 3 + c on channel c.
    let mut place = vec![0usize; world.threads.len()];
    let mut put = |i: usize, to: usize, what: &str| -> Result<(), String> {
        match place.get_mut(i) {
            None => Err(format!(
                "{what} names tasklet {i}; the world has {}",
                world.threads.len()
            )),
            Some(p) if *p != 0 => Err(format!("{what} names tasklet {i}, which is queued already")),
            Some(p) => {
                *p = to;
                Ok(())
            }
        }
    };
    for i in &world.runnable {
        put(*i, 1, "the run queue")?;
    }
    for (i, _) in &world.sleeping {
        put(*i, 2, "the sleepers")?;
    }
    let exception = |item: &SavedItem| -> Result<(), String> {
        match item {
            SavedItem::Value(v) => checker.value(*v),
            SavedItem::Error {
                exception: Some(v), ..
            } => checker.value(*v),
            SavedItem::Error { .. } => Ok(()),
        }
    };
    for (c, ch) in world.channels.iter().enumerate() {
        let at = |e: String| format!("channel {c}: {e}");
        for (i, sending, item) in &ch.waiters {
            put(*i, 3 + c, &format!("channel {c}'s queue")).map_err(at)?;
            let finish = &world.threads[*i].finish;
            let fits = match finish {
                Some(SavedFinish::Receive(r)) => !*sending && *r == c,
                Some(SavedFinish::Op(_)) => *sending,
                _ => false,
            };
            if !fits {
                return Err(at(format!(
                    "tasklet {i} waits in its queue but is not {} on it",
                    if *sending { "sending" } else { "receiving" }
                )));
            }
            if let Some(item) = item {
                exception(item).map_err(|e| at(format!("the item tasklet {i} sends: {e}")))?;
            }
        }
        for (i, item) in &ch.delivered {
            let receives = world
                .threads
                .get(*i)
                .is_some_and(|t| matches!(t.finish, Some(SavedFinish::Receive(r)) if r == c));
            if !receives {
                return Err(at(format!(
                    "it delivered an item to tasklet {i}, which is not receiving on it"
                )));
            }
            exception(item).map_err(|e| at(format!("the item for tasklet {i}: {e}")))?;
        }
    }
    Ok(())
}
