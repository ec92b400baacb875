//! The names a value or a scope holds: `dir()`, `vars()`, `globals()`,
//! `locals()`, `__dict__`, `delattr()`.
//!
//! Instances, classes, modules and functions keep their attributes in
//! their own tables, not in a dict object: `__dict__`, `vars()`,
//! `globals()` and `locals()` return a new dict of them, so reading works
//! as in CPython but writing to that dict changes nothing (see
//! `docs/language.md`).

use super::*;

/// A new dict of `names` (str keys): a namespace, or keyword arguments
/// handed to script code as a dict.
pub(crate) fn names_dict(vm: &mut Vm, names: Vec<(Rc<str>, Value)>) -> Value {
    let mut d = Dict::default();
    for (name, v) in names {
        let k = new_str(vm, &name);
        d.insert(Key::Str(name), (k, v));
    }
    vm.heap.grew(d.len() * crate::memory::DICT_ENTRY);
    Value::Obj(vm.heap.alloc(Obj::Dict(d)))
}

fn attrs_of(attrs: &Attrs) -> Vec<(Rc<str>, Value)> {
    attrs.iter().map(|(k, v)| (k.clone(), *v)).collect()
}

/// `obj.__dict__` of an instance, class, module or function: a new dict
/// of its attributes; `None` for other values.
pub(crate) fn dict_attr(vm: &mut Vm, obj: Value) -> Option<Value> {
    let Value::Obj(id) = obj else { return None };
    let names = match vm.heap.get(id) {
        Obj::Instance(inst) => attrs_of(&inst.attrs),
        // A class's `__qualname__` is kept beside its namespace in
        // CPython, not in it.
        Obj::Class(c) => {
            let mut names = attrs_of(&c.attrs);
            names.retain(|(k, _)| &**k != "__qualname__" && !k.starts_with('\0'));
            names
        }
        Obj::Module(m) => attrs_of(&m.attrs),
        Obj::Function(f) => f.attrs.as_deref().map(attrs_of).unwrap_or_default(),
        _ => return None,
    };
    Some(names_dict(vm, names))
}

/// `vars([obj])`: `obj.__dict__`, or the caller's local names.
pub(crate) fn b_vars(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    no_kwargs(vm, "vars", &kwargs)?;
    arity(vm, "vars", &args, 0, 1)?;
    let Some(&obj) = args.first() else {
        return ok(local_names(vm));
    };
    match dict_attr(vm, obj) {
        Some(d) => ok(d),
        None => Err(type_err(vm, "vars() argument must have __dict__ attribute")),
    }
}

/// `globals()`: the names of the caller's module.
pub(crate) fn b_globals(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "globals", &args, 0, 0)?;
    let names = match vm.frames.last().map(|f| vm.heap.get(f.module)) {
        Some(Obj::Module(m)) => attrs_of(&m.attrs),
        _ => Vec::new(),
    };
    ok(names_dict(vm, names))
}

/// `locals()`: the names bound in the caller's scope.
pub(crate) fn b_locals(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "locals", &args, 0, 0)?;
    ok(local_names(vm))
}

/// The caller's local names: a class body's namespace, a module's
/// globals, or a function's bound locals and cells.
fn local_names(vm: &mut Vm) -> Value {
    let Some(f) = vm.frames.last() else {
        return names_dict(vm, Vec::new());
    };
    if let Some(ns) = f.extra.as_ref().and_then(|e| e.class_ns.as_ref()) {
        let names = attrs_of(ns);
        return names_dict(vm, names);
    }
    let code = &vm.codes[f.code as usize];
    if &*code.name == "<module>" {
        let names = match vm.heap.get(f.module) {
            Obj::Module(m) => attrs_of(&m.attrs),
            _ => Vec::new(),
        };
        return names_dict(vm, names);
    }
    let values = &vm.frames.values[f.base as usize..f.sp as usize];
    let mut names: Vec<(Rc<str>, Value)> = code
        .varnames
        .iter()
        .zip(values)
        .filter(|(_, v)| **v != Value::NULL)
        .map(|(n, v)| (n.clone(), *v))
        .collect();
    for (i, name) in code.cellvars.iter().chain(&code.freevars).enumerate() {
        // An empty cell refers to itself.
        if let Some(cell) = f.cell(i)
            && let Obj::Cell(v) = vm.heap.get(cell)
            && *v != Value::Obj(cell)
        {
            names.push((name.clone(), *v));
        }
    }
    names_dict(vm, names)
}

/// `delattr(obj, name)`.
pub(crate) fn b_delattr(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "delattr", &args, 2, 2)?;
    let name = expect_str(vm, args[1], "attribute name")?;
    if let Some(class) = crate::classes::class_of(vm, args[0]) {
        if let Some(hook) = crate::classes::script_hook(vm, class, "__delattr__") {
            return Ok(Native::Call(hook, args));
        }
        if let Some(d) = crate::classes::class_attr(vm, class, &name) {
            if let Some(delete) = crate::classes::descriptor(vm, d).and_then(|d| d.delete) {
                return Ok(Native::Call(delete, vec![d, args[0]]));
            }
            if let Value::Obj(p) = d
                && let Obj::Property(prop) = vm.heap.get(p)
            {
                let fdel = prop.fdel;
                if fdel == Value::None {
                    let t = type_name(vm, args[0]);
                    return Err(vm.error(
                        "AttributeError",
                        format!("property '{name}' of '{t}' object has no deleter"),
                    ));
                }
                return Ok(Native::Call(fdel, vec![args[0]]));
            }
        }
    }
    vm.del_attr_pub(args[0], &name)?;
    none()
}

/// `dir([obj])`: the sorted names of `obj` (its attributes and its
/// type's), or of the caller's scope.
pub(crate) fn b_dir(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    no_kwargs(vm, "dir", &kwargs)?;
    arity(vm, "dir", &args, 0, 1)?;
    let Some(&obj) = args.first() else {
        let scope = local_names(vm);
        let mut names: Vec<Rc<str>> = match scope {
            Value::Obj(id) => match vm.heap.get(id) {
                Obj::Dict(d) => d
                    .keys()
                    .filter_map(|k| match k {
                        Key::Str(s) => Some(s.clone()),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        names.sort();
        let items = names.iter().map(|n| new_str(vm, n)).collect();
        return ok(new_list(vm, items));
    };
    // A class's own `__dir__` decides, sorted.
    if is_instance(vm, obj) && crate::classes::dunder(vm, obj, "__dir__").is_some() {
        let f = vm.shoal_helper("dir_sorted")?;
        return Ok(Native::Call(f, vec![obj]));
    }
    let names = dir_names(vm, obj);
    let items = names.iter().map(|n| new_str(vm, n)).collect();
    ok(new_list(vm, items))
}

/// The attributes `dir(obj)` lists, sorted.
pub(crate) fn dir_names(vm: &Vm, obj: Value) -> Vec<Rc<str>> {
    let mut names: Vec<Rc<str>> = Vec::new();
    let class_names = |vm: &Vm, class: ObjId, names: &mut Vec<Rc<str>>| {
        if let Obj::Class(c) = vm.heap.get(class) {
            for k in &c.mro {
                if let Obj::Class(k) = vm.heap.get(*k) {
                    names.extend(k.attrs.keys().cloned());
                }
            }
        }
        names.extend(type_names(vm, TypeKind::Object));
        names.extend(["__dict__", "__module__", "__weakref__"].map(Rc::from));
    };
    match obj {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Module(m) => names.extend(m.attrs.keys().cloned()),
            Obj::Instance(inst) => {
                names.extend(inst.attrs.keys().cloned());
                class_names(vm, inst.class, &mut names);
            }
            Obj::Class(_) => class_names(vm, id, &mut names),
            Obj::Type(kind) => names.extend(type_names(vm, *kind)),
            Obj::Function(f) => {
                if let Some(a) = &f.attrs {
                    names.extend(a.keys().cloned());
                }
                names.extend(type_names(vm, TypeKind::Function));
            }
            _ => names.extend(type_names(vm, TypeKind::of(vm, obj))),
        },
        _ => names.extend(type_names(vm, TypeKind::of(vm, obj))),
    }
    names.sort();
    names.dedup();
    names
}

/// The names of a built-in type: its methods, class methods and
/// attributes.
pub(crate) fn type_names(vm: &Vm, kind: TypeKind) -> Vec<Rc<str>> {
    let mut names: Vec<Rc<str>> = vm
        .natives
        .names_of(Owner::Method(kind))
        .chain(vm.natives.names_of(Owner::ClassMethod(kind)))
        .map(Rc::from)
        .collect();
    names.extend(type_attrs(kind).iter().map(|n| Rc::from(*n)));
    names
}

/// The attributes (not methods) a built-in type's values have.
pub(crate) fn type_attrs(kind: TypeKind) -> &'static [&'static str] {
    match kind {
        TypeKind::Range | TypeKind::Slice => &["__class__", "__doc__", "start", "step", "stop"],
        TypeKind::Generator => &[
            "__class__",
            "__doc__",
            "__name__",
            "__qualname__",
            "gi_running",
            "gi_suspended",
            "gi_yieldfrom",
        ],
        TypeKind::List | TypeKind::Dict | TypeKind::Set | TypeKind::ByteArray => {
            &["__class__", "__doc__", "__hash__"]
        }
        TypeKind::Int | TypeKind::Bool => &[
            "__class__",
            "__doc__",
            "denominator",
            "imag",
            "numerator",
            "real",
        ],
        TypeKind::Float => &["__class__", "__doc__", "imag", "real"],
        TypeKind::Function => &[
            "__class__",
            "__doc__",
            "__name__",
            "__qualname__",
            "__dict__",
        ],
        _ => &["__class__", "__doc__"],
    }
}
