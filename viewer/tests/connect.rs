//! The viewer watching a running server through its admin port: the
//! same UI, filled by the connection.

mod common;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use common::{harness_of, wait_for};
use egui_kittest::kittest::Queryable;
use shoal_server::config::ServerConfig;
use shoal_server::serve::Server;
use shoal_viewer::Feed;

struct RunningServer {
    admin: String,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
    data: PathBuf,
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        let _ = std::fs::remove_dir_all(&self.data);
    }
}

/// A server on the pond world, on free loopback ports, on its own thread.
fn server(name: &str) -> RunningServer {
    let data = std::env::temp_dir().join(format!("shoal-viewer-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let world = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/pond.ron");
    let text = format!(
        r#"(
    listen: "127.0.0.1:0",
    admin: "127.0.0.1:0",
    world: {world:?},
    data_dir: {data:?},
    autosave_secs: 0,
    keep_snapshots: 2,
    admin_token: Some("open-sesame-0123456789"),
    limits: (
        max_connections: 10,
        max_frame_bytes: 65536,
        messages_per_sec: 50,
        outgoing_queue: 64,
        idle_timeout_secs: 60,
        session_grace_secs: 5,
        area_of_interest: 40.0,
    ),
)"#,
        world = world.display().to_string(),
        data = data.display().to_string(),
    );
    let config = ServerConfig::parse("test.ron", &text).expect("config");
    let stop = Arc::new(AtomicBool::new(false));
    let (tx, rx) = std::sync::mpsc::channel();
    let flag = stop.clone();
    let thread = std::thread::spawn(move || {
        let mut server = Server::open(config).expect("the server opens");
        tx.send(server.admin_addr.to_string()).unwrap();
        server.run(&flag).expect("the server runs");
    });
    let admin = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("the admin port");
    RunningServer {
        admin,
        stop,
        thread: Some(thread),
        data,
    }
}

#[test]
fn a_connected_viewer_sees_the_server_world_and_its_tasklets() {
    let s = server("connect");
    let mut h = harness_of(Feed::connect(
        s.admin.clone(),
        "open-sesame-0123456789".into(),
    ));
    wait_for(&mut h, "the server's world", |h| {
        h.state().observation().entities.len() >= 6 && h.state().observation().tick > 2
    });
    let o = h.state().observation().clone();
    assert_eq!(o.world, "pond");
    assert!(
        o.tasklets.iter().any(|t| t.name.contains("acceptor")),
        "the server's native tasklets are listed"
    );
    // The world is the server's: no pausing it from here.
    assert!(!h.state().feed().status().controls_world);
    // The timing plots fill from the server's samples.
    wait_for(&mut h, "samples", |h| h.state().samples().len() >= 2);
    // Select the hermit: its traceback comes over the wire.
    let hermit = o
        .tasklets
        .iter()
        .find(|t| t.name.starts_with("hermit"))
        .map(|t| (t.id, t.name.clone()))
        .expect("the hermit");
    let label = hermit.1.clone();
    h.get_by_label("filter").focus();
    h.run_steps(1);
    h.get_by_label("filter").type_text("hermit");
    wait_for(&mut h, "the hermit's row", |h| {
        h.query_by_label(&label).is_some()
    });
    h.get_by_label(&label).click();
    wait_for(&mut h, "the traceback", |h| {
        h.query_by_label_contains("in hermit").is_some()
    });
    // Pause and resume it, then kill it, through the console.
    h.get_by_label("Pause tasklet").click();
    wait_for(&mut h, "held", |h| {
        h.state()
            .observation()
            .tasklets
            .iter()
            .any(|t| t.id == hermit.0 && t.held)
    });
    h.get_by_label("Resume tasklet").click();
    wait_for(&mut h, "released", |h| {
        h.state()
            .observation()
            .tasklets
            .iter()
            .any(|t| t.id == hermit.0 && !t.held)
    });
    h.get_by_label("Kill tasklet").click();
    wait_for(&mut h, "killed", |h| {
        h.state()
            .feed()
            .status()
            .message
            .is_some_and(|m| m.contains(&format!("killed tasklet {}", hermit.0)))
    });
}

#[test]
fn a_wrong_token_is_refused_with_a_clear_message() {
    let s = server("token");
    let mut h = harness_of(Feed::connect(s.admin.clone(), "not-the-token".into()));
    wait_for(&mut h, "the refusal", |h| {
        h.state()
            .feed()
            .status()
            .message
            .is_some_and(|m| m.contains("refused the admin token"))
    });
    assert!(h.state().feed().status().failed);
    assert_eq!(h.state().received(), 0);
}

#[test]
fn the_admin_client_observes_pauses_only_scripts_and_reports_errors() {
    use shoal_server::client::{AdminClient, ClientError};
    use shoal_server::observe::Request;
    let s = server("admin");
    let stream = std::net::TcpStream::connect(&s.admin).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut c = AdminClient::login(stream, "open-sesame-0123456789").expect("logged in");
    let o = c.observe(&Request::default()).expect("an observation");
    assert_eq!(o.world, "pond");
    assert!(o.entities.len() >= 6, "{}", o.entities.len());
    let acceptor = o
        .tasklets
        .iter()
        .find(|t| t.name == "game acceptor")
        .expect("the game acceptor")
        .id;
    match c.command(&format!("pause {acceptor}")) {
        Err(ClientError::Refused(e)) => {
            assert!(e.contains("only script tasklets can be paused"), "{e}")
        }
        other => panic!("pausing a listener: {other:?}"),
    }
    match c.command("pause 0") {
        Err(ClientError::Refused(e)) => assert!(e.contains("main tasklet"), "{e}"),
        other => panic!("pausing main: {other:?}"),
    }
    // The connection goes on after errors; a selection comes in detail.
    let hermit = o
        .tasklets
        .iter()
        .find(|t| t.name.starts_with("hermit"))
        .unwrap();
    let detail = c
        .observe(&Request {
            entity: hermit.entity,
            tasklet: Some(hermit.id),
            since: 0,
        })
        .unwrap();
    let e = detail.entity.expect("the hermit's detail");
    assert_eq!(e.kind, "hermit");
    assert_eq!(detail.tasklet.map(|t| t.row.id), Some(hermit.id));
    assert!(
        detail.samples.iter().all(|s| s.tick >= 1),
        "samples of ticks that ran"
    );
}
