//! Calling a built-in type: `int(x)`, `str(x)`, `list(it)`, `dict(...)`...

use super::*;

/// Calling a built-in type: `int(x)`, `list(it)`...
/// `int(obj)` / `float(obj)` of an instance: the first of `dunders` its
/// class defines, whose result must be an int (a float for `__float__`).
fn convert_by_dunder(
    vm: &mut Vm,
    x: Value,
    dunders: &[&'static str],
    to: &str,
) -> Result<Value, Exc> {
    for name in dunders {
        if let Some(r) = crate::classes::call_dunder(vm, x, name, Vec::new()) {
            let r = r?;
            let fits = match r {
                Value::Int(_) => *name != "__float__",
                Value::Float(_) => *name == "__float__",
                _ => false,
            };
            if !fits {
                let t = type_name(vm, r);
                // CPython names the class for `__float__` only.
                let owner = if *name == "__float__" {
                    format!("{}.", type_name(vm, x))
                } else {
                    String::new()
                };
                return Err(type_err(
                    vm,
                    format!("{owner}{name} returned non-{to} (type {t})"),
                ));
            }
            return Ok(r);
        }
    }
    let t = type_name(vm, x);
    let msg = if to == "int" {
        format!("int() argument must be a string, a bytes-like object or a real number, not '{t}'")
    } else {
        format!("float() argument must be a string or a real number, not '{t}'")
    };
    Err(type_err(vm, msg))
}

/// `str(x)` and `bool(x)` of an instance whose `__str__`, `__repr__`,
/// `__bool__` or `__len__` is script code: the call, run as a frame.
pub(crate) fn construct_with_script(
    vm: &mut Vm,
    kind: TypeKind,
    args: &[Value],
    kwargs: &Kwargs,
) -> Result<Option<Native>, Exc> {
    let ([x], true) = (args, kwargs.is_empty()) else {
        return Ok(None);
    };
    let x = *x;
    Ok(match kind {
        TypeKind::Str => str_method(vm, x, false)
            .map(|(f, repr)| Native::CallThen(f, vec![x], crate::vm::Cont::Str { repr })),
        TypeKind::Bool => [("__bool__", false), ("__len__", true)]
            .into_iter()
            .find_map(|(name, len)| {
                let f = crate::classes::dunder(vm, x, name)?;
                Some(Native::CallThen(
                    f,
                    vec![x],
                    crate::vm::Cont::Truth {
                        len,
                        then: crate::vm::OnTruth::Push { negate: false },
                    },
                ))
            }),
        TypeKind::Int | TypeKind::Float => {
            let float = kind == TypeKind::Float;
            let dunders: &[&str] = if float {
                &["__float__", "__index__"]
            } else {
                &["__int__", "__index__", "__trunc__"]
            };
            dunders.iter().find_map(|name| {
                let f = crate::classes::dunder(vm, x, name)?;
                let dunder = Rc::from(*name);
                Some(Native::CallThen(
                    f,
                    vec![x],
                    crate::vm::Cont::Convert { x, float, dunder },
                ))
            })
        }
        _ => None,
    })
}

/// The script method that makes `str(x)` (`repr` true: `repr(x)`) of an
/// instance, and whether it is `__repr__`.
pub(crate) fn str_method(vm: &mut Vm, x: Value, repr: bool) -> Option<(Value, bool)> {
    if !repr && let Some(f) = crate::classes::dunder(vm, x, "__str__") {
        return Some((f, false));
    }
    if let Some(f) = crate::classes::dunder(vm, x, "__repr__") {
        return Some((f, true));
    }
    // A list, tuple, dict or set holding instances: `<shoal>` builds its
    // repr, each item's `__repr__` a frame.
    if container_with_instances(vm, x) {
        return vm.shoal_helper("repr_top").ok().map(|f| (f, true));
    }
    None
}

/// Whether `x` is a list, tuple, dict or set with an instance inside.
fn container_with_instances(vm: &Vm, x: Value) -> bool {
    let Value::Obj(id) = x else { return false };
    match vm.heap.get(id) {
        Obj::List(items) | Obj::Tuple(items) => any_instance(vm, items),
        Obj::Dict(d) => {
            let values: Vec<Value> = d.values().flat_map(|(k, v)| [*k, *v]).collect();
            any_instance(vm, &values)
        }
        Obj::Set(s) => {
            let values: Vec<Value> = s.values().collect();
            any_instance(vm, &values)
        }
        _ => false,
    }
}

/// Whether `str(x)` runs script code.
pub(crate) fn str_runs_script(vm: &mut Vm, x: Value) -> bool {
    str_method(vm, x, false).is_some()
}

/// The text of a bytes or bytearray that `int()` parses (`int(b"12")`),
/// its bytes taken as Latin-1 so that any non-digit is reported.
fn bytes_text(vm: &Vm, v: Value) -> Option<Rc<str>> {
    let Value::Obj(id) = v else {
        return None;
    };
    let bytes: &[u8] = match vm.heap.get(id) {
        Obj::Bytes(b) => b,
        Obj::ByteArray(b) => b,
        _ => return None,
    };
    Some(Rc::from(
        bytes.iter().map(|b| *b as char).collect::<String>(),
    ))
}

pub(crate) fn construct(
    vm: &mut Vm,
    kind: TypeKind,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> Result<Value, Exc> {
    let name = kind.name();
    // `list(l)` of a `class L(list)` instance: its list, unless the class
    // iterates its own way.
    let mut args = args;
    if matches!(
        kind,
        TypeKind::List
            | TypeKind::Tuple
            | TypeKind::Dict
            | TypeKind::Set
            | TypeKind::FrozenSet
            | TypeKind::Bytes
            | TypeKind::ByteArray
    ) && let Some(first) = args.first_mut()
    {
        *first = crate::classes::plain_native(vm, *first);
    }
    if !matches!(
        kind,
        TypeKind::Dict | TypeKind::Int | TypeKind::Tasklet | TypeKind::Bytes | TypeKind::ByteArray
    ) {
        no_kwargs(vm, name, &kwargs)?;
    }
    match kind {
        TypeKind::Tasklet => return sl::new_tasklet(vm, args, kwargs),
        TypeKind::Channel => return sl::new_channel(vm, args),
        TypeKind::Random => return random::new_random(vm, args),
        TypeKind::Slice => {
            arity(vm, "slice", &args, 1, 3)?;
            let (a, b, c) = match args[..] {
                [stop] => (Value::None, stop, Value::None),
                [start, stop] => (start, stop, Value::None),
                [start, stop, step] => (start, stop, step),
                _ => (Value::None, Value::None, Value::None),
            };
            return Ok(Value::Obj(vm.heap.alloc(Obj::Slice(a, b, c))));
        }
        TypeKind::Super => {
            // `super()` with no arguments is compiled where it is called.
            arity(vm, "super", &args, 1, 2)?;
            let class = match args[0] {
                Value::Obj(c) if matches!(vm.heap.get(c), Obj::Class(_)) => c,
                v => {
                    let t = type_name(vm, v);
                    return Err(type_err(
                        vm,
                        format!("super() argument 1 must be a type, not {t}"),
                    ));
                }
            };
            let Some(&obj) = args.get(1) else {
                return Err(vm.error(
                    "NotImplementedError",
                    "super() with one argument (an unbound super object) is not supported by Shoal's script language",
                ));
            };
            let fits = match obj {
                Value::Obj(o) => match vm.heap.get(o) {
                    Obj::Instance(inst) => {
                        matches!(vm.heap.get(inst.class), Obj::Class(k) if k.mro.contains(&class))
                    }
                    Obj::Class(k) => k.mro.contains(&class),
                    _ => false,
                },
                _ => false,
            };
            if !fits {
                return Err(type_err(
                    vm,
                    "super(type, obj): obj must be an instance or subtype of type",
                ));
            }
            return Ok(Value::Obj(vm.heap.alloc(Obj::Super(class, obj))));
        }
        TypeKind::Bytes | TypeKind::ByteArray => return construct_bytes(vm, kind, args, kwargs),
        _ => {}
    }
    match kind {
        TypeKind::Int => {
            let base = kwarg(&kwargs, "base").or(args.get(1).copied());
            arity(vm, "int", &args, 0, 2)?;
            let Some(&x) = args.first() else {
                return Ok(Value::Int(0));
            };
            if let Some(base) = base {
                let base = match base {
                    Value::Int(b) => b,
                    v if big_ref(vm, v).is_some() => i64::MAX,
                    v => expect_int(vm, v, "")?,
                };
                if let Some(s) = bytes_text(vm, x) {
                    let shown = repr_of(vm, x)?;
                    return parse_int_shown(vm, &s, base, &shown);
                }
                let Some(s) = str_content(vm, x) else {
                    return Err(type_err(
                        vm,
                        "int() can't convert non-string with explicit base",
                    ));
                };
                return parse_int(vm, &s, base);
            }
            match x {
                Value::Int(_) => Ok(x),
                Value::Bool(b) => Ok(Value::Int(b as i64)),
                Value::Float(f) => int_of_float(vm, f),
                _ if big_ref(vm, x).is_some() => Ok(x),
                _ if bytes_text(vm, x).is_some() => {
                    let s = bytes_text(vm, x).unwrap_or_default();
                    let shown = repr_of(vm, x)?;
                    parse_int_shown(vm, &s, 10, &shown)
                }
                _ => match str_content(vm, x) {
                    Some(s) => parse_int(vm, &s, 10),
                    None if is_instance(vm, x) => {
                        convert_by_dunder(vm, x, &["__int__", "__index__", "__trunc__"], "int")
                    }
                    None => {
                        let t = type_name(vm, x);
                        Err(type_err(
                            vm,
                            format!(
                                "int() argument must be a string, a bytes-like object or a real number, not '{t}'"
                            ),
                        ))
                    }
                },
            }
        }
        TypeKind::Float => {
            arity(vm, "float", &args, 0, 1)?;
            let Some(&x) = args.first() else {
                return Ok(Value::Float(0.0));
            };
            if let Some(f) = to_f64(x) {
                return Ok(Value::Float(f));
            }
            if let Some(n) = big_ref(vm, x).cloned() {
                return Ok(Value::Float(big_to_f64(vm, &n)?));
            }
            if is_instance(vm, x) {
                return match convert_by_dunder(vm, x, &["__float__", "__index__"], "float")? {
                    Value::Int(i) => Ok(Value::Float(i as f64)),
                    v => match big_ref(vm, v).cloned() {
                        Some(n) => Ok(Value::Float(big_to_f64(vm, &n)?)),
                        None => Ok(v),
                    },
                };
            }
            match str_content(vm, x) {
                Some(s) => {
                    let t = ascii_digits(&s).trim().replace('_', "");
                    let parsed = match t.to_ascii_lowercase().as_str() {
                        "inf" | "+inf" | "infinity" | "+infinity" => Some(f64::INFINITY),
                        "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
                        "nan" | "+nan" | "-nan" => Some(f64::NAN),
                        other
                            if other
                                .chars()
                                .all(|c| c.is_ascii_digit() || "+-.e".contains(c)) =>
                        {
                            other.parse().ok()
                        }
                        _ => None,
                    };
                    match parsed {
                        Some(f) => Ok(Value::Float(f)),
                        None => Err(vm.error(
                            "ValueError",
                            format!("could not convert string to float: {}", str_repr(&s)),
                        )),
                    }
                }
                None => {
                    let t = type_name(vm, x);
                    Err(type_err(
                        vm,
                        format!("float() argument must be a string or a real number, not '{t}'"),
                    ))
                }
            }
        }
        TypeKind::Str => {
            arity(vm, "str", &args, 0, 1)?;
            match args.first() {
                None => Ok(new_str(vm, "")),
                Some(&x) => {
                    let s = str_of(vm, x)?;
                    Ok(new_str(vm, &s))
                }
            }
        }
        TypeKind::Bool => {
            arity(vm, "bool", &args, 0, 1)?;
            match args.first() {
                Some(v) => Ok(Value::Bool(truthy_mut(vm, *v)?)),
                None => Ok(Value::Bool(false)),
            }
        }
        TypeKind::List => {
            arity(vm, "list", &args, 0, 1)?;
            let items = match args.first() {
                Some(v) => collect(vm, *v)?,
                None => Vec::new(),
            };
            Ok(new_list(vm, items))
        }
        TypeKind::Tuple => {
            arity(vm, "tuple", &args, 0, 1)?;
            let items = match args.first() {
                Some(v) => collect(vm, *v)?,
                None => Vec::new(),
            };
            Ok(new_tuple(vm, items))
        }
        TypeKind::Set => {
            arity(vm, "set", &args, 0, 1)?;
            match args.first() {
                Some(v) => make_set(vm, *v),
                None => Ok(new_set(vm, crate::set_table::SetTable::new())),
            }
        }
        TypeKind::FrozenSet => {
            arity(vm, "frozenset", &args, 0, 1)?;
            match args.first() {
                // `frozenset(f)` of a frozenset is `f`.
                Some(v) if TypeKind::of(vm, *v) == TypeKind::FrozenSet => Ok(*v),
                Some(v) => make_set_of(vm, *v, true),
                None => Ok(new_set(vm, crate::set_table::SetTable::new_frozen())),
            }
        }
        TypeKind::Dict => {
            arity(vm, "dict", &args, 0, 1)?;
            let d = Value::Obj(vm.heap.alloc(Obj::Dict(Dict::default())));
            if let Some(m) = args.first() {
                dict_update(vm, d, *m)?;
            }
            for (k, v) in kwargs {
                let kv = new_str(vm, &k);
                dict_set(vm, d, kv, v)?;
            }
            Ok(d)
        }
        TypeKind::Range => {
            arity(vm, "range", &args, 1, 3)?;
            let mut n = Vec::new();
            for a in &args {
                n.push(expect_int(vm, *a, "")?);
            }
            let (start, stop, step) = match n.len() {
                1 => (0, n[0], 1),
                2 => (n[0], n[1], 1),
                _ => (n[0], n[1], n[2]),
            };
            if step == 0 {
                return Err(vm.error("ValueError", "range() arg 3 must not be zero"));
            }
            Ok(Value::Obj(vm.heap.alloc(Obj::Range(start, stop, step))))
        }
        TypeKind::Type => {
            if args.len() == 3 {
                return crate::classes::class_from_parts(vm, args[0], args[1], args[2], None);
            }
            if args.len() != 1 {
                return Err(type_err(vm, "type() takes 1 or 3 arguments"));
            }
            let v = args[0];
            if let Value::Obj(id) = v
                && let Obj::Instance(inst) = vm.heap.get(id)
            {
                return Ok(Value::Obj(inst.class));
            }
            if let Some(meta) = crate::classes::metaclass_of(vm, v) {
                return Ok(Value::Obj(meta));
            }
            let kind = TypeKind::of(vm, v);
            let name = if kind == TypeKind::Type {
                "type"
            } else {
                kind.name()
            };
            // The same object as the builtin name, so `type(x) is int`.
            match vm.builtins.get(name) {
                Some(t) => Ok(*t),
                None => Ok(crate::classes::type_object(vm, kind)),
            }
        }
        TypeKind::Object => {
            arity(vm, "object", &args, 0, 0)?;
            let class = match vm.builtins.get("\0object_class") {
                Some(Value::Obj(c)) => *c,
                _ => return Err(type_err(vm, "cannot create 'object' instances")),
            };
            Ok(Value::Obj(vm.heap.alloc(Obj::Instance(
                crate::heap::Instance {
                    class,
                    attrs: Attrs::default(),
                    native: ObjId::NONE,
                },
            ))))
        }
        _ => Err(type_err(vm, format!("cannot create '{name}' instances"))),
    }
}
