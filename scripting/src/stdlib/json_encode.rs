//! `json._encode(obj)`: the JSON text of `json.dumps(obj)` with its
//! default options, in Rust, for documents of plain values (dicts, lists,
//! tuples, strs, ints, floats, bools, None). For anything else (an
//! instance, a subclass of a built-in type, a key of another type,
//! nesting deeper than [`MAX_DEPTH`], which a circular reference reaches)
//! it returns None and `json.dumps` encodes the value with the script
//! encoder, which calls `default` or raises CPython's exact error.

use std::fmt::Write;

use crate::builtins::{arity, none, ok};
use crate::heap::Obj;
use crate::module::{Kwargs, NativeResult};
use crate::value::{Value, float_repr};
use crate::vm::Vm;

/// Deeper values go to the script encoder.
const MAX_DEPTH: usize = 200;

/// `_encode(obj)`: the JSON text, or None.
pub(crate) fn encode(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
    arity(vm, "_encode", &args, 1, 1)?;
    let mut out = String::new();
    if value(vm, args[0], &mut out, 0).is_none() {
        return none();
    }
    vm.reserve(out.len())?;
    ok(vm.str_value(&out))
}

fn value(vm: &Vm, v: Value, out: &mut String, depth: usize) -> Option<()> {
    match v {
        Value::None => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Float(x) => float(x, out),
        Value::Obj(id) => {
            if depth >= MAX_DEPTH {
                return None;
            }
            match vm.heap.get(id) {
                Obj::Str(s) => string(s, out),
                Obj::BigInt(n) => {
                    let _ = write!(out, "{n}");
                }
                Obj::List(items) | Obj::Tuple(items) => {
                    out.push('[');
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        value(vm, *item, out, depth + 1)?;
                    }
                    out.push(']');
                }
                Obj::Dict(d) => {
                    out.push('{');
                    for (i, (k, v)) in d.values().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        key(vm, *k, out)?;
                        out.push_str(": ");
                        value(vm, *v, out, depth + 1)?;
                    }
                    out.push('}');
                }
                _ => return None,
            }
        }
    }
    Some(())
}

/// A dict key: strs as they are, and the scalars CPython turns into
/// strings.
fn key(vm: &Vm, k: Value, out: &mut String) -> Option<()> {
    match k {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Str(s) => string(s, out),
            Obj::BigInt(n) => {
                let _ = write!(out, "\"{n}\"");
            }
            _ => return None,
        },
        other => {
            out.push('"');
            value(vm, other, out, 0)?;
            out.push('"');
        }
    }
    Some(())
}

/// `float.__repr__`, with JavaScript's names for the values JSON lacks.
fn float(x: f64, out: &mut String) {
    if x.is_nan() {
        out.push_str("NaN");
    } else if x == f64::INFINITY {
        out.push_str("Infinity");
    } else if x == f64::NEG_INFINITY {
        out.push_str("-Infinity");
    } else {
        out.push_str(&float_repr(x));
    }
}

/// A JSON string of ASCII characters (`ensure_ascii`): escapes for the
/// quote, the backslash and the controls, `\uXXXX` (a surrogate pair
/// beyond the BMP) for DEL and everything past ASCII.
fn string(s: &str, out: &mut String) {
    out.reserve(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{u:04x}");
                }
            }
        }
    }
    out.push('"');
}
