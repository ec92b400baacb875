//! The ECS side of a game world (bevy_ecs): the components every world
//! has, the registry of kinds and data components a world file declares,
//! the spatial index behind neighbour queries, the simulation systems run
//! each tick, and the tick clock with time dilation.
//!
//! The engine knows nothing of scripts: a world's behaviours are soft
//! tasklets that the scheduler runs in the script phase of a tick, and
//! they reach the `World` through whoever drives the loop (the script VM's
//! `world` module). The phases of one tick are driven by the server's
//! world runner; this module gives it the pieces.

mod components;
mod dilation;
mod registry;
mod spatial;
mod stable_hash;
mod systems;

pub use components::{Despawning, EntityId, Kind, Position, PropValue, Props, Velocity};
pub use dilation::{TickClock, TickStats};
pub use registry::{BehaviourRef, Edges, EntityIndex, KindDef, Registry, WorldRules};
pub use spatial::{SpatialIndex, z_order};
pub use stable_hash::StableHasher;
pub use systems::{
    despawn_marked, despawn_now, kind_name_of, live_entity, mark_despawned, new_world,
    rebuild_spatial_index, simulation_schedule, spawn_entity, state_hash, world_entities,
};
