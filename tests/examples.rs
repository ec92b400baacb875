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
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/io_clients/echo_client.py"
    );
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

#[test]
fn echo_server_py_runs_under_shoal_and_serves_cpython_clients() {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shoal"));
    cmd.args([
        "run",
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/echo_server.py"),
        "127.0.0.1",
        "0",
        "20",
    ]);
    let (mut server, addr) = Server::start(cmd);
    let out = python_echo_client(&addr, 20, 30);
    assert_eq!(out.trim(), "ok 20 30");
    assert!(server.wait_exit().success());
}

/// Three clients of `examples/chat_server.py`: returns what each saw.
fn chat_session(addr: &str) -> Vec<String> {
    use std::io::{BufRead, BufReader, Write};
    let connect = |name: &str| {
        let s = std::net::TcpStream::connect(addr).expect("connect");
        s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
            .ok();
        let mut w = s.try_clone().expect("clone");
        w.write_all(format!("{name}\n").as_bytes()).expect("send");
        (w, BufReader::new(s))
    };
    let mut seen = Vec::new();
    let mut clients = Vec::new();
    for name in ["ann", "bob", "cy"] {
        let (w, mut r) = connect(name);
        let mut line = String::new();
        r.read_line(&mut line).expect("welcome");
        seen.push(format!("{name} <- {line}"));
        clients.push((w, r));
    }
    let mut say = |from: usize, text: &str, to: &[usize]| {
        clients[from].0.write_all(text.as_bytes()).expect("send");
        for &i in to {
            let mut line = String::new();
            clients[i].1.read_line(&mut line).expect("relayed line");
            seen.push(format!("{i} <- {line}"));
        }
    };
    say(0, "hello from ann\n", &[1, 2]);
    say(2, "hi all\n", &[0, 1]);
    say(1, "bye\n", &[0, 2]);
    seen
}

#[test]
fn chat_server_py_relays_lines_among_three_clients_as_cpython_does() {
    let expected = vec![
        "ann <- welcome ann\n",
        "bob <- welcome bob\n",
        "cy <- welcome cy\n",
        "1 <- ann: hello from ann\n",
        "2 <- ann: hello from ann\n",
        "0 <- cy: hi all\n",
        "1 <- cy: hi all\n",
        "0 <- bob: bye\n",
        "2 <- bob: bye\n",
    ];
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/chat_server.py");
    // The reference: the same file under CPython.
    let mut cpython = Command::new("python3");
    cpython.args([script, "127.0.0.1", "0", "3"]);
    let (mut server, addr) = Server::start(cpython);
    assert_eq!(chat_session(&addr), expected, "under python3");
    assert!(server.wait_exit().success());
    let mut shoal = Command::new(env!("CARGO_BIN_EXE_shoal"));
    shoal.args(["run", script, "127.0.0.1", "0", "3"]);
    let (mut server, addr) = Server::start(shoal);
    assert_eq!(chat_session(&addr), expected, "under shoal run");
    assert!(server.wait_exit().success());
}

#[test]
fn bench_io_quick_prints_the_table() {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shoal"));
    cmd.args(["bench", "io", "--quick"]);
    let out = run(cmd);
    for row in [
        "native tasklets, 20 clients",
        "plain mio, one thread",
        "echo_server.py, 20 clients",
        "python3, one thread per client",
        "RLIMIT_NOFILE",
    ] {
        assert!(out.contains(row), "missing {row:?} in:\n{out}");
    }
}

/// Opens a connection that sends half a line and then resets it.
fn reset_connection(addr: &str) {
    use std::io::Write;
    use std::os::fd::AsRawFd;
    let mut s = std::net::TcpStream::connect(addr).expect("connect");
    s.write_all(b"half a li").expect("send");
    let linger = libc::linger {
        l_onoff: 1,
        l_linger: 0,
    };
    // SAFETY: setsockopt on a live socket with a correctly sized value.
    unsafe {
        libc::setsockopt(
            s.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            (&linger as *const libc::linger).cast(),
            std::mem::size_of::<libc::linger>() as libc::socklen_t,
        );
    }
}

#[test]
fn echo_server_py_survives_resets_and_silent_clients() {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shoal"));
    cmd.args([
        "run",
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/echo_server.py"),
        "127.0.0.1",
        "0",
    ]);
    let (mut server, addr) = Server::start(cmd);
    // Silent clients (slowloris) hold their tasklets, nothing more.
    let silent: Vec<_> = (0..50)
        .map(|_| std::net::TcpStream::connect(&addr).expect("connect"))
        .collect();
    for _ in 0..10 {
        reset_connection(&addr);
    }
    let out = python_echo_client(&addr, 10, 20);
    assert_eq!(out.trim(), "ok 10 20");
    assert!(
        matches!(server.0.try_wait(), Ok(None)),
        "the server is still running"
    );
    drop(silent);
}

#[test]
fn corewar_script_module_fights_as_pmars_does() {
    // The spec's example (corewar.md): `pmars -b -r 100 -F 4000 rave.red
    // aeka.red` prints `Results: 35 56 9`, scores 114 and 177.
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corewar/warriors/examples"
    );
    let script = format!(
        "import corewar\n\
         rave = corewar.assemble(open('{dir}/rave.red').read(), 'rave.red')\n\
         r = corewar.battle([rave, open('{dir}/aeka.red').read()], rounds=100, seed=4000)\n\
         print(rave.name, rave.length, r['wins'], r['ties'], r['scores'])\n\
         print(r['text'], end='')\n\
         try:\n    corewar.assemble('mov 0, nowhere\\n', 'bad.red')\n\
         except ValueError as e:\n    print(str(e).splitlines()[0])\n\
         try:\n    corewar.battle('dat 1')\n\
         except TypeError as e:\n    print('TypeError:', e)\n\
         try:\n    corewar.battle([rave, rave], coresize=1 << 30)\n\
         except ValueError as e:\n    print('ValueError:', str(e)[:36])\n"
    );
    let path = std::env::temp_dir().join(format!("shoal-corewar-{}.py", std::process::id()));
    std::fs::write(&path, script).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shoal"));
    cmd.arg("run").arg(&path);
    let out = run(cmd);
    let _ = std::fs::remove_file(&path);
    assert_eq!(
        out,
        "Rave 12 [35, 56] [9, 9] [114, 177]\n\
         Rave by Stefan Strack scores 114\n\
         Aeka by T.Hsu scores 177\n\
         Results: 35 56 9\n\
         bad.red:1: error: Undefined label or symbol: 'nowhere'\n\
         TypeError: battle() takes a list of warriors\n\
         ValueError: a script's battle may have a core of\n"
    );
}

#[test]
fn evolver_breeds_warriors() {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shoal"));
    cmd.args([
        "run",
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/evolver.py"),
        "2",
        "6",
    ]);
    let out = run(cmd);
    assert!(out.contains("generation 2 best"), "{out}");
    let listing = out
        .split("best warrior: score ")
        .nth(1)
        .expect("a best warrior");
    assert!(listing.contains(";redcode\n;name Evolved\n"), "{out}");
}

#[test]
fn shoal_corewar_prints_what_pmars_prints() {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shoal"));
    cmd.current_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/corewar/warriors"
    ))
    .args([
        "corewar",
        "-b",
        "-r",
        "100",
        "-F",
        "4000",
        "examples/rave.red",
        "examples/aeka.red",
    ]);
    assert_eq!(
        run(cmd),
        "Rave by Stefan Strack scores 114\nAeka by T.Hsu scores 177\nResults: 35 56 9\n"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_shoal"))
        .args(["corewar", "-b", "no-such-warrior.red"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-warrior.red"));
}

/// Checks one Santa Claus run's trace: the invariants held (the program
/// checks them and exits 1 otherwise), every christmas was delivered by a
/// full team, and elves came in threes.
fn check_santa_trace(out: &str, christmases: usize) {
    assert!(out.contains("invariants held"), "{out}");
    let deliveries = out
        .lines()
        .filter(|l| l.starts_with("Santa: all 9 reindeer are back"))
        .count();
    assert_eq!(deliveries, christmases, "{out}");
    for line in out
        .lines()
        .filter(|l| l.starts_with("Santa: helping elves "))
    {
        let elves: Vec<&str> = line["Santa: helping elves ".len()..].split(", ").collect();
        assert_eq!(elves.len(), 3, "{line}");
    }
}

#[test]
fn santa_claus_keeps_its_invariants_over_many_seeds() {
    for seed in 1..=40 {
        let mut cmd = Command::new(example("santa_claus"));
        cmd.args([seed.to_string(), "3".to_string()]);
        check_santa_trace(&run(cmd), 3);
    }
}

#[test]
fn the_santa_claus_script_keeps_its_invariants_over_many_seeds() {
    for seed in 1..=25 {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_shoal"));
        cmd.args([
            "run",
            concat!(env!("CARGO_MANIFEST_DIR"), "/examples/santa_claus.py"),
            &seed.to_string(),
            "3",
        ]);
        check_santa_trace(&run(cmd), 3);
    }
}
