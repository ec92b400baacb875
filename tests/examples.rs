//! The examples and the `shoal` command, run as a user runs them.
//!
//! `cargo test` builds the examples next to the test binaries, so the tests
//! find them in `target/<profile>/examples/`.

use std::path::PathBuf;
use std::process::Command;

fn example(name: &str) -> PathBuf {
    let mut dir = std::env::current_exe().expect("test binary path");
    dir.pop(); // the test binary
    if dir.ends_with("deps") {
        dir.pop();
    }
    dir.join("examples").join(name)
}

fn run(mut cmd: Command) -> String {
    let out = cmd.output().expect("the program starts");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}\nstdout:\n{stdout}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn hello_tasklets_prints_stackless_order() {
    let out = run(Command::new(example("hello_tasklets")));
    assert_eq!(
        out,
        "Receiving tasklet started\n\
         Sending tasklet started\n\
         send from sending_tasklet\n\
         Receiving tasklet finished\n\
         Just another tasklet in the scheduler\n\
         sending tasklet finished\n"
    );
}

#[test]
fn boss_worker_shares_the_jobs() {
    let mut cmd = Command::new(example("boss_worker"));
    cmd.args(["4", "1000"]);
    let out = run(cmd);
    assert!(out.contains("boss: 1000 jobs done by 4 workers"), "{out}");
    // 871 has the longest Collatz sequence below 1001: 179 steps.
    assert!(
        out.contains("longest Collatz sequence below 1001: 871 (179 steps)"),
        "{out}"
    );
    assert!(
        out.contains("jobs per worker: [250, 250, 250, 250]"),
        "{out}"
    );
}

#[test]
fn hackysack_plays_every_kick() {
    let mut cmd = Command::new(example("hackysack"));
    cmd.args(["500", "20000"]);
    let out = run(cmd);
    assert!(out.contains("hackysack: 500 tasklets"), "{out}");
    assert!(out.contains("20000 kicks"), "{out}");
}

#[test]
fn hackysack_rejects_bad_arguments() {
    let out = Command::new(example("hackysack"))
        .arg("many")
        .output()
        .expect("starts");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("PLAYERS must be a number"), "{err}");
}

#[test]
fn bench_engine_quick_prints_the_table() {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shoal"));
    cmd.args(["bench", "engine", "--quick"]);
    let out = run(cmd);
    for row in [
        "native ping-pong, per message",
        "tokio current_thread mpsc(1)",
        "OS threads sync_channel(0)",
        "spawn + run + finish, per tasklet",
        "tokio spawn (current_thread)",
        "memory per live tasklet",
    ] {
        assert!(out.contains(row), "missing {row:?} in:\n{out}");
    }
}

#[test]
fn bench_script_quick_prints_the_table() {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shoal"));
    cmd.args(["bench", "script", "--quick"]);
    let out = run(cmd);
    for row in [
        "fib(30), recursive calls",
        "for loop, 10M iterations",
        "method calls on an instance",
        "python3 (CPython)",
    ] {
        assert!(out.contains(row), "missing {row:?} in:\n{out}");
    }
}

#[test]
fn bench_tasklets_quick_prints_the_table() {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shoal"));
    // The test does not install greenlet (the peer column may be empty).
    cmd.args(["bench", "tasklets", "--quick"])
        .env("SHOAL_BENCH_NO_INSTALL", "1");
    let out = run(cmd);
    for row in [
        "schedule() ping-pong, per switch",
        "channel send/receive pair",
        "hackysack, 1,000 tasklets, per kick",
        "memory per blocked tasklet",
    ] {
        assert!(out.contains(row), "missing {row:?} in:\n{out}");
    }
}

/// A server started as a child process, killed when dropped.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Server {
    /// Starts `cmd` and reads the `listening on ADDR` line it prints.
    fn start(mut cmd: Command) -> (Server, String) {
        use std::io::BufRead;
        cmd.stdout(std::process::Stdio::piped());
        let mut child = cmd.spawn().expect("the server starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let server = Server(child);
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = std::io::BufReader::new(stdout).lines();
            if let Some(Ok(line)) = lines.next() {
                let _ = tx.send(line);
            }
            // Keep draining so the server never blocks on a full pipe.
            for _ in lines {}
        });
        let line = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("the server says where it listens");
        let addr = line
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line: {line}"))
            .to_string();
        (server, addr)
    }

    /// Waits (at most 20 s) for the server to exit on its own.
    fn wait_exit(&mut self) -> std::process::ExitStatus {
        for _ in 0..200 {
            if let Ok(Some(status)) = self.0.try_wait() {
                return status;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("the server did not stop after its last connection");
    }
}

/// Runs the CPython echo client against `addr`; returns its stdout.
fn python_echo_client(addr: &str, clients: u32, rounds: u32) -> String {
    let (host, port) = addr.rsplit_once(':').expect("host:port");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/io/echo_client.py");
    let mut cmd = Command::new("python3");
    cmd.args([
        script,
        host,
        port,
        &clients.to_string(),
        &rounds.to_string(),
    ]);
    run(cmd)
}

#[test]
fn echo_server_serves_cpython_clients() {
    let mut cmd = Command::new(example("echo_server"));
    cmd.args(["127.0.0.1:0", "--connections", "8"]);
    let (mut server, addr) = Server::start(cmd);
    let out = python_echo_client(&addr, 8, 50);
    assert_eq!(out.trim(), "ok 8 50");
    assert!(server.wait_exit().success());
}
