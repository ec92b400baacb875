//! Zones: how a world file splits its map among zone processes, and the
//! geometry the cluster needs (who owns a point, which zones an entity
//! near a border is mirrored to).

use serde::{Deserialize, Serialize};

use shoal_engine::game::Edges;

/// A world file's `zones`: a grid of equal rectangles or named regions,
/// and how far from a border entities are mirrored to the neighbour.
///
/// ```ron
/// zones: Some((grid: Some((2, 1)), ghost_margin: Some(24.0))),
/// zones: Some((regions: { "west": (0.0, 0.0, 320.0, 400.0), "east": (320.0, 0.0, 640.0, 400.0) })),
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ZonesSpec {
    /// (columns, rows): zones named `c{column}r{row}`, from the top left.
    #[serde(default)]
    pub grid: Option<(u32, u32)>,
    /// Named rectangles (x0, y0, x1, y1), half-open.
    #[serde(default)]
    pub regions: indexmap::IndexMap<String, (f64, f64, f64, f64)>,
    /// Entities this close to another zone are mirrored there read-only
    /// (default: four spatial cells).
    #[serde(default)]
    pub ghost_margin: Option<f64>,
}

/// The most zones a world may have.
pub const MAX_ZONES: usize = 64;

/// One zone: its name and rectangle.
#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    /// Its name (a NATS subject token).
    pub name: String,
    /// (x0, y0, x1, y1), half-open.
    pub rect: (f64, f64, f64, f64),
}

/// A world's zones, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoneMap {
    /// The zones, in file order (a zone's index is its position here).
    pub zones: Vec<Zone>,
    /// How far from a border entities are mirrored.
    pub ghost_margin: f64,
    /// The world's size and edges (distances wrap on a torus).
    pub size: (f64, f64),
    /// Whether the world wraps.
    pub wrap: bool,
}

/// Whether `name` can be a zone name: a NATS subject token and a KV key.
pub fn valid_zone_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

impl ZoneMap {
    /// Checks `spec` for a world of `size` and `edges`, and lays out its
    /// zones; the error says what is wrong.
    pub fn new(
        spec: &ZonesSpec,
        size: (f64, f64),
        edges: Edges,
        cell: f64,
    ) -> Result<ZoneMap, String> {
        let (w, h) = size;
        let zones = match (spec.grid, spec.regions.is_empty()) {
            (Some(_), false) => {
                return Err("zones: give either grid or regions, not both".into());
            }
            (None, true) => return Err("zones: give a grid or regions".into()),
            (Some((cols, rows)), true) => {
                if cols == 0 || rows == 0 || (cols as usize) * (rows as usize) > MAX_ZONES {
                    return Err(format!(
                        "zones: a grid of {cols} x {rows} (1 to {MAX_ZONES} zones)"
                    ));
                }
                let mut zones = Vec::new();
                for r in 0..rows {
                    for c in 0..cols {
                        let x0 = w * f64::from(c) / f64::from(cols);
                        let x1 = w * f64::from(c + 1) / f64::from(cols);
                        let y0 = h * f64::from(r) / f64::from(rows);
                        let y1 = h * f64::from(r + 1) / f64::from(rows);
                        zones.push(Zone {
                            name: format!("c{c}r{r}"),
                            rect: (x0, y0, x1, y1),
                        });
                    }
                }
                zones
            }
            (None, false) => {
                if spec.regions.len() > MAX_ZONES {
                    return Err(format!("zones: at most {MAX_ZONES} regions"));
                }
                let mut zones = Vec::new();
                for (name, &(x0, y0, x1, y1)) in &spec.regions {
                    if !valid_zone_name(name) {
                        return Err(format!(
                            "zones: region name '{name}' must be 1 to 64 letters, digits, '_' or '-'"
                        ));
                    }
                    let finite = [x0, y0, x1, y1].iter().all(|v| v.is_finite());
                    if !finite || x0 >= x1 || y0 >= y1 {
                        return Err(format!(
                            "zones: region '{name}' must be (x0, y0, x1, y1) with x0 < x1 and y0 < y1"
                        ));
                    }
                    zones.push(Zone {
                        name: name.clone(),
                        rect: (x0, y0, x1, y1),
                    });
                }
                zones
            }
        };
        let ghost_margin = spec.ghost_margin.unwrap_or(cell * 4.0);
        if !(ghost_margin.is_finite() && ghost_margin >= 0.0) {
            return Err("zones: ghost_margin must be a number >= 0".into());
        }
        Ok(ZoneMap {
            zones,
            ghost_margin,
            size,
            wrap: edges == Edges::Wrap,
        })
    }

    /// The index of the zone called `name`.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.zones.iter().position(|z| z.name == name)
    }

    /// The zone that owns the point (`x`, `y`): the first whose rectangle
    /// holds it, else the nearest (a point of no region's, on a border
    /// of the world).
    pub fn zone_at(&self, x: f64, y: f64) -> usize {
        if let Some(i) = self.zones.iter().position(|z| {
            let (x0, y0, x1, y1) = z.rect;
            x >= x0 && x < x1 && y >= y0 && y < y1
        }) {
            return i;
        }
        let mut best = (f64::INFINITY, 0);
        for (i, _) in self.zones.iter().enumerate() {
            let d = self.distance_to(i, x, y);
            if d < best.0 {
                best = (d, i);
            }
        }
        best.1
    }

    /// The distance from (`x`, `y`) to zone `i`'s rectangle (0 inside),
    /// across the world's edges when it wraps.
    pub fn distance_to(&self, i: usize, x: f64, y: f64) -> f64 {
        let Some(z) = self.zones.get(i) else {
            return f64::INFINITY;
        };
        let (x0, y0, x1, y1) = z.rect;
        let axis = |v: f64, lo: f64, hi: f64, len: f64| -> f64 {
            let d = if v < lo {
                lo - v
            } else if v >= hi {
                v - hi
            } else {
                0.0
            };
            if self.wrap && d > 0.0 {
                // The other way round the torus.
                let around = if v < lo { v + len - hi } else { lo + len - v };
                d.min(around.max(0.0))
            } else {
                d
            }
        };
        let dx = axis(x, x0, x1, self.size.0);
        let dy = axis(y, y0, y1, self.size.1);
        (dx * dx + dy * dy).sqrt()
    }

    /// The zones other than `home` that an entity at (`x`, `y`) is
    /// mirrored to: those within the ghost margin.
    pub fn ghost_targets(&self, home: usize, x: f64, y: f64, out: &mut Vec<usize>) {
        out.clear();
        for i in 0..self.zones.len() {
            if i != home && self.distance_to(i, x, y) <= self.ghost_margin {
                out.push(i);
            }
        }
    }

    /// Whether zones `a` and `b` are within a ghost margin of each other
    /// (they exchange ghosts and handoffs).
    pub fn neighbours(&self, a: usize, b: usize) -> bool {
        if a == b {
            return false;
        }
        let Some(z) = self.zones.get(b) else {
            return false;
        };
        let (x0, y0, x1, y1) = z.rect;
        // The nearest point of b's rectangle to a's, sampled at corners
        // and the middles of its sides (rectangles: exact enough).
        let pts = [
            (x0, y0),
            (x1, y0),
            (x0, y1),
            (x1, y1),
            ((x0 + x1) / 2.0, y0),
            ((x0 + x1) / 2.0, y1),
            (x0, (y0 + y1) / 2.0),
            (x1, (y0 + y1) / 2.0),
        ];
        pts.iter()
            .any(|&(x, y)| self.distance_to(a, x, y) <= self.ghost_margin.max(1e-9))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(cols: u32, rows: u32, wrap: bool) -> ZoneMap {
        let spec = ZonesSpec {
            grid: Some((cols, rows)),
            ghost_margin: Some(10.0),
            ..Default::default()
        };
        let edges = if wrap { Edges::Wrap } else { Edges::Bounce };
        ZoneMap::new(&spec, (200.0, 100.0), edges, 8.0).unwrap()
    }

    #[test]
    fn a_grid_names_and_places_its_zones() {
        let m = grid(2, 2, false);
        let names: Vec<&str> = m.zones.iter().map(|z| z.name.as_str()).collect();
        assert_eq!(names, ["c0r0", "c1r0", "c0r1", "c1r1"]);
        assert_eq!(m.zone_at(10.0, 10.0), 0);
        assert_eq!(m.zone_at(150.0, 10.0), 1);
        assert_eq!(m.zone_at(10.0, 60.0), 2);
        assert_eq!(m.zone_at(100.0, 50.0), 3);
        // The far edge belongs to the last zone.
        assert_eq!(m.zone_at(200.0, 100.0), 3);
    }

    #[test]
    fn ghosts_go_to_zones_within_the_margin_across_a_torus() {
        let m = grid(2, 1, true);
        let mut out = Vec::new();
        m.ghost_targets(0, 95.0, 50.0, &mut out);
        assert_eq!(out, [1]);
        m.ghost_targets(0, 50.0, 50.0, &mut out);
        assert!(out.is_empty());
        // Near x = 0: zone 1 is 5 away round the torus.
        m.ghost_targets(0, 5.0, 50.0, &mut out);
        assert_eq!(out, [1]);
        let flat = grid(2, 1, false);
        flat.ghost_targets(0, 5.0, 50.0, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn bad_specs_are_refused_with_a_reason() {
        let bad =
            |spec: ZonesSpec| ZoneMap::new(&spec, (100.0, 100.0), Edges::Bounce, 8.0).unwrap_err();
        assert!(bad(ZonesSpec::default()).contains("grid or regions"));
        assert!(
            bad(ZonesSpec {
                grid: Some((0, 3)),
                ..Default::default()
            })
            .contains("1 to 64")
        );
        let mut regions = indexmap::IndexMap::new();
        regions.insert("a b".to_string(), (0.0, 0.0, 1.0, 1.0));
        assert!(
            bad(ZonesSpec {
                regions,
                ..Default::default()
            })
            .contains("letters")
        );
    }
}
