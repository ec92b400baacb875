//! Sleeping tasklets: wall-clock deadlines (for standalone programs) and
//! tick counts (for the game loop).
//!
//! Two min-heaps ordered by (deadline, sequence number), so tasklets that
//! wake at the same time wake in the order they went to sleep. A sleeper
//! that leaves early (killed, or a select or socket that completed before
//! its timeout) leaves a stale entry behind; the scheduler recognises it
//! by its sequence number and skips it, and once stale entries are half
//! of the heaps they are swept out.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::time::Instant;

/// When a sleeping tasklet wakes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WakeAt {
    /// At this instant of the wall clock.
    Wall(Instant),
    /// When the scheduler's tick counter reaches this value.
    Tick(u64),
}

pub(crate) struct Timers {
    wall: BinaryHeap<Reverse<(Instant, u64, u32)>>,
    ticks: BinaryHeap<Reverse<(u64, u64, u32)>>,
    next_seq: u64,
    wall_live: usize,
    tick_live: usize,
    /// Sequence numbers of entries still in a heap whose sleeper left.
    stale: rustc_hash::FxHashSet<u64>,
    /// The entry popped last (its sleeper is being woken, not cancelled).
    last_popped: u64,
}

impl Default for Timers {
    fn default() -> Self {
        Timers {
            wall: BinaryHeap::new(),
            ticks: BinaryHeap::new(),
            next_seq: 0,
            wall_live: 0,
            tick_live: 0,
            stale: rustc_hash::FxHashSet::default(),
            last_popped: u64::MAX,
        }
    }
}

/// Stale entries are swept once there are at least this many.
const SWEEP_AT: usize = 1024;

impl Timers {
    /// Registers a sleeper; returns the sequence number that identifies it.
    pub(crate) fn add(&mut self, until: WakeAt, idx: u32) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        match until {
            WakeAt::Wall(at) => {
                self.wall.push(Reverse((at, seq, idx)));
                self.wall_live += 1;
            }
            WakeAt::Tick(tick) => {
                self.ticks.push(Reverse((tick, seq, idx)));
                self.tick_live += 1;
            }
        }
        seq
    }

    /// A sleeper left before its time (killed, woken otherwise) or was
    /// woken by its entry `seq`.
    pub(crate) fn cancelled(&mut self, until: WakeAt, seq: u64) {
        match until {
            WakeAt::Wall(_) => self.wall_live -= 1,
            WakeAt::Tick(_) => self.tick_live -= 1,
        }
        if seq != self.last_popped {
            self.stale.insert(seq);
            let entries = self.wall.len() + self.ticks.len();
            if self.stale.len() >= SWEEP_AT && self.stale.len() * 2 >= entries {
                let stale = std::mem::take(&mut self.stale);
                self.wall.retain(|Reverse((_, s, _))| !stale.contains(s));
                self.ticks.retain(|Reverse((_, s, _))| !stale.contains(s));
            }
        }
    }

    /// Sleepers on the wall clock.
    pub(crate) fn wall_sleepers(&self) -> usize {
        self.wall_live
    }

    /// Sleepers waiting for ticks.
    pub(crate) fn tick_sleepers(&self) -> usize {
        self.tick_live
    }

    /// The earliest wall deadline (possibly of a stale entry).
    pub(crate) fn next_wall_deadline(&self) -> Option<Instant> {
        self.wall.peek().map(|Reverse((at, _, _))| *at)
    }

    /// Pops an entry due at `now`: `(tasklet index, sequence)`.
    pub(crate) fn pop_due_wall(&mut self, now: Instant) -> Option<(u32, u64)> {
        match self.wall.peek() {
            Some(Reverse((at, _, _))) if *at <= now => {
                let Reverse((_, seq, idx)) = self.wall.pop()?;
                self.stale.remove(&seq);
                self.last_popped = seq;
                Some((idx, seq))
            }
            _ => None,
        }
    }

    /// Pops an entry due at `tick`.
    pub(crate) fn pop_due_tick(&mut self, tick: u64) -> Option<(u32, u64)> {
        match self.ticks.peek() {
            Some(Reverse((at, _, _))) if *at <= tick => {
                let Reverse((_, seq, idx)) = self.ticks.pop()?;
                self.stale.remove(&seq);
                self.last_popped = seq;
                Some((idx, seq))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_of_sleepers_that_left_early_are_swept() {
        let mut t = Timers::default();
        let far = WakeAt::Tick(1_000_000);
        for round in 0..10 {
            let seqs: Vec<u64> = (0..3000).map(|i| t.add(far, i)).collect();
            for seq in seqs {
                t.cancelled(far, seq);
            }
            assert!(
                t.ticks.len() < 4000,
                "round {round}: {} entries",
                t.ticks.len()
            );
        }
        assert_eq!(t.tick_sleepers(), 0);
        // A woken sleeper's entry is popped, not swept.
        t.add(WakeAt::Tick(5), 7);
        let (idx, seq) = t.pop_due_tick(5).expect("due");
        t.cancelled(WakeAt::Tick(5), seq);
        assert_eq!(idx, 7);
        assert!(!t.stale.contains(&seq));
    }
}
