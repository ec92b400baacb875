//! Hostile scripts: whatever a script does, `shoal` ends it with a Python
//! exception or the right output, never a crash or a hang.

use std::path::PathBuf;
use std::process::Command;

use shoal_scripting::host::CapturedOutput;
use shoal_scripting::{Status, Vm};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `shoal run ARGS` and returns (stdout, stderr, exit status).
fn shoal(args: &[&str]) -> (String, String, Option<i32>) {
    let out = Command::new(env!("CARGO_BIN_EXE_shoal"))
        .arg("run")
        .args(args)
        .current_dir(root())
        .output()
        .expect("shoal runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

/// Runs a script given as text in a fresh VM; returns its output, the
/// last line of its error output and the exit status.
fn run_text(source: &str) -> (String, String, i32) {
    let (out, err) = (CapturedOutput::default(), CapturedOutput::default());
    let mut vm = Vm::new(Box::new(out.clone()), Box::new(err.clone()));
    vm.load_main("hostile.py", source).expect("it parses");
    let status = vm.run_to_end();
    let code = vm.exit_code(status);
    let err = err.text();
    (
        out.text(),
        err.lines().last().unwrap_or("").to_string(),
        code,
    )
}

#[test]
fn filling_memory_ends_in_memory_error_under_max_heap() {
    let (out, err, code) = shoal(&["--max-heap", "50MB", "tests/hostile/memory_hog.py"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        out,
        "strings: MemoryError after True True the script heap is over its limit of 50000000 bytes\n\
         repeat refused\nlist repeat refused\nlist growth refused True\n\
         Too many decimal digits in format string\nljust refused\ndict growth refused\n\
         still alive 1000\nnested hog refused\n"
    );
}

#[test]
fn a_bad_max_heap_is_a_clear_error() {
    let (_, err, code) = shoal(&["--max-heap", "lots", "tests/hostile/memory_hog.py"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("'lots' is not a size"), "{err}");
}

#[test]
fn hashing_a_million_deep_tuple_is_a_recursion_error() {
    // CPython crashes here; Shoal raises.
    let (out, _, code) = run_text(
        "t = ()\nfor i in range(1000000):\n    t = (t,)\n\
         for f in (lambda: hash(t), lambda: {t: 1}, lambda: {t}, lambda: t == (t,)):\n    \
         try:\n        f()\n        print('ok')\n    except RecursionError as e:\n        print(e)\n",
    );
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "maximum recursion depth exceeded while calculating hash\n\
         maximum recursion depth exceeded while calculating hash\n\
         maximum recursion depth exceeded while calculating hash\n\
         maximum recursion depth exceeded in comparison\n"
    );
}

#[test]
#[cfg(debug_assertions)]
fn a_panic_inside_the_vm_is_the_scripts_system_error() {
    let (out, err) = (CapturedOutput::default(), CapturedOutput::default());
    let mut vm = Vm::new(Box::new(out.clone()), Box::new(err.clone()));
    vm.load_main("p.py", "print('before')\nx = [1] + [2]\nprint('after')\n")
        .expect("it parses");
    let mut budget = 3;
    assert_eq!(vm.run(&mut budget), Status::OutOfBudget);
    vm.panic_next_step = true;
    let status = vm.run_to_end();
    let Status::Raised(_) = status else {
        panic!("the panic should be an exception, got {status:?}");
    };
    let code = vm.exit_code(status);
    assert_eq!(code, 1);
    assert_eq!(out.text(), "before\n");
    assert!(
        err.text()
            .contains("SystemError: internal error in Shoal's VM (please report it): a panic injected by a test"),
        "{}",
        err.text()
    );
    // The VM is still usable.
    vm.load_main("q.py", "print('again')\n").expect("it parses");
    assert_eq!(vm.run_to_end(), Status::Finished);
    assert_eq!(out.text(), "before\nagain\n");
}

#[test]
fn runaway_code_inside_protocols_is_preempted() {
    // Each loop runs inside something a built-in or an instruction calls;
    // a small budget must interrupt every one of them.
    let bodies = [
        "sorted([2, 1], key=spin)",
        "min([2, 1], key=spin)",
        "list(map(spin, [1]))",
        "list(filter(spin, [1]))",
        "any(spin(x) for x in [1])",
        "C() + 1",
        "C() == 1",
        "C() < 1",
        "bool(C())",
        "len(C())",
        "str(C())",
        "repr([C()])",
        "C().prop",
        "C().missing",
        "[C()] == [C()]",
        "C()[0]",
        "1 in C()",
        "with C(): pass",
        "for x in C(): pass",
    ];
    for body in bodies {
        let source = format!(
            "def spin(*a):\n    while True:\n        pass\n\
             class C:\n    def __add__(self, o): spin()\n    def __eq__(self, o): spin()\n    \
             def __lt__(self, o): spin()\n    def __bool__(self): spin()\n    def __len__(self): spin()\n    \
             def __str__(self): spin()\n    def __repr__(self): spin()\n    \
             prop = property(lambda self: spin())\n    def __getattr__(self, n): spin()\n    \
             def __getitem__(self, i): spin()\n    def __contains__(self, x): spin()\n    \
             def __enter__(self): spin()\n    def __exit__(self, *a): pass\n    \
             def __iter__(self): return self\n    def __next__(self): spin()\n\
             {body}\n"
        );
        let mut vm = Vm::new(Box::new(std::io::sink()), Box::new(std::io::sink()));
        vm.load_main("spin.py", &source).expect("it parses");
        let mut budget = 100_000;
        assert_eq!(
            vm.run(&mut budget),
            Status::OutOfBudget,
            "`{body}` was not interrupted"
        );
        assert!(
            vm.frames.len() > 2,
            "`{body}`: spin's frame is on the frame stack"
        );
    }
}

#[test]
fn ids_and_default_reprs_continue_exactly_after_a_snapshot() {
    // Enough garbage that the collector runs several times, before and
    // after the save: a loaded VM must collect at the same moments, so
    // the slots reused (ids, default reprs, hash of instances) agree.
    let source = "class C:\n    pass\nkeep = [str(i) for i in range(90000)]\nseen = []\nfor i in range(300000):\n    x = [i, str(i)]\n    \
                  if i % 50000 == 0:\n        c = C()\n        seen.append((id(c), hash(c), repr(c)))\n\
                  print(len(seen), len(set(seen)))\nfor s in seen:\n    print(s)\n";
    let whole = {
        let out = CapturedOutput::default();
        let mut vm = Vm::new(Box::new(out.clone()), Box::new(std::io::sink()));
        vm.load_main("ids.py", source).expect("it parses");
        assert_eq!(vm.run_to_end(), Status::Finished);
        out.text()
    };
    for budget in [2_000_000, 3_500_000] {
        let out = CapturedOutput::default();
        let mut vm = Vm::new(Box::new(out.clone()), Box::new(std::io::sink()));
        vm.load_main("ids.py", source).expect("it parses");
        let mut left = budget;
        assert_eq!(vm.run(&mut left), Status::OutOfBudget, "budget {budget}");
        let text = vm.save().expect("save");
        let sources: std::rc::Rc<[(String, String)]> =
            std::rc::Rc::new([("ids.py".to_string(), source.to_string())]);
        let mut vm = Vm::load_with_sources(
            &text,
            Box::new(out.clone()),
            Box::new(std::io::sink()),
            sources,
        )
        .expect("load");
        assert_eq!(vm.run_to_end(), Status::Finished);
        assert_eq!(out.text(), whole, "after a save at {budget} instructions");
    }
}

/// Source nested deeper than the compiler walks (30,000 `+` terms, unary
/// minuses, conditional expressions, `elif` branches) is a RecursionError
/// with its location, as in CPython, not a stack overflow.
#[test]
fn source_nested_too_deep_is_a_recursion_error() {
    let dir = std::env::temp_dir().join(format!("shoal-deep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let mut elifs = String::from("x = 3\nif x == 0:\n    pass\n");
    for i in 1..5000 {
        elifs.push_str(&format!("elif x == {i}:\n    print({i})\n"));
    }
    let cases = [
        format!("print(1{})\n", "+1".repeat(30_000)),
        format!("print({}1)\n", "-".repeat(30_000)),
        format!("x = {}\n", vec!["1"; 30_000].join(" if 1 else ")),
        format!("x = 2{}\n", "**1".repeat(30_000)),
        format!("x = [0]\ny = x{}\n", "[0]".repeat(30_000)),
        elifs,
    ];
    for (i, source) in cases.iter().enumerate() {
        let file = dir.join(format!("deep{i}.py"));
        std::fs::write(&file, source).expect("written");
        let (_, err, code) = shoal(&[file.to_str().expect("utf-8")]);
        assert_eq!(code, Some(1), "case {i}: {err}");
        assert!(
            err.trim_end()
                .ends_with("RecursionError: maximum recursion depth exceeded during compilation"),
            "case {i}: {err}"
        );
    }
    // Deep but within the limit, it runs.
    let file = dir.join("deep_ok.py");
    std::fs::write(&file, format!("print(1{})\n", "+1".repeat(900))).expect("written");
    let (out, err, code) = shoal(&[file.to_str().expect("utf-8")]);
    assert_eq!((out.as_str(), code), ("901\n", Some(0)), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Big-integer work that would run for minutes in one instruction (a
/// gcd or modular inverse of million-bit ints, a modular power with a
/// four-million-bit exponent, an int past Shoal's size limit) is refused
/// with OverflowError at once; the same work at a sane size runs.
#[test]
fn runaway_big_integer_work_is_refused() {
    let source = r#"
import math
def attempt(label, f):
    try:
        f()
        print(label, "ran")
    except OverflowError:
        print(label, "refused")
attempt("gcd", lambda: math.gcd(3**630000, 2**1000000 - 1))
attempt("inverse", lambda: pow(2, -1, 2**1000000 - 1))
attempt("modpow", lambda: pow(3, 2**4194303 - 1, 2**4400 - 1))
attempt("shift", lambda: 1 << 10**9)
attempt("power", lambda: 2**2**40)
attempt("factorial", lambda: math.factorial(10**7))
attempt("small gcd", lambda: math.gcd(3**10000, 6**5000))
attempt("small inverse", lambda: pow(65537, -1, (2**1279 - 1) * (2**607 - 2)))
attempt("comb", lambda: math.comb(10**7, 10**5))
"#;
    let started = std::time::Instant::now();
    let (out, err, code) = run_text(source);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "gcd refused\ninverse refused\nmodpow refused\nshift refused\npower refused\n\
         factorial refused\nsmall gcd ran\nsmall inverse ran\ncomb ran\n"
    );
    // Generous for a debug build on a busy machine; the refusals are instant.
    assert!(started.elapsed() < std::time::Duration::from_secs(120));
}
