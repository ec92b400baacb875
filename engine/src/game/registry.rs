//! What a world file declares, as ECS resources: the rules (size, edges,
//! tick rate), the registered data components, the kinds of entity, and
//! the index from stable ids to bevy entities.

use bevy_ecs::prelude::*;
use serde::{Deserialize, Serialize};

use super::components::PropValue;

/// What happens at the world's edges.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Edges {
    /// Entities stop at the edge and their velocity is reflected.
    #[default]
    Bounce,
    /// The world is a torus: leaving on one side enters on the other.
    Wrap,
}

/// The fixed rules of a world.
#[derive(Resource, Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorldRules {
    /// Width in world units (x from 0 to width).
    pub width: f64,
    /// Height in world units.
    pub height: f64,
    /// What happens at the edges.
    pub edges: Edges,
    /// Ticks per second of simulated time.
    pub tick_rate: u32,
}

impl WorldRules {
    /// Simulated seconds per tick.
    pub fn dt(&self) -> f64 {
        1.0 / f64::from(self.tick_rate.max(1))
    }

    /// The point (`x`, `y`) brought inside the world: clamped to the
    /// edges, or wrapped around a torus.
    pub fn fit(&self, x: f64, y: f64) -> (f64, f64) {
        match self.edges {
            Edges::Wrap => (x.rem_euclid(self.width), y.rem_euclid(self.height)),
            Edges::Bounce => (x.clamp(0.0, self.width), y.clamp(0.0, self.height)),
        }
    }
}

/// Where a kind's behaviour lives: a function of a script file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BehaviourRef {
    /// The script file (resolved by the world's loader).
    pub script: String,
    /// The function, called with the entity's id.
    pub function: String,
}

/// A kind of entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KindDef {
    /// Its name (`world.spawn("grazer", ...)`).
    pub name: String,
    /// The data components it has, with their initial values, by slot.
    pub props: Vec<(u16, PropValue)>,
    /// The fastest it moves (the movement system clamps velocity).
    pub max_speed: Option<f64>,
    /// The colour a viewer draws it in.
    pub color: (u8, u8, u8),
    /// Its behaviour, if scripted.
    pub behaviour: Option<BehaviourRef>,
}

/// The kinds and data components of a world.
#[derive(Resource, Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Registry {
    /// Registered data components: name and default value, by slot.
    pub components: Vec<(String, PropValue)>,
    /// Kinds, by index.
    pub kinds: Vec<KindDef>,
}

impl Registry {
    /// The slot of the data component `name`.
    pub fn component(&self, name: &str) -> Option<u16> {
        self.components
            .iter()
            .position(|(n, _)| n == name)
            .map(|i| i as u16)
    }

    /// The index of the kind `name`.
    pub fn kind(&self, name: &str) -> Option<u16> {
        self.kinds
            .iter()
            .position(|k| k.name == name)
            .map(|i| i as u16)
    }

    /// The name of kind `kind` (`"?"` if unknown).
    pub fn kind_name(&self, kind: u16) -> &str {
        self.kinds.get(kind as usize).map_or("?", |k| &k.name)
    }
}

/// Stable entity ids to bevy entities, and the next id to give.
///
/// Ids are handed out in order and never reused, so the map is a vector
/// indexed by id (a lookup is one load, no hashing); ids of despawned
/// entities hold a placeholder.
#[derive(Resource, Debug, Default)]
pub struct EntityIndex {
    by_id: Vec<Entity>,
    live: usize,
    /// Live (not despawning) entities per kind.
    per_kind: Vec<usize>,
    /// Entities marked despawning and not removed yet.
    pub(crate) despawning: usize,
    /// The id the next spawned entity gets (ids are never reused).
    pub next_id: u64,
    /// Ids this world hands out are `id_offset` modulo `id_stride` (a
    /// zone of a cluster of N zones spawns ids of its own residue, so
    /// zones never give the same id twice); 0 or 1: every id.
    pub id_stride: u64,
    /// See [`EntityIndex::id_stride`].
    pub id_offset: u64,
}

impl EntityIndex {
    /// The entity with stable id `id`.
    #[inline]
    pub fn get(&self, id: u64) -> Option<Entity> {
        self.by_id
            .get(usize::try_from(id).ok()?)
            .copied()
            .filter(|e| *e != Entity::PLACEHOLDER)
    }

    /// Records `entity` under `id`.
    pub fn insert(&mut self, id: u64, entity: Entity) {
        let i = id as usize;
        if self.by_id.len() <= i {
            self.by_id.resize(i + 1, Entity::PLACEHOLDER);
        }
        if self.by_id[i] == Entity::PLACEHOLDER {
            self.live += 1;
        }
        self.by_id[i] = entity;
        self.next_id = self.next_id.max(id + 1);
    }

    /// The id the next spawned entity gets: `next_id`, or the first id
    /// from it that is `id_offset` modulo `id_stride`.
    pub fn fresh_id(&self) -> u64 {
        if self.id_stride <= 1 {
            return self.next_id;
        }
        let r = self.next_id % self.id_stride;
        let off = self.id_offset % self.id_stride;
        self.next_id + (off + self.id_stride - r) % self.id_stride
    }

    /// Forgets `id`.
    pub fn remove(&mut self, id: u64) -> Option<Entity> {
        let slot = self.by_id.get_mut(usize::try_from(id).ok()?)?;
        let e = std::mem::replace(slot, Entity::PLACEHOLDER);
        if e == Entity::PLACEHOLDER {
            return None;
        }
        self.live -= 1;
        Some(e)
    }

    /// Counts a new entity of `kind`.
    pub(crate) fn count_in(&mut self, kind: u16) {
        let k = kind as usize;
        if self.per_kind.len() <= k {
            self.per_kind.resize(k + 1, 0);
        }
        self.per_kind[k] += 1;
    }

    /// Counts an entity of `kind` out (it is despawning).
    pub(crate) fn count_out(&mut self, kind: u16) {
        if let Some(n) = self.per_kind.get_mut(kind as usize) {
            *n = n.saturating_sub(1);
        }
    }

    /// Live entities of `kind` (or of every kind), not counting those
    /// despawning this tick.
    pub fn population(&self, kind: Option<u16>) -> usize {
        match kind {
            Some(k) => self.per_kind.get(k as usize).copied().unwrap_or(0),
            None => self.per_kind.iter().sum(),
        }
    }

    /// How many entities are marked despawning this tick (while none
    /// are, every indexed entity is live).
    pub fn despawning(&self) -> usize {
        self.despawning
    }

    /// How many entities are in the index (despawning ones included).
    pub fn len(&self) -> usize {
        self.live
    }

    /// Whether no entity is live.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }
}
