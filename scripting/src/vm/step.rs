//! One instruction of the general path: `Vm::step`, which `vm/fast.rs`
//! hands every instruction it does not run itself.

use super::*;

impl Vm {
    // ---- one instruction ------------------------------------------------------

    pub(super) fn step(&mut self, instr: Instr) -> Result<(), Exc> {
        if cfg!(debug_assertions) && self.panic_next_step {
            self.panic_next_step = false;
            panic!("a panic injected by a test");
        }
        match instr {
            Instr::Nop => {}
            Instr::LoadConst(i) => {
                let code = self.frame().code as usize;
                let v = self.consts[code][i as usize];
                self.push(v);
            }
            Instr::LoadFast(i) => {
                let at = self.frame().base as usize + i as usize;
                match self.frames.values[at] {
                    v if v != frame::UNBOUND => self.push(v),
                    _ => {
                        let code = self.frame().code as usize;
                        let name = self.codes[code].varnames[i as usize].clone();
                        return Err(self.error(
                            "UnboundLocalError",
                            format!("cannot access local variable '{name}' where it is not associated with a value"),
                        ));
                    }
                }
            }
            Instr::StoreFast(i) => {
                let v = self.pop();
                let at = self.frame().base as usize + i as usize;
                self.frames.values[at] = v;
            }
            Instr::DeleteFast(i) => {
                let at = self.frame().base as usize + i as usize;
                self.frames.values[at] = frame::UNBOUND;
            }
            Instr::LoadDeref(i) => {
                let cell = self.cell(i)?;
                match self.heap.get(cell) {
                    Obj::Cell(Value::Obj(id)) if *id == cell => {
                        // An empty cell refers to itself.
                        let name = self.cell_name(i);
                        return Err(self.error(
                            "NameError",
                            format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
                        ));
                    }
                    Obj::Cell(v) => {
                        let v = *v;
                        self.push(v);
                    }
                    _ => return Err(self.error("SystemError", "a frame's cell is not a cell")),
                }
            }
            Instr::StoreDeref(i) => {
                let v = self.pop();
                let cell = self.cell(i)?;
                *self.heap.get_mut(cell) = Obj::Cell(v);
            }
            Instr::LoadClosure(i) => {
                let cell = self.cell(i)?;
                self.push(Value::Obj(cell));
            }
            Instr::LoadGlobal(i) => {
                let frame = self.frames.last().expect("a frame");
                let (code, module) = (frame.code as usize, frame.module);
                let name = &self.codes[code].names[i as usize];
                let cached = &mut self.global_cache[code][i as usize];
                let Obj::Module(m) = self.heap.get(module) else {
                    unreachable!("frames run in modules")
                };
                if let Some(v) = cached_global(&m.attrs, *cached, name) {
                    self.push(v);
                    return Ok(());
                }
                let found = match m.attrs.get_full(name) {
                    Some((pos, _, v)) => {
                        *cached = pos as u32 + 1;
                        Some(*v)
                    }
                    None => self.builtins.get(name).copied(),
                };
                let name = name.clone();
                match found {
                    Some(v) => self.push(v),
                    None => return Err(self.name_error(&name)),
                }
            }
            Instr::StoreGlobal(i) => {
                let name = self.name(i);
                let v = self.pop();
                let module = self.frame().module;
                if let Obj::Module(m) = self.heap.get_mut(module) {
                    m.attrs.insert(name, v);
                }
            }
            Instr::DeleteGlobal(i) => {
                let name = self.name(i);
                let module = self.frame().module;
                let removed = match self.heap.get_mut(module) {
                    Obj::Module(m) => m.attrs.shift_remove(&name).is_some(),
                    _ => false,
                };
                if !removed {
                    return Err(self.error("NameError", format!("name '{name}' is not defined")));
                }
            }
            Instr::LoadAttr(i) => {
                let name = self.name(i);
                let obj = self.pop();
                self.note_read(obj, i);
                self.note_module_attr(obj, i);
                return self.load_attr_op(obj, &name);
            }
            Instr::StoreAttr(i) => {
                let name = self.name(i);
                let obj = self.pop();
                let v = self.pop();
                self.note_store(obj, i);
                self.store_attr_op(obj, &name, v)?;
            }
            Instr::DeleteAttr(i) => {
                let name = self.name(i);
                let obj = self.pop();
                self.delete_attr_op(obj, &name)?;
            }
            Instr::LoadSubscr => {
                let index = self.pop();
                let container = self.pop();
                if let Some(f) = crate::classes::dunder(self, container, "__getitem__") {
                    return self.call(f, vec![container, index], Vec::new());
                }
                // `list[int]`: a generic alias, for annotations.
                if let Value::Obj(c) = container
                    && matches!(
                        self.heap.get(c),
                        Obj::Type(
                            TypeKind::List
                                | TypeKind::Dict
                                | TypeKind::Set
                                | TypeKind::FrozenSet
                                | TypeKind::Tuple
                                | TypeKind::Type
                        )
                    )
                {
                    let f = self.shoal_helper("GenericAlias")?;
                    return self.call(f, vec![container, index], Vec::new());
                }
                // `C[x]` of a class: its `__class_getitem__` (a class
                // method even undecorated).
                if let Value::Obj(c) = container
                    && matches!(self.heap.get(c), Obj::Class(_))
                    && let Some(f) = crate::classes::class_attr(self, c, "__class_getitem__")
                {
                    let f = match f {
                        Value::Obj(id) => match self.heap.get(id) {
                            Obj::ClassMethod(g) | Obj::StaticMethod(g) => *g,
                            _ => f,
                        },
                        _ => f,
                    };
                    return self.call(f, vec![container, index], Vec::new());
                }
                let v = builtins::subscript(self, container, index)?;
                self.push(v);
            }
            Instr::StoreSubscr => {
                let index = self.pop();
                let container = self.pop();
                let v = self.pop();
                if let Some(f) = crate::classes::dunder(self, container, "__setitem__") {
                    return self.call_then(f, vec![container, index, v], Cont::Replace(None));
                }
                builtins::store_subscript(self, container, index, v)?;
            }
            Instr::DeleteSubscr => {
                let index = self.pop();
                let container = self.pop();
                if let Some(f) = crate::classes::dunder(self, container, "__delitem__") {
                    return self.call_then(f, vec![container, index], Cont::Replace(None));
                }
                builtins::delete_subscript(self, container, index)?;
            }
            Instr::Binary(op) | Instr::Inplace(op) => {
                let b = self.pop();
                let a = self.pop();
                let inplace = matches!(instr, Instr::Inplace(_));
                self.binary_op(op, a, b, inplace)?;
            }
            Instr::Unary(op) => {
                let a = self.pop();
                self.unary_op(op, a)?;
            }
            Instr::Compare(op) => {
                let b = self.pop();
                let a = self.pop();
                self.compare_op(op, a, b)?;
            }
            Instr::Jump(t) => self.frame().ip = t as usize,
            Instr::PopJumpIfFalse(t) => {
                let v = self.pop();
                self.truth_then(
                    v,
                    OnTruth::Jump {
                        target: t,
                        when: false,
                    },
                )?;
            }
            Instr::PopJumpIfTrue(t) => {
                let v = self.pop();
                self.truth_then(
                    v,
                    OnTruth::Jump {
                        target: t,
                        when: true,
                    },
                )?;
            }
            Instr::JumpIfFalseOrPop(t) => {
                let v = self.top();
                self.truth_then(
                    v,
                    OnTruth::JumpOrPop {
                        target: t,
                        when: false,
                    },
                )?;
            }
            Instr::JumpIfTrueOrPop(t) => {
                let v = self.top();
                self.truth_then(
                    v,
                    OnTruth::JumpOrPop {
                        target: t,
                        when: true,
                    },
                )?;
            }
            Instr::LoadName(i) => {
                let name = self.name(i);
                let module = self.frame().module;
                let found = self
                    .frame()
                    .class_ns()
                    .and_then(|ns| ns.get(&name).copied())
                    .or_else(|| match self.heap.get(module) {
                        Obj::Module(m) => m.attrs.get(&name).copied(),
                        _ => None,
                    })
                    .or_else(|| self.builtins.get(&name).copied());
                match found {
                    Some(v) => self.push(v),
                    None => return Err(self.name_error(&name)),
                }
            }
            Instr::StoreName(i) => {
                let name = self.name(i);
                let v = self.pop();
                if let Some(ns) = self.frame().class_ns() {
                    ns.insert(name, v);
                }
            }
            Instr::DeleteName(i) => {
                let name = self.name(i);
                let removed = self
                    .frame()
                    .class_ns()
                    .is_some_and(|ns| ns.shift_remove(&name).is_some());
                if !removed {
                    return Err(self.error("NameError", format!("name '{name}' is not defined")));
                }
            }
            Instr::LoadSuper2 => {
                let obj = self.pop();
                let class = self.pop();
                match class {
                    Value::Obj(c) if matches!(self.heap.get(c), Obj::Class(_)) => {
                        let s = self.heap.alloc(Obj::Super(c, obj));
                        self.push(Value::Obj(s));
                    }
                    _ => return Err(self.error("TypeError", "super() argument 1 must be a type")),
                }
            }
            Instr::LoadSuper => {
                let s = crate::classes::make_super(self)?;
                self.push(s);
            }
            Instr::BuildClass(n) | Instr::BuildClassKw(n) => {
                let body = self.pop();
                let mut keywords = Vec::new();
                if matches!(instr, Instr::BuildClassKw(_)) {
                    let kw = self.pop();
                    let pairs: Vec<(Value, Value)> = match kw {
                        Value::Obj(d) => match self.heap.get(d) {
                            Obj::Dict(d) => d.values().copied().collect(),
                            _ => Vec::new(),
                        },
                        _ => Vec::new(),
                    };
                    for (k, v) in pairs {
                        if let Some(k) = builtins::str_content(self, k) {
                            keywords.push((k, v));
                        }
                    }
                }
                let bases = self.pop_n(n as usize);
                let name = self.pop();
                let name = builtins::str_content(self, name).unwrap_or_else(|| Rc::from("?"));
                let base_ids = crate::classes::class_bases(self, &bases)?;
                let explicit = keywords
                    .iter()
                    .position(|(k, _)| &**k == "metaclass")
                    .map(|i| keywords.remove(i).1);
                let meta = crate::classes::calculate_meta(self, explicit, &base_ids)?;
                let ns =
                    crate::classes::prepare_namespace(self, meta, &name, &base_ids, &keywords)?;
                let Value::Obj(f) = body else {
                    unreachable!("class bodies are functions")
                };
                let func = match self.heap.get(f) {
                    Obj::Function(func) => func.clone(),
                    _ => unreachable!("class bodies are functions"),
                };
                self.push_frame(f, &func, Vec::new(), Vec::new())?;
                let frame = self.frame();
                frame.extra_mut().class_ns = Some(Box::new(ns));
                frame.func = None;
                frame.on_return = OnReturn::BuildClass(Box::new(ClassBody {
                    name,
                    bases: base_ids,
                    meta,
                    keywords,
                }));
            }
            Instr::Pop => {
                self.pop();
            }
            Instr::Dup => {
                let v = self.top();
                self.push(v);
            }
            Instr::Dup2 => {
                let s = &mut self.frames.values;
                let n = s.len();
                let (a, b) = (s[n - 2], s[n - 1]);
                s.push(a);
                s.push(b);
            }
            Instr::Rot2 => {
                let s = &mut self.frames.values;
                let n = s.len();
                s.swap(n - 1, n - 2);
            }
            Instr::Rot3 => {
                let s = &mut self.frames.values;
                let top = s.pop().expect("stack underflow");
                let n = s.len();
                s.insert(n - 2, top);
            }
            Instr::BuildList(n) => {
                let items = self.pop_n(n as usize);
                let id = self.heap.alloc(Obj::List(items));
                self.push(Value::Obj(id));
            }
            Instr::BuildTuple(n) => {
                let items = self.pop_n(n as usize);
                let id = self.heap.alloc(Obj::Tuple(items));
                self.push(Value::Obj(id));
            }
            Instr::BuildSet(n) => {
                let items = self.pop_n(n as usize);
                let mut set = crate::set_table::SetTable::new();
                for v in items {
                    let k = builtins::key_to_insert(self, v)?;
                    set.add(k, v);
                }
                let id = self.heap.alloc(Obj::Set(set));
                self.push(Value::Obj(id));
            }
            Instr::BuildConstSet(n) => {
                let items = self.pop_n(n as usize);
                let mut keys = Vec::with_capacity(items.len());
                for v in items {
                    keys.push((builtins::key_to_insert(self, v)?, v));
                }
                let set = crate::set_table::SetTable::folded_display(keys);
                let id = self.heap.alloc(Obj::Set(set));
                self.push(Value::Obj(id));
            }
            Instr::BuildDict(n) => {
                let items = self.pop_n(2 * n as usize);
                let mut dict = crate::heap::Dict::default();
                for pair in items.chunks(2) {
                    let k = builtins::key_to_insert(self, pair[0])?;
                    match dict.get_mut(&k) {
                        Some(slot) => slot.1 = pair[1],
                        None => {
                            dict.insert(k, (pair[0], pair[1]));
                        }
                    }
                }
                let id = self.heap.alloc(Obj::Dict(dict));
                self.push(Value::Obj(id));
            }
            Instr::BuildSlice(n) => {
                let items = self.pop_n(n as usize);
                let step = items.get(2).copied().unwrap_or(Value::None);
                let id = self.heap.alloc(Obj::Slice(items[0], items[1], step));
                self.push(Value::Obj(id));
            }
            Instr::BuildString(n) => {
                // Parts that are all strings (what `FormatValue` leaves)
                // are joined in place.
                let at = self.frames.values.len() - n as usize;
                let parts = &self.frames.values[at..];
                let mut len = 0;
                for v in parts {
                    match v {
                        Value::Obj(id) if let Obj::Str(p) = self.heap.get(*id) => len += p.len(),
                        _ => {
                            len = usize::MAX;
                            break;
                        }
                    }
                }
                // One part is the string itself (`f"{s}" is s`, as in
                // CPython).
                if len != usize::MAX && n == 1 {
                    return Ok(());
                }
                if len != usize::MAX {
                    let mut s = String::with_capacity(len);
                    for v in parts {
                        if let Value::Obj(id) = v
                            && let Obj::Str(p) = self.heap.get(*id)
                        {
                            s.push_str(p);
                        }
                    }
                    self.frames.values.truncate(at);
                    let v = self.str_value(&s);
                    self.push(v);
                    return Ok(());
                }
                let items = self.pop_n(n as usize);
                let mut s = String::new();
                for v in items {
                    s.push_str(&builtins::str_of(self, v)?);
                }
                let v = self.str_value(&s);
                self.push(v);
            }
            Instr::ListAppend(depth) => {
                let v = self.pop();
                self.heap.grew(std::mem::size_of::<Value>());
                let target = self.peek_at(depth as usize);
                if let Value::Obj(id) = target
                    && let Obj::List(items) = self.heap.get_mut(id)
                {
                    items.push(v);
                }
            }
            Instr::SetAdd(depth) => {
                let v = self.pop();
                self.heap.grew(crate::memory::DICT_ENTRY);
                let target = self.peek_at(depth as usize);
                let k = builtins::key_to_insert(self, v)?;
                if let Value::Obj(id) = target
                    && let Obj::Set(set) = self.heap.get_mut(id)
                {
                    set.add(k, v);
                }
            }
            Instr::DictSet(depth) => {
                let v = self.pop();
                let k = self.pop();
                let target = self.peek_at(depth as usize);
                builtins::dict_set(self, target, k, v)?;
            }
            Instr::ListExtend => {
                if self.redo_with_items(0, None)? {
                    return Ok(());
                }
                let iterable = self.pop();
                let items = builtins::collect(self, iterable)?;
                let target = self.top();
                if let Value::Obj(id) = target
                    && let Obj::List(list) = self.heap.get_mut(id)
                {
                    list.extend(items);
                }
            }
            Instr::SetUpdate => {
                if self.redo_with_items(0, None)? {
                    return Ok(());
                }
                let iterable = self.pop();
                let target = self.top();
                builtins::set_update_with(self, target, iterable)?;
            }
            Instr::ListToTuple => {
                if self.redo_with_items(0, None)? {
                    return Ok(());
                }
                let list = self.pop();
                let items = builtins::collect(self, list)?;
                let id = self.heap.alloc(Obj::Tuple(items));
                self.push(Value::Obj(id));
            }
            Instr::DictUpdate => {
                let mapping = self.pop();
                let target = self.top();
                builtins::dict_update(self, target, mapping)?;
            }
            Instr::UnpackSequence(n) => {
                // One item more than the targets tells "too many values".
                if self.redo_with_items(0, Some(n + 1))? {
                    return Ok(());
                }
                let v = self.pop();
                let items = builtins::collect(self, v)?;
                if items.len() != n as usize {
                    return Err(if items.len() > n as usize {
                        self.error(
                            "ValueError",
                            format!("too many values to unpack (expected {n})"),
                        )
                    } else {
                        self.error(
                            "ValueError",
                            format!(
                                "not enough values to unpack (expected {n}, got {})",
                                items.len()
                            ),
                        )
                    });
                }
                for item in items.into_iter().rev() {
                    self.push(item);
                }
            }
            Instr::UnpackEx(packed) => {
                if self.redo_with_items(0, None)? {
                    return Ok(());
                }
                let before = (packed >> 16) as usize;
                let after = (packed & 0xffff) as usize;
                let v = self.pop();
                let items = builtins::collect(self, v)?;
                if items.len() < before + after {
                    return Err(self.error(
                        "ValueError",
                        format!(
                            "not enough values to unpack (expected at least {}, got {})",
                            before + after,
                            items.len()
                        ),
                    ));
                }
                let middle = items[before..items.len() - after].to_vec();
                let list = Value::Obj(self.heap.alloc(Obj::List(middle)));
                for item in items[items.len() - after..].iter().rev() {
                    self.push(*item);
                }
                self.push(list);
                for item in items[..before].iter().rev() {
                    self.push(*item);
                }
            }
            Instr::AsyncStep(step) => {
                let v = self.pop();
                return self.async_step(step, v);
            }
            Instr::GetAwaitable => {
                let v = self.pop();
                let awaitable = self.awaitable(v)?;
                self.push(awaitable);
            }
            Instr::GetIter => {
                let v = self.pop();
                if let Some(native) = self.iter_call(v)? {
                    return self.finish_native(native);
                }
                let it = builtins::get_iter(self, v)?;
                self.push(it);
            }
            Instr::ForIter(target) => {
                let it = self.top();
                // `for v in channel`: a receive; StopIteration (or a
                // closing channel) leaves the loop.
                if let Some(ch) = crate::stackless::channel_of(self, it) {
                    if ch.closing() && ch.balance() <= 0 {
                        self.pop();
                        self.frame().ip = target as usize;
                        return Ok(());
                    }
                    self.for_exit = Some(target);
                    self.host_op = Some(crate::stackless::HostOp::Receive(ch));
                    return Ok(());
                }
                if let Value::Obj(g) = it
                    && matches!(self.heap.get(g), Obj::Generator(_))
                {
                    match self.resume_generator(g, Value::None, OnReturn::GenLoop(target))? {
                        true => return Ok(()),
                        false => {
                            // Already finished.
                            self.pop();
                            self.frame().set_gen_return(Value::None);
                            self.frame().ip = target as usize;
                            return Ok(());
                        }
                    }
                }
                if crate::classes::class_of(self, it).is_some() {
                    let Some(f) = crate::classes::dunder(self, it, "__next__") else {
                        let t = builtins::type_name(self, it);
                        return Err(
                            self.error("TypeError", format!("'{t}' object is not an iterator"))
                        );
                    };
                    return self.call_then(f, vec![it], Cont::ForNext { exit: target });
                }
                match builtins::next(self, it)? {
                    Some(v) => self.push(v),
                    None => {
                        self.pop();
                        self.frame().ip = target as usize;
                    }
                }
            }
            Instr::Call(n) => {
                if self.call_simple(n as usize)? {
                    return Ok(());
                }
                let args = self.pop_n(n as usize);
                let callee = self.pop();
                self.call(callee, args, Vec::new())?;
            }
            Instr::LoadMethod(i) => {
                let obj = self.pop();
                if let Some(f) = self.method_function(obj, i) {
                    self.note_method(obj, i, f);
                    self.push(f);
                    self.push(obj);
                } else {
                    self.push(Value::NULL);
                    if let Some(m) = self.cached_builtin_method(obj, i) {
                        self.push(m);
                        return Ok(());
                    }
                    let name = self.name(i);
                    self.note_module_attr(obj, i);
                    let depth = self.frames.len();
                    self.load_attr_op(obj, &name)?;
                    if self.frames.len() == depth
                        && let Some(&found) = self.frames.values.last()
                    {
                        self.note_builtin_method(obj, i, found);
                    }
                }
            }
            Instr::CallMethod(n) => {
                // An attribute that is no script function: called with the
                // arguments above it, without moving them over the marker.
                let values = &self.frames.values;
                let at = values.len() - n as usize - 2;
                if values[at] == Value::NULL
                    && !matches!(values[at + 1], Value::Obj(f) if matches!(self.heap.get(f), Obj::Function(_)))
                {
                    let args = self.pop_n(n as usize);
                    let callee = self.pop();
                    self.pop();
                    return self.call(callee, args, Vec::new());
                }
                let n = self.method_args(n);
                return self.step(Instr::Call(n));
            }
            Instr::CallKw(n) => {
                let names = self.pop();
                let mut args = self.pop_n(n as usize);
                let names: Vec<Rc<str>> = match names {
                    Value::Obj(id) => match self.heap.get(id) {
                        Obj::Tuple(items) => items
                            .iter()
                            .map(|v| {
                                builtins::str_content(self, *v).unwrap_or_else(|| Rc::from(""))
                            })
                            .collect(),
                        _ => Vec::new(),
                    },
                    _ => Vec::new(),
                };
                let kwvalues = args.split_off(args.len() - names.len());
                let callee = self.pop();
                self.call(callee, args, names.into_iter().zip(kwvalues).collect())?;
            }
            Instr::CallEx => {
                if self.redo_with_items(1, None)? {
                    return Ok(());
                }
                let kwargs = self.pop();
                let args = self.pop();
                let callee = self.pop();
                let args = builtins::collect(self, args)?;
                let kw = builtins::dict_items_str(self, kwargs)?;
                self.call(callee, args, kw)?;
            }
            Instr::MakeFunction(packed) => {
                let code = packed & MakeFunctionFlags::CODE;
                let closure = if packed & MakeFunctionFlags::CLOSURE != 0 {
                    let t = self.pop();
                    builtins::collect(self, t)?
                        .into_iter()
                        .filter_map(|v| match v {
                            Value::Obj(id) => Some(id),
                            _ => None,
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                let kwdefaults = if packed & MakeFunctionFlags::KWDEFAULTS != 0 {
                    let d = self.pop();
                    builtins::dict_items_str(self, d)?
                } else {
                    Vec::new()
                };
                let defaults = if packed & MakeFunctionFlags::DEFAULTS != 0 {
                    let t = self.pop();
                    builtins::collect(self, t)?
                } else {
                    Vec::new()
                };
                let module = self.frame().module;
                let id = self.heap.alloc(Obj::Function(Box::new(Function {
                    code,
                    defaults,
                    kwdefaults,
                    closure,
                    module,
                    owner: None,
                    attrs: None,
                })));
                self.push(Value::Obj(id));
            }
            Instr::Yield => {
                let v = self.pop();
                let Some(generator_id) = self.frame().generator() else {
                    return Err(self.error("RuntimeError", "yield outside a generator"));
                };
                let frame = self.frames.pop_saved();
                // Yielding to `close()` is an error of the caller's.
                let closing = frame.as_ref().is_some_and(
                    |f| matches!(&f.on_return, OnReturn::Cont(c) if matches!(**c, Cont::GenClose)),
                );
                if let Obj::Generator(g) = self.heap.get_mut(generator_id) {
                    g.frame = frame;
                }
                if closing {
                    return Err(self.error("RuntimeError", "generator ignored GeneratorExit"));
                }
                if !self.frames.is_empty() {
                    self.push(v);
                }
            }
            Instr::BeforeWith => {
                let ctx = self.pop();
                let (enter, exit) = match (
                    self.get_attr(ctx, "__enter__"),
                    self.get_attr(ctx, "__exit__"),
                ) {
                    (Ok(a), Ok(b)) => (a, b),
                    _ => {
                        let t = builtins::type_name(self, ctx);
                        return Err(self.error(
                            "TypeError",
                            format!("'{t}' object does not support the context manager protocol"),
                        ));
                    }
                };
                self.push(exit);
                self.call(enter, Vec::new(), Vec::new())?;
            }
            Instr::WithExit(returning) => {
                let value = if returning == 1 {
                    Some(self.pop())
                } else {
                    None
                };
                let exit = self.pop();
                self.call_then(
                    exit,
                    vec![Value::None, Value::None, Value::None],
                    Cont::Replace(value),
                )?;
            }
            Instr::WithExcept(end) => {
                let exc = self.pop();
                let exit = self.pop();
                self.frame().pop_handling();
                let class = match exc {
                    Value::Obj(id) => match self.heap.get(id) {
                        Obj::Instance(inst) => Value::Obj(inst.class),
                        _ => Value::None,
                    },
                    _ => Value::None,
                };
                let depth = self.frames.len();
                self.call_then(
                    exit,
                    vec![class, exc, Value::None],
                    Cont::WithExcept { end, exc },
                )?;
                // Inside `__exit__` the exception is the one being
                // handled (a `raise` there chains to it).
                if self.frames.len() > depth {
                    self.frame().extra_mut().handling.push(exc);
                }
            }
            Instr::LoadGenReturn => {
                let v = self.frame().take_gen_return();
                self.push(v);
            }
            Instr::Return => {
                if self.return_plain() {
                    return Ok(());
                }
                let v = self.pop();
                let frame = self.frames.pop().expect("a frame");
                if let Some(generator_id) = frame.generator()
                    && let Obj::Generator(g) = self.heap.get_mut(generator_id)
                {
                    g.finished = true;
                }
                let v = match frame.on_return {
                    OnReturn::GenLoop(exit) => {
                        if let Some(caller) = self.frames.last_mut() {
                            caller.set_gen_return(v);
                            caller.ip = exit as usize;
                            self.frames.values.pop();
                        }
                        None
                    }
                    OnReturn::GenSync => None,
                    OnReturn::Push => Some(v),
                    OnReturn::Import(module) => Some(Value::Obj(module)),
                    OnReturn::Discard => None,
                    OnReturn::Init(instance) => {
                        if v != Value::None {
                            let t = builtins::type_name(self, v);
                            // Report from the caller, as Python does.
                            return Err(self.error(
                                "TypeError",
                                format!("__init__() should return None, not '{t}'"),
                            ));
                        }
                        Some(Value::Obj(instance))
                    }
                    OnReturn::BuildClass(body) => {
                        let mut ns = frame
                            .extra
                            .and_then(|e| e.class_ns)
                            .map(|ns| *ns)
                            .unwrap_or_default();
                        // What CPython's class namespace starts with.
                        let module = match self.heap.get(frame.module) {
                            Obj::Module(m) => m.attrs.get("__name__").copied(),
                            _ => None,
                        };
                        if let Some(m) = module {
                            ns.entry(Rc::from("__module__")).or_insert(m);
                        }
                        if !ns.contains_key("__qualname__") {
                            let q = self.codes[frame.code as usize].qualname.clone();
                            let q = self.str_value(&q);
                            ns.insert(Rc::from("__qualname__"), q);
                        }
                        if !ns.contains_key("__doc__") {
                            let doc = match self.codes[frame.code as usize].doc.clone() {
                                Some(d) => self.str_value(&d),
                                None => Value::None,
                            };
                            ns.insert(Rc::from("__doc__"), doc);
                        }
                        let ClassBody {
                            name,
                            bases,
                            meta,
                            keywords,
                        } = *body;
                        // A metaclass makes the class from the namespace.
                        if let Some(meta) = meta {
                            let d = builtins::names_dict(self, ns.into_iter().collect());
                            let shown = crate::classes::shown_bases(self, &bases);
                            let bases = Value::Obj(self.heap.alloc(Obj::Tuple(shown)));
                            let name = self.str_value(&name);
                            return self.call(meta, vec![name, bases, d], keywords);
                        }
                        let class = crate::classes::build_class(self, name, bases, ns, None)?;
                        // A parent's `__init_subclass__` hears of it.
                        if let Some((hook, args)) =
                            crate::classes::init_subclass_call(self, class, keywords)?
                        {
                            return self.call_then(hook, args, Cont::Replace(Some(class)));
                        }
                        Some(class)
                    }
                    OnReturn::Cont(cont) => return self.resume(*cont, v),
                };
                if let Some(v) = v
                    && !self.frames.is_empty()
                {
                    self.push(v);
                }
            }
            Instr::Raise(kind) => return Err(self.do_raise(kind)?),
            Instr::SetupExcept(handler) => {
                let depth = self.frames.operands().len() as u32;
                self.frame().push_block(handler, depth);
            }
            Instr::PopBlock => {
                self.frame().pop_block();
            }
            Instr::PopExcept => {
                self.frame().pop_handling();
            }
            Instr::Reraise => {
                let exc = self.pop();
                self.frame().pop_handling();
                return Err(exc);
            }
            Instr::ExcMatch => {
                let class = self.pop();
                let exc = self.top();
                let m = builtins::exception_matches(self, exc, class)?;
                self.push(Value::Bool(m));
            }
            Instr::FormatValue(flags) => {
                // `{x}` of an int or a str: its text, as `format(x, '')`.
                if flags == 0 {
                    match self.peek_at(0) {
                        Value::Int(i) => {
                            self.pop();
                            let v = self.str_value(&i.to_string());
                            self.push(v);
                            return Ok(());
                        }
                        Value::Obj(id) if matches!(self.heap.get(id), Obj::Str(_)) => return Ok(()),
                        _ => {}
                    }
                }
                let spec = if flags & 4 != 0 {
                    let s = self.pop();
                    builtins::str_of(self, s)?
                } else {
                    String::new()
                };
                let v = self.pop();
                // An instance's `__format__` (no conversion), or its
                // `__str__`/`__repr__` (empty spec), runs as a frame.
                if flags & 3 == 0
                    && let Some(f) = crate::classes::dunder(self, v, "__format__")
                {
                    let spec = self.str_value(&spec);
                    return self.call_then(f, vec![v, spec], Cont::Str { repr: false });
                }
                if spec.is_empty()
                    && let Some((f, repr)) = builtins::str_method(self, v, flags & 3 >= 2)
                {
                    return self.call_then(f, vec![v], Cont::Str { repr });
                }
                let v = match flags & 3 {
                    1 => {
                        let s = builtins::str_of(self, v)?;
                        self.str_value(&s)
                    }
                    2 | 3 => {
                        let s = builtins::repr_of(self, v)?;
                        self.str_value(&s)
                    }
                    _ => v,
                };
                let s = builtins::format_value(self, v, &spec)?;
                let s = self.str_value(&s);
                self.push(s);
            }
            Instr::ImportName(i) => {
                let name = self.name(i);
                self.import_name(&name)?;
            }
            Instr::ImportFrom(i) => {
                // `from m import name`: the attribute, else the submodule
                // `m.name`, else ImportError.
                let name = self.name(i);
                let module = self.peek_at(0);
                let Value::Obj(m) = module else {
                    return Err(self.error("SystemError", "from-import of a non-module"));
                };
                let (found, module_name) = match self.heap.get(m) {
                    Obj::Module(md) => (md.attrs.get(&*name).copied(), md.name.clone()),
                    _ => (None, Rc::from("?")),
                };
                if let Some(v) = found {
                    self.push(v);
                    return Ok(());
                }
                if let Ok(v) = self.get_attr(module, &name) {
                    self.push(v);
                    return Ok(());
                }
                let full = format!("{module_name}.{name}");
                if let Err(e) = self.import_name(&full) {
                    let missing = self.exc_class("ModuleNotFoundError");
                    if builtins::exception_matches(self, e, Value::Obj(missing)).unwrap_or(false) {
                        return Err(self.error(
                            "ImportError",
                            format!("cannot import name '{name}' from '{module_name}' (unknown location)"),
                        ));
                    }
                    return Err(e);
                }
            }
            Instr::RaiseAssert(has_msg) => {
                let args = if has_msg == 1 {
                    vec![self.pop()]
                } else {
                    Vec::new()
                };
                let class = self.exc_class("AssertionError");
                return Err(self.instantiate_exception(class, args));
            }
        }
        Ok(())
    }

    /// A step of `async for`/`async with` on `v` (see
    /// [`crate::ast::AsyncStep`]): the dunder's call, or the bound
    /// `__aexit__`; CPython's TypeErrors when `v` lacks them.
    fn async_step(&mut self, step: u32, v: Value) -> Result<(), Exc> {
        let t = builtins::type_name(self, v);
        let (name, missing) = match step {
            0 => (
                "__aiter__",
                format!("'async for' requires an object with __aiter__ method, got {t}"),
            ),
            1 => (
                "__anext__",
                format!(
                    "'async for' received an object from __aiter__ that does not implement __anext__: {t}"
                ),
            ),
            _ => (
                if step == 2 { "__aenter__" } else { "__aexit__" },
                format!("'{t}' object does not support the asynchronous context manager protocol"),
            ),
        };
        if step >= 2 {
            // Both halves of the protocol, `__aenter__` checked first.
            if crate::classes::dunder(self, v, "__aenter__").is_none() {
                return Err(self.error("TypeError", missing));
            }
            if crate::classes::dunder(self, v, "__aexit__").is_none() {
                return Err(self.error("TypeError", format!("{missing} (missed __aexit__ method)")));
            }
        }
        let found = crate::classes::dunder(self, v, name);
        let Some(f) = found else {
            return Err(self.error("TypeError", missing));
        };
        if step == 3 {
            let bound = self.get_attr(v, name)?;
            self.push(bound);
            return Ok(());
        }
        self.call(f, vec![v], Vec::new())
    }

    /// What `await v` iterates: a coroutine itself, or the iterator an
    /// object's `__await__()` returns (called in a nested loop).
    fn awaitable(&mut self, v: Value) -> Result<Value, Exc> {
        if let Value::Obj(id) = v
            && let Obj::Generator(g) = self.heap.get(id)
        {
            if g.coroutine && g.finished {
                return Err(self.error("RuntimeError", "cannot reuse already awaited coroutine"));
            }
            if g.coroutine {
                return Ok(v);
            }
            return Err(self.error(
                "TypeError",
                "object generator can't be used in 'await' expression",
            ));
        }
        if let Some(f) = crate::classes::dunder(self, v, "__await__") {
            let it = self.call_sync(f, vec![v])?;
            let is_iterator = match it {
                Value::Obj(id) => match self.heap.get(id) {
                    Obj::Generator(g) => !g.coroutine,
                    Obj::Iter(_) => true,
                    Obj::Instance(_) => crate::classes::dunder(self, it, "__next__").is_some(),
                    _ => false,
                },
                _ => false,
            };
            if !is_iterator {
                let t = builtins::type_name(self, it);
                return Err(self.error(
                    "TypeError",
                    format!("__await__() returned non-iterator of type '{t}'"),
                ));
            }
            return Ok(it);
        }
        let t = builtins::type_name(self, v);
        Err(self.error(
            "TypeError",
            format!("object {t} can't be used in 'await' expression"),
        ))
    }

    /// `import name`: a module already imported, a native module (its
    /// script part runs as a frame that pushes the module when it
    /// returns), or a script file.
    pub(super) fn import_name(&mut self, name: &str) -> Result<(), Exc> {
        if let Some(m) = self.find_module(name) {
            self.push(Value::Obj(m));
        } else if builtins::is_builtin_module(self, name) {
            let module = builtins::import(self, name)?;
            match builtins::prelude(self, name) {
                // Its script part runs in the module's namespace;
                // the import finishes when that returns.
                Some((file, source)) => {
                    let Value::Obj(m) = module else {
                        return Err(self.error("SystemError", "a module that is not an object"));
                    };
                    let index = self.compile_file(file, source).map_err(|e| {
                        self.error("SyntaxError", format!("{} ({file})", e.message))
                    })?;
                    self.push_module_frame(index, m, OnReturn::Import(m));
                }
                None => self.push(module),
            }
        } else {
            self.import_script(name)?;
        }
        Ok(())
    }

    pub(super) fn name(&self, i: u32) -> Rc<str> {
        let code = self.frames.last().expect("a frame").code as usize;
        self.codes[code].names[i as usize].clone()
    }

    pub(super) fn cell_name(&self, i: u32) -> Rc<str> {
        let code = &self.codes[self.frames.last().expect("a frame").code as usize];
        let i = i as usize;
        if i < code.cellvars.len() {
            code.cellvars[i].clone()
        } else {
            code.freevars[i - code.cellvars.len()].clone()
        }
    }

    /// Cell `i` of the running frame.
    fn cell(&mut self, i: u32) -> Result<ObjId, Exc> {
        match self.frame().cell(i as usize) {
            Some(c) => Ok(c),
            None => Err(self.error("SystemError", "a frame lacks a cell its code uses")),
        }
    }

    pub(super) fn pop_n(&mut self, n: usize) -> Vec<Value> {
        let s = &mut self.frames.values;
        let at = s.len() - n;
        s.split_off(at)
    }

    pub(super) fn peek_at(&mut self, depth: usize) -> Value {
        let s = &self.frames.values;
        s[s.len() - 1 - depth]
    }

    pub(super) fn do_raise(&mut self, kind: u32) -> Result<Exc, Exc> {
        let handling = self.frame().handling();
        match kind {
            0 => match handling {
                Some(exc) => Ok(exc),
                None => Ok(self.error("RuntimeError", "No active exception to reraise")),
            },
            _ => {
                let cause = if kind == 2 { Some(self.pop()) } else { None };
                let v = self.pop();
                let exc = self.make_exception(v)?;
                if let Some(cause) = cause {
                    let cause = if cause == Value::None {
                        Value::None
                    } else {
                        self.make_exception(cause)?
                    };
                    self.set_exc_attr(exc, "__cause__", cause);
                    self.set_exc_attr(exc, "__suppress_context__", Value::Bool(true));
                }
                if let Some(context) = handling
                    && context != exc
                {
                    self.set_exc_attr(exc, "__context__", context);
                }
                Ok(exc)
            }
        }
    }

    pub(super) fn set_exc_attr(&mut self, exc: Exc, name: &str, v: Value) {
        if let Value::Obj(id) = exc
            && let Obj::Instance(inst) = self.heap.get_mut(id)
        {
            inst.attrs.insert(Rc::from(name), v);
        }
    }

    /// Turns what `raise` was given (a class or an instance) into an
    /// exception instance.
    pub(super) fn make_exception(&mut self, v: Value) -> Result<Exc, Exc> {
        if let Value::Obj(id) = v {
            match self.heap.get(id) {
                Obj::Class(c) if c.is_exception => {
                    return Ok(self.instantiate_exception(id, Vec::new()));
                }
                Obj::Instance(inst) => {
                    let class = inst.class;
                    if matches!(self.heap.get(class), Obj::Class(c) if c.is_exception) {
                        return Ok(v);
                    }
                }
                _ => {}
            }
        }
        Err(self.error("TypeError", "exceptions must derive from BaseException"))
    }
}
