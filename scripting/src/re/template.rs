//! Replacement templates (`sub`'s `repl`, `Match.expand`): `\1`,
//! `\g<name>`, `\g<0>` and escapes, parsed as CPython's
//! `parse_template` parses them, with its errors.

use crate::builtins::{str_repr, type_err, type_name};
use crate::heap::Obj;
use crate::value::Value;
use crate::vm::{Exc, Vm};

use super::engine::{Compiled, Spans};
use super::{re_error, syntax};

/// A piece of a replacement: text, or a group's text.
pub(super) enum Piece {
    Text(Vec<u8>),
    Group(usize),
}

/// A parsed replacement template.
pub(super) struct Template {
    pub(super) pieces: Vec<Piece>,
    /// The template's type, when it is not the pattern's (str for bytes
    /// or the reverse): CPython parses it anyway and fails joining the
    /// result, so only when something matched.
    mismatch: Option<String>,
}

impl Template {
    /// The TypeError of joining a mismatched template's text into the
    /// result, `before` items in.
    pub(super) fn mismatch_error(&self, vm: &mut Vm, c: &Compiled, before: usize) -> Option<Exc> {
        let t = self.mismatch.as_ref()?;
        let groups = self
            .pieces
            .iter()
            .take_while(|p| matches!(p, Piece::Group(_)))
            .count();
        let want = if c.is_bytes {
            "a bytes-like object"
        } else {
            "str instance"
        };
        let i = before + groups;
        Some(type_err(
            vm,
            format!("sequence item {i}: expected {want}, {t} found"),
        ))
    }
}

/// A template's pieces, parsed as CPython's `parse_template`.
pub(super) fn parse_template(vm: &mut Vm, template: Value, c: &Compiled) -> Result<Template, Exc> {
    let mut mismatch = None;
    let units: Vec<u32> = match template {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Str(s) => {
                if c.is_bytes {
                    mismatch = Some("str".to_string());
                }
                s.chars().map(|c| c as u32).collect()
            }
            Obj::Bytes(b) => {
                if !c.is_bytes {
                    mismatch = Some("bytes".to_string());
                }
                b.iter().map(|b| u32::from(*b)).collect()
            }
            Obj::ByteArray(b) => {
                if !c.is_bytes {
                    mismatch = Some("bytearray".to_string());
                }
                b.iter().map(|b| u32::from(*b)).collect()
            }
            _ => {
                let t = type_name(vm, template);
                return Err(type_err(
                    vm,
                    format!("decoding to str: need a bytes-like object, {t} found"),
                ));
            }
        },
        _ => {
            let t = type_name(vm, template);
            return Err(type_err(
                vm,
                format!("decoding to str: need a bytes-like object, {t} found"),
            ));
        }
    };
    let is_bytes = c.is_bytes;
    let mut pieces = Vec::new();
    let mut text: Vec<u8> = Vec::new();
    let push_unit = |text: &mut Vec<u8>, u: u32| {
        if is_bytes {
            text.push(u as u8);
        } else {
            let mut buf = [0; 4];
            text.extend_from_slice(
                char::from_u32(u)
                    .unwrap_or('\u{fffd}')
                    .encode_utf8(&mut buf)
                    .as_bytes(),
            );
        }
    };
    let fail = |vm: &mut Vm, msg: String, pos: usize| re_error(vm, &msg, Some(template), Some(pos));
    let digit = |u: Option<&u32>| u.is_some_and(|u| (b'0' as u32..=b'9' as u32).contains(u));
    let octal = |u: Option<&u32>| u.is_some_and(|u| (b'0' as u32..=b'7' as u32).contains(u));
    let ch = |u: u32| char::from_u32(u).unwrap_or('\u{fffd}');
    let mut i = 0;
    let groups = c.info.groups;
    let group = |pieces: &mut Vec<Piece>, text: &mut Vec<u8>, g: usize| {
        if !text.is_empty() {
            pieces.push(Piece::Text(std::mem::take(text)));
        }
        pieces.push(Piece::Group(g));
    };
    while i < units.len() {
        let u = units[i];
        i += 1;
        if u != '\\' as u32 {
            push_unit(&mut text, u);
            continue;
        }
        let Some(&e) = units.get(i) else {
            return Err(fail(vm, "bad escape (end of pattern)".into(), i - 1));
        };
        i += 1;
        let start = i - 2;
        match ch(e) {
            'g' => {
                if units.get(i) != Some(&('<' as u32)) {
                    return Err(fail(vm, "missing <".into(), i));
                }
                i += 1;
                let from = i;
                while i < units.len() && units[i] != '>' as u32 {
                    i += 1;
                }
                if i == units.len() {
                    if i == from {
                        return Err(fail(vm, "missing group name".into(), i));
                    }
                    return Err(fail(vm, "missing >, unterminated name".into(), from));
                }
                if i == from {
                    return Err(fail(vm, "missing group name".into(), i));
                }
                let name: String = units[from..i].iter().map(|u| ch(*u)).collect();
                i += 1;
                let index = if syntax::is_identifier(&name) {
                    match c.info.names.iter().find(|(n, _)| *n == name) {
                        Some((_, g)) => *g,
                        None => {
                            return Err(vm.error(
                                "IndexError",
                                format!("unknown group name {}", str_repr(&name)),
                            ));
                        }
                    }
                } else {
                    match name.parse::<u64>() {
                        Ok(g) if name.bytes().all(|b| b.is_ascii_digit()) => {
                            if g > groups as u64 {
                                return Err(fail(vm, format!("invalid group reference {g}"), from));
                            }
                            g as usize
                        }
                        _ => {
                            return Err(fail(
                                vm,
                                format!("bad character in group name {}", str_repr(&name)),
                                from,
                            ));
                        }
                    }
                };
                group(&mut pieces, &mut text, index);
            }
            '0' => {
                let mut v = 0;
                let mut k = 0;
                while k < 2 && octal(units.get(i)) {
                    v = v * 8 + (units[i] - '0' as u32);
                    i += 1;
                    k += 1;
                }
                push_unit(&mut text, v & 0xff);
            }
            '1'..='9' => {
                let mut octal_done = false;
                if digit(units.get(i)) {
                    i += 1;
                    if octal(Some(&e)) && octal(units.get(i - 1)) && octal(units.get(i)) {
                        i += 1;
                        let v = (e - '0' as u32) * 64
                            + (units[i - 2] - '0' as u32) * 8
                            + (units[i - 1] - '0' as u32);
                        if v > 0o377 {
                            let t: String = units[start..i].iter().map(|u| ch(*u)).collect();
                            return Err(fail(
                                vm,
                                format!("octal escape value {t} outside of range 0-0o377"),
                                start,
                            ));
                        }
                        push_unit(&mut text, v);
                        octal_done = true;
                    }
                }
                if !octal_done {
                    let n: usize = units[start + 1..i]
                        .iter()
                        .fold(0, |n, u| n * 10 + (u - '0' as u32) as usize);
                    if n > groups {
                        return Err(fail(vm, format!("invalid group reference {n}"), start + 1));
                    }
                    group(&mut pieces, &mut text, n);
                }
            }
            other => {
                let v = match other {
                    'a' => Some(7),
                    'b' => Some(8),
                    'f' => Some(12),
                    'n' => Some(10),
                    'r' => Some(13),
                    't' => Some(9),
                    'v' => Some(11),
                    '\\' => Some('\\' as u32),
                    _ => None,
                };
                match v {
                    Some(v) => push_unit(&mut text, v),
                    None if other.is_ascii_alphabetic() => {
                        return Err(fail(vm, format!("bad escape \\{other}"), start));
                    }
                    None => {
                        push_unit(&mut text, '\\' as u32);
                        push_unit(&mut text, e);
                    }
                }
            }
        }
    }
    if !text.is_empty() || pieces.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(Template { pieces, mismatch })
}

/// A template filled in with a match's groups (bytes, or a str's UTF-8).
pub(super) fn expand(out: &mut Vec<u8>, pieces: &[Piece], hay: &[u8], spans: &Spans) {
    for p in pieces {
        match p {
            Piece::Text(t) => out.extend_from_slice(t),
            Piece::Group(g) => {
                if let Some(Some((a, b))) = spans.get(*g) {
                    out.extend_from_slice(&hay[*a..*b]);
                }
            }
        }
    }
}
