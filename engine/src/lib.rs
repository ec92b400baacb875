//! Shoal's engine: the tasklet runtime.
//!
//! Tasklets are microthreads with Stackless Python's semantics, run by one
//! cooperative [`Scheduler`] per thread:
//!
//! * **native tasklets** are Rust closures on their own pooled, guarded
//!   stacks ([`spawn`]); they can block anywhere;
//! * **soft tasklets** are run by an interpreter whose frames are data
//!   ([`SoftTasklet`]); the script VM implements them;
//! * **channels** ([`Channel`]) carry values between any two tasklets,
//!   with Stackless's balance, preference and close rules;
//! * **timers** put tasklets to sleep for a duration or a number of ticks;
//! * **sockets** ([`net`]) look blocking to the tasklet that uses them;
//!   the [`reactor`] (mio) parks it until the socket is ready;
//! * **introspection** ([`tasklets`], [`stats`]) lists every tasklet and
//!   what it waits on.
//!
//! ```
//! use shoal_engine::{Channel, Scheduler, run, spawn};
//!
//! let _scheduler = Scheduler::new();
//! let ch = Channel::new();
//! let tx = ch.clone();
//! spawn(move || tx.send(42)).unwrap();
//! spawn(move || {
//!     assert_eq!(ch.receive()?, 42);
//!     Ok(())
//! })
//! .unwrap();
//! run().unwrap();
//! ```
//!
//! Every call that can switch returns [`TaskletResult`]: `Err` carries the
//! exception raised in the caller (a kill, a deadlock, an error of another
//! tasklet re-raised in main), to be propagated with `?`.

pub mod blocking;
mod channel;
mod clock;
mod control;
mod error;
pub mod game;
mod introspect;
pub mod net;
mod overflow;
pub mod reactor;
mod scheduler;
mod select;
pub mod soft;
mod stack_pool;
mod tasklet;
mod timer;

pub use channel::{Channel, ChannelInfo, ChannelIter};
pub use clock::{process_cpu_time, thread_cpu_time};
pub use control::{
    AtomicGuard, advance_tick, atomic, bind, bind_soft, current, finish_run_soft, finish_soft,
    has_scheduler, main_tasklet, run, run_watchdog, run_watchdog_soft, runcount, schedule,
    schedule_remove, schedule_remove_soft, schedule_soft, set_atomic, set_channel_callback,
    set_error_handler, set_schedule_callback, set_select_seed, set_tick, sleep, sleep_soft,
    sleep_ticks, sleep_ticks_soft, spawn, spawn_named, spawn_soft, stats, switch_trap, switches,
    tasklets, tick,
};
pub use error::{ErrorKind, TaskletError, TaskletResult, msg, os_error_class};
pub use introspect::{BlockedOn, SchedulerStats, TaskletInfo, TaskletKind, TaskletState};
pub use reactor::{
    Direction, IoKey, SourceKind, SourceLabel, ThreadWaker, poll_io, set_io_blocking, thread_waker,
    wait_io, wait_io_soft,
};
pub use scheduler::{
    ChannelCallback, ErrorHandler, RunOptions, ScheduleCallback, Scheduler, SchedulerConfig,
};
pub use select::{Join, Joined, Select, Selected, Timeout};
pub use soft::{SoftStatus, SoftTasklet, Step};
pub use tasklet::Tasklet;
pub use timer::WakeAt;
