//! World snapshots: the whole running world in one RON file, written
//! atomically, loadable in another process.
//!
//! A snapshot holds the world file's text (so the snapshot says what
//! world it is), the tick and clock, every entity with its components,
//! and the script side as [`Vm::save_world`] writes it: the heap, every
//! behaviour tasklet's frames and the operation it waits in, the run
//! queue, channel queues, sleepers and their wake ticks, the random
//! generator. Scripts are not copied: they are compiled again from their
//! files and a changed function is refused by name.
//!
//! Native tasklets are not saved (they are Rust closures on their own
//! stacks). Whoever spawned them recreates them after loading: a
//! connection handler, for instance, is recreated when its client
//! reconnects; a native tasklet that serves script channels must be
//! spawned again on the loaded world's channels.
//!
//! [`Vm::save_world`]: shoal_scripting::Vm::save_world

use std::io::Write;
use std::path::Path;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use shoal_engine::game::{
    EntityIndex, Position, Props, Velocity, rebuild_spatial_index, spawn_entity, world_entities,
};

use shoal_scripting::stackless::LoadedWorld;

use crate::sim::Sim;
use crate::world_file::{WorldError, parse_world};

/// The snapshot format this build writes and reads.
pub const SNAPSHOT_FORMAT: u32 = 2;

#[derive(Serialize, Deserialize)]
struct SavedEntity {
    id: u64,
    kind: u16,
    pos: (f64, f64),
    vel: (f64, f64),
    props: Props,
}

/// The file's contents; `S` is the script side, borrowed from the VM when
/// saving and owned when loading.
#[derive(Serialize, Deserialize)]
#[serde(rename = "WorldSnapshot")]
struct SimSnapshot<S> {
    format: u32,
    world_path: String,
    world_text: String,
    tick: u64,
    dilation: f64,
    next_id: u64,
    entities: Vec<SavedEntity>,
    scripts: S,
}

/// Why a snapshot could not be written or read.
#[derive(Debug)]
pub enum SnapshotError {
    /// Reading or writing the file.
    Io(String, std::io::Error),
    /// Not a snapshot, or a damaged one (the RON error has line:column).
    Parse(String, String),
    /// Written by another version of the format.
    Format(u32),
    /// The state cannot be saved now, or the saved one cannot load.
    World(WorldError),
    /// Something in the world cannot be saved.
    Save(String),
    /// The snapshot's contents do not hold together.
    Load(String),
}

impl std::fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SnapshotError::Io(p, e) => write!(f, "{p}: {e}"),
            SnapshotError::Parse(p, e) => write!(f, "{p}:{e}"),
            SnapshotError::Format(v) => write!(
                f,
                "snapshot format {v} is not supported (this build reads format {SNAPSHOT_FORMAT})"
            ),
            SnapshotError::World(e) => write!(f, "{e}"),
            SnapshotError::Save(e) => write!(f, "cannot save the world: {e}"),
            SnapshotError::Load(e) => write!(f, "the snapshot is damaged: {e}"),
        }
    }
}

impl std::error::Error for SnapshotError {}

/// Writes `text` to `path` atomically: a temporary file beside it,
/// synced, then renamed over it (a crash leaves the old file or the new
/// one, never half of one).
pub fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "snapshot".into());
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        // The rename itself is durable once the folder is synced.
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The most entity ids a snapshot may have handed out (the entity index
/// takes 8 bytes per id).
pub(crate) const MAX_IDS: u64 = 1 << 32;

/// Checks a snapshot's entities against its world: ids unique and below
/// `next_id`, kinds known, components those of the kind with their types.
fn check_entities(sim: &Sim, entities: &[SavedEntity], next_id: u64) -> Result<(), SnapshotError> {
    let bad = |m: String| Err(SnapshotError::Load(m));
    if next_id > MAX_IDS {
        return bad(format!("next_id {next_id} is beyond {MAX_IDS}"));
    }
    let registry = &sim.def().registry;
    let mut last = None;
    for e in entities {
        if last.is_some_and(|l| e.id <= l) {
            return bad(format!("entity {} is out of order or repeated", e.id));
        }
        last = Some(e.id);
        if e.id >= next_id {
            return bad(format!("entity {} is not below next_id {next_id}", e.id));
        }
        let Some(kind) = registry.kinds.get(e.kind as usize) else {
            return bad(format!(
                "entity {} has kind {}; the world has {} kinds",
                e.id,
                e.kind,
                registry.kinds.len()
            ));
        };
        let fits = e.props.0.len() == kind.props.len()
            && e.props.0.iter().zip(&kind.props).all(|((s, v), (ks, kv))| {
                s == ks && std::mem::discriminant(v) == std::mem::discriminant(kv)
            });
        let finite = [e.pos.0, e.pos.1, e.vel.0, e.vel.1]
            .iter()
            .all(|x| x.is_finite());
        if !fits || !finite {
            return bad(format!(
                "entity {} ({}) has components that are not its kind's",
                e.id, kind.name
            ));
        }
    }
    Ok(())
}

impl Sim {
    /// The whole world as snapshot text (between ticks).
    pub fn save(&self) -> Result<String, SnapshotError> {
        let vm = self.vm().borrow();
        let scripts = self
            .holds_lifted(|| vm.save_world_data())
            .map_err(SnapshotError::Save)?;
        let mut ecs = self.ecs().borrow_mut();
        let next_id = ecs.resource::<EntityIndex>().next_id;
        // Ghosts are other zones' entities: never saved here.
        let ghosts: std::collections::HashSet<u64> = ecs
            .query_filtered::<&shoal_engine::game::EntityId, bevy_ecs::query::With<crate::cluster::Ghost>>()
            .iter(&ecs)
            .map(|i| i.0)
            .collect();
        let entities = world_entities(&mut ecs)
            .into_iter()
            .filter(|e| !ghosts.contains(&e.0.0))
            .map(|(id, kind, p, v, props)| SavedEntity {
                id: id.0,
                kind: kind.0,
                pos: (p.x, p.y),
                vel: (v.x, v.y),
                props,
            })
            .collect();
        drop(ecs);
        let snapshot = SimSnapshot {
            format: SNAPSHOT_FORMAT,
            world_path: self.def().path.clone(),
            world_text: self.def().text.clone(),
            tick: shoal_engine::tick(),
            dilation: self.clock().dilation(),
            next_id,
            entities,
            scripts,
        };
        ron::ser::to_string(&snapshot).map_err(|e| SnapshotError::Save(e.to_string()))
    }

    /// Saves the world to `path` atomically.
    pub fn save_to(&self, path: &Path) -> Result<(), SnapshotError> {
        let text = self.save()?;
        write_atomically(path, &text).map_err(|e| SnapshotError::Io(path.display().to_string(), e))
    }

    /// Loads a world saved by [`Sim::save`] on this thread (which must
    /// have no scheduler yet). `name` is where the text came from (for
    /// errors).
    pub fn load(
        name: &str,
        text: &str,
        embedded: Rc<[(String, String)]>,
    ) -> Result<Sim, SnapshotError> {
        // The version first (it leads the file), so that another
        // version's snapshot gets a clear message rather than a parse
        // error somewhere in its body.
        let mut end = text.len().min(200);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let head = &text[..end];
        if let Some(v) = head
            .split_once("format:")
            .and_then(|(_, rest)| {
                rest.trim_start()
                    .split(|c: char| !c.is_ascii_digit())
                    .next()
            })
            .and_then(|n| n.parse::<u32>().ok())
            && v != SNAPSHOT_FORMAT
        {
            return Err(SnapshotError::Format(v));
        }
        let snapshot: SimSnapshot<LoadedWorld> = ron::from_str(text).map_err(|e| {
            SnapshotError::Parse(name.to_string(), format!("{}: {}", e.span.start, e.code))
        })?;
        if snapshot.format != SNAPSHOT_FORMAT {
            return Err(SnapshotError::Format(snapshot.format));
        }
        let def = parse_world(&snapshot.world_path, &snapshot.world_text)
            .map_err(SnapshotError::World)?;
        let sim = Sim::from_parts_loaded(def, embedded, snapshot.scripts, snapshot.dilation)
            .map_err(SnapshotError::World)?;
        if shoal_engine::tick() != snapshot.tick {
            return Err(SnapshotError::Load(format!(
                "the scripts were saved at tick {}, the world at tick {}",
                shoal_engine::tick(),
                snapshot.tick
            )));
        }
        check_entities(&sim, &snapshot.entities, snapshot.next_id)?;
        {
            let mut ecs = sim.ecs().borrow_mut();
            for e in snapshot.entities {
                spawn_entity(
                    &mut ecs,
                    Some(e.id),
                    e.kind,
                    Position::from(e.pos),
                    Velocity::from(e.vel),
                    Some(e.props),
                );
            }
            let mut index = ecs.resource_mut::<EntityIndex>();
            index.next_id = index.next_id.max(snapshot.next_id);
            rebuild_spatial_index(&mut ecs);
        }
        Ok(sim)
    }

    /// Loads a snapshot file.
    pub fn load_from(path: &Path, embedded: Rc<[(String, String)]>) -> Result<Sim, SnapshotError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| SnapshotError::Io(path.display().to_string(), e))?;
        Sim::load(&path.display().to_string(), &text, embedded)
    }
}
