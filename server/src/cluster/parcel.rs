//! An entity packed to move to another zone: its components, its
//! behaviour's tasklet and mailbox pickled (frames, locals, the
//! operation it waits in, messages not read yet), and where its sleep
//! stands. The zone it leaves drops it only once the zone it goes to has
//! it; packing changes nothing, so a failed handoff unpacks it back.

use serde::{Deserialize, Serialize};
use shoal_engine::game::{
    EntityIndex, Kind, Position, Props, Velocity, despawn_now, live_entity, spawn_entity,
};
use shoal_scripting::heap::Obj;
use shoal_scripting::module::new_tuple;
use shoal_scripting::value::{Key, Value};

use super::mail::EntityMail;
use crate::Sim;
use crate::world_api::{WorldLink, WorldVm};

/// An entity in transit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parcel {
    /// Its id (the same in every zone).
    pub id: u64,
    /// Its kind, by name.
    pub kind: String,
    /// Position and velocity.
    pub pos: (f64, f64),
    /// Units per second.
    pub vel: (f64, f64),
    /// Its data components.
    pub props: Props,
    /// `pickle.dumps((tasklet, inbox))` of its behaviour tasklet and
    /// mailbox (either may be None).
    pub script: String,
    /// Ticks its `world.sleep` had left, if it slept.
    pub sleep_left: Option<u64>,
    /// Whether its tasklet was in the run queue.
    pub runnable: bool,
    /// Its cross-zone mail sequence numbers and held messages.
    pub mail: EntityMail,
}

impl Sim {
    /// Packs entity `id` (between ticks; the world is unchanged). An
    /// error says why it cannot move now (not here, a ghost, its
    /// behaviour cannot be pickled in the state it is in).
    pub fn pack_entity(&mut self, id: u64, mail: EntityMail) -> Result<Parcel, String> {
        if self.has_pending_posts(id) {
            return Err(format!(
                "entity {id} has posts on their way to its mailbox (they land next tick)"
            ));
        }
        let (kind, pos, vel, props) = {
            let ecs = self.ecs().borrow();
            let Some(e) = live_entity(&ecs, id) else {
                return Err(format!("entity {id} is not here"));
            };
            if ecs.get::<super::Ghost>(e).is_some() {
                return Err(format!("entity {id} is a ghost here"));
            }
            let kind = ecs.get::<Kind>(e).map_or(0, |k| k.0);
            let pos = ecs.get::<Position>(e).copied().unwrap_or_default();
            let vel = ecs.get::<Velocity>(e).copied().unwrap_or_default();
            let props = ecs.get::<Props>(e).cloned().unwrap_or_default();
            (kind, pos, vel, props)
        };
        let mut vm = self.vm().borrow_mut();
        let task = vm
            .world_link()
            .and_then(|l| l.tasks.get(&id).copied())
            .filter(|t| vm.tasklet_handle(*t).is_some_and(|h| h.alive()));
        let handle = task.and_then(|t| vm.tasklet_handle(t));
        let inbox = inbox_of(&vm, id);
        let root = new_tuple(
            &mut vm,
            vec![
                task.map_or(Value::None, Value::Obj),
                inbox.unwrap_or(Value::None),
            ],
        );
        let script = vm
            .pickle_value(root)
            .map_err(|e| format!("entity {id}: its behaviour cannot move now: {e}"))?;
        let now = shoal_engine::tick();
        let sleep_left = handle
            .and_then(|h| h.sleeping_until_tick())
            .map(|(until, _)| until.saturating_sub(now));
        let runnable = handle.is_some_and(|h| h.scheduled() && !h.blocked());
        Ok(Parcel {
            id,
            kind: self.def().registry.kind_name(kind).to_string(),
            pos: (pos.x, pos.y),
            vel: (vel.x, vel.y),
            props,
            script,
            sleep_left,
            runnable,
            mail,
        })
    }

    /// Removes entity `id` without running anything of its behaviour
    /// (it lives on in a parcel elsewhere): no `finally` runs, nothing
    /// notices.
    pub fn drop_entity_quietly(&mut self, id: u64) {
        {
            let vm = self.vm().borrow();
            let task = vm
                .module_state::<WorldLink>()
                .and_then(|l| l.tasks.get(&id).copied());
            if let Some(h) = task.and_then(|t| vm.tasklet_handle(t)) {
                drop(vm);
                if let Err(e) = h.abandon() {
                    tracing::warn!(entity = id, error = %e, "a moved entity's tasklet stays");
                }
            }
        }
        despawn_now(&mut self.ecs().borrow_mut(), id);
        self.vm().borrow_mut().forget_entity(id);
    }

    /// Adds the entity a parcel holds and resumes its behaviour where it
    /// stopped (at the next tick). A ghost of it here is replaced. An
    /// error leaves the world as it was.
    pub fn unpack_entity(&mut self, parcel: &Parcel) -> Result<(), String> {
        let Some(kind) = self.def().registry.kind(&parcel.kind) else {
            return Err(format!(
                "entity {}: this world has no kind '{}'",
                parcel.id, parcel.kind
            ));
        };
        let finite = [parcel.pos.0, parcel.pos.1, parcel.vel.0, parcel.vel.1]
            .iter()
            .all(|v| v.is_finite());
        if !finite {
            return Err(format!(
                "entity {}: position or velocity is not finite",
                parcel.id
            ));
        }
        if parcel.id >= super::MAX_CLUSTER_IDS {
            return Err(format!("entity id {} is out of range", parcel.id));
        }
        let expected = &self.def().registry.kinds[kind as usize].props;
        let same_shape = expected.len() == parcel.props.0.len()
            && expected
                .iter()
                .zip(&parcel.props.0)
                .all(|((a, va), (b, vb))| {
                    a == b && std::mem::discriminant(va) == std::mem::discriminant(vb)
                });
        if !same_shape {
            return Err(format!(
                "entity {}: its components do not match kind '{}'",
                parcel.id, parcel.kind
            ));
        }
        {
            let ecs = self.ecs().borrow();
            if let Some(e) = live_entity(&ecs, parcel.id)
                && ecs.get::<super::Ghost>(e).is_none()
            {
                return Err(format!("entity {} is already here", parcel.id));
            }
        }
        // Load the script side first: if it fails, nothing changed.
        let (task, inbox) = {
            let mut vm = self.vm().borrow_mut();
            let root = vm
                .unpickle_value(&parcel.script)
                .map_err(|e| format!("entity {}: its behaviour does not load: {e}", parcel.id))?;
            let items = match root {
                Value::Obj(o) => match vm.heap.get(o) {
                    Obj::Tuple(items) if items.len() == 2 => Some((items[0], items[1])),
                    _ => None,
                },
                _ => None,
            };
            let Some((task, inbox)) = items else {
                return Err(format!(
                    "entity {}: the parcel's script part is not (tasklet, inbox)",
                    parcel.id
                ));
            };
            let task = match task {
                Value::None => None,
                Value::Obj(o) if matches!(vm.heap.get(o), Obj::Tasklet(_)) => Some(o),
                _ => {
                    return Err(format!("entity {}: the parcel holds no tasklet", parcel.id));
                }
            };
            (task, inbox)
        };
        super::ghosts::remove_ghost(&mut self.ecs().borrow_mut(), parcel.id);
        spawn_entity(
            &mut self.ecs().borrow_mut(),
            Some(parcel.id),
            kind,
            Position::from(parcel.pos),
            Velocity::from(parcel.vel),
            Some(parcel.props.clone()),
        );
        let mut vm = self.vm().borrow_mut();
        if inbox != Value::None
            && let Some(Value::Obj(d)) = vm.module_attr("world", "_inboxes")
            && let Obj::Dict(dict) = vm.heap.get_mut(d)
        {
            dict.insert(
                Key::Int(parcel.id as i64),
                (Value::Int(parcel.id as i64), inbox),
            );
        }
        if let Some(task) = task {
            vm.adopt_tasklet(task, parcel.id);
            if let Some(l) = vm.world_link() {
                l.tasks.insert(parcel.id, task);
            }
            if let Some(h) = vm.tasklet_handle(task)
                && h.alive()
                && !h.blocked()
            {
                let now = shoal_engine::tick();
                let resumed = match parcel.sleep_left {
                    Some(left) => h.sleep_until_tick(now + left.max(1)),
                    None if parcel.runnable => h.insert(),
                    None => Ok(()),
                };
                if let Err(e) = resumed {
                    tracing::warn!(entity = parcel.id, error = %e, "a moved behaviour did not resume");
                }
            }
        }
        Ok(())
    }

    /// Ids of this zone's own entities (not ghosts) with their positions.
    pub fn own_positions(&self) -> Vec<(u64, f64, f64)> {
        let mut ecs = self.ecs().borrow_mut();
        let mut out: Vec<(u64, f64, f64)> = ecs
            .query_filtered::<(&shoal_engine::game::EntityId, &Position), (
                bevy_ecs::query::Without<super::Ghost>,
                bevy_ecs::query::Without<shoal_engine::game::Despawning>,
            )>()
            .iter(&ecs)
            .map(|(i, p)| (i.0, p.x, p.y))
            .collect();
        out.sort_unstable_by_key(|e| e.0);
        out
    }

    /// Makes this world a zone's: posts to entities it does not own are
    /// queued for the cluster, and the ids it gives new entities are
    /// `index` modulo `zones`.
    pub fn join_cluster(&mut self, index: usize, zones: usize) {
        {
            let mut ecs = self.ecs().borrow_mut();
            let mut idx = ecs.resource_mut::<EntityIndex>();
            idx.id_stride = zones as u64;
            idx.id_offset = index as u64;
        }
        if let Some(l) = self.vm().borrow_mut().world_link() {
            l.clustered = true;
        }
    }

    /// Posts queued for other zones since the last call.
    pub fn take_remote_posts(&mut self) -> Vec<crate::world_api::RemotePost> {
        self.vm()
            .borrow_mut()
            .world_link()
            .map(|l| std::mem::take(&mut l.remote_posts))
            .unwrap_or_default()
    }

    /// Delivers a message that came from another zone to entity `id`'s
    /// mailbox (a short tasklet that runs in the next tick, as
    /// [`Sim::post`]), whose engine tasklet is returned.
    pub fn deliver_remote(
        &mut self,
        id: u64,
        message: &str,
    ) -> Result<Option<shoal_engine::Tasklet>, String> {
        if live_entity(&self.ecs().borrow(), id).is_none() {
            return Err(format!("entity {id} does not exist"));
        }
        let mut vm = self.vm().borrow_mut();
        let Some(deliver) = vm.module_attr("world", "_deliver") else {
            return Err("the world module is not loaded".into());
        };
        let msg = vm.unpickle_value(message)?;
        let t = vm
            .start_tasklet(deliver, vec![Value::Int(id as i64), msg], None)
            .map_err(|e| vm.format_exception(e).trim_end().to_string())?;
        let handle = vm.tasklet_handle(t);
        drop(vm);
        if let Some(h) = handle {
            self.note_pending_post(id, h);
        }
        Ok(handle)
    }
}

/// Entity `id`'s mailbox object, if it has one.
fn inbox_of(vm: &shoal_scripting::Vm, id: u64) -> Option<Value> {
    let Some(Value::Obj(d)) = vm.module_attr("world", "_inboxes") else {
        return None;
    };
    match vm.heap.get(d) {
        Obj::Dict(dict) => dict.get(&Key::Int(id as i64)).map(|(_, v)| *v),
        _ => None,
    }
}
