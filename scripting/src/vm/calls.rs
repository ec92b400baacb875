//! Calls: script functions get a frame, built-ins run and push their
//! result (or hand work to a frame), classes are instantiated; frames
//! are pushed, returned from and recycled here.

use super::*;

impl Vm {
    // ---- calls ------------------------------------------------------------------

    /// Calls `callee`: a script function gets a new frame (its result is
    /// pushed when it returns); anything else runs now and its result is
    /// pushed.
    pub(crate) fn call(
        &mut self,
        callee: Value,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<(), Exc> {
        let Value::Obj(id) = callee else {
            let t = builtins::type_name(self, callee);
            return Err(self.error("TypeError", format!("'{t}' object is not callable")));
        };
        match self.heap.get(id) {
            Obj::Function(f) => {
                let f = f.clone();
                self.push_frame(id, &f, args, kwargs)
            }
            Obj::Builtin(b) => {
                let b = *b;
                self.call_native(callee, args, kwargs, |vm, args, kwargs| {
                    builtins::call_builtin(vm, b, None, args, kwargs)
                })
            }
            Obj::Unbound(b) => {
                let b = *b;
                if args.is_empty() {
                    let name = builtins::unbound_name(self, b);
                    return Err(self.error(
                        "TypeError",
                        format!("unbound method {name}() needs an argument"),
                    ));
                }
                self.call_native(callee, args, kwargs, |vm, mut args, kwargs| {
                    let receiver = args.remove(0);
                    let inner = builtins::method_receiver(vm, b, receiver);
                    builtins::operand_values(vm, b, &mut args);
                    builtins::check_receiver(vm, b, inner)?;
                    let key = args.first().copied();
                    let result = builtins::call_builtin(vm, b, Some(inner), args, kwargs);
                    let result = builtins::missing_key(vm, b, result, inner, receiver, key)?;
                    Ok(builtins::outer_result(vm, b, result, inner, receiver))
                })
            }
            Obj::Method(receiver, b) => {
                let (receiver, b) = (*receiver, *b);
                self.call_native(callee, args, kwargs, |vm, mut args, kwargs| {
                    let inner = builtins::method_receiver(vm, b, receiver);
                    builtins::operand_values(vm, b, &mut args);
                    let key = args.first().copied();
                    let result = builtins::call_builtin(vm, b, Some(inner), args, kwargs);
                    let result = builtins::missing_key(vm, b, result, inner, receiver, key)?;
                    Ok(builtins::outer_result(vm, b, result, inner, receiver))
                })
            }
            Obj::Type(kind) => {
                let kind = *kind;
                if kind == TypeKind::Type && args.len() == 3 {
                    return crate::classes::type_call(self, args, kwargs);
                }
                if let Some(native) = builtins::construct_with_script(self, kind, &args, &kwargs)? {
                    return self.finish_native(native);
                }
                self.call_native(callee, args, kwargs, |vm, args, kwargs| {
                    builtins::construct(vm, kind, args, kwargs).map(builtins::Native::Value)
                })
            }
            Obj::Class(c) => {
                // A metaclass's `__call__` decides what calling the class does.
                if let Some(meta) = c.metaclass
                    && let Some(f) = crate::classes::meta_attr(self, meta, "__call__")
                {
                    let mut full = Vec::with_capacity(args.len() + 1);
                    full.push(callee);
                    full.extend(args);
                    return self.call(f, full, kwargs);
                }
                crate::classes::instantiate(self, id, args, kwargs)
            }
            Obj::Tasklet(_) => {
                let v = crate::stackless::setup(self, id, args, kwargs)?;
                self.push(v);
                Ok(())
            }
            Obj::Instance(_) if crate::classes::dunder(self, callee, "__call__").is_some() => {
                let Some(mut f) = crate::classes::dunder(self, callee, "__call__") else {
                    return Err(self.error("TypeError", "object is not callable"));
                };
                let mut full = Vec::with_capacity(args.len() + 1);
                full.push(callee);
                full.extend(args);
                // `__call__` may be an instance with a `__call__` of its own:
                // follow the chain here, bounded as CPython's recursion is.
                let mut depth = 0;
                while matches!(f, Value::Obj(g) if matches!(self.heap.get(g), Obj::Instance(_))) {
                    let Some(next) = crate::classes::dunder(self, f, "__call__") else {
                        break;
                    };
                    depth += 1;
                    if depth > self.recursion_limit {
                        return Err(self.error(
                            "RecursionError",
                            "maximum recursion depth exceeded while calling a Python object",
                        ));
                    }
                    full.insert(0, f);
                    f = next;
                }
                self.call(f, full, kwargs)
            }
            Obj::BoundMethod(receiver, func) => {
                let (receiver, func) = (*receiver, *func);
                let mut full = Vec::with_capacity(args.len() + 1);
                full.push(receiver);
                full.extend(args);
                self.call(func, full, kwargs)
            }
            _ => {
                let t = builtins::type_name(self, callee);
                Err(self.error("TypeError", format!("'{t}' object is not callable")))
            }
        }
    }

    pub(crate) fn finish_native(&mut self, result: Native) -> Result<(), Exc> {
        match result {
            Native::Value(v) => {
                self.push(v);
                Ok(())
            }
            Native::Host(op) => {
                self.host_op = Some(op);
                Ok(())
            }
            Native::Call(callee, args) => self.call(callee, args, Vec::new()),
            Native::CallThen(callee, args, cont) => self.call_then(callee, args, cont),
            Native::Next(it, default) => self.next_op(it, default),
            Native::Send(g, v) => self.send_op(g, v),
            Native::Throw(g, exc) => self.throw_op(g, exc),
            Native::Close(g) => self.close_op(g),
        }
    }

    /// Runs a built-in, and when it meets an iterable that only script
    /// code can walk, has a frame turn it into a list and calls the
    /// built-in again with the list.
    pub(super) fn call_native(
        &mut self,
        callee: Value,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
        run: impl FnOnce(&mut Vm, Vec<Value>, Vec<(Rc<str>, Value)>) -> Result<builtins::Native, Exc>,
    ) -> Result<(), Exc> {
        let kept = args
            .iter()
            .any(|v| script_iterable(self, *v))
            .then(|| (args.clone(), kwargs.clone()));
        match run(self, args, kwargs) {
            Ok(result) => self.finish_native(result),
            Err(e) => match self.materialize.take() {
                Some((it, sentinel)) if sentinel == e => {
                    let found = kept.and_then(|(args, kwargs)| {
                        let index = args.iter().position(|a| *a == it)?;
                        Some((args, kwargs, index as u32))
                    });
                    match found {
                        Some((args, kwargs, index)) => self.materialize_then(
                            it,
                            Cont::Recall {
                                callee,
                                args,
                                kwargs,
                                index,
                            },
                        ),
                        None => {
                            let t = builtins::type_name(self, it);
                            Err(self.error(
                                "NotImplementedError",
                                format!("a built-in cannot iterate a '{t}' held inside another object here; pass it directly or as a list"),
                            ))
                        }
                    }
                }
                _ => Err(e),
            },
        }
    }

    /// The error for a scheduler operation made where the thread cannot
    /// stop (inside a script function called by a built-in).
    pub(super) fn cannot_block(&mut self) -> Exc {
        self.host_op = None;
        self.error(
            "RuntimeError",
            "a tasklet cannot switch inside a function called by a built-in (sorted's key, map, __str__...)",
        )
    }

    /// The scheduler operation the thread stopped for.
    ///
    /// # Panics
    /// If the last run did not end with [`Status::Blocked`].
    pub(crate) fn take_host_op(&mut self) -> crate::stackless::HostOp {
        self.host_op
            .take()
            .expect("a blocked thread has an operation")
    }

    /// A new, empty thread for a tasklet; returns its slot.
    pub(crate) fn new_thread(&mut self) -> u32 {
        let thread = Thread {
            frames: CallStack::default(),
            for_exit: None,
            tasklet: None,
            finish: None,
            owner: None,
        };
        match self.free_threads.pop() {
            Some(i) => {
                self.threads[i as usize] = Some(thread);
                i
            }
            None => {
                self.threads.push(Some(thread));
                (self.threads.len() - 1) as u32
            }
        }
    }

    /// Records the engine tasklet that runs `thread`.
    pub(crate) fn set_thread_tasklet(&mut self, thread: u32, tasklet: u64) {
        if let Some(Some(t)) = self.threads.get_mut(thread as usize) {
            t.tasklet = Some(tasklet);
        }
    }

    /// A copy of `thread`'s frames, and the value the operation it
    /// switched away in returns (`Err` for one that returns more than a
    /// value: a receive, a watchdog run).
    pub(crate) fn thread_state(
        &self,
        thread: u32,
    ) -> (Vec<SavedFrame>, Option<Suspended>, Option<u32>) {
        match self.threads.get(thread as usize) {
            Some(Some(t)) => (
                t.frames.save(),
                t.finish.as_ref().map(|f| match f {
                    crate::stackless::Finish::Tempval => Suspended::ReturnsTempval,
                    f => match (f.value(), f.channel_id()) {
                        (Some(v), _) => Suspended::Returns(v),
                        (None, Some(ch)) => Suspended::Receives(ch),
                        (None, None) => Suspended::Other,
                    },
                }),
                t.for_exit,
            ),
            _ => (Vec::new(), None, None),
        }
    }

    /// The channel object whose engine channel has the id `id`.
    pub(crate) fn channel_object(&self, id: u64) -> Option<ObjId> {
        self.heap.iter().find_map(|(o, obj)| match obj {
            Obj::Channel(c) if c.chan.id() == id => Some(o),
            _ => None,
        })
    }

    /// Gives the tasklet object `id` (already bound) the frames of a
    /// loaded tasklet and makes it alive and paused.
    pub(crate) fn restore_tasklet(
        &mut self,
        id: ObjId,
        frames: Vec<SavedFrame>,
        finish: Option<crate::stackless::Finish>,
        for_exit: Option<u32>,
    ) -> Result<(), Exc> {
        let Obj::Tasklet(t) = self.heap.get(id) else {
            return Err(self.error("TypeError", "not a tasklet"));
        };
        let (thread, handle) = (t.thread, t.handle);
        let Some(handle) = handle else {
            return Err(self.error("RuntimeError", shoal_engine::msg::RUN_DEAD));
        };
        if let Some(Some(t)) = self.threads.get_mut(thread as usize) {
            t.frames = CallStack::load(frames);
            t.finish = finish;
            t.for_exit = for_exit;
            t.tasklet = Some(handle.id());
        }
        handle
            .setup()
            .and_then(|()| handle.remove())
            .map_err(|e| self.error_to_exc(&e))
    }

    /// Every module object (main first).
    pub(crate) fn module_ids(&self) -> Vec<ObjId> {
        self.main_module
            .into_iter()
            .chain(self.modules.iter().map(|(_, m)| *m))
            .collect()
    }

    /// The module called `name` (`__main__` is the main script).
    pub(crate) fn module_by_name(&mut self, name: &str) -> Option<ObjId> {
        if name == "__main__" {
            return self.main_module;
        }
        if let Some(m) = self.find_module(name) {
            return Some(m);
        }
        if builtins::is_builtin_module(self, name) && builtins::prelude(self, name).is_none() {
            return builtins::import(self, name).ok().and_then(|v| match v {
                Value::Obj(m) => Some(m),
                _ => None,
            });
        }
        None
    }

    /// The saved parts of `thread`: frames, the operation it switched away
    /// in, and the exit of a `for` loop over a channel it waits in.
    pub(crate) fn thread_parts(
        &self,
        thread: u32,
    ) -> Option<(
        Vec<SavedFrame>,
        Option<&crate::stackless::Finish>,
        Option<u32>,
    )> {
        match self.threads.get(thread as usize) {
            Some(Some(t)) => Some((t.frames.save(), t.finish.as_ref(), t.for_exit)),
            _ => None,
        }
    }

    /// Puts saved parts back into `thread` (see [`Vm::thread_parts`]).
    pub(crate) fn set_thread_parts(
        &mut self,
        thread: u32,
        frames: Vec<SavedFrame>,
        finish: Option<crate::stackless::Finish>,
        for_exit: Option<u32>,
    ) {
        if let Some(Some(t)) = self.threads.get_mut(thread as usize) {
            t.frames = CallStack::load(frames);
            t.finish = finish;
            t.for_exit = for_exit;
        }
    }

    /// Takes the operation `thread` switched away in.
    pub(crate) fn take_finish(&mut self, thread: u32) -> Option<crate::stackless::Finish> {
        match self.threads.get_mut(thread as usize) {
            Some(Some(t)) => t.finish.take(),
            _ => None,
        }
    }

    /// Whether `thread` switched away in an operation pickle cannot save
    /// (a nested run, a select, a join, a blocking call).
    pub(crate) fn thread_unpicklable(&self, thread: u32) -> bool {
        use crate::stackless::Finish;
        match self.threads.get(thread as usize) {
            Some(Some(t)) => matches!(
                t.finish,
                Some(Finish::Run | Finish::Select(..) | Finish::Join(..) | Finish::Pool(_))
            ),
            _ => false,
        }
    }

    /// Records the operation `thread` switched away in.
    pub(crate) fn set_finish(&mut self, thread: u32, finish: crate::stackless::Finish) {
        if let Some(Some(t)) = self.threads.get_mut(thread as usize) {
            t.finish = Some(finish);
        }
    }

    /// Makes `thread` the running one (its frames in `frames`).
    pub(crate) fn enter_thread(&mut self, thread: u32) {
        if let Some(Some(t)) = self.threads.get_mut(thread as usize) {
            std::mem::swap(&mut self.frames, &mut t.frames);
            std::mem::swap(&mut self.for_exit, &mut t.for_exit);
            self.running_thread = thread;
        }
    }

    /// How many frames `thread` holds (Stackless's `recursion_depth`):
    /// 0 for a tasklet that has not started yet.
    pub(crate) fn thread_depth(&self, thread: u32) -> usize {
        let stack = if thread == self.running_thread {
            &self.frames
        } else if thread == 0 {
            // Main's frames are parked in the running thread's slot.
            match self.threads.get(self.running_thread as usize) {
                Some(Some(t)) => &t.frames,
                _ => return 0,
            }
        } else {
            match self.threads.get(thread as usize) {
                Some(Some(t)) => &t.frames,
                _ => return 0,
            }
        };
        let n = stack.len();
        if n == 1 && stack.records.first().is_some_and(|f| f.ip == 0) {
            return 0;
        }
        n
    }

    /// The frame object of `thread`'s innermost frame (callers reachable
    /// through `f_back`), made by `<shoal>.make_frames`; None when the
    /// thread holds no frame.
    pub(crate) fn thread_frame(&mut self, thread: u32) -> Result<Value, Exc> {
        let stack = if thread == self.running_thread {
            &self.frames
        } else {
            let slot = if thread == 0 {
                self.running_thread
            } else {
                thread
            };
            match self.threads.get(slot as usize) {
                Some(Some(t)) => &t.frames,
                _ => return Ok(Value::None),
            }
        };
        // A tasklet set up but not yet run has no frame yet.
        if stack.len() == 1 && stack.records.first().is_some_and(|f| f.ip == 0) {
            return Ok(Value::None);
        }
        let mut entries: Vec<(Rc<str>, u32, Rc<str>)> = Vec::new();
        for f in &stack.records {
            let code = &self.codes[f.code as usize];
            if &*code.filename == HELPERS_FILE {
                continue;
            }
            let line = code.lines.get(f.ip.saturating_sub(1)).copied().unwrap_or(0);
            entries.push((code.filename.clone(), line, code.name.clone()));
        }
        if entries.is_empty() {
            return Ok(Value::None);
        }
        let mut items = Vec::with_capacity(entries.len());
        for (file, line, name) in entries {
            let file = self.str_value(&file);
            let name = self.str_value(&name);
            items.push(Value::Obj(self.heap.alloc(Obj::Tuple(vec![
                file,
                Value::Int(i64::from(line)),
                name,
            ]))));
        }
        let list = Value::Obj(self.heap.alloc(Obj::List(items)));
        let make = self.shoal_helper("make_frames")?;
        let frames = self.call_sync(make, vec![list])?;
        Ok(match frames {
            Value::Obj(l) => match self.heap.get(l) {
                Obj::List(items) => items.last().copied().unwrap_or(Value::None),
                _ => Value::None,
            },
            _ => Value::None,
        })
    }

    /// Puts `thread`'s frames back (undoes [`Vm::enter_thread`]).
    pub(crate) fn leave_thread(&mut self, thread: u32) {
        if let Some(Some(t)) = self.threads.get_mut(thread as usize) {
            std::mem::swap(&mut self.frames, &mut t.frames);
            std::mem::swap(&mut self.for_exit, &mut t.for_exit);
            self.running_thread = 0;
        }
    }

    /// The owner tag of the running script tasklet, if it has one (see
    /// [`Vm::start_owned_tasklet`]).
    pub fn current_owner(&self) -> Option<u64> {
        match self.threads.get(self.running_thread as usize) {
            Some(Some(t)) if self.running_thread != 0 => t.owner,
            _ => None,
        }
    }

    /// The engine tasklet running `thread`.
    pub(crate) fn thread_tasklet(&self, thread: u32) -> Option<u64> {
        match self.threads.get(thread as usize) {
            Some(Some(t)) => t.tasklet,
            _ => None,
        }
    }

    /// The owner tag of `thread`'s tasklet.
    pub(crate) fn thread_owner(&self, thread: u32) -> Option<u64> {
        match self.threads.get(thread as usize) {
            Some(Some(t)) => t.owner,
            _ => None,
        }
    }

    /// Records the owner tag of `thread`'s tasklet.
    pub(crate) fn set_thread_owner(&mut self, thread: u32, owner: Option<u64>) {
        if let Some(Some(t)) = self.threads.get_mut(thread as usize) {
            t.owner = owner;
        }
    }

    /// Source files the program carries (path, text): `import` and
    /// snapshot loading look here before the file system.
    pub fn set_embedded_sources(&mut self, files: Rc<[(String, String)]>) {
        self.embedded = files;
    }

    /// The text of `path`: embedded, else read from disk.
    pub(crate) fn source_of(embedded: &[(String, String)], path: &str) -> std::io::Result<String> {
        match embedded.iter().find(|(p, _)| p == path) {
            Some((_, text)) => Ok(text.clone()),
            None => std::fs::read_to_string(path),
        }
    }

    /// Drops a finished thread.
    pub(crate) fn end_thread(&mut self, thread: u32) {
        if thread == 0 {
            return;
        }
        if let Some(Some(t)) = self.threads.get_mut(thread as usize) {
            // The object stays known (callbacks may still name it) until
            // the next collection.
            if let Some(id) = t.tasklet {
                self.ended_tasklets.push(id);
                // A finished tasklet's `tempval` is None, as in Stackless.
                if let Some(&obj) = self.tasklet_objs.get(&id)
                    && let Obj::Tasklet(o) = self.heap.get_mut(obj)
                {
                    o.tempval = Value::None;
                }
            }
            self.threads[thread as usize] = None;
            self.free_threads.push(thread);
        }
    }

    /// Whether `f` is a script function (or one bound to an object) that
    /// a tasklet can run.
    pub(crate) fn is_script_function(&self, f: Value) -> bool {
        let f = match f {
            Value::Obj(id) => match self.heap.get(id) {
                Obj::BoundMethod(_, g) => *g,
                _ => f,
            },
            _ => return false,
        };
        matches!(f, Value::Obj(id) if matches!(self.heap.get(id),
            Obj::Function(func) if !self.codes[func.code as usize].is_generator))
    }

    /// Gives `thread` its first frame: `func(*args, **kwargs)`, whose
    /// return ends the thread.
    pub(crate) fn start_thread(
        &mut self,
        thread: u32,
        func: Value,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<(), Exc> {
        // Any other callable, and a function whose arguments do not fit,
        // starts through the `stackless` module's `_tasklet_call`: the
        // call (or its TypeError) happens when the tasklet first runs, as
        // in Stackless.
        let trampoline = crate::stackless::prelude_function(self, "_tasklet_call");
        let script = self.is_script_function(func);
        if !script && trampoline.is_none() {
            return Err(self.error("TypeError", "the tasklet has no script function bound"));
        }
        // The slot must still be this tasklet's: a finished tasklet's slot
        // may belong to another one by now.
        let owner = match self.threads.get(thread as usize) {
            Some(Some(t)) if thread != 0 => t.tasklet,
            _ => return Err(self.error("RuntimeError", shoal_engine::msg::RUN_DEAD)),
        };
        if owner.is_some() {
            return Err(self.error("RuntimeError", shoal_engine::msg::RUN_DEAD));
        }
        // Started from a running tasklet's built-in call: that one is the
        // running thread again afterwards.
        let outer = self.running_thread;
        self.enter_thread(thread);
        self.frames.clear();
        // A tasklet often blocks in its first frame: room for that one
        // only (a Vec would reserve four 192-byte frames).
        self.frames.reserve_exact(1);
        let through = |vm: &mut Vm, t: Value, args: Vec<Value>, kwargs: Vec<(Rc<str>, Value)>| {
            let args = builtins::new_tuple(vm, args);
            let mut dict = crate::heap::Dict::default();
            for (k, v) in kwargs {
                let key = vm.str_value(&k);
                dict.insert(crate::value::Key::Str(k), (key, v));
            }
            let kwargs = Value::Obj(vm.heap.alloc(Obj::Dict(dict)));
            vm.call(t, vec![func, args, kwargs], Vec::new())
        };
        let called = match trampoline {
            Some(t) if !script => through(self, t, args, kwargs),
            Some(t) => match self.call(func, args.clone(), kwargs.clone()) {
                Ok(()) => Ok(()),
                Err(_) => {
                    self.frames.clear();
                    through(self, t, args, kwargs)
                }
            },
            None => self.call(func, args, kwargs),
        };
        if let Some(f) = self.frames.first_mut() {
            f.on_return = OnReturn::Discard;
        }
        self.leave_thread(thread);
        self.running_thread = outer;
        called
    }

    /// Leaves a `for` loop over a channel (the receive ended it); false
    /// if no loop was waiting.
    pub(crate) fn end_channel_loop(&mut self) -> bool {
        match self.for_exit.take() {
            Some(target) => {
                self.frames.values.pop();
                let frame = self.frame();
                frame.ip = target as usize;
                frame.set_gen_return(Value::None);
                true
            }
            None => false,
        }
    }

    /// Raises `exc` in the running thread's innermost frame; `Err` if
    /// nothing catches it.
    pub(crate) fn raise_in_thread(&mut self, exc: Exc) -> Result<(), Exc> {
        if self.frames.is_empty() {
            return Err(exc);
        }
        self.unwind(exc, 0)
    }

    /// Whether `name` is a built-in exception class.
    pub(crate) fn has_exc_class(&self, name: &str) -> bool {
        self.exc_classes.iter().any(|(n, _)| *n == name)
    }

    /// The static name of the built-in exception class `name`.
    pub(crate) fn exc_class_name(&self, name: &str) -> &'static str {
        self.exc_classes
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("RuntimeError", |(n, _)| *n)
    }

    /// `Call(n)` of a script function that takes exactly `n` positional
    /// parameters and nothing else to bind: the arguments move from the
    /// caller's stack into a recycled frame. `false` if the call is not
    /// that simple (nothing has changed then).
    pub(super) fn call_simple(&mut self, n: usize) -> Result<bool, Exc> {
        let values = &self.frames.values;
        let at = values.len() - n - 1;
        let Value::Obj(id) = values[at] else {
            return Ok(false);
        };
        let Obj::Function(f) = self.heap.get(id) else {
            return Ok(false);
        };
        let code = &self.codes[f.code as usize];
        if code.argcount as usize != n
            || code.kwonlycount != 0
            || code.varargs
            || code.varkw
            || !code.cellvars.is_empty()
            || code.is_generator
        {
            return Ok(false);
        }
        if self.frames.len() >= self.recursion_limit {
            return Err(self.error("RecursionError", "maximum recursion depth exceeded"));
        }
        // The arguments stay where they are, as the callee's first
        // locals, above the function.
        let nlocals = code.varnames.len();
        let base = at + 1;
        let mut frame = Frame::new(f.code, f.module, Some(id), base, base + nlocals);
        if !f.closure.is_empty() {
            frame.extra_mut().cells = f.closure.clone();
        }
        self.frames.values.resize(base + nlocals, frame::UNBOUND);
        self.frames.push(frame);
        Ok(true)
    }

    /// The script function `names[i]` of `obj`'s class when `obj.name`
    /// would be it bound to `obj` (no instance attribute hides it).
    #[inline]
    pub(super) fn method_function(&self, obj: Value, i: u32) -> Option<Value> {
        let Value::Obj(id) = obj else { return None };
        let Obj::Instance(inst) = self.heap.get(id) else {
            return None;
        };
        let frame = self.frames.last().expect("a frame");
        let name = &self.codes[frame.code as usize].names[i as usize];
        if inst.attrs.contains_key(name) {
            return None;
        }
        let f = crate::classes::class_attr(self, inst.class, name)?;
        match f {
            Value::Obj(fid) if matches!(self.heap.get(fid), Obj::Function(_)) => Some(f),
            _ => None,
        }
    }

    /// Turns the stack of `CallMethod(n)` into that of a plain call;
    /// returns its argument count.
    #[inline]
    pub(super) fn method_args(&mut self, n: u32) -> u32 {
        plain_call_args(&mut self.frames.values, n)
    }

    /// `Return` from a frame whose value simply goes to its caller: pops
    /// it and pushes the value. `false` (nothing done) for any other
    /// frame.
    #[inline(always)]
    pub(super) fn return_plain(&mut self) -> bool {
        let frame = self.frames.last().expect("a frame");
        if !matches!(frame.on_return, OnReturn::Push) || frame.extra.is_some() {
            return false;
        }
        let v = self.pop();
        if let Some(frame) = self.frames.pop() {
            // It owns nothing (no extra part, a plain `on_return`): no
            // drop to run.
            std::mem::forget(frame);
        }
        if !self.frames.is_empty() {
            self.push(v);
        }
        true
    }

    /// `NameError` for `name`, with the closest name the running code
    /// could have meant (its variables, then globals, then builtins),
    /// shown in the traceback as CPython does.
    pub(super) fn name_error(&mut self, name: &str) -> Exc {
        let exc = self.error("NameError", format!("name '{name}' is not defined"));
        let frame = self.frames.last().expect("a frame");
        let code = &self.codes[frame.code as usize];
        let globals = match self.heap.get(frame.module) {
            Obj::Module(m) => Some(&m.attrs),
            _ => None,
        };
        let found = crate::suggest::suggestion(name, code.varnames.iter().map(|n| &**n))
            .or_else(|| {
                globals.and_then(|g| crate::suggest::suggestion(name, g.keys().map(|n| &**n)))
            })
            .or_else(|| crate::suggest::suggestion(name, self.builtins.keys().map(|n| &**n)))
            .map(str::to_owned);
        if let Some(s) = found {
            let v = self.str_value(&s);
            self.set_exc_attr(exc, SUGGESTION, v);
        }
        exc
    }

    /// `del obj.name`.
    pub(super) fn delete_attr(&mut self, obj: Value, name: &str) -> Result<(), Exc> {
        if let Value::Obj(id) = obj {
            let removed = match self.heap.get_mut(id) {
                Obj::Instance(inst) => Some(inst.attrs.shift_remove(name).is_some()),
                Obj::Class(c) => Some(c.attrs.shift_remove(name).is_some()),
                Obj::Module(m) => Some(m.attrs.shift_remove(name).is_some()),
                Obj::Function(f) => Some(
                    f.attrs
                        .as_mut()
                        .is_some_and(|a| a.shift_remove(name).is_some()),
                ),
                _ => None,
            };
            match removed {
                Some(true) => return Ok(()),
                Some(false) => {
                    let msg = match self.heap.get(id) {
                        Obj::Class(c) => {
                            format!("type object '{}' has no attribute '{name}'", c.name)
                        }
                        Obj::Module(m) => format!("module '{}' has no attribute '{name}'", m.name),
                        _ => format!(
                            "'{}' object has no attribute '{name}'",
                            builtins::type_name(self, obj)
                        ),
                    };
                    return Err(self.error("AttributeError", msg));
                }
                None => {}
            }
        }
        let t = builtins::type_name(self, obj);
        // A built-in value's methods cannot go; other names are not there.
        let msg = if builtins::method(self, obj, name).is_some() {
            format!("'{t}' object attribute '{name}' is read-only")
        } else {
            format!("'{t}' object has no attribute '{name}'")
        };
        Err(self.error("AttributeError", msg))
    }

    pub(crate) fn push_frame(
        &mut self,
        func_id: ObjId,
        f: &Function,
        args: Vec<Value>,
        kwargs: Vec<(Rc<str>, Value)>,
    ) -> Result<(), Exc> {
        if self.frames.len() >= self.recursion_limit {
            return Err(self.error("RecursionError", "maximum recursion depth exceeded"));
        }
        let code = &self.codes[f.code as usize];
        let nlocals = code.varnames.len();
        let argcount = code.argcount as usize;
        // The common call: exactly the positional parameters, nothing else
        // to bind.
        if kwargs.is_empty()
            && args.len() == argcount
            && code.kwonlycount == 0
            && !code.varargs
            && !code.varkw
            && code.cellvars.is_empty()
            && !code.is_generator
        {
            let mut frame = Frame::new(f.code, f.module, Some(func_id), 0, 0);
            if !f.closure.is_empty() {
                frame.extra_mut().cells = f.closure.clone();
            }
            let unbound = nlocals.saturating_sub(args.len());
            self.frames.enter(
                frame,
                args.into_iter()
                    .map(Some)
                    .chain(std::iter::repeat_n(None, unbound)),
            );
            return Ok(());
        }
        let mut locals: Vec<Option<Value>> = vec![None; nlocals];
        let name = code.name.clone();
        let qual = code.qualname.clone();
        // Positional arguments.
        let npos = args.len().min(argcount);
        for (i, v) in args.iter().take(npos).enumerate() {
            locals[i] = Some(*v);
        }
        let extra: Vec<Value> = args.iter().skip(argcount).copied().collect();
        let mut slot = argcount + code.kwonlycount as usize;
        if code.varargs {
            let t = self.heap.alloc(Obj::Tuple(extra.clone()));
            locals[slot] = Some(Value::Obj(t));
            slot += 1;
        } else if !extra.is_empty() {
            let given = args.len();
            let takes = if f.defaults.is_empty() {
                format!("{argcount}")
            } else {
                format!("from {} to {argcount}", argcount - f.defaults.len())
            };
            let s = if argcount == 1 && f.defaults.is_empty() {
                ""
            } else {
                "s"
            };
            return Err(self.error(
                "TypeError",
                format!(
                    "{qual}() takes {takes} positional argument{s} but {given} {} given",
                    if given == 1 { "was" } else { "were" }
                ),
            ));
        }
        let code = &self.codes[f.code as usize];
        let mut extra_kw: Vec<(Rc<str>, Value)> = Vec::new();
        for (k, v) in kwargs {
            let pos = code.varnames[..argcount + code.kwonlycount as usize]
                .iter()
                .position(|n| *n == k);
            match pos {
                Some(i) => {
                    if locals[i].is_some() {
                        return Err(self.error(
                            "TypeError",
                            format!("{qual}() got multiple values for argument '{k}'"),
                        ));
                    }
                    locals[i] = Some(v);
                }
                None if code.varkw => extra_kw.push((k, v)),
                None => {
                    return Err(self.error(
                        "TypeError",
                        format!("{qual}() got an unexpected keyword argument '{k}'"),
                    ));
                }
            }
        }
        let code = &self.codes[f.code as usize];
        if code.varkw {
            let mut dict = crate::heap::Dict::default();
            for (k, v) in extra_kw {
                let kv = Value::Obj(self.heap.alloc(Obj::Str(k.clone())));
                dict.insert(Key::Str(k), (kv, v));
            }
            let d = self.heap.alloc(Obj::Dict(dict));
            locals[slot] = Some(Value::Obj(d));
        }
        // Defaults for the missing ones.
        let code = &self.codes[f.code as usize];
        let first_default = argcount - f.defaults.len();
        let mut missing = Vec::new();
        for (i, local) in locals.iter_mut().enumerate().take(argcount) {
            if local.is_none() {
                if i >= first_default {
                    *local = Some(f.defaults[i - first_default]);
                } else {
                    missing.push(code.varnames[i].clone());
                }
            }
        }
        let kwonly = argcount..argcount + code.kwonlycount as usize;
        for (local, name) in locals[kwonly.clone()]
            .iter_mut()
            .zip(&code.varnames[kwonly])
        {
            if local.is_none() {
                match f.kwdefaults.iter().find(|(n, _)| n == name) {
                    Some((_, v)) => *local = Some(*v),
                    None => missing.push(name.clone()),
                }
            }
        }
        if !missing.is_empty() {
            let names: Vec<String> = missing.iter().map(|n| format!("'{n}'")).collect();
            let list = match names.len() {
                1 => names[0].clone(),
                2 => format!("{} and {}", names[0], names[1]),
                _ => format!(
                    "{}, and {}",
                    names[..names.len() - 1].join(", "),
                    names[names.len() - 1]
                ),
            };
            let s = if missing.len() == 1 { "" } else { "s" };
            let _ = name;
            return Err(self.error(
                "TypeError",
                format!(
                    "{qual}() missing {} required positional argument{s}: {list}",
                    missing.len()
                ),
            ));
        }
        // Cells: own cell variables (parameters copied in), then the closure.
        let mut cells = Vec::with_capacity(code.cellvars.len() + f.closure.len());
        for ci in 0..code.cellvars.len() {
            let initial = code
                .cell_params
                .iter()
                .find(|(c, _)| *c as usize == ci)
                .and_then(|(_, li)| locals[*li as usize]);
            let id = self.heap.alloc(Obj::Cell(Value::None));
            let v = initial.unwrap_or(Value::Obj(id));
            *self.heap.get_mut(id) = Obj::Cell(v);
            cells.push(id);
        }
        cells.extend(f.closure.iter().copied());
        let frame = SavedFrame {
            code: f.code,
            ip: 0,
            stack: Vec::new(),
            locals,
            cells,
            blocks: Vec::new(),
            marks: Vec::new(),
            handling: Vec::new(),
            module: f.module,
            func: Some(func_id),
            class_ns: None,
            on_return: OnReturn::Push,
            generator: None,
            gen_return: Value::None,
        };
        let code = &self.codes[f.code as usize];
        if code.is_generator {
            let name = code.name.clone();
            let coroutine = code.is_coroutine;
            let generator_id = self
                .heap
                .alloc(Obj::Generator(Box::new(crate::heap::Generator {
                    frame: Some(frame),
                    started: false,
                    finished: false,
                    name,
                    coroutine,
                })));
            self.push(Value::Obj(generator_id));
        } else {
            self.frames.push_saved(frame);
        }
        Ok(())
    }
}
