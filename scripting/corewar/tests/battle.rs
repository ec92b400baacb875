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

fn inline(src: &str, settings: &Settings, n: usize) -> shoal_corewar::Warrior {
    shoal_corewar::assemble(src, "inline.red", settings, n)
        .unwrap()
        .warrior
}

#[test]
fn a_death_on_the_last_cycle_of_a_melee_round_runs_on_as_in_pmars() {
    // pMARS 0.9.2: `pmars -b -r 1 -f -c 1 j.red dies5.red d.red` prints
    // `Results: 1 0 0 0` for j.red: d.red dies on the round's last cycle,
    // the count goes below zero, and the round runs on until dies5.red
    // reaches its DAT.
    let settings = Settings {
        cycles: 1,
        ..Settings::default()
    };
    let ws = vec![
        inline(";assert 1\njmp 0\n", &settings, 3),
        inline(
            ";assert 1\njmp 1\njmp 1\njmp 1\njmp 1\ndat 0,0\n",
            &settings,
            3,
        ),
        inline(";assert 1\ndat 0,0\n", &settings, 3),
    ];
    let mut b = Battle::new(ws, settings, Seed::Checksum).unwrap();
    b.run_to_end();
    let s: Vec<&[u32]> = b.fighters().iter().map(|f| &f.score[..]).collect();
    assert_eq!(s[0][..3], [1, 0, 0]);
    assert_eq!(shoal_corewar::report::deaths(&b, 1), 1);
    assert_eq!(shoal_corewar::report::deaths(&b, 2), 1);
}

#[test]
fn long_lines_are_read_as_pmars_reads_them() {
    // pMARS reads lines with fgets into 256 bytes: a `;name` of 300
    // characters keeps 249 of them, the rest is the next line (here a
    // label that names nothing).
    let src = format!(";name {}\n;assert 1\ndat 1\n", "N".repeat(300));
    let a = shoal_corewar::assemble(&src, "long.red", &Settings::default(), 2).unwrap();
    assert_eq!(a.warrior.name, "N".repeat(249));
    assert_eq!(a.warrior.code.len(), 1);
}
