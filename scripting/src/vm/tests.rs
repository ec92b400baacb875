//! Unit tests of the VM.
use super::*;

fn vm() -> Vm {
    Vm::new(Box::new(std::io::sink()), Box::new(std::io::sink()))
}

fn raised(vm: &mut Vm, status: Status) -> String {
    match status {
        Status::Raised(exc) => builtins::exception_line(vm, exc),
        other => panic!("expected an exception, got {other:?}"),
    }
}

#[test]
fn an_endless_loop_is_sliced_by_the_budget_and_resumes() {
    let mut vm = vm();
    vm.load_main("loop.py", "n = 0\nwhile True:\n    n += 1\n")
        .unwrap();
    for _ in 0..3 {
        let mut budget = 1_000;
        assert_eq!(vm.run(&mut budget), Status::OutOfBudget);
        assert_eq!(budget, 0);
    }
    assert_eq!(vm.instructions, 3_000);
}

/// Values at the edges of 64 bits, methods taken from their type and
/// given another receiver, and `stackless` calls without a scheduler
/// raise as Python does (or compute, where Python computes) instead of
/// panicking.
#[test]
fn edge_values_and_foreign_receivers_raise() {
    let min = "(-9223372036854775807 - 1)";
    for (source, expected) in [
        (
            "list.append(5, 1)".to_string(),
            "TypeError: descriptor 'append' for 'list' objects doesn't apply to a 'int' object"
                .to_string(),
        ),
        (
            "dict.get('a', 1)".into(),
            "TypeError: descriptor 'get' for 'dict' objects doesn't apply to a 'str' object"
                .into(),
        ),
        (
            format!("print(len(range({min}, 9223372036854775807)))"),
            "9223372036854775807".into(),
        ),
        (
            format!("print(range({min}, 9223372036854775807, 4611686018427387904)[3])"),
            "4611686018427387904".into(),
        ),
        (
            format!("print(9223372036854775806 in range({min}, 9223372036854775807, 2))"),
            "True".into(),
        ),
        (
            format!("print(round(5, {min}), round(5.5, {min}))"),
            "0 0.0".into(),
        ),
        (
            "print(list(enumerate([1, 2], 9223372036854775807)))".into(),
            "OverflowError: integer overflow: the result does not fit in 64 bits".into(),
        ),
        // A script may put anything in an exception's traceback.
        (
            "e = ValueError('x')\ne.__traceback__ = [(), ('f', -9223372036854775807 - 1, 'g', 1), 5]\nraise e"
                .into(),
            "ValueError: x".into(),
        ),
        // A host may run scripts without a scheduler.
        (
            "import stackless\nstackless.schedule()".into(),
            "RuntimeError: stackless.schedule() needs a scheduler, and this host runs none"
                .into(),
        ),
    ] {
        let out = crate::host::CapturedOutput::default();
        let mut vm = Vm::new(Box::new(out.clone()), Box::new(std::io::sink()));
        vm.load_main("edge.py", &source).unwrap();
        let got = match vm.run_to_end() {
            Status::Raised(exc) => {
                let text = vm.format_exception(exc);
                text.lines().last().unwrap_or_default().to_string()
            }
            _ => out.text().trim().to_string(),
        };
        assert_eq!(got, expected, "{source}");
    }
}

#[test]
fn deep_recursion_is_a_recursion_error_not_a_crash() {
    let mut vm = vm();
    vm.recursion_limit = 200;
    vm.load_main("deep.py", "def f(n):\n    return f(n + 1)\nf(0)\n")
        .unwrap();
    let status = vm.run_to_end();
    assert_eq!(
        raised(&mut vm, status),
        "RecursionError: maximum recursion depth exceeded"
    );
    // The Rust stack did not grow with the script's: a recursion limit
    // of a million frames is fine too.
    let mut vm2 = self::vm();
    vm2.recursion_limit = 1_000_000;
    vm2.load_main(
        "deep.py",
        "def f(n):\n    if n == 0:\n        return 0\n    return f(n - 1) + 1\nprint(f(100000))\n",
    )
    .unwrap();
    assert_eq!(vm2.run_to_end(), Status::Finished);
}

#[test]
fn the_heap_limit_raises_memory_error() {
    let mut vm = vm();
    vm.max_objects = Some(20_000);
    vm.load_main("grow.py", "xs = []\nwhile True:\n    xs.append([1])\n")
        .unwrap();
    let status = vm.run_to_end();
    let line = raised(&mut vm, status);
    assert!(
        line.starts_with("MemoryError: the script heap is over its limit"),
        "{line}"
    );
}

#[test]
fn garbage_is_collected() {
    let mut vm = vm();
    vm.load_main(
        "churn.py",
        "for i in range(300000):\n    s = str(i) + 'x'\n",
    )
    .unwrap();
    assert_eq!(vm.run_to_end(), Status::Finished);
    assert!(vm.heap.len() < 200_000, "{} objects alive", vm.heap.len());
}
