//! Script classes: building them from a class body, instances, attribute
//! lookup along the method resolution order, bound methods, `super()`,
//! and calling dunder methods for the built-in operations.

use std::rc::Rc;

use crate::heap::{Attrs, Class, Instance, Obj, TypeKind};
use crate::value::{ObjId, Value};
use crate::vm::{Exc, OnReturn, Vm};

/// Builds a class when its body has run (C3 method resolution order).
pub(crate) fn build_class(
    vm: &mut Vm,
    name: Rc<str>,
    bases: Vec<ObjId>,
    ns: Attrs,
    meta: Option<ObjId>,
) -> Result<Value, Exc> {
    let mut base_mros: Vec<Vec<ObjId>> = Vec::new();
    let mut is_exception = false;
    let mut native = None;
    let mut metaclass = meta;
    for b in &bases {
        match vm.heap.get(*b) {
            Obj::Class(c) => {
                is_exception |= c.is_exception;
                // The most derived metaclass of the bases, when none is
                // given (`type(name, bases, ns)`).
                if let Some(m) = c.metaclass
                    && metaclass.is_none_or(|w| w != m && is_subclass_id(vm, m, w))
                {
                    metaclass = Some(m);
                }
                if let Some(k) = c.native {
                    if native.is_some_and(|n| !same_layout(n, k)) {
                        return Err(
                            vm.error("TypeError", "multiple bases have instance lay-out conflict")
                        );
                    }
                    native = Some(k);
                }
                base_mros.push(c.mro.clone());
            }
            _ => {
                return Err(vm.error("TypeError", "bases must be classes"));
            }
        }
    }
    if is_exception && native.is_some() {
        return Err(vm.error("TypeError", "multiple bases have instance lay-out conflict"));
    }
    let id = vm.heap.alloc(Obj::Class(Box::new(Class {
        name: name.clone(),
        bases: bases.clone(),
        mro: Vec::new(),
        attrs: ns,
        is_exception,
        native,
        proxy: false,
        metaclass,
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
        let targets: Vec<Value> = match vm.heap.get(f) {
            Obj::StaticMethod(g) | Obj::ClassMethod(g) => vec![*g],
            Obj::Property(p) => vec![p.fget, p.fset, p.fdel],
            _ => vec![Value::Obj(f)],
        };
        for target in targets {
            if let Value::Obj(target) = target
                && let Obj::Function(func) = vm.heap.get_mut(target)
                && func.owner.is_none()
            {
                func.owner = Some(id);
            }
        }
    }
    record_slots(vm, id);
    // Attributes that want to know their name and class (`__set_name__`).
    let named: Vec<(Rc<str>, Value, Value)> = match vm.heap.get(id) {
        Obj::Class(c) => c
            .attrs
            .iter()
            .filter_map(|(n, v)| Some((n.clone(), *v, dunder(vm, *v, "__set_name__")?)))
            .collect(),
        _ => Vec::new(),
    };
    for (n, v, f) in named {
        let n = vm.str_value(&n);
        vm.call_sync(f, vec![v, Value::Obj(id), n])?;
    }
    Ok(Value::Obj(id))
}

/// The hidden class attribute holding the names a `__slots__` class's
/// instances may have.
pub(crate) const SLOTS_KEY: &str = "\0slots";

/// When every script class in a new class's MRO names its `__slots__`
/// (none of them `__dict__`), records the names its instances may take:
/// any other is refused, as CPython refuses it.
fn record_slots(vm: &mut Vm, id: ObjId) {
    let Obj::Class(c) = vm.heap.get(id) else {
        return;
    };
    if c.is_exception {
        return;
    }
    let mut names: Vec<Value> = Vec::new();
    for k in &c.mro {
        let Obj::Class(k) = vm.heap.get(*k) else {
            return;
        };
        if k.proxy {
            continue;
        }
        let Some(slots) = k.attrs.get("__slots__").copied() else {
            return;
        };
        let items: Vec<Value> = match slots {
            Value::Obj(s) => match vm.heap.get(s) {
                Obj::Str(_) => vec![slots],
                Obj::Tuple(items) | Obj::List(items) => items.clone(),
                _ => return,
            },
            _ => return,
        };
        for item in items {
            match crate::builtins::str_content(vm, item) {
                Some(n) if &*n == "__dict__" => return,
                Some(_) => names.push(item),
                None => return,
            }
        }
    }
    let names = Value::Obj(vm.heap.alloc(Obj::Tuple(names)));
    if let Obj::Class(c) = vm.heap.get_mut(id) {
        c.attrs.insert(Rc::from(SLOTS_KEY), names);
    }
}

/// The AttributeError for setting `name` on an instance of a `__slots__`
/// class that has no such slot (CPython's message); None when allowed.
pub(crate) fn slots_refuse(vm: &mut Vm, class: ObjId, obj: Value, name: &str) -> Option<Exc> {
    if !slots_would_refuse(vm, class, name) {
        return None;
    }
    let t = crate::builtins::type_name(vm, obj);
    Some(vm.error(
        "AttributeError",
        format!("'{t}' object has no attribute '{name}'"),
    ))
}

/// Whether `class` has a data descriptor (a property, or an instance
/// whose class defines `__set__` or `__delete__`) named `name`, which
/// takes the name over from its instances' own attributes.
pub(crate) fn data_descriptor_named(vm: &Vm, class: ObjId, name: &str) -> bool {
    let Some(d) = class_attr(vm, class, name) else {
        return false;
    };
    if let Value::Obj(p) = d
        && matches!(vm.heap.get(p), Obj::Property(_))
    {
        return true;
    }
    descriptor(vm, d).is_some_and(|d| d.is_data())
}

/// `obj.__class__ = v`: CPython's checks, then the object's class (an
/// instance's class, a class's metaclass) changes. Objects of built-in
/// types keep theirs.
pub(crate) fn set_class(vm: &mut Vm, obj: Value, v: Value) -> Result<(), Exc> {
    let new = match v {
        Value::Obj(c) if matches!(vm.heap.get(c), Obj::Class(_) | Obj::Type(_)) => c,
        _ => {
            let t = crate::builtins::type_name(vm, v);
            return Err(vm.error(
                "TypeError",
                format!("__class__ must be set to a class, not '{t}' object"),
            ));
        }
    };
    let Value::Obj(id) = obj else {
        return Err(vm.error("TypeError", IMMUTABLE_CLASS));
    };
    // The class to replace: an instance's, or a class's metaclass (None
    // for `type`, a built-in type).
    let old = match vm.heap.get(id) {
        Obj::Instance(inst) => Some(inst.class),
        Obj::Class(c) => c.metaclass,
        _ => None,
    };
    let Some(old) = old else {
        return Err(vm.error("TypeError", IMMUTABLE_CLASS));
    };
    if is_static(vm, old) || is_static(vm, new) {
        return Err(vm.error("TypeError", IMMUTABLE_CLASS));
    }
    if !assignable_layout(vm, new, old) {
        let name = |vm: &Vm, c: ObjId| match vm.heap.get(c) {
            Obj::Class(k) => k.name.clone(),
            _ => Rc::from("?"),
        };
        let (n, o) = (name(vm, new), name(vm, old));
        return Err(vm.error(
            "TypeError",
            format!("__class__ assignment: '{n}' object layout differs from '{o}'"),
        ));
    }
    match vm.heap.get_mut(id) {
        Obj::Instance(inst) => inst.class = new,
        Obj::Class(c) => c.metaclass = Some(new),
        _ => {}
    }
    // What the instance is changes what class lookups decide when it is
    // itself a class's attribute (a descriptor): the caches start over.
    vm.heap.bump_class_epoch();
    Ok(())
}

/// CPython's refusal to change the class of an object of a built-in
/// (static) type, or to give an object one.
const IMMUTABLE_CLASS: &str =
    "__class__ assignment only supported for mutable types or ModuleType subclasses";

/// The classes of Shoal's standard modules that are C types in CPython.
const STATIC_STDLIB: &[(&str, &str)] = &[
    ("collections", "OrderedDict"),
    ("collections", "defaultdict"),
    ("collections", "deque"),
    ("io", "StringIO"),
    ("io", "BytesIO"),
    ("io", "TextIOWrapper"),
    ("_io", "StringIO"),
    ("_io", "BytesIO"),
    ("_io", "TextIOWrapper"),
    ("functools", "partial"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "time"),
    ("datetime", "timedelta"),
    ("datetime", "timezone"),
    ("datetime", "tzinfo"),
    ("array", "array"),
];

/// Whether `class` is a built-in (static) type in CPython: not a class a
/// script made (`object`, a built-in exception class, a built-in type's
/// stand-in, a C type of the standard library).
fn is_static(vm: &Vm, class: ObjId) -> bool {
    let Obj::Class(c) = vm.heap.get(class) else {
        return true;
    };
    if c.proxy
        || vm.exc_classes.iter().any(|(_, e)| *e == class)
        || vm.builtins.get("\0object_class") == Some(&Value::Obj(class))
    {
        return true;
    }
    let module = c
        .attrs
        .get("__module__")
        .and_then(|m| crate::builtins::str_content(vm, *m));
    match module.as_deref() {
        Some("itertools") => true,
        Some(m) => STATIC_STDLIB.contains(&(m, &*c.name)),
        None => false,
    }
}

/// The class `class` derives its layout from: its first base, else
/// `object`.
fn layout_base(vm: &Vm, class: ObjId) -> Option<ObjId> {
    match vm.heap.get(class) {
        Obj::Class(c) => c.bases.first().copied(),
        _ => None,
    }
}

/// The names of a class's own `__slots__` (None without them).
fn own_slots(vm: &Vm, class: ObjId) -> Option<Vec<Rc<str>>> {
    let Obj::Class(c) = vm.heap.get(class) else {
        return None;
    };
    let slots = c.attrs.get("__slots__").copied()?;
    let items = match slots {
        Value::Obj(s) => match vm.heap.get(s) {
            Obj::Str(_) => vec![slots],
            Obj::Tuple(items) | Obj::List(items) => items.clone(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    Some(
        items
            .iter()
            .filter_map(|v| crate::builtins::str_content(vm, *v))
            .collect(),
    )
}

/// Whether instances of `class` have a `__dict__`.
fn has_dict(vm: &Vm, class: ObjId) -> bool {
    if is_static(vm, class) {
        // Exceptions have one; other built-in types none.
        return matches!(vm.heap.get(class), Obj::Class(c) if c.is_exception);
    }
    match own_slots(vm, class) {
        None => true,
        Some(names) => {
            names.iter().any(|n| &**n == "__dict__")
                || layout_base(vm, class).is_some_and(|b| has_dict(vm, b))
        }
    }
}

/// What a script class adds to its base's instances: a `__dict__`, and
/// its slots (sorted, as CPython sorts them).
fn adds(vm: &Vm, class: ObjId) -> (bool, Vec<Rc<str>>) {
    let base_dict = layout_base(vm, class).is_some_and(|b| has_dict(vm, b));
    let dict = has_dict(vm, class) && !base_dict;
    let mut slots: Vec<Rc<str>> = own_slots(vm, class)
        .unwrap_or_default()
        .into_iter()
        .filter(|n| !matches!(&**n, "__dict__" | "__weakref__"))
        .collect();
    slots.sort();
    (dict, slots)
}

/// The nearest class on `class`'s line of bases that adds something to
/// the layout (or the built-in type at its root).
fn solid(vm: &Vm, mut class: ObjId) -> ObjId {
    while !is_static(vm, class) && adds(vm, class) == (false, Vec::new()) {
        match layout_base(vm, class) {
            Some(b) => class = b,
            None => break,
        }
    }
    class
}

/// Whether two classes are one type: the same class, or stand-ins of
/// one built-in type (each class deriving from a built-in type has its
/// own).
fn same_type(vm: &Vm, a: Option<ObjId>, b: Option<ObjId>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            a == b
                || matches!((vm.heap.get(a), vm.heap.get(b)),
                    (Obj::Class(x), Obj::Class(y)) if x.proxy && y.proxy && x.native == y.native)
        }
        (None, None) => true,
        _ => false,
    }
}

/// CPython's `compatible_for_assignment`: the two classes lay their
/// instances out alike.
fn assignable_layout(vm: &Vm, new: ObjId, old: ObjId) -> bool {
    let (a, b) = (solid(vm, new), solid(vm, old));
    if same_type(vm, Some(a), Some(b)) {
        return true;
    }
    if is_static(vm, a)
        || is_static(vm, b)
        || !same_type(vm, layout_base(vm, a), layout_base(vm, b))
    {
        return false;
    }
    let added = adds(vm, a);
    if added != adds(vm, b) {
        return false;
    }
    // A `__dict__` added to a variable-sized built-in (int, tuple, bytes)
    // sits at a place that depends on the class.
    let var_sized = match vm.heap.get(a) {
        Obj::Class(c) => c.mro.iter().any(|m| {
            matches!(vm.heap.get(*m), Obj::Class(k)
                if matches!(k.native, Some(TypeKind::Int | TypeKind::Tuple | TypeKind::Bytes)))
        }),
        _ => false,
    };
    !(added.0 && var_sized)
}

/// Whether the `__slots__` of `class` leave out `name`.
pub(crate) fn slots_would_refuse(vm: &Vm, class: ObjId, name: &str) -> bool {
    let Obj::Class(c) = vm.heap.get(class) else {
        return false;
    };
    let Some(Value::Obj(names)) = c.attrs.get(SLOTS_KEY).copied() else {
        return false;
    };
    match vm.heap.get(names) {
        Obj::Tuple(items) => !items
            .iter()
            .any(|v| crate::builtins::str_content(vm, *v).is_some_and(|n| &*n == name)),
        _ => false,
    }
}

/// The base classes a class statement (or `type(name, bases, ns)`)
/// names, as class ids: `object` is left out (every class has its
/// methods), a built-in type becomes the proxy that stands for it.
pub(crate) fn class_bases(vm: &mut Vm, bases: &[Value]) -> Result<Vec<ObjId>, Exc> {
    let mut ids = Vec::new();
    for b in bases {
        match *b {
            Value::Obj(id) if matches!(vm.heap.get(id), Obj::Class(_)) => ids.push(id),
            Value::Obj(id) if matches!(vm.heap.get(id), Obj::Type(TypeKind::Object)) => {}
            Value::Obj(id) if let Obj::Type(kind) = *vm.heap.get(id) => {
                if !subclassable(kind) && kind != TypeKind::Type {
                    return Err(vm.error(
                        "TypeError",
                        format!("type '{}' is not an acceptable base type", kind.name()),
                    ));
                }
                ids.push(native_proxy(vm, kind));
            }
            _ => return Err(vm.error("TypeError", "bases must be types")),
        }
    }
    Ok(ids)
}

/// `type(name, bases, ns)`: a class made from its parts.
pub(crate) fn class_from_parts(
    vm: &mut Vm,
    name: Value,
    bases: Value,
    ns: Value,
    meta: Option<ObjId>,
) -> Result<Value, Exc> {
    let Some(name) = crate::builtins::str_content(vm, name) else {
        let t = crate::builtins::type_name(vm, name);
        return Err(vm.error(
            "TypeError",
            format!("type.__new__() argument 1 must be str, not {t}"),
        ));
    };
    let bases = match bases {
        Value::Obj(id) if matches!(vm.heap.get(id), Obj::Tuple(_)) => match vm.heap.get(id) {
            Obj::Tuple(items) => items.clone(),
            _ => Vec::new(),
        },
        _ => {
            let t = crate::builtins::type_name(vm, bases);
            return Err(vm.error(
                "TypeError",
                format!("type.__new__() argument 2 must be tuple, not {t}"),
            ));
        }
    };
    let pairs: Vec<(Value, Value)> = match ns {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Dict(d) => d.values().copied().collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    if !matches!(ns, Value::Obj(id) if matches!(vm.heap.get(id), Obj::Dict(_))) {
        let t = crate::builtins::type_name(vm, ns);
        return Err(vm.error(
            "TypeError",
            format!("type.__new__() argument 3 must be dict, not {t}"),
        ));
    }
    let mut attrs = Attrs::default();
    for (k, v) in pairs {
        let Some(k) = crate::builtins::str_content(vm, k) else {
            continue;
        };
        attrs.insert(k, v);
    }
    if !attrs.contains_key("__module__") {
        let module = vm.str_value("__main__");
        attrs.insert(Rc::from("__module__"), module);
    }
    attrs.entry(Rc::from("__doc__")).or_insert(Value::None);
    let ids = class_bases(vm, &bases)?;
    build_class(vm, name, ids, attrs, meta)
}

/// Whether class `sub` is `sup` or derives from it.
pub(crate) fn is_subclass_id(vm: &Vm, sub: ObjId, sup: ObjId) -> bool {
    match vm.heap.get(sub) {
        Obj::Class(c) => c.mro.contains(&sup),
        _ => false,
    }
}

/// Whether `v` is a metaclass: a script class deriving from `type`.
pub(crate) fn is_metaclass(vm: &Vm, v: Value) -> bool {
    matches!(v, Value::Obj(id) if matches!(vm.heap.get(id), Obj::Class(c) if c.native == Some(TypeKind::Type)))
}

/// The metaclass of `v`, when `v` is a class made by one (not `type`).
pub(crate) fn metaclass_of(vm: &Vm, v: Value) -> Option<ObjId> {
    match v {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Class(c) => c.metaclass,
            _ => None,
        },
        _ => None,
    }
}

/// An attribute a metaclass defines in script code (its MRO without the
/// stand-in for `type`, whose methods the VM applies to classes itself).
pub(crate) fn meta_attr(vm: &Vm, meta: ObjId, name: &str) -> Option<Value> {
    let Obj::Class(c) = vm.heap.get(meta) else {
        return None;
    };
    c.mro.iter().find_map(|c| match vm.heap.get(*c) {
        Obj::Class(k) if !k.proxy => k.attrs.get(name).copied(),
        _ => None,
    })
}

/// The metaclass a class statement calls (CPython's rule): the most
/// derived of the one given and its bases' metaclasses; None for `type`.
/// A `metaclass=` that is no class (a function) is called as it is.
pub(crate) fn calculate_meta(
    vm: &mut Vm,
    explicit: Option<Value>,
    bases: &[ObjId],
) -> Result<Option<Value>, Exc> {
    let mut winner = match explicit {
        None => None,
        Some(v) if is_metaclass(vm, v) => match v {
            Value::Obj(id) => Some(id),
            _ => None,
        },
        Some(Value::Obj(id)) if matches!(vm.heap.get(id), Obj::Type(TypeKind::Type)) => None,
        Some(v) => return Ok(Some(v)),
    };
    for b in bases {
        let Some(m) = metaclass_of(vm, Value::Obj(*b)) else {
            continue;
        };
        match winner {
            None => winner = Some(m),
            Some(w) if is_subclass_id(vm, w, m) => {}
            Some(w) if is_subclass_id(vm, m, w) => winner = Some(m),
            Some(_) => {
                return Err(vm.error(
                    "TypeError",
                    "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
                ));
            }
        }
    }
    Ok(winner.map(Value::Obj))
}

/// The namespace a class body starts with: what its metaclass's
/// `__prepare__` returns (a dict; other mappings are not supported),
/// empty without one.
pub(crate) fn prepare_namespace(
    vm: &mut Vm,
    meta: Option<Value>,
    name: &str,
    bases: &[ObjId],
    keywords: &[(Rc<str>, Value)],
) -> Result<Attrs, Exc> {
    let mut ns = Attrs::default();
    let Some(Value::Obj(m)) = meta else {
        return Ok(ns);
    };
    if !is_metaclass(vm, Value::Obj(m)) || meta_attr(vm, m, "__prepare__").is_none() {
        return Ok(ns);
    }
    let prepare = vm.get_attr_pub(Value::Obj(m), "__prepare__")?;
    let name = vm.str_value(name);
    let shown = shown_bases(vm, bases);
    let bases = Value::Obj(vm.heap.alloc(Obj::Tuple(shown)));
    let made = if keywords.is_empty() {
        vm.call_sync(prepare, vec![name, bases])?
    } else {
        let args = Value::Obj(vm.heap.alloc(Obj::Tuple(vec![name, bases])));
        let kw = crate::builtins::names_dict(vm, keywords.to_vec());
        let helper = vm.shoal_helper("call_kw")?;
        vm.call_sync(helper, vec![prepare, args, kw])?
    };
    // A dict, or a dict subclass's instance (its items: the class body's
    // names go to the class namespace, not through its `__setitem__`).
    let dict = match made {
        Value::Obj(id) if matches!(vm.heap.get(id), Obj::Dict(_)) => Some(id),
        _ => match native_value(vm, made) {
            Some(Value::Obj(id)) if matches!(vm.heap.get(id), Obj::Dict(_)) => Some(id),
            _ => None,
        },
    };
    let Some(dict) = dict else {
        if crate::classes::dunder(vm, made, "__getitem__").is_some() {
            return Err(vm.error(
                "NotImplementedError",
                "a __prepare__ that returns a mapping other than a dict is not supported by Shoal's script language",
            ));
        }
        let meta_name = match vm.heap.get(m) {
            Obj::Class(c) => c.name.clone(),
            _ => Rc::from("type"),
        };
        let t = crate::builtins::type_name(vm, made);
        return Err(vm.error(
            "TypeError",
            format!("{meta_name}.__prepare__() must return a mapping, not {t}"),
        ));
    };
    let pairs: Vec<(Value, Value)> = match vm.heap.get(dict) {
        Obj::Dict(d) => d.values().copied().collect(),
        _ => Vec::new(),
    };
    for (k, v) in pairs {
        if let Some(k) = crate::builtins::str_content(vm, k) {
            ns.insert(k, v);
        }
    }
    Ok(ns)
}

/// The classes `isinstance`/`issubclass` test against: a tuple's items
/// and a union's members (`int | None`), flattened.
pub(crate) fn check_targets(vm: &mut Vm, target: Value) -> Vec<Value> {
    let mut out = Vec::new();
    let mut todo = vec![target];
    while let Some(t) = todo.pop() {
        let Value::Obj(id) = t else {
            out.push(t);
            continue;
        };
        match vm.heap.get(id) {
            Obj::Tuple(items) if out.len() + todo.len() < 10_000 => {
                todo.extend(items.iter().rev().copied());
            }
            Obj::Instance(inst)
                if matches!(vm.heap.get(inst.class), Obj::Class(c) if &*c.name == "UnionType")
                    && class_attr(vm, inst.class, "_shoal_type_form").is_some() =>
            {
                match inst.attrs.get("__args__").copied() {
                    Some(Value::Obj(a)) if let Obj::Tuple(items) = vm.heap.get(a) => {
                        todo.extend(items.iter().rev().copied());
                    }
                    _ => out.push(t),
                }
            }
            _ => out.push(t),
        }
    }
    out
}

/// The `__instancecheck__`/`__subclasscheck__` (`name`) the metaclass of
/// class `target` defines in script code, if any.
pub(crate) fn type_check_hook(vm: &Vm, target: Value, name: &str) -> Option<Value> {
    meta_attr(vm, metaclass_of(vm, target)?, name)
}

/// The bases of a class as the script named them (a built-in type's
/// stand-in shown as the type).
pub(crate) fn shown_bases(vm: &mut Vm, bases: &[ObjId]) -> Vec<Value> {
    let mut out = Vec::with_capacity(bases.len());
    for b in bases {
        let kind = match vm.heap.get(*b) {
            Obj::Class(c) if c.proxy => c.native,
            _ => None,
        };
        out.push(match kind {
            Some(k) => type_object(vm, k),
            None => Value::Obj(*b),
        });
    }
    out
}

/// `type(name, bases, ns, **kw)`: the bases' most derived metaclass
/// makes the class when it is a script one; otherwise a class, then its
/// parents' `__init_subclass__(**kw)`. The result is pushed.
pub(crate) fn type_call(
    vm: &mut Vm,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> Result<(), Exc> {
    let items = match args[1] {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Tuple(items) => Some(items.clone()),
            _ => None,
        },
        _ => None,
    };
    if let Some(items) = items {
        let ids = class_bases(vm, &items)?;
        if let Some(meta) = calculate_meta(vm, None, &ids)? {
            return vm.call(meta, args, kwargs);
        }
    }
    let class = class_from_parts(vm, args[0], args[1], args[2], None)?;
    match init_subclass_call(vm, class, kwargs)? {
        Some((f, a)) => vm.call_then(f, a, crate::vm::Cont::Replace(Some(class))),
        None => {
            vm.push_value(class);
            Ok(())
        }
    }
}

/// Whether two built-in types have one instance layout (a class may
/// derive from both).
fn same_layout(a: TypeKind, b: TypeKind) -> bool {
    a == b
}

/// The built-in types a script class may derive from.
pub(crate) fn subclassable(kind: TypeKind) -> bool {
    use TypeKind::*;
    matches!(
        kind,
        Int | Float
            | Str
            | List
            | Tuple
            | Dict
            | Set
            | FrozenSet
            | Bytes
            | ByteArray
            | Tasklet
            | Channel
    )
}

/// Methods of a built-in type a subclass does not take from it: its
/// instances keep a script instance's attributes, `dir` and hooks.
const NOT_INHERITED: [&str; 8] = [
    "__getattribute__",
    "__setattr__",
    "__delattr__",
    "__dir__",
    "__init_subclass__",
    "__subclasshook__",
    "__getstate__",
    "__class_getitem__",
];

/// The type object of `kind` (`list`), as the builtins hold it.
pub(crate) fn type_object(vm: &mut Vm, kind: TypeKind) -> Value {
    let found = vm.builtins.get(kind.name()).copied().or_else(|| {
        let module = match kind {
            TypeKind::Tasklet | TypeKind::Channel => "stackless",
            _ => return None,
        };
        vm.module_attr(module, kind.name())
    });
    match found {
        Some(Value::Obj(id)) if matches!(vm.heap.get(id), Obj::Type(k) if *k == kind) => {
            Value::Obj(id)
        }
        // The types no builtin names (`type(None)`): one object each,
        // kept under a hidden name, so `type(None) is type(None)`.
        _ => {
            let key: Rc<str> = Rc::from(format!("\0type {}", kind.name()));
            if let Some(Value::Obj(id)) = vm.builtins.get(&key).copied()
                && matches!(vm.heap.get(id), Obj::Type(k) if *k == kind)
            {
                return Value::Obj(id);
            }
            let t = Value::Obj(vm.heap.alloc(Obj::Type(kind)));
            vm.builtins.insert(key, t);
            t
        }
    }
}

/// The class that stands for built-in type `kind` in the MRO of a class
/// deriving from it: its attributes are the type's methods, unbound
/// (called on an instance, they act on the value the instance holds; see
/// `Vm::call`), and its class methods (`__new__`, `fromkeys`) bound to
/// the type.
pub(crate) fn native_proxy(vm: &mut Vm, kind: TypeKind) -> ObjId {
    use crate::builtins::Owner;
    let mut names: Vec<&'static str> = vm.natives.names_of(Owner::Method(kind)).collect();
    names.sort_unstable();
    let mut attrs = Attrs::default();
    for name in names {
        if NOT_INHERITED.contains(&name) {
            continue;
        }
        // As in CPython, only these types have a `__str__` and a
        // `__format__` of their own: the others' go through `__repr__`
        // (a subclass's own `__repr__` included).
        let own = match name {
            "__str__" => matches!(kind, TypeKind::Str | TypeKind::Bytes | TypeKind::ByteArray),
            "__format__" => matches!(kind, TypeKind::Str | TypeKind::Int | TypeKind::Float),
            _ => true,
        };
        if !own {
            continue;
        }
        if let Some(b) = crate::builtins::type_method(vm, kind, name) {
            let f = vm.heap.alloc(Obj::Unbound(b));
            attrs.insert(Rc::from(name), Value::Obj(f));
        }
    }
    if crate::builtins::unhashable(kind) {
        attrs.insert(Rc::from("__hash__"), Value::None);
    }
    let mut class_methods: Vec<&'static str> =
        vm.natives.names_of(Owner::ClassMethod(kind)).collect();
    class_methods.sort_unstable();
    let t = type_object(vm, kind);
    for name in class_methods {
        if NOT_INHERITED.contains(&name) {
            continue;
        }
        if let Some(b) = crate::builtins::class_method(vm, kind, name) {
            let bound = vm.heap.alloc(Obj::Method(t, b));
            let f = vm.heap.alloc(Obj::StaticMethod(Value::Obj(bound)));
            attrs.insert(Rc::from(name), Value::Obj(f));
        }
    }
    // `type.__call__` for a metaclass's `super().__call__(...)`.
    if kind == TypeKind::Type
        && let Ok(f) = vm.shoal_helper("type_call")
    {
        attrs.insert(Rc::from("__call__"), f);
    }
    // `D.fromkeys(...)` of a `class D(dict)` makes a D, as CPython's does.
    if kind == TypeKind::Dict
        && let Ok(f) = vm.shoal_helper("dict_fromkeys")
    {
        let m = vm.heap.alloc(Obj::ClassMethod(f));
        attrs.insert(Rc::from("fromkeys"), Value::Obj(m));
    }
    let id = vm.heap.alloc(Obj::Class(Box::new(Class {
        name: Rc::from(kind.name()),
        bases: Vec::new(),
        mro: Vec::new(),
        attrs,
        is_exception: false,
        native: Some(kind),
        proxy: true,
        metaclass: None,
    })));
    if let Obj::Class(c) = vm.heap.get_mut(id) {
        c.mro = vec![id];
    }
    id
}

/// The built-in value an instance of a class deriving from a built-in
/// type holds (the list of a `class L(list)` instance).
pub(crate) fn native_value(vm: &Vm, v: Value) -> Option<Value> {
    match v {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Instance(inst) if !inst.native.is_none() => Some(match vm.heap.get(inst.native) {
                Obj::Cell(v) => *v,
                _ => Value::Obj(inst.native),
            }),
            _ => None,
        },
        _ => None,
    }
}

/// The value whose hash and equality an instance has: the value it
/// holds, when its class derives from a hashable built-in type and
/// defines neither `__hash__` nor `__eq__` itself.
pub(crate) fn native_hash(vm: &Vm, v: Value) -> Option<Value> {
    let inner = native_value(vm, v)?;
    let class = class_of(vm, v)?;
    let Obj::Class(c) = vm.heap.get(class) else {
        return None;
    };
    for k in &c.mro {
        if let Obj::Class(k) = vm.heap.get(*k) {
            if k.proxy {
                return (!matches!(k.attrs.get("__hash__"), Some(Value::None))).then_some(inner);
            }
            if k.attrs.contains_key("__hash__") || k.attrs.contains_key("__eq__") {
                return None;
            }
        }
    }
    None
}

/// The built-in value an instance holds when its class iterates it as
/// the built-in type does (no `__iter__` of its own; CPython's `dict(d)`
/// and `list(l)` then read the value directly); `v` otherwise.
pub(crate) fn plain_native(vm: &Vm, v: Value) -> Value {
    let Some(inner) = native_value(vm, v) else {
        return v;
    };
    let Some(class) = class_of(vm, v) else {
        return v;
    };
    let Obj::Class(c) = vm.heap.get(class) else {
        return v;
    };
    for k in &c.mro {
        if let Obj::Class(k) = vm.heap.get(*k) {
            if k.proxy {
                return inner;
            }
            if k.attrs.contains_key("__iter__") {
                return v;
            }
        }
    }
    v
}

/// Ties a tasklet an instance holds (`class T(stackless.tasklet)`) back to
/// the instance, which scripts then see as the tasklet.
pub(crate) fn link_native(vm: &mut Vm, instance: ObjId) {
    let held = match vm.heap.get(instance) {
        Obj::Instance(inst) if !inst.native.is_none() => inst.native,
        _ => return,
    };
    if let Obj::Tasklet(t) = vm.heap.get_mut(held) {
        t.instance = instance;
    }
}

/// Where an instance keeps built-in value `v`: the object, or a new
/// cell holding an int or a float.
fn native_slot(vm: &mut Vm, v: Value) -> ObjId {
    match v {
        Value::Obj(id) => id,
        other => vm.heap.alloc(Obj::Cell(other)),
    }
}

/// `v`, or the built-in value it holds.
pub(crate) fn unwrap_native(vm: &Vm, v: Value) -> Value {
    native_value(vm, v).unwrap_or(v)
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

/// The call that tells a new class's parents of it: their
/// `__init_subclass__` with the class's keyword arguments (through
/// `<shoal>.init_subclass`, which returns the class); None when no parent
/// defines one and there are no keywords.
pub(crate) fn init_subclass_call(
    vm: &mut Vm,
    class: Value,
    kwargs: Vec<(Rc<str>, Value)>,
) -> Result<Option<(Value, Vec<Value>)>, Exc> {
    let Some(hook) = init_subclass_hook(vm, class) else {
        if kwargs.is_empty() {
            return Ok(None);
        }
        let name = match class {
            Value::Obj(id) => match vm.heap.get(id) {
                Obj::Class(c) => c.name.clone(),
                _ => Rc::from("?"),
            },
            _ => Rc::from("?"),
        };
        return Err(vm.error(
            "TypeError",
            format!("{name}.__init_subclass__() takes no keyword arguments"),
        ));
    };
    if kwargs.is_empty() {
        return Ok(Some((hook, vec![class])));
    }
    let kw = crate::builtins::names_dict(vm, kwargs);
    let helper = vm.shoal_helper("init_subclass")?;
    Ok(Some((helper, vec![hook, class, kw])))
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

/// A method a script class defines itself or inherits from script
/// classes (not from a built-in type's stand-in): the `__setattr__` and
/// `__delattr__` hooks.
pub(crate) fn script_hook(vm: &Vm, class: ObjId, name: &str) -> Option<Value> {
    meta_attr(vm, class, name)
}

/// What a descriptor (an instance whose class defines `__get__`,
/// `__set__` or `__delete__`) does.
pub(crate) struct Descriptor {
    /// `__get__(self, obj, owner)`.
    pub get: Option<Value>,
    /// `__set__(self, obj, value)`.
    pub set: Option<Value>,
    /// `__delete__(self, obj)`.
    pub delete: Option<Value>,
}

impl Descriptor {
    /// A data descriptor wins over the instance's own attribute.
    pub fn is_data(&self) -> bool {
        self.set.is_some() || self.delete.is_some()
    }
}

/// `v` as a descriptor, if it is an instance whose class makes it one.
pub(crate) fn descriptor(vm: &Vm, v: Value) -> Option<Descriptor> {
    let class = class_of(vm, v)?;
    let d = Descriptor {
        get: class_attr(vm, class, "__get__"),
        set: class_attr(vm, class, "__set__"),
        delete: class_attr(vm, class, "__delete__"),
    };
    (d.get.is_some() || d.is_data()).then_some(d)
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
/// class defines it, or a class whose metaclass does.
pub(crate) fn dunder(vm: &Vm, v: Value, name: &'static str) -> Option<Value> {
    match class_of(vm, v) {
        Some(class) => {
            // Cached per class while no class changes (see `vm/sites.rs`).
            let key = (class, name.as_ptr() as usize, name.len());
            let epoch = vm.heap.class_epoch();
            if let Some(&(e, found)) = vm.dunders.borrow().get(&key)
                && e == epoch
            {
                return found;
            }
            let found = class_attr(vm, class, name);
            vm.dunders.borrow_mut().insert(key, (epoch, found));
            found
        }
        None => meta_attr(vm, metaclass_of(vm, v)?, name),
    }
}

/// Calls `v.name(args...)` if the class defines it.
pub(crate) fn call_dunder(
    vm: &mut Vm,
    v: Value,
    name: &'static str,
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
        // A built-in type's method found in a subclass's MRO.
        Obj::Unbound(b) => {
            let b = *b;
            Value::Obj(vm.heap.alloc(Obj::Method(obj, b)))
        }
        Obj::StaticMethod(f) => *f,
        Obj::ClassMethod(f) => {
            let f = *f;
            Value::Obj(vm.heap.alloc(Obj::BoundMethod(Value::Obj(class), f)))
        }
        Obj::Property(p) => {
            let getter = p.fget;
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
    let (is_exception, name, native) = match vm.heap.get(class) {
        Obj::Class(c) => (c.is_exception, c.name.clone(), c.native),
        _ => unreachable!("instantiate is called on classes"),
    };
    // A `__new__` of a script class makes the object; `<shoal>.construct`
    // then calls `__init__` on it if it is an instance of the class. A
    // metaclass's instances are made by `type.__new__`.
    let new = script_new(vm, class).or_else(|| {
        if native != Some(TypeKind::Type) {
            return None;
        }
        let t = type_object(vm, TypeKind::Type);
        let b = crate::builtins::class_method(vm, TypeKind::Object, "__new__")?;
        Some(Value::Obj(vm.heap.alloc(Obj::Method(t, b))))
    });
    if let Some(new) = new {
        let construct = vm.shoal_helper("construct")?;
        let args = vm.heap.alloc(Obj::Tuple(args));
        let kw = crate::builtins::names_dict(vm, kwargs);
        return vm.call(
            construct,
            vec![Value::Obj(class), new, Value::Obj(args), kw],
            Vec::new(),
        );
    }
    if let Some(kind) = native {
        return instantiate_native(vm, class, kind, args, kwargs);
    }
    let instance = if is_exception {
        match vm.instantiate_exception(class, args.clone()) {
            Value::Obj(id) => id,
            _ => unreachable!("exceptions are objects"),
        }
    } else {
        vm.heap.alloc(Obj::Instance(Instance {
            class,
            attrs: Attrs::default(),
            native: ObjId::NONE,
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

/// The `__new__` a script class defines (or inherits from another script
/// class), if any: a function, implicitly static.
fn script_new(vm: &Vm, class: ObjId) -> Option<Value> {
    let Obj::Class(c) = vm.heap.get(class) else {
        return None;
    };
    for k in &c.mro {
        if let Obj::Class(k) = vm.heap.get(*k) {
            if k.proxy {
                return None;
            }
            if let Some(v) = k.attrs.get("__new__") {
                return Some(match v {
                    Value::Obj(id) => match vm.heap.get(*id) {
                        Obj::StaticMethod(f) => *f,
                        _ => *v,
                    },
                    _ => *v,
                });
            }
        }
    }
    None
}

/// Calling a class deriving from built-in type `kind` (with no `__new__`
/// of its own): an instance holding a new value of the type (made from
/// the arguments for an immutable type, empty for a mutable one, which
/// `__init__` fills), then its `__init__`.
fn instantiate_native(
    vm: &mut Vm,
    class: ObjId,
    kind: TypeKind,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> Result<(), Exc> {
    // A tasklet is made unbound; its `__init__` binds the function.
    let mutable = matches!(
        kind,
        TypeKind::List | TypeKind::Dict | TypeKind::Set | TypeKind::ByteArray | TypeKind::Tasklet
    );
    let value = if mutable {
        crate::builtins::construct(vm, kind, Vec::new(), Vec::new())?
    } else {
        new_native_value(vm, kind, args.clone(), kwargs.clone())?
    };
    let native = native_slot(vm, value);
    let instance = vm.heap.alloc(Obj::Instance(Instance {
        class,
        attrs: Attrs::default(),
        native,
    }));
    link_native(vm, instance);
    let init = class_attr(vm, class, "__init__");
    let script_init =
        matches!(init, Some(Value::Obj(f)) if matches!(vm.heap.get(f), Obj::Function(_)));
    if !script_init && !mutable {
        // The immutable types' `__init__` is `object`'s, which ignores
        // the arguments `__new__` took.
        vm.push_value(Value::Obj(instance));
        return Ok(());
    }
    let init = bind(vm, init.unwrap_or(Value::None), Value::Obj(instance), class)?;
    vm.call(init, args, kwargs)?;
    if let Some(frame) = vm.frames.last_mut()
        && script_init
    {
        frame.on_return = OnReturn::Init(instance);
    } else {
        // A built-in `__init__` ran at once and pushed None.
        vm.pop_value();
        vm.push_value(Value::Obj(instance));
    }
    Ok(())
}

/// A new value of built-in type `kind` for an instance of a subclass:
/// what calling the type makes (a tasklet or channel takes no arguments
/// here; a subclass's `__init__` binds a tasklet).
fn new_native_value(
    vm: &mut Vm,
    kind: TypeKind,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> Result<Value, Exc> {
    match kind {
        TypeKind::Tasklet | TypeKind::Channel => {
            crate::builtins::construct(vm, kind, Vec::new(), Vec::new())
        }
        _ => crate::builtins::construct(vm, kind, args, kwargs),
    }
}

/// `T.__new__(cls, ...)` for a class `cls` deriving from built-in type
/// `T` (or `object.__new__(cls)`): a new instance of `cls` holding a new
/// value of `T`, not yet initialised.
pub(crate) fn new_instance(
    vm: &mut Vm,
    class: ObjId,
    args: Vec<Value>,
    kwargs: Vec<(Rc<str>, Value)>,
) -> Result<Value, Exc> {
    let (native, is_exception) = match vm.heap.get(class) {
        Obj::Class(c) => (c.native, c.is_exception),
        _ => (None, false),
    };
    if is_exception {
        return Ok(vm.instantiate_exception(class, args));
    }
    if native == Some(TypeKind::Type) {
        // `type.__new__(M, name, bases, ns)`: a class whose metaclass is M.
        let [name, bases, ns] = args[..] else {
            let n = args.len();
            return Err(vm.error(
                "TypeError",
                format!("type.__new__() takes exactly 3 arguments ({n} given)"),
            ));
        };
        return class_from_parts(vm, name, bases, ns, Some(class));
    }
    let native = match native {
        Some(kind) => {
            let value = new_native_value(vm, kind, args, kwargs)?;
            native_slot(vm, value)
        }
        None => ObjId::NONE,
    };
    let instance = vm.heap.alloc(Obj::Instance(Instance {
        class,
        attrs: Attrs::default(),
        native,
    }));
    link_native(vm, instance);
    Ok(Value::Obj(instance))
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
            // A class method's class, or a metaclass method's class.
            Obj::Class(c) if !c.mro.contains(&class) && c.metaclass.is_some() => {
                c.metaclass.unwrap_or(id)
            }
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
    if name == "__new__" {
        // `object.__new__`, static: `super().__new__(cls)`.
        let object = type_object(vm, TypeKind::Object);
        if let Some(b) = crate::builtins::class_method(vm, TypeKind::Object, "__new__") {
            return Ok(Value::Obj(vm.heap.alloc(Obj::Method(object, b))));
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
