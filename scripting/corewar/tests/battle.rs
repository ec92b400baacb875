//! A battle is data: run in slices, saved and restored mid-round, it
//! ends as when run in one go; a forged battle is refused.

use std::path::Path;

use shoal_corewar::{Battle, Seed, Settings, assemble_file};

fn battle(rounds: u32) -> Battle {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corewar/warriors");
    let settings = Settings {
        rounds,
        ..Settings::default()
    };
    let ws = [
        "examples/rave.red",
        "examples/aeka.red",
        "94nop/behemot.red",
    ]
    .iter()
    .map(|w| assemble_file(&dir.join(w), &settings, 3).unwrap().warrior)
    .collect();
    Battle::new(ws, settings, Seed::Position(4000)).unwrap()
}

fn outcome(b: &Battle) -> (Vec<Vec<u32>>, u64) {
    (
        b.fighters().iter().map(|f| f.score.clone()).collect(),
        b.executed(),
    )
}

#[test]
fn slices_and_snapshots_change_nothing() {
    let mut whole = battle(5);
    whole.run_to_end();

    let mut sliced = battle(5);
    let mut saves = 0;
    loop {
        let mut budget = 12_345;
        if sliced.run(&mut budget) {
            break;
        }
        // Save and restore mid-round, every slice.
        let text = ron::to_string(&sliced).unwrap();
        sliced = ron::from_str(&text).unwrap();
        sliced.validate().unwrap();
        saves += 1;
    }
    assert!(saves > 10);
    assert_eq!(outcome(&sliced), outcome(&whole));
}

#[test]
fn a_forged_battle_is_refused() {
    let mut b = battle(2);
    let mut budget = 1000;
    b.run(&mut budget);
    let text = ron::to_string(&b).unwrap();
    // A process counter beyond the core.
    let forged = text.replacen("queue:[", "queue:[999999,", 1);
    assert_ne!(forged, text);
    let forged: Battle = ron::from_str(&forged).unwrap();
    assert!(forged.validate().is_err());
    // A field beyond the core.
    let forged = text.replacen("a:0,", "a:4000000000,", 1);
    let forged: Battle = ron::from_str(&forged).unwrap();
    assert!(forged.validate().is_err());
}
