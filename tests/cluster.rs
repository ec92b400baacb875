//! Zones across processes, on a real `nats-server` (with JetStream) on a
//! loopback port that each test starts for itself: walkers cross the
//! zones' borders all the time; after a few hundred ticks no entity is
//! lost or owned twice, every behaviour's own step counter (kept in its
//! locals across handoffs) is intact, cross-zone posts arrived exactly
//! once and in order per sender, and a zone killed with `kill -9` is
//! taken over by another process.
//!
//! Without `nats-server` on the PATH the tests say so and pass, unless
//! SHOAL_REQUIRE_NATS is set (CI sets it: `scripts/install-deps.sh`
//! installs nats-server).

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use shoal_server::cluster::bus::{ZoneReport, ask_zones, read_owners};

/// A process killed when dropped.
struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("shoal-cluster-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    dir
}

/// Starts nats-server with JetStream on a free loopback port; None (and
/// a message) when it is not installed and the tests may skip.
fn nats(dir: &Path) -> Option<(Proc, String)> {
    nats_on(dir, None)
}

/// [`nats`] on `port` if given (a restart keeps its store in `dir`).
fn nats_on(dir: &Path, port: Option<u16>) -> Option<(Proc, String)> {
    let found = Command::new("nats-server")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        if std::env::var_os("SHOAL_REQUIRE_NATS").is_some() {
            panic!("nats-server is not installed (scripts/install-deps.sh installs it)");
        }
        eprintln!("SKIPPED: nats-server is not installed (scripts/install-deps.sh installs it)");
        return None;
    }
    // Port -1: nats-server picks a free one and says which (a port
    // chosen here could be taken by another test's process meanwhile).
    let log_path = dir.join(format!("nats-{}.log", port.map_or(0, i32::from)));
    let log = std::fs::File::create(&log_path).expect("a log file");
    let port_arg = port.map_or_else(|| "-1".to_string(), |p| p.to_string());
    let child = Command::new("nats-server")
        .args(["-a", "127.0.0.1", "-p", &port_arg, "-js", "-sd"])
        .arg(dir.join("js"))
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("nats-server starts");
    let mut proc = Proc(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    let port = loop {
        let text = std::fs::read_to_string(&log_path).unwrap_or_default();
        if let Some(p) = text.lines().find_map(|l| {
            l.split("Listening for client connections on 127.0.0.1:")
                .nth(1)
                .and_then(|rest| rest.trim().parse::<u16>().ok())
        }) {
            break p;
        }
        if let Ok(Some(status)) = proc.0.try_wait() {
            panic!("nats-server stopped ({status}): {text}");
        }
        assert!(
            Instant::now() < deadline,
            "nats-server did not listen: {text}"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    Some((proc, format!("nats://127.0.0.1:{port}")))
}

/// The walkers world in `dir`, with `grid` zones and `walkers` walkers
/// that stop posting after `quiet_after` steps.
fn world(dir: &Path, grid: (u32, u32), walkers: u32, quiet_after: u32) -> PathBuf {
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/worlds");
    let text = std::fs::read_to_string(assets.join("walkers.ron")).expect("walkers.ron");
    let text = text
        .replace(
            "grid: Some((2, 2))",
            &format!("grid: Some(({}, {}))", grid.0, grid.1),
        )
        .replace(
            r#"(kind: "walker", count: 400)"#,
            &format!(r#"(kind: "walker", count: {walkers}, components: {{ "quiet_after": {quiet_after} }})"#),
        );
    assert!(text.contains(&format!("count: {walkers}")));
    std::fs::write(dir.join("walkers.ron"), text).expect("write the world");
    std::fs::copy(assets.join("walkers.py"), dir.join("walkers.py")).expect("copy walkers.py");
    dir.join("walkers.ron")
}

fn zone(dir: &Path, world: &Path, url: &str, zone: &str, tag: &str) -> Proc {
    let data = dir.join(format!("data-{tag}"));
    let log = std::fs::File::create(dir.join(format!("{tag}.log"))).expect("a log file");
    let out = std::fs::File::create(dir.join(format!("{tag}.out"))).expect("an output file");
    let child = Command::new(env!("CARGO_BIN_EXE_shoal-server"))
        .arg("--world")
        .arg(world)
        .args(["--zone", zone, "--nats", url, "--cluster", "walkers"])
        .args(["--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0"])
        .args(["--lease-secs", "1.5", "--zone-snapshot-secs", "0.5"])
        .arg("--data")
        .arg(data)
        .env("SHOAL_LOG", "warn")
        .stdout(out)
        .stderr(log)
        .spawn()
        .expect("shoal-server starts");
    Proc(child)
}

/// Waits until `zones` zones answer, each at tick `tick` or later.
fn wait_ticks(url: &str, zones: usize, tick: u64, within: Duration) -> Vec<ZoneReport> {
    let deadline = Instant::now() + within;
    loop {
        if let Ok(r) = ask_zones(url, "walkers", "stats")
            && r.len() == zones
            && r.iter().all(|z| z.pid != 0 && z.tick >= tick)
        {
            return r;
        }
        assert!(
            Instant::now() < deadline,
            "the zones did not reach tick {tick}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Pauses every zone and waits until nothing is in flight (handoffs,
/// posts); returns each zone's entities.
fn settle(url: &str, zones: usize) -> Vec<ZoneReport> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let r = ask_zones(url, "walkers", "pause").expect("the zones answer");
        let quiet = r.len() == zones
            && r.iter()
                .all(|z| z.paused && z.in_transit == 0 && z.posts_waiting == 0);
        if quiet {
            // Once more: deliveries started by the last posts have run
            // (a paused zone still takes what arrives).
            std::thread::sleep(Duration::from_millis(300));
            let r = ask_zones(url, "walkers", "entities").expect("the zones answer");
            if r.iter().all(|z| z.in_transit == 0 && z.posts_waiting == 0) {
                return r;
            }
        }
        assert!(
            Instant::now() < deadline,
            "the cluster did not settle: {r:?}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn prop(props: &[(String, String)], name: &str) -> i64 {
    let v = props
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| panic!("no component {name}"));
    v.trim_start_matches("Int(")
        .trim_end_matches(')')
        .parse()
        .unwrap_or_else(|_| panic!("{name} = {v}"))
}

/// Every entity once, owned where it runs, counters intact.
fn check_entities(url: &str, reports: &[ZoneReport], total: u64, min_steps: i64) {
    let mut seen = HashSet::new();
    let owners = read_owners(url, "walkers").expect("the owners");
    for z in reports {
        for (id, kind, props) in &z.list {
            assert!(seen.insert(*id), "entity {id} is in two zones");
            assert_eq!(
                owners.get(id),
                Some(&z.zone),
                "entity {id} runs in {} but the ownership bucket says {:?}",
                z.zone,
                owners.get(id)
            );
            if kind == "walker" {
                assert_eq!(prop(props, "broken"), 0, "walker {id}'s counter was reset");
                let steps = prop(props, "steps");
                assert!(steps >= min_steps, "walker {id} took only {steps} steps");
            }
        }
    }
    let all: HashSet<u64> = (0..total).collect();
    assert_eq!(seen, all, "entities lost or made up");
    let owned: HashSet<u64> = owners.keys().copied().collect();
    assert_eq!(
        owned, all,
        "ownership entries of entities that do not exist"
    );
}

/// Beacons got every walker's posts, once each, in order.
fn check_posts(reports: &[ZoneReport]) {
    let (mut sent, mut got) = (0, 0);
    for z in reports {
        for (id, kind, props) in &z.list {
            match kind.as_str() {
                "walker" => sent += prop(props, "sent"),
                "beacon" => {
                    got += prop(props, "got");
                    assert_eq!(
                        prop(props, "disorder"),
                        0,
                        "beacon {id} got a post twice or out of order"
                    );
                }
                _ => {}
            }
        }
    }
    assert!(sent > 100, "only {sent} posts were sent");
    assert_eq!(got, sent, "posts lost or duplicated");
}

fn handoffs(reports: &[ZoneReport]) -> u64 {
    reports.iter().map(|z| z.handoffs_in).sum()
}

fn run_cluster(name: &str, grid: (u32, u32)) {
    let dir = temp_dir(name);
    let Some((_nats, url)) = nats(&dir) else {
        return;
    };
    let walkers = 200;
    let w = world(&dir, grid, walkers, 150);
    let names: Vec<String> = (0..grid.1)
        .flat_map(|r| (0..grid.0).map(move |c| format!("c{c}r{r}")))
        .collect();
    let _zones: Vec<Proc> = names.iter().map(|z| zone(&dir, &w, &url, z, z)).collect();
    let n = names.len();
    wait_ticks(&url, n, 300, Duration::from_secs(120));
    let reports = settle(&url, n);
    let total = 4 + u64::from(walkers);
    // Steps: every walker stepped in most ticks (a handoff costs a tick
    // or two; the zones started a little apart).
    check_entities(&url, &reports, total, 150);
    check_posts(&reports);
    let moved = handoffs(&reports);
    assert!(
        moved >= u64::from(walkers),
        "only {moved} handoffs: the walkers should cross borders all the time"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn two_zones_hand_walkers_back_and_forth_and_lose_nothing() {
    run_cluster("two", (2, 1));
}

#[test]
fn four_zones_hand_walkers_around_and_lose_nothing() {
    run_cluster("four", (2, 2));
}

#[test]
fn a_zone_killed_with_sigkill_is_taken_over_and_loses_no_entity() {
    let dir = temp_dir("kill");
    let Some((_nats, url)) = nats(&dir) else {
        return;
    };
    let walkers = 200;
    let w = world(&dir, (2, 1), walkers, 0);
    let _a = zone(&dir, &w, &url, "c0r0", "a");
    let mut b = zone(&dir, &w, &url, "c1r0", "b");
    wait_ticks(&url, 2, 150, Duration::from_secs(120));
    // SIGKILL: no chance to save or hand anything over.
    let killed = b.0.id();
    b.0.kill().expect("kill -9");
    let _ = b.0.wait();
    // A standby takes over whichever zone is free once its lease expires.
    let _standby = zone(&dir, &w, &url, "any", "standby");
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut first: BTreeMap<u32, u64> = BTreeMap::new();
    loop {
        let r = ask_zones(&url, "walkers", "stats").unwrap_or_default();
        let taken = r.iter().any(|z| {
            if z.zone != "c1r0" || z.pid == 0 || z.pid == killed {
                return false;
            }
            let t0 = *first.entry(z.pid).or_insert(z.tick);
            z.tick >= t0 + 100
        });
        if taken && r.len() == 2 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "zone c1r0 was not taken over: {r:?}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    let reports = settle(&url, 2);
    check_entities(&url, &reports, 4 + u64::from(walkers), 100);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The game address a zone process printed.
fn game_addr(dir: &Path, tag: &str) -> std::net::SocketAddr {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let out = std::fs::read_to_string(dir.join(format!("{tag}.out"))).unwrap_or_default();
        if let Some(addr) = out
            .lines()
            .find_map(|l| l.strip_prefix("game listening on "))
            .and_then(|a| a.trim().parse().ok())
        {
            return addr;
        }
        assert!(
            Instant::now() < deadline,
            "zone {tag} did not say where it listens"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Where the client last saw `avatar`, from an update.
fn seen_at(msg: &shoal_server::protocol::ServerMsg, avatar: u64) -> Option<(f32, f32)> {
    match msg {
        shoal_server::protocol::ServerMsg::Update { entered, moved, .. } => entered
            .iter()
            .filter(|e| e.id == avatar)
            .map(|e| (e.x, e.y))
            .chain(moved.iter().filter(|m| m.id == avatar).map(|m| (m.x, m.y)))
            .last(),
        _ => None,
    }
}

#[test]
fn a_client_stays_connected_while_its_avatar_walks_into_the_next_zone() {
    use shoal_server::protocol::ClientMsg;
    let dir = temp_dir("client");
    let Some((_nats, url)) = nats(&dir) else {
        return;
    };
    let w = world(&dir, (2, 1), 20, 0);
    let _a = zone(&dir, &w, &url, "c0r0", "a");
    let _b = zone(&dir, &w, &url, "c1r0", "b");
    wait_ticks(&url, 2, 20, Duration::from_secs(120));
    let stream = std::net::TcpStream::connect(game_addr(&dir, "a")).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .expect("a timeout");
    let (mut client, welcome) =
        shoal_server::client::Client::join(stream, "wanderer").expect("joined");
    let avatar = welcome.avatar;
    // Walk right until the avatar is well inside zone c1r0 (x in
    // [100, 200)), past c0r0's ghost margin: c0r0, which holds the
    // session, no longer has it at all.
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut at = None;
    loop {
        let owner = read_owners(&url, "walkers")
            .ok()
            .and_then(|o| o.get(&avatar).cloned());
        if owner.as_deref() == Some("c1r0")
            && at.is_some_and(|(x, _): (f32, f32)| (130.0..170.0).contains(&x))
        {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the avatar did not reach zone c1r0 (owner {owner:?}, seen at {at:?})"
        );
        client
            .send(&ClientMsg::Move { dx: 4.0, dy: 0.0 })
            .expect("a move");
        // What came meanwhile.
        for _ in 0..5 {
            let msg = client.recv().expect("updates keep coming");
            if let Some(p) = seen_at(&msg, avatar) {
                at = Some(p);
            }
        }
    }
    // Its inputs reach it in the other zone, and the client sees it move
    // there, as that zone sees it.
    let (_, y0) = at.expect("seen");
    let mut moved_there = false;
    let deadline = Instant::now() + Duration::from_secs(30);
    while !moved_there {
        assert!(
            Instant::now() < deadline,
            "the avatar's moves in zone c1r0 were not seen"
        );
        client
            .send(&ClientMsg::Move { dx: 0.0, dy: 4.0 })
            .expect("a move");
        for _ in 0..5 {
            let msg = client.recv().expect("updates keep coming");
            if let Some((x, y)) = seen_at(&msg, avatar)
                && (100.0..200.0).contains(&x)
                && (y - y0).abs() >= 8.0
            {
                moved_there = true;
            }
        }
    }
    let owners = read_owners(&url, "walkers").expect("owners");
    assert_eq!(owners.get(&avatar).map(String::as_str), Some("c1r0"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_nats_outage_pauses_handoffs_and_posts_and_loses_nothing() {
    let dir = temp_dir("outage");
    let Some((nats, url)) = nats(&dir) else {
        return;
    };
    let port: u16 = url
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("a port");
    let walkers = 200;
    let w = world(&dir, (2, 1), walkers, 300);
    let _a = zone(&dir, &w, &url, "c0r0", "a");
    let _b = zone(&dir, &w, &url, "c1r0", "b");
    let before = wait_ticks(&url, 2, 100, Duration::from_secs(120));
    // NATS goes away for three seconds (longer than the zones' leases),
    // then comes back on the same port with the same store.
    drop(nats);
    std::thread::sleep(Duration::from_secs(3));
    let (_nats, url2) = nats_on(&dir, Some(port)).expect("nats-server again");
    assert_eq!(url, url2);
    // The zones went on ticking meanwhile and resume their handoffs.
    let t0 = before.iter().map(|z| z.tick).max().unwrap_or(0);
    let after = wait_ticks(&url, 2, t0 + 400, Duration::from_secs(120));
    assert!(after.iter().all(|z| z.connected));
    // A walker in flight when NATS went away waited for it (its handoff
    // was decided once NATS was back): fewer steps, none lost.
    let reports = settle(&url, 2);
    check_entities(&url, &reports, 4 + u64::from(walkers), 100);
    check_posts(&reports);
    assert!(
        handoffs(&reports) > handoffs(&before),
        "no handoff since NATS came back"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
