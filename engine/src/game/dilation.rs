//! The tick clock: a fixed tick rate, and time dilation when ticks take
//! longer than their interval.
//!
//! Simulated time advances one tick per tick, always (so a world is
//! deterministic); what dilation changes is how fast ticks come in wall
//! time. When a tick's work takes longer than the interval, the clock
//! slows at once to the rate the work allows (never below the floor);
//! when load drops it recovers gradually (a tenth of the gap per tick),
//! as EVE's time dilation does.

use std::time::Duration;

/// Tick timing: the dilation factor and the history of tick times.
#[derive(Debug, Clone)]
pub struct TickClock {
    interval: Duration,
    floor: f64,
    factor: f64,
    stats: TickStats,
}

impl TickClock {
    /// A clock for `rate` ticks per second that slows down to `floor`
    /// (0.1 means a tenth of real time) at most.
    pub fn new(rate: u32, floor: f64) -> TickClock {
        TickClock {
            interval: Duration::from_secs_f64(1.0 / f64::from(rate.max(1))),
            floor: floor.clamp(0.001, 1.0),
            factor: 1.0,
            stats: TickStats::default(),
        }
    }

    /// The interval between ticks at full speed.
    pub fn nominal_interval(&self) -> Duration {
        self.interval
    }

    /// The dilation factor: 1.0 is real time, 0.5 half speed.
    pub fn dilation(&self) -> f64 {
        self.factor
    }

    /// Sets the factor (a loaded snapshot carries on at its speed).
    pub fn set_dilation(&mut self, factor: f64) {
        self.factor = if factor.is_finite() {
            factor.clamp(self.floor, 1.0)
        } else {
            1.0
        };
    }

    /// The interval between ticks now (the nominal one, dilated).
    pub fn interval(&self) -> Duration {
        self.interval.div_f64(self.factor)
    }

    /// Records a tick's work time and updates the dilation factor.
    pub fn record(&mut self, work: Duration) {
        self.stats.push(work);
        let wanted = if work.is_zero() {
            1.0
        } else {
            (self.interval.as_secs_f64() / work.as_secs_f64()).clamp(self.floor, 1.0)
        };
        if wanted < self.factor {
            self.factor = wanted;
        } else {
            self.factor += (wanted - self.factor) * 0.1;
            if 1.0 - self.factor < 1e-3 {
                self.factor = 1.0;
            }
        }
        self.stats.min_dilation = self.stats.min_dilation.min(self.factor);
    }

    /// The tick times recorded so far.
    pub fn stats(&self) -> &TickStats {
        &self.stats
    }

    /// Forgets the recorded tick times.
    pub fn reset_stats(&mut self) {
        self.stats = TickStats::default();
    }
}

/// How many recent tick times the statistics keep.
const WINDOW: usize = 1 << 16;

/// Tick work times (the last 65,536), for percentiles.
#[derive(Debug, Clone)]
pub struct TickStats {
    times: Vec<Duration>,
    /// Where the next time goes once the window is full.
    next: usize,
    /// Ticks recorded in all.
    count: usize,
    /// The lowest dilation factor reached.
    pub min_dilation: f64,
}

impl Default for TickStats {
    fn default() -> Self {
        TickStats {
            times: Vec::new(),
            next: 0,
            count: 0,
            min_dilation: 1.0,
        }
    }
}

impl TickStats {
    fn push(&mut self, d: Duration) {
        if self.times.len() < WINDOW {
            self.times.push(d);
        } else {
            self.times[self.next] = d;
            self.next = (self.next + 1) % WINDOW;
        }
        self.count += 1;
    }

    /// How many ticks were recorded.
    pub fn count(&self) -> usize {
        self.count
    }

    /// The `p`-th percentile (0 to 100) of the recent tick times,
    /// nearest rank.
    pub fn percentile(&self, p: f64) -> Duration {
        if self.times.is_empty() {
            return Duration::ZERO;
        }
        let mut sorted = self.times.clone();
        sorted.sort_unstable();
        let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
        sorted[rank.clamp(1, sorted.len()) - 1]
    }

    /// The mean of the recent tick times.
    pub fn mean(&self) -> Duration {
        if self.times.is_empty() {
            return Duration::ZERO;
        }
        self.times.iter().sum::<Duration>() / self.times.len() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slows_at_once_and_recovers_gradually() {
        let mut c = TickClock::new(20, 0.1);
        assert_eq!(c.interval(), Duration::from_millis(50));
        c.record(Duration::from_millis(10));
        assert_eq!(c.dilation(), 1.0);
        c.record(Duration::from_millis(100));
        assert!((c.dilation() - 0.5).abs() < 1e-9);
        assert_eq!(c.interval(), Duration::from_millis(100));
        // Far over budget: the floor holds.
        c.record(Duration::from_secs(5));
        assert!((c.dilation() - 0.1).abs() < 1e-9);
        // Load drops: recovery takes many ticks, then is complete.
        c.record(Duration::from_millis(1));
        assert!(c.dilation() > 0.1 && c.dilation() < 0.5);
        for _ in 0..100 {
            c.record(Duration::from_millis(1));
        }
        assert_eq!(c.dilation(), 1.0);
        assert!((c.stats().min_dilation - 0.1).abs() < 1e-9);
        assert_eq!(c.stats().count(), 104);
        assert_eq!(c.stats().percentile(100.0), Duration::from_secs(5));
        assert_eq!(c.stats().percentile(50.0), Duration::from_millis(1));
    }
}
