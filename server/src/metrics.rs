//! The server's metrics, in the Prometheus/OpenMetrics text format
//! (`GET /metrics` on the admin address), kept with `prometheus-client`.

use std::sync::atomic::AtomicU64;

use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::clients::Traffic;

/// Labels of a per-state tasklet count.
type StateLabels = Vec<(&'static str, &'static str)>;

/// Every metric the server exports.
pub struct Metrics {
    registry: Registry,
    tick_seconds: Histogram,
    snapshot_seconds: Histogram,
    observation_seconds: Histogram,
    dilation: Gauge<f64, AtomicU64>,
    tasklets: Family<StateLabels, Gauge>,
    connections: Gauge,
    players: Gauge,
    entities: Gauge,
    bytes_in: Counter,
    bytes_out: Counter,
    dropped: Counter,
    refused: Counter,
    /// Traffic counters at the last update (the counters grow by the
    /// difference).
    seen: Traffic,
}

impl Default for Metrics {
    fn default() -> Metrics {
        Metrics::new()
    }
}

impl Metrics {
    /// The metrics, registered.
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("shoal");
        let tick_seconds = Histogram::new(exponential_buckets(0.0005, 2.0, 12));
        let snapshot_seconds = Histogram::new(exponential_buckets(0.01, 2.0, 10));
        let observation_seconds = Histogram::new(exponential_buckets(0.0005, 2.0, 12));
        let m = Metrics {
            tick_seconds,
            snapshot_seconds,
            observation_seconds,
            dilation: Gauge::default(),
            tasklets: Family::default(),
            connections: Gauge::default(),
            players: Gauge::default(),
            entities: Gauge::default(),
            bytes_in: Counter::default(),
            bytes_out: Counter::default(),
            dropped: Counter::default(),
            refused: Counter::default(),
            seen: Traffic::default(),
            registry: Registry::default(),
        };
        registry.register(
            "tick_duration_seconds",
            "Wall time of each tick's work",
            m.tick_seconds.clone(),
        );
        registry.register(
            "snapshot_duration_seconds",
            "Wall time of each snapshot save",
            m.snapshot_seconds.clone(),
        );
        registry.register(
            "observation_duration_seconds",
            "Wall time of each observation made for a viewer (between ticks)",
            m.observation_seconds.clone(),
        );
        registry.register(
            "dilation",
            "How much slower than real time the world runs (1: not at all)",
            m.dilation.clone(),
        );
        registry.register("tasklets", "Tasklets by state", m.tasklets.clone());
        registry.register(
            "connections",
            "Game connections open",
            m.connections.clone(),
        );
        registry.register(
            "players",
            "Players with a session (connected or within their grace period)",
            m.players.clone(),
        );
        registry.register("entities", "Live entities in the world", m.entities.clone());
        registry.register(
            "bytes_in",
            "Bytes read from game clients",
            m.bytes_in.clone(),
        );
        registry.register(
            "bytes_out",
            "Bytes written to game clients",
            m.bytes_out.clone(),
        );
        registry.register(
            "messages_dropped",
            "Frames dropped with clients that stopped reading",
            m.dropped.clone(),
        );
        registry.register(
            "connections_refused",
            "Connections refused because the server was full",
            m.refused.clone(),
        );
        Metrics { registry, ..m }
    }

    /// Records a tick: its work time and the dilation after it.
    pub fn tick(&self, seconds: f64, dilation: f64, entities: usize) {
        self.tick_seconds.observe(seconds);
        self.dilation.set(dilation);
        self.entities.set(entities as i64);
    }

    /// Records the making of an observation for a viewer.
    pub fn observation(&self, seconds: f64) {
        self.observation_seconds.observe(seconds);
    }

    /// Records a snapshot save's duration.
    pub fn snapshot(&self, seconds: f64) {
        self.snapshot_seconds.observe(seconds);
    }

    /// Records the scheduler's and the connections' state.
    pub fn state(
        &mut self,
        stats: &shoal_engine::SchedulerStats,
        connections: usize,
        players: usize,
        traffic: Traffic,
    ) {
        for (state, n) in [
            ("runnable", stats.runnable),
            ("blocked", stats.blocked),
            ("sleeping", stats.sleeping),
            ("all", stats.tasklets),
        ] {
            self.tasklets
                .get_or_create(&vec![("state", state)])
                .set(n as i64);
        }
        self.connections.set(connections as i64);
        self.players.set(players as i64);
        let s = self.seen;
        self.bytes_in
            .inc_by(traffic.bytes_in.saturating_sub(s.bytes_in));
        self.bytes_out
            .inc_by(traffic.bytes_out.saturating_sub(s.bytes_out));
        self.dropped
            .inc_by(traffic.dropped.saturating_sub(s.dropped));
        self.refused
            .inc_by(traffic.refused.saturating_sub(s.refused));
        self.seen = traffic;
    }

    /// The exposition text.
    pub fn text(&self) -> String {
        let mut out = String::new();
        // Writing into a String cannot fail.
        let _ = encode(&mut out, &self.registry);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_has_every_metric_with_values() {
        let mut m = Metrics::new();
        m.tick(0.004, 1.0, 4300);
        let traffic = Traffic {
            bytes_in: 10,
            bytes_out: 20,
            ..Traffic::default()
        };
        let _scheduler = shoal_engine::Scheduler::new();
        let stats = shoal_engine::stats();
        m.state(&stats, 2, 1, traffic);
        let text = m.text();
        for needle in [
            "shoal_tick_duration_seconds_count 1",
            "shoal_dilation 1.0",
            "shoal_tasklets{state=\"all\"} 1",
            "shoal_connections 2",
            "shoal_bytes_out_total 20",
            "shoal_entities 4300",
        ] {
            assert!(text.contains(needle), "{needle} missing in\n{text}");
        }
    }
}
