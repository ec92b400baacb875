//! End-to-end tests of the `shoal-server` binary: persistence across
//! SIGTERM, `kill -9` and damaged snapshots, and the configuration file.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const SERVER: &str = env!("CARGO_BIN_EXE_shoal-server");
const DEFAULT_CONFIG: &str = include_str!("../assets/server.ron");

/// A running server with its output lines (stdout and stderr, merged).
struct Running {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Running {
    fn start(config: &Path, data: &Path) -> Running {
        let mut child = Command::new(SERVER)
            .arg("--config")
            .arg(config)
            .arg("--data")
            .arg(data)
            .env("SHOAL_LOG", "info")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("shoal-server starts");
        let (tx, lines) = channel();
        let out = child.stdout.take().expect("stdout");
        let err = child.stderr.take().expect("stderr");
        let tx2 = tx.clone();
        std::thread::spawn(move || {
            for l in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(l);
            }
        });
        std::thread::spawn(move || {
            for l in BufReader::new(err).lines().map_while(Result::ok) {
                let _ = tx2.send(l);
            }
        });
        Running {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Waits (at most 60 s) for a line containing `needle`; returns it.
    fn wait_for(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.contains(needle) {
                        return line;
                    }
                }
                Err(_) => {
                    let _ = self.child.kill();
                    panic!(
                        "no line with {needle:?} from shoal-server; it printed:\n{}",
                        self.seen.join("\n")
                    );
                }
            }
        }
    }

    fn signal(&self, signal: i32) {
        // SAFETY: sends a signal to our own child process.
        let r = unsafe { libc::kill(self.child.id() as i32, signal) };
        assert_eq!(r, 0, "kill failed");
    }

    /// Waits for the process to end; its exit status.
    fn wait(&mut self) -> std::process::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("shoal-server did not stop:\n{}", self.seen.join("\n"));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A fresh temporary folder with a configuration autosaving every
/// `autosave` seconds.
fn setup(name: &str, autosave: u64) -> (PathBuf, PathBuf, PathBuf) {
    let root = std::env::temp_dir().join(format!("shoal-server-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).expect("temp dir");
    let config = root.join("server.ron");
    let text = DEFAULT_CONFIG
        .replace("autosave_secs: 30", &format!("autosave_secs: {autosave}"))
        .replace("127.0.0.1:7878", "127.0.0.1:0")
        .replace("127.0.0.1:7879", "127.0.0.1:0");
    std::fs::write(&config, text).expect("config");
    let data = root.join("data");
    (root, config, data)
}

/// The number after `word ` in `line`.
fn number_after(line: &str, word: &str) -> u64 {
    line.split(&format!("{word} "))
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no number after {word:?} in {line:?}"))
}

/// The hex word after `hash ` in `line`.
fn hash_in(line: &str) -> String {
    line.split("hash ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_hexdigit()).next())
        .unwrap_or_else(|| panic!("no hash in {line:?}"))
        .to_string()
}

fn snapshots(data: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(data)
        .expect("data dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    v.sort();
    v
}

#[test]
fn sigterm_saves_and_a_restart_continues_from_that_tick() {
    let (root, config, data) = setup("sigterm", 0);
    let mut s = Running::start(&config, &data);
    s.wait_for("started from");
    s.wait_for("state hash");
    std::thread::sleep(Duration::from_millis(1500));
    s.signal(libc::SIGTERM);
    let stopped = s.wait_for("stopped at tick");
    assert!(s.wait().success(), "a clean exit on SIGTERM");
    let (tick, hash) = (number_after(&stopped, "tick"), hash_in(&stopped));
    assert!(tick > 0, "{stopped}");
    let mut s = Running::start(&config, &data);
    let loaded = s.wait_for("loaded from");
    assert_eq!(number_after(&loaded, "tick"), tick, "{loaded}");
    let state = s.wait_for("state hash");
    assert_eq!(
        (hash_in(&state), number_after(&state, "tick")),
        (hash, tick),
        "the world continues exactly where it stopped"
    );
    s.signal(libc::SIGINT);
    let again = s.wait_for("stopped at tick");
    assert!(number_after(&again, "tick") >= tick);
    assert!(s.wait().success(), "a clean exit on SIGINT");
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn kill_9_restarts_from_the_last_autosave_and_a_truncated_one_is_skipped() {
    let (root, config, data) = setup("kill9", 1);
    let mut s = Running::start(&config, &data);
    s.wait_for("snapshot saved");
    s.wait_for("snapshot saved");
    s.signal(libc::SIGKILL);
    let _ = s.wait();
    let saved = snapshots(&data);
    assert!(saved.len() >= 2, "two autosaves: {saved:?}");
    let newest = saved.last().expect("a snapshot").clone();
    let tick_of = |p: &Path| -> u64 {
        p.file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.strip_prefix("snapshot-"))
            .and_then(|s| s.parse().ok())
            .expect("a snapshot name")
    };
    let mut s = Running::start(&config, &data);
    let loaded = s.wait_for("loaded from");
    assert!(loaded.contains(&newest.display().to_string()), "{loaded}");
    assert_eq!(number_after(&loaded, "tick"), tick_of(&newest));
    s.signal(libc::SIGKILL);
    let _ = s.wait();

    // The newest snapshot half written (as a disk failure would leave
    // it): it is reported and the one before is used.
    let saved = snapshots(&data);
    let newest = saved.last().expect("a snapshot").clone();
    let previous = saved[saved.len() - 2].clone();
    let text = std::fs::read(&newest).expect("read");
    std::fs::write(&newest, &text[..text.len() / 2]).expect("truncate");
    let mut s = Running::start(&config, &data);
    let skipped = s.wait_for("skipped a snapshot");
    assert!(skipped.contains(&newest.display().to_string()), "{skipped}");
    let loaded = s.wait_for("loaded from");
    assert!(loaded.contains(&previous.display().to_string()), "{loaded}");
    s.signal(libc::SIGTERM);
    s.wait_for("stopped at tick");
    assert!(s.wait().success());
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn a_bad_configuration_is_an_error_with_its_place() {
    let (root, config, data) = setup("badconfig", 0);
    let text = std::fs::read_to_string(&config)
        .expect("config")
        .replace("keep_snapshots: 5", "keep_snapshots: 0");
    std::fs::write(&config, &text).expect("write");
    let line = text
        .lines()
        .position(|l| l.contains("keep_snapshots"))
        .expect("the setting")
        + 1;
    let out = Command::new(SERVER)
        .arg("--config")
        .arg(&config)
        .arg("--data")
        .arg(&data)
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{}:{line}:", config.display())) && err.contains("keep_snapshots"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(root);
}
