//! Sleeping tasklets: wall-clock deadlines (for standalone programs) and
//! tick counts (for the game loop).
//!
//! Two min-heaps ordered by (deadline, sequence number), so tasklets that
//! wake at the same time wake in the order they went to sleep. A killed
//! sleeper leaves a stale entry behind; the scheduler recognises it by its
//! sequence number and skips it.

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

#[derive(Default)]
pub(crate) struct Timers {
    wall: BinaryHeap<Reverse<(Instant, u64, u32)>>,
    ticks: BinaryHeap<Reverse<(u64, u64, u32)>>,
    next_seq: u64,
    wall_live: usize,
    tick_live: usize,
}

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

    /// A sleeper left before its time (killed) or was woken.
    pub(crate) fn cancelled(&mut self, until: WakeAt) {
        match until {
            WakeAt::Wall(_) => self.wall_live -= 1,
            WakeAt::Tick(_) => self.tick_live -= 1,
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
                Some((idx, seq))
            }
            _ => None,
        }
    }
}
