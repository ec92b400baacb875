//! `json._decode(s)`: the JSON decoder of `json.loads` with its default
//! options, in Rust. It covers well-formed documents only: for anything
//! else (a syntax error, a control character in a string, a lone
//! surrogate, an int of more than 18 digits, nesting deeper than
//! [`MAX_DEPTH`]) it returns None and `json.loads` decodes the text again
//! with the script decoder, which raises CPython's exact error or builds
//! what CPython builds.

use std::rc::Rc;

use crate::builtins::{arity, none, ok, str_content};
use crate::heap::{Dict, Obj};
use crate::module::{Kwargs, NativeResult};
use crate::value::{Key, Value};
use crate::vm::Vm;

/// Deeper documents go to the script decoder (whose recursion limit
/// raises CPython's RecursionError).
const MAX_DEPTH: usize = 200;

/// `_decode(s)`: `[value]` for a well-formed document `s`, else None.
pub(crate) fn decode(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
    arity(vm, "_decode", &args, 1, 1)?;
    let Some(text) = str_content(vm, args[0]) else {
        return none();
    };
    // The decoded values take about as much room as the text.
    vm.reserve(text.len())?;
    let mut p = Parser {
        b: text.as_bytes(),
        i: 0,
        depth: 0,
    };
    p.ws();
    let Some(v) = p.value(vm) else {
        return none();
    };
    p.ws();
    if p.i != p.b.len() {
        return none();
    }
    ok(crate::builtins::new_list(vm, vec![v]))
}

struct Parser<'a> {
    b: &'a [u8],
    i: usize,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// Skips JSON whitespace.
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, word: &[u8]) -> bool {
        if self.b[self.i..].starts_with(word) {
            self.i += word.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self, vm: &mut Vm) -> Option<Value> {
        match self.peek()? {
            b'{' => self.object(vm),
            b'[' => self.array(vm),
            b'"' => {
                let s = self.string()?;
                Some(Value::Obj(vm.heap.alloc(Obj::Str(Rc::from(s)))))
            }
            b't' if self.eat(b"true") => Some(Value::Bool(true)),
            b'f' if self.eat(b"false") => Some(Value::Bool(false)),
            b'n' if self.eat(b"null") => Some(Value::None),
            b'N' if self.eat(b"NaN") => Some(Value::Float(f64::NAN)),
            b'I' if self.eat(b"Infinity") => Some(Value::Float(f64::INFINITY)),
            b'-' if self.b[self.i..].starts_with(b"-Infinity") => {
                self.i += 9;
                Some(Value::Float(f64::NEG_INFINITY))
            }
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    fn array(&mut self, vm: &mut Vm) -> Option<Value> {
        self.enter()?;
        self.i += 1;
        let mut items = Vec::new();
        self.ws();
        if self.peek()? == b']' {
            self.i += 1;
        } else {
            loop {
                self.ws();
                items.push(self.value(vm)?);
                self.ws();
                match self.peek()? {
                    b',' => self.i += 1,
                    b']' => {
                        self.i += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        self.depth -= 1;
        Some(crate::builtins::new_list(vm, items))
    }

    fn object(&mut self, vm: &mut Vm) -> Option<Value> {
        self.enter()?;
        self.i += 1;
        let mut dict = Dict::default();
        self.ws();
        if self.peek()? == b'}' {
            self.i += 1;
        } else {
            loop {
                self.ws();
                if self.peek()? != b'"' {
                    return None;
                }
                let key: Rc<str> = Rc::from(self.string()?);
                self.ws();
                if self.peek()? != b':' {
                    return None;
                }
                self.i += 1;
                self.ws();
                let v = self.value(vm)?;
                // A repeated key keeps its first place and its last value,
                // as `dict(pairs)` does.
                match dict.get_mut(&Key::Str(key.clone())) {
                    Some(slot) => slot.1 = v,
                    None => {
                        let k = Value::Obj(vm.heap.alloc(Obj::Str(key.clone())));
                        dict.insert(Key::Str(key), (k, v));
                    }
                }
                self.ws();
                match self.peek()? {
                    b',' => self.i += 1,
                    b'}' => {
                        self.i += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        self.depth -= 1;
        Some(Value::Obj(vm.heap.alloc(Obj::Dict(dict))))
    }

    /// A string from its opening quote; None for a control character,
    /// a bad escape or a lone surrogate.
    fn string(&mut self) -> Option<String> {
        self.i += 1;
        let start = self.i;
        // The common case: no escape.
        while let Some(&c) = self.b.get(self.i) {
            match c {
                b'"' => {
                    let s = std::str::from_utf8(&self.b[start..self.i]).ok()?;
                    self.i += 1;
                    return Some(s.to_string());
                }
                b'\\' => break,
                0..=0x1f => return None,
                _ => self.i += 1,
            }
        }
        let mut out = std::str::from_utf8(&self.b[start..self.i])
            .ok()?
            .to_string();
        loop {
            let c = *self.b.get(self.i)?;
            match c {
                b'"' => {
                    self.i += 1;
                    return Some(out);
                }
                b'\\' => {
                    let e = *self.b.get(self.i + 1)?;
                    self.i += 2;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if !self.b[self.i..].starts_with(b"\\u") {
                                    return None;
                                }
                                self.i += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return None;
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            out.push(char::from_u32(code)?);
                        }
                        _ => return None,
                    }
                }
                0..=0x1f => return None,
                _ => {
                    // Copy up to the next quote or backslash.
                    let from = self.i;
                    while let Some(&c) = self.b.get(self.i) {
                        if c == b'"' || c == b'\\' || c < 0x20 {
                            break;
                        }
                        self.i += 1;
                    }
                    out.push_str(std::str::from_utf8(&self.b[from..self.i]).ok()?);
                }
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.b.get(self.i..self.i + 4)?;
        let mut n = 0;
        for &d in digits {
            n = n * 16 + (d as char).to_digit(16)?;
        }
        self.i += 4;
        Some(n)
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`: an int when it
    /// has neither fraction nor exponent (and at most 18 digits).
    fn number(&mut self) -> Option<Value> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        let digits = |p: &mut Self| {
            let from = p.i;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.i += 1;
            }
            p.i - from
        };
        let first = self.peek()?;
        let int_digits = digits(self);
        if int_digits == 0 || (first == b'0' && int_digits > 1) {
            return None;
        }
        let mut float = false;
        if self.peek() == Some(b'.') {
            self.i += 1;
            if digits(self) == 0 {
                return None;
            }
            float = true;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if digits(self) == 0 {
                return None;
            }
            float = true;
        }
        let text = std::str::from_utf8(&self.b[start..self.i]).ok()?;
        if float {
            return text.parse::<f64>().ok().map(Value::Float);
        }
        if int_digits > 18 {
            return None;
        }
        text.parse::<i64>().ok().map(Value::Int)
    }
}
