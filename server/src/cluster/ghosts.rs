//! Ghosts: read-only copies of another zone's entities near the border,
//! so that neighbour queries (`world.nearest`, `neighbours`, `count`)
//! see across it. Each zone sends each neighbour, every tick, the
//! entities within the ghost margin of it; the neighbour replaces what
//! it had from that zone with the new list. A ghost moves with its last
//! known velocity between updates; writes to it raise, posts to it go to
//! its owner.

use bevy_ecs::prelude::*;
use serde::{Deserialize, Serialize};
use shoal_engine::game::{
    EntityId, EntityIndex, Kind, Position, Props, Velocity, despawn_now, live_entity, spawn_entity,
};

/// Marks an entity as another zone's, mirrored here.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ghost {
    /// The index of the zone that owns it.
    pub zone: u16,
}

/// How many ghosts of each kind a world holds (so populations count
/// only a zone's own entities).
#[derive(Resource, Debug, Default, Clone)]
pub struct GhostCount(pub Vec<usize>);

/// One mirrored entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GhostState {
    /// Its id.
    pub id: u64,
    /// Its kind index (zones share the world file).
    pub kind: u16,
    /// Position.
    pub pos: (f64, f64),
    /// Velocity.
    pub vel: (f64, f64),
    /// Data components.
    pub props: Props,
}

/// Live entities of `kind` (or all) that this zone owns: ghosts are not
/// counted.
pub fn own_population(w: &World, kind: Option<u16>) -> usize {
    let all = w.resource::<EntityIndex>().population(kind);
    let ghosts = w.get_resource::<GhostCount>().map_or(0, |g| match kind {
        Some(k) => g.0.get(k as usize).copied().unwrap_or(0),
        None => g.0.iter().sum(),
    });
    all.saturating_sub(ghosts)
}

/// The states of `ids` (own entities) to mirror elsewhere.
pub fn ghost_states(w: &World, ids: &[u64]) -> Vec<GhostState> {
    let mut out = Vec::with_capacity(ids.len());
    for &id in ids {
        let Some(e) = live_entity(w, id) else {
            continue;
        };
        if w.get::<Ghost>(e).is_some() {
            continue;
        }
        let (Some(k), Some(p), Some(v), Some(props)) = (
            w.get::<Kind>(e),
            w.get::<Position>(e),
            w.get::<Velocity>(e),
            w.get::<Props>(e),
        ) else {
            continue;
        };
        out.push(GhostState {
            id,
            kind: k.0,
            pos: (p.x, p.y),
            vel: (v.x, v.y),
            props: props.clone(),
        });
    }
    out
}

/// Removes the ghost `id`, if there is one (not an own entity).
pub fn remove_ghost(w: &mut World, id: u64) -> bool {
    let Some(e) = live_entity(w, id) else {
        return false;
    };
    if w.get::<Ghost>(e).is_none() {
        return false;
    }
    let kind = w.get::<Kind>(e).map_or(0, |k| k.0);
    despawn_now(w, id);
    if let Some(mut c) = w.get_resource_mut::<GhostCount>()
        && let Some(n) = c.0.get_mut(kind as usize)
    {
        *n = n.saturating_sub(1);
    }
    true
}

/// Replaces the ghosts zone `zone` sent with `states`: new ones are
/// added, known ones moved, missing ones removed. Ids this zone owns
/// are skipped (a handoff in flight). Kinds the world does not have and
/// non-finite numbers are skipped too (the sender is another process).
pub fn apply_ghosts(w: &mut World, zone: u16, states: &[GhostState]) {
    if w.get_resource::<GhostCount>().is_none() {
        w.insert_resource(GhostCount::default());
    }
    let shapes: Vec<Vec<(u16, std::mem::Discriminant<shoal_engine::game::PropValue>)>> = w
        .resource::<shoal_engine::game::Registry>()
        .kinds
        .iter()
        .map(|k| {
            k.props
                .iter()
                .map(|(s, v)| (*s, std::mem::discriminant(v)))
                .collect()
        })
        .collect();
    let kinds = shapes.len();
    let mut keep = std::collections::HashSet::with_capacity(states.len());
    for s in states {
        let finite = [s.pos.0, s.pos.1, s.vel.0, s.vel.1]
            .iter()
            .all(|v| v.is_finite());
        if !finite || (s.kind as usize) >= kinds || s.id >= super::MAX_CLUSTER_IDS {
            continue;
        }
        // Components as the kind has them (slots in order, same types).
        let shape = &shapes[s.kind as usize];
        let same = shape.len() == s.props.0.len()
            && shape
                .iter()
                .zip(&s.props.0)
                .all(|((a, da), (b, vb))| a == b && *da == std::mem::discriminant(vb));
        if !same {
            continue;
        }
        let existing = live_entity(w, s.id);
        match existing {
            Some(e) => {
                let Some(g) = w.get::<Ghost>(e).copied() else {
                    // One of ours.
                    continue;
                };
                keep.insert(s.id);
                let same_kind = w.get::<Kind>(e).is_some_and(|k| k.0 == s.kind);
                if !same_kind {
                    continue;
                }
                let mut em = w.entity_mut(e);
                if g.zone != zone {
                    em.insert(Ghost { zone });
                }
                if let Some(mut p) = em.get_mut::<Position>() {
                    *p = Position::from(s.pos);
                }
                if let Some(mut v) = em.get_mut::<Velocity>() {
                    *v = Velocity::from(s.vel);
                }
                if let Some(mut p) = em.get_mut::<Props>() {
                    *p = s.props.clone();
                }
            }
            None => {
                keep.insert(s.id);
                spawn_entity(
                    w,
                    Some(s.id),
                    s.kind,
                    Position::from(s.pos),
                    Velocity::from(s.vel),
                    Some(s.props.clone()),
                );
                if let Some(e) = live_entity(w, s.id) {
                    w.entity_mut(e).insert(Ghost { zone });
                }
                let mut c = w.resource_mut::<GhostCount>();
                if c.0.len() <= s.kind as usize {
                    c.0.resize(s.kind as usize + 1, 0);
                }
                c.0[s.kind as usize] += 1;
            }
        }
    }
    // The ghosts from this zone that it no longer sends.
    let stale: Vec<u64> = w
        .query::<(&EntityId, &Ghost)>()
        .iter(w)
        .filter(|(id, g)| g.zone == zone && !keep.contains(&id.0))
        .map(|(id, _)| id.0)
        .collect();
    for id in stale {
        remove_ghost(w, id);
    }
}

/// How many ghosts the world holds.
pub fn ghost_total(w: &World) -> usize {
    w.get_resource::<GhostCount>()
        .map_or(0, |g| g.0.iter().sum())
}
