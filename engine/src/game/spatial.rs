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
}

/// Entities by kind and grid cell, as they were at the last rebuild (the
/// end of the previous tick's simulation phase). Each kind has its own
/// grid, so a query for one kind never looks at the others.
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
    /// Kinds indexed (one more than the largest kind seen).
    kinds: usize,
    /// `starts[k * cells + c]..starts[k * cells + c + 1]` are the items of
    /// kind `k` in cell `c`.
    starts: Vec<u32>,
    items: Vec<Item>,
    /// Bucket of each entry during a rebuild, and the next free place in
    /// each bucket (kept for their allocations).
    scratch: Vec<(u32, Item)>,
    next: Vec<u32>,
}

/// The most buckets (cells times kinds) the grids have together (coarser
/// cells beyond): bounds the memory and the per-tick cost of a huge world
/// with a small cell size or many kinds.
const MAX_BUCKETS: usize = 1 << 20;

impl SpatialIndex {
    /// An empty index over the world of `rules` with square cells of
    /// `cell` units (a good size is the usual query radius), for `kinds`
    /// kinds of entity.
    pub fn new(rules: &WorldRules, cell: f64, kinds: usize) -> SpatialIndex {
        let mut cell = if cell.is_finite() && cell > 0.0 {
            cell
        } else {
            1.0
        };
        let max_cells = (MAX_BUCKETS / kinds.max(1)).max(256);
        while (rules.width / cell).ceil() * (rules.height / cell).ceil() > max_cells as f64 {
            cell *= 1.5;
        }
        let cols = ((rules.width / cell).ceil() as usize).max(1);
        let rows = ((rules.height / cell).ceil() as usize).max(1);
        SpatialIndex {
            cw: rules.width / cols as f64,
            ch: rules.height / rows as f64,
            cols,
            rows,
            width: rules.width,
            height: rules.height,
            wrap: rules.edges == Edges::Wrap,
            kinds: 0,
            starts: vec![0],
            items: Vec::new(),
            scratch: Vec::new(),
            next: Vec::new(),
        }
    }

    fn col(&self, x: f64) -> usize {
        ((x / self.cw) as isize).clamp(0, self.cols as isize - 1) as usize
    }

    fn row(&self, y: f64) -> usize {
        ((y / self.ch) as isize).clamp(0, self.rows as isize - 1) as usize
    }

    fn cells(&self) -> usize {
        self.cols * self.rows
    }

    /// Replaces the contents with `entities` (id, kind, x, y).
    pub fn rebuild(&mut self, entities: impl Iterator<Item = (u64, u16, f64, f64)>) {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        let cells = self.cells();
        let mut kinds = 0;
        for (id, kind, x, y) in entities {
            let c = self.row(y) * self.cols + self.col(x);
            kinds = kinds.max(kind as usize + 1);
            scratch.push(((kind as usize * cells + c) as u32, Item { x, y, id }));
        }
        self.kinds = kinds;
        self.starts.clear();
        self.starts.resize(kinds * cells + 1, 0);
        for (b, _) in &scratch {
            self.starts[*b as usize + 1] += 1;
        }
        for b in 1..self.starts.len() {
            self.starts[b] += self.starts[b - 1];
        }
        self.items.clear();
        self.items.resize(
            scratch.len(),
            Item {
                x: 0.0,
                y: 0.0,
                id: 0,
            },
        );
        // Fill each bucket from its start (`next` counts up per bucket).
        let mut next = std::mem::take(&mut self.next);
        next.clear();
        next.extend_from_slice(&self.starts[..self.starts.len() - 1]);
        for (b, item) in scratch.iter() {
            let at = &mut next[*b as usize];
            self.items[*at as usize] = *item;
            *at += 1;
        }
        self.scratch = scratch;
        self.next = next;
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
    /// touches: the first, and how many (wrapping past `n - 1` to 0 on a
    /// torus).
    fn span(&self, lo: f64, hi: f64, cell: f64, n: usize) -> (usize, usize) {
        // `floor` without a libm call (the build does not assume SSE4.1).
        let floor = |v: f64| {
            let t = v as i64;
            if (t as f64) > v { t - 1 } else { t }
        };
        let (a, b, n) = (floor(lo / cell), floor(hi / cell), n as i64);
        if self.wrap {
            if b - a + 1 >= n {
                (0, n as usize)
            } else {
                (a.rem_euclid(n) as usize, (b - a + 1) as usize)
            }
        } else {
            let (a, b) = (a.max(0), b.min(n - 1));
            if b < a {
                (0, 0)
            } else {
                (a as usize, (b - a + 1) as usize)
            }
        }
    }

    /// Calls `f(squared distance, id)` for every entity within `radius`
    /// of (`x`, `y`), of `kind` if given.
    fn visit(&self, x: f64, y: f64, radius: f64, kind: Option<u16>, mut f: impl FnMut(f64, u64)) {
        if radius.is_nan() || radius < 0.0 || !x.is_finite() || !y.is_finite() {
            return;
        }
        // Nothing is farther than the world's diagonal (and a huge radius
        // must not overflow the cell arithmetic).
        let radius = radius.min((self.width * self.width + self.height * self.height).sqrt());
        let kinds = match kind {
            Some(k) if (k as usize) < self.kinds => k as usize..k as usize + 1,
            Some(_) => return,
            None => 0..self.kinds,
        };
        let r2 = radius * radius;
        let cells = self.cells();
        let (hw, hh) = (self.width / 2.0, self.height / 2.0);
        let (row0, nrows) = self.span(y - radius, y + radius, self.ch, self.rows);
        let (col0, ncols) = self.span(x - radius, x + radius, self.cw, self.cols);
        let mut row = row0;
        for _ in 0..nrows {
            let mut col = col0;
            for _ in 0..ncols {
                let c = row * self.cols + col;
                col += 1;
                if col == self.cols {
                    col = 0;
                }
                for k in kinds.clone() {
                    let b = k * cells + c;
                    let bucket = &self.items[self.starts[b] as usize..self.starts[b + 1] as usize];
                    for it in bucket {
                        let (mut dx, mut dy) = (it.x - x, it.y - y);
                        if self.wrap {
                            if dx > hw {
                                dx -= self.width;
                            } else if dx < -hw {
                                dx += self.width;
                            }
                            if dy > hh {
                                dy -= self.height;
                            } else if dy < -hh {
                                dy += self.height;
                            }
                        }
                        let d2 = dx * dx + dy * dy;
                        if d2 <= r2 {
                            f(d2, it.id);
                        }
                    }
                }
            }
            row += 1;
            if row == self.rows {
                row = 0;
            }
        }
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
        self.visit(x, y, radius, kind, |d2, id| {
            if exclude != Some(id) {
                out.push((d2, id));
            }
        });
        out.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    }

    /// The nearest entity within `radius` (ties by lowest id) that is not
    /// `exclude` and that `accept` takes, with its squared distance.
    pub fn nearest(
        &self,
        x: f64,
        y: f64,
        radius: f64,
        kind: Option<u16>,
        exclude: Option<u64>,
        mut accept: impl FnMut(u64) -> bool,
    ) -> Option<(f64, u64)> {
        let mut best: Option<(f64, u64)> = None;
        self.visit(x, y, radius, kind, |d2, id| {
            let better = match best {
                None => true,
                Some((bd, bid)) => d2 < bd || (d2 == bd && id < bid),
            };
            if better && exclude != Some(id) && accept(id) {
                best = Some((d2, id));
            }
        });
        best
    }
}

/// The Z-order (Morton) index of the grid cell of side `cell` that holds
/// (`x`, `y`): places close in space are close in this order. Spawning
/// entities in this order gives neighbours neighbouring ids, so they run
/// one after another and their queries find the index in cache.
pub fn z_order(x: f64, y: f64, cell: f64) -> u64 {
    fn spread(v: u32) -> u64 {
        let mut v = u64::from(v);
        v = (v | (v << 16)) & 0x0000_ffff_0000_ffff;
        v = (v | (v << 8)) & 0x00ff_00ff_00ff_00ff;
        v = (v | (v << 4)) & 0x0f0f_0f0f_0f0f_0f0f;
        v = (v | (v << 2)) & 0x3333_3333_3333_3333;
        v = (v | (v << 1)) & 0x5555_5555_5555_5555;
        v
    }
    spread((x / cell) as u32) | (spread((y / cell) as u32) << 1)
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
            let mut index = SpatialIndex::new(&r, 7.0, 3);
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
                let (x, y, radius) = match q {
                    // Bigger than the world: everything, without overflow.
                    0 => (1.0, 1.0, 1e300),
                    _ => (rnd() * 100.0, rnd() * 50.0, rnd() * 30.0),
                };
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
                let odd = |id: u64| id % 2 == 1;
                let first_odd = want.iter().copied().find(|(_, id)| odd(*id));
                assert_eq!(
                    index.nearest(x, y, radius, kind, Some(7), odd),
                    first_odd,
                    "{edges:?} nearest {q}"
                );
            }
        }
    }
}
