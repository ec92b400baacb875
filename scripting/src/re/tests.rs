//! The `re` module's own tests: what the script corpus cannot check
//! against CPython (runaway and huge patterns, saved and damaged
//! patterns and matches).

use std::rc::Rc;

use crate::host::CapturedOutput;
use crate::{Status, Vm};

/// Runs `source` to its end: (stdout, last line of stderr).
fn run(source: &str) -> (String, String) {
    let (out, err) = (CapturedOutput::default(), CapturedOutput::default());
    let mut vm = Vm::new(Box::new(out.clone()), Box::new(err.clone()));
    vm.load_main("main.py", source).expect("compiles");
    vm.run_to_end();
    let last = err.text().lines().last().unwrap_or("").to_string();
    (out.text(), last)
}

#[test]
fn a_runaway_search_raises_instead_of_hanging() {
    let (out, err) = run(
        "import re\ntry:\n    re.match(r'(a*)*\\1b', 'a' * 25)\nexcept RuntimeError as e:\n    print('stopped', e)\n",
    );
    assert_eq!(err, "");
    assert!(
        out.starts_with("stopped the regular expression backtracked too long"),
        "{out}"
    );
}

#[test]
fn huge_patterns_are_refused() {
    let (out, err) = run(concat!(
        "import re\n",
        "for p in ['a' * 300000, r'\\w{10000}', '(' * 100 + ')' * 100]:\n",
        "    try:\n",
        "        re.compile(p)\n",
        "    except (re.error, RecursionError) as e:\n",
        "        print(type(e).__name__, str(e)[:40])\n",
    ));
    assert_eq!(err, "");
    assert_eq!(
        out,
        "error the pattern is too large for Shoal's re \nerror the pattern is too large for Shoal's re \nRecursionError maximum recursion depth exceeded: Shoal'\n"
    );
}

/// A program stopped in a loop with a pattern and a match alive.
const PAUSED: &str = concat!(
    "import re\n",
    "p = re.compile(r'(?P<w>zq+)(\\d)?')\n",
    "m = p.search('xx zqqq yy')\n",
    "n = 0\n",
    "while n < 1000:\n",
    "    n += 1\n",
    "print(m, m.group('w'), m.lastgroup, p.findall('zq1 zqq'), p.pattern)\n",
);

fn paused_snapshot() -> String {
    let (out, err) = (CapturedOutput::default(), CapturedOutput::default());
    let mut vm = Vm::new(Box::new(out), Box::new(err));
    vm.set_embedded_sources(Rc::new([("main.py".to_string(), PAUSED.to_string())]));
    vm.load_main("main.py", PAUSED).expect("compiles");
    let mut budget = 500;
    assert_eq!(vm.run(&mut budget), Status::OutOfBudget);
    vm.save().expect("saves")
}

fn load(text: &str) -> Result<(Vm, CapturedOutput), String> {
    let out = CapturedOutput::default();
    let embedded: Rc<[(String, String)]> = Rc::new([("main.py".to_string(), PAUSED.to_string())]);
    Vm::load_with_sources(
        text,
        Box::new(out.clone()),
        Box::new(std::io::sink()),
        embedded,
    )
    .map(|vm| (vm, out))
    .map_err(|e| e.to_string())
}

#[test]
fn patterns_and_matches_survive_a_snapshot() {
    let text = paused_snapshot();
    let (mut vm, out) = load(&text).expect("loads");
    assert_eq!(vm.run_to_end(), Status::Finished);
    assert_eq!(
        out.text(),
        "<re.Match object; span=(3, 7), match='zqqq'> zqqq w [('zq', '1'), ('zqq', '')] (?P<w>zq+)(\\d)?\n"
    );
}

#[test]
fn damaged_patterns_and_matches_are_refused_on_load() {
    let text = paused_snapshot();
    // A pattern that does not compile.
    let at = text.find("Pattern((").expect("a pattern");
    let mut bad = text.clone();
    bad.replace_range(
        at..at + 40,
        &text[at..at + 40].replace("(?P<w>zq+)", "(?P<w>zq+"),
    );
    assert_ne!(bad, text, "{}", &text[at..at + 60]);
    let e = load(&bad).err().expect("refused");
    assert!(e.contains("does not compile"), "{e}");
    // A match whose span leaves its subject.
    let at = text.find("byte_spans:").expect("a match");
    let mut bad = text.clone();
    let end = at + text[at..].find(')').expect("a span");
    bad.replace_range(at..end, "byte_spans:[(3,700");
    let e = load(&bad).err().expect("refused");
    assert!(e.contains("outside its subject"), "{e}");
}

/// Every `mod_re_*` program of the corpus, stopped after any number of
/// instructions, saved, loaded and resumed, prints what it prints
/// uninterrupted.
#[test]
fn the_re_scripts_resume_after_a_save_anywhere() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/scripts");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/scripts")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("mod_re_") && n.ends_with(".py"))
        })
        .collect();
    files.sort();
    assert!(files.len() >= 4);
    for file in files {
        let name = file.display().to_string();
        let source = std::fs::read_to_string(&file).expect("read");
        let embedded: Rc<[(String, String)]> = Rc::new([(name.clone(), source.clone())]);
        let whole = {
            let out = CapturedOutput::default();
            let mut vm = Vm::new(Box::new(out.clone()), Box::new(std::io::sink()));
            vm.load_main(&name, &source).expect("compiles");
            let mut budget = u64::MAX;
            vm.run(&mut budget);
            (out.text(), u64::MAX - budget)
        };
        let length = whole.1;
        for k in 1..12 {
            let budget = length * k / 12;
            let out = CapturedOutput::default();
            let mut vm = Vm::new(Box::new(out.clone()), Box::new(std::io::sink()));
            vm.set_embedded_sources(embedded.clone());
            vm.load_main(&name, &source).expect("compiles");
            let mut left = budget;
            assert_eq!(vm.run(&mut left), Status::OutOfBudget, "{name} at {budget}");
            let text = vm.save().expect("saves");
            drop(vm);
            let mut vm = Vm::load_with_sources(
                &text,
                Box::new(out.clone()),
                Box::new(std::io::sink()),
                embedded.clone(),
            )
            .unwrap_or_else(|e| panic!("{name} at {budget}: {e}"));
            vm.run_to_end();
            assert_eq!(
                out.text(),
                whole.0,
                "{name} resumed at {budget} of {length}"
            );
        }
    }
}
