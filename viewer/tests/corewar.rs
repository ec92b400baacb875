//! `shoal-viewer --corewar`, driven through egui_kittest: a battle in
//! process (step, play, the results pMARS gives) and a hill's
//! leaderboard and battle over its port.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use shoal_corewar::{Battle, Seed, Settings, assemble_file};
use shoal_viewer::corewar::CorewarViewer;

fn warrior(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/corewar/warriors/examples")
        .join(name)
}

fn harness(v: CorewarViewer) -> Harness<'static, CorewarViewer> {
    Harness::builder()
        .with_size([1280.0, 720.0])
        .build_ui_state(|ui, v: &mut CorewarViewer| v.ui(ui), v)
}

fn rave_vs_aeka(rounds: u32) -> CorewarViewer {
    let settings = Settings {
        rounds,
        ..Settings::default()
    };
    let ws = ["rave.red", "aeka.red"]
        .iter()
        .map(|w| assemble_file(&warrior(w), &settings, 2).unwrap().warrior)
        .collect();
    let battle = Battle::new(ws, settings, Seed::Position(4000)).unwrap();
    CorewarViewer::local(battle, "(W*W-1)/S".into(), false)
}

fn wait_for(
    h: &mut Harness<'static, CorewarViewer>,
    what: &str,
    cond: impl Fn(&Harness<'static, CorewarViewer>) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !cond(h) {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        h.run_steps(1);
        std::thread::sleep(Duration::from_millis(2));
    }
    h.run_steps(2);
}

#[test]
fn a_battle_steps_plays_and_ends_as_pmars_says() {
    let mut h = harness(rave_vs_aeka(2));
    h.run_steps(2);
    for label in ["Rave", "Aeka", "round 1 of 2", "executed 0", "Play", "Step"] {
        assert!(h.query_by_label(label).is_some(), "no {label:?}");
    }
    // Warrior 1 (Rave) starts at its ORG, offset 1 of its code.
    assert!(h.query_by_label_contains(">   1 CMP.I").is_some());
    h.get_by_label("Step").click();
    h.run_steps(2);
    assert!(h.query_by_label("executed 1").is_some());
    assert_eq!(h.state().battle().unwrap().executed(), 1);
    // Aeka moves next, from 4000 (-F 4000).
    assert!(h.query_by_label_contains("at 4000  (moves next)").is_some());
    h.get_by_label("Play").click();
    wait_for(&mut h, "the end of the battle", |h| {
        h.state().battle().is_some_and(|b| b.finished())
    });
    // pMARS: `pmars -b -r 2 -F 4000 rave.red aeka.red` prints these.
    for line in [
        "Rave by Stefan Strack scores 6",
        "Aeka by T.Hsu scores 0",
        "Results: 2 0 0",
        "round 1: Rave wins",
        "round 2: Rave wins",
        "finished",
    ] {
        assert!(h.query_by_label(line).is_some(), "no {line:?}");
    }
    assert!(!h.state().playing());
}

#[test]
fn a_hills_leaderboard_and_battle_show_over_its_port() {
    use shoal_server::hill::{Hill, HillConfig};
    let dir = std::env::temp_dir().join(format!("shoal-viewer-hill-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (tx, rx) = std::sync::mpsc::channel();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stop2 = std::sync::Arc::clone(&stop);
    let hill_dir = dir.clone();
    let hill = std::thread::spawn(move || {
        let config = HillConfig {
            listen: "127.0.0.1:0".parse().unwrap(),
            // Slow battles, so that one is under way while the viewer looks.
            budget_per_tick: 2_000,
            rounds: 1000,
            ..HillConfig::default()
        };
        let mut hill = Hill::open(config, hill_dir).unwrap();
        for (player, w) in [("ann", "rave.red"), ("bob", "aeka.red")] {
            hill.submit(player, &std::fs::read_to_string(warrior(w)).unwrap())
                .unwrap();
        }
        tx.send(hill.addr()).unwrap();
        while !stop2.load(std::sync::atomic::Ordering::Relaxed) {
            hill.tick();
            std::thread::sleep(Duration::from_millis(5));
        }
    });
    let addr = rx.recv().unwrap();
    let mut h = harness(CorewarViewer::hill(addr.to_string()));
    wait_for(&mut h, "the leaderboard and the battle", |h| {
        h.state().leaderboard().len() == 3 && h.state().battle().is_some()
    });
    assert!(
        h.query_by_label_contains("Rave / Stefan Strack / ann")
            .is_some()
    );
    assert!(h.query_by_label_contains("Aeka / T.Hsu / bob").is_some());
    assert!(h.query_by_label("battle 0 vs 1").is_some());
    assert_eq!(h.query_all_by_label_contains("processes ").count(), 2);
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    hill.join().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}
