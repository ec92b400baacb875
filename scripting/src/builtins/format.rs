//! Text of values: `str()`, `repr()`, format specs (`format()`, f-strings)
//! and printf-style `%` formatting.

use super::*;

/// `str(v)`.
pub fn str_of(vm: &mut Vm, v: Value) -> Result<String, Exc> {
    if let Some(s) = str_content(vm, v) {
        return Ok(s.to_string());
    }
    if let Some(r) = crate::classes::call_dunder(vm, v, "__str__", Vec::new()) {
        let r = r?;
        return match str_content(vm, r) {
            Some(s) => Ok(s.to_string()),
            None => {
                let t = type_name(vm, r);
                Err(type_err(
                    vm,
                    format!("__str__ returned non-string (type {t})"),
                ))
            }
        };
    }
    if let Value::Obj(id) = v
        && let Obj::Instance(inst) = vm.heap.get(id)
        && matches!(vm.heap.get(inst.class), Obj::Class(c) if c.is_exception)
    {
        return exception_text(vm, v);
    }
    repr_of(vm, v)
}

/// `repr(s)` of a string.
pub(crate) fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            // CPython escapes what `str.isprintable()` refuses.
            c if !c.is_ascii() && !super::chars::is_printable(c) => match c as u32 {
                n @ 0..=0xff => {
                    let _ = write!(out, "\\x{n:02x}");
                }
                n @ 0..=0xffff => {
                    let _ = write!(out, "\\u{n:04x}");
                }
                n => {
                    let _ = write!(out, "\\U{n:08x}");
                }
            },
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// `ascii(v)`: `repr(v)` with non-ASCII characters escaped.
pub(crate) fn ascii_escape(repr: &str) -> String {
    let mut out = String::with_capacity(repr.len());
    for c in repr.chars() {
        let n = c as u32;
        match n {
            0..=0x7f => out.push(c),
            0x80..=0xff => out.push_str(&format!("\\x{n:02x}")),
            0x100..=0xffff => out.push_str(&format!("\\u{n:04x}")),
            _ => out.push_str(&format!("\\U{n:08x}")),
        }
    }
    out
}

/// A script class as its repr names it: `module.Name` (the module its
/// `__module__` names; `__main__` when that is no str).
pub(crate) fn class_path(vm: &Vm, class: ObjId) -> String {
    let Obj::Class(c) = vm.heap.get(class) else {
        return "object".into();
    };
    let module = c
        .attrs
        .get("__module__")
        .and_then(|m| str_content(vm, *m))
        .unwrap_or_else(|| Rc::from("__main__"));
    let name = c
        .attrs
        .get("__qualname__")
        .and_then(|q| str_content(vm, *q))
        .unwrap_or_else(|| c.name.clone());
    if &*module == "builtins" {
        return name.to_string();
    }
    format!("{module}.{name}")
}

/// `repr(v)`.
pub(crate) fn repr_of(vm: &mut Vm, v: Value) -> Result<String, Exc> {
    repr_depth(vm, v, 0)
}

fn repr_depth(vm: &mut Vm, v: Value, depth: usize) -> Result<String, Exc> {
    if let Some(r) = crate::classes::call_dunder(vm, v, "__repr__", Vec::new()) {
        let r = r?;
        return match str_content(vm, r) {
            Some(s) => Ok(s.to_string()),
            None => {
                let t = type_name(vm, r);
                Err(type_err(
                    vm,
                    format!("__repr__ returned non-string (type {t})"),
                ))
            }
        };
    }
    plain_repr(vm, v, depth)
}

/// `object.__repr__(v)`: the repr of `v` without its class's `__repr__`
/// (inside containers, items still use theirs).
pub(crate) fn own_repr(vm: &mut Vm, v: Value) -> Result<String, Exc> {
    plain_repr(vm, v, 0)
}

fn plain_repr(vm: &mut Vm, v: Value, depth: usize) -> Result<String, Exc> {
    if depth > 200 {
        return Err(vm.error(
            "RecursionError",
            "maximum recursion depth exceeded while getting the repr of an object",
        ));
    }
    Ok(match v {
        Value::None => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Int(i) => i.to_string(),
        Value::Float(x) => float_repr(x),
        Value::Obj(id) => match vm.heap.get(id).clone() {
            Obj::Str(s) => str_repr(&s),
            Obj::BigInt(n) => big_to_decimal(vm, &n)?,
            Obj::Instance(_) if not_implemented(vm, v) => "NotImplemented".into(),
            Obj::List(items) => {
                let parts: Result<Vec<String>, Exc> = items
                    .iter()
                    .map(|i| repr_depth(vm, *i, depth + 1))
                    .collect();
                format!("[{}]", parts?.join(", "))
            }
            Obj::Tuple(items) => {
                let parts: Result<Vec<String>, Exc> = items
                    .iter()
                    .map(|i| repr_depth(vm, *i, depth + 1))
                    .collect();
                let parts = parts?;
                if parts.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            Obj::DictView(d, what) => {
                let items = view_items(vm, d, what);
                let parts: Result<Vec<String>, Exc> = items
                    .iter()
                    .map(|i| repr_depth(vm, *i, depth + 1))
                    .collect();
                let name = TypeKind::of(vm, v).name();
                format!("{name}([{}])", parts?.join(", "))
            }
            Obj::Dict(d) => {
                let mut parts = Vec::with_capacity(d.len());
                for (k, v) in d.values() {
                    parts.push(format!(
                        "{}: {}",
                        repr_depth(vm, *k, depth + 1)?,
                        repr_depth(vm, *v, depth + 1)?
                    ));
                }
                format!("{{{}}}", parts.join(", "))
            }
            Obj::Set(s) => {
                let name = if s.is_frozen() { "frozenset" } else { "set" };
                if s.is_empty() {
                    format!("{name}()")
                } else {
                    let parts: Result<Vec<String>, Exc> =
                        s.values().map(|i| repr_depth(vm, i, depth + 1)).collect();
                    let body = format!("{{{}}}", parts?.join(", "));
                    if s.is_frozen() {
                        format!("frozenset({body})")
                    } else {
                        body
                    }
                }
            }
            Obj::Range(a, b, 1) => format!("range({a}, {b})"),
            Obj::Range(a, b, c) => format!("range({a}, {b}, {c})"),
            Obj::Function(f) => {
                let q = vm.codes[f.code as usize].qualname.clone();
                format!(
                    "<function {q} at 0x{:012x}>",
                    0x7f00_0000_0000u64 + id.0 as u64 * 16
                )
            }
            Obj::Builtin(b) => format!("<built-in function {}>", builtin_name(vm, b)),
            Obj::Unbound(b) => match vm.natives.def(b).map(|d| d.owner) {
                Some(Owner::Method(kind)) => {
                    format!(
                        "<method '{}' of '{}' objects>",
                        builtin_name(vm, b),
                        kind.name()
                    )
                }
                _ => format!("<method '{}' objects>", builtin_name(vm, b)),
            },
            Obj::Method(recv, b) => {
                let t = type_name(vm, recv);
                format!("<built-in method {} of {t} object>", builtin_name(vm, b))
            }
            Obj::Type(TypeKind::Random) => "<class 'random.Random'>".into(),
            Obj::Type(k) => format!("<class '{}'>", k.name()),
            Obj::Class(c)
                if c.is_exception && c.bases.len() <= 1 && is_builtin_exception(&c.name) =>
            {
                format!("<class '{}'>", c.name)
            }
            Obj::Class(_) => format!("<class '{}'>", class_path(vm, id)),
            Obj::Instance(_) if not_implemented(vm, v) => "NotImplemented".into(),
            Obj::Instance(_) if vm.builtins.get("Ellipsis") == Some(&v) => "Ellipsis".into(),
            Obj::Instance(inst) => {
                let is_exc = matches!(vm.heap.get(inst.class), Obj::Class(c) if c.is_exception);
                let class = inst.class;
                let cname = match vm.heap.get(class) {
                    Obj::Class(c) => c.name.clone(),
                    _ => Rc::from("object"),
                };
                if is_exc {
                    let args = exc_args(vm, v);
                    let parts: Result<Vec<String>, Exc> =
                        args.iter().map(|a| repr_depth(vm, *a, depth + 1)).collect();
                    format!("{cname}({})", parts?.join(", "))
                } else {
                    format!(
                        "<{} object at 0x{:012x}>",
                        class_path(vm, class),
                        0x7f00_0000_0000u64 + id.0 as u64 * 16
                    )
                }
            }
            Obj::Module(m) => format!("<module '{}' (built-in)>", m.name),
            Obj::Iter(_) => format!("<{} object>", type_name(vm, v)),
            Obj::Cell(_) => "<cell>".into(),
            Obj::BoundMethod(recv, f) => {
                let q = match f {
                    Value::Obj(fid) => match vm.heap.get(fid) {
                        Obj::Function(func) => vm.codes[func.code as usize].qualname.to_string(),
                        _ => "?".into(),
                    },
                    _ => "?".into(),
                };
                let r = repr_depth(vm, recv, depth + 1)?;
                format!("<bound method {q} of {r}>")
            }
            Obj::Super(..) => "<super object>".into(),
            Obj::StaticMethod(_) => "<staticmethod object>".into(),
            Obj::ClassMethod(_) => "<classmethod object>".into(),
            Obj::Property(..) => "<property object>".into(),
            Obj::Bytes(b) => crate::files::bytes_repr(&b),
            Obj::ByteArray(b) => format!("bytearray({})", crate::files::bytes_repr(&b)),
            Obj::File(f) => format!("<_io.TextIOWrapper name='{}' mode='{}'>", f.name, f.mode),
            Obj::Tasklet(_) => format!(
                "<stackless.tasklet object at 0x{:012x}>",
                0x7f00_0000_0000u64 + id.0 as u64 * 16
            ),
            Obj::Random(_) => format!(
                "<random.Random object at 0x{:012x}>",
                0x7f00_0000_0000u64 + id.0 as u64 * 16
            ),
            Obj::Pattern(p) => crate::re::pattern_repr(vm, &p),
            Obj::Match(m) => crate::re::match_repr(vm, &m),
            Obj::Channel(_) => format!(
                "<stackless.channel object at 0x{:012x}>",
                0x7f00_0000_0000u64 + id.0 as u64 * 16
            ),
            Obj::Generator(g) => format!(
                "<{} object {} at 0x{:012x}>",
                if g.coroutine {
                    "coroutine"
                } else {
                    "generator"
                },
                g.name,
                0x7f00_0000_0000u64 + id.0 as u64 * 16
            ),
            Obj::Slice(a, b, c) => format!(
                "slice({}, {}, {})",
                repr_depth(vm, a, depth + 1)?,
                repr_depth(vm, b, depth + 1)?,
                repr_depth(vm, c, depth + 1)?
            ),
        },
    })
}

/// Applies a format spec (`format(v, spec)`, f-string fields).
pub(crate) fn format_value(vm: &mut Vm, v: Value, spec: &str) -> Result<String, Exc> {
    // A class's own `__format__` decides; `object.__format__` only takes
    // an empty spec.
    if is_instance(vm, v) {
        let spec_value = new_str(vm, spec);
        if let Some(r) = crate::classes::call_dunder(vm, v, "__format__", vec![spec_value]) {
            let r = r?;
            return match str_content(vm, r) {
                Some(s) => Ok(s.to_string()),
                None => {
                    let t = type_name(vm, r);
                    Err(type_err(
                        vm,
                        format!("__format__ must return a str, not {t}"),
                    ))
                }
            };
        }
        if !spec.is_empty() {
            let t = type_name(vm, v);
            return Err(type_err(
                vm,
                format!("unsupported format string passed to {t}.__format__"),
            ));
        }
    }
    if spec.is_empty() {
        return str_of(vm, v);
    }
    let spec_err = |vm: &mut Vm| {
        vm.error(
            "ValueError",
            format!(
                "Invalid format specifier '{spec}' for object of type '{}'",
                type_name(vm, v)
            ),
        )
    };
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let (mut fill, mut align) = (' ', None);
    if chars.len() >= 2 && matches!(chars[1], '<' | '>' | '^' | '=') {
        fill = chars[0];
        align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && matches!(chars[0], '<' | '>' | '^' | '=') {
        align = Some(chars[0]);
        i = 1;
    }
    let mut sign = '-';
    if i < chars.len() && matches!(chars[i], '+' | '-' | ' ') {
        sign = chars[i];
        i += 1;
    }
    let mut alternate = false;
    if i < chars.len() && chars[i] == '#' {
        alternate = true;
        i += 1;
    }
    let mut zero_pad = false;
    if i < chars.len() && chars[i] == '0' && align.is_none() {
        fill = '0';
        align = Some('=');
        zero_pad = true;
        i += 1;
    }
    let mut width = 0usize;
    while i < chars.len() && chars[i].is_ascii_digit() {
        width = width
            .checked_mul(10)
            .and_then(|w| w.checked_add(chars[i].to_digit(10).unwrap_or(0) as usize))
            .filter(|w| *w <= i64::MAX as usize)
            .ok_or_else(|| vm.error("ValueError", "Too many decimal digits in format string"))?;
        i += 1;
    }
    let mut grouping = None;
    if i < chars.len() && matches!(chars[i], ',' | '_') {
        grouping = Some(chars[i]);
        i += 1;
    }
    let mut precision = None;
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        let mut p = 0usize;
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            p = p
                .checked_mul(10)
                .and_then(|w| w.checked_add(chars[i].to_digit(10).unwrap_or(0) as usize))
                .filter(|w| *w <= i64::MAX as usize)
                .ok_or_else(|| {
                    vm.error("ValueError", "Too many decimal digits in format string")
                })?;
            i += 1;
        }
        if i == start {
            return Err(vm.error("ValueError", "Format specifier missing precision"));
        }
        if p > i32::MAX as usize {
            return Err(vm.error("ValueError", "precision too big"));
        }
        precision = Some(p);
    }
    // One format builds at most this much text, so that no single
    // instruction runs for minutes (CPython would build gigabytes).
    const MAX_FORMAT: usize = 1 << 28;
    if width > MAX_FORMAT || precision.is_some_and(|p| p > MAX_FORMAT) {
        return Err(vm.error(
            "MemoryError",
            format!("a format width or precision over {MAX_FORMAT} is more than Shoal builds in one operation"),
        ));
    }
    let ty = chars.get(i).copied();
    if i + 1 < chars.len() {
        return Err(spec_err(vm));
    }
    let int = is_int(vm, v);
    // A big int formatted as a float is converted first.
    let v = match big_ref(vm, v).cloned() {
        Some(n) if matches!(ty, Some('f' | 'F' | 'e' | 'E' | 'g' | 'G' | '%')) => {
            Value::Float(big_to_f64(vm, &n)?)
        }
        _ => v,
    };
    let (body, negative, numeric) = match (v, ty) {
        (_, None | Some('d' | 'n' | 'x' | 'X' | 'o' | 'b' | 'c')) if int => {
            let (digits, negative) = match ty {
                Some('x' | 'X') => int_digits(vm, v, 16)?,
                Some('o') => int_digits(vm, v, 8)?,
                Some('b') => int_digits(vm, v, 2)?,
                _ => int_digits(vm, v, 10)?,
            };
            let mut s = match ty {
                Some('X') => digits.to_ascii_uppercase(),
                Some('c') => {
                    let code = match v {
                        Value::Int(i) => u32::try_from(i).ok().and_then(char::from_u32),
                        Value::Bool(b) => char::from_u32(b as u32),
                        _ => None,
                    };
                    match code {
                        Some(c) => String::from(c),
                        None => {
                            return Err(vm.error("OverflowError", "%c arg not in range(0x110000)"));
                        }
                    }
                }
                _ => digits,
            };
            if let Some(g) = grouping {
                s = group_digits(
                    &s,
                    g,
                    if matches!(ty, Some('x' | 'X' | 'o' | 'b')) {
                        4
                    } else {
                        3
                    },
                );
            }
            if alternate {
                s = match ty {
                    Some('x') => format!("0x{s}"),
                    Some('X') => format!("0X{s}"),
                    Some('o') => format!("0o{s}"),
                    Some('b') => format!("0b{s}"),
                    _ => s,
                };
            }
            if precision.is_some() {
                return Err(vm.error(
                    "ValueError",
                    "Precision not allowed in integer format specifier",
                ));
            }
            (s, negative, true)
        }
        (
            Value::Int(_) | Value::Float(_) | Value::Bool(_),
            Some('f' | 'F' | 'e' | 'E' | 'g' | 'G' | '%') | None,
        ) => {
            let x = to_f64(v).unwrap_or(0.0);
            let p = precision.unwrap_or(6);
            vm.reserve(p)?;
            let mag = x.abs();
            let mut s = match ty {
                Some('f' | 'F') => fixed(mag, p),
                Some('%') => format!("{}%", fixed(mag * 100.0, p)),
                Some('e' | 'E') => sci(mag, p, ty == Some('E')),
                Some('g' | 'G') => general(mag, p.max(1), alternate),
                _ => match precision {
                    Some(p) => general(mag, p.max(1), alternate),
                    None => float_repr(mag),
                },
            };
            if x.is_nan() {
                s = "nan".into();
            } else if x.is_infinite() {
                s = "inf".into();
            }
            if let Some(g) = grouping {
                let (int, rest) = match s.find(|c: char| !c.is_ascii_digit()) {
                    Some(at) => s.split_at(at),
                    None => (s.as_str(), ""),
                };
                s = format!("{}{rest}", group_digits(int, g, 3));
            }
            (
                s,
                x.is_sign_negative() && !x.is_nan() && x != 0.0
                    || (x == 0.0 && x.is_sign_negative()),
                true,
            )
        }
        (_, None | Some('s')) if str_content(vm, v).is_some() => {
            let mut s = str_of(vm, v)?;
            if let Some(p) = precision {
                s = s.chars().take(p).collect();
            }
            (s, false, false)
        }
        _ => return Err(spec_err(vm)),
    };
    let sign_str = match (negative, sign) {
        (true, _) => "-",
        (false, '+') => "+",
        (false, ' ') => " ",
        _ => "",
    };
    // Zero padding of a grouped number is grouped too ("0,001,234").
    if zero_pad
        && numeric
        && let Some(sep) = grouping
        && !matches!(body.get(..3), Some("inf" | "nan" | "INF" | "NAN"))
    {
        let prefix = ["0x", "0X", "0o", "0b"]
            .into_iter()
            .find(|p| body.starts_with(p))
            .unwrap_or("");
        let after = &body[prefix.len()..];
        let int_end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() && c != 'e' && c != 'E' || c == sep))
            .unwrap_or(after.len());
        let (int_part, rest) = after.split_at(int_end);
        let every = if matches!(ty, Some('x' | 'X' | 'o' | 'b')) {
            4
        } else {
            3
        };
        let mut digits: String = int_part.chars().filter(|c| *c != sep).collect();
        let min =
            width.saturating_sub(sign_str.chars().count() + prefix.len() + rest.chars().count());
        vm.reserve(min.saturating_mul(2))?;
        // The fewest digits whose grouped form (d digits and (d-1)/every
        // separators) is at least `min` wide.
        let mut d = digits.len();
        while d + (d.max(1) - 1) / every < min {
            let short = min - (d + (d.max(1) - 1) / every);
            d += short.div_ceil(every + 1).max(1);
        }
        // Step back while one digit fewer is still wide enough.
        while d > digits.len() && (d - 1) + (d.max(2) - 2) / every >= min {
            d -= 1;
        }
        digits.insert_str(0, &"0".repeat(d - digits.len()));
        let grouped = group_digits(&digits, sep, every);
        return Ok(format!("{sign_str}{prefix}{grouped}{rest}"));
    }
    let align = align.unwrap_or(if numeric { '>' } else { '<' });
    let content_len = sign_str.chars().count() + body.chars().count();
    let pad = width.saturating_sub(content_len);
    vm.reserve(pad.saturating_mul(fill.len_utf8()))?;
    let fills = |n: usize| fill.to_string().repeat(n);
    Ok(match align {
        '<' => format!("{sign_str}{body}{}", fills(pad)),
        '^' => format!("{}{sign_str}{body}{}", fills(pad / 2), fills(pad - pad / 2)),
        '=' => {
            // Padding goes after the sign and after a 0x/0o/0b prefix.
            let prefixed = ["0x", "0X", "0o", "0b"]
                .iter()
                .find(|p| body.starts_with(**p));
            match prefixed {
                Some(p) => format!("{sign_str}{p}{}{}", fills(pad), &body[2..]),
                None => format!("{sign_str}{}{body}", fills(pad)),
            }
        }
        _ => format!("{}{sign_str}{body}", fills(pad)),
    })
}

fn group_digits(digits: &str, sep: char, every: usize) -> String {
    let chars: Vec<char> = digits.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        if i > 0 && (chars.len() - i).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(*c);
    }
    out
}

/// The most digits Rust's formatter writes after the point; a double's
/// exact expansion ends long before, so more digits are zeros.
const MAX_DIGITS: usize = 60_000;

/// `x` with `p` digits after the point.
fn fixed(x: f64, p: usize) -> String {
    let q = p.min(MAX_DIGITS);
    let mut s = format!("{x:.q$}");
    s.extend(std::iter::repeat_n('0', p - q));
    s
}

fn sci(x: f64, p: usize, upper: bool) -> String {
    let q = p.min(MAX_DIGITS);
    let s = format!("{x:.q$e}");
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let zeros = "0".repeat(p - q);
    let m = format!("{m}{zeros}");
    let e: i32 = e.parse().unwrap_or(0);
    let t = format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    if upper { t.to_uppercase() } else { t }
}

fn general(x: f64, p: usize, alternate: bool) -> String {
    if x == 0.0 {
        return "0".into();
    }
    let exp = x.abs().log10().floor() as i32;
    let s = if exp < -4 || i64::from(exp) >= p as i64 {
        sci(x, p - 1, false)
    } else {
        let decimals = (p as i64 - 1 - i64::from(exp)).max(0) as usize;
        fixed(x, decimals)
    };
    if alternate {
        return s;
    }
    // Strip trailing zeros of the fraction.
    if let Some((m, e)) = s.split_once('e') {
        let m = if m.contains('.') {
            m.trim_end_matches('0').trim_end_matches('.')
        } else {
            m
        };
        format!("{m}e{e}")
    } else if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// `format % args` (printf-style) of a str.
pub(crate) fn percent_format(vm: &mut Vm, format: &str, args: Value) -> Result<String, Exc> {
    printf(vm, format, args, false)
}

/// `format % args` of bytes (PEP 461): `%s`/`%b` take bytes-like values
/// (or `__bytes__`), `%r`/`%a` give `ascii()`, `%c` an int or one byte.
pub(crate) fn percent_format_bytes(
    vm: &mut Vm,
    format: &[u8],
    args: Value,
) -> Result<Vec<u8>, Exc> {
    let format: String = format.iter().map(|&b| b as char).collect();
    let out = printf(vm, &format, args, true)?;
    // Every piece is latin-1 or ASCII text standing for bytes.
    Ok(out.chars().map(|c| c as u32 as u8).collect())
}

/// `%s`/`%b` of bytes: the argument's bytes as latin-1 text.
fn bytes_piece(vm: &mut Vm, arg: Value) -> Result<String, Exc> {
    let data = match super::bytes::bytes_like(vm, arg) {
        Some(b) => b,
        None => match crate::classes::call_dunder(vm, arg, "__bytes__", Vec::new()) {
            Some(b) => {
                let b = b?;
                match super::bytes::bytes_like(vm, b) {
                    Some(b) => b,
                    None => {
                        let t = type_name(vm, b);
                        return Err(type_err(
                            vm,
                            format!("__bytes__ returned non-bytes (type {t})"),
                        ));
                    }
                }
            }
            None => {
                let t = type_name(vm, arg);
                return Err(type_err(
                    vm,
                    format!(
                        "%b requires a bytes-like object, or an object that implements __bytes__, not '{t}'"
                    ),
                ));
            }
        },
    };
    Ok(data.iter().map(|&b| b as char).collect())
}

/// `%c` of bytes: an int in range(256) or a single byte.
fn byte_char(vm: &mut Vm, arg: Value) -> Result<String, Exc> {
    let byte = match arg {
        Value::Int(n) if (0..256).contains(&n) => Some(n as u8),
        Value::Bool(b) => Some(b as u8),
        _ => match super::bytes::bytes_like(vm, arg) {
            Some(b) if b.len() == 1 => Some(b[0]),
            _ => None,
        },
    };
    match byte {
        Some(b) => Ok((b as char).to_string()),
        None if matches!(arg, Value::Int(_)) => {
            Err(vm.error("OverflowError", "%c arg not in range(256)"))
        }
        None => Err(type_err(
            vm,
            "%c requires an integer in range(256) or a single byte",
        )),
    }
}

fn printf(vm: &mut Vm, format: &str, args: Value, bytes: bool) -> Result<String, Exc> {
    let mapping = args;
    let mut used_mapping = false;
    let args: Vec<Value> = match args {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Tuple(items) => items.clone(),
            _ => vec![args],
        },
        _ => vec![args],
    };
    let mut out = String::new();
    let mut next = 0;
    let chars: Vec<char> = format.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if c != '%' {
            out.push(c);
            continue;
        }
        // `%(key)s` takes its value from a mapping.
        let mut keyed = None;
        if chars.get(i) == Some(&'(') {
            let mut depth = 0;
            let open = i;
            loop {
                match chars.get(i) {
                    Some('(') => depth += 1,
                    Some(')') => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    Some(_) => {}
                    None => return Err(vm.error("ValueError", "incomplete format key")),
                }
                i += 1;
            }
            let key: String = chars[open + 1..i].iter().collect();
            i += 1;
            let is_dict = matches!(mapping, Value::Obj(id) if matches!(vm.heap.get(id), Obj::Dict(_)))
                || is_instance(vm, mapping);
            if !is_dict {
                return Err(type_err(vm, "format requires a mapping"));
            }
            let k = if bytes {
                crate::files::new_bytes(vm, key.chars().map(|c| c as u32 as u8).collect())
            } else {
                new_str(vm, &key)
            };
            keyed = Some(subscript(vm, mapping, k)?);
            used_mapping = true;
        }
        let start = i;
        while i < chars.len() && "-+ #0123456789.".contains(chars[i]) {
            i += 1;
        }
        let Some(&conv) = chars.get(i) else {
            return Err(vm.error("ValueError", "incomplete format"));
        };
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let flags: String = chars[start..i - 1].iter().collect();
        let arg = match keyed {
            Some(v) => v,
            None => {
                let Some(&arg) = args.get(next) else {
                    return Err(type_err(vm, "not enough arguments for format string"));
                };
                next += 1;
                arg
            }
        };
        // printf flags, width and precision, as a format() spec.
        let mut left = false;
        let mut sign = "";
        let mut alternate = "";
        let mut zero = false;
        let mut rest = flags.as_str();
        while let Some(c) = rest.chars().next() {
            match c {
                '-' => left = true,
                '+' => sign = "+",
                ' ' if sign.is_empty() => sign = " ",
                '#' => alternate = "#",
                '0' => zero = true,
                ' ' => {}
                _ => break,
            }
            rest = &rest[1..];
        }
        let (width, precision) = match rest.split_once('.') {
            Some((w, p)) => (w.to_string(), format!(".{p}")),
            None => (rest.to_string(), String::new()),
        };
        let numeric_align = if left {
            "<"
        } else if zero {
            "0"
        } else {
            ""
        };
        let number_spec = |ty: &str| {
            if numeric_align == "0" {
                format!("{sign}{alternate}0{width}{precision}{ty}")
            } else {
                format!("{numeric_align}{sign}{alternate}{width}{precision}{ty}")
            }
        };
        let text_spec = format!("{}{width}{precision}", if left { "<" } else { ">" });
        let piece = match conv {
            's' | 'b' if bytes => {
                let text = bytes_piece(vm, arg)?;
                let v = new_str(vm, &text);
                format_value(vm, v, &text_spec)?
            }
            'r' | 'a' if bytes => {
                let text = ascii_escape(&repr_of(vm, arg)?);
                let v = new_str(vm, &text);
                format_value(vm, v, &text_spec)?
            }
            'c' if bytes => {
                let text = byte_char(vm, arg)?;
                let v = new_str(vm, &text);
                format_value(vm, v, &text_spec)?
            }
            's' | 'r' | 'a' => {
                let s = if conv == 's' {
                    str_of(vm, arg)?
                } else {
                    repr_of(vm, arg)?
                };
                let v = new_str(vm, &s);
                format_value(vm, v, &text_spec)?
            }
            'd' | 'i' | 'u' => {
                let n = match arg {
                    Value::Float(x) => int_of_float(vm, x)?,
                    other if to_f64(other).is_some() || is_int(vm, other) => other,
                    _ => {
                        let t = type_name(vm, arg);
                        return Err(type_err(
                            vm,
                            format!("%{conv} format: a real number is required, not {t}"),
                        ));
                    }
                };
                let spec = number_spec("d").replace(&precision, "");
                format_value(vm, n, &spec)?
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' | 'x' | 'X' | 'o' => {
                if to_f64(arg).is_none() && !is_int(vm, arg) {
                    let t = type_name(vm, arg);
                    return Err(type_err(vm, format!("must be real number, not {t}")));
                }
                format_value(vm, arg, &number_spec(&conv.to_string()))?
            }
            'c' => format_value(vm, arg, "c")?,
            other => {
                return Err(vm.error(
                    "ValueError",
                    format!(
                        "unsupported format character '{other}' (0x{:x}) at index {}",
                        other as u32,
                        i - 1
                    ),
                ));
            }
        };
        out.push_str(&piece);
    }
    // A mapping-like argument (what CPython's PyMapping_Check accepts,
    // tuples and str aside) may go unused.
    let mapping_like = matches!(mapping, Value::Obj(id) if matches!(
        vm.heap.get(id),
        Obj::Dict(_) | Obj::List(_) | Obj::Bytes(_) | Obj::ByteArray(_) | Obj::Range(..)
    )) || crate::classes::dunder(vm, mapping, "__getitem__").is_some();
    if next < args.len() && !used_mapping && !mapping_like {
        let what = if bytes { "bytes" } else { "string" };
        return Err(type_err(
            vm,
            format!("not all arguments converted during {what} formatting"),
        ));
    }
    Ok(out)
}
