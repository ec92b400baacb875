//! `shoal bench cluster`: zones across processes on a nats-server this
//! bench starts on a loopback port.
//!
//! - **handoffs and posts**: 2,000 walkers on a small torus split in two
//!   zones cross the border all the time and post to beacons in both
//!   zones; over a measured window, handoffs per second and the
//!   latency of cross-zone posts (sent at the end of one zone's tick,
//!   taken in at the start of the other's next tick);
//! - **split**: a world of 20,000 walkers ticked in this process, then
//!   run as two zone processes: the median tick work time of each.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use shoal_server::cluster::bus::{ZoneReport, ask_zones};

struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// The walkers world with `walkers` walkers on a `size` torus in `grid`
/// zones, posting every five steps (or never).
fn world(
    dir: &Path,
    walkers: u32,
    size: (f64, f64),
    grid: (u32, u32),
    post: bool,
) -> anyhow::Result<PathBuf> {
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/worlds");
    let text = std::fs::read_to_string(assets.join("walkers.ron")).context("walkers.ron")?;
    let quiet = if post { 0 } else { 1 };
    let text = text
        .replace(
            "size: (200.0, 100.0)",
            &format!("size: ({:.1}, {:.1})", size.0, size.1),
        )
        .replace(
            "grid: Some((2, 2))",
            &format!("grid: Some(({}, {}))", grid.0, grid.1),
        )
        .replace(
            r#"(kind: "walker", count: 400)"#,
            &format!(
                r#"(kind: "walker", count: {walkers}, components: {{ "quiet_after": {quiet} }})"#
            ),
        )
        .replace(
            "(50.0, 25.0)",
            &format!("({:.1}, {:.1})", size.0 / 4.0, size.1 / 4.0),
        )
        .replace(
            "(150.0, 25.0)",
            &format!("({:.1}, {:.1})", size.0 * 0.75, size.1 / 4.0),
        )
        .replace(
            "(50.0, 75.0)",
            &format!("({:.1}, {:.1})", size.0 / 4.0, size.1 * 0.75),
        )
        .replace(
            "(150.0, 75.0)",
            &format!("({:.1}, {:.1})", size.0 * 0.75, size.1 * 0.75),
        );
    let path = dir.join("walkers.ron");
    std::fs::write(&path, text)?;
    std::fs::copy(assets.join("walkers.py"), dir.join("walkers.py"))?;
    Ok(path)
}

fn zones(
    dir: &Path,
    world: &Path,
    url: &str,
    cluster: &str,
    names: &[&str],
) -> anyhow::Result<Vec<Proc>> {
    let server = std::env::current_exe()?.with_file_name("shoal-server");
    let mut out = Vec::new();
    for z in names {
        let child = Command::new(&server)
            .arg("--world")
            .arg(world)
            .args(["--zone", z, "--nats", url, "--cluster", cluster])
            .args(["--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0"])
            .arg("--data")
            .arg(dir.join(format!("data-{z}")))
            .env("SHOAL_LOG", "error")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("starting {}", server.display()))?;
        out.push(Proc(child));
    }
    Ok(out)
}

fn reports(
    url: &str,
    cluster: &str,
    n: usize,
    within: Duration,
) -> anyhow::Result<Vec<ZoneReport>> {
    let deadline = Instant::now() + within;
    loop {
        if let Ok(r) = ask_zones(url, cluster, "stats")
            && r.len() == n
            && r.iter().all(|z| z.pid != 0 && z.tick > 20)
        {
            return Ok(r);
        }
        if Instant::now() > deadline {
            bail!("the zones did not start");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn pct(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * p / 100.0).round() as usize;
    sorted[i] as f64
}

/// Runs the suite and returns its table.
pub fn bench(quick: bool) -> anyhow::Result<String> {
    let dir = std::env::temp_dir().join(format!("shoal-bench-cluster-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let port = free_port()?;
    let nats = Command::new("nats-server")
        .args(["-a", "127.0.0.1", "-p", &port.to_string(), "-js", "-sd"])
        .arg(dir.join("js"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("nats-server is needed (scripts/install-deps.sh installs it)")?;
    let _nats = Proc(nats);
    let url = format!("nats://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            bail!("nats-server did not listen");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let window = Duration::from_secs(if quick { 3 } else { 10 });
    let mut out = String::from("| scenario | figure |\n|---|---|\n");

    // Handoffs and posts.
    let walkers = if quick { 400 } else { 2_000 };
    let d1 = dir.join("moves");
    std::fs::create_dir_all(&d1)?;
    let w = world(&d1, walkers, (200.0, 100.0), (2, 1), true)?;
    {
        let _z = zones(&d1, &w, &url, "bench-moves", &["c0r0", "c1r0"])?;
        let before = reports(&url, "bench-moves", 2, Duration::from_secs(120))?;
        let t0 = Instant::now();
        std::thread::sleep(window);
        let after = ask_zones(&url, "bench-moves", "stats").map_err(anyhow::Error::msg)?;
        let secs = t0.elapsed().as_secs_f64();
        let moved: u64 = after.iter().map(|z| z.handoffs_in).sum::<u64>()
            - before.iter().map(|z| z.handoffs_in).sum::<u64>();
        let mut lat: Vec<u64> = after
            .iter()
            .flat_map(|z| z.post_latency_us.clone())
            .collect();
        lat.sort_unstable();
        let ticks: u64 = after.iter().map(|z| z.tick).min().unwrap_or(0)
            - before.iter().map(|z| z.tick).min().unwrap_or(0);
        out.push_str(&format!(
            "| {walkers} walkers, 2 zones, 50 ticks/s: handoffs | {:.0}/s ({} in {secs:.1} s, {} ticks) |\n",
            moved as f64 / secs,
            moved,
            ticks
        ));
        out.push_str(&format!(
            "| cross-zone post latency ({} posts; a tick is 20 ms) | p50 {:.2} ms, p99 {:.2} ms |\n",
            lat.len(),
            pct(&lat, 50.0) / 1e3,
            pct(&lat, 99.0) / 1e3
        ));
    }

    // One process against two zone processes.
    let big = if quick { 2_000 } else { 20_000 };
    let d2 = dir.join("split");
    std::fs::create_dir_all(&d2)?;
    let w = world(&d2, big, (4000.0, 2000.0), (2, 1), false)?;
    let one = {
        let text = std::fs::read_to_string(&w)?;
        let def = shoal_server::parse_world(&w.display().to_string(), &text)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let handle = std::thread::spawn(move || -> anyhow::Result<Vec<f64>> {
            let mut sim = shoal_server::Sim::new(def, std::rc::Rc::from(Vec::new()))
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let mut times = Vec::new();
            for i in 0..(if quick { 40 } else { 200 }) {
                let r = sim.tick();
                if i >= 10 {
                    times.push(r.work.as_secs_f64() * 1e3);
                }
            }
            Ok(times)
        });
        let mut t = handle
            .join()
            .map_err(|_| anyhow::anyhow!("the world panicked"))??;
        t.sort_by(f64::total_cmp);
        t[t.len() / 2]
    };
    let two = {
        let _z = zones(&d2, &w, &url, "bench-split", &["c0r0", "c1r0"])?;
        reports(&url, "bench-split", 2, Duration::from_secs(180))?;
        std::thread::sleep(window);
        let r = ask_zones(&url, "bench-split", "stats").map_err(anyhow::Error::msg)?;
        r.iter().map(|z| z.tick_ms_p50).fold(0.0, f64::max)
    };
    out.push_str(&format!(
        "| {big} walkers: tick work, one process | {one:.2} ms (median) |\n| {big} walkers: tick work, two zone processes | {two:.2} ms (the slower zone's median), {:.2}x the one-process tick |\n",
        two / one
    ));
    let _ = std::fs::remove_dir_all(&dir);
    Ok(out)
}
