//! The standard modules written in the script language (`itertools`,
//! `collections`, `json`...): each is a [`NativeModule`] whose script
//! part is the module's source, compiled and run in the module's
//! namespace on first import (their only natives are `json`'s decoder of
//! well-formed documents and encoder of plain values, `json_decode.rs`
//! and `json_encode.rs`). A dotted module `a.b` is the file
//! `a__b.py`; importing it imports `a` first and sets `a.b`.
//!
//! What each module offers and leaves out is in its docstring and in
//! `docs/language.md`.

use crate::module::NativeModule;

mod json_decode;
mod json_encode;

/// (module name, the file name tracebacks show, source).
const MODULES: &[(&str, &str, &str)] = &[
    ("__future__", "<__future__>", include_str!("__future__.py")),
    ("abc", "<abc>", include_str!("abc.py")),
    ("array", "<array>", include_str!("array.py")),
    ("bisect", "<bisect>", include_str!("bisect.py")),
    (
        "collections",
        "<collections>",
        include_str!("collections.py"),
    ),
    (
        "collections.abc",
        "<collections.abc>",
        include_str!("collections__abc.py"),
    ),
    ("copy", "<copy>", include_str!("copy.py")),
    (
        "dataclasses",
        "<dataclasses>",
        include_str!("dataclasses.py"),
    ),
    ("datetime", "<datetime>", include_str!("datetime.py")),
    ("enum", "<enum>", include_str!("enum.py")),
    ("functools", "<functools>", include_str!("functools.py")),
    ("heapq", "<heapq>", include_str!("heapq.py")),
    ("io", "<io>", include_str!("io.py")),
    ("itertools", "<itertools>", include_str!("itertools.py")),
    ("json", "<json>", include_str!("json.py")),
    ("operator", "<operator>", include_str!("operator.py")),
    ("os", "<os>", include_str!("os.py")),
    ("os.path", "<os.path>", include_str!("os__path.py")),
    ("string", "<string>", include_str!("string.py")),
    ("struct", "<struct>", include_str!("struct.py")),
    ("textwrap", "<textwrap>", include_str!("textwrap.py")),
    ("typing", "<typing>", include_str!("typing.py")),
];

/// The modules, for the VM's table of natives.
pub(crate) fn modules() -> impl Iterator<Item = NativeModule> {
    MODULES.iter().map(|(name, file, source)| {
        let module = NativeModule::new(name).prelude(file, source);
        match *name {
            // The decoder `json.loads` tries first.
            "json" => module
                .function("_decode", json_decode::decode)
                .function("_encode", json_encode::encode),
            _ => module,
        }
    })
}
