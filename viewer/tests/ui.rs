//! The viewer's real UI, driven through egui_kittest (no display, no
//! GPU): a small world runs on its own thread as in the app, and the
//! tests click, type and read labels as a user would.

mod common;

use std::path::PathBuf;
use std::time::Duration;

use common::{harness_of, wait_for};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use shoal_viewer::{Feed, Start, Viewer};

fn pond() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/pond.ron")
}

fn harness(paused: bool) -> Harness<'static, Viewer> {
    harness_of(Feed::in_process(Start::World(pond()), paused))
}

fn has(h: &Harness<'static, Viewer>, label: &str) -> bool {
    h.query_by_label(label).is_some()
}

fn has_part(h: &Harness<'static, Viewer>, part: &str) -> bool {
    h.query_by_label_contains(part).is_some()
}

/// Replaces the text of the field labelled `label` (select all, type).
fn retype(h: &mut Harness<'static, Viewer>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run_steps(1);
    h.key_press(egui::Key::Backspace);
    h.run_steps(1);
    if !text.is_empty() {
        h.get_by_label(label).type_text(text);
        h.run_steps(1);
    }
}

fn tick(h: &Harness<'static, Viewer>) -> u64 {
    h.state().observation().tick
}

#[test]
fn stepping_moves_the_tick_counter_and_the_spawner_adds_a_fish() {
    let mut h = harness(true);
    wait_for(&mut h, "the world", |h| h.state().received() > 0);
    assert!(
        has(&h, "entities 6"),
        "3 fish, a heron, a hermit, a spawner"
    );
    for expected in 1..=3 {
        h.get_by_label("Step").click();
        let label = format!("tick {expected}");
        wait_for(&mut h, &label, |h| has(h, &label));
    }
    // The spawner spawned at tick 2; the simulation phase of the same
    // tick added it.
    assert!(has(&h, "entities 7"), "the spawner's fish");
    // Paused: the tick stays.
    std::thread::sleep(Duration::from_millis(200));
    h.run_steps(2);
    assert_eq!(tick(&h), 3);
}

#[test]
fn selecting_the_hermit_shows_its_traceback_and_script() {
    let mut h = harness(true);
    wait_for(&mut h, "the world", |h| h.state().received() > 0);
    h.get_by_label("Step").click();
    wait_for(&mut h, "tick 1", |h| has(h, "tick 1"));
    retype(&mut h, "filter", "hermit");
    wait_for(&mut h, "one row", |h| has(h, "1 of 7 tasklets"));
    let name = h
        .state()
        .observation()
        .tasklets
        .iter()
        .find(|t| t.name.starts_with("hermit"))
        .map(|t| t.name.clone())
        .expect("the hermit's tasklet");
    h.get_by_label(&name).click();
    wait_for(&mut h, "the traceback", |h| has_part(h, "in hermit"));
    // The frame's locals, the state and the script at the line.
    let o = h.state().observation();
    let e = o.entity.as_ref().expect("the hermit in detail");
    assert_eq!(e.kind, "hermit");
    assert!(
        e.waits
            .as_ref()
            .is_some_and(|w| w.to_string().starts_with("receive on channel")),
        "{:?}",
        e.waits
    );
    let script = e.script.as_ref().expect("its script");
    assert!(script.file.ends_with("pond.py"));
    assert_eq!(
        script
            .text
            .lines()
            .nth(script.line as usize - 1)
            .map(str::trim),
        Some("message = world.receive()")
    );
    assert!(has_part(&h, "Traceback (most recent call last)"));
    assert!(has(&h, "me"), "the local `me` is listed");
    assert!(
        has_part(&h, "message = world.receive()"),
        "the script's line is shown"
    );
    // Its channel is in the channel table with balance -1.
    h.get_by_label("Channels").click();
    wait_for(&mut h, "the channel row", |h| has(h, "-1"));
}

#[test]
fn the_tasklet_filter_narrows_the_table_and_sorting_reorders_it() {
    let mut h = harness(true);
    wait_for(&mut h, "the world", |h| h.state().received() > 0);
    wait_for(&mut h, "every tasklet", |h| has(h, "7 of 7 tasklets"));
    retype(&mut h, "filter", "fish");
    wait_for(&mut h, "three fish", |h| has(h, "3 of 7 tasklets"));
    assert!(!has_part(&h, "heron "), "the heron's row is filtered out");
    retype(&mut h, "filter", "fish sleeping");
    h.run_steps(2);
    assert!(has(&h, "0 of 7 tasklets"), "not started yet: none sleeps");
    retype(&mut h, "filter", "");
    wait_for(&mut h, "every tasklet again", |h| has(h, "7 of 7 tasklets"));
    // Sorting: by name, then the other way.
    let names: Vec<String> = h
        .state()
        .observation()
        .tasklets
        .iter()
        .filter(|t| t.name.starts_with("fish") || t.name.starts_with("spawner"))
        .map(|t| t.name.clone())
        .collect();
    let (fish, spawner) = (
        names
            .iter()
            .find(|n| n.starts_with("fish"))
            .unwrap()
            .clone(),
        names
            .iter()
            .find(|n| n.starts_with("spawner"))
            .unwrap()
            .clone(),
    );
    let above = |h: &Harness<'static, Viewer>, a: &str, b: &str| {
        h.get_by_label(a).rect().top() < h.get_by_label(b).rect().top()
    };
    h.get_by_label("name").click();
    wait_for(&mut h, "sorted by name", |h| has(h, "name ▲"));
    assert!(above(&h, &fish, &spawner), "fish before spawner");
    h.get_by_label("name ▲").click();
    wait_for(&mut h, "sorted the other way", |h| has(h, "name ▼"));
    assert!(above(&h, &spawner, &fish), "spawner before fish");
}

#[test]
fn pause_and_resume_stop_and_restart_the_ticks() {
    let mut h = harness(false);
    wait_for(&mut h, "ticks", |h| tick(h) >= 2);
    h.get_by_label("Pause").click();
    wait_for(&mut h, "paused", |h| has(h, "Resume"));
    let at = tick(&h);
    std::thread::sleep(Duration::from_millis(300));
    h.run_steps(3);
    assert!(tick(&h) <= at + 1, "at most the tick in flight ran");
    let paused_at = tick(&h);
    h.get_by_label("Resume").click();
    wait_for(&mut h, "ticking again", |h| tick(h) > paused_at + 2);
    assert!(has(&h, "Pause"));
}

#[test]
fn pausing_a_tasklet_holds_it_and_resuming_lets_it_run() {
    let mut h = harness(true);
    wait_for(&mut h, "the world", |h| h.state().received() > 0);
    h.get_by_label("Step").click();
    wait_for(&mut h, "tick 1", |h| has(h, "tick 1"));
    let fish = h
        .state()
        .observation()
        .tasklets
        .iter()
        .find(|t| t.name.starts_with("fish"))
        .map(|t| (t.id, t.name.clone()))
        .expect("a fish");
    h.get_by_label(&fish.1).click();
    let pause = format!("Pause {}", fish.0);
    wait_for(&mut h, "the tasklet's buttons", |h| has(h, &pause));
    h.get_by_label(&pause).click();
    let resume = format!("Resume {}", fish.0);
    wait_for(&mut h, "held", |h| has(h, &resume));
    let runs = |h: &Harness<'static, Viewer>| {
        h.state()
            .observation()
            .tasklets
            .iter()
            .find(|t| t.id == fish.0)
            .map(|t| (t.runs, t.held))
    };
    let before = runs(&h).expect("the fish").0;
    for n in 2..=4 {
        h.get_by_label("Step").click();
        let label = format!("tick {n}");
        wait_for(&mut h, &label, |h| has(h, &label));
    }
    assert_eq!(
        runs(&h),
        Some((before, true)),
        "a held tasklet does not run"
    );
    h.get_by_label(&resume).click();
    wait_for(&mut h, "released", |h| has(h, &pause));
    h.get_by_label("Step").click();
    wait_for(&mut h, "tick 5", |h| has(h, "tick 5"));
    wait_for(&mut h, "it runs again", |h| {
        runs(h).is_some_and(|(r, held)| r > before && !held)
    });
}

#[test]
fn a_saved_snapshot_loads_back_to_its_tick() {
    let dir = std::env::temp_dir().join(format!("shoal-viewer-ui-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("pond.snapshot.ron");
    let _ = std::fs::remove_file(&file);
    let mut h = harness(true);
    wait_for(&mut h, "the world", |h| h.state().received() > 0);
    for n in 1..=3 {
        h.get_by_label("Step").click();
        let label = format!("tick {n}");
        wait_for(&mut h, &label, |h| has(h, &label));
    }
    h.get_by_label("Save…").click();
    h.run_steps(2);
    retype(&mut h, "save to", &file.display().to_string());
    h.get_by_label("Save").click();
    wait_for(&mut h, "saved", |h| has_part(h, "saved tick 3"));
    assert!(file.exists());
    for n in 4..=5 {
        h.get_by_label("Step").click();
        let label = format!("tick {n}");
        wait_for(&mut h, &label, |h| has(h, &label));
    }
    h.get_by_label("Load…").click();
    h.run_steps(2);
    retype(&mut h, "load from", &file.display().to_string());
    h.run_steps(1);
    h.get_by_label("Load").click();
    wait_for(&mut h, "loaded", |h| has_part(h, "loaded "));
    wait_for(&mut h, "tick 3 again", |h| has(h, "tick 3"));
    assert!(has(&h, "entities 7"));
    // Loading something that is no snapshot says so and keeps a world.
    let bad = dir.join("not-a-snapshot.ron");
    std::fs::write(&bad, "World(").unwrap();
    h.get_by_label("Load…").click();
    h.run_steps(2);
    retype(&mut h, "load from", &bad.display().to_string());
    h.run_steps(1);
    h.get_by_label("Load").click();
    wait_for(&mut h, "the error", |h| has_part(h, "cannot load"));
    assert!(has_part(&h, "the world goes on as it was"));
    // The running world is kept.
    h.get_by_label("Step").click();
    wait_for(&mut h, "tick 4", |h| has(h, "tick 4"));
    assert!(h.state().feed().status().error);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn clicking_the_map_selects_the_entity_there_and_shortcuts_work() {
    let mut h = harness(true);
    wait_for(&mut h, "the world", |h| h.state().received() > 0);
    h.run_steps(2);
    // The map is fitted to the world: its middle is (50, 30), where the
    // heron stands.
    h.get_by_label("world map").click();
    wait_for(&mut h, "the heron in the inspector", |h| {
        h.state()
            .observation()
            .entity
            .as_ref()
            .is_some_and(|e| e.kind == "heron")
    });
    assert!(
        h.query_all_by_label_contains("heron ").count() >= 2,
        "the inspector and the table"
    );
    // Esc in a text field only leaves the field: the selection stays.
    h.get_by_label("filter").focus();
    h.run_steps(1);
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(
        h.state()
            .observation()
            .entity
            .as_ref()
            .is_some_and(|e| e.kind == "heron"),
        "Esc in the filter kept the selection: {:?} {:?}",
        h.state().selected_entity(),
        h.state().observation().entity.as_ref().map(|e| &e.kind)
    );
    // Space resumes, Space pauses; H opens the help, Esc closes it.
    h.key_press(egui::Key::Space);
    wait_for(&mut h, "running", |h| has(h, "Pause"));
    h.key_press(egui::Key::Space);
    wait_for(&mut h, "paused", |h| has(h, "Resume"));
    h.key_press(egui::Key::H);
    h.run_steps(2);
    assert!(has_part(&h, "pause / resume the world"));
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(!has_part(&h, "pause / resume the world"));
    // The timing tab plots once there are ticks.
    let at = tick(&h);
    h.key_press(egui::Key::Period);
    h.key_press(egui::Key::Period);
    wait_for(&mut h, "two steps", |h| tick(h) >= at + 2);
    h.key_press(egui::Key::Num3);
    wait_for(&mut h, "the plots", |h| {
        has(h, "switches/s · x: seconds ago")
    });
}
