//! The default world, carried in the program: `assets/worlds/default.ron`
//! and its scripts, compiled in, so `shoal world run` and `shoal-server`
//! work from any folder. Its files are named `<default>/...` in errors
//! and tracebacks.

use std::rc::Rc;

use crate::world_file::{WorldDef, WorldError, parse_world};

/// The name the default world's file goes by.
pub const DEFAULT_WORLD_PATH: &str = "<default>/default.ron";

/// The default world's files: (name, text).
pub const FILES: &[(&str, &str)] = &[
    (
        DEFAULT_WORLD_PATH,
        include_str!("../../assets/worlds/default.ron"),
    ),
    (
        "<default>/ecosystem.py",
        include_str!("../../assets/worlds/ecosystem.py"),
    ),
];

/// The default world's source files, for [`crate::Sim::new`] and
/// [`crate::Sim::load`].
pub fn embedded_sources() -> Rc<[(String, String)]> {
    FILES
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect()
}

/// The default world's definition.
pub fn default_world() -> Result<WorldDef, WorldError> {
    parse_world(DEFAULT_WORLD_PATH, FILES[0].1)
}

/// Reads and checks a world file from disk.
pub fn load_world_file(path: &str) -> Result<WorldDef, WorldError> {
    let text = std::fs::read_to_string(path).map_err(|e| WorldError {
        file: path.to_string(),
        line: 0,
        column: 0,
        message: format!("cannot read the world file: {e}"),
    })?;
    parse_world(path, &text)
}
