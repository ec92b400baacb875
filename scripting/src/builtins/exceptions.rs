//! Exceptions as built-ins see them: `str(exc)`, the traceback's last line,
//! `except` matching, `SystemExit` codes.

use super::*;

pub(crate) fn exc_args(vm: &Vm, exc: Value) -> Vec<Value> {
    if let Value::Obj(id) = exc
        && let Obj::Instance(inst) = vm.heap.get(id)
        && let Some(Value::Obj(t)) = inst.attrs.get("args")
        && let Obj::Tuple(items) = vm.heap.get(*t)
    {
        return items.clone();
    }
    Vec::new()
}

fn exc_class_name(vm: &Vm, exc: Value) -> String {
    if let Value::Obj(id) = exc
        && let Obj::Instance(inst) = vm.heap.get(id)
        && let Obj::Class(c) = vm.heap.get(inst.class)
    {
        return c.name.to_string();
    }
    type_name(vm, exc)
}

pub(crate) fn is_builtin_exception(name: &str) -> bool {
    crate::vm::EXCEPTIONS.iter().any(|(n, _)| *n == name)
}

/// `str(exc)`.
pub(crate) fn exception_str(vm: &mut Vm, exc: Value) -> String {
    exception_text(vm, exc).unwrap_or_else(|_| "<exception str() failed>".to_string())
}

/// A `UnicodeEncodeError` or `UnicodeDecodeError` (`class`) of the
/// characters or bytes `start..end` of `object`.
pub(crate) fn unicode_error(
    vm: &mut Vm,
    class: &str,
    encoding: &str,
    object: Value,
    (start, end): (usize, usize),
    reason: &str,
) -> Exc {
    let class = vm.exc_class(class);
    let encoding = vm.str_value(encoding);
    let reason = vm.str_value(reason);
    let (start, end) = (Value::Int(start as i64), Value::Int(end as i64));
    vm.instantiate_exception(class, vec![encoding, object, start, end, reason])
}

/// `str()` of a UnicodeEncodeError/UnicodeDecodeError made from its five
/// arguments, read from its attributes as CPython does.
fn unicode_error_text(vm: &mut Vm, exc: Value) -> Option<String> {
    let Value::Obj(id) = exc else { return None };
    let Obj::Instance(inst) = vm.heap.get(id) else {
        return None;
    };
    // Only these two have a `reason` of their own: look no further
    // for every other exception.
    if !inst.attrs.contains_key("reason") {
        return None;
    }
    let Obj::Class(c) = vm.heap.get(inst.class) else {
        return None;
    };
    let encode = c.mro.contains(&vm.exc_class("UnicodeEncodeError"));
    if !encode && !c.mro.contains(&vm.exc_class("UnicodeDecodeError")) {
        return None;
    }
    let attr = |name: &str| inst.attrs.get(name).copied();
    let (encoding, object, start, end, reason) = (
        attr("encoding")?,
        attr("object")?,
        attr("start")?,
        attr("end")?,
        attr("reason")?,
    );
    let (Value::Int(start), Value::Int(end)) = (start, end) else {
        return None;
    };
    let encoding = str_content(vm, encoding)?;
    let reason = str_content(vm, reason)?;
    let at = usize::try_from(start).ok()?;
    let one = end == start + 1;
    let range = format!("in position {start}-{}", end - 1);
    Some(if encode {
        let c = str_content(vm, object)?.chars().nth(at)?;
        match one {
            true => {
                let n = c as u32;
                let shown = match n {
                    0..=0xff => format!("\\x{n:02x}"),
                    0x100..=0xffff => format!("\\u{n:04x}"),
                    _ => format!("\\U{n:08x}"),
                };
                format!(
                    "'{encoding}' codec can't encode character '{shown}' in position {start}: {reason}"
                )
            }
            false => format!("'{encoding}' codec can't encode characters {range}: {reason}"),
        }
    } else {
        let b = *super::bytes::bytes_like(vm, object)?.get(at)?;
        match one {
            true => format!(
                "'{encoding}' codec can't decode byte 0x{b:02x} in position {start}: {reason}"
            ),
            false => format!("'{encoding}' codec can't decode bytes {range}: {reason}"),
        }
    })
}

/// `str(exc)`: an error from its argument's `__str__` propagates.
pub(crate) fn exception_text(vm: &mut Vm, exc: Value) -> Result<String, Exc> {
    if let Some(text) = unicode_error_text(vm, exc) {
        return Ok(text);
    }
    let args = exc_args(vm, exc);
    let is_key_error = exc_class_name(vm, exc) == "KeyError";
    match args.len() {
        0 => Ok(String::new()),
        1 if is_key_error => repr_of(vm, args[0]),
        1 => str_of(vm, args[0]),
        _ => {
            let t = new_tuple(vm, args);
            repr_of(vm, t)
        }
    }
}

/// The last line of a traceback: `Type: message`.
pub(crate) fn exception_line(vm: &mut Vm, exc: Value) -> String {
    let name = exc_class_name(vm, exc);
    let text = match crate::classes::call_dunder(vm, exc, "__str__", Vec::new()) {
        Some(Ok(v)) => str_content(vm, v)
            .map(|s| s.to_string())
            .unwrap_or_default(),
        _ => exception_str(vm, exc),
    };
    if text.is_empty() {
        name
    } else {
        format!("{name}: {text}")
    }
}

/// Whether `exc` is an instance of `class` (or of one in a tuple).
pub(crate) fn exception_matches(vm: &mut Vm, exc: Value, class: Value) -> Result<bool, Exc> {
    let classes: Vec<Value> = match class {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Tuple(items) => items.clone(),
            _ => vec![class],
        },
        _ => vec![class],
    };
    let exc_class = match exc {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Instance(inst) => Some(inst.class),
            _ => None,
        },
        _ => None,
    };
    let mro: Vec<ObjId> = match exc_class.map(|c| vm.heap.get(c)) {
        Some(Obj::Class(c)) => c.mro.clone(),
        _ => Vec::new(),
    };
    for c in classes {
        match c {
            Value::Obj(id) if matches!(vm.heap.get(id), Obj::Class(k) if k.is_exception) => {
                if mro.contains(&id) {
                    return Ok(true);
                }
            }
            _ => {
                return Err(type_err(
                    vm,
                    "catching classes that do not inherit from BaseException is not allowed",
                ));
            }
        }
    }
    Ok(false)
}

/// If `exc` is SystemExit, the exit status it asks for (printing a
/// non-integer code to stderr, as Python does).
pub(crate) fn system_exit_code(vm: &mut Vm, exc: Value) -> Option<i32> {
    if exc_class_name(vm, exc) != "SystemExit" {
        return None;
    }
    let args = exc_args(vm, exc);
    Some(match args.first() {
        None | Some(Value::None) => 0,
        Some(Value::Int(i)) => *i as i32,
        Some(Value::Bool(b)) => *b as i32,
        Some(other) => {
            let text = str_of(vm, *other).unwrap_or_default();
            let _ = vm.out.flush();
            let _ = writeln!(vm.err, "{text}");
            1
        }
    })
}
