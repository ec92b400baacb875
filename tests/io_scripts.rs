//! Programs written for CPython's `socket`, `threading`, `queue` and
//! `time.sleep` (`tests/io/*.py`) run under `shoal run`, where threads are
//! tasklets and sockets park them, and under `python3`: stdout and the
//! exit status must be equal. Each run is bounded by a timeout.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs `cmd`, killing it after `limit`.
fn run_bounded(mut cmd: Command, limit: Duration) -> Output {
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the program starts");
    let started = Instant::now();
    loop {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

fn programs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/io");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/io exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    files
}

#[test]
fn io_programs_match_cpython() {
    let shoal = env!("CARGO_BIN_EXE_shoal");
    let files = programs();
    assert!(files.len() >= 3, "the io corpus is missing");
    let mut failures = Vec::new();
    for file in &files {
        let rel = Path::new(file.file_name().expect("file name"));
        let dir = file.parent().expect("dir");
        let mut ours = Command::new(shoal);
        ours.arg("run").arg(rel).current_dir(dir);
        let ours = run_bounded(ours, Duration::from_secs(30));
        let mut theirs = Command::new("python3");
        theirs.arg(rel).current_dir(dir);
        let theirs = run_bounded(theirs, Duration::from_secs(30));
        if ours.stdout != theirs.stdout || ours.status.code() != theirs.status.code() {
            failures.push(format!(
                "{}: shoal {:?} / python3 {:?}\n--- shoal stdout\n{}\n--- python3 stdout\n{}\n--- shoal stderr\n{}",
                file.display(),
                ours.status.code(),
                theirs.status.code(),
                String::from_utf8_lossy(&ours.stdout),
                String::from_utf8_lossy(&theirs.stdout),
                String::from_utf8_lossy(&ours.stderr),
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A sleeping tasklet does not stop the others: two threads sleeping at
/// once take about as long as one (not a speed assertion: sequential
/// sleeps would take twice as long, far beyond the bound).
#[test]
fn time_sleep_parks_the_tasklet_not_the_thread() {
    let shoal = env!("CARGO_BIN_EXE_shoal");
    let dir = std::env::temp_dir().join(format!("shoal-sleep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("sleepers.py");
    std::fs::write(
        &file,
        "import threading, time\n\
         start = time.monotonic()\n\
         ts = [threading.Thread(target=time.sleep, args=(1.0,)) for _ in range(20)]\n\
         for t in ts: t.start()\n\
         for t in ts: t.join()\n\
         print('overlapped', time.monotonic() - start < 10.0)\n",
    )
    .expect("write");
    let mut cmd = Command::new(shoal);
    cmd.arg("run").arg(&file);
    let out = run_bounded(cmd, Duration::from_secs(30));
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "overlapped True\n");
}

/// Runs `source` under `shoal run` (bounded); returns stdout and stderr.
fn shoal_run_source(name: &str, source: &str) -> (String, String) {
    let dir = std::env::temp_dir().join(format!("shoal-io-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join(format!("{name}.py"));
    std::fs::write(&file, source).expect("write");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_shoal"));
    cmd.arg("run").arg(&file);
    let out = run_bounded(cmd, Duration::from_secs(30));
    let _ = std::fs::remove_dir_all(&dir);
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A script tasklet killed while parked on a socket leaves the reactor:
/// `stackless.run()` then returns instead of waiting for the socket.
/// (Expected output from Stackless's semantics: the kill raises
/// TaskletExit inside `recv`.)
#[test]
fn a_script_tasklet_killed_while_parked_on_recv_leaves_the_reactor() {
    let (out, err) = shoal_run_source(
        "kill_parked",
        "import socket, stackless\n\
         srv = socket.socket()\n\
         srv.bind(('127.0.0.1', 0))\n\
         srv.listen()\n\
         c = socket.create_connection(srv.getsockname())\n\
         conn, _ = srv.accept()\n\
         def reader():\n\
         \x20   try:\n\
         \x20       conn.recv(10)\n\
         \x20   except TaskletExit:\n\
         \x20       print('killed while parked')\n\
         \x20       raise\n\
         t = stackless.tasklet(reader)()\n\
         stackless.schedule()\n\
         t.kill()\n\
         print(t.alive)\n\
         stackless.run()\n\
         c.sendall(b'still works')\n\
         print(conn.recv(100))\n\
         print('done')\n",
    );
    assert_eq!(
        out, "killed while parked\nFalse\nb'still works'\ndone\n",
        "stderr: {err}"
    );
}
