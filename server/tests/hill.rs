//! The Core War hill: submissions, battles spread across ticks, the
//! leaderboard, a restart in the middle of a battle.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::PathBuf;

use shoal_server::hill::{Hill, HillConfig, Outcome};

fn warrior(name: &str) -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/corewar/warriors/examples/"
    );
    std::fs::read_to_string(format!("{path}{name}")).unwrap()
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("shoal-hill-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn config(budget: u64) -> HillConfig {
    HillConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        budget_per_tick: budget,
        ..HillConfig::default()
    }
}

#[test]
fn battles_span_ticks_survive_a_restart_and_agree_with_pmars() {
    let dir = temp_dir("restart");
    let mut hill = Hill::open(config(100_000), dir.clone()).unwrap();
    assert!(
        hill.submit("ann", &warrior("rave.red"))
            .unwrap()
            .starts_with("ok 0 Rave")
    );
    let msg = hill.submit("bob", &warrior("aeka.red")).unwrap();
    assert!(msg.contains("1 battles queued"), "{msg}");
    // 100 rounds of up to 160,000 instructions: many ticks of 100,000.
    for _ in 0..5 {
        hill.tick();
    }
    assert!(!hill.idle());
    assert!(hill.state().results.is_empty());
    hill.save().unwrap();
    drop(hill);

    // Restarted: the battle goes on from where it was saved.
    let mut hill = Hill::open(config(1_000_000), dir.clone()).unwrap();
    let mut ticks = 0;
    while !hill.idle() {
        hill.tick();
        ticks += 1;
        assert!(ticks < 10_000, "the battle does not end");
    }
    // pMARS: `pmars -b -r 100 -F 829 rave.red aeka.red` prints
    // `Results: 39 57 4` (the hill seeds the pair 0, 1 with position 829).
    let r: &Outcome = &hill.state().results[0];
    assert_eq!((r.a, r.b, r.a_wins, r.b_wins, r.ties), (0, 1, 39, 57, 4));
    let standings = hill.state().standings();
    assert_eq!(standings[0].name, "Aeka");
    assert_eq!(
        (standings[0].wins, standings[0].losses, standings[0].ties),
        (57, 39, 4)
    );
    drop(hill);

    // The leaderboard is in the data directory.
    let hill = Hill::open(config(1_000_000), dir.clone()).unwrap();
    assert_eq!(hill.state().standings().len(), 2);
    assert!(hill.idle());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_submissions_get_the_assemblers_message() {
    let dir = temp_dir("bad");
    let mut hill = Hill::open(config(100_000), dir.clone()).unwrap();
    let e = hill
        .submit("eve", ";assert 1\nmov 0, nowhere\n")
        .unwrap_err();
    assert!(
        e.contains(":2: error: Undefined label or symbol: 'nowhere'"),
        "{e}"
    );
    let long = format!(";assert 1\n{}", "dat 0, 0\n".repeat(101));
    let e = hill.submit("eve", &long).unwrap_err();
    assert!(e.contains("Too many instructions"), "{e}");
    assert!(hill.state().warriors.is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn players_talk_to_the_hill_over_tcp() {
    let dir = temp_dir("tcp");
    let mut hill = Hill::open(config(5_000_000), dir.clone()).unwrap();
    let addr = hill.addr();
    let rave = warrior("rave.red");
    let client = std::thread::spawn(move || {
        let stream = TcpStream::connect(addr).unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut writer = stream;
        let mut answer = |cmd: &str| {
            writer.write_all(cmd.as_bytes()).unwrap();
            let mut lines = Vec::new();
            loop {
                let mut l = String::new();
                if reader.read_line(&mut l).unwrap() == 0 || l == ".\n" {
                    return lines;
                }
                lines.push(l.trim_end().to_string());
            }
        };
        let ok = answer(&format!("submit ann\n{rave}.\n"));
        let bad = answer("submit bob\nmov 0, nowhere\n.\n");
        let board = answer("leaderboard\n");
        let unknown = answer("dance\n");
        (ok, bad, board, unknown)
    });
    while !client.is_finished() {
        hill.tick();
    }
    let (ok, bad, board, unknown) = client.join().unwrap();
    assert!(ok[0].starts_with("ok 0 Rave by Stefan Strack"), "{ok:?}");
    assert_eq!(bad[0], "error");
    assert!(
        bad[1].contains("Undefined label or symbol: 'nowhere'"),
        "{bad:?}"
    );
    assert!(board[1].contains("Rave / Stefan Strack / ann"), "{board:?}");
    assert!(
        unknown[1].starts_with("unknown command 'dance'"),
        "{unknown:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_hill_keeps_its_size_and_players_their_share() {
    let dir = temp_dir("size");
    let mut hill = Hill::open(
        HillConfig {
            size: 2,
            rounds: 4,
            ..config(10_000_000)
        },
        dir.clone(),
    )
    .unwrap();
    for (player, w) in [
        ("ann", "rave.red"),
        ("bob", "aeka.red"),
        ("cid", "flashpaper.red"),
    ] {
        hill.submit(player, &warrior(w)).unwrap();
    }
    while !hill.idle() {
        hill.tick();
    }
    // Three battles fought, then the last one pushed off.
    assert_eq!(hill.state().warriors.len(), 2);
    // The same player's warrior of the same name replaces the old one.
    let kept = hill.state().warriors[0].clone();
    let msg = hill.submit(&kept.player, &kept.source).unwrap();
    assert!(msg.contains("1 battles queued"), "{msg}");
    assert_eq!(hill.state().warriors.len(), 2);
    assert!(hill.state().warriors.iter().all(|w| w.id != kept.id));
    drop(hill);
    let _ = std::fs::remove_dir_all(&dir);

    // At most five warriors a player.
    let mut hill = Hill::open(config(10_000_000), dir.clone()).unwrap();
    for k in 0..5 {
        let src = format!(";name imp {k}\n;assert 1\nmov.i 0, 1\n");
        let r = hill.submit("dan", &src);
        assert!(r.is_ok(), "{r:?}");
    }
    let e = hill
        .submit("dan", ";name imp 6\n;assert 1\nmov.i 0, 1\n")
        .unwrap_err();
    assert!(e.contains("at most 5"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn warriors_are_assembled_again_when_the_hills_core_changes() {
    let dir = temp_dir("core");
    let mut hill = Hill::open(config(10_000_000), dir.clone()).unwrap();
    hill.submit("ann", ";name imp\n;assert 1\nmov.i 0, 1\n")
        .unwrap();
    hill.submit("bob", ";name far\n;assert 1\nspl 0\nmov.i -1, 7000\n")
        .unwrap();
    drop(hill);
    let mut small = config(10_000_000);
    small.rounds = 3;
    small.core.coresize = 4000;
    let mut hill = Hill::open(small, dir.clone()).unwrap();
    while !hill.idle() {
        hill.tick();
    }
    let r = &hill.state().results;
    assert_eq!(r.len(), 1, "the battle ran in the new core");
    assert_eq!(r[0].a_wins + r[0].b_wins + r[0].ties, 3);
    let _ = std::fs::remove_dir_all(&dir);
}
