//! Syntax errors: the parser never panics, and reports the exception type
//! and line that CPython reports (and, where it has a specific message,
//! the same message).

use std::process::Command;

use proptest::prelude::*;
use shoal_scripting::{ErrorKind, parse_module};

/// `(source, Shoal's message)`: CPython must raise the same type on the
/// same line; where the message is given, it must match CPython's too.
const BAD: &[(&str, Option<&str>)] = &[
    ("x = = 1\n", Some("invalid syntax")),
    ("if x\n    pass\n", Some("expected ':'")),
    ("def f(:\n    pass\n", Some("invalid syntax")),
    ("  x = 1\n", Some("unexpected indent")),
    (
        "if x:\npass\n",
        Some("expected an indented block after 'if' statement on line 1"),
    ),
    (
        "for i in range(3):\n    x = 1\n  y = 2\n",
        Some("unindent does not match any outer indentation level"),
    ),
    ("x = (1, 2\n", Some("'(' was never closed")),
    (
        "x = [1, 2)\n",
        Some("closing parenthesis ')' does not match opening parenthesis '['"),
    ),
    ("x = 1)\n", Some("unmatched ')'")),
    (
        "s = 'abc\n",
        Some("unterminated string literal (detected at line 1)"),
    ),
    (
        "f() = 3\n",
        Some("cannot assign to function call here. Maybe you meant '==' instead of '='?"),
    ),
    (
        "1 = x\n",
        Some("cannot assign to literal here. Maybe you meant '==' instead of '='?"),
    ),
    (
        "def f(a=1, b):\n    pass\n",
        Some("non-default argument follows default argument"),
    ),
    (
        "def f(a, a):\n    pass\n",
        Some("duplicate argument 'a' in function definition"),
    ),
    (
        "f(x=1, 2)\n",
        Some("positional argument follows keyword argument"),
    ),
    ("f(a=1, a=2)\n", Some("keyword argument repeated: a")),
    (
        "x = 012\n",
        Some(
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
        ),
    ),
    (
        "a, *b, *c = d\n",
        Some("multiple starred expressions in assignment"),
    ),
    (
        "try:\n    pass\nx = 1\n",
        Some("expected 'except' or 'finally' block"),
    ),
    ("x = 1 +\n", Some("invalid syntax")),
    ("class A(:\n    pass\n", Some("invalid syntax")),
    ("while True\n    pass\n", Some("expected ':'")),
    (
        "print('a' 'b' x)\n",
        Some("invalid syntax. Perhaps you forgot a comma?"),
    ),
    (
        "f(a b)\n",
        Some("invalid syntax. Perhaps you forgot a comma?"),
    ),
    (
        "x = [1 2]\n",
        Some("invalid syntax. Perhaps you forgot a comma?"),
    ),
    (
        "if x:\n    pass\n  else:\n    pass\n",
        Some("unindent does not match any outer indentation level"),
    ),
    ("x = 5 $ 3\n", None),
    ("del f()\n", Some("cannot delete function call")),
    ("x += 1, 2 = 3\n", None),
    ("f'{}'\n", Some("f-string: empty expression not allowed")),
];

fn cpython(source: &str) -> (String, u32, String) {
    let script = r#"
import sys
src = sys.stdin.read()
try:
    compile(src, "<test>", "exec")
    print("OK")
except SyntaxError as e:
    print(type(e).__name__)
    print(e.lineno)
    print(e.msg)
"#;
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("python3 runs");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(source.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("python3 ends");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut lines = text.lines();
    let kind = lines.next().unwrap_or("").to_string();
    let line = lines.next().and_then(|l| l.parse().ok()).unwrap_or(0);
    let msg = lines.next().unwrap_or("").to_string();
    (kind, line, msg)
}

#[test]
fn syntax_errors_match_cpython() {
    for (source, message) in BAD {
        let err = match parse_module(source) {
            Ok(_) => panic!("{source:?} parsed"),
            Err(e) => e,
        };
        let (kind, line, msg) = cpython(source);
        assert_ne!(kind, "OK", "CPython accepts {source:?}");
        assert_eq!(err.kind.name(), kind, "type for {source:?} ({err})");
        assert_eq!(err.line, line, "line for {source:?} ({err})");
        if let Some(message) = message {
            assert_eq!(err.message, *message, "Shoal's message for {source:?}");
            assert_eq!(msg, *message, "CPython's message for {source:?}");
        }
    }
}

#[test]
fn unsupported_features_are_named() {
    for (source, feature) in [
        (
            "async def f():\n    return [x async for x in y]\n",
            "async comprehensions",
        ),
        ("from os import *\n", "star imports"),
        ("from . import x\n", "relative imports"),
        ("match x:\n    case 1:\n        pass\n", "match statements"),
        ("x = 1j\n", "complex numbers"),
        (
            "class A(**options):\n    pass\n",
            "'**' in a class's arguments",
        ),
    ] {
        let err = parse_module(source).expect_err(source);
        assert_eq!(err.kind, ErrorKind::NotImplementedError, "{source:?}");
        assert!(err.message.contains(feature), "{source:?}: {}", err.message);
    }
}

#[test]
fn report_has_pythons_shape() {
    let source = "x = 1\ny = (2 +\n";
    let err = parse_module(source).unwrap_err();
    assert_eq!(
        err.report("prog.py", source),
        "  File \"prog.py\", line 2\n    y = (2 +\n        ^\nSyntaxError: '(' was never closed\n"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = parse_module(&text);
    }

    #[test]
    fn random_python_like_text_never_panics(
        pieces in prop::collection::vec(
            prop::sample::select(vec![
                "def", "class", "if", "else", "elif", "for", "in", "while", "try", "except",
                "finally", "with", "as", "lambda", "yield", "return", "import", "from",
                "x", "y", "f", "1", "2.5", "'s'", "f'{x}'", "f'{", "}", "(", ")", "[", "]",
                "{", ":", ",", ".", "=", "==", "+", "*", "**", "-", "not", "and", "or",
                "\n", "    ", "\t", "\\\n", "#c", ";", "@", "...", ":=", "->", "*args",
            ]),
            0..60,
        )
    ) {
        let text: String = pieces.join(" ");
        if let Ok(module) = parse_module(&text) {
            let mut codes = Vec::new();
            let _ = shoal_scripting::compiler::compile_module(&module, "random.py", &mut codes);
        }
    }

    #[test]
    fn compiled_random_programs_run_without_panicking(
        lines in prop::collection::vec(
            prop::sample::select(vec![
                "x = 1", "y = x + 1", "x = [1, 2, 3]", "z = x[0]", "del x",
                "def f(a, b=2):\n    return a * b", "f(3)", "f()", "x = f(1, b=4)",
                "for i in range(3):\n    x = i", "while False:\n    pass",
                "try:\n    1 / 0\nexcept ZeroDivisionError:\n    x = 0",
                "class A:\n    def m(self):\n        return 1", "A().m()", "x = {'a': 1}",
                "x = {1, 2} | {3}", "raise ValueError('v')", "x = 'a' * 3", "x = -x",
                "x = (i for i in range(2))", "x = list(x)", "x = [y for y in range(4) if y]",
                "import math", "x = math.sqrt(4)", "x = x.upper()", "x = len(x)",
            ]),
            0..12,
        )
    ) {
        let text = lines.join("\n") + "\n";
        let mut vm = shoal_scripting::Vm::new(Box::new(std::io::sink()), Box::new(std::io::sink()));
        if vm.load_main("random.py", &text).is_ok() {
            let mut budget = 10_000;
            let _ = vm.run(&mut budget);
        }
    }
}
