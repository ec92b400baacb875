//! Every name CPython lists in `dir()` of the builtins module and of each
//! built-in type (`tests/dir_vs_cpython.py` prints them) is either listed
//! by Shoal too or in the "Left out" table of `docs/language.md`; every
//! name Shoal lists is CPython's or in the doc's "Added by Shoal" table.
//! The tables are read from the doc, so the doc and Shoal cannot drift:
//! a row for a name Shoal has (or CPython lacks) fails too.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// Listing key -> names.
type Listings = BTreeMap<String, BTreeSet<String>>;

fn listings(stdout: &[u8], who: &str) -> Listings {
    let text = String::from_utf8_lossy(stdout);
    let mut out = Listings::new();
    for line in text.lines() {
        let mut words = line.split_whitespace();
        let Some(key) = words.next() else { continue };
        out.insert(key.to_string(), words.map(String::from).collect());
    }
    assert!(out.len() >= 15, "{who} printed too few listings:\n{text}");
    out
}

/// The rows of the table under the heading `heading`: (names, where).
/// A row is `| `a`, `b` | where, where | why |`; "all" in the second
/// column is every listing but `builtins`.
fn table(doc: &str, heading: &str, keys: &BTreeSet<String>) -> Vec<(Vec<String>, Vec<String>)> {
    let start = doc
        .find(heading)
        .unwrap_or_else(|| panic!("docs/language.md has no heading {heading:?}"));
    let mut rows = Vec::new();
    let mut in_table = false;
    for line in doc[start + heading.len()..].lines() {
        let line = line.trim();
        if line.starts_with("## ") {
            break;
        }
        if !line.starts_with('|') {
            if in_table {
                break;
            }
            continue;
        }
        in_table = true;
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if cells.len() < 3 || cells[0].starts_with("---") || cells[0] == "Names" {
            continue;
        }
        let names: Vec<String> = cells[0]
            .split(',')
            .map(|n| n.trim().trim_matches('`').to_string())
            .filter(|n| !n.is_empty())
            .collect();
        let places: Vec<String> = if cells[1] == "all" {
            keys.iter().filter(|k| *k != "builtins").cloned().collect()
        } else {
            cells[1].split(',').map(|p| p.trim().to_string()).collect()
        };
        for p in &places {
            assert!(
                keys.contains(p),
                "{heading}: row {line:?} names an unknown listing {p:?}"
            );
        }
        rows.push((names, places));
    }
    assert!(
        !rows.is_empty(),
        "{heading} in docs/language.md has no rows"
    );
    rows
}

/// (listing, name) pairs a table covers.
fn covered(rows: &[(Vec<String>, Vec<String>)]) -> BTreeSet<(String, String)> {
    rows.iter()
        .flat_map(|(names, places)| {
            places
                .iter()
                .flat_map(move |p| names.iter().map(move |n| (p.clone(), n.clone())))
        })
        .collect()
}

#[test]
fn dir_matches_cpython_or_the_documented_differences() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("tests/dir_vs_cpython.py");
    let ours = Command::new(env!("CARGO_BIN_EXE_shoal"))
        .arg("run")
        .arg(&script)
        .output()
        .expect("shoal runs");
    assert!(
        ours.status.success(),
        "shoal failed:\n{}",
        String::from_utf8_lossy(&ours.stderr)
    );
    let theirs = Command::new("python3")
        .arg(&script)
        .env("PYTHONHASHSEED", "0")
        .output()
        .expect("python3 runs");
    assert!(theirs.status.success(), "python3 failed");
    let (ours, theirs) = (
        listings(&ours.stdout, "shoal"),
        listings(&theirs.stdout, "python3"),
    );
    let keys: BTreeSet<String> = theirs.keys().cloned().collect();
    assert_eq!(
        ours.keys().collect::<Vec<_>>(),
        theirs.keys().collect::<Vec<_>>()
    );

    let doc = std::fs::read_to_string(root.join("docs/language.md")).expect("docs/language.md");
    let left_out = covered(&table(&doc, "## Left out", &keys));
    let added = covered(&table(&doc, "## Added by Shoal", &keys));

    let mut problems = Vec::new();
    for key in &keys {
        let (mine, cpython) = (&ours[key], &theirs[key]);
        for name in cpython.difference(mine) {
            if !left_out.contains(&(key.clone(), name.clone())) {
                problems.push(format!("{key}: CPython has `{name}`; Shoal lacks it and the Left out table does not say why"));
            }
        }
        for name in mine.difference(cpython) {
            if !added.contains(&(key.clone(), name.clone())) {
                problems.push(format!("{key}: Shoal lists `{name}`, which CPython lacks, and the Added by Shoal table does not say why"));
            }
        }
    }
    for (key, name) in &left_out {
        if ours[key].contains(name) {
            problems.push(format!(
                "{key}: the Left out table lists `{name}`, which Shoal has: remove the row"
            ));
        } else if !theirs[key].contains(name) {
            problems.push(format!(
                "{key}: the Left out table lists `{name}`, which CPython 3.11 does not have"
            ));
        }
    }
    for (key, name) in &added {
        if !ours[key].contains(name) || theirs[key].contains(name) {
            problems.push(format!(
                "{key}: the Added by Shoal table lists `{name}`, which is not a name only Shoal has"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "dir() and docs/language.md disagree:\n{}",
        problems.join("\n")
    );
}
