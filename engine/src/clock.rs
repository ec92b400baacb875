//! A cheap clock for per-tasklet CPU accounting.
//!
//! Every switch charges the time since the previous switch to the tasklet
//! that ran. `Instant::now()` costs ~25 ns here, a third of a switch, so on
//! x86_64 the scheduler reads the time-stamp counter (~10 ns) and converts
//! ticks to nanoseconds only when someone asks (introspection), with a
//! ratio calibrated once against `Instant`.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Reads the raw counter: TSC ticks on x86_64, nanoseconds elsewhere.
#[inline]
pub(crate) fn now() -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: rdtsc is available on every x86_64 CPU.
        unsafe { core::arch::x86_64::_rdtsc() }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        static START: OnceLock<Instant> = OnceLock::new();
        START.get_or_init(Instant::now).elapsed().as_nanos() as u64
    }
}

/// Nanoseconds per raw counter tick.
fn ns_per_tick() -> f64 {
    static RATIO: OnceLock<f64> = OnceLock::new();
    *RATIO.get_or_init(|| {
        if cfg!(not(target_arch = "x86_64")) {
            return 1.0;
        }
        let (t0, c0) = (Instant::now(), now());
        std::thread::sleep(Duration::from_millis(5));
        let (t1, c1) = (Instant::now(), now());
        let ticks = c1.wrapping_sub(c0).max(1) as f64;
        (t1 - t0).as_nanos() as f64 / ticks
    })
}

/// Converts a span of raw ticks to a duration.
pub(crate) fn to_duration(ticks: u64) -> Duration {
    Duration::from_nanos((ticks as f64 * ns_per_tick()) as u64)
}

/// CPU time the whole process has used (user and system, every thread):
/// what Python's `time.process_time()` reads.
pub fn process_cpu_time() -> Duration {
    cpu_clock(libc::CLOCK_PROCESS_CPUTIME_ID)
}

/// CPU time the calling thread has used (immune to the other cores'
/// load, unlike wall time): what benchmarks measure.
pub fn thread_cpu_time() -> Duration {
    cpu_clock(libc::CLOCK_THREAD_CPUTIME_ID)
}

/// Reads one of the kernel's CPU-time clocks (zero if it cannot).
fn cpu_clock(clock: libc::clockid_t) -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we pass.
    let rc = unsafe { libc::clock_gettime(clock, &mut ts) };
    if rc != 0 {
        return Duration::ZERO;
    }
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}
