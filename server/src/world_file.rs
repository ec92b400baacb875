//! World files (`assets/worlds/*.ron`): what a world is made of, read
//! from RON and checked, with every error naming the file, line and
//! column.
//!
//! ```ron
//! World(
//!     name: "meadow",
//!     size: (400.0, 300.0),
//!     tick_rate: 20,            // ticks per second (default 20)
//!     seed: 7,                  // the world's random generator
//!     edges: Bounce,            // or Wrap
//!     cell_size: 16.0,          // spatial index cell (about the usual query radius)
//!     script_budget: 20000000,  // VM instructions per tick; the rest runs next tick
//!     max_heap: 4294967296,     // bytes the behaviours' heap may hold (MemoryError beyond)
//!     dilation_floor: 0.1,      // the slowest the clock gets under load
//!     on_error: Restart,        // a behaviour that raises: Restart or Despawn
//!     snapshot_every: None,     // Some(N): save every N ticks (to snapshot_path)
//!     components: { "energy": 10.0, "name": "x" },   // registered data components and defaults
//!     kinds: {
//!         "sheep": (
//!             behaviour: Some("sheep.py:graze"),     // script (beside this file) and function
//!             components: { "energy": 20.0 },         // the components it has
//!             max_speed: Some(4.0),
//!             color: (230, 230, 230),
//!         ),
//!     },
//!     spawns: [ (kind: "sheep", count: 100, area: Some((0.0, 0.0, 100.0, 100.0))) ],
//! )
//! ```

use std::fmt;
use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;
use shoal_engine::game::{BehaviourRef, Edges, KindDef, PropValue, Registry, WorldRules};

/// An error in a file the server reads (a world file or one of its
/// scripts, a configuration), with its place.
#[derive(Debug, Clone, PartialEq)]
pub struct FileError {
    /// The file.
    pub file: String,
    /// 1-based line (0 when the error has no place in the file).
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// An error in a world file or one of its scripts.
pub type WorldError = FileError;

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        }
    }
}

impl std::error::Error for FileError {}

impl FileError {
    /// An error at `at` (1-based line and column; (0, 0) for none) of
    /// `file`.
    pub fn new(file: &str, at: (usize, usize), message: impl Into<String>) -> FileError {
        FileError {
            file: file.to_string(),
            line: at.0,
            column: at.1,
            message: message.into(),
        }
    }
}

/// Parses the RON `text` of `file` as a `T`; an error says where, and
/// that the file is not `what` it should be.
pub(crate) fn parse_ron<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
    what: &str,
) -> Result<T, FileError> {
    ron::from_str(text).map_err(|e| {
        FileError::new(
            file,
            (e.span.start.line, e.span.start.col),
            format!("not a valid {what}: {}", e.code),
        )
    })
}

/// What a behaviour that raises costs its entity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
pub enum ErrorPolicy {
    /// Start the behaviour again (from the top) next tick.
    #[default]
    Restart,
    /// Despawn the entity.
    Despawn,
}

/// A data component's value as a world file writes it: `3`, `2.5`,
/// `true` or `"text"`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum FileValue {
    /// A flag.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A string.
    Str(String),
}

impl FileValue {
    /// The value, an int widened to a float when `like` is a float.
    pub(crate) fn to_prop_like(&self, like: &PropValue) -> PropValue {
        match (like, self) {
            (PropValue::Float(_), FileValue::Int(i)) => PropValue::Float(*i as f64),
            _ => self.to_prop(),
        }
    }

    fn to_prop(&self) -> PropValue {
        match self {
            FileValue::Bool(b) => PropValue::Bool(*b),
            FileValue::Int(i) => PropValue::Int(*i),
            FileValue::Float(x) => PropValue::Float(*x),
            FileValue::Str(s) => PropValue::Str(s.clone()),
        }
    }
}

/// The most entities a world file may spawn.
const MAX_SPAWNS: u64 = 10_000_000;

fn default_rate() -> u32 {
    20
}
fn default_cell() -> f64 {
    16.0
}
fn default_max_heap() -> u64 {
    shoal_scripting::memory::DEFAULT_MAX_HEAP as u64
}

fn default_budget() -> u64 {
    20_000_000
}
fn default_floor() -> f64 {
    0.1
}
fn default_count() -> u32 {
    1
}
fn default_color() -> (u8, u8, u8) {
    (200, 200, 200)
}

/// A kind of entity, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindSpec {
    /// `"file.py:function"`.
    #[serde(default)]
    pub behaviour: Option<String>,
    /// The registered components it has, with initial values.
    #[serde(default)]
    pub components: IndexMap<String, FileValue>,
    /// Top speed (units per second).
    #[serde(default)]
    pub max_speed: Option<f64>,
    /// Colour for viewers.
    #[serde(default = "default_color")]
    pub color: (u8, u8, u8),
}

/// Initial entities, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpawnSpec {
    /// The kind.
    pub kind: String,
    /// How many.
    #[serde(default = "default_count")]
    pub count: u32,
    /// One place for all of them.
    #[serde(default)]
    pub at: Option<(f64, f64)>,
    /// A rectangle (x0, y0, x1, y1) they are scattered in (default: the
    /// whole world), from the world's seed.
    #[serde(default)]
    pub area: Option<(f64, f64, f64, f64)>,
    /// Component values overriding the kind's.
    #[serde(default)]
    pub components: IndexMap<String, FileValue>,
}

/// A world file, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "World")]
pub struct WorldSpec {
    /// Its name.
    pub name: String,
    /// (width, height) in world units.
    pub size: (f64, f64),
    /// Ticks per second.
    #[serde(default = "default_rate")]
    pub tick_rate: u32,
    /// Seed of the world's random generator.
    #[serde(default)]
    pub seed: u64,
    /// Bounce or Wrap.
    #[serde(default)]
    pub edges: Edges,
    /// Spatial index cell size.
    #[serde(default = "default_cell")]
    pub cell_size: f64,
    /// VM instructions per tick.
    #[serde(default = "default_budget")]
    pub script_budget: u64,
    /// The most bytes the behaviours' script heap may hold; a behaviour
    /// that allocates beyond it gets a MemoryError (default 4 GiB).
    #[serde(default = "default_max_heap")]
    pub max_heap: u64,
    /// The slowest the clock gets (0.1: a tenth of real time).
    #[serde(default = "default_floor")]
    pub dilation_floor: f64,
    /// What a failing behaviour costs.
    #[serde(default)]
    pub on_error: ErrorPolicy,
    /// Save a snapshot every N ticks.
    #[serde(default)]
    pub snapshot_every: Option<u64>,
    /// Where periodic snapshots go (default: `NAME.snapshot.ron` in the
    /// working directory).
    #[serde(default)]
    pub snapshot_path: Option<String>,
    /// Registered data components and their defaults.
    #[serde(default)]
    pub components: IndexMap<String, FileValue>,
    /// Kinds of entity.
    pub kinds: IndexMap<String, KindSpec>,
    /// Initial entities.
    #[serde(default)]
    pub spawns: Vec<SpawnSpec>,
    /// How the map splits into zones, each run by its own process on a
    /// NATS cluster (see docs/cluster.md); none: one process runs it all.
    #[serde(default)]
    pub zones: Option<crate::cluster::zones::ZonesSpec>,
}

/// A checked world: the spec plus what the engine needs.
#[derive(Debug, Clone)]
pub struct WorldDef {
    /// The file it came from (a path, or `<default>/...` for the
    /// embedded default world).
    pub path: String,
    /// Its text.
    pub text: String,
    /// The spec.
    pub spec: WorldSpec,
    /// The rules.
    pub rules: WorldRules,
    /// Kinds and components.
    pub registry: Registry,
}

impl WorldDef {
    /// The world's zones, if its file splits it (checked when parsed).
    pub fn zone_map(&self) -> Option<crate::cluster::zones::ZoneMap> {
        let z = self.spec.zones.as_ref()?;
        crate::cluster::zones::ZoneMap::new(z, self.spec.size, self.spec.edges, self.spec.cell_size)
            .ok()
    }

    /// The folder its scripts are in.
    pub fn dir(&self) -> String {
        Path::new(&self.path)
            .parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    }

    /// The path of a script named in the file.
    pub fn script_path(&self, script: &str) -> String {
        let dir = self.dir();
        if dir.is_empty() {
            script.to_string()
        } else {
            Path::new(&dir).join(script).display().to_string()
        }
    }
}

/// Line and column (1-based) of byte offset `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Where `needle` first appears in `text` after `after` (another needle
/// found first, to narrow the search), else where it first appears.
pub(crate) fn locate(text: &str, after: &[&str], needle: &str) -> (usize, usize) {
    let mut from = 0;
    for a in after {
        if let Some(i) = text[from..].find(a) {
            from += i + a.len();
        }
    }
    match text[from..]
        .find(needle)
        .map(|i| i + from)
        .or_else(|| text.find(needle))
    {
        Some(i) => line_col(text, i),
        None => (0, 0),
    }
}

/// Parses and checks a world file's text.
pub fn parse_world(path: &str, text: &str) -> Result<WorldDef, WorldError> {
    let err = |at: (usize, usize), message: String| FileError::new(path, at, message);
    let spec: WorldSpec = parse_ron(path, text, "world file")?;
    let (w, h) = spec.size;
    if !(w.is_finite() && h.is_finite() && w > 0.0 && h > 0.0) {
        return Err(err(
            locate(text, &[], "size"),
            format!("size must be two positive numbers, not ({w}, {h})"),
        ));
    }
    if spec.tick_rate == 0 || spec.tick_rate > 1000 {
        return Err(err(
            locate(text, &[], "tick_rate"),
            format!("tick_rate must be 1 to 1000, not {}", spec.tick_rate),
        ));
    }
    if !(spec.cell_size.is_finite() && spec.cell_size > 0.0) {
        return Err(err(
            locate(text, &[], "cell_size"),
            "cell_size must be a positive number".into(),
        ));
    }
    if !(spec.dilation_floor > 0.0 && spec.dilation_floor <= 1.0) {
        return Err(err(
            locate(text, &[], "dilation_floor"),
            "dilation_floor must be above 0 and at most 1".into(),
        ));
    }
    if spec.max_heap < 1 << 20 {
        return Err(err(
            locate(text, &[], "max_heap"),
            "max_heap must be at least 1 MiB (1048576 bytes)".into(),
        ));
    }
    if spec.script_budget == 0 {
        return Err(err(
            locate(text, &[], "script_budget"),
            "script_budget must be at least 1 instruction".into(),
        ));
    }
    if spec.snapshot_every == Some(0) {
        return Err(err(
            locate(text, &[], "snapshot_every"),
            "snapshot_every must be at least 1 tick".into(),
        ));
    }
    if spec.kinds.is_empty() {
        return Err(err(
            locate(text, &[], "kinds"),
            "a world needs at least one kind".into(),
        ));
    }
    if spec.kinds.len() > u16::MAX as usize || spec.components.len() > u16::MAX as usize {
        return Err(err((0, 0), "too many kinds or components".into()));
    }
    for (name, v) in &spec.components {
        if let FileValue::Float(x) = v
            && !x.is_finite()
        {
            return Err(err(
                locate(text, &["components"], &format!("\"{name}\"")),
                format!("component '{name}': a default must be a finite number, not {x}"),
            ));
        }
    }
    let total: u64 = spec.spawns.iter().map(|s| u64::from(s.count)).sum();
    if total > MAX_SPAWNS {
        return Err(err(
            locate(text, &[], "spawns"),
            format!("the spawns make {total} entities; a world starts with at most {MAX_SPAWNS}"),
        ));
    }
    let components: Vec<(String, PropValue)> = spec
        .components
        .iter()
        .map(|(n, v)| (n.clone(), v.to_prop()))
        .collect();
    let component_names: Vec<&str> = components.iter().map(|(n, _)| n.as_str()).collect();
    // A value for component `name`, typed as its default.
    let typed =
        |name: &str, v: &FileValue, at: (usize, usize)| -> Result<(u16, PropValue), WorldError> {
            let Some(slot) = components.iter().position(|(n, _)| n == name) else {
                let hint = shoal_scripting::name_hint(
                    name,
                    component_names.iter().copied(),
                    "components",
                    " (declare it in the world's `components`)",
                );
                return Err(err(at, format!("no component named '{name}'{hint}")));
            };
            let default = &components[slot].1;
            if let FileValue::Float(x) = v
                && !x.is_finite()
            {
                return Err(err(
                    at,
                    format!("component '{name}' must be a finite number, not {x}"),
                ));
            }
            let value = match (default, v.to_prop()) {
                (PropValue::Float(_), PropValue::Int(i)) => PropValue::Float(i as f64),
                (d, p) if std::mem::discriminant(d) == std::mem::discriminant(&p) => p,
                (d, p) => {
                    return Err(err(
                        at,
                        format!(
                            "component '{name}' holds {} values, not {}",
                            d.type_name(),
                            p.type_name()
                        ),
                    ));
                }
            };
            Ok((slot as u16, value))
        };
    let mut kinds = Vec::new();
    for (name, k) in &spec.kinds {
        let quoted = format!("\"{name}\"");
        let mut props = Vec::new();
        for (cname, v) in &k.components {
            let at = locate(text, &["kinds", &quoted], &format!("\"{cname}\""));
            props.push(typed(cname, v, at)?);
        }
        props.sort_by_key(|(slot, _)| *slot);
        if let Some(max) = k.max_speed
            && !(max.is_finite() && max >= 0.0)
        {
            return Err(err(
                locate(text, &["kinds", &quoted], "max_speed"),
                format!("kind '{name}': max_speed must be a number >= 0"),
            ));
        }
        let behaviour = match &k.behaviour {
            None => None,
            Some(b) => {
                let at = locate(text, &["kinds", &quoted], &format!("\"{b}\""));
                let Some((script, function)) = b.rsplit_once(':') else {
                    return Err(err(
                        at,
                        format!(
                            "kind '{name}': a behaviour is written \"file.py:function\", not \"{b}\""
                        ),
                    ));
                };
                if !script.ends_with(".py") || function.is_empty() {
                    return Err(err(
                        at,
                        format!(
                            "kind '{name}': a behaviour is written \"file.py:function\", not \"{b}\""
                        ),
                    ));
                }
                Some(BehaviourRef {
                    script: script.to_string(),
                    function: function.to_string(),
                })
            }
        };
        kinds.push(KindDef {
            name: name.clone(),
            props,
            max_speed: k.max_speed,
            color: k.color,
            behaviour,
        });
    }
    let kind_names: Vec<&str> = spec.kinds.keys().map(String::as_str).collect();
    for (i, s) in spec.spawns.iter().enumerate() {
        let spawn_at = || {
            // The i-th `kind:` after `spawns`.
            let mut after = vec!["spawns"];
            after.extend(std::iter::repeat_n("kind", i));
            locate(text, &after, "kind")
        };
        if !spec.kinds.contains_key(&s.kind) {
            let hint = shoal_scripting::name_hint(&s.kind, kind_names.iter().copied(), "kinds", "");
            return Err(err(
                locate(text, &["spawns"], &format!("\"{}\"", s.kind)),
                format!("no kind named '{}'{hint}", s.kind),
            ));
        }
        for (cname, v) in &s.components {
            typed(cname, v, spawn_at())?;
            let kind = &spec.kinds[&s.kind];
            if !kind.components.contains_key(cname) {
                return Err(err(
                    spawn_at(),
                    format!("kind '{}' has no component '{cname}'", s.kind),
                ));
            }
        }
        let inside = |x: f64, y: f64| {
            x.is_finite() && y.is_finite() && (0.0..=w).contains(&x) && (0.0..=h).contains(&y)
        };
        if let Some((x, y)) = s.at
            && !inside(x, y)
        {
            return Err(err(
                spawn_at(),
                format!("spawn at ({x}, {y}) is outside the world (0..{w}, 0..{h})"),
            ));
        }
        if let Some((x0, y0, x1, y1)) = s.area
            && !(inside(x0, y0) && inside(x1, y1) && x0 <= x1 && y0 <= y1)
        {
            return Err(err(
                spawn_at(),
                format!(
                    "spawn area ({x0}, {y0}, {x1}, {y1}) must be x0 <= x1, y0 <= y1 inside the world"
                ),
            ));
        }
    }
    let rules = WorldRules {
        width: w,
        height: h,
        edges: spec.edges,
        tick_rate: spec.tick_rate,
    };
    if let Some(z) = &spec.zones
        && let Err(message) =
            crate::cluster::zones::ZoneMap::new(z, spec.size, spec.edges, spec.cell_size)
    {
        return Err(err(locate(text, &[], "zones:"), message));
    }
    Ok(WorldDef {
        path: path.to_string(),
        text: text.to_string(),
        registry: Registry { components, kinds },
        rules,
        spec,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"World(
    name: "t",
    size: (100.0, 50.0),
    seed: 3,
    components: { "energy": 1.0, "team": 0 },
    kinds: {
        "sheep": (behaviour: Some("s.py:graze"), components: { "energy": 5 }),
        "rock": (),
    },
    spawns: [ (kind: "sheep", count: 3), (kind: "rock", at: Some((1.0, 2.0))) ],
)"#;

    #[test]
    fn a_good_file() {
        let w = parse_world("w/t.ron", GOOD).unwrap();
        assert_eq!(w.rules.tick_rate, 20);
        assert_eq!(w.registry.kinds.len(), 2);
        assert_eq!(w.registry.kinds[0].props, vec![(0, PropValue::Float(5.0))]);
        assert_eq!(w.script_path("s.py"), "w/s.py");
        assert_eq!(w.spec.spawns[0].count, 3);
    }

    fn error(text: &str) -> String {
        parse_world("t.ron", text).unwrap_err().to_string()
    }

    #[test]
    fn errors_name_file_line_and_column() {
        assert_eq!(
            error(&GOOD.replace("count: 3", "count: -3")),
            "t.ron:10:39: not a valid world file: Integer is out of bounds"
        );
        assert_eq!(
            error(&GOOD.replace("(kind: \"rock\"", "(kind: \"rocks\"")),
            "t.ron:10:49: no kind named 'rocks'; did you mean 'rock'?"
        );
        assert_eq!(
            error(&GOOD.replace("{ \"energy\": 5 }", "{ \"enrgy\": 5 }")),
            "t.ron:7:64: no component named 'enrgy'; did you mean 'energy'?"
        );
        assert_eq!(
            error(&GOOD.replace("{ \"energy\": 5 }", "{ \"energy\": \"x\" }")),
            "t.ron:7:64: component 'energy' holds Float values, not Str"
        );
        assert_eq!(
            error(&GOOD.replace("s.py:graze", "s.py")),
            "t.ron:7:35: kind 'sheep': a behaviour is written \"file.py:function\", not \"s.py\""
        );
        assert_eq!(
            error(&GOOD.replace("Some((1.0, 2.0))", "Some((1.0, 200.0))")),
            "t.ron:10:43: spawn at (1, 200) is outside the world (0..100, 0..50)"
        );
        let unknown = error(&GOOD.replace("seed: 3,", "seed: 3, speed: 4,"));
        assert!(
            unknown.starts_with("t.ron:4:") && unknown.contains("`speed`"),
            "{unknown}"
        );
        let cut = error("World(");
        assert!(
            cut == "t.ron:1:6: not a valid world file: Unexpected end of RON",
            "{cut}"
        );
    }
}
