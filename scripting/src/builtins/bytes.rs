//! `bytes` and `bytearray`: their constructors and methods (one
//! implementation for both: a method's result has its receiver's type),
//! `bytearray`'s mutators, `str.encode` and `bytes.decode` with the
//! utf-8, ascii and latin-1 codecs.

use super::*;
use crate::files::new_bytes;

/// The content of a bytes-like value (bytes or bytearray).
pub(crate) fn bytes_like(vm: &Vm, v: Value) -> Option<Vec<u8>> {
    match v {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Bytes(b) => Some(b.to_vec()),
            Obj::ByteArray(b) => Some(b.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The receiver's bytes.
fn mine(vm: &Vm, recv: Option<Value>) -> Vec<u8> {
    recv.and_then(|r| bytes_like(vm, r)).unwrap_or_default()
}

/// Whether the receiver is a bytearray.
fn is_bytearray(vm: &Vm, recv: Option<Value>) -> bool {
    matches!(recv, Some(Value::Obj(id)) if matches!(vm.heap.get(id), Obj::ByteArray(_)))
}

/// A new value of the receiver's type (bytes or bytearray).
fn like(vm: &mut Vm, recv: Option<Value>, b: Vec<u8>) -> Value {
    if is_bytearray(vm, recv) {
        Value::Obj(vm.heap.alloc(Obj::ByteArray(b)))
    } else {
        new_bytes(vm, b)
    }
}

/// A bytes-like argument, with CPython's message naming what it got.
fn expect_bytes(vm: &mut Vm, v: Value) -> Result<Vec<u8>, Exc> {
    match bytes_like(vm, v) {
        Some(b) => Ok(b),
        None => {
            let t = type_name(vm, v);
            Err(type_err(
                vm,
                format!("a bytes-like object is required, not '{t}'"),
            ))
        }
    }
}

/// A byte value: an int in range(256).
pub(crate) fn expect_byte(vm: &mut Vm, v: Value) -> Result<u8, Exc> {
    let i = expect_int(vm, v, "")?;
    u8::try_from(i).map_err(|_| vm.error("ValueError", "byte must be in range(0, 256)"))
}

/// The bytes an iterable of ints, a bytes-like value or a count makes
/// (`bytes(x)`, `bytearray(x)`, `bytearray.extend(x)`).
/// `target` names the type a constructor makes (it takes a count too).
fn bytes_from(vm: &mut Vm, v: Value, target: Option<&str>) -> Result<Vec<u8>, Exc> {
    let count_ok = target.is_some();
    if let Some(b) = bytes_like(vm, v) {
        return Ok(b);
    }
    if count_ok && let Value::Int(n) = v {
        if n < 0 {
            return Err(vm.error("ValueError", "negative count"));
        }
        vm.reserve(n as usize)?;
        return Ok(vec![0; n as usize]);
    }
    if str_content(vm, v).is_some() {
        return Err(type_err(
            vm,
            if count_ok {
                "string argument without an encoding"
            } else {
                "expected iterable of integers; got: 'str'"
            },
        ));
    }
    let items = match collect(vm, v) {
        Err(e)
            if count_ok && !crate::vm::script_iterable(vm, v) && vm.exc_is(e, "TypeError")? =>
        {
            let t = type_name(vm, v);
            let target = target.unwrap_or("bytes");
            return Err(type_err(
                vm,
                format!("cannot convert '{t}' object to {target}"),
            ));
        }
        items => items?,
    };
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Value::Int(_) | Value::Bool(_) => match expect_int(vm, item, "").map(u8::try_from)? {
                Ok(b) => out.push(b),
                Err(_) => return Err(vm.error("ValueError", "bytes must be in range(0, 256)")),
            },
            _ => {
                let t = type_name(vm, item);
                return Err(type_err(
                    vm,
                    format!("'{t}' object cannot be interpreted as an integer"),
                ));
            }
        }
    }
    Ok(out)
}

/// `bytes(...)` and `bytearray(...)`: from nothing, a count, an
/// iterable of ints, a bytes-like value, or a str and its encoding.
pub(crate) fn construct_bytes(
    vm: &mut Vm,
    kind: TypeKind,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Result<Value, Exc> {
    let name = kind.name();
    arity(vm, name, &args, 0, 3)?;
    let source = args.first().copied().or(kwarg(&kwargs, "source"));
    let encoding = args.get(1).copied().or(kwarg(&kwargs, "encoding"));
    let errors = args.get(2).copied().or(kwarg(&kwargs, "errors"));
    let data = match (source, encoding) {
        (None, None) => Vec::new(),
        (None, Some(_)) => return Err(type_err(vm, "encoding without a string argument")),
        (Some(s), Some(e)) => {
            let Some(text) = str_content(vm, s) else {
                return Err(type_err(vm, "encoding without a string argument"));
            };
            let encoding = expect_str(vm, e, &format!("{name}() argument 'encoding'"))?;
            let errors = match errors {
                Some(v) => expect_str(vm, v, &format!("{name}() argument 'errors'"))?,
                None => Rc::from("strict"),
            };
            encode(vm, &text, &encoding, &errors)?
        }
        (Some(s), None) => bytes_from(vm, s, Some(name))?,
    };
    Ok(if kind == TypeKind::ByteArray {
        Value::Obj(vm.heap.alloc(Obj::ByteArray(data)))
    } else {
        new_bytes(vm, data)
    })
}

// ---- codecs ------------------------------------------------------------

/// The codec an encoding name names (CPython's aliases, loosely).
fn codec(vm: &mut Vm, encoding: &str) -> Result<&'static str, Exc> {
    let norm = encoding.to_ascii_lowercase().replace(['-', ' '], "_");
    Ok(match norm.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" => "utf-8",
        "ascii" | "us_ascii" | "646" => "ascii",
        "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819" => {
            "latin-1"
        }
        _ => {
            return Err(vm.error("LookupError", format!("unknown encoding: {encoding}")));
        }
    })
}

/// `text.encode(encoding, errors)`.
fn encode(vm: &mut Vm, text: &str, encoding: &str, errors: &str) -> Result<Vec<u8>, Exc> {
    let codec = codec(vm, encoding)?;
    if codec == "utf-8" {
        return Ok(text.as_bytes().to_vec());
    }
    let limit = if codec == "ascii" { 0x80 } else { 0x100 };
    let mut out = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        if (c as u32) < limit {
            out.push(c as u8);
            continue;
        }
        match errors {
            "ignore" => {}
            "replace" => out.push(b'?'),
            "backslashreplace" => out.extend(format!("\\{}", char_escape(c)).bytes()),
            "xmlcharrefreplace" => out.extend(format!("&#{};", c as u32).bytes()),
            "strict" => {
                // The error covers the whole run of unencodable characters.
                let run = text.chars().skip(i).take_while(|c| (*c as u32) >= limit);
                let end = i + run.count();
                let object = new_str(vm, text);
                let name = if codec == "ascii" { "ascii" } else { "latin-1" };
                let reason = format!("ordinal not in range({limit})");
                return Err(super::exceptions::unicode_error(
                    vm,
                    "UnicodeEncodeError",
                    name,
                    object,
                    (i, end),
                    &reason,
                ));
            }
            other => {
                return Err(vm.error(
                    "LookupError",
                    format!("unknown error handler name '{other}'"),
                ));
            }
        }
    }
    Ok(out)
}

/// How CPython's messages show a character: `x` and its hex code.
fn char_escape(c: char) -> String {
    let n = c as u32;
    if n <= 0xff {
        format!("x{n:02x}")
    } else if n <= 0xffff {
        format!("u{n:04x}")
    } else {
        format!("U{n:08x}")
    }
}

/// `data.decode(encoding, errors)`.
fn decode(vm: &mut Vm, data: &[u8], encoding: &str, errors: &str) -> Result<String, Exc> {
    let codec = codec(vm, encoding)?;
    if codec == "latin-1" {
        return Ok(data.iter().map(|b| *b as char).collect());
    }
    let mut out = String::with_capacity(data.len());
    let mut at = 0;
    while at < data.len() {
        // The next bad run: its start, its length and why.
        let (good, bad, reason) = if codec == "ascii" {
            match data[at..].iter().position(|b| !b.is_ascii()) {
                None => (data.len() - at, 0, ""),
                Some(n) => (n, 1, "ordinal not in range(128)"),
            }
        } else {
            match std::str::from_utf8(&data[at..]) {
                Ok(_) => (data.len() - at, 0, ""),
                Err(e) => {
                    let good = e.valid_up_to();
                    match e.error_len() {
                        None => (good, data.len() - at - good, "unexpected end of data"),
                        Some(n) if matches!(data[at + good], 0x80..=0xc1 | 0xf5..=0xff) => {
                            (good, n, "invalid start byte")
                        }
                        Some(n) => (good, n, "invalid continuation byte"),
                    }
                }
            }
        };
        // ASCII and checked UTF-8 both hold valid text.
        out.push_str(std::str::from_utf8(&data[at..at + good]).unwrap_or_default());
        at += good;
        if bad == 0 {
            break;
        }
        match errors {
            "ignore" => {}
            "replace" => out.push('\u{fffd}'),
            "backslashreplace" => {
                for b in &data[at..at + bad] {
                    out.push_str(&format!("\\x{b:02x}"));
                }
            }
            "strict" => {
                let object = new_bytes(vm, data.to_vec());
                let name = if codec == "ascii" { "ascii" } else { "utf-8" };
                return Err(super::exceptions::unicode_error(
                    vm,
                    "UnicodeDecodeError",
                    name,
                    object,
                    (at, at + bad),
                    reason,
                ));
            }
            other => {
                return Err(vm.error(
                    "LookupError",
                    format!("unknown error handler name '{other}'"),
                ));
            }
        }
        at += bad;
    }
    Ok(out)
}

/// The `encoding` and `errors` arguments of `encode`/`decode`.
fn codec_args(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kwargs: &Kwargs,
) -> Result<(Rc<str>, Rc<str>), Exc> {
    arity(vm, name, args, 0, 2)?;
    let encoding = match args.first().copied().or(kwarg(kwargs, "encoding")) {
        Some(v) => expect_str(vm, v, &format!("{name}() argument 'encoding'"))?,
        None => Rc::from("utf-8"),
    };
    let errors = match args.get(1).copied().or(kwarg(kwargs, "errors")) {
        Some(v) => expect_str(vm, v, &format!("{name}() argument 'errors'"))?,
        None => Rc::from("strict"),
    };
    Ok((encoding, errors))
}

/// `str.encode(encoding="utf-8", errors="strict")`.
pub(crate) fn s_encode(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    let (encoding, errors) = codec_args(vm, "encode", &args, &kw)?;
    let text = recv.and_then(|r| str_content(vm, r)).unwrap_or_default();
    let data = encode(vm, &text, &encoding, &errors)?;
    ok(new_bytes(vm, data))
}

/// `decode(encoding="utf-8", errors="strict")`.
pub(crate) fn by_decode(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    let (encoding, errors) = codec_args(vm, "decode", &args, &kw)?;
    let data = mine(vm, recv);
    let text = decode(vm, &data, &encoding, &errors)?;
    ok(new_str(vm, &text))
}

// ---- searching ---------------------------------------------------------

/// The bytes a search looks for: bytes-like or one byte value.
fn needle(vm: &mut Vm, v: Value) -> Result<Vec<u8>, Exc> {
    match v {
        Value::Int(_) | Value::Bool(_) => Ok(vec![expect_byte(vm, v)?]),
        _ => match bytes_like(vm, v) {
            Some(b) => Ok(b),
            None => {
                let t = type_name(vm, v);
                Err(type_err(
                    vm,
                    format!("argument should be integer or bytes-like object, not '{t}'"),
                ))
            }
        },
    }
}

/// The `[start[, end]]` window of a search, clamped as a slice.
fn window(vm: &mut Vm, args: &[Value], len: usize) -> Result<(usize, usize), Exc> {
    let bound = |vm: &mut Vm, v: Option<&Value>, default: usize| -> Result<usize, Exc> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let i = expect_int(vm, *v, "")?;
                let n = len as i64;
                Ok((if i < 0 { (i + n).max(0) } else { i.min(n) }) as usize)
            }
        }
    };
    Ok((bound(vm, args.first(), 0)?, bound(vm, args.get(1), len)?))
}

fn find_in(hay: &[u8], needle: &[u8], start: usize, end: usize, last: bool) -> Option<usize> {
    if start > end || end - start < needle.len() {
        return None;
    }
    let range = start..=end - needle.len();
    if last {
        range.rev().find(|i| &hay[*i..*i + needle.len()] == needle)
    } else {
        range
            .into_iter()
            .find(|i| &hay[*i..*i + needle.len()] == needle)
    }
}

fn search(
    vm: &mut Vm,
    recv: Option<Value>,
    args: &[Value],
    name: &str,
    last: bool,
) -> Result<Option<usize>, Exc> {
    at_least(vm, name, args, 1, 3)?;
    let hay = mine(vm, recv);
    let n = needle(vm, args[0])?;
    let (start, end) = window(vm, &args[1..], hay.len())?;
    Ok(find_in(&hay, &n, start, end, last))
}

pub(crate) fn by_find(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    let at = search(vm, r, &a, "find", false)?;
    ok(Value::Int(at.map_or(-1, |i| i as i64)))
}

pub(crate) fn by_rfind(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    let at = search(vm, r, &a, "rfind", true)?;
    ok(Value::Int(at.map_or(-1, |i| i as i64)))
}

pub(crate) fn by_index(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    match search(vm, r, &a, "index", false)? {
        Some(i) => ok(Value::Int(i as i64)),
        None => Err(vm.error("ValueError", "subsection not found")),
    }
}

pub(crate) fn by_rindex(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    match search(vm, r, &a, "rindex", true)? {
        Some(i) => ok(Value::Int(i as i64)),
        None => Err(vm.error("ValueError", "subsection not found")),
    }
}

pub(crate) fn by_count(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    at_least(vm, "count", &a, 1, 3)?;
    let hay = mine(vm, r);
    let n = needle(vm, a[0])?;
    let (start, end) = window(vm, &a[1..], hay.len())?;
    if start > end {
        return ok(Value::Int(0));
    }
    if n.is_empty() {
        return ok(Value::Int((end - start + 1) as i64));
    }
    let mut count = 0;
    let mut i = start;
    while let Some(at) = find_in(&hay, &n, i, end, false) {
        count += 1;
        i = at + n.len();
    }
    ok(Value::Int(count))
}

/// `startswith`/`endswith`: a bytes-like affix or a tuple of them.
fn affix_test(vm: &mut Vm, recv: Option<Value>, args: &[Value], prefix: bool) -> BResult {
    let name = if prefix { "startswith" } else { "endswith" };
    at_least(vm, name, args, 1, 3)?;
    let hay = mine(vm, recv);
    let (options, in_tuple): (Vec<Value>, bool) = match args[0] {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Tuple(items) => (items.clone(), true),
            _ => (vec![args[0]], false),
        },
        v => (vec![v], false),
    };
    let (start, end) = window(vm, &args[1..], hay.len())?;
    let mut found = false;
    for option in options {
        let Some(affix) = bytes_like(vm, option) else {
            let t = type_name(vm, option);
            let msg = if in_tuple {
                format!("a bytes-like object is required, not '{t}'")
            } else {
                format!("{name} first arg must be bytes or a tuple of bytes, not {t}")
            };
            return Err(type_err(vm, msg));
        };
        if start > end || start > hay.len() {
            continue;
        }
        let part = &hay[start..end];
        found |= if prefix {
            part.starts_with(&affix)
        } else {
            part.ends_with(&affix)
        };
    }
    ok(Value::Bool(found))
}

pub(crate) fn by_startswith(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    affix_test(vm, r, &a, true)
}

pub(crate) fn by_endswith(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    affix_test(vm, r, &a, false)
}

// ---- tests -------------------------------------------------------------

fn all_bytes(
    vm: &mut Vm,
    r: Option<Value>,
    args: &[Value],
    name: &str,
    f: fn(&u8) -> bool,
) -> BResult {
    method_arity(vm, r, name, args, 0, 0)?;
    let b = mine(vm, r);
    ok(Value::Bool(!b.is_empty() && b.iter().all(f)))
}

pub(crate) fn by_isalnum(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    all_bytes(vm, r, &a, "isalnum", u8::is_ascii_alphanumeric)
}

pub(crate) fn by_isalpha(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    all_bytes(vm, r, &a, "isalpha", u8::is_ascii_alphabetic)
}

pub(crate) fn by_isdigit(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    all_bytes(vm, r, &a, "isdigit", u8::is_ascii_digit)
}

pub(crate) fn by_isspace(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    all_bytes(vm, r, &a, "isspace", |b| is_space(*b))
}

pub(crate) fn by_isascii(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "isascii", &a, 0, 0)?;
    let b = mine(vm, r);
    ok(Value::Bool(b.is_ascii()))
}

pub(crate) fn by_islower(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "islower", &a, 0, 0)?;
    let b = mine(vm, r);
    ok(Value::Bool(
        b.iter().any(u8::is_ascii_lowercase) && !b.iter().any(u8::is_ascii_uppercase),
    ))
}

pub(crate) fn by_isupper(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "isupper", &a, 0, 0)?;
    let b = mine(vm, r);
    ok(Value::Bool(
        b.iter().any(u8::is_ascii_uppercase) && !b.iter().any(u8::is_ascii_lowercase),
    ))
}

pub(crate) fn by_istitle(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "istitle", &a, 0, 0)?;
    let b = mine(vm, r);
    // Capitals only after uncased bytes, small letters only after cased.
    let (mut cased, mut prev_cased) = (false, false);
    for c in b {
        if c.is_ascii_uppercase() {
            if prev_cased {
                return ok(Value::Bool(false));
            }
            (cased, prev_cased) = (true, true);
        } else if c.is_ascii_lowercase() {
            if !prev_cased {
                return ok(Value::Bool(false));
            }
            (cased, prev_cased) = (true, true);
        } else {
            prev_cased = false;
        }
    }
    ok(Value::Bool(cased))
}

/// ASCII white space, as bytes methods see it.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

// ---- transforms -----------------------------------------------------------

fn map_bytes(
    vm: &mut Vm,
    r: Option<Value>,
    args: &[Value],
    name: &str,
    f: impl Fn(&[u8]) -> Vec<u8>,
) -> BResult {
    method_arity(vm, r, name, args, 0, 0)?;
    let b = mine(vm, r);
    let out = f(&b);
    ok(like(vm, r, out))
}

pub(crate) fn by_lower(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    map_bytes(vm, r, &a, "lower", <[u8]>::to_ascii_lowercase)
}

pub(crate) fn by_upper(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    map_bytes(vm, r, &a, "upper", <[u8]>::to_ascii_uppercase)
}

pub(crate) fn by_swapcase(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    map_bytes(vm, r, &a, "swapcase", |b| {
        b.iter()
            .map(|c| match c {
                b'a'..=b'z' => c.to_ascii_uppercase(),
                b'A'..=b'Z' => c.to_ascii_lowercase(),
                _ => *c,
            })
            .collect()
    })
}

pub(crate) fn by_capitalize(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    map_bytes(vm, r, &a, "capitalize", |b| {
        b.iter()
            .enumerate()
            .map(|(i, c)| {
                if i == 0 {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect()
    })
}

pub(crate) fn by_title(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    map_bytes(vm, r, &a, "title", |b| {
        let mut prev_cased = false;
        b.iter()
            .map(|c| {
                let out = if prev_cased {
                    c.to_ascii_lowercase()
                } else {
                    c.to_ascii_uppercase()
                };
                prev_cased = c.is_ascii_alphabetic();
                out
            })
            .collect()
    })
}

pub(crate) fn by_expandtabs(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, kw: Kwargs) -> BResult {
    method_arity(vm, r, "expandtabs", &a, 0, 1)?;
    let size = match a.first().copied().or(kwarg(&kw, "tabsize")) {
        Some(v) => expect_int(vm, v, "")?,
        None => 8,
    };
    let b = mine(vm, r);
    // Bytes are the characters of latin-1 text.
    let text = expand_tabs(b.iter().map(|c| *c as char), size);
    vm.reserve(text.len())?;
    let out = text.chars().map(|c| c as u8).collect();
    ok(like(vm, r, out))
}

/// The fill byte of `center`, `ljust`, `rjust`.
fn fill_byte(vm: &mut Vm, name: &str, v: Option<&Value>) -> Result<u8, Exc> {
    let Some(v) = v else { return Ok(b' ') };
    match bytes_like(vm, *v) {
        Some(b) if b.len() == 1 => Ok(b[0]),
        Some(b) => Err(type_err(
            vm,
            format!(
                "{name}() argument 2 must be a byte string of length 1, not bytes of length {}",
                b.len()
            ),
        )),
        None => {
            let t = type_name(vm, *v);
            Err(type_err(
                vm,
                format!("{name}() argument 2 must be a byte string of length 1, not {t}"),
            ))
        }
    }
}

fn justify(vm: &mut Vm, r: Option<Value>, args: &[Value], name: &str, how: u8) -> BResult {
    method_arity(vm, r, name, args, 1, 2)?;
    let width = expect_int(vm, args[0], "")?.max(0) as usize;
    let fill = fill_byte(vm, name, args.get(1))?;
    let b = mine(vm, r);
    if width <= b.len() {
        return ok(like(vm, r, b));
    }
    vm.reserve(width)?;
    let pad = width - b.len();
    let left = match how {
        0 => 0,
        1 => pad,
        // Centered as CPython centers: the odd byte goes left when the
        // width is odd... and the length even.
        _ => pad / 2 + (pad & width & 1),
    };
    let mut out = vec![fill; left];
    out.extend_from_slice(&b);
    out.resize(width, fill);
    ok(like(vm, r, out))
}

pub(crate) fn by_ljust(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    justify(vm, r, &a, "ljust", 0)
}

pub(crate) fn by_rjust(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    justify(vm, r, &a, "rjust", 1)
}

pub(crate) fn by_center(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    justify(vm, r, &a, "center", 2)
}

pub(crate) fn by_zfill(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "zfill", &a, 1, 1)?;
    let width = expect_int(vm, a[0], "")?.max(0) as usize;
    let b = mine(vm, r);
    if width <= b.len() {
        return ok(like(vm, r, b));
    }
    let (sign, digits) = match b.first() {
        Some(c @ (b'+' | b'-')) => (Some(*c), &b[1..]),
        _ => (None, &b[..]),
    };
    let mut out = Vec::with_capacity(width);
    out.extend(sign);
    out.resize(width - digits.len(), b'0');
    out.extend_from_slice(digits);
    ok(like(vm, r, out))
}

fn strip(
    vm: &mut Vm,
    r: Option<Value>,
    args: &[Value],
    name: &str,
    left: bool,
    right: bool,
) -> BResult {
    method_arity(vm, r, name, args, 0, 1)?;
    let set = match args.first() {
        None | Some(Value::None) => None,
        Some(v) => Some(expect_bytes(vm, *v)?),
    };
    let strip_it = |c: &u8| match &set {
        None => is_space(*c),
        Some(s) => s.contains(c),
    };
    let b = mine(vm, r);
    let start = if left {
        b.iter().position(|c| !strip_it(c)).unwrap_or(b.len())
    } else {
        0
    };
    let end = if right {
        b.iter()
            .rposition(|c| !strip_it(c))
            .map_or(start, |i| i + 1)
    } else {
        b.len()
    };
    let out = b[start..end.max(start)].to_vec();
    ok(like(vm, r, out))
}

pub(crate) fn by_strip(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    strip(vm, r, &a, "strip", true, true)
}

pub(crate) fn by_lstrip(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    strip(vm, r, &a, "lstrip", true, false)
}

pub(crate) fn by_rstrip(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    strip(vm, r, &a, "rstrip", false, true)
}

fn remove_affix(vm: &mut Vm, r: Option<Value>, args: &[Value], prefix: bool) -> BResult {
    method_arity(
        vm,
        r,
        if prefix {
            "removeprefix"
        } else {
            "removesuffix"
        },
        args,
        1,
        1,
    )?;
    let affix = expect_bytes(vm, args[0])?;
    let b = mine(vm, r);
    let out = if prefix {
        b.strip_prefix(&affix[..]).unwrap_or(&b).to_vec()
    } else {
        b.strip_suffix(&affix[..]).unwrap_or(&b).to_vec()
    };
    ok(like(vm, r, out))
}

pub(crate) fn by_removeprefix(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    remove_affix(vm, r, &a, true)
}

pub(crate) fn by_removesuffix(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    remove_affix(vm, r, &a, false)
}

pub(crate) fn by_replace(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "replace", &a, 2, 3)?;
    let old = expect_bytes(vm, a[0])?;
    let new = expect_bytes(vm, a[1])?;
    let limit = match a.get(2) {
        Some(v) => expect_int(vm, *v, "")?,
        None => -1,
    };
    let b = mine(vm, r);
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    let mut done = 0;
    while i <= b.len() {
        if limit >= 0 && done >= limit {
            break;
        }
        if old.is_empty() {
            // An empty pattern matches between every two bytes.
            out.extend_from_slice(&new);
            done += 1;
            if i < b.len() {
                out.push(b[i]);
            }
            i += 1;
            continue;
        }
        match find_in(&b, &old, i, b.len(), false) {
            Some(at) => {
                out.extend_from_slice(&b[i..at]);
                out.extend_from_slice(&new);
                i = at + old.len();
                done += 1;
            }
            None => break,
        }
    }
    if i < b.len() {
        out.extend_from_slice(&b[i..]);
    }
    vm.reserve(out.len())?;
    ok(like(vm, r, out))
}

fn partition(vm: &mut Vm, r: Option<Value>, args: &[Value], last: bool) -> BResult {
    method_arity(
        vm,
        r,
        if last { "rpartition" } else { "partition" },
        args,
        1,
        1,
    )?;
    let sep = expect_bytes(vm, args[0])?;
    if sep.is_empty() {
        return Err(vm.error("ValueError", "empty separator"));
    }
    let b = mine(vm, r);
    let parts = match find_in(&b, &sep, 0, b.len(), last) {
        Some(at) => (b[..at].to_vec(), sep.clone(), b[at + sep.len()..].to_vec()),
        None if last => (Vec::new(), Vec::new(), b),
        None => (b, Vec::new(), Vec::new()),
    };
    let items = vec![
        like(vm, r, parts.0),
        like(vm, r, parts.1),
        like(vm, r, parts.2),
    ];
    ok(new_tuple(vm, items))
}

pub(crate) fn by_partition(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    partition(vm, r, &a, false)
}

pub(crate) fn by_rpartition(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    partition(vm, r, &a, true)
}

fn split(vm: &mut Vm, r: Option<Value>, args: &[Value], kwargs: &Kwargs, right: bool) -> BResult {
    let name = if right { "rsplit" } else { "split" };
    method_arity(vm, r, name, args, 0, 2)?;
    let sep = args
        .first()
        .copied()
        .or(kwarg(kwargs, "sep"))
        .unwrap_or(Value::None);
    let maxsplit = match args.get(1).copied().or(kwarg(kwargs, "maxsplit")) {
        Some(v) => expect_int(vm, v, "")?,
        None => -1,
    };
    let b = mine(vm, r);
    let limit = (maxsplit >= 0).then_some(maxsplit as usize);
    let mut parts: Vec<Vec<u8>> = Vec::new();
    if sep == Value::None {
        // Runs of white space; none at the ends.
        let words: Vec<(usize, usize)> = {
            let mut out = Vec::new();
            let mut i = 0;
            while i < b.len() {
                while i < b.len() && is_space(b[i]) {
                    i += 1;
                }
                let start = i;
                while i < b.len() && !is_space(b[i]) {
                    i += 1;
                }
                if i > start {
                    out.push((start, i));
                }
            }
            out
        };
        let n = words.len();
        match limit {
            Some(k) if k < n => {
                if right {
                    let keep = &words[n - k..];
                    let head_end = words[n - k - 1].1;
                    let head_start = words[0].0;
                    parts.push(b[head_start..head_end].to_vec());
                    parts.extend(keep.iter().map(|(s, e)| b[*s..*e].to_vec()));
                } else {
                    parts.extend(words[..k].iter().map(|(s, e)| b[*s..*e].to_vec()));
                    let tail_start = words[k].0;
                    let tail_end = b
                        .iter()
                        .rposition(|c| !is_space(*c))
                        .map_or(tail_start, |i| i + 1);
                    parts.push(b[tail_start..tail_end].to_vec());
                }
            }
            _ => parts.extend(words.iter().map(|(s, e)| b[*s..*e].to_vec())),
        }
    } else {
        let sep = expect_bytes(vm, sep)?;
        if sep.is_empty() {
            return Err(vm.error("ValueError", "empty separator"));
        }
        let mut cuts = Vec::new();
        let mut i = 0;
        while let Some(at) = find_in(&b, &sep, i, b.len(), false) {
            cuts.push(at);
            i = at + sep.len();
        }
        let cuts: Vec<usize> = match limit {
            Some(k) if k < cuts.len() => {
                if right {
                    // From the right, separators must not overlap.
                    let mut kept = Vec::new();
                    let mut end = b.len();
                    while kept.len() < k {
                        match find_in(&b, &sep, 0, end, true) {
                            Some(at) => {
                                kept.push(at);
                                end = at;
                            }
                            None => break,
                        }
                    }
                    kept.reverse();
                    kept
                } else {
                    cuts[..k].to_vec()
                }
            }
            _ => cuts,
        };
        let mut start = 0;
        for at in cuts {
            parts.push(b[start..at].to_vec());
            start = at + sep.len();
        }
        parts.push(b[start..].to_vec());
    }
    let items = parts.into_iter().map(|p| like(vm, r, p)).collect();
    ok(new_list(vm, items))
}

pub(crate) fn by_split(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, kw: Kwargs) -> BResult {
    split(vm, r, &a, &kw, false)
}

pub(crate) fn by_rsplit(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, kw: Kwargs) -> BResult {
    split(vm, r, &a, &kw, true)
}

pub(crate) fn by_splitlines(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, kw: Kwargs) -> BResult {
    method_arity(vm, r, "splitlines", &a, 0, 1)?;
    let keep = int_flag(vm, a.first().copied().or(kwarg(&kw, "keepends")))?;
    let b = mine(vm, r);
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let end = match b[i] {
            b'\r' if b.get(i + 1) == Some(&b'\n') => i + 2,
            b'\r' | b'\n' => i + 1,
            _ => {
                i += 1;
                continue;
            }
        };
        lines.push(b[start..if keep { end } else { i }].to_vec());
        start = end;
        i = end;
    }
    if start < b.len() {
        lines.push(b[start..].to_vec());
    }
    let items = lines.into_iter().map(|l| like(vm, r, l)).collect();
    ok(new_list(vm, items))
}

pub(crate) fn by_join(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "join", &a, 1, 1)?;
    let sep = mine(vm, r);
    let items = match collect(vm, a[0]) {
        Err(e) if !crate::vm::script_iterable(vm, a[0]) && vm.exc_is(e, "TypeError")? => {
            return Err(type_err(vm, "can only join an iterable"));
        }
        items => items?,
    };
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let Some(part) = bytes_like(vm, item) else {
            let t = type_name(vm, item);
            return Err(type_err(
                vm,
                format!("sequence item {i}: expected a bytes-like object, {t} found"),
            ));
        };
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend_from_slice(&part);
    }
    vm.reserve(out.len())?;
    ok(like(vm, r, out))
}

/// `hex([sep[, bytes_per_sep]])`.
pub(crate) fn by_hex(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, kw: Kwargs) -> BResult {
    method_arity(vm, r, "hex", &a, 0, 2)?;
    let b = mine(vm, r);
    let sep = match a.first().copied().or(kwarg(&kw, "sep")) {
        None => None,
        Some(v) => {
            let s = match (str_content(vm, v), bytes_like(vm, v)) {
                (Some(s), _) => s.to_string(),
                (None, Some(b)) => b.iter().map(|c| *c as char).collect(),
                (None, None) if matches!(v, Value::Obj(_)) => {
                    return Err(type_err(vm, "sep must be str or bytes."));
                }
                _ => {
                    let t = type_name(vm, v);
                    return Err(type_err(vm, format!("object of type '{t}' has no len()")));
                }
            };
            if s.chars().count() != 1 {
                return Err(vm.error("ValueError", "sep must be length 1."));
            }
            Some(s)
        }
    };
    let per = match a.get(1).copied().or(kwarg(&kw, "bytes_per_sep")) {
        Some(v) => expect_int(vm, v, "")?,
        None => 1,
    };
    let digits: Vec<String> = b.iter().map(|c| format!("{c:02x}")).collect();
    let out = match sep {
        Some(sep) if per != 0 && !digits.is_empty() => {
            let n = per.unsigned_abs() as usize;
            // Groups count from the right for a positive size.
            let groups: Vec<String> = if per > 0 {
                let first = digits.len() % n;
                let mut g = Vec::new();
                if first > 0 {
                    g.push(digits[..first].concat());
                }
                g.extend(digits[first..].chunks(n).map(|c| c.concat()));
                g
            } else {
                digits.chunks(n).map(|c| c.concat()).collect()
            };
            groups.join(&sep)
        }
        _ => digits.concat(),
    };
    ok(new_str(vm, &out))
}

/// `bytes.fromhex(string)` (a class method): pairs of hex digits, white
/// space between them allowed.
pub(crate) fn by_fromhex(vm: &mut Vm, recv: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "fromhex", &a, 1, 1)?;
    let s = expect_str(vm, a[0], "fromhex() argument")?;
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let hi = chars[i].to_digit(16);
        let lo = chars.get(i + 1).and_then(|c| c.to_digit(16));
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            (Some(_), None) => {
                return Err(vm.error(
                    "ValueError",
                    format!(
                        "non-hexadecimal number found in fromhex() arg at position {}",
                        i + 1
                    ),
                ));
            }
            _ => {
                return Err(vm.error(
                    "ValueError",
                    format!("non-hexadecimal number found in fromhex() arg at position {i}"),
                ));
            }
        }
        i += 2;
    }
    let bytearray = match recv {
        Some(Value::Obj(id)) => matches!(
            vm.heap.get(id),
            Obj::Type(TypeKind::ByteArray) | Obj::ByteArray(_)
        ),
        _ => false,
    };
    ok(if bytearray {
        Value::Obj(vm.heap.alloc(Obj::ByteArray(out)))
    } else {
        new_bytes(vm, out)
    })
}

/// `bytes.maketrans(from, to)` (static): the 256-byte table
/// `translate` takes.
pub(crate) fn by_maketrans(vm: &mut Vm, _: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "maketrans", &a, 2, 2)?;
    let from = expect_bytes(vm, a[0])?;
    let to = expect_bytes(vm, a[1])?;
    if from.len() != to.len() {
        return Err(vm.error("ValueError", "maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (f, t) in from.iter().zip(&to) {
        table[*f as usize] = *t;
    }
    ok(new_bytes(vm, table))
}

/// `translate(table, delete=b'')`: each byte through a 256-byte table
/// (None: unchanged), those in `delete` dropped.
pub(crate) fn by_translate(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, kw: Kwargs) -> BResult {
    if a.is_empty() {
        return Err(type_err(
            vm,
            "translate() takes at least 1 positional argument (0 given)",
        ));
    }
    method_arity(vm, r, "translate", &a, 1, 2)?;
    let table = match a[0] {
        Value::None => None,
        v => {
            let t = expect_bytes(vm, v)?;
            if t.len() != 256 {
                return Err(vm.error(
                    "ValueError",
                    "translation table must be 256 characters long",
                ));
            }
            Some(t)
        }
    };
    let delete = match a.get(1).copied().or(kwarg(&kw, "delete")) {
        Some(v) => expect_bytes(vm, v)?,
        None => Vec::new(),
    };
    let b = mine(vm, r);
    let out = b
        .iter()
        .filter(|c| !delete.contains(c))
        .map(|c| table.as_ref().map_or(*c, |t| t[*c as usize]))
        .collect();
    ok(like(vm, r, out))
}

// ---- bytearray's mutators --------------------------------------------------

fn array_mut(vm: &mut Vm, recv: Option<Value>) -> &mut Vec<u8> {
    match recv {
        Some(Value::Obj(id)) => match vm.heap.get_mut(id) {
            Obj::ByteArray(b) => b,
            _ => unreachable!("bytearray methods are bound to bytearrays"),
        },
        _ => unreachable!("methods are bound to their receiver"),
    }
}

pub(crate) fn ba_append(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "append", &a, 1, 1)?;
    let b = expect_byte(vm, a[0])?;
    array_mut(vm, r).push(b);
    vm.heap.grew(1);
    none()
}

pub(crate) fn ba_extend(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "extend", &a, 1, 1)?;
    let more = match (a[0], bytes_like(vm, a[0])) {
        (_, Some(b)) => b,
        (Value::Obj(id), None) if matches!(vm.heap.get(id), Obj::Str(_)) => {
            return Err(type_err(
                vm,
                "'str' object cannot be interpreted as an integer",
            ));
        }
        (Value::Obj(_), None) => bytes_from(vm, a[0], None)?,
        (v, None) => {
            let t = type_name(vm, v);
            return Err(type_err(vm, format!("can't extend bytearray with {t}")));
        }
    };
    vm.heap.grew(more.len());
    array_mut(vm, r).extend(more);
    none()
}

pub(crate) fn ba_insert(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "insert", &a, 2, 2)?;
    let i = expect_int(vm, a[0], "")?;
    let b = expect_byte(vm, a[1])?;
    let arr = array_mut(vm, r);
    let len = arr.len() as i64;
    let at = if i < 0 { (i + len).max(0) } else { i.min(len) } as usize;
    arr.insert(at, b);
    none()
}

pub(crate) fn ba_pop(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "pop", &a, 0, 1)?;
    let len = array_mut(vm, r).len();
    if len == 0 {
        return Err(vm.error("IndexError", "pop from empty bytearray"));
    }
    let i = match a.first() {
        Some(v) => {
            let i = expect_int(vm, *v, "")?;
            let j = if i < 0 { i + len as i64 } else { i };
            if j < 0 || j >= len as i64 {
                return Err(vm.error("IndexError", "pop index out of range"));
            }
            j as usize
        }
        None => len - 1,
    };
    ok(Value::Int(i64::from(array_mut(vm, r).remove(i))))
}

pub(crate) fn ba_remove(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "remove", &a, 1, 1)?;
    let b = expect_byte(vm, a[0])?;
    let arr = array_mut(vm, r);
    match arr.iter().position(|c| *c == b) {
        Some(i) => {
            arr.remove(i);
            none()
        }
        None => Err(vm.error("ValueError", "value not found in bytearray")),
    }
}

pub(crate) fn ba_reverse(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "reverse", &a, 0, 0)?;
    array_mut(vm, r).reverse();
    none()
}

pub(crate) fn ba_clear(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "clear", &a, 0, 0)?;
    array_mut(vm, r).clear();
    none()
}

pub(crate) fn ba_copy(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "copy", &a, 0, 0)?;
    let b = array_mut(vm, r).clone();
    ok(Value::Obj(vm.heap.alloc(Obj::ByteArray(b))))
}

/// The methods bytes and bytearray share.
const SHARED: [(&str, crate::module::NativeFn); 40] = [
    ("capitalize", by_capitalize),
    ("center", by_center),
    ("count", by_count),
    ("decode", by_decode),
    ("endswith", by_endswith),
    ("expandtabs", by_expandtabs),
    ("find", by_find),
    ("hex", by_hex),
    ("index", by_index),
    ("isalnum", by_isalnum),
    ("isalpha", by_isalpha),
    ("isascii", by_isascii),
    ("isdigit", by_isdigit),
    ("islower", by_islower),
    ("isspace", by_isspace),
    ("istitle", by_istitle),
    ("isupper", by_isupper),
    ("join", by_join),
    ("ljust", by_ljust),
    ("lower", by_lower),
    ("lstrip", by_lstrip),
    ("partition", by_partition),
    ("removeprefix", by_removeprefix),
    ("removesuffix", by_removesuffix),
    ("replace", by_replace),
    ("rfind", by_rfind),
    ("rindex", by_rindex),
    ("rjust", by_rjust),
    ("rpartition", by_rpartition),
    ("rsplit", by_rsplit),
    ("rstrip", by_rstrip),
    ("split", by_split),
    ("splitlines", by_splitlines),
    ("startswith", by_startswith),
    ("strip", by_strip),
    ("swapcase", by_swapcase),
    ("title", by_title),
    ("translate", by_translate),
    ("upper", by_upper),
    ("zfill", by_zfill),
];

/// The methods of bytes and bytearray, and `str.encode`.
pub(crate) fn natives() -> NativeModule {
    let mut m = NativeModule::part("bytes").method(TypeKind::Str, "encode", s_encode);
    for kind in [TypeKind::Bytes, TypeKind::ByteArray] {
        for (name, f) in SHARED {
            m = m.method(kind, name, f);
        }
        m = m
            .native(Owner::ClassMethod(kind), "fromhex", by_fromhex)
            .native(Owner::ClassMethod(kind), "maketrans", by_maketrans);
    }
    m.method(TypeKind::ByteArray, "append", ba_append)
        .method(TypeKind::ByteArray, "extend", ba_extend)
        .method(TypeKind::ByteArray, "insert", ba_insert)
        .method(TypeKind::ByteArray, "pop", ba_pop)
        .method(TypeKind::ByteArray, "remove", ba_remove)
        .method(TypeKind::ByteArray, "reverse", ba_reverse)
        .method(TypeKind::ByteArray, "clear", ba_clear)
        .method(TypeKind::ByteArray, "copy", ba_copy)
}
