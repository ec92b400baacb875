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

/// `str(exc)`: an error from its argument's `__str__` propagates.
pub(crate) fn exception_text(vm: &mut Vm, exc: Value) -> Result<String, Exc> {
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
