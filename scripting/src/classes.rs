//! Script classes: building them from a class body, instances, attribute
//! lookup along the method resolution order, bound methods, `super()`,
//! and calling dunder methods for the built-in operations.

use std::rc::Rc;

use crate::heap::{Attrs, Class, Instance, Obj};
use crate::value::{ObjId, Value};
use crate::vm::{Exc, OnReturn, Vm};

/// Builds a class when its body has run (C3 method resolution order).
pub(crate) fn build_class(
    vm: &mut Vm,
    name: Rc<str>,
    bases: Vec<ObjId>,
    ns: Attrs,
) -> Result<Value, Exc> {
    let mut base_mros: Vec<Vec<ObjId>> = Vec::new();
    let mut is_exception = false;
    for b in &bases {
        match vm.heap.get(*b) {
            Obj::Class(c) => {
                is_exception |= c.is_exception;
                base_mros.push(c.mro.clone());
            }
            _ => {
                return Err(vm.error("TypeError", "bases must be classes"));
            }
        }
    }
    let id = vm.heap.alloc(Obj::Class(Box::new(Class {
        name: name.clone(),
        bases: bases.clone(),
        mro: Vec::new(),
        attrs: ns,
        is_exception,
    })));
    let mut seqs = base_mros;
    seqs.push(bases.clone());
    let mut mro = vec![id];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            break;
        }
        let head = seqs
            .iter()
            .map(|s| s[0])
            .find(|c| !seqs.iter().any(|s| s[1..].contains(c)));
        let Some(head) = head else {
            return Err(vm.error(
                "TypeError",
                "Cannot create a consistent method resolution order (MRO)",
            ));
        };
        mro.push(head);
        for s in &mut seqs {
            if s[0] == head {
                s.remove(0);
            }
        }
    }
    let functions: Vec<ObjId> = match vm.heap.get_mut(id) {
        Obj::Class(c) => {
            c.mro = mro;
            c.attrs
                .values()
                .filter_map(|v| match v {
                    Value::Obj(f) => Some(*f),
                    _ => None,
                })
                .collect()
        }
        _ => Vec::new(),
    };
    // Methods learn their class, for `super()`.
    for f in functions {
        let target = match vm.heap.get(f) {
            Obj::StaticMethod(Value::Obj(g)) | Obj::ClassMethod(Value::Obj(g)) => *g,
            Obj::Property(Value::Obj(g), _) => *g,
            _ => f,
        };
        if let Obj::Function(func) = vm.heap.get_mut(target)
            && func.owner.is_none()
        {
            func.owner = Some(id);
        }
    }
    Ok(Value::Obj(id))
}

/// The `__init_subclass__` of a new class's parents (a class method even
/// undecorated), which hears of the class.
pub(crate) fn init_subclass_hook(vm: &mut Vm, class: Value) -> Option<Value> {
    let Value::Obj(id) = class else { return None };
    let hook = match vm.heap.get(id) {
        Obj::Class(c) => c
            .mro
            .get(1..)
            .unwrap_or(&[])
            .iter()
            .find_map(|k| match vm.heap.get(*k) {
                Obj::Class(k) => k.attrs.get("__init_subclass__").copied(),
                _ => None,
            }),
        _ => None,
    };
    let Some(Value::Obj(hook)) = hook else {
        return None;
    };
    Some(match vm.heap.get(hook) {
        Obj::ClassMethod(f) => *f,
        _ => Value::Obj(hook),
    })
}

/// The attribute `name` of a class, searched along its MRO.
pub(crate) fn class_attr(vm: &Vm, class: ObjId, name: &str) -> Option<Value> {
    let Obj::Class(c) = vm.heap.get(class) else {
        return None;
    };
    c.mro.iter().find_map(|c| match vm.heap.get(*c) {
        Obj::Class(k) => k.attrs.get(name).copied(),
        _ => None,
    })
}

/// The class of an instance.
pub(crate) fn class_of(vm: &Vm, v: Value) -> Option<ObjId> {
    match v {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Instance(inst) => Some(inst.class),
            _ => None,
        },
        _ => None,
    }
}

/// The dunder method `name` of `v`'s class, if `v` is an instance whose
/// class defines it.
pub(crate) fn dunder(vm: &Vm, v: Value, name: &str) -> Option<Value> {
    let class = class_of(vm, v)?;
    class_attr(vm, class, name)
}

/// Calls `v.name(args...)` if the class defines it.
pub(crate) fn call_dunder(
    vm: &mut Vm,
    v: Value,
    name: &str,
    args: Vec<Value>,
) -> Option<Result<Value, Exc>> {
    let f = dunder(vm, v, name)?;
    let mut full = Vec::with_capacity(args.len() + 1);
    full.push(v);
    full.extend(args);
    Some(vm.call_sync(f, full))
}

/// Binds a class attribute found for `obj`.
pub(crate) fn bind(vm: &mut Vm, v: Value, obj: Value, class: ObjId) -> Result<Value, Exc> {
    let Value::Obj(id) = v else { return Ok(v) };
    Ok(match vm.heap.get(id) {
        Obj::Function(_) => Value::Obj(vm.heap.alloc(Obj::BoundMethod(obj, v))),
        Obj::StaticMethod(f) => *f,
        Obj::ClassMethod(f) => {
            let f = *f;
            Value::Obj(vm.heap.alloc(Obj::BoundMethod(Value::Obj(class), f)))
        }
        Obj::Property(getter, _) => {
            let getter = *getter;
            vm.call_sync(getter, vec![obj])?
        }
        _ => v,
    })
}

/// Calling a class: a new instance, initialised by `__init__`.
pub(crate) fn instantiate(
    vm: &mut Vm,
    class: ObjId,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> Result<(), Exc> {
    let (is_exception, name) = match vm.heap.get(class) {
        Obj::Class(c) => (c.is_exception, c.name.clone()),
        _ => unreachable!("instantiate is called on classes"),
    };
    let instance = if is_exception {
        match vm.instantiate_exception(class, args.clone()) {
            Value::Obj(id) => id,
            _ => unreachable!("exceptions are objects"),
        }
    } else {
        vm.heap.alloc(Obj::Instance(Instance {
            class,
            attrs: Attrs::default(),
        }))
    };
    match class_attr(vm, class, "__init__") {
        Some(Value::Obj(f)) if matches!(vm.heap.get(f), Obj::Function(_)) => {
            let func = match vm.heap.get(f) {
                Obj::Function(func) => func.clone(),
                _ => unreachable!("checked"),
            };
            let mut full = Vec::with_capacity(args.len() + 1);
            full.push(Value::Obj(instance));
            full.extend(args);
            vm.push_frame(f, &func, full, kwargs)?;
            if let Some(frame) = vm.frames.last_mut() {
                frame.on_return = OnReturn::Init(instance);
            }
            Ok(())
        }
        _ => {
            if !is_exception && (!args.is_empty() || !kwargs.is_empty()) {
                return Err(vm.error("TypeError", format!("{name}() takes no arguments")));
            }
            vm.push_value(Value::Obj(instance));
            Ok(())
        }
    }
}

/// `super()` in a method: the method's class and its first argument.
pub(crate) fn make_super(vm: &mut Vm) -> Result<Value, Exc> {
    let frame = vm.frames.last().expect("a frame");
    let owner = frame.func.and_then(|f| match vm.heap.get(f) {
        Obj::Function(func) => func.owner,
        _ => None,
    });
    let first = vm.frames.first_local();
    match (owner, first) {
        (Some(class), Some(obj)) => Ok(Value::Obj(vm.heap.alloc(Obj::Super(class, obj)))),
        _ => Err(vm.error("RuntimeError", "super(): no arguments")),
    }
}

/// An attribute looked up through `super()`: the classes after `class` in
/// the MRO of the object's type.
pub(crate) fn super_attr(vm: &mut Vm, class: ObjId, obj: Value, name: &str) -> Result<Value, Exc> {
    let obj_class = match obj {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Instance(inst) => inst.class,
            Obj::Class(_) => id,
            _ => class,
        },
        _ => class,
    };
    let mro = match vm.heap.get(obj_class) {
        Obj::Class(c) => c.mro.clone(),
        _ => Vec::new(),
    };
    let after = mro.iter().position(|c| *c == class).map_or(0, |p| p + 1);
    for c in &mro[after..] {
        let found = match vm.heap.get(*c) {
            Obj::Class(k) => k.attrs.get(name).copied(),
            _ => None,
        };
        if let Some(v) = found {
            return bind(vm, v, obj, obj_class);
        }
    }
    if name == "__init__" || name == "__init_subclass__" {
        // object.__init__ / BaseException.__init__ / object.__init_subclass__.
        let b = crate::builtins::internal(vm, name);
        return Ok(Value::Obj(vm.heap.alloc(Obj::Method(obj, b))));
    }
    // `object`'s other methods (`super().__repr__()`).
    if let Some(b) = crate::builtins::type_method(vm, crate::heap::TypeKind::Object, name) {
        return Ok(Value::Obj(vm.heap.alloc(Obj::Method(obj, b))));
    }
    Err(vm.error(
        "AttributeError",
        format!("'super' object has no attribute '{name}'"),
    ))
}
