//! Methods of `str` (`str.encode` is with the files, in [`crate::files`]).

use super::*;

fn recv_str(vm: &Vm, recv: Option<Value>) -> Rc<str> {
    recv.and_then(|r| str_content(vm, r))
        .unwrap_or_else(|| Rc::from(""))
}

pub(crate) fn s_join(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "str.join", &args, 1, 1)?;
    let sep = recv_str(vm, recv);
    let items = match collect(vm, args[0]) {
        Err(e) if !crate::vm::script_iterable(vm, args[0]) && vm.exc_is(e, "TypeError")? => {
            return Err(type_err(vm, "can only join an iterable"));
        }
        items => items?,
    };
    let mut parts = Vec::with_capacity(items.len());
    for (i, v) in items.iter().enumerate() {
        match str_content(vm, *v) {
            Some(s) => parts.push(s),
            None => {
                let t = type_name(vm, *v);
                return Err(type_err(
                    vm,
                    format!("sequence item {i}: expected str instance, {t} found"),
                ));
            }
        }
    }
    let total = parts.iter().map(|p| p.len()).sum::<usize>()
        + sep.len().saturating_mul(parts.len().saturating_sub(1));
    vm.reserve(total)?;
    let joined = parts.iter().map(|p| &**p).collect::<Vec<&str>>().join(&sep);
    ok(new_str(vm, &joined))
}

pub(crate) fn s_split(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> BResult {
    split_impl(vm, recv, &args, &kwargs, false)
}

fn strip_chars(vm: &mut Vm, name: &str, args: &[Value]) -> Result<Option<Vec<char>>, Exc> {
    match args.first() {
        None | Some(Value::None) => Ok(None),
        Some(v) => match str_content(vm, *v) {
            Some(s) => Ok(Some(s.chars().collect())),
            None => Err(type_err(vm, format!("{name} arg must be None or str"))),
        },
    }
}

fn strip_impl(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    left: bool,
    right: bool,
) -> BResult {
    let name = match (left, right) {
        (true, true) => "strip",
        (true, false) => "lstrip",
        _ => "rstrip",
    };
    method_arity(vm, recv, name, &args, 0, 1)?;
    let s = recv_str(vm, recv);
    let chars = strip_chars(vm, name, &args)?;
    let pred = |c: char| match &chars {
        None => chars::is_space(c),
        Some(set) => set.contains(&c),
    };
    let mut t: &str = &s;
    if left {
        t = t.trim_start_matches(pred);
    }
    if right {
        t = t.trim_end_matches(pred);
    }
    let t = t.to_string();
    ok(new_str(vm, &t))
}

pub(crate) fn s_strip(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    strip_impl(vm, r, a, true, true)
}

pub(crate) fn s_lstrip(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    strip_impl(vm, r, a, true, false)
}

pub(crate) fn s_rstrip(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    strip_impl(vm, r, a, false, true)
}

fn map_str(
    vm: &mut Vm,
    recv: Option<Value>,
    args: &[Value],
    name: &str,
    f: impl Fn(&str) -> String,
) -> BResult {
    method_arity(vm, recv, name, args, 0, 0)?;
    let s = recv_str(vm, recv);
    let t = f(&s);
    ok(new_str(vm, &t))
}

pub(crate) fn s_upper(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    map_str(vm, r, &a, "str.upper", |s| s.to_uppercase())
}

pub(crate) fn s_lower(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    map_str(vm, r, &a, "str.lower", |s| s.to_lowercase())
}

pub(crate) fn s_title(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    map_str(vm, r, &a, "str.title", |s| {
        let mut out = String::new();
        let mut prev_alpha = false;
        for c in s.chars() {
            if prev_alpha {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            prev_alpha = c.is_alphabetic();
        }
        out
    })
}

pub(crate) fn s_capitalize(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    map_str(vm, r, &a, "str.capitalize", |s| {
        let mut chars = s.chars();
        match chars.next() {
            Some(c) => c
                .to_uppercase()
                .chain(chars.flat_map(|c| c.to_lowercase()))
                .collect(),
            None => String::new(),
        }
    })
}

pub(crate) fn s_replace(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "replace", &args, 2, 3)?;
    let s = recv_str(vm, recv);
    let old = expect_str(vm, args[0], "replace() argument 1")?;
    let new = expect_str(vm, args[1], "replace() argument 2")?;
    let count = match args.get(2) {
        Some(v) => expect_int(vm, *v, "")?,
        None => -1,
    };
    // The result's size, known before it is made.
    let found = if old.is_empty() {
        s.chars().count() + 1
    } else {
        s.matches(&*old).count()
    };
    let found = if count < 0 {
        found
    } else {
        found.min(count as usize)
    };
    vm.reserve(
        s.len()
            .saturating_add(found.saturating_mul(new.len().saturating_sub(old.len()))),
    )?;
    let t = if count < 0 {
        s.replace(&*old, &new)
    } else {
        s.replacen(&*old, &new, count as usize)
    };
    ok(new_str(vm, &t))
}

/// The part of `s` that the optional `start` and `end` arguments of
/// `find`, `startswith` and the like select (indices in characters, as
/// in a slice), with the character index it begins at; `None` when
/// `start` is past the end.
fn str_window<'s>(
    vm: &mut Vm,
    s: &'s str,
    bounds: &[Value],
) -> Result<Option<(&'s str, usize)>, Exc> {
    let len = s.chars().count() as i64;
    let mut index = |k: usize, default: i64| -> Result<i64, Exc> {
        match bounds.get(k) {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let i = expect_int(
                    vm,
                    *v,
                    "slice indices must be integers or None or have an __index__ method",
                )?;
                Ok(if i < 0 { (i + len).max(0) } else { i.min(len) })
            }
        }
    };
    let raw_start = match bounds.first() {
        Some(Value::Int(i)) if *i > len => return Ok(None),
        _ => index(0, 0)?,
    };
    let end = index(1, len)?.max(raw_start);
    let byte = |c: i64| s.char_indices().nth(c as usize).map_or(s.len(), |(b, _)| b);
    Ok(Some((&s[byte(raw_start)..byte(end)], raw_start as usize)))
}

fn prefix_test(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, start: bool) -> BResult {
    at_least(
        vm,
        if start { "startswith" } else { "endswith" },
        &args,
        1,
        3,
    )?;
    let whole = recv_str(vm, recv);
    let Some((s, _)) = str_window(vm, &whole, &args[1..])? else {
        return ok(Value::Bool(false));
    };
    let candidates: Vec<Value> = match args[0] {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Tuple(items) => items.clone(),
            _ => vec![args[0]],
        },
        _ => vec![args[0]],
    };
    let name = if start { "startswith" } else { "endswith" };
    let in_tuple = candidates.len() != 1 || candidates[0] != args[0];
    for c in candidates {
        let Some(p) = str_content(vm, c) else {
            let t = type_name(vm, c);
            let msg = if in_tuple {
                format!("tuple for {name} must only contain str, not {t}")
            } else {
                format!("{name} first arg must be str or a tuple of str, not {t}")
            };
            return Err(type_err(vm, msg));
        };
        if (start && s.starts_with(&*p)) || (!start && s.ends_with(&*p)) {
            return ok(Value::Bool(true));
        }
    }
    ok(Value::Bool(false))
}

pub(crate) fn s_startswith(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    prefix_test(vm, r, a, true)
}

pub(crate) fn s_endswith(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    prefix_test(vm, r, a, false)
}

fn char_index(s: &str, byte: usize) -> i64 {
    s[..byte].chars().count() as i64
}

pub(crate) fn s_swapcase(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    map_str(vm, r, &a, "str.swapcase", |s| {
        s.chars()
            .flat_map(|c| {
                if c.is_uppercase() {
                    c.to_lowercase().collect::<Vec<_>>()
                } else {
                    c.to_uppercase().collect::<Vec<_>>()
                }
            })
            .collect()
    })
}

pub(crate) fn s_rpartition(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    method_arity(vm, recv, "rpartition", &args, 1, 1)?;
    let s = recv_str(vm, recv);
    let sep = str_arg(vm, args[0], false)?;
    if sep.is_empty() {
        return Err(vm.error("ValueError", "empty separator"));
    }
    let (a, b, c) = match s.rsplit_once(&*sep) {
        Some((a, c)) => (a.to_string(), sep.to_string(), c.to_string()),
        None => (String::new(), String::new(), s.to_string()),
    };
    let parts = vec![new_str(vm, &a), new_str(vm, &b), new_str(vm, &c)];
    ok(new_tuple(vm, parts))
}

/// `str.find`, `rfind`, `index` and `rindex`: the character index of
/// `sub`, from the left or the right; -1 or ValueError when absent.
fn find_impl(
    vm: &mut Vm,
    recv: Option<Value>,
    args: &[Value],
    name: &str,
    right: bool,
    raise: bool,
) -> BResult {
    at_least(vm, name, args, 1, 3)?;
    let whole = recv_str(vm, recv);
    let sub = str_arg(vm, args[0], false)?;
    let window = str_window(vm, &whole, &args[1..])?;
    let at = window.and_then(|(s, first)| {
        let at = if right { s.rfind(&*sub) } else { s.find(&*sub) };
        at.map(|b| first as i64 + char_index(s, b))
    });
    match at {
        Some(i) => ok(Value::Int(i)),
        None if raise => Err(vm.error("ValueError", "substring not found")),
        None => ok(Value::Int(-1)),
    }
}

pub(crate) fn s_find(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    find_impl(vm, r, &a, "find", false, false)
}

pub(crate) fn s_rfind(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    find_impl(vm, r, &a, "rfind", true, false)
}

pub(crate) fn s_index(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    find_impl(vm, r, &a, "index", false, true)
}

pub(crate) fn s_rindex(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    find_impl(vm, r, &a, "rindex", true, true)
}

pub(crate) fn s_count(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    at_least(vm, "count", &args, 1, 3)?;
    let whole = recv_str(vm, recv);
    let sub = str_arg(vm, args[0], false)?;
    let Some((s, _)) = str_window(vm, &whole, &args[1..])? else {
        return ok(Value::Int(0));
    };
    let n = if sub.is_empty() {
        s.chars().count() + 1
    } else {
        s.matches(&*sub).count()
    };
    ok(Value::Int(n as i64))
}

/// Follows the `[key]` and `.attr` parts of a `str.format` field name.
fn format_field_path(vm: &mut Vm, mut value: Value, mut path: &str) -> Result<Value, Exc> {
    while !path.is_empty() {
        if let Some(rest) = path.strip_prefix('.') {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            value = vm.get_attr_pub(value, &rest[..end])?;
            path = &rest[end..];
        } else if let Some(rest) = path.strip_prefix('[') {
            let Some(end) = rest.find(']') else {
                return Err(vm.error("ValueError", "Missing ']' in format string"));
            };
            let key = &rest[..end];
            let index = match key.parse::<i64>() {
                Ok(n) if key.bytes().all(|b| b.is_ascii_digit()) => Value::Int(n),
                _ => new_str(vm, key),
            };
            value = subscript(vm, value, index)?;
            path = &rest[end + 1..];
        } else {
            return Err(vm.error(
                "ValueError",
                "Only '.' or '[' may follow ']' in format field specifier",
            ));
        }
    }
    Ok(value)
}

pub(crate) fn s_format(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> BResult {
    let s = recv_str(vm, recv);
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut auto = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' && chars.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
            continue;
        }
        if c == '}' && chars.get(i + 1) == Some(&'}') {
            out.push('}');
            i += 2;
            continue;
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        let close = chars[i..].iter().position(|c| *c == '}').map(|p| p + i);
        let Some(close) = close else {
            return Err(vm.error("ValueError", "Single '{' encountered in format string"));
        };
        let field: String = chars[i + 1..close].iter().collect();
        let (name, spec) = field.split_once(':').unwrap_or((&field, ""));
        let (name, conv) = match name.split_once('!') {
            Some((n, c)) => (n, c.chars().next()),
            None => (name, None),
        };
        // `0[1].x`: the argument, then indexing and attributes.
        let (name, path) = name.split_at(name.find(['.', '[']).unwrap_or(name.len()));
        let value = if name.is_empty() {
            let v = args.get(auto).copied();
            auto += 1;
            v.ok_or_else(|| {
                vm.error(
                    "IndexError",
                    format!(
                        "Replacement index {} out of range for positional args tuple",
                        auto - 1
                    ),
                )
            })?
        } else if let Ok(n) = name.parse::<usize>() {
            args.get(n).copied().ok_or_else(|| {
                vm.error(
                    "IndexError",
                    format!("Replacement index {n} out of range for positional args tuple"),
                )
            })?
        } else {
            kwarg(&kwargs, name).ok_or_else(|| {
                let k = new_str(vm, name);
                let class = vm.exc_class("KeyError");
                vm.instantiate_exception(class, vec![k])
            })?
        };
        let value = format_field_path(vm, value, path)?;
        let value = match conv {
            Some('r') => {
                let r = repr_of(vm, value)?;
                new_str(vm, &r)
            }
            Some('s') => {
                let r = str_of(vm, value)?;
                new_str(vm, &r)
            }
            _ => value,
        };
        out.push_str(&format_value(vm, value, spec)?);
        i = close + 1;
    }
    ok(new_str(vm, &out))
}

fn test_chars(
    vm: &mut Vm,
    recv: Option<Value>,
    args: &[Value],
    name: &str,
    f: fn(char) -> bool,
) -> BResult {
    method_arity(vm, recv, name, args, 0, 0)?;
    let s = recv_str(vm, recv);
    ok(Value::Bool(!s.is_empty() && s.chars().all(f)))
}

pub(crate) fn s_isdigit(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    test_chars(vm, r, &a, "str.isdigit", chars::is_digit)
}

pub(crate) fn s_isalpha(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    test_chars(vm, r, &a, "str.isalpha", chars::is_alpha)
}

pub(crate) fn s_isalnum(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    test_chars(vm, r, &a, "str.isalnum", chars::is_alnum)
}

pub(crate) fn s_isspace(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    test_chars(vm, r, &a, "str.isspace", chars::is_space)
}

pub(crate) fn s_isdecimal(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    test_chars(vm, r, &a, "str.isdecimal", chars::is_decimal)
}

pub(crate) fn s_isnumeric(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    test_chars(vm, r, &a, "str.isnumeric", chars::is_numeric)
}

pub(crate) fn s_isascii(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "isascii", &a, 0, 0)?;
    let s = recv_str(vm, r);
    ok(Value::Bool(s.is_ascii()))
}

pub(crate) fn s_isprintable(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "isprintable", &a, 0, 0)?;
    let s = recv_str(vm, r);
    ok(Value::Bool(s.chars().all(chars::is_printable)))
}

pub(crate) fn s_isidentifier(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "isidentifier", &a, 0, 0)?;
    let s = recv_str(vm, r);
    ok(Value::Bool(chars::is_identifier(&s)))
}

pub(crate) fn s_casefold(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    map_str(vm, r, &a, "str.casefold", chars::casefold)
}

/// `removeprefix(prefix)` and `removesuffix(suffix)`.
fn remove_affix(vm: &mut Vm, recv: Option<Value>, args: &[Value], prefix: bool) -> BResult {
    let name = if prefix {
        "removeprefix"
    } else {
        "removesuffix"
    };
    method_arity(vm, recv, name, args, 1, 1)?;
    let s = recv_str(vm, recv);
    let affix = expect_str(vm, args[0], &format!("{name}() argument"))?;
    let rest = if prefix {
        s.strip_prefix(&*affix)
    } else {
        s.strip_suffix(&*affix)
    };
    match rest {
        Some(rest) => {
            let rest = rest.to_string();
            ok(new_str(vm, &rest))
        }
        None => ok(recv.unwrap_or(Value::None)),
    }
}

pub(crate) fn s_removeprefix(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    remove_affix(vm, r, &a, true)
}

pub(crate) fn s_removesuffix(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    remove_affix(vm, r, &a, false)
}

/// `expandtabs(tabsize=8)`: tabs to spaces up to the next multiple of
/// the tab size; newlines start a new column count.
pub(crate) fn s_expandtabs(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, kw: Kwargs) -> BResult {
    method_arity(vm, r, "expandtabs", &a, 0, 1)?;
    let size = match a.first().copied().or(kwarg(&kw, "tabsize")) {
        Some(v) => expect_int(vm, v, "")?,
        None => 8,
    };
    let s = recv_str(vm, r);
    let out = expand_tabs(s.chars(), size);
    vm.reserve(out.len())?;
    ok(new_str(vm, &out))
}

/// Tabs expanded to `size` columns (none for a size below 1).
pub(crate) fn expand_tabs(chars: impl Iterator<Item = char>, size: i64) -> String {
    let mut out = String::new();
    let mut column = 0i64;
    for c in chars {
        match c {
            '\t' => {
                if size > 0 {
                    let n = size - column % size;
                    out.extend(std::iter::repeat_n(' ', n as usize));
                    column += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                column = 0;
            }
            _ => {
                out.push(c);
                column += 1;
            }
        }
    }
    out
}

/// `format_map(mapping)`: `format(**mapping)` with the mapping itself.
pub(crate) fn s_format_map(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "format_map", &a, 1, 1)?;
    // Only the named fields look in the mapping (a dict here).
    let pairs: Vec<(Rc<str>, Value)> = match a[0] {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Dict(d) => d
                .values()
                .filter_map(|(k, v)| str_content(vm, *k).map(|k| (k, *v)))
                .collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    let is_dict = matches!(a[0], Value::Obj(id) if matches!(vm.heap.get(id), Obj::Dict(_)));
    let s = recv_str(vm, r);
    if !is_dict && s.replace("{{", "").contains('{') {
        let t = type_name(vm, a[0]);
        return Err(type_err(vm, format!("'{t}' object is not subscriptable")));
    }
    s_format(vm, r, Vec::new(), pairs)
}

/// `str.maketrans(x[, y[, z]])`: the table `translate` takes.
pub(crate) fn s_maketrans(vm: &mut Vm, _: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "maketrans", &a, 1, 3)?;
    let table = Value::Obj(vm.heap.alloc(Obj::Dict(Dict::default())));
    if a.len() == 1 {
        let pairs: Vec<(Value, Value)> = match a[0] {
            Value::Obj(id) => match vm.heap.get(id) {
                Obj::Dict(d) => d.values().copied().collect(),
                _ => {
                    return Err(type_err(
                        vm,
                        "if you give only one argument to maketrans it must be a dict",
                    ));
                }
            },
            _ => {
                return Err(type_err(
                    vm,
                    "if you give only one argument to maketrans it must be a dict",
                ));
            }
        };
        for (k, v) in pairs {
            let key = match (k, str_content(vm, k)) {
                (Value::Int(_), _) => k,
                (_, Some(s)) if s.chars().count() == 1 => {
                    Value::Int(s.chars().next().map_or(0, |c| c as i64))
                }
                (_, Some(_)) => {
                    return Err(vm.error(
                        "ValueError",
                        "string keys in translate table must be of length 1",
                    ));
                }
                _ => {
                    return Err(type_err(
                        vm,
                        "keys in translate table must be strings or integers",
                    ));
                }
            };
            dict_set(vm, table, key, v)?;
        }
        return ok(table);
    }
    let x = expect_str(vm, a[0], "maketrans() argument 1")?;
    let y = expect_str(vm, a[1], "maketrans() argument 2")?;
    if x.chars().count() != y.chars().count() {
        return Err(vm.error(
            "ValueError",
            "the first two maketrans arguments must have equal length",
        ));
    }
    for (from, to) in x.chars().zip(y.chars()) {
        dict_set(vm, table, Value::Int(from as i64), Value::Int(to as i64))?;
    }
    if let Some(&z) = a.get(2) {
        let z = expect_str(vm, z, "maketrans() argument 3")?;
        for c in z.chars() {
            dict_set(vm, table, Value::Int(c as i64), Value::None)?;
        }
    }
    ok(table)
}

/// `translate(table)`: each character looked up in `table` by its code
/// point (a dict here): None deletes it, an int or a str replaces it,
/// a missing key keeps it.
pub(crate) fn s_translate(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "translate", &a, 1, 1)?;
    let s = recv_str(vm, r);
    let table = a[0];
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let found = match table {
            Value::Obj(id) => match vm.heap.get(id) {
                Obj::Dict(d) => d.get(&Key::Int(c as i64)).map(|(_, v)| *v),
                _ => match subscript(vm, table, Value::Int(c as i64)) {
                    Ok(v) => Some(v),
                    Err(e) if vm.exc_is(e, "LookupError")? => None,
                    Err(e) => return Err(e),
                },
            },
            _ => {
                let t = type_name(vm, table);
                return Err(type_err(vm, format!("'{t}' object is not subscriptable")));
            }
        };
        match found {
            None => out.push(c),
            Some(Value::None) => {}
            Some(Value::Int(i)) => match u32::try_from(i).ok().and_then(char::from_u32) {
                Some(d) => out.push(d),
                None => {
                    return Err(
                        vm.error("ValueError", "character mapping must be in range(0x110000)")
                    );
                }
            },
            Some(v) => match str_content(vm, v) {
                Some(t) => out.push_str(&t),
                None => {
                    return Err(type_err(
                        vm,
                        "character mapping must return integer, None or str",
                    ));
                }
            },
        }
    }
    ok(new_str(vm, &out))
}

pub(crate) fn s_isupper(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "str.isupper", &a, 0, 0)?;
    let s = recv_str(vm, r);
    ok(Value::Bool(
        s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase),
    ))
}

pub(crate) fn s_islower(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, r, "str.islower", &a, 0, 0)?;
    let s = recv_str(vm, r);
    ok(Value::Bool(
        s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_uppercase),
    ))
}

fn pad(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, how: char) -> BResult {
    let name = match how {
        '<' => "ljust",
        '>' => "rjust",
        _ => "center",
    };
    method_arity(vm, recv, name, &args, 1, 2)?;
    let s = recv_str(vm, recv);
    let width = expect_int(vm, args[0], "")?.max(0) as usize;
    let fill = match args.get(1) {
        Some(v) => {
            let Some(f) = str_content(vm, *v) else {
                let t = type_name(vm, *v);
                return Err(type_err(
                    vm,
                    format!("{name}() argument 2 must be str, not {t}"),
                ));
            };
            let mut chars = f.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(type_err(
                        vm,
                        "The fill character must be exactly one character long",
                    ));
                }
            }
        }
        None => ' ',
    };
    let len = s.chars().count();
    let total = width.saturating_sub(len);
    vm.reserve(total.saturating_mul(fill.len_utf8()))?;
    let f = |n| fill.to_string().repeat(n);
    let t = match how {
        '<' => format!("{s}{}", f(total)),
        '>' => format!("{}{s}", f(total)),
        _ => {
            // CPython centers with the extra space on the right when the
            // string length is even... on the left when odd.
            let left = total / 2 + (total & width & 1);
            format!("{}{s}{}", f(left), f(total - left))
        }
    };
    ok(new_str(vm, &t))
}

pub(crate) fn s_center(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    pad(vm, r, a, '^')
}

pub(crate) fn s_ljust(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    pad(vm, r, a, '<')
}

pub(crate) fn s_rjust(vm: &mut Vm, r: Option<Value>, a: Vec<Value>, _: Kwargs) -> BResult {
    pad(vm, r, a, '>')
}

pub(crate) fn s_zfill(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "zfill", &args, 1, 1)?;
    let s = recv_str(vm, recv);
    let width = expect_int(vm, args[0], "")?.max(0) as usize;
    let len = s.chars().count();
    if len >= width {
        return ok(new_str(vm, &s));
    }
    let (sign, rest) = match s.chars().next() {
        Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
        _ => (String::new(), &s[..]),
    };
    vm.reserve(width - len)?;
    let t = format!("{sign}{}{rest}", "0".repeat(width - len));
    ok(new_str(vm, &t))
}

pub(crate) fn s_rsplit(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> BResult {
    split_impl(vm, recv, &args, &kwargs, true)
}

/// `split` and (from the right) `rsplit`: on runs of whitespace, or on
/// `sep`, at most `maxsplit` times.
fn split_impl(
    vm: &mut Vm,
    recv: Option<Value>,
    args: &[Value],
    kwargs: &Kwargs,
    right: bool,
) -> BResult {
    method_arity(vm, recv, if right { "rsplit" } else { "split" }, args, 0, 2)?;
    let s = recv_str(vm, recv);
    let sep = args
        .first()
        .copied()
        .or(kwarg(kwargs, "sep"))
        .unwrap_or(Value::None);
    let maxsplit = match args.get(1).copied().or(kwarg(kwargs, "maxsplit")) {
        Some(v) => expect_int(vm, v, "")?,
        None => -1,
    };
    let limit = (maxsplit >= 0).then_some(maxsplit as usize);
    let mut parts: Vec<&str> = if sep == Value::None {
        let mut out = Vec::new();
        let mut rest = if right {
            s.trim_end_matches(chars::is_space)
        } else {
            s.trim_start_matches(chars::is_space)
        };
        while !rest.is_empty() {
            if limit == Some(out.len()) {
                out.push(rest);
                break;
            }
            if right {
                let start = rest.rfind(chars::is_space).map_or(0, |b| {
                    b + rest[b..].chars().next().map_or(1, char::len_utf8)
                });
                out.push(&rest[start..]);
                rest = rest[..start].trim_end_matches(chars::is_space);
            } else {
                let end = rest.find(chars::is_space).unwrap_or(rest.len());
                out.push(&rest[..end]);
                rest = rest[end..].trim_start_matches(chars::is_space);
            }
        }
        out
    } else {
        let sep = str_arg(vm, sep, true)?;
        if sep.is_empty() {
            return Err(vm.error("ValueError", "empty separator"));
        }
        match (limit, right) {
            (Some(n), false) => s.splitn(n + 1, &*sep).collect(),
            (Some(n), true) => s.rsplitn(n + 1, &*sep).collect(),
            (None, false) => s.split(&*sep).collect(),
            (None, true) => s.rsplit(&*sep).collect(),
        }
    };
    if right {
        parts.reverse();
    }
    let items = parts.iter().map(|p| new_str(vm, p)).collect();
    ok(new_list(vm, items))
}

pub(crate) fn s_istitle(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "istitle", &args, 0, 0)?;
    let s = recv_str(vm, recv);
    // Upper-case letters only after uncased ones, lower-case only after
    // cased ones, and at least one cased letter.
    let (mut cased, mut previous_cased) = (false, false);
    for c in s.chars() {
        if c.is_uppercase() {
            if previous_cased {
                return ok(Value::Bool(false));
            }
            (cased, previous_cased) = (true, true);
        } else if c.is_lowercase() {
            if !previous_cased {
                return ok(Value::Bool(false));
            }
            (cased, previous_cased) = (true, true);
        } else {
            previous_cased = false;
        }
    }
    ok(Value::Bool(cased))
}

/// `splitlines(keepends=False)`: on CPython's line boundaries (`\n`,
/// `\r`, `\r\n`, `\v`, `\f`, `\x1c`-`\x1e`, `\x85`, U+2028, U+2029).
pub(crate) fn s_splitlines(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    kw: Kwargs,
) -> BResult {
    method_arity(vm, recv, "splitlines", &args, 0, 1)?;
    let keep = int_flag(vm, args.first().copied().or(kwarg(&kw, "keepends")))?;
    let s = recv_str(vm, recv);
    let mut lines = Vec::new();
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let boundary = matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if !boundary {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c == '\r' && chars.peek().is_some_and(|(_, n)| *n == '\n') {
            chars.next();
            end += 1;
        }
        lines.push(&s[start..if keep { end } else { i }]);
        start = end;
    }
    if start < s.len() {
        lines.push(&s[start..]);
    }
    let items = lines.into_iter().map(|l| new_str(vm, l)).collect();
    ok(new_list(vm, items))
}

pub(crate) fn s_partition(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    method_arity(vm, recv, "partition", &args, 1, 1)?;
    let s = recv_str(vm, recv);
    let sep = str_arg(vm, args[0], false)?;
    if sep.is_empty() {
        return Err(vm.error("ValueError", "empty separator"));
    }
    let (a, b, c) = match s.split_once(&*sep) {
        Some((a, c)) => (a.to_string(), sep.to_string(), c.to_string()),
        None => (s.to_string(), String::new(), String::new()),
    };
    let parts = vec![new_str(vm, &a), new_str(vm, &b), new_str(vm, &c)];
    ok(new_tuple(vm, parts))
}
