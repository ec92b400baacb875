//! The spatial index behind neighbour queries: a uniform grid rebuilt
//! once per tick (a counting sort of every entity by cell), so a query
//! looks at the cells its circle touches instead of every entity.

use bevy_ecs::prelude::*;

use super::registry::{Edges, WorldRules};

#[derive(Clone, Copy, Debug)]
struct Item {
    x: f64,
    y: f64,
    id: u64,
    kind: u16,
}

/// Entities by grid cell, as they were at the last rebuild (the end of
/// the previous tick's simulation phase).
#[derive(Resource, Debug)]
pub struct SpatialIndex {
    /// Cell width and height (the world divides into whole cells, so
    /// that a torus wraps at cell boundaries).
    cw: f64,
    ch: f64,
    cols: usize,
    rows: usize,
    width: f64,
    height: f64,
    wrap: bool,
    /// `starts[c]..starts[c + 1]` are the items of cell `c`.
    starts: Vec<u32>,
    items: Vec<Item>,
    /// Cell of each entry during a rebuild (kept for its allocation).
    scratch: Vec<(u32, Item)>,
}

impl SpatialIndex {
    /// An empty index over the world of `rules` with square cells of
    /// `cell` units (a good size is the usual query radius).
    pub fn new(rules: &WorldRules, cell: f64) -> SpatialIndex {
        let cell = if cell.is_finite() && cell > 0.0 {
            cell
        } else {
            1.0
        };
        // Bound the grid: a tiny cell over a huge world would allocate
        // more cells than there will ever be entities.
        let cols = ((rules.width / cell).ceil() as usize).clamp(1, 4096);
        let rows = ((rules.height / cell).ceil() as usize).clamp(1, 4096);
        SpatialIndex {
            cw: rules.width / cols as f64,
            ch: rules.height / rows as f64,
            cols,
            rows,
            width: rules.width,
            height: rules.height,
            wrap: rules.edges == Edges::Wrap,
            starts: vec![0; cols * rows + 1],
            items: Vec::new(),
            scratch: Vec::new(),
        }
    }

    fn col(&self, x: f64) -> usize {
        ((x / self.cw) as isize).clamp(0, self.cols as isize - 1) as usize
    }

    fn row(&self, y: f64) -> usize {
        ((y / self.ch) as isize).clamp(0, self.rows as isize - 1) as usize
    }

    /// Replaces the contents with `entities` (id, kind, x, y).
    pub fn rebuild(&mut self, entities: impl Iterator<Item = (u64, u16, f64, f64)>) {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        self.starts.iter_mut().for_each(|s| *s = 0);
        for (id, kind, x, y) in entities {
            let c = self.row(y) * self.cols + self.col(x);
            self.starts[c + 1] += 1;
            scratch.push((c as u32, Item { x, y, id, kind }));
        }
        for c in 1..self.starts.len() {
            self.starts[c] += self.starts[c - 1];
        }
        self.items.clear();
        self.items.resize(
            scratch.len(),
            Item {
                x: 0.0,
                y: 0.0,
                id: 0,
                kind: 0,
            },
        );
        // Fill each cell from its start (`next` counts up per cell).
        let mut next: Vec<u32> = self.starts[..self.starts.len() - 1].to_vec();
        for (c, item) in scratch.iter() {
            let at = &mut next[*c as usize];
            self.items[*at as usize] = *item;
            *at += 1;
        }
        self.scratch = scratch;
    }

    /// How many entities the index holds.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The cells (column or row indices) a span `lo..=hi` of coordinates
    /// touches, wrapped on a torus.
    fn span(&self, lo: f64, hi: f64, cell: f64, n: usize) -> impl Iterator<Item = usize> + use<> {
        let a = (lo / cell).floor() as i64;
        let b = (hi / cell).floor() as i64;
        let (a, b, wrap) = if self.wrap {
            if b - a + 1 >= n as i64 {
                (0, n as i64 - 1, false)
            } else {
                (a, b, true)
            }
        } else {
            (a.max(0), b.min(n as i64 - 1), false)
        };
        (a..=b).map(move |i| {
            if wrap {
                i.rem_euclid(n as i64) as usize
            } else {
                i as usize
            }
        })
    }

    /// Entities within `radius` of (`x`, `y`), optionally of one kind and
    /// without `exclude`, as (squared distance, id) nearest first (ties
    /// by id, so the order never depends on the grid's layout).
    pub fn query(
        &self,
        x: f64,
        y: f64,
        radius: f64,
        kind: Option<u16>,
        exclude: Option<u64>,
        out: &mut Vec<(f64, u64)>,
    ) {
        out.clear();
        if !(radius >= 0.0) || !x.is_finite() || !y.is_finite() {
            return;
        }
        let r2 = radius * radius;
        for row in self.span(y - radius, y + radius, self.ch, self.rows) {
            for col in self.span(x - radius, x + radius, self.cw, self.cols) {
                let c = row * self.cols + col;
                let cell = &self.items[self.starts[c] as usize..self.starts[c + 1] as usize];
                for it in cell {
                    if kind.is_some_and(|k| k != it.kind) || exclude == Some(it.id) {
                        continue;
                    }
                    let (mut dx, mut dy) = (it.x - x, it.y - y);
                    if self.wrap {
                        dx -= self.width * (dx / self.width).round();
                        dy -= self.height * (dy / self.height).round();
                    }
                    let d2 = dx * dx + dy * dy;
                    if d2 <= r2 {
                        out.push((d2, it.id));
                    }
                }
            }
        }
        out.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(edges: Edges) -> WorldRules {
        WorldRules {
            width: 100.0,
            height: 50.0,
            edges,
            tick_rate: 20,
        }
    }

    /// Every query agrees with a scan of all entities.
    #[test]
    fn queries_match_a_full_scan() {
        for edges in [Edges::Bounce, Edges::Wrap] {
            let r = rules(edges);
            let mut index = SpatialIndex::new(&r, 7.0);
            let mut seed = 12345u64;
            let mut rnd = move || {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (seed >> 11) as f64 / (1u64 << 53) as f64
            };
            let ents: Vec<(u64, u16, f64, f64)> = (0..500)
                .map(|i| (i, (i % 3) as u16, rnd() * 100.0, rnd() * 50.0))
                .collect();
            index.rebuild(ents.iter().copied());
            assert_eq!(index.len(), 500);
            let mut out = Vec::new();
            for q in 0..200 {
                let (x, y, radius) = (rnd() * 100.0, rnd() * 50.0, rnd() * 30.0);
                let kind = (q % 2 == 0).then_some(1);
                index.query(x, y, radius, kind, Some(7), &mut out);
                let mut want: Vec<(f64, u64)> = ents
                    .iter()
                    .filter(|e| kind.is_none_or(|k| k == e.1) && e.0 != 7)
                    .map(|e| {
                        let (mut dx, mut dy) = (e.2 - x, e.3 - y);
                        if edges == Edges::Wrap {
                            dx -= 100.0 * (dx / 100.0).round();
                            dy -= 50.0 * (dy / 50.0).round();
                        }
                        (dx * dx + dy * dy, e.0)
                    })
                    .filter(|(d2, _)| *d2 <= radius * radius)
                    .collect();
                want.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                assert_eq!(out, want, "{edges:?} query {q}");
            }
        }
    }
}
