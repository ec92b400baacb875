//! End-to-end tests of the `shoal-server` binary: persistence across
//! SIGTERM, `kill -9` and damaged snapshots, and the configuration file.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
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

    /// Like [`Running::wait_for`], but a line already seen counts too.
    fn wait_seen(&mut self, needle: &str) -> String {
        match self.seen.iter().find(|l| l.contains(needle)) {
            Some(l) => l.clone(),
            None => self.wait_for(needle),
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
    // Logs (stderr) and the report (stdout) interleave in any order.
    s.wait_seen("state hash");
    s.wait_seen("skipped a snapshot");
    let line = |needle: &str| -> String {
        s.seen
            .iter()
            .find(|l| l.contains(needle))
            .cloned()
            .unwrap_or_else(|| panic!("no {needle:?} in {:?}", s.seen))
    };
    let skipped = line("skipped a snapshot");
    assert!(skipped.contains(&newest.display().to_string()), "{skipped}");
    let loaded = line("loaded from");
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

/// The address printed after `what listening on `.
fn listening(s: &mut Running, what: &str) -> String {
    let line = s.wait_for(&format!("{what} listening on "));
    line.rsplit(' ').next().expect("an address").to_string()
}

fn join(addr: &str, name: &str) -> (Client<TcpStream>, Welcome) {
    let stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    Client::join(stream, name).expect("joined")
}

/// Reads messages until `pred` accepts one (at most 20 s of messages).
fn until(c: &mut Client<TcpStream>, mut pred: impl FnMut(&ServerMsg) -> bool) -> ServerMsg {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        let m = c.recv().expect("a message");
        if pred(&m) {
            return m;
        }
    }
    panic!("the awaited message never came");
}

use shoal_server::client::{Client, ClientError, Welcome};
use shoal_server::protocol::{Arg, ClientMsg, ServerMsg};

#[test]
fn players_join_see_each_other_move_and_chat_and_garbage_costs_only_its_sender() {
    let (root, config, data) = setup("play", 0);
    // Players start at places given by their names: a radius covering
    // the whole world lets each see the others.
    let text = std::fs::read_to_string(&config)
        .expect("config")
        .replace("area_of_interest: 40.0", "area_of_interest: 1000.0");
    std::fs::write(&config, text).expect("config");
    let mut s = Running::start(&config, &data);
    let addr = listening(&mut s, "game");
    let (mut ann, wa) = join(&addr, "ann");
    let (mut bob, wb) = join(&addr, "bob");
    assert_ne!(wa.avatar, wb.avatar);
    assert_eq!(wa.world, "meadow");
    assert!(wa.kinds.iter().any(|k| k == "player"));
    // Each sees the other's avatar, by name.
    until(&mut ann, |m| {
        matches!(m, ServerMsg::Update { entered, .. }
        if entered.iter().any(|e| e.id == wb.avatar && e.name.as_deref() == Some("bob")))
    });
    // Bob walks; Ann sees him move.
    bob.send(&ClientMsg::Move { dx: 3.0, dy: 0.0 })
        .expect("send");
    until(&mut ann, |m| {
        matches!(m, ServerMsg::Update { moved, .. }
        if moved.iter().any(|e| e.id == wb.avatar))
    });
    bob.send(&ClientMsg::Say { text: "baa".into() })
        .expect("send");
    let chat = until(&mut ann, |m| matches!(m, ServerMsg::Chat { .. }));
    assert_eq!(
        chat,
        ServerMsg::Chat {
            from: "bob".into(),
            text: "baa".into()
        }
    );
    bob.send(&ClientMsg::Act {
        name: "scare".into(),
        args: vec![Arg::Int(1)],
    })
    .expect("send");
    // A client sending garbage is dropped...
    let mut junk = TcpStream::connect(&addr).expect("connect");
    junk.set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    junk.write_all(&[5, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff])
        .expect("write");
    let mut rest = Vec::new();
    let _ = junk.read_to_end(&mut rest);
    // ...and one announcing a huge frame too.
    let (mut big, _) = join(&addr, "big");
    big.send_raw(&u32::MAX.to_le_bytes()).expect("write");
    let closed = until(&mut big, |m| matches!(m, ServerMsg::Closing { .. }));
    assert!(format!("{closed:?}").contains("limit"), "{closed:?}");
    // ...while the others play on.
    ann.send(&ClientMsg::Ping { nonce: 42 }).expect("send");
    until(&mut ann, |m| matches!(m, ServerMsg::Pong { nonce: 42, .. }));
    // A name already playing is refused; a wrong protocol too.
    let again = TcpStream::connect(&addr).expect("connect");
    again
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("t");
    assert!(matches!(
        Client::join(again, "ann"),
        Err(ClientError::Refused(_))
    ));
    // A first message other than Hello is refused.
    let mut rude = TcpStream::connect(&addr).expect("connect");
    rude.set_read_timeout(Some(Duration::from_secs(20)))
        .expect("t");
    rude.write_all(&shoal_server::protocol::encode(&ClientMsg::Ping {
        nonce: 1,
    }))
    .expect("write");
    let mut rest = Vec::new();
    let _ = rude.read_to_end(&mut rest);
    let mut d = shoal_server::protocol::FrameDecoder::new(1 << 20);
    d.push(&rest);
    let first = d.next_frame().expect("a frame").expect("a whole frame");
    assert!(matches!(
        shoal_server::protocol::decode::<ServerMsg>(&first),
        Ok(ServerMsg::Refused { .. })
    ));
    // Leaving and coming back at once, within the grace period, gives the
    // avatar back.
    bob.send(&ClientMsg::Bye).expect("send");
    // (So that the Bye is read before the new connection's Hello.)
    std::thread::sleep(Duration::from_millis(20));
    let (_bob, again) = join(&addr, "bob");
    assert_eq!(again.avatar, wb.avatar);
    s.signal(libc::SIGTERM);
    s.wait_for("stopped at tick");
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn the_admin_console_wants_its_token_and_metrics_parse() {
    let (root, config, data) = setup("admin", 0);
    let mut s = Running::start(&config, &data);
    let admin = listening(&mut s, "admin");
    let token = std::fs::read_to_string(data.join("admin.token")).expect("token");
    let talk = |lines: &str, replies: usize| -> String {
        let mut c = TcpStream::connect(&admin).expect("connect");
        c.set_read_timeout(Some(Duration::from_secs(20)))
            .expect("t");
        c.write_all(lines.as_bytes()).expect("write");
        let mut out = String::new();
        let mut reader = BufReader::new(c);
        let mut dots = 0;
        while dots < replies {
            let mut l = String::new();
            if reader.read_line(&mut l).expect("read") == 0 {
                break;
            }
            dots += usize::from(l == ".\n");
            out.push_str(&l);
        }
        out
    };
    let refused = talk("stats\n", 1);
    assert!(
        refused.starts_with("error: authenticate first"),
        "{refused}"
    );
    let refused = talk("auth not-the-token\nstats\n", 1);
    assert!(
        refused.starts_with("error:") && !refused.contains("tick "),
        "{refused}"
    );
    s.wait_for("refused a wrong or missing token");
    let out = talk(
        &format!("auth {}\nstats\ntasklets acceptor\n", token.trim()),
        2,
    );
    assert!(out.starts_with("ok\n"), "{out}");
    assert!(
        out.contains("\ntick ") && out.contains("entities "),
        "{out}"
    );
    assert!(
        out.contains("game acceptor") && out.contains("TcpListener"),
        "{out}"
    );
    let out = talk(&format!("auth {}\nsave\ntasklets Soft\n", token.trim()), 2);
    assert!(out.contains("saved ") && out.contains("snapshot-"), "{out}");
    // A behaviour's frames, with file, line and locals.
    let id: u64 = out
        .lines()
        .find(|l| l.contains(" Soft "))
        .and_then(|l| l.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("a script tasklet");
    let tb = talk(
        &format!("auth {}\ntraceback {id}\nkill 0\n", token.trim()),
        2,
    );
    assert!(
        tb.contains("ecosystem.py\", line ") && tb.contains("me = "),
        "{tb}"
    );
    assert!(
        tb.contains("error: the main tasklet cannot be killed"),
        "{tb}"
    );
    let listeners = talk(&format!("auth {}\ntasklets acceptor\n", token.trim()), 1);
    let acceptor: u64 = listeners
        .lines()
        .find(|l| l.contains("game acceptor"))
        .and_then(|l| l.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("the acceptor's id");
    let out = talk(&format!("auth {}\nkill {acceptor}\n", token.trim()), 1);
    assert!(out.contains("cannot be killed"), "{out}");
    // Players' tasklets (the acceptor among them) have the configured
    // priority, 1 by default; an operator can change any tasklet's.
    let priority_of = |listing: &str, id: u64| -> Option<i32> {
        listing
            .lines()
            .find(|l| l.split(' ').next() == Some(&id.to_string()))
            .and_then(|l| l.split(' ').nth(4))
            .and_then(|p| p.parse().ok())
    };
    assert_eq!(priority_of(&listeners, acceptor), Some(1), "{listeners}");
    let out = talk(
        &format!(
            "auth {}\npriority {id} 3\npriority {id}\ntasklets Soft\n",
            token.trim()
        ),
        3,
    );
    assert!(
        out.contains(&format!("tasklet {id} now has priority 3")),
        "{out}"
    );
    assert!(
        out.contains("priority needs a tasklet id and a level"),
        "{out}"
    );
    assert_eq!(priority_of(&out, id), Some(3), "{out}");
    // eval runs a snippet in the world as a tasklet.
    let out = talk(
        &format!(
            "auth {}\neval world.population('sheep') > 0\neval 1 // 0\neval import world\\nx = world.tick()\\nreturn x >= 0 and 6 * 7\n",
            token.trim()
        ),
        3,
    );
    assert!(out.contains("\nok: True\n"), "{out}");
    assert!(out.contains("error: ZeroDivisionError"), "{out}");
    assert!(out.contains("\nok: 42\n"), "{out}");
    // /metrics on the same port, in the Prometheus text format.
    let mut c = TcpStream::connect(&admin).expect("connect");
    c.set_read_timeout(Some(Duration::from_secs(20)))
        .expect("t");
    c.write_all(b"GET /metrics HTTP/1.1\r\nHost: shoal\r\n\r\n")
        .expect("write");
    let mut text = String::new();
    c.read_to_string(&mut text).expect("read");
    let (head, body) = text.split_once("\r\n\r\n").expect("a head");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let mut samples = 0;
    for line in body.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let (name, value) = line.rsplit_once(' ').expect("name value");
        assert!(value.parse::<f64>().is_ok(), "{line}");
        assert!(
            name.chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_'),
            "{line}"
        );
        samples += 1;
    }
    assert!(samples > 10, "{body}");
    assert!(body.contains("shoal_tick_duration_seconds_count"), "{body}");
    s.signal(libc::SIGTERM);
    let stopped = s.wait_for("stopped at tick");
    assert!(s.wait().success());
    // The world saved after the evals (their snippets in it) loads again.
    let mut s = Running::start(&config, &data);
    let loaded = s.wait_for("loaded from");
    assert_eq!(
        number_after(&loaded, "tick"),
        number_after(&stopped, "tick")
    );
    s.signal(libc::SIGTERM);
    s.wait_for("stopped at tick");
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn a_client_that_stops_reading_is_dropped_and_its_name_freed() {
    let (root, config, data) = setup("stuck", 0);
    // Big updates (the whole world in view) and a short queue fill a
    // client that does not read within seconds.
    let text = std::fs::read_to_string(&config)
        .expect("config")
        .replace("area_of_interest: 40.0", "area_of_interest: 1000.0")
        .replace("outgoing_queue: 256", "outgoing_queue: 4");
    std::fs::write(&config, text).expect("config");
    let mut s = Running::start(&config, &data);
    let addr = listening(&mut s, "game");
    let stream = TcpStream::connect(&addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("t");
    let (stuck, _) = Client::join(stream, "stuck").expect("joined");
    // It never reads again; the server closes it, then (its last frames
    // never leaving) shuts it, and the player's session is free.
    s.wait_for("does not read what the server sends");
    s.wait_for("player disconnected");
    let (_again, w) = join(&addr, "stuck");
    assert!(w.avatar > 0);
    drop(stuck);
    s.signal(libc::SIGTERM);
    s.wait_for("stopped at tick");
    let _ = std::fs::remove_dir_all(root);
}

#[test]
fn a_client_sees_only_its_area_of_interest() {
    use shoal_server::game::spawn_point;
    let size = (640.0, 400.0);
    let names: Vec<String> = (0..2000).map(|i| format!("p{i}")).collect();
    let at = |n: &str| spawn_point(n, size);
    let dist = |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).abs().max((a.1 - b.1).abs());
    // Two players starting close together, and one far from both.
    let (a, b) = names
        .iter()
        .flat_map(|a| names.iter().map(move |b| (a, b)))
        .find(|(a, b)| a != b && dist(at(a), at(b)) < 10.0)
        .expect("two close names");
    let far = names
        .iter()
        .find(|n| {
            let p = at(n);
            [at(a), at(b)].iter().all(|q| {
                (p.0 - q.0).abs() > 150.0
                    && (p.0 - q.0).abs() < 490.0
                    && (p.1 - q.1).abs() > 120.0
                    && (p.1 - q.1).abs() < 280.0
            })
        })
        .expect("a far name");
    let (root, config, data) = setup("aoi", 0);
    let mut s = Running::start(&config, &data);
    let addr = listening(&mut s, "game");
    let (mut ca, _) = join(&addr, a);
    let (_cb, wb) = join(&addr, b);
    let (_cf, wf) = join(&addr, far);
    // Twenty ticks of updates after all three are in the world.
    let mut seen = std::collections::HashSet::new();
    let mut ticks = 0;
    while ticks < 20 {
        if let ServerMsg::Update { entered, .. } = ca.recv().expect("a message") {
            seen.extend(entered.iter().map(|e| e.id));
            ticks += 1;
        }
    }
    assert!(seen.contains(&wb.avatar), "the close player is seen");
    assert!(!seen.contains(&wf.avatar), "the far player is not");
    assert!(seen.len() > 1, "creatures around are seen too");
    s.signal(libc::SIGTERM);
    s.wait_for("stopped at tick");
    let _ = std::fs::remove_dir_all(root);
}
