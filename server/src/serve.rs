//! The server's main loop: opens the data directory, loads the newest
//! valid snapshot (or starts the configured world), then ticks at the
//! world's rate, autosaving every `autosave_secs`, until asked to stop;
//! stopping saves once more.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::Sim;
use crate::config::ServerConfig;
use crate::default_world::{default_world, embedded_sources, load_world_file};
use crate::persist::DataDir;

/// Why the server could not start or stopped with an error.
#[derive(Debug)]
pub struct ServeError(pub String);

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ServeError {}

/// How the server's world came to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// Loaded from this snapshot.
    Snapshot(PathBuf),
    /// Started afresh from the configured world.
    Fresh,
}

/// A server whose world is loaded, ready to run.
pub struct Server {
    config: ServerConfig,
    data: DataDir,
    sim: Sim,
    /// Where the world came from.
    pub origin: Origin,
    /// The admin token.
    pub token: String,
    /// The file holding the generated admin token, if it was generated.
    pub token_path: Option<PathBuf>,
}

impl Server {
    /// Opens the data directory and loads the world: the newest snapshot
    /// that loads (damaged ones are logged and skipped), else the
    /// configured world. Must run on a thread with no scheduler.
    pub fn open(config: ServerConfig) -> Result<Server, ServeError> {
        let data = DataDir::open(&config.data_dir).map_err(|e| {
            ServeError(format!(
                "cannot use the data directory {}: {e}",
                config.data_dir.display()
            ))
        })?;
        let (token, token_path) = data
            .admin_token(config.admin_token.as_deref())
            .map_err(|e| ServeError(format!("cannot write the admin token: {e}")))?;
        let (loaded, skipped) = data.load_newest(embedded_sources()).map_err(|e| {
            ServeError(format!(
                "cannot read the data directory {}: {e}",
                data.path().display()
            ))
        })?;
        for s in &skipped {
            tracing::warn!(
                snapshot = %s.path.display(),
                error = %s.error,
                "skipped a snapshot that does not load"
            );
        }
        let (sim, origin) = match loaded {
            Some((sim, path)) => {
                if config
                    .tick_rate
                    .is_some_and(|r| r != sim.def().rules.tick_rate)
                {
                    tracing::warn!(
                        saved = sim.def().rules.tick_rate,
                        "the snapshot's world keeps its own tick rate; tick_rate applies to new worlds"
                    );
                }
                (sim, Origin::Snapshot(path))
            }
            None => {
                let mut def = if config.world == "default" {
                    default_world()
                } else {
                    load_world_file(&config.world)
                }
                .map_err(|e| ServeError(e.to_string()))?;
                if let Some(rate) = config.tick_rate {
                    def.rules.tick_rate = rate;
                }
                let sim =
                    Sim::new(def, embedded_sources()).map_err(|e| ServeError(e.to_string()))?;
                (sim, Origin::Fresh)
            }
        };
        Ok(Server {
            config,
            data,
            sim,
            origin,
            token,
            token_path,
        })
    }

    /// The running world.
    pub fn sim(&self) -> &Sim {
        &self.sim
    }

    /// Ticks until `stop` is set, autosaving on the way; then saves once
    /// more and returns the file written last.
    pub fn run(&mut self, stop: &Arc<AtomicBool>) -> Result<Option<PathBuf>, ServeError> {
        let autosave = Duration::from_secs(self.config.autosave_secs);
        let mut last_save = Instant::now();
        let mut next = Instant::now();
        let mut saved = None;
        while !stop.load(Ordering::Relaxed) {
            let report = self.sim.tick();
            for line in self.sim.take_log() {
                tracing::info!(target: "world", "{line}");
            }
            if report
                .tick
                .is_multiple_of(self.sim.def().rules.tick_rate.max(1) as u64 * 10)
            {
                tracing::debug!(
                    tick = report.tick,
                    entities = report.entities,
                    work_ms = report.work.as_secs_f64() * 1e3,
                    dilation = report.dilation,
                    "tick"
                );
            }
            if !autosave.is_zero() && last_save.elapsed() >= autosave {
                // A failed autosave (a full disk, say) is logged and tried
                // again next interval; the world goes on.
                match self.save() {
                    Ok(path) => saved = Some(path),
                    Err(e) => tracing::error!(error = %e, "autosave failed"),
                }
                last_save = Instant::now();
            }
            next += self.sim.clock().interval();
            let now = Instant::now();
            if next > now {
                std::thread::sleep(next - now);
            } else {
                next = now;
            }
        }
        let path = self.save()?;
        tracing::info!(
            tick = self.sim.tick_count(),
            snapshot = %path.display(),
            "stopped and saved"
        );
        saved.replace(path);
        Ok(saved)
    }

    /// Saves a snapshot now (keeping the newest `keep_snapshots`).
    pub fn save(&self) -> Result<PathBuf, ServeError> {
        let started = Instant::now();
        let path = self
            .data
            .save(&self.sim, self.config.keep_snapshots)
            .map_err(|e| ServeError(format!("cannot save the world: {e}")))?;
        tracing::info!(
            tick = self.sim.tick_count(),
            snapshot = %path.display(),
            ms = started.elapsed().as_secs_f64() * 1e3,
            "snapshot saved"
        );
        Ok(path)
    }
}
