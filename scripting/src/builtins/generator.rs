//! Methods of generators: `send`, `throw`, `close` (iterating a generator
//! runs its frame, see [`crate::vm`]).

use super::*;

fn recv_generator(recv: Option<Value>) -> Value {
    match recv {
        Some(g @ Value::Obj(_)) => g,
        _ => unreachable!("methods are bound to their receiver"),
    }
}

pub(crate) fn gen_send(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "send", &args, 1, 1)?;
    Ok(Native::Send(recv_generator(recv), args[0]))
}

/// `generator.throw(type[, value])` or `generator.throw(exception)`: the
/// exception is raised at the generator's `yield`.
pub(crate) fn gen_throw(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "throw", &args, 1, 3)?;
    let exc = exception_of(vm, args[0], args.get(1).copied())?;
    Ok(Native::Throw(recv_generator(recv), exc))
}

/// `generator.close()`: GeneratorExit is raised at its `yield`; it must
/// end (or let the exception out) rather than yield again.
pub(crate) fn gen_close(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    method_arity(vm, recv, "close", &args, 0, 0)?;
    Ok(Native::Close(recv_generator(recv)))
}

/// The exception `throw(typ, value)` raises, as CPython makes it.
fn exception_of(vm: &mut Vm, typ: Value, value: Option<Value>) -> Result<Exc, Exc> {
    let value = value.filter(|v| *v != Value::None);
    if let Value::Obj(id) = typ {
        match vm.heap.get(id) {
            Obj::Class(c) if c.is_exception => {
                // An instance of the class is itself; a tuple is the
                // arguments; anything else the one argument.
                let args = match value {
                    None => Vec::new(),
                    Some(v) => match v {
                        Value::Obj(vid) => match vm.heap.get(vid) {
                            Obj::Instance(inst) if is_subclass(vm, inst.class, id) => {
                                return Ok(v);
                            }
                            Obj::Tuple(items) => items.clone(),
                            _ => vec![v],
                        },
                        _ => vec![v],
                    },
                };
                return Ok(vm.instantiate_exception(id, args));
            }
            Obj::Instance(inst) if matches!(vm.heap.get(inst.class), Obj::Class(c) if c.is_exception) =>
            {
                if value.is_some() {
                    return Err(type_err(
                        vm,
                        "instance exception may not have a separate value",
                    ));
                }
                return Ok(typ);
            }
            _ => {}
        }
    }
    let t = type_name(vm, typ);
    Err(type_err(
        vm,
        format!("exceptions must be classes or instances deriving from BaseException, not {t}"),
    ))
}

/// Whether class `c` is `base` or derives from it.
fn is_subclass(vm: &Vm, c: ObjId, base: ObjId) -> bool {
    matches!(vm.heap.get(c), Obj::Class(k) if k.mro.contains(&base))
}

/// The attributes of a generator object: `gi_running`, `gi_suspended`,
/// `gi_yieldfrom`, `__name__`, `__qualname__`.
pub(crate) fn generator_attr(vm: &mut Vm, id: ObjId, name: &str) -> Option<Value> {
    let Obj::Generator(g) = vm.heap.get(id) else {
        return None;
    };
    Some(match name {
        "gi_running" => Value::Bool(!g.finished && g.frame.is_none()),
        "gi_suspended" => Value::Bool(!g.finished && g.started && g.frame.is_some()),
        "gi_yieldfrom" => Value::None,
        "__name__" => {
            let n = g.name.clone();
            new_str(vm, &n)
        }
        // The code's qualified name while the generator is suspended.
        "__qualname__" => {
            let n = match &g.frame {
                Some(f) => vm.codes[f.code as usize].qualname.clone(),
                None => g.name.clone(),
            };
            new_str(vm, &n)
        }
        _ => return None,
    })
}
