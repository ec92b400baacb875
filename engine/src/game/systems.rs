//! Building a world, spawning and despawning, the simulation systems
//! (movement, then the spatial index), and the state hash.

use std::hash::{Hash, Hasher};

use bevy_ecs::prelude::*;

use super::components::{Despawning, EntityId, Kind, Position, Props, Velocity};
use super::registry::{Edges, EntityIndex, Registry, WorldRules};
use super::spatial::SpatialIndex;

/// A bevy world holding a game world's resources: its rules, registry,
/// entity index and spatial index (cells of `cell` units).
pub fn new_world(rules: WorldRules, registry: Registry, cell: f64) -> World {
    let mut world = World::new();
    world.insert_resource(SpatialIndex::new(&rules, cell, registry.kinds.len()));
    world.insert_resource(rules);
    world.insert_resource(registry);
    world.insert_resource(EntityIndex::default());
    world
}

/// Spawns an entity of `kind` at `pos` with the given id (or the next
/// free one) and returns its id. Its data components start from the
/// kind's values, overridden by `props`.
pub fn spawn_entity(
    world: &mut World,
    id: Option<u64>,
    kind: u16,
    pos: Position,
    vel: Velocity,
    props: Option<Props>,
) -> u64 {
    let props = props.unwrap_or_else(|| {
        let registry = world.resource::<Registry>();
        Props(
            registry
                .kinds
                .get(kind as usize)
                .map(|k| k.props.clone())
                .unwrap_or_default(),
        )
    });
    let id = id.unwrap_or_else(|| world.resource::<EntityIndex>().fresh_id());
    let entity = world
        .spawn((EntityId(id), Kind(kind), pos, vel, props))
        .id();
    let mut index = world.resource_mut::<EntityIndex>();
    index.insert(id, entity);
    index.count_in(kind);
    id
}

/// The bevy entity of `id` if it is live (not despawning).
pub fn live_entity(world: &World, id: u64) -> Option<Entity> {
    let index = world.resource::<EntityIndex>();
    let e = index.get(id)?;
    // While nothing despawns this tick, every indexed entity is live.
    if index.despawning() == 0 || world.get::<Despawning>(e).is_none() {
        Some(e)
    } else {
        None
    }
}

/// The name of `entity`'s kind (`"?"` if it has none).
pub fn kind_name_of(world: &World, entity: Entity) -> &str {
    let kind = world.get::<Kind>(entity).map_or(u16::MAX, |k| k.0);
    world.resource::<Registry>().kind_name(kind)
}

/// Marks entity `id` as despawning: scripts see it gone at once, and
/// [`despawn_marked`] removes it in the simulation phase. False if there
/// is no such live entity.
pub fn mark_despawned(world: &mut World, id: u64) -> bool {
    let Some(e) = world.resource::<EntityIndex>().get(id) else {
        return false;
    };
    if world.get::<Despawning>(e).is_some() {
        return false;
    }
    let kind = world.get::<Kind>(e).map_or(0, |k| k.0);
    world.entity_mut(e).insert(Despawning);
    let mut index = world.resource_mut::<EntityIndex>();
    index.count_out(kind);
    index.despawning += 1;
    true
}

/// Removes entity `id` at once (not at the next simulation phase): for
/// the host between ticks, when an entity leaves this world for another
/// (a zone's handoff, a ghost that is no longer mirrored). False if
/// there is no such entity.
pub fn despawn_now(world: &mut World, id: u64) -> bool {
    let Some(e) = world.resource::<EntityIndex>().get(id) else {
        return false;
    };
    let marked = world.get::<Despawning>(e).is_some();
    let kind = world.get::<Kind>(e).map_or(0, |k| k.0);
    world.despawn(e);
    let mut index = world.resource_mut::<EntityIndex>();
    index.remove(id);
    if marked {
        index.despawning = index.despawning.saturating_sub(1);
    } else {
        index.count_out(kind);
    }
    true
}

/// Removes the entities marked [`Despawning`]; returns their ids, in
/// order.
pub fn despawn_marked(world: &mut World) -> Vec<u64> {
    let mut marked: Vec<(u64, Entity)> = world
        .query_filtered::<(Entity, &EntityId), With<Despawning>>()
        .iter(world)
        .map(|(e, id)| (id.0, e))
        .collect();
    marked.sort_unstable_by_key(|(id, _)| *id);
    for (id, e) in &marked {
        world.despawn(*e);
        world.resource_mut::<EntityIndex>().remove(*id);
    }
    world.resource_mut::<EntityIndex>().despawning = 0;
    marked.into_iter().map(|(id, _)| id).collect()
}

/// Moves every entity by its velocity for one tick, clamped to its
/// kind's top speed, and applies the world's edges.
fn movement(
    rules: Res<WorldRules>,
    registry: Res<Registry>,
    mut q: Query<(&Kind, &mut Position, &mut Velocity), Without<Despawning>>,
) {
    let dt = rules.dt();
    let (w, h) = (rules.width, rules.height);
    for (kind, mut p, mut v) in &mut q {
        if v.x == 0.0 && v.y == 0.0 {
            continue;
        }
        if let Some(max) = registry
            .kinds
            .get(kind.0 as usize)
            .and_then(|k| k.max_speed)
        {
            let speed = (v.x * v.x + v.y * v.y).sqrt();
            if speed > max {
                let s = max / speed;
                v.x *= s;
                v.y *= s;
            }
        }
        let (mut x, mut y) = (p.x + v.x * dt, p.y + v.y * dt);
        match rules.edges {
            Edges::Wrap => {
                x = x.rem_euclid(w);
                y = y.rem_euclid(h);
            }
            Edges::Bounce => {
                if x < 0.0 || x > w {
                    x = x.clamp(0.0, w);
                    v.x = -v.x;
                }
                if y < 0.0 || y > h {
                    y = y.clamp(0.0, h);
                    v.y = -v.y;
                }
            }
        }
        p.x = x;
        p.y = y;
    }
}

/// Rebuilds the spatial index from every live entity's position.
fn rebuild_index(
    mut index: ResMut<SpatialIndex>,
    q: Query<(&EntityId, &Kind, &Position), Without<Despawning>>,
) {
    index.rebuild(q.iter().map(|(id, k, p)| (id.0, k.0, p.x, p.y)));
}

/// Rebuilds the spatial index now (after spawning a world's first
/// entities, or loading them).
pub fn rebuild_spatial_index(world: &mut World) {
    let items: Vec<(u64, u16, f64, f64)> = world
        .query_filtered::<(&EntityId, &Kind, &Position), Without<Despawning>>()
        .iter(world)
        .map(|(id, k, p)| (id.0, k.0, p.x, p.y))
        .collect();
    world
        .resource_mut::<SpatialIndex>()
        .rebuild(items.into_iter());
}

/// The simulation phase's systems: movement, then the spatial index.
pub fn simulation_schedule() -> Schedule {
    let mut schedule = Schedule::default();
    schedule.add_systems((movement, rebuild_index).chain());
    schedule
}

/// Every entity's state, by id: what snapshots save and the state hash
/// covers.
pub fn world_entities(world: &mut World) -> Vec<(EntityId, Kind, Position, Velocity, Props)> {
    let mut all: Vec<_> = world
        .query_filtered::<(&EntityId, &Kind, &Position, &Velocity, &Props), Without<Despawning>>()
        .iter(world)
        .map(|(i, k, p, v, pr)| (*i, *k, *p, *v, pr.clone()))
        .collect();
    all.sort_unstable_by_key(|e| e.0);
    all
}

/// A hash of every entity's components (in id order, floats by their
/// bits), mixed into `h` (a [`crate::game::StableHasher`] makes it the
/// same on every platform).
pub fn state_hash(world: &mut World, h: &mut impl Hasher) {
    let all = world_entities(world);
    (all.len() as u64).hash(h);
    for (id, kind, p, v, props) in all {
        (id.0, kind.0).hash(h);
        for n in [p.x, p.y, v.x, v.y] {
            n.to_bits().hash(h);
        }
        for (slot, value) in &props.0 {
            slot.hash(h);
            value.hash_into(h);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::game::{KindDef, PropValue};

    fn world(edges: Edges) -> World {
        let rules = WorldRules {
            width: 10.0,
            height: 10.0,
            edges,
            tick_rate: 10,
        };
        let registry = Registry {
            components: vec![("energy".into(), PropValue::Float(1.0))],
            kinds: vec![KindDef {
                name: "mover".into(),
                props: vec![(0, PropValue::Float(3.0))],
                max_speed: Some(10.0),
                color: (0, 0, 0),
                behaviour: None,
            }],
        };
        new_world(rules, registry, 2.0)
    }

    #[test]
    fn movement_edges_and_index() {
        let mut w = world(Edges::Bounce);
        let a = spawn_entity(
            &mut w,
            None,
            0,
            Position { x: 9.5, y: 5.0 },
            Velocity { x: 20.0, y: 0.0 },
            None,
        );
        let b = spawn_entity(
            &mut w,
            None,
            0,
            Position { x: 1.0, y: 1.0 },
            Velocity::default(),
            None,
        );
        assert_eq!((a, b), (0, 1));
        let mut s = simulation_schedule();
        s.run(&mut w);
        let all = world_entities(&mut w);
        // Clamped to 10 units/s, 0.1 s: 9.5 + 1.0 passes the edge and bounces.
        assert_eq!(all[0].2, Position { x: 10.0, y: 5.0 });
        assert_eq!(all[0].3, Velocity { x: -10.0, y: 0.0 });
        assert_eq!(all[0].4.get(0), Some(&PropValue::Float(3.0)));
        let mut out = Vec::new();
        w.resource::<SpatialIndex>()
            .query(0.0, 0.0, 2.0, None, None, &mut out);
        assert_eq!(out, vec![(2.0, 1)]);

        let mut w = world(Edges::Wrap);
        spawn_entity(
            &mut w,
            None,
            0,
            Position { x: 9.5, y: 0.2 },
            Velocity { x: 8.0, y: -4.0 },
            None,
        );
        simulation_schedule().run(&mut w);
        let p = world_entities(&mut w)[0].2;
        assert!(
            (p.x - 0.3).abs() < 1e-9 && (p.y - 9.8).abs() < 1e-9,
            "{p:?}"
        );
    }

    #[test]
    fn despawn_and_hash() {
        let mut w = world(Edges::Bounce);
        for i in 0..3 {
            spawn_entity(
                &mut w,
                None,
                0,
                Position {
                    x: i as f64,
                    y: 0.0,
                },
                Velocity::default(),
                None,
            );
        }
        let hash = |w: &mut World| {
            let mut h = crate::game::StableHasher::new();
            state_hash(w, &mut h);
            h.finish()
        };
        let before = hash(&mut w);
        assert_eq!(w.resource::<EntityIndex>().population(Some(0)), 3);
        assert!(mark_despawned(&mut w, 1));
        assert!(!mark_despawned(&mut w, 1));
        assert_eq!(w.resource::<EntityIndex>().population(Some(0)), 2);
        assert_ne!(hash(&mut w), before);
        assert_eq!(despawn_marked(&mut w), vec![1]);
        assert_eq!(w.resource::<EntityIndex>().len(), 2);
        assert!(w.resource::<EntityIndex>().get(1).is_none());
        // Ids are never reused.
        let id = spawn_entity(
            &mut w,
            None,
            0,
            Position::default(),
            Velocity::default(),
            None,
        );
        assert_eq!(id, 3);
    }
}
