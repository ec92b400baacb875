//! The admin port: a line-based console for operators (`auth TOKEN`
//! first, then `stats`, `tasklets [filter]`, `traceback ID`, `kill ID`,
//! `pause ID`, `resume ID`, `eval CODE`, `save`, `shutdown`, `observe`
//! (for viewers), `help`, `quit`), and `GET /metrics` over HTTP on
//! the same port (the first line tells which; HTTP is parsed with
//! `httparse`). Each connection is a native tasklet; commands that touch
//! the world are queued on the [`Desk`] and answered by the main loop
//! between ticks.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::io;
use std::net::SocketAddr;
use std::rc::Rc;
use std::time::Duration;

use shoal_engine::net::{TcpListener, TcpStream, is_tasklet_error};
use shoal_engine::{Tasklet, TaskletResult, schedule_remove, spawn_named};

/// The longest line (or HTTP head) the admin port reads.
pub const MAX_LINE: usize = 16 * 1024;

/// How long an authenticated admin connection may stay silent.
pub const IDLE: Duration = Duration::from_secs(600);

/// How long a new admin connection has to authenticate (or send its HTTP
/// request).
pub const AUTH_TIMEOUT: Duration = Duration::from_secs(10);

/// The first word of the answer to `observe`: the line `observation N`
/// is followed by N bytes, a postcard-encoded
/// [`crate::observe::Observation`] (and no `.` line).
pub const OBSERVATION_HEADER: &str = "observation";

/// The largest observation a viewer accepts (a world of 100,000
/// entities makes about 6 MB).
pub const MAX_OBSERVATION: usize = 64 << 20;

/// The most admin connections at once; more are refused.
pub const MAX_ADMIN_CONNECTIONS: usize = 16;

/// A command for the main loop.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Tick, timings, tasklets, connections, memory.
    Stats,
    /// The tasklet list, lines containing the filter.
    Tasklets(String),
    /// A script tasklet's frames.
    Traceback(u64),
    /// Kill a tasklet.
    Kill(u64),
    /// Pause a tasklet (keep it out of the run queue).
    Pause(u64),
    /// Let a paused tasklet run again.
    Resume(u64),
    /// Set a tasklet's priority level.
    Priority(u64, i32),
    /// A viewer's observation of the world (answered in binary: see
    /// [`OBSERVATION_HEADER`]).
    Observe(crate::observe::Request),
    /// Save a snapshot now.
    Save,
    /// Save and stop the server.
    Shutdown,
    /// Run a script snippet in the world as a tasklet; its result.
    Eval(String),
    /// The metrics text (for `GET /metrics`).
    Metrics,
}

/// Requests from admin tasklets and the main loop's answers.
#[derive(Default)]
pub struct Desk {
    requests: VecDeque<(u64, Command)>,
    answers: HashMap<u64, Vec<u8>>,
    waiting: HashMap<u64, Tasklet>,
    next: u64,
    /// The acceptor, parked after an accept error until the next tick
    /// (a wall-clock sleep would stall the game loop).
    acceptor_parked: Option<Tasklet>,
}

/// The desk, shared.
pub type SharedDesk = Rc<RefCell<Desk>>;

impl Desk {
    /// Takes the requests made since the last call.
    pub fn take_requests(&mut self) -> Vec<(u64, Command)> {
        self.requests.drain(..).collect()
    }

    /// Puts a request back at the front (to answer it later).
    pub fn requeue(&mut self, request: (u64, Command)) {
        self.requests.push_front(request);
    }

    /// Lets a parked acceptor try again.
    pub fn wake_acceptor(&mut self) {
        if let Some(t) = self.acceptor_parked.take() {
            let _ = t.insert();
        }
    }

    /// Answers request `id`, waking the tasklet that asked.
    pub fn answer(&mut self, id: u64, text: String) {
        self.answer_bytes(id, text.into_bytes());
    }

    /// Answers request `id` with bytes (`observe`).
    pub fn answer_bytes(&mut self, id: u64, bytes: Vec<u8>) {
        self.answers.insert(id, bytes);
        if let Some(t) = self.waiting.remove(&id) {
            let _ = t.insert();
        }
    }
}

/// Asks the main loop and waits for its answer.
fn ask(desk: &SharedDesk, command: Command) -> TaskletResult<Vec<u8>> {
    let id = {
        let mut d = desk.borrow_mut();
        d.next += 1;
        let id = d.next;
        d.requests.push_back((id, command));
        d.waiting.insert(id, shoal_engine::current());
        id
    };
    loop {
        if let Some(text) = desk.borrow_mut().answers.remove(&id) {
            return Ok(text);
        }
        schedule_remove()?;
    }
}

/// Starts the admin acceptor on `listener`.
pub fn start(listener: TcpListener, desk: SharedDesk, token: String) -> TaskletResult<()> {
    let token: Rc<str> = Rc::from(token);
    let open = Rc::new(std::cell::Cell::new(0usize));
    spawn_named("admin acceptor", move || {
        loop {
            match listener.accept() {
                Ok((stream, peer)) => {
                    if open.get() >= MAX_ADMIN_CONNECTIONS {
                        tracing::warn!(peer = %peer, "admin: refused a connection (too many open)");
                        let _ = stream.try_write(b"error: too many admin connections\n");
                        continue;
                    }
                    stream.set_read_timeout(Some(AUTH_TIMEOUT));
                    stream.set_write_timeout(Some(Duration::from_secs(10)));
                    let (desk, token, open) =
                        (Rc::clone(&desk), Rc::clone(&token), Rc::clone(&open));
                    open.set(open.get() + 1);
                    spawn_named(&format!("admin {peer}"), move || {
                        let r = session(stream, peer, desk, token);
                        open.set(open.get().saturating_sub(1));
                        r
                    })?;
                }
                Err(e) if is_tasklet_error(&e) => return Err(e.into()),
                Err(e) => {
                    tracing::error!(error = %e, "admin accept failed");
                    desk.borrow_mut().acceptor_parked = Some(shoal_engine::current());
                    schedule_remove()?;
                }
            }
        }
    })?;
    Ok(())
}

/// Reads lines (`\n`-terminated, `\r` dropped) from a stream.
struct Lines {
    buf: Vec<u8>,
}

impl Lines {
    /// The next line; `None` at the end of the stream.
    fn next(&mut self, stream: &TcpStream) -> io::Result<Option<String>> {
        loop {
            if let Some(i) = self.buf.iter().position(|b| *b == b'\n') {
                let line: Vec<u8> = self.buf.drain(..=i).collect();
                let text = String::from_utf8_lossy(&line[..i]);
                return Ok(Some(text.trim_end_matches('\r').to_string()));
            }
            if self.buf.len() > MAX_LINE {
                return Err(io::Error::new(io::ErrorKind::InvalidData, "line too long"));
            }
            let mut chunk = [0u8; 4096];
            let n = stream.read(&mut chunk)?;
            if n == 0 {
                return Ok(None);
            }
            self.buf.extend_from_slice(&chunk[..n]);
        }
    }
}

/// The words of a command line.
pub fn parse_command(line: &str) -> Result<Option<Command>, String> {
    let mut words = line.split_whitespace();
    let Some(verb) = words.next() else {
        return Ok(None);
    };
    let id = |w: Option<&str>| -> Result<u64, String> {
        w.and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("{verb} needs a tasklet id (a number)"))
    };
    Ok(Some(match verb {
        "stats" => Command::Stats,
        "tasklets" => Command::Tasklets(words.collect::<Vec<_>>().join(" ")),
        "traceback" => Command::Traceback(id(words.next())?),
        "kill" => Command::Kill(id(words.next())?),
        "pause" => Command::Pause(id(words.next())?),
        "resume" => Command::Resume(id(words.next())?),
        "priority" => {
            let t = id(words.next())?;
            let level = words
                .next()
                .and_then(|w| w.parse::<i32>().ok())
                .ok_or_else(|| {
                    "priority needs a tasklet id and a level (an integer)".to_string()
                })?;
            Command::Priority(t, level)
        }
        "observe" => {
            let mut request = crate::observe::Request::default();
            for word in words {
                let (key, value) = word.split_once('=').unwrap_or((word, ""));
                let number = || -> Result<u64, String> {
                    value
                        .parse()
                        .map_err(|_| format!("observe: {key}= needs a number, not '{value}'"))
                };
                match key {
                    "entity" => request.entity = Some(number()?),
                    "tasklet" => request.tasklet = Some(number()?),
                    "since" => request.since = number()?,
                    _ => {
                        return Err(format!(
                            "observe takes entity=ID, tasklet=ID and since=TICK, not '{word}'"
                        ));
                    }
                }
            }
            Command::Observe(request)
        }
        "save" => Command::Save,
        "shutdown" => Command::Shutdown,
        "eval" => {
            let code = line.trim_start()["eval".len()..].trim();
            if code.is_empty() {
                return Err("eval needs code: eval EXPRESSION or eval STATEMENTS".into());
            }
            // `\n` in the line stands for a new line (statements).
            Command::Eval(code.replace("\\n", "\n"))
        }
        other => return Err(format!("unknown command '{other}' (try help)")),
    }))
}

const HELP: &str = "commands: stats | tasklets [filter] | traceback ID | kill ID | pause ID | resume ID | priority ID LEVEL | eval CODE | save | shutdown | observe [entity=ID] [tasklet=ID] [since=TICK] | quit\n";

/// One admin connection.
fn session(
    stream: TcpStream,
    peer: SocketAddr,
    desk: SharedDesk,
    token: Rc<str>,
) -> TaskletResult<()> {
    let mut lines = Lines { buf: Vec::new() };
    let result = (|| -> io::Result<TaskletResult<()>> {
        let Some(first) = lines.next(&stream)? else {
            return Ok(Ok(()));
        };
        if first.starts_with("GET ") || first.starts_with("HEAD ") || first.starts_with("POST ") {
            return http(&stream, &mut lines, first, &desk);
        }
        // Nothing runs before `auth`.
        let given = first.strip_prefix("auth ").map(str::trim);
        if !given.is_some_and(|t| constant_time_eq(t.as_bytes(), token.as_bytes())) {
            tracing::warn!(peer = %peer, "admin: refused a wrong or missing token");
            stream.write_all(b"error: authenticate first: auth TOKEN\n")?;
            return Ok(Ok(()));
        }
        tracing::info!(peer = %peer, "admin: operator authenticated");
        stream.set_read_timeout(Some(IDLE));
        stream.write_all(b"ok\n")?;
        while let Some(line) = lines.next(&stream)? {
            let line = line.trim();
            if line == "quit" {
                break;
            }
            if line == "help" {
                stream.write_all(HELP.as_bytes())?;
                continue;
            }
            let reply = match parse_command(line) {
                Ok(None) => continue,
                Ok(Some(cmd)) => {
                    let shutdown = cmd == Command::Shutdown;
                    let observe = matches!(cmd, Command::Observe(_));
                    if !observe {
                        tracing::info!(peer = %peer, command = line, "admin command");
                    }
                    match ask(&desk, cmd) {
                        Ok(bytes) if observe => {
                            let head = format!("{OBSERVATION_HEADER} {}\n", bytes.len());
                            stream.write_all(head.as_bytes())?;
                            stream.write_all(&bytes)?;
                            continue;
                        }
                        Ok(text) => {
                            let mut text = text;
                            if !text.ends_with(b"\n") {
                                text.push(b'\n');
                            }
                            stream.write_all(&text)?;
                            stream.write_all(b".\n")?;
                            if shutdown {
                                break;
                            }
                            continue;
                        }
                        Err(e) => return Ok(Err(e)),
                    }
                }
                Err(e) => format!("error: {e}\n.\n"),
            };
            stream.write_all(reply.as_bytes())?;
        }
        Ok(Ok(()))
    })();
    match result {
        Ok(r) => r,
        Err(e) if is_tasklet_error(&e) => Err(e.into()),
        Err(e) => {
            tracing::info!(peer = %peer, error = %e, "admin connection ended");
            Ok(())
        }
    }
}

/// Answers one HTTP request: `GET /metrics`, else 404.
fn http(
    stream: &TcpStream,
    lines: &mut Lines,
    first: String,
    desk: &SharedDesk,
) -> io::Result<TaskletResult<()>> {
    let mut head = first.into_bytes();
    head.extend_from_slice(b"\r\n");
    while let Some(line) = lines.next(stream)? {
        head.extend_from_slice(line.as_bytes());
        head.extend_from_slice(b"\r\n");
        if line.is_empty() || head.len() > MAX_LINE {
            break;
        }
    }
    let mut headers = [httparse::EMPTY_HEADER; 64];
    let mut req = httparse::Request::new(&mut headers);
    let (status, body, kind) = match req.parse(&head) {
        Ok(httparse::Status::Complete(_))
            if req.path == Some("/metrics") && req.method == Some("GET") =>
        {
            match ask(desk, Command::Metrics) {
                Ok(text) => (
                    "200 OK",
                    String::from_utf8_lossy(&text).into_owned(),
                    "application/openmetrics-text; version=1.0.0; charset=utf-8",
                ),
                Err(e) => return Ok(Err(e)),
            }
        }
        Ok(httparse::Status::Complete(_)) => (
            "404 Not Found",
            "only GET /metrics is served here\n".to_string(),
            "text/plain; charset=utf-8",
        ),
        Ok(httparse::Status::Partial) | Err(_) => (
            "400 Bad Request",
            "a malformed request\n".to_string(),
            "text/plain; charset=utf-8",
        ),
    };
    let response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: {kind}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(response.as_bytes())?;
    Ok(Ok(()))
}

/// Compares two byte strings in time that does not depend on where they
/// differ (tokens are secrets).
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_parse_and_bad_ones_say_why() {
        assert_eq!(parse_command("stats"), Ok(Some(Command::Stats)));
        assert_eq!(parse_command("  "), Ok(None));
        assert_eq!(
            parse_command("tasklets client 3"),
            Ok(Some(Command::Tasklets("client 3".into())))
        );
        assert_eq!(parse_command("kill 12"), Ok(Some(Command::Kill(12))));
        assert!(parse_command("kill twelve").is_err());
        assert!(parse_command("traceback").is_err());
        assert!(parse_command("rm -rf").is_err());
        assert_eq!(
            parse_command("eval  world.tick() + 1"),
            Ok(Some(Command::Eval("world.tick() + 1".into())))
        );
        assert_eq!(
            parse_command("eval x = 1\\nreturn x"),
            Ok(Some(Command::Eval("x = 1\nreturn x".into())))
        );
        assert!(parse_command("eval").is_err());
        assert_eq!(parse_command("pause 7"), Ok(Some(Command::Pause(7))));
        assert_eq!(parse_command("resume 7"), Ok(Some(Command::Resume(7))));
        assert_eq!(
            parse_command("observe entity=4 since=100"),
            Ok(Some(Command::Observe(crate::observe::Request {
                entity: Some(4),
                tasklet: None,
                since: 100
            })))
        );
        assert!(parse_command("observe entity=four").is_err());
        assert!(parse_command("observe colour=red").is_err());
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }
}
