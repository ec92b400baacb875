//! Attributes: reading, setting and deleting them on modules, instances,
//! classes, functions and the built-in types.

use super::*;

impl Vm {
    // ---- attributes ----------------------------------------------------------------

    pub(super) fn get_attr(&mut self, obj: Value, name: &str) -> Result<Value, Exc> {
        if name == "__dict__"
            && let Some(d) = builtins::dict_attr(self, obj)
        {
            return Ok(d);
        }
        if let Value::Obj(id) = obj {
            if matches!(self.heap.get(id), Obj::Module(m) if &*m.name == "stackless")
                && let Some(v) = crate::stackless::live_module_attr(self, name)
            {
                return Ok(v);
            }
            match self.heap.get(id) {
                Obj::Module(m) => {
                    if let Some(v) = m.attrs.get(name) {
                        return Ok(*v);
                    }
                    let mname = m.name.clone();
                    return Err(self.error(
                        "AttributeError",
                        format!("module '{mname}' has no attribute '{name}'"),
                    ));
                }
                Obj::Instance(inst) => {
                    let own = inst.attrs.get(name).copied();
                    let class = inst.class;
                    // A data descriptor on the class wins over the
                    // instance's own attribute; another only without one.
                    if let Some(d) = crate::classes::class_attr(self, class, name)
                        && let Some(desc) = crate::classes::descriptor(self, d)
                        && (desc.is_data() || own.is_none())
                    {
                        return match (desc.get, own) {
                            (Some(get), _) => {
                                let got = self.call_sync(get, vec![d, obj, Value::Obj(class)]);
                                // AttributeError from `__get__` falls back
                                // on `__getattr__`, as a property's does.
                                if let Err(e) = got
                                    && let Some(getattr) =
                                        crate::classes::class_attr(self, class, "__getattr__")
                                    && self.exc_is(e, "AttributeError")?
                                {
                                    let n = self.str_value(name);
                                    return self.call_sync(getattr, vec![obj, n]);
                                }
                                got
                            }
                            (None, Some(v)) => Ok(v),
                            (None, None) => Ok(d),
                        };
                    }
                    // The VM records a traceback as a list of entries; a
                    // script sees traceback objects made from it.
                    if name == "__traceback__"
                        && let Some(Value::Obj(list)) = own
                        && matches!(self.heap.get(list), Obj::List(_))
                    {
                        let make = self.shoal_helper("make_traceback")?;
                        return self.call_sync(make, vec![Value::Obj(list)]);
                    }
                    let found = crate::classes::class_attr(self, class, name);
                    // A property takes the name over from the instance's
                    // own attribute, with or without a getter.
                    if let Some(Value::Obj(p)) = found
                        && let Obj::Property(prop) = self.heap.get(p)
                        && prop.fget == Value::None
                    {
                        // Its AttributeError falls back on `__getattr__`.
                        if let Some(getattr) =
                            crate::classes::class_attr(self, class, "__getattr__")
                        {
                            let n = self.str_value(name);
                            return self.call_sync(getattr, vec![obj, n]);
                        }
                        let t = builtins::type_name(self, obj);
                        return Err(self.error(
                            "AttributeError",
                            format!("property '{name}' of '{t}' object has no getter"),
                        ));
                    }
                    if let Some(v) = own {
                        return Ok(v);
                    }
                    if let Some(v) = found {
                        let bound = crate::classes::bind(self, v, obj, class);
                        // A property raising AttributeError falls back on
                        // `__getattr__`.
                        if let Err(e) = bound
                            && let Some(getattr) =
                                crate::classes::class_attr(self, class, "__getattr__")
                            && self.exc_is(e, "AttributeError")?
                        {
                            let n = self.str_value(name);
                            return self.call_sync(getattr, vec![obj, n]);
                        }
                        return bound;
                    }
                    if name == "__class__" {
                        return Ok(Value::Obj(class));
                    }
                    // An exception not raised yet has no traceback.
                    if name == "__traceback__"
                        && matches!(self.heap.get(class), Obj::Class(c) if c.is_exception)
                    {
                        return Ok(Value::None);
                    }
                    // `object`'s methods, before `__getattr__`.
                    if let Some(method) = builtins::method(self, obj, name) {
                        return Ok(Value::Obj(self.heap.alloc(Obj::Method(obj, method))));
                    }
                    // The data attributes of the built-in value it holds
                    // (`I(5).real`, `c.balance` of a tasklet).
                    if let Some(inner) = crate::classes::native_value(self, obj)
                        && let Ok(v) = self.get_attr(inner, name)
                    {
                        return Ok(v);
                    }
                    if let Some(getattr) = crate::classes::class_attr(self, class, "__getattr__") {
                        let n = self.str_value(name);
                        return self.call_sync(getattr, vec![obj, n]);
                    }
                }
                Obj::Function(f) if let Some(v) = f.attrs.as_ref().and_then(|a| a.get(name)) => {
                    return Ok(*v);
                }
                Obj::Function(f) if name == "__doc__" => {
                    let doc = self.codes[f.code as usize].doc.clone();
                    return Ok(match doc {
                        Some(d) => self.str_value(&d),
                        None => Value::None,
                    });
                }
                Obj::Function(f) if name == "__name__" || name == "__qualname__" => {
                    let code = &self.codes[f.code as usize];
                    let n = if name == "__name__" {
                        code.name.clone()
                    } else {
                        code.qualname.clone()
                    };
                    return Ok(self.str_value(&n));
                }
                Obj::Generator(g) if name == "__name__" || name == "__qualname__" => {
                    // While suspended its frame names the code; running or
                    // ended, the name kept for repr stands for both.
                    let n = match (&g.frame, name) {
                        (Some(f), "__qualname__") => self.codes[f.code as usize].qualname.clone(),
                        (Some(f), _) => self.codes[f.code as usize].name.clone(),
                        (None, _) => g.name.clone(),
                    };
                    return Ok(self.str_value(&n));
                }
                Obj::Function(f) if name == "__module__" => {
                    let n = match self.heap.get(f.module) {
                        Obj::Module(m) => m.name.clone(),
                        _ => Rc::from("__main__"),
                    };
                    return Ok(self.str_value(&n));
                }
                Obj::Class(c) if name == "__qualname__" => {
                    let own = c.attrs.get("__qualname__").copied();
                    let n = c.name.clone();
                    return Ok(match own {
                        Some(q) => q,
                        None => self.str_value(&n),
                    });
                }
                Obj::Class(c) if name == "__name__" => {
                    let n = c.name.clone();
                    return Ok(self.str_value(&n));
                }
                Obj::Class(_) if name == "__mro__" || name == "__bases__" => {
                    let items = builtins::class_lineage(self, obj, name == "__mro__");
                    return Ok(Value::Obj(self.heap.alloc(Obj::Tuple(items))));
                }
                Obj::Class(c) if name == "__base__" && !c.attrs.contains_key("__base__") => {
                    let items = builtins::class_lineage(self, obj, false);
                    return Ok(items.first().copied().unwrap_or(Value::None));
                }
                Obj::Class(_) if name == "mro" => {
                    let b = builtins::internal(self, "mro");
                    return Ok(Value::Obj(self.heap.alloc(Obj::Method(obj, b))));
                }
                Obj::Class(c) => {
                    // A metaclass's data descriptors come first, then the
                    // class's MRO, then the metaclass's other attributes.
                    let meta = c.metaclass;
                    let from_meta = meta.and_then(|m| {
                        let v = crate::classes::class_attr(self, m, name)?;
                        Some((m, v))
                    });
                    if let Some((m, v @ Value::Obj(p))) = from_meta
                        && matches!(self.heap.get(p), Obj::Property(..))
                    {
                        return crate::classes::bind(self, v, obj, m);
                    }
                    if let Some(v) = crate::classes::class_attr(self, id, name) {
                        if let Some(get) = crate::classes::descriptor(self, v).and_then(|d| d.get) {
                            return self.call_sync(get, vec![v, Value::None, obj]);
                        }
                        return Ok(
                            match self.heap.get(match v {
                                Value::Obj(f) => f,
                                _ => return Ok(v),
                            }) {
                                Obj::StaticMethod(f) => *f,
                                Obj::ClassMethod(f) => {
                                    let f = *f;
                                    Value::Obj(self.heap.alloc(Obj::BoundMethod(obj, f)))
                                }
                                _ => v,
                            },
                        );
                    }
                    if name == "__class__" {
                        if let Some(m) = meta {
                            return Ok(Value::Obj(m));
                        }
                        return Ok(self.builtins.get("type").copied().unwrap_or(Value::None));
                    }
                    // `object`'s methods: `__init__` (BaseException's for an
                    // exception), class methods bound to the class, the
                    // rest unbound.
                    if name == "__init__" {
                        let b = builtins::internal(self, "__init__");
                        return Ok(Value::Obj(self.heap.alloc(Obj::Unbound(b))));
                    }
                    if let Some(b) = builtins::class_method(self, TypeKind::Object, name) {
                        return Ok(Value::Obj(self.heap.alloc(Obj::Method(obj, b))));
                    }
                    if let Some(b) = builtins::type_method(self, TypeKind::Object, name) {
                        return Ok(Value::Obj(self.heap.alloc(Obj::Unbound(b))));
                    }
                    // The metaclass's methods, bound to the class.
                    if let Some((m, v)) = from_meta {
                        return crate::classes::bind(self, v, obj, m);
                    }
                    let cname = match self.heap.get(id) {
                        Obj::Class(c) => c.name.clone(),
                        _ => Rc::from("?"),
                    };
                    return Err(self.error(
                        "AttributeError",
                        format!("type object '{cname}' has no attribute '{name}'"),
                    ));
                }
                Obj::StaticMethod(f) | Obj::ClassMethod(f) if name == "__func__" => return Ok(*f),
                Obj::Property(p) if matches!(name, "fget" | "fset" | "fdel" | "__doc__") => {
                    return Ok(match name {
                        "fget" => p.fget,
                        "fset" => p.fset,
                        "fdel" => p.fdel,
                        _ => p.doc,
                    });
                }
                Obj::Super(class, inner) => {
                    let (class, inner) = (*class, *inner);
                    return crate::classes::super_attr(self, class, inner, name);
                }
                Obj::File(_) => {
                    if let Some(v) = crate::files::file_attr(self, id, name) {
                        return Ok(v);
                    }
                }
                Obj::Generator(_) => {
                    if let Some(v) = builtins::generator_attr(self, id, name) {
                        return Ok(v);
                    }
                }
                Obj::Tasklet(_) => {
                    if let Some(v) = crate::stackless::tasklet_attr(self, id, name) {
                        return Ok(v);
                    }
                }
                Obj::Channel(_) => {
                    if let Some(v) = crate::stackless::channel_attr(self, id, name) {
                        return Ok(v);
                    }
                }
                Obj::Pattern(_) | Obj::Match(_) => {
                    if let Some(v) = crate::re::attr(self, id, name)? {
                        return Ok(v);
                    }
                }
                Obj::Type(kind) if name == "__module__" => {
                    let module = match kind {
                        TypeKind::Tasklet | TypeKind::Channel => "_stackless",
                        TypeKind::Random => "random",
                        TypeKind::Pattern | TypeKind::Match => "re",
                        _ => "builtins",
                    };
                    return Ok(self.str_value(module));
                }
                Obj::Type(kind) if name == "__name__" || name == "__qualname__" => {
                    // `re.Pattern` is called `Pattern`.
                    let n = kind.name().rsplit('.').next().unwrap_or("");
                    return Ok(self.str_value(n));
                }
                Obj::Type(kind) => {
                    let kind = *kind;
                    if name == "__hash__" && builtins::unhashable(kind) {
                        return Ok(Value::None);
                    }
                    if let Some(v) = self.type_lineage_attr(obj, kind, name) {
                        return Ok(v);
                    }
                    // `type.__new__(M, name, bases, ns)`, `type.__call__(C,
                    // ...)` and `type.__init__(C, ...)`: what a metaclass
                    // calls explicitly.
                    if kind == TypeKind::Type {
                        match name {
                            "__new__" => {
                                if let Some(b) =
                                    builtins::class_method(self, TypeKind::Object, "__new__")
                                {
                                    return Ok(Value::Obj(self.heap.alloc(Obj::Method(obj, b))));
                                }
                            }
                            "__call__" => return self.shoal_helper("type_call"),
                            "__init__" => {
                                let b = builtins::internal(self, "__init__");
                                return Ok(Value::Obj(self.heap.alloc(Obj::Builtin(b))));
                            }
                            _ => {}
                        }
                    }
                    if let Some(b) = builtins::class_method(self, kind, name) {
                        return Ok(Value::Obj(self.heap.alloc(Obj::Method(obj, b))));
                    }
                    if let Some(b) = builtins::type_method(self, kind, name) {
                        return Ok(Value::Obj(self.heap.alloc(Obj::Unbound(b))));
                    }
                    // Every type inherits `object`'s methods.
                    if let Some(b) = builtins::type_method(self, TypeKind::Object, name) {
                        return Ok(Value::Obj(self.heap.alloc(Obj::Unbound(b))));
                    }
                }
                _ => {}
            }
        }
        if let Some(v) = self.builtin_attr(obj, name) {
            return Ok(v);
        }
        if let Some(method) = builtins::method(self, obj, name) {
            let id = self.heap.alloc(Obj::Method(obj, method));
            return Ok(Value::Obj(id));
        }
        if let Some(v) = builtins::number_attr(self, obj, name) {
            return v;
        }
        let t = builtins::type_name(self, obj);
        Err(self.error(
            "AttributeError",
            format!("'{t}' object has no attribute '{name}'"),
        ))
    }

    /// `__mro__`, `__bases__` and `__base__` of a built-in type (`bool`
    /// derives from `int`, the others from `object`).
    fn type_lineage_attr(&mut self, obj: Value, kind: TypeKind, name: &str) -> Option<Value> {
        if !matches!(name, "__mro__" | "__bases__" | "__base__") {
            return None;
        }
        let object = self.builtins.get("object").copied().unwrap_or(Value::None);
        let mut chain = vec![obj];
        if kind == TypeKind::Bool {
            chain.push(crate::classes::type_object(self, TypeKind::Int));
        }
        if kind != TypeKind::Object {
            chain.push(object);
        }
        Some(match name {
            "__mro__" => Value::Obj(self.heap.alloc(Obj::Tuple(chain))),
            "__bases__" => Value::Obj(self.heap.alloc(Obj::Tuple(chain[1..].to_vec()))),
            _ => chain.get(1).copied().unwrap_or(Value::None),
        })
    }

    /// The attributes of built-in values that are no methods:
    /// `__class__`, `__doc__` (None: Shoal's built-ins carry no
    /// docstrings), `__hash__` of the unhashable types (None), a range's
    /// `start`, `stop` and `step`.
    fn builtin_attr(&mut self, obj: Value, name: &str) -> Option<Value> {
        if let Value::Obj(id) = obj
            && matches!(
                self.heap.get(id),
                Obj::Instance(_) | Obj::Class(_) | Obj::Module(_)
            )
        {
            return None;
        }
        let kind = TypeKind::of(self, obj);
        match name {
            "__class__" => {
                let type_name = if kind == TypeKind::Type {
                    "type"
                } else {
                    kind.name()
                };
                match self.builtins.get(type_name) {
                    Some(t) => Some(*t),
                    None => Some(Value::Obj(self.heap.alloc(Obj::Type(kind)))),
                }
            }
            "__doc__" if !matches!(kind, TypeKind::Function) => Some(Value::None),
            "__hash__" if builtins::unhashable(kind) => Some(Value::None),
            "start" | "stop" | "step" => match obj {
                Value::Obj(id) => match self.heap.get(id) {
                    Obj::Range(a, b, c) => Some(Value::Int(match name {
                        "start" => *a,
                        "stop" => *b,
                        _ => *c,
                    })),
                    Obj::Slice(a, b, c) => Some(match name {
                        "start" => *a,
                        "stop" => *b,
                        _ => *c,
                    }),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        }
    }

    pub(super) fn set_attr(&mut self, obj: Value, name: &str, v: Value) -> Result<(), Exc> {
        if name == "__class__" {
            return crate::classes::set_class(self, obj, v);
        }
        if let Value::Obj(id) = obj {
            if crate::stackless::set_tasklet_attr(self, id, name, v)?
                || crate::stackless::set_channel_attr(self, id, name, v)?
            {
                return Ok(());
            }
            if let Obj::Instance(inst) = self.heap.get(id) {
                let class = inst.class;
                if let Some(d) = crate::classes::class_attr(self, class, name)
                    && let Some(set) = crate::classes::descriptor(self, d).and_then(|d| d.set)
                {
                    self.call_sync(set, vec![d, obj, v])?;
                    return Ok(());
                }
                if let Some(Value::Obj(p)) = crate::classes::class_attr(self, class, name)
                    && let Obj::Property(prop) = self.heap.get(p)
                {
                    let setter = prop.fset;
                    if setter == Value::None {
                        return Err(self.error(
                            "AttributeError",
                            format!(
                                "property '{name}' of '{}' object has no setter",
                                builtins::type_name(self, obj)
                            ),
                        ));
                    }
                    self.call_sync(setter, vec![obj, v])?;
                    return Ok(());
                }

                if let Some(e) = crate::classes::slots_refuse(self, class, obj, name) {
                    return Err(e);
                }
            }
            match self.heap.get_mut(id) {
                Obj::Instance(inst) => {
                    match inst.attrs.get_mut(name) {
                        Some(slot) => *slot = v,
                        None => {
                            inst.attrs.insert(Rc::from(name), v);
                        }
                    }
                    return Ok(());
                }
                Obj::Class(_) if name == "__name__" => {
                    let Some(s) = builtins::str_content(self, v) else {
                        let t = builtins::type_name(self, v);
                        return Err(self.error(
                            "TypeError",
                            format!(
                                "can only assign string to {}.__name__, not '{t}'",
                                builtins::type_name(self, obj)
                            ),
                        ));
                    };
                    if let Obj::Class(c) = self.heap.get_mut(id) {
                        c.name = s;
                    }
                    return Ok(());
                }
                Obj::Class(c) => {
                    c.attrs.insert(Rc::from(name), v);
                    return Ok(());
                }
                Obj::Module(m) => {
                    m.attrs.insert(Rc::from(name), v);
                    return Ok(());
                }
                Obj::Function(f) => {
                    f.attrs.get_or_insert_default().insert(Rc::from(name), v);
                    return Ok(());
                }
                _ => {}
            }
        }
        let t = builtins::type_name(self, obj);
        Err(self.error(
            "AttributeError",
            format!("'{t}' object has no attribute '{name}'"),
        ))
    }
}
