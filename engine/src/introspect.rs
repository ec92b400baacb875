//! Introspection: what every tasklet is, does and waits on. The viewer and
//! the admin console show this.

use std::rc::Rc;
use std::time::{Duration, Instant};

use crate::clock;
use crate::reactor::SourceLabel;
use crate::scheduler::{Rec, State, Wait};
use crate::tasklet::Tasklet;
use crate::timer::WakeAt;

/// The kind of a tasklet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskletKind {
    /// The thread's own code.
    Main,
    /// A Rust closure on its own stack.
    Native,
    /// A tasklet run by an interpreter (a script).
    Soft,
}

/// Where a tasklet is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskletState {
    /// Bound to a function but not set up yet.
    Bound,
    /// Running now.
    Running,
    /// In the run queue.
    Runnable,
    /// Waiting on a channel.
    Blocked,
    /// Asleep until a time or tick.
    Sleeping,
    /// Parked on a socket or a call on the blocking pool.
    Io,
    /// Paused in `run()`, waiting for the queue to run out.
    Watchdog,
    /// Alive, out of the queue (removed, switched away, interrupted).
    Paused,
}

/// What a tasklet waits on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockedOn {
    /// A channel, to send or to receive.
    Channel {
        /// The channel's id.
        id: u64,
        /// The channel's name, if it has one.
        name: Option<Rc<str>>,
        /// Waiting to send (else to receive).
        sending: bool,
    },
    /// A select (any one of several channel operations) or a join (values
    /// from all, or enough, of several channels).
    Select {
        /// The channels' ids, in case order.
        channels: Vec<u64>,
        /// A join (else a select).
        join: bool,
    },
    /// A timer: the time left on the wall clock.
    Sleep {
        /// Time left (zero if due).
        remaining: Duration,
    },
    /// A timer: the tick it wakes at.
    Tick {
        /// The tick it wakes at.
        at: u64,
    },
    /// A socket (or a blocking call): which one, and which way.
    Io {
        /// The socket's kind and addresses (or the call's name).
        source: SourceLabel,
        /// Waiting to write (else to read or accept).
        writing: bool,
        /// Time left before the call times out, if it has a timeout.
        remaining: Option<Duration>,
    },
}

/// One tasklet as introspection sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskletInfo {
    /// The tasklet's handle.
    pub tasklet: Tasklet,
    /// Its id (creation order; main is 0).
    pub id: u64,
    /// Its name, if any.
    pub name: Option<Rc<str>>,
    /// Main, native or soft.
    pub kind: TaskletKind,
    /// Where it is in its life.
    pub state: TaskletState,
    /// What it waits on, if it is blocked or asleep.
    pub blocked_on: Option<BlockedOn>,
    /// How many times it was given the CPU.
    pub runs: u64,
    /// CPU time charged to it (0 when CPU accounting is off).
    pub cpu_time: Duration,
    /// Its priority level (higher levels run first; 0 by default).
    pub priority: i32,
}

/// Counters of a whole scheduler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchedulerStats {
    /// Live tasklets, main included.
    pub tasklets: usize,
    /// Tasklets in the run queue.
    pub runnable: usize,
    /// Tasklets blocked on channels.
    pub blocked: usize,
    /// Tasklets asleep (ticks or wall clock).
    pub sleeping: usize,
    /// Tasklets parked on sockets or blocking calls.
    pub io_waiting: usize,
    /// Switches since the scheduler started.
    pub switches: u64,
    /// The tick counter.
    pub tick: u64,
    /// Native stacks mapped (in use or pooled).
    pub stacks_mapped: usize,
    /// Native stacks waiting in the pool.
    pub stacks_idle: usize,
    /// Bytes reserved per native stack.
    pub stack_size: usize,
}

pub(crate) fn info_of(st: &State, idx: u32, r: &Rec) -> TaskletInfo {
    // What a tasklet waits on comes first: inside a schedule callback the
    // tasklet that just blocked is still the current one.
    let state = match r.wait {
        Wait::Channel { .. } | Wait::Select { .. } => TaskletState::Blocked,
        Wait::Sleep { .. } => TaskletState::Sleeping,
        Wait::Io { .. } => TaskletState::Io,
        Wait::None if idx == st.running => TaskletState::Running,
        Wait::None if !r.alive => TaskletState::Bound,
        Wait::None if r.in_ring() => TaskletState::Runnable,
        Wait::None if st.is_watchdog(idx) => TaskletState::Watchdog,
        Wait::None => TaskletState::Paused,
    };
    let blocked_on = match &r.wait {
        Wait::None => None,
        Wait::Channel { chan, sending } => {
            let info = chan.info();
            Some(BlockedOn::Channel {
                id: info.id,
                name: info.name,
                sending: *sending,
            })
        }
        Wait::Select { chans, join, .. } => Some(BlockedOn::Select {
            channels: chans.iter().map(|c| c.info().id).collect(),
            join: *join,
        }),
        Wait::Sleep {
            until: WakeAt::Wall(at),
            ..
        } => Some(BlockedOn::Sleep {
            remaining: at.saturating_duration_since(Instant::now()),
        }),
        Wait::Sleep {
            until: WakeAt::Tick(at),
            ..
        } => Some(BlockedOn::Tick { at: *at }),
        Wait::Io {
            key,
            writing,
            timer,
        } => crate::reactor::label_of(st, *key).map(|source| BlockedOn::Io {
            source,
            writing: *writing,
            remaining: timer.map(|(_, at)| at.saturating_duration_since(Instant::now())),
        }),
    };
    TaskletInfo {
        tasklet: st.handle(idx),
        id: r.serial,
        name: r.name.clone(),
        kind: r.kind(),
        state,
        blocked_on,
        runs: r.runs,
        cpu_time: clock::to_duration(r.cpu_ticks),
        priority: r.priority,
    }
}

pub(crate) fn all(st: &State) -> Vec<TaskletInfo> {
    let mut list: Vec<TaskletInfo> = st.records().map(|(i, r)| info_of(st, i, r)).collect();
    list.sort_by_key(|info| info.id);
    list
}

pub(crate) fn stats(st: &State) -> SchedulerStats {
    let (switches, stacks_mapped, stacks_idle, stack_size, tick_sleepers, wall_sleepers) =
        st.counters();
    let mut blocked = 0;
    let mut tasklets = 0;
    for (_, r) in st.records() {
        tasklets += 1;
        if r.is_blocked() {
            blocked += 1;
        }
    }
    SchedulerStats {
        tasklets,
        runnable: st.ring_len,
        blocked,
        sleeping: tick_sleepers + wall_sleepers,
        io_waiting: st.io_waiting(),
        switches,
        tick: st.tick,
        stacks_mapped,
        stacks_idle,
        stack_size,
    }
}
