//! The server's configuration: a RON file (`assets/server.ron` is the
//! embedded default), checked as it is read, with command-line flags
//! over it. Every setting is described in `docs/server.md`.

use std::net::SocketAddr;
use std::path::PathBuf;

use serde::Deserialize;

/// The configuration the server carries, used when no `--config` is given.
pub const DEFAULT_CONFIG: &str = include_str!("../../assets/server.ron");

/// The name [`DEFAULT_CONFIG`] has in error messages.
pub const DEFAULT_CONFIG_NAME: &str = "<embedded assets/server.ron>";

/// What `shoal-server` runs with.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerConfig {
    /// Where game clients connect (port 0: any free port).
    pub listen: SocketAddr,
    /// The admin console's address (also serves `GET /metrics`).
    pub admin: SocketAddr,
    /// The world file to run, or `"default"` for the embedded world.
    pub world: String,
    /// Ticks per second; `None` keeps the world file's rate.
    #[serde(default)]
    pub tick_rate: Option<u32>,
    /// Where snapshots and the generated admin token go.
    pub data_dir: PathBuf,
    /// Seconds between autosaves (0: no autosave; shutdown still saves).
    pub autosave_secs: u64,
    /// How many autosaved snapshots to keep (at least 1).
    pub keep_snapshots: usize,
    /// The admin token; `None` generates one into `DATA_DIR/admin.token`.
    #[serde(default)]
    pub admin_token: Option<String>,
    /// Per-client and global limits.
    pub limits: Limits,
    /// The Core War hill, on a port of its own (`None`: no hill).
    #[serde(default)]
    pub hill: Option<crate::hill::HillConfig>,
    /// The scheduler priority of the players' tasklets (their connections,
    /// their avatars' behaviours, the inputs posted to them); creatures'
    /// behaviours have 0. Above 0, a tick under load serves players
    /// first; 0 runs everyone in one round robin.
    #[serde(default = "default_player_priority")]
    pub player_priority: i32,
}

fn default_player_priority() -> i32 {
    1
}

/// Limits that protect the server from its clients.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// The most game connections at once; more are refused.
    pub max_connections: usize,
    /// The largest frame a client may send, in bytes.
    pub max_frame_bytes: usize,
    /// Messages per second a client may send (a burst of one second's
    /// worth is allowed); beyond it the client is disconnected.
    pub messages_per_sec: u32,
    /// Frames queued for a client that does not read; beyond it the
    /// client is disconnected.
    pub outgoing_queue: usize,
    /// Seconds a client may stay silent before it is disconnected.
    pub idle_timeout_secs: u64,
    /// Seconds a disconnected player's avatar waits for them to return.
    pub session_grace_secs: u64,
    /// The radius, in world units, within which a client sees entities.
    pub area_of_interest: f32,
}

/// A configuration file that cannot be used, with its place.
pub type ConfigError = crate::world_file::FileError;

/// Where `field:` is written in `text` (for errors about its value).
fn locate(text: &str, field: &str) -> (usize, usize) {
    crate::world_file::locate(text, &[], &format!("{field}:"))
}

impl ServerConfig {
    /// The embedded default configuration.
    pub fn embedded() -> ServerConfig {
        // The embedded file is checked by a test; should it ever fail,
        // `parse` reports it like any other file.
        ServerConfig::parse(DEFAULT_CONFIG_NAME, DEFAULT_CONFIG)
            .unwrap_or_else(|e| panic!("the embedded configuration is invalid: {e}"))
    }

    /// Reads the configuration file at `path`.
    pub fn load(path: &std::path::Path) -> Result<ServerConfig, ConfigError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError::new(&name, (0, 0), format!("cannot read it: {e}")))?;
        ServerConfig::parse(&name, &text)
    }

    /// Parses and checks a configuration's text; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<ServerConfig, ConfigError> {
        let err = |at: (usize, usize), message: String| ConfigError::new(file, at, message);
        let config: ServerConfig =
            crate::world_file::parse_ron(file, text, "server configuration")?;
        let l = &config.limits;
        let checks: [(bool, &str, String); 9] = [
            (
                config.tick_rate.is_some_and(|r| r == 0 || r > 1000),
                "tick_rate",
                "tick_rate must be None or 1 to 1000".into(),
            ),
            (
                config.keep_snapshots == 0 || config.keep_snapshots > 10_000,
                "keep_snapshots",
                "keep_snapshots must be 1 to 10000".into(),
            ),
            (
                config.world.trim().is_empty(),
                "world",
                "world must name a world file or be \"default\"".into(),
            ),
            (
                l.max_connections == 0 || l.max_connections > 1_000_000,
                "max_connections",
                "max_connections must be 1 to 1000000".into(),
            ),
            (
                !(64..=16 << 20).contains(&l.max_frame_bytes),
                "max_frame_bytes",
                "max_frame_bytes must be 64 to 16777216".into(),
            ),
            (
                l.messages_per_sec == 0,
                "messages_per_sec",
                "messages_per_sec must be at least 1".into(),
            ),
            (
                l.outgoing_queue == 0 || l.outgoing_queue > 1_000_000,
                "outgoing_queue",
                "outgoing_queue must be 1 to 1000000".into(),
            ),
            (
                l.idle_timeout_secs == 0,
                "idle_timeout_secs",
                "idle_timeout_secs must be at least 1".into(),
            ),
            (
                !(l.area_of_interest.is_finite() && l.area_of_interest > 0.0),
                "area_of_interest",
                "area_of_interest must be a positive number".into(),
            ),
        ];
        for (bad, field, message) in checks {
            if bad {
                return Err(err(locate(text, field), message));
            }
        }
        if let Some(hill) = &config.hill {
            let hill_checks: [(bool, &str, &str); 4] = [
                (
                    hill.rounds == 0 || hill.rounds > 100_000,
                    "rounds",
                    "hill rounds must be 1 to 100000",
                ),
                (
                    hill.size < 2 || hill.size > 10_000,
                    "size",
                    "hill size must be 2 to 10000",
                ),
                (
                    hill.budget_per_tick < 1_000,
                    "budget_per_tick",
                    "hill budget_per_tick must be at least 1000",
                ),
                (
                    hill.tick_rate == 0 || hill.tick_rate > 1000,
                    "tick_rate",
                    "hill tick_rate must be 1 to 1000",
                ),
            ];
            for (bad, field, message) in hill_checks {
                if bad {
                    return Err(err(locate(text, field), message.into()));
                }
            }
            if let Err(e) = hill.settings().check(2) {
                return Err(err(locate(text, "core"), format!("hill core: {e}")));
            }
        }
        if let Some(token) = &config.admin_token
            && (token.len() < 16 || token.chars().any(char::is_whitespace))
        {
            return Err(err(
                locate(text, "admin_token"),
                "admin_token must be at least 16 characters with no spaces".into(),
            ));
        }
        Ok(config)
    }

    /// Applies the command line's overrides.
    pub fn override_with(
        &mut self,
        data: Option<PathBuf>,
        listen: Option<SocketAddr>,
        admin: Option<SocketAddr>,
    ) {
        if let Some(d) = data {
            self.data_dir = d;
        }
        if let Some(a) = listen {
            self.listen = a;
        }
        if let Some(a) = admin {
            self.admin = a;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hill_is_configured_and_checked() {
        let text = DEFAULT_CONFIG.replace(
            "hill: None,",
            "hill: Some((listen: \"127.0.0.1:0\", rounds: 10, size: 5, budget_per_tick: 5000, tick_rate: 10)),",
        );
        let c = ServerConfig::parse("x.ron", &text).expect("valid");
        let hill = c.hill.expect("a hill");
        assert_eq!(
            (hill.rounds, hill.size, hill.settings().coresize),
            (10, 5, 8000)
        );
        let bad = text.replace("rounds: 10", "rounds: 0");
        let e = ServerConfig::parse("x.ron", &bad).unwrap_err().to_string();
        assert!(e.contains("hill rounds must be 1 to 100000"), "{e}");
        let bad = text.replace("tick_rate: 10))", "tick_rate: 10, core: (coresize: 150)))");
        let e = ServerConfig::parse("x.ron", &bad).unwrap_err().to_string();
        assert!(e.contains("hill core"), "{e}");
    }

    #[test]
    fn the_embedded_configuration_is_valid() {
        let c = ServerConfig::parse(DEFAULT_CONFIG_NAME, DEFAULT_CONFIG).expect("valid");
        assert_eq!(c.listen, "127.0.0.1:7878".parse().expect("an address"));
        assert!(c.admin.ip().is_loopback());
        assert_eq!(c.world, "default");
    }

    #[test]
    fn a_syntax_error_has_its_line_and_column() {
        let text = DEFAULT_CONFIG.replace("autosave_secs: 30,", "autosave_secs: thirty,");
        let e = ServerConfig::parse("s.ron", &text).expect_err("invalid");
        let line = DEFAULT_CONFIG
            .lines()
            .position(|l| l.contains("autosave_secs"))
            .expect("the field")
            + 1;
        assert_eq!((e.file.as_str(), e.line), ("s.ron", line));
        assert!(e.column > 1, "{e}");
    }

    #[test]
    fn an_unknown_setting_is_refused() {
        let text = DEFAULT_CONFIG.replace("keep_snapshots: 5,", "keep_snapshots: 5, colour: 3,");
        let e = ServerConfig::parse("s.ron", &text).expect_err("invalid");
        assert!(e.message.contains("colour"), "{e}");
        assert!(e.line > 0);
    }

    #[test]
    fn a_bad_value_points_at_its_setting() {
        let text = DEFAULT_CONFIG.replace("max_frame_bytes: 65536", "max_frame_bytes: 3");
        let e = ServerConfig::parse("s.ron", &text).expect_err("invalid");
        let line = text
            .lines()
            .position(|l| l.contains("max_frame_bytes"))
            .expect("the field")
            + 1;
        assert_eq!(e.line, line, "{e}");
        assert!(e.to_string().starts_with(&format!("s.ron:{line}:")), "{e}");
    }

    #[test]
    fn flags_override_the_file() {
        let mut c = ServerConfig::embedded();
        c.override_with(
            Some("/tmp/x".into()),
            Some("127.0.0.1:0".parse().expect("addr")),
            None,
        );
        assert_eq!(c.data_dir, PathBuf::from("/tmp/x"));
        assert_eq!(c.listen.port(), 0);
        assert_eq!(c.admin.port(), 7879);
    }
}
