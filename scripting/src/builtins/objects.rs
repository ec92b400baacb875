//! Built-ins about classes and objects: `object.__init__`, `mro()`,
//! `staticmethod`, `classmethod`, `property`, `issubclass`, `setattr`.

use super::*;

/// `object.__init__` and `BaseException.__init__` (which sets `args`).
/// `cls.mro()`: the method resolution order, `object` last.
pub(crate) fn class_mro(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "mro", &args, 0, 0)?;
    let items = recv.map_or_else(Vec::new, |c| class_lineage(vm, c, true));
    ok(new_list(vm, items))
}

/// A class's MRO (`mro`) or its bases, ending with `object` as Python's do.
pub(crate) fn class_lineage(vm: &Vm, class: Value, mro: bool) -> Vec<Value> {
    let Value::Obj(id) = class else {
        return Vec::new();
    };
    let Obj::Class(c) = vm.heap.get(id) else {
        return Vec::new();
    };
    let ids: Vec<ObjId> = if mro { &c.mro } else { &c.bases }.clone();
    let mut items: Vec<Value> = Vec::with_capacity(ids.len() + 1);
    for k in ids {
        // The stand-in of a built-in type shows as the type.
        let shown = match vm.heap.get(k) {
            Obj::Class(p) if p.proxy => p
                .native
                .and_then(|kind| vm.builtins.get(kind.name()).copied())
                .unwrap_or(Value::Obj(k)),
            _ => Value::Obj(k),
        };
        items.push(shown);
    }
    if (mro || items.is_empty())
        && let Some(object) = vm.builtins.get("object")
    {
        items.push(*object);
    }
    items
}

/// `object.__init_subclass__()`: takes no arguments, does nothing.
pub(crate) fn base_init_subclass(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> BResult {
    if let Some((k, _)) = kwargs.first() {
        // Reached through `super()` from a class: CPython names it.
        if let Some(Value::Obj(id)) = recv
            && let Obj::Class(c) = vm.heap.get(id)
        {
            let name = c.name.clone();
            return Err(type_err(
                vm,
                format!("{name}.__init_subclass__() takes no keyword arguments"),
            ));
        }
        return Err(type_err(
            vm,
            format!("__init_subclass__() got an unexpected keyword argument '{k}'"),
        ));
    }
    arity(vm, "__init_subclass__", &args, 0, 0)?;
    none()
}

pub(crate) fn base_init(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    if let Some(Value::Obj(id)) = recv
        && let Obj::Instance(inst) = vm.heap.get(id)
        && matches!(vm.heap.get(inst.class), Obj::Class(c) if c.is_exception)
    {
        let t = new_tuple(vm, args);
        if let Obj::Instance(inst) = vm.heap.get_mut(id) {
            inst.attrs.insert(Rc::from("args"), t);
        }
    }
    none()
}

pub(crate) fn b_staticmethod(
    vm: &mut Vm,
    _: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "staticmethod", &args, 1, 1)?;
    ok(Value::Obj(vm.heap.alloc(Obj::StaticMethod(args[0]))))
}

pub(crate) fn b_classmethod(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "classmethod", &args, 1, 1)?;
    ok(Value::Obj(vm.heap.alloc(Obj::ClassMethod(args[0]))))
}

/// `property(fget=None, fset=None, fdel=None, doc=None)`.
pub(crate) fn b_property(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "property", &args, 0, 4)?;
    let mut parts = [Value::None; 4];
    parts[..args.len()].copy_from_slice(&args);
    for (k, v) in kw {
        let i = match &*k {
            "fget" => 0,
            "fset" => 1,
            "fdel" => 2,
            "doc" => 3,
            _ => {
                return Err(type_err(
                    vm,
                    format!("property() got an unexpected keyword argument '{k}'"),
                ));
            }
        };
        if i < args.len() {
            return Err(type_err(
                vm,
                format!(
                    "argument for property() given by name ('{k}') and position ({})",
                    i + 1
                ),
            ));
        }
        parts[i] = v;
    }
    let [fget, fset, fdel, doc] = parts;
    new_property(vm, fget, fset, fdel, doc)
}

/// A property; without a `doc`, the getter's docstring.
fn new_property(vm: &mut Vm, fget: Value, fset: Value, fdel: Value, doc: Value) -> BResult {
    let doc = if doc == Value::None && fget != Value::None {
        vm.get_attr_pub(fget, "__doc__").unwrap_or(Value::None)
    } else {
        doc
    };
    let p = crate::heap::Property {
        fget,
        fset,
        fdel,
        doc,
    };
    ok(Value::Obj(vm.heap.alloc(Obj::Property(Box::new(p)))))
}

/// The property a `getter`/`setter`/`deleter` call is made on.
fn this_property(vm: &mut Vm, recv: Option<Value>) -> Result<crate::heap::Property, Exc> {
    match recv {
        Some(Value::Obj(id)) if let Obj::Property(p) = vm.heap.get(id) => Ok((**p).clone()),
        _ => Err(type_err(vm, "descriptor needs a property")),
    }
}

/// `prop.setter(f)`: a copy of the property with `f` as its setter.
pub(crate) fn prop_setter(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "setter", &args, 1, 1)?;
    let p = this_property(vm, recv)?;
    new_property(vm, p.fget, args[0], p.fdel, p.doc)
}

/// `prop.getter(f)`: a copy of the property with `f` as its getter.
pub(crate) fn prop_getter(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "getter", &args, 1, 1)?;
    let p = this_property(vm, recv)?;
    new_property(vm, args[0], p.fset, p.fdel, Value::None)
}

/// `prop.deleter(f)`: a copy of the property with `f` as its deleter.
pub(crate) fn prop_deleter(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "deleter", &args, 1, 1)?;
    let p = this_property(vm, recv)?;
    new_property(vm, p.fget, p.fset, args[0], p.doc)
}

pub(crate) fn b_issubclass(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "issubclass", &args, 2, 2)?;
    let Value::Obj(c) = args[0] else {
        return Err(type_err(vm, "issubclass() arg 1 must be a class"));
    };
    let mro = match vm.heap.get(c) {
        Obj::Class(k) => k.mro.clone(),
        Obj::Type(_) => vec![c],
        _ => return Err(type_err(vm, "issubclass() arg 1 must be a class")),
    };
    let targets = crate::classes::check_targets(vm, args[1]);
    for t in targets {
        // A metaclass's `__subclasscheck__` decides.
        if let Some(hook) = crate::classes::type_check_hook(vm, t, "__subclasscheck__") {
            let r = vm.call_sync(hook, vec![t, args[0]])?;
            if truthy_mut(vm, r)? {
                return ok(Value::Bool(true));
            }
            continue;
        }
        match t {
            Value::Obj(id) if matches!(vm.heap.get(id), Obj::Type(TypeKind::Object)) => {
                return ok(Value::Bool(true));
            }
            Value::Obj(id) if mro.contains(&id) => return ok(Value::Bool(true)),
            // A built-in type: a class deriving from it, or bool for int.
            Value::Obj(id) if let Obj::Type(kind) = *vm.heap.get(id) => {
                let derives = mro.iter().any(|k| match vm.heap.get(*k) {
                    Obj::Class(k) => k.proxy && k.native == Some(kind),
                    Obj::Type(TypeKind::Bool) => kind == TypeKind::Int,
                    Obj::Type(t) => *t == kind,
                    _ => false,
                });
                if derives {
                    return ok(Value::Bool(true));
                }
            }
            Value::Obj(id) if matches!(vm.heap.get(id), Obj::Class(_) | Obj::Type(_)) => {}
            _ => {
                return Err(type_err(
                    vm,
                    "issubclass() arg 2 must be a class, a tuple of classes, or a union",
                ));
            }
        }
    }
    ok(Value::Bool(false))
}

pub(crate) fn b_setattr(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "setattr", &args, 3, 3)?;
    let name = expect_str(vm, args[1], "attribute name")?;
    if let Some(class) = crate::classes::class_of(vm, args[0])
        && let Some(hook) = crate::classes::script_hook(vm, class, "__setattr__")
    {
        return Ok(Native::Call(hook, args));
    }
    vm.set_attr_pub(args[0], &name, args[2])?;
    none()
}

/// `object.__setattr__(obj, name, value)`: stores without the class's
/// `__setattr__` hook (what the hook itself calls).
pub(crate) fn object_setattr(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "__setattr__", &args, 2, 2)?;
    let name = expect_str(vm, args[0], "attribute name")?;
    vm.set_attr_pub(recv.unwrap_or(Value::None), &name, args[1])?;
    none()
}

/// `object.__delattr__(obj, name)`: deletes without the class's
/// `__delattr__` hook.
pub(crate) fn object_delattr(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "__delattr__", &args, 1, 1)?;
    let name = expect_str(vm, args[0], "attribute name")?;
    vm.del_attr_pub(recv.unwrap_or(Value::None), &name)?;
    none()
}

/// The built-ins about classes: functions of the builtins namespace,
/// `object`'s methods the VM reaches, `property.setter`.
pub(crate) fn natives() -> NativeModule {
    NativeModule::part("objects")
        .native(Owner::Internal, "__init__", base_init)
        .native(Owner::Internal, "mro", class_mro)
        .native(Owner::Internal, "__init_subclass__", base_init_subclass)
        .native(Owner::Prop, "setter", prop_setter)
        .native(Owner::Prop, "getter", prop_getter)
        .native(Owner::Prop, "deleter", prop_deleter)
        .global("staticmethod", b_staticmethod)
        .global("classmethod", b_classmethod)
        .global("property", b_property)
        .global("setattr", b_setattr)
        .global("issubclass", b_issubclass)
}
