//! The components every world has.

use bevy_ecs::prelude::*;
use serde::{Deserialize, Serialize};

/// An entity's stable id: what scripts, snapshots and clients name it by.
/// (bevy's `Entity` is not stable across a save and a load.)
#[derive(
    Component, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct EntityId(pub u64);

/// Where an entity is, in world units.
#[derive(Component, Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Position {
    /// East.
    pub x: f64,
    /// South.
    pub y: f64,
}

/// How fast an entity moves, in world units per second of simulated
/// time (a tick is `1 / tick_rate` seconds).
#[derive(Component, Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Velocity {
    /// Along x.
    pub x: f64,
    /// Along y.
    pub y: f64,
}

impl From<(f64, f64)> for Position {
    fn from((x, y): (f64, f64)) -> Position {
        Position { x, y }
    }
}

impl From<(f64, f64)> for Velocity {
    fn from((x, y): (f64, f64)) -> Velocity {
        Velocity { x, y }
    }
}

/// The entity's kind: an index into [`crate::game::Registry::kinds`].
#[derive(Component, Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kind(pub u16);

/// The value of a registered data component.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PropValue {
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A flag.
    Bool(bool),
    /// A string.
    Str(String),
}

impl PropValue {
    /// The type's name, as scripts and world files spell it.
    pub fn type_name(&self) -> &'static str {
        match self {
            PropValue::Int(_) => "Int",
            PropValue::Float(_) => "Float",
            PropValue::Bool(_) => "Bool",
            PropValue::Str(_) => "Str",
        }
    }

    /// Feeds the value to a hasher (floats by their bits).
    pub fn hash_into(&self, h: &mut impl std::hash::Hasher) {
        use std::hash::Hash;
        match self {
            PropValue::Int(i) => (0u8, *i).hash(h),
            PropValue::Float(x) => (1u8, x.to_bits()).hash(h),
            PropValue::Bool(b) => (2u8, *b).hash(h),
            PropValue::Str(s) => {
                3u8.hash(h);
                (s.len() as u64).hash(h);
                h.write(s.as_bytes());
            }
        }
    }
}

/// The registered data components an entity has: (slot in the
/// registry's component list, value), sorted by slot.
#[derive(Component, Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Props(pub Vec<(u16, PropValue)>);

impl Props {
    /// The value in `slot`, if the entity has that component.
    pub fn get(&self, slot: u16) -> Option<&PropValue> {
        self.0
            .binary_search_by_key(&slot, |(s, _)| *s)
            .ok()
            .map(|i| &self.0[i].1)
    }

    /// The value in `slot`, mutable.
    pub fn get_mut(&mut self, slot: u16) -> Option<&mut PropValue> {
        match self.0.binary_search_by_key(&slot, |(s, _)| *s) {
            Ok(i) => Some(&mut self.0[i].1),
            Err(_) => None,
        }
    }
}

/// Marks an entity despawned during this tick: scripts see it as gone at
/// once, and the simulation phase removes it.
#[derive(Component, Clone, Copy, Debug)]
pub struct Despawning;
