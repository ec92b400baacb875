//! Protocols that run script code on behalf of an instruction: operator
//! and comparison dunders, truth (`__bool__`, `__len__`), `in`,
//! iteration (`__iter__`, `__next__`), properties and `__getattr__`,
//! setters, `with` blocks' `__enter__`/`__exit__`, and built-ins that
//! consume script iterables.
//!
//! The script function runs as an ordinary frame on the running thread;
//! its return value goes to a continuation ([`Cont`], kept in the frame's
//! [`OnReturn::Cont`]) that finishes the instruction's work, as Lua 5.4
//! finishes an interrupted opcode. No nested interpreter loop runs, so
//! code inside a dunder, a property or an `__enter__` is preempted by the
//! watchdog, may switch tasklets (a channel receive, `schedule`,
//! `world.sleep`), and is saved by pickle and snapshots like any frame.

use std::rc::Rc;

use super::{Exc, OnReturn, Vm};
use crate::ast::{BinOp, CmpOp, UnaryOp};
use crate::builtins::{self, is_instance};
use crate::heap::Obj;
use crate::value::{ObjId, Value};

/// What finishes an instruction once the script function it called
/// returns (data: it is saved with the frame).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Cont {
    /// A binary operator's candidate dunder number `stage` returned
    /// (see [`binary_candidates`]).
    Binary {
        /// The operator.
        op: BinOp,
        /// Left operand.
        a: Value,
        /// Right operand.
        b: Value,
        /// `a op= b`.
        inplace: bool,
        /// The candidate that ran.
        stage: u8,
    },
    /// A comparison's candidate dunder number `stage` returned (see
    /// [`compare_candidates`]).
    Compare {
        /// The operator.
        op: CmpOp,
        /// Left operand.
        a: Value,
        /// Right operand.
        b: Value,
        /// The candidate that ran.
        stage: u8,
    },
    /// `__bool__` (`len` false) or `__len__` (`len` true) returned: check
    /// the result, then act on the truth value.
    Truth {
        /// Whether it was `__len__`.
        len: bool,
        /// What the truth value decides.
        then: OnTruth,
    },
    /// Any value's truth decides (`__contains__`'s result, say).
    Test(OnTruth),
    /// A property's getter returned; AttributeError from it calls the
    /// class's `__getattr__(obj, name)` instead (see [`Vm::unwind`]).
    GetAttr {
        /// The object.
        obj: Value,
        /// The attribute.
        name: Rc<str>,
    },
    /// `int(x)` or `float(x)` of an instance: its `dunder` returned, and
    /// the result must be an int (or a float, for `__float__`).
    Convert {
        /// The instance.
        x: Value,
        /// `float()` (else `int()`).
        float: bool,
        /// The method that ran.
        dunder: Rc<str>,
    },
    /// `__len__` for `len()`: the result must be a non-negative int.
    Len,
    /// `__iter__` returned: the result must be an iterator.
    Iter,
    /// `__next__` of a `for` loop's iterator returned the next item;
    /// StopIteration leaves the loop for `exit` (see [`Vm::unwind`]).
    ForNext {
        /// Where the loop ends.
        exit: u32,
    },
    /// `__next__` called by `next()` returned; with a default,
    /// StopIteration gives the default instead (see [`Vm::unwind`]).
    NextDefault {
        /// The default.
        default: Option<Value>,
    },
    /// A generator resumed by `next()` returned (ended): the default, or
    /// StopIteration carrying its value.
    GenNext {
        /// The default.
        default: Option<Value>,
    },
    /// A generator closed by `close()` returned (or let GeneratorExit
    /// out, see [`Vm::unwind`]): `close()` returns None. Yielding instead
    /// is a RuntimeError.
    GenClose,
    /// `__str__` (`repr` false) or `__repr__` returned: must be a str.
    Str {
        /// Which one.
        repr: bool,
    },
    /// The result is dropped and `then` pushed in its place (nothing for
    /// None): a setter, `__setitem__`, `__exit__` after a normal exit.
    Replace(Option<Value>),
    /// A `with` block's `__exit__` after an exception: a true result
    /// swallows `exc`.
    WithExcept {
        /// Where the block's code ends.
        end: u32,
        /// The exception.
        exc: Value,
    },
    /// A class was called here: `__init__` returned (it must return
    /// None); the instance goes on to `then`.
    Init {
        /// The new instance.
        instance: ObjId,
        /// What receives it.
        then: Box<Cont>,
    },
    /// An iterable materialized as a list replaces the stack entry
    /// `depth` below the top and the instruction runs again.
    Redo {
        /// Position from the top.
        depth: u32,
    },
    /// A built-in is called again with the list in place of its argument
    /// number `index`.
    Recall {
        /// The built-in (function, method or type).
        callee: Value,
        /// Its arguments.
        args: Vec<Value>,
        /// Its keyword arguments.
        kwargs: Vec<(Rc<str>, Value)>,
        /// The argument that was materialized.
        index: u32,
    },
}

impl Cont {
    /// Calls `f` on every object index the continuation holds.
    pub(crate) fn remap_ids(&mut self, f: &mut dyn FnMut(&mut ObjId)) {
        let value = crate::heap::remap_value;
        match self {
            Cont::Binary { a, b, .. } | Cont::Compare { a, b, .. } => {
                value(a, f);
                value(b, f);
            }
            Cont::Truth { then, .. } | Cont::Test(then) => {
                if let OnTruth::WithExcept { exc, .. } = then {
                    value(exc, f);
                }
            }
            Cont::Replace(Some(v))
            | Cont::Convert { x: v, .. }
            | Cont::GetAttr { obj: v, .. }
            | Cont::WithExcept { exc: v, .. }
            | Cont::NextDefault { default: Some(v) }
            | Cont::GenNext { default: Some(v) } => value(v, f),
            Cont::Init { instance, then } => {
                f(instance);
                then.remap_ids(f);
            }
            Cont::Recall {
                callee,
                args,
                kwargs,
                ..
            } => {
                value(callee, f);
                args.iter_mut().for_each(|v| value(v, f));
                kwargs.iter_mut().for_each(|(_, v)| value(v, f));
            }
            Cont::Replace(None)
            | Cont::NextDefault { default: None }
            | Cont::GenNext { default: None }
            | Cont::GenClose
            | Cont::Len
            | Cont::Iter
            | Cont::ForNext { .. }
            | Cont::Str { .. }
            | Cont::Redo { .. } => {}
        }
    }

    /// The values the continuation holds (for the collector).
    pub(crate) fn roots(&self, roots: &mut Vec<Value>) {
        let mut clone = self.clone();
        clone.remap_ids(&mut |id| roots.push(Value::Obj(*id)));
    }
}

/// What a truth value decides.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum OnTruth {
    /// `PopJumpIf{True,False}`: jump to `target` when the truth is `when`.
    Jump {
        /// Where to.
        target: u32,
        /// On which truth value.
        when: bool,
    },
    /// `JumpIf{True,False}OrPop`: jump (keeping the tested value) when the
    /// truth is `when`, else pop it.
    JumpOrPop {
        /// Where to.
        target: u32,
        /// On which truth value.
        when: bool,
    },
    /// Push the truth value (negated for `not`, `not in`).
    Push {
        /// Whether to negate it.
        negate: bool,
    },
    /// A `with` block's `__exit__` result: true swallows the exception.
    WithExcept {
        /// Where the block's code ends.
        end: u32,
        /// The exception.
        exc: Value,
    },
}

/// The dunder calls a binary operator tries, in order: (receiver, method
/// name, argument).
fn binary_candidates(
    vm: &Vm,
    op: BinOp,
    a: Value,
    b: Value,
    inplace: bool,
) -> Vec<(Value, &'static str, Value)> {
    let (name, rname, iname) = builtins::dunder_names(op);
    let mut out = Vec::with_capacity(3);
    if inplace && crate::classes::dunder(vm, a, iname).is_some() {
        out.push((a, iname, b));
    }
    // The reflected method is not tried between instances of one class,
    // and goes first when the right operand's class derives from the
    // left's and overrides it.
    let same_class = matches!(
        (crate::classes::class_of(vm, a), crate::classes::class_of(vm, b)),
        (Some(x), Some(y)) if x == y
    );
    let reflected = crate::classes::dunder(vm, b, rname);
    let reflected_first = reflected.is_some()
        && subclass_of(vm, b, a)
        && reflected != crate::classes::dunder(vm, a, rname);
    if reflected_first {
        out.push((b, rname, a));
    }
    if crate::classes::dunder(vm, a, name).is_some() {
        out.push((a, name, b));
    }
    if !same_class && !reflected_first && reflected.is_some() {
        out.push((b, rname, a));
    }
    out
}

/// Whether `b`'s class is a proper subclass of `a`'s (both instances).
fn subclass_of(vm: &Vm, b: Value, a: Value) -> bool {
    let (Some(cb), Some(ca)) = (
        crate::classes::class_of(vm, b),
        crate::classes::class_of(vm, a),
    ) else {
        return false;
    };
    cb != ca && matches!(vm.heap.get(cb), Obj::Class(c) if c.mro.contains(&ca))
}

/// The dunder calls a comparison tries, in order: (receiver, method name,
/// argument, whether the result is negated: `!=` through `__eq__`).
fn compare_candidates(
    vm: &Vm,
    op: CmpOp,
    a: Value,
    b: Value,
) -> Vec<(Value, &'static str, Value, bool)> {
    let Some((name, reflected)) = builtins::compare_dunders(op) else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(2);
    // The right operand's reflected method goes first when its class
    // derives from the left's.
    let order = if subclass_of(vm, b, a) {
        [(b, a, reflected), (a, b, name)]
    } else {
        [(a, b, name), (b, a, reflected)]
    };
    for (x, y, n) in order {
        if crate::classes::dunder(vm, x, n).is_some() {
            out.push((x, n, y, false));
        } else if op == CmpOp::NotEq && crate::classes::dunder(vm, x, "__eq__").is_some() {
            // object.__ne__ inverts __eq__.
            out.push((x, "__eq__", y, true));
        }
    }
    out
}

/// Whether `v` is a list or a tuple.
fn is_sequence(vm: &Vm, v: Value) -> bool {
    matches!(v, Value::Obj(id) if matches!(vm.heap.get(id), Obj::List(_) | Obj::Tuple(_)))
}

/// Whether `a` and `b` are both lists or both tuples.
fn same_sequence_kind(vm: &Vm, a: Value, b: Value) -> bool {
    match (a, b) {
        (Value::Obj(x), Value::Obj(y)) => matches!(
            (vm.heap.get(x), vm.heap.get(y)),
            (Obj::List(_), Obj::List(_)) | (Obj::Tuple(_), Obj::Tuple(_))
        ),
        _ => false,
    }
}

/// Whether iterating `v` runs script code (a generator's frame, an
/// instance's `__iter__`/`__next__`): built-ins that consume it take it
/// as a list materialized by a script frame first.
pub(crate) fn script_iterable(vm: &Vm, v: Value) -> bool {
    match v {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Instance(_) | Obj::Generator(_) | Obj::Channel(_) => true,
            // A class whose metaclass defines `__iter__` (an Enum).
            Obj::Class(c) => c.metaclass.is_some(),
            _ => false,
        },
        _ => false,
    }
}

impl Vm {
    /// Whether `exc` is an instance of the built-in exception class `name`
    /// (or of a subclass).
    pub(crate) fn exc_is(&mut self, exc: Exc, name: &str) -> Result<bool, Exc> {
        let class = Value::Obj(self.exc_class(name));
        builtins::exception_matches(self, exc, class)
    }

    /// A new StopIteration carrying `args`.
    pub(crate) fn stop_iteration(&mut self, args: Vec<Value>) -> Exc {
        let class = self.exc_class("StopIteration");
        self.instantiate_exception(class, args)
    }

    /// Calls `callee`; its result goes to `cont`. A script function runs
    /// as a frame (the continuation waits in it); a built-in's result goes
    /// to the continuation at once.
    pub(crate) fn call_then(
        &mut self,
        callee: Value,
        args: Vec<Value>,
        cont: Cont,
    ) -> Result<(), Exc> {
        let depth = self.frames.len();
        let stack = self.frames.values.len();
        self.call(callee, args, Vec::new())?;
        if self.host_op.is_some() {
            // A built-in that switches tasklets, used as a dunder.
            return Err(self.cannot_block());
        }
        if self.frames.len() > depth {
            let frame = self.frame();
            let old = std::mem::replace(&mut frame.on_return, OnReturn::Push);
            frame.on_return = match old {
                OnReturn::Push => OnReturn::Cont(Box::new(cont)),
                OnReturn::Init(instance) => OnReturn::Cont(Box::new(Cont::Init {
                    instance,
                    then: Box::new(cont),
                })),
                other => {
                    frame.on_return = other;
                    return Err(self.error(
                        "SystemError",
                        "a call made for a protocol returned in an unexpected way",
                    ));
                }
            };
            return Ok(());
        }
        let v = if self.frames.values.len() > stack {
            self.pop()
        } else {
            Value::None
        };
        self.resume(cont, v)
    }

    /// Finishes the work of a continuation with the value it waited for.
    pub(crate) fn resume(&mut self, cont: Cont, v: Value) -> Result<(), Exc> {
        match cont {
            Cont::Binary {
                op,
                a,
                b,
                inplace,
                stage,
            } => {
                if !builtins::not_implemented(self, v) {
                    self.push(v);
                    return Ok(());
                }
                self.binary_from(op, a, b, inplace, stage + 1)
            }
            Cont::Compare { op, a, b, stage } => {
                if !builtins::not_implemented(self, v) {
                    let negate = compare_candidates(self, op, a, b)
                        .get(stage as usize)
                        .is_some_and(|c| c.3);
                    if negate {
                        return self.truth_then(v, OnTruth::Push { negate: true });
                    }
                    self.push(v);
                    return Ok(());
                }
                self.compare_from(op, a, b, stage + 1)
            }
            Cont::Truth { len, then } => {
                let truth = if len {
                    self.check_len(v)? != 0
                } else {
                    match v {
                        Value::Bool(b) => b,
                        _ => {
                            let t = builtins::type_name(self, v);
                            return Err(self.error(
                                "TypeError",
                                format!("__bool__ should return bool, returned {t}"),
                            ));
                        }
                    }
                };
                self.apply_truth(truth, then)
            }
            Cont::Test(then) => self.truth_then(v, then),
            Cont::Convert { x, float, dunder } => {
                let fits = match v {
                    Value::Int(_) => &*dunder != "__float__",
                    Value::Float(_) => &*dunder == "__float__",
                    _ => false,
                };
                if !fits {
                    let t = builtins::type_name(self, v);
                    // CPython names the class for `__float__` only.
                    let owner = if &*dunder == "__float__" {
                        format!("{}.", builtins::type_name(self, x))
                    } else {
                        String::new()
                    };
                    let to = if float { "float" } else { "int" };
                    return Err(self.error(
                        "TypeError",
                        format!("{owner}{dunder} returned non-{to} (type {t})"),
                    ));
                }
                let v = match (float, v) {
                    (true, Value::Int(i)) => Value::Float(i as f64),
                    _ => v,
                };
                self.push(v);
                Ok(())
            }
            Cont::Len => {
                let n = self.check_len(v)?;
                self.push(Value::Int(n));
                Ok(())
            }
            Cont::Iter => {
                if !self.is_iterator(v) {
                    let t = builtins::type_name(self, v);
                    return Err(self.error(
                        "TypeError",
                        format!("iter() returned non-iterator of type '{t}'"),
                    ));
                }
                self.push(v);
                Ok(())
            }
            Cont::ForNext { .. } | Cont::NextDefault { .. } | Cont::GetAttr { .. } => {
                self.push(v);
                Ok(())
            }
            Cont::GenClose => {
                self.push(Value::None);
                Ok(())
            }
            Cont::GenNext { default } => match default {
                Some(d) => {
                    self.push(d);
                    Ok(())
                }
                // StopIteration carries the generator's return value.
                None if v == Value::None => Err(self.stop_iteration(Vec::new())),
                None => Err(self.stop_iteration(vec![v])),
            },
            Cont::Str { repr } => {
                if builtins::str_content(self, v).is_none() {
                    let t = builtins::type_name(self, v);
                    let which = if repr { "__repr__" } else { "__str__" };
                    return Err(self.error(
                        "TypeError",
                        format!("{which} returned non-string (type {t})"),
                    ));
                }
                self.push(v);
                Ok(())
            }
            Cont::Replace(then) => {
                if let Some(t) = then {
                    self.push(t);
                }
                Ok(())
            }
            Cont::WithExcept { end, exc } => self.truth_then(v, OnTruth::WithExcept { end, exc }),
            Cont::Init { instance, then } => {
                if v != Value::None {
                    let t = builtins::type_name(self, v);
                    return Err(self.error(
                        "TypeError",
                        format!("__init__() should return None, not '{t}'"),
                    ));
                }
                self.resume(*then, Value::Obj(instance))
            }
            Cont::Redo { depth } => {
                let n = self.frames.operands().len();
                let Some(slot) = n.checked_sub(1 + depth as usize) else {
                    return Err(self.error("SystemError", "a redone instruction lost its operand"));
                };
                let at = self.frames.values.len() - n + slot;
                self.frames.values[at] = v;
                let frame = self.frame();
                frame.ip = frame.ip.saturating_sub(1);
                Ok(())
            }
            Cont::Recall {
                callee,
                mut args,
                kwargs,
                index,
            } => {
                if let Some(slot) = args.get_mut(index as usize) {
                    *slot = v;
                }
                self.call(callee, args, kwargs)
            }
        }
    }

    /// `__len__`'s result as a length.
    fn check_len(&mut self, v: Value) -> Result<i64, Exc> {
        match v {
            Value::Int(n) if n >= 0 => Ok(n),
            Value::Bool(b) => Ok(b as i64),
            Value::Int(_) => Err(self.error("ValueError", "__len__() should return >= 0")),
            _ => {
                let t = builtins::type_name(self, v);
                Err(self.error(
                    "TypeError",
                    format!("'{t}' object cannot be interpreted as an integer"),
                ))
            }
        }
    }

    fn is_iterator(&self, v: Value) -> bool {
        match v {
            Value::Obj(id) => match self.heap.get(id) {
                Obj::Iter(_) | Obj::Generator(_) | Obj::Channel(_) => true,
                Obj::Instance(_) => crate::classes::dunder(self, v, "__next__").is_some(),
                _ => false,
            },
            _ => false,
        }
    }

    fn apply_truth(&mut self, truth: bool, then: OnTruth) -> Result<(), Exc> {
        match then {
            OnTruth::Jump { target, when } => {
                if truth == when {
                    self.frame().ip = target as usize;
                }
            }
            OnTruth::JumpOrPop { target, when } => {
                if truth == when {
                    self.frame().ip = target as usize;
                } else {
                    self.pop();
                }
            }
            OnTruth::Push { negate } => self.push(Value::Bool(truth != negate)),
            OnTruth::WithExcept { end, exc } => {
                if truth {
                    self.frame().ip = end as usize;
                } else {
                    return Err(exc);
                }
            }
        }
        Ok(())
    }

    /// Decides the truth of `v` and acts on it: at once for built-in
    /// values, through a `__bool__`/`__len__` frame for instances.
    pub(crate) fn truth_then(&mut self, v: Value, then: OnTruth) -> Result<(), Exc> {
        if builtins::has_script_type(self, v) {
            for (name, len) in [("__bool__", false), ("__len__", true)] {
                if let Some(f) = crate::classes::dunder(self, v, name) {
                    return self.call_then(f, vec![v], Cont::Truth { len, then });
                }
            }
        }
        let truth = builtins::truthy(self, v);
        self.apply_truth(truth, then)
    }

    /// A binary operator; dunders from candidate `stage` on run as frames.
    pub(crate) fn binary_op(
        &mut self,
        op: BinOp,
        a: Value,
        b: Value,
        inplace: bool,
    ) -> Result<(), Exc> {
        // `int | None` in an annotation: a union of types.
        if op == BinOp::BitOr && (self.is_type_value(a) || self.is_type_value(b)) {
            let either = |vm: &Vm, v: Value| vm.is_type_value(v) || v == Value::None;
            if either(self, a) && either(self, b) {
                let f = self.shoal_helper("UnionType")?;
                return self.call(f, vec![a, b], Vec::new());
            }
        }
        if !is_instance(self, a) && !is_instance(self, b) {
            let v = builtins::binary(self, op, a, b, inplace)?;
            self.push(v);
            return Ok(());
        }
        // A built-in value and an instance of a class deriving from a
        // built-in type that keeps the type's reflected operator: the
        // built-in operation on the value it holds (`'%d' % I(5)`).
        if !is_instance(self, a)
            && let Some(inner) = crate::classes::native_value(self, b)
        {
            let (_, rname, _) = builtins::dunder_names(op);
            let own = crate::classes::dunder(self, b, rname).is_some_and(
                |f| matches!(f, Value::Obj(id) if matches!(self.heap.get(id), Obj::Function(_))),
            );
            if !own {
                let v = builtins::binary(self, op, a, inner, inplace)?;
                self.push(v);
                return Ok(());
            }
        }
        self.binary_from(op, a, b, inplace, 0)
    }

    /// Whether `v` is a class or a built-in type (or a union or alias
    /// of them, made by `<shoal>`).
    pub(crate) fn is_type_value(&self, v: Value) -> bool {
        let Value::Obj(id) = v else { return false };
        match self.heap.get(id) {
            Obj::Type(_) => true,
            Obj::Class(c) => !c.proxy,
            Obj::Instance(inst) => {
                crate::classes::class_attr(self, inst.class, "_shoal_type_form").is_some()
            }
            _ => false,
        }
    }

    fn binary_from(
        &mut self,
        op: BinOp,
        a: Value,
        b: Value,
        inplace: bool,
        stage: u8,
    ) -> Result<(), Exc> {
        let candidates = binary_candidates(self, op, a, b, inplace);
        match candidates.get(stage as usize) {
            Some(&(x, name, y)) => {
                let f = crate::classes::dunder(self, x, name).unwrap_or(Value::None);
                self.call_then(
                    f,
                    vec![x, y],
                    Cont::Binary {
                        op,
                        a,
                        b,
                        inplace,
                        stage,
                    },
                )
            }
            // No dunder at all, and the left operand a built-in value
            // (`'%s' % obj`, say): the built-in operator decides.
            None if stage == 0 && !is_instance(self, a) => {
                let v = builtins::builtin_binary(self, op, a, b, inplace)?;
                self.push(v);
                Ok(())
            }
            None => Err(builtins::unsupported(self, op, a, b, inplace)),
        }
    }

    /// A comparison; dunders run as frames, and their result is pushed as
    /// they returned it (Python's rich comparisons).
    pub(crate) fn compare_op(&mut self, op: CmpOp, a: Value, b: Value) -> Result<(), Exc> {
        let instances = is_instance(self, a) || is_instance(self, b);
        match op {
            CmpOp::In | CmpOp::NotIn if builtins::has_script_type(self, b) => {
                let negate = op == CmpOp::NotIn;
                if let Some(f) = crate::classes::dunder(self, b, "__contains__") {
                    return self.call_then(f, vec![b, a], Cont::Test(OnTruth::Push { negate }));
                }
                let f = self.shoal_helper("contains")?;
                return self.call_then(f, vec![b, a], Cont::Test(OnTruth::Push { negate }));
            }
            CmpOp::In | CmpOp::NotIn if script_iterable(self, b) => {
                let negate = op == CmpOp::NotIn;
                let f = self.shoal_helper("contains")?;
                return self.call_then(f, vec![b, a], Cont::Test(OnTruth::Push { negate }));
            }
            CmpOp::In | CmpOp::NotIn
                if is_sequence(self, b)
                    && (is_instance(self, a) || builtins::any_instance(self, &[b])) =>
            {
                let negate = op == CmpOp::NotIn;
                let f = self.shoal_helper("contains")?;
                let then = OnTruth::Push { negate };
                return self.call_then(f, vec![b, a], Cont::Test(then));
            }
            CmpOp::In | CmpOp::NotIn => {}
            CmpOp::Is | CmpOp::IsNot => {}
            _ if instances => return self.compare_from(op, a, b, 0),
            _ if same_sequence_kind(self, a, b) && builtins::any_instance(self, &[a, b]) => {
                let symbol = match op {
                    CmpOp::Eq => "==",
                    CmpOp::NotEq => "!=",
                    CmpOp::Lt => "<",
                    CmpOp::LtE => "<=",
                    CmpOp::Gt => ">",
                    _ => ">=",
                };
                let f = self.shoal_helper("seq_compare")?;
                let symbol = self.str_value(symbol);
                return self.call(f, vec![symbol, a, b], Vec::new());
            }
            _ => {}
        }
        let v = builtins::compare(self, op, a, b)?;
        self.push(Value::Bool(v));
        Ok(())
    }

    fn compare_from(&mut self, op: CmpOp, a: Value, b: Value, stage: u8) -> Result<(), Exc> {
        let candidates = compare_candidates(self, op, a, b);
        if let Some(&(x, name, y, _)) = candidates.get(stage as usize) {
            let f = crate::classes::dunder(self, x, name).unwrap_or(Value::None);
            return self.call_then(f, vec![x, y], Cont::Compare { op, a, b, stage });
        }
        // A built-in value against an instance of a class deriving from a
        // built-in type: the built-in type's comparison of the values
        // (CPython's reflected `dict.__eq__(d, counter)`).
        let (na, nb) = (
            crate::classes::native_value(self, a),
            crate::classes::native_value(self, b),
        );
        if (na.is_some() && !is_instance(self, b)) || (nb.is_some() && !is_instance(self, a)) {
            let v = builtins::compare(self, op, na.unwrap_or(a), nb.unwrap_or(b))?;
            self.push(Value::Bool(v));
            return Ok(());
        }
        let same = builtins::same(a, b);
        match op {
            CmpOp::Eq => self.push(Value::Bool(same)),
            CmpOp::NotEq => self.push(Value::Bool(!same)),
            _ => return Err(builtins::ordering_unsupported(self, op, a, b)),
        }
        Ok(())
    }

    /// Calls `_shoal.materialize(it)` (a list of the iterable's items,
    /// built by a script frame) with `cont` waiting for the list.
    pub(crate) fn materialize_then(&mut self, it: Value, cont: Cont) -> Result<(), Exc> {
        let f = self.shoal_helper("materialize")?;
        self.call_then(f, vec![it], cont)
    }

    /// A unary operator; an instance's `__neg__`, `__pos__`, `__invert__`
    /// or (for `not`) its truth runs as a frame.
    pub(crate) fn unary_op(&mut self, op: UnaryOp, a: Value) -> Result<(), Exc> {
        if op == UnaryOp::Not {
            return self.truth_then(a, OnTruth::Push { negate: true });
        }
        if is_instance(self, a) {
            let name = match op {
                UnaryOp::Neg => "__neg__",
                UnaryOp::Pos => "__pos__",
                _ => "__invert__",
            };
            if let Some(f) = crate::classes::dunder(self, a, name) {
                return self.call(f, vec![a], Vec::new());
            }
        }
        let v = builtins::unary(self, op, a)?;
        self.push(v);
        Ok(())
    }

    /// `obj.name`: a property's getter or `__getattr__` runs as a frame;
    /// anything else is read at once.
    pub(crate) fn load_attr_op(&mut self, obj: Value, name: &str) -> Result<(), Exc> {
        // The common case first: an instance's own attribute, unless a
        // data descriptor of its class takes over the name.
        if let Value::Obj(id) = obj
            && let Obj::Instance(inst) = self.heap.get(id)
            && let Some(v) = inst.attrs.get(name)
            && super::sites::plain_read(name)
            && !crate::classes::data_descriptor_named(self, inst.class, name)
        {
            let v = *v;
            self.push(v);
            return Ok(());
        }
        match self.attr_native(obj, name) {
            Some(native) => self.finish_native(native),
            None => {
                let v = self.get_attr(obj, name)?;
                self.push(v);
                Ok(())
            }
        }
    }

    /// How reading `obj.name` runs script code, if it does: a property's
    /// getter (falling back on `__getattr__` if it raises AttributeError)
    /// or `__getattr__`.
    pub(crate) fn attr_native(&mut self, obj: Value, name: &str) -> Option<builtins::Native> {
        let (f, args) = self.attr_call(obj, name)?;
        // A property's getter (one argument) or a descriptor's `__get__`
        // (three), not `__getattr__` itself (two).
        let property = args.len() != 2;
        let has_getattr = crate::classes::class_of(self, obj)
            .and_then(|c| crate::classes::class_attr(self, c, "__getattr__"))
            .is_some();
        Some(if property && has_getattr {
            let name = Rc::from(name);
            builtins::Native::CallThen(f, args, Cont::GetAttr { obj, name })
        } else {
            builtins::Native::Call(f, args)
        })
    }

    /// The call that reading `obj.name` makes, when it runs script code:
    /// a property's getter, or `__getattr__` for a missing attribute.
    pub(crate) fn attr_call(&mut self, obj: Value, name: &str) -> Option<(Value, Vec<Value>)> {
        let Value::Obj(id) = obj else { return None };
        let Obj::Instance(inst) = self.heap.get(id) else {
            return None;
        };
        let has_own = inst.attrs.contains_key(name);
        let class = inst.class;
        let found = crate::classes::class_attr(self, class, name);
        if let Some(d) = found
            && let Some(desc) = crate::classes::descriptor(self, d)
            && (desc.is_data() || !has_own)
        {
            return desc.get.map(|get| (get, vec![d, obj, Value::Obj(class)]));
        }
        let property =
            matches!(found, Some(Value::Obj(p)) if matches!(self.heap.get(p), Obj::Property(_)));
        if has_own && !property {
            return None;
        }
        match found {
            Some(Value::Obj(p)) => match self.heap.get(p) {
                Obj::Property(p) if p.fget != Value::None => Some((p.fget, vec![obj])),
                _ => None,
            },
            Some(_) => None,
            None if name == "__class__" => None,
            None => {
                let getattr = crate::classes::class_attr(self, class, "__getattr__")?;
                // The data attributes of a built-in value the instance
                // holds (`I(3).real`) come before `__getattr__`.
                if let Some(inner) = crate::classes::native_value(self, obj)
                    && self.get_attr(inner, name).is_ok()
                {
                    return None;
                }
                let n = self.str_value(name);
                Some((getattr, vec![obj, n]))
            }
        }
    }

    /// `obj.name = v`: a property's setter runs as a frame; an instance
    /// attribute is stored at once.
    pub(crate) fn store_attr_op(&mut self, obj: Value, name: &str, v: Value) -> Result<(), Exc> {
        let Some(class) = crate::classes::class_of(self, obj) else {
            return self.set_attr(obj, name, v);
        };
        // The class's `__setattr__` decides; then a data descriptor.
        if let Some(hook) = crate::classes::script_hook(self, class, "__setattr__") {
            let n = self.str_value(name);
            return self.call_then(hook, vec![obj, n, v], Cont::Replace(None));
        }
        if name == "__class__" {
            return self.set_attr(obj, name, v);
        }
        let found = crate::classes::class_attr(self, class, name);
        if let Some(d) = found
            && let Some(set) = crate::classes::descriptor(self, d).and_then(|d| d.set)
        {
            return self.call_then(set, vec![d, obj, v], Cont::Replace(None));
        }
        let setter = match found {
            Some(Value::Obj(p)) => match self.heap.get(p) {
                Obj::Property(p) => Some(p.fset),
                _ => None,
            },
            _ => None,
        };
        match setter {
            Some(Value::None) => {
                let t = builtins::type_name(self, obj);
                Err(self.error(
                    "AttributeError",
                    format!("property '{name}' of '{t}' object has no setter"),
                ))
            }
            Some(setter) => self.call_then(setter, vec![obj, v], Cont::Replace(None)),
            None => {
                if let Some(e) = crate::classes::slots_refuse(self, class, obj, name) {
                    return Err(e);
                }
                // A tasklet subclass's instance: the tasklet's own
                // attributes (priority, block_trap, ...) are the tasklet's.
                if let Value::Obj(id) = obj
                    && matches!(self.heap.get(id), Obj::Instance(i) if !i.native.is_none())
                    && crate::stackless::set_tasklet_attr(self, id, name, v)?
                {
                    return Ok(());
                }
                if let Value::Obj(id) = obj
                    && let Obj::Instance(inst) = self.heap.get_mut(id)
                {
                    match inst.attrs.get_mut(name) {
                        Some(slot) => *slot = v,
                        None => {
                            inst.attrs.insert(Rc::from(name), v);
                        }
                    }
                }
                Ok(())
            }
        }
    }

    /// `del obj.name`: the class's `__delattr__`, or a descriptor's
    /// `__delete__`, runs as a frame; otherwise the attribute goes at once.
    pub(crate) fn delete_attr_op(&mut self, obj: Value, name: &str) -> Result<(), Exc> {
        if let Some(class) = crate::classes::class_of(self, obj) {
            if let Some(hook) = crate::classes::script_hook(self, class, "__delattr__") {
                let n = self.str_value(name);
                return self.call_then(hook, vec![obj, n], Cont::Replace(None));
            }
            if let Some(d) = crate::classes::class_attr(self, class, name)
                && let Some(delete) = crate::classes::descriptor(self, d).and_then(|d| d.delete)
            {
                return self.call_then(delete, vec![d, obj], Cont::Replace(None));
            }
            if let Some(Value::Obj(p)) = crate::classes::class_attr(self, class, name)
                && let Obj::Property(prop) = self.heap.get(p)
            {
                let fdel = prop.fdel;
                if fdel == Value::None {
                    let t = builtins::type_name(self, obj);
                    return Err(self.error(
                        "AttributeError",
                        format!("property '{name}' of '{t}' object has no deleter"),
                    ));
                }
                return self.call_then(fdel, vec![obj], Cont::Replace(None));
            }
        }
        self.delete_attr(obj, name)
    }

    /// For an instruction consuming the iterable `depth` entries below the
    /// top of the stack: when only script code can walk it, a frame turns
    /// it into a list (of at most `most` items) and the instruction runs
    /// again (true: done here).
    pub(crate) fn redo_with_items(&mut self, depth: usize, most: Option<u32>) -> Result<bool, Exc> {
        let stack = self.frames.operands();
        let Some(&it) = stack
            .len()
            .checked_sub(depth + 1)
            .and_then(|i| stack.get(i))
        else {
            return Ok(false);
        };
        if !script_iterable(self, it) {
            return Ok(false);
        }
        let cont = Cont::Redo {
            depth: depth as u32,
        };
        match most {
            Some(n) => {
                let f = self.shoal_helper("take")?;
                self.call_then(f, vec![it, Value::Int(i64::from(n))], cont)?;
            }
            None => self.materialize_then(it, cont)?,
        }
        Ok(true)
    }

    /// `iter(v)` when it runs script code: `__iter__` as a frame, or the
    /// sequence protocol over `__getitem__` as a `<shoal>` generator.
    pub(crate) fn iter_call(&mut self, v: Value) -> Result<Option<builtins::Native>, Exc> {
        if !builtins::has_script_type(self, v) {
            return Ok(None);
        }
        if let Some(f) = crate::classes::dunder(self, v, "__iter__") {
            return Ok(Some(builtins::Native::CallThen(f, vec![v], Cont::Iter)));
        }
        if crate::classes::dunder(self, v, "__getitem__").is_some() {
            let f = self.shoal_helper("getitem_iter")?;
            return Ok(Some(builtins::Native::Call(f, vec![v])));
        }
        Ok(None)
    }

    /// `next(it[, default])` of a generator (its frame resumes) or an
    /// instance (`__next__` as a frame).
    pub(crate) fn next_op(&mut self, it: Value, default: Option<Value>) -> Result<(), Exc> {
        if let Value::Obj(g) = it
            && matches!(self.heap.get(g), Obj::Generator(_))
        {
            let mode = OnReturn::Cont(Box::new(Cont::GenNext { default }));
            if self.resume_generator(g, Value::None, mode)? {
                return Ok(());
            }
            // It had ended.
            return match default {
                Some(d) => {
                    self.push(d);
                    Ok(())
                }
                None => Err(self.stop_iteration(Vec::new())),
            };
        }
        let Some(f) = crate::classes::dunder(self, it, "__next__") else {
            let t = builtins::type_name(self, it);
            return Err(self.error("TypeError", format!("'{t}' object is not an iterator")));
        };
        self.call_then(f, vec![it], Cont::NextDefault { default })
    }

    /// `generator.send(v)`: its frame resumes with `v` as the value of
    /// its `yield`.
    pub(crate) fn send_op(&mut self, g: Value, v: Value) -> Result<(), Exc> {
        if let Value::Obj(id) = g {
            let mode = OnReturn::Cont(Box::new(Cont::GenNext { default: None }));
            if self.resume_generator(id, v, mode)? {
                return Ok(());
            }
            if let Obj::Generator(state) = self.heap.get(id)
                && state.coroutine
                && state.finished
            {
                return Err(self.error("RuntimeError", "cannot reuse already awaited coroutine"));
            }
        }
        Err(self.stop_iteration(Vec::new()))
    }

    /// `generator.throw(exc)`: the generator's frame resumes and `exc` is
    /// raised at its `yield` (at its start, if it had not started). A
    /// generator that has ended raises it here.
    pub(crate) fn throw_op(&mut self, g: Value, exc: Exc) -> Result<(), Exc> {
        let Value::Obj(id) = g else { return Err(exc) };
        let mode = OnReturn::Cont(Box::new(Cont::GenNext { default: None }));
        self.resume_raising(id, mode)?;
        // The caller's instruction fails; unwinding starts in the
        // generator's frame, on top now.
        Err(exc)
    }

    /// `generator.close()`: GeneratorExit at its `yield`; None once it
    /// has ended (or at once, if it had not started or had ended).
    pub(crate) fn close_op(&mut self, g: Value) -> Result<(), Exc> {
        let Value::Obj(id) = g else { return Ok(()) };
        if let Obj::Generator(state) = self.heap.get_mut(id)
            && !state.started
            && state.frame.is_some()
        {
            state.frame = None;
            state.finished = true;
        }
        if self.resume_raising(id, OnReturn::Cont(Box::new(Cont::GenClose)))? {
            let class = self.exc_class("GeneratorExit");
            return Err(self.instantiate_exception(class, Vec::new()));
        }
        self.push(Value::None);
        Ok(())
    }

    /// Puts a generator's frame back on the stack to raise an exception
    /// at its `yield` (at its start, if it never ran: the generator ends
    /// with it); false if it had ended.
    fn resume_raising(&mut self, id: ObjId, mode: OnReturn) -> Result<bool, Exc> {
        self.resume_generator(id, Value::None, mode)
    }

    /// When `exc` leaves a frame whose continuation ends on StopIteration
    /// (a `for` loop's `__next__`, `next()` with a default): finishes the
    /// instruction and says the exception is handled.
    pub(crate) fn stop_iteration_caught(
        &mut self,
        cont: &Cont,
        exc: Exc,
    ) -> Result<Option<Result<(), Exc>>, Exc> {
        if let Cont::GetAttr { obj, name } = cont {
            if !self.exc_is(exc, "AttributeError")? {
                return Ok(None);
            }
            let class = crate::classes::class_of(self, *obj);
            let Some(getattr) =
                class.and_then(|c| crate::classes::class_attr(self, c, "__getattr__"))
            else {
                return Ok(None);
            };
            let n = self.str_value(name);
            return Ok(Some(self.call(getattr, vec![*obj, n], Vec::new())));
        }
        if let Cont::GenClose = cont {
            if !self.exc_is(exc, "GeneratorExit")? {
                return Ok(None);
            }
            self.push(Value::None);
            return Ok(Some(Ok(())));
        }
        let (exit, default) = match cont {
            Cont::ForNext { exit } => (Some(*exit), None),
            Cont::NextDefault { default: Some(d) } => (None, Some(*d)),
            _ => return Ok(None),
        };
        if !self.exc_is(exc, "StopIteration")? {
            return Ok(None);
        }
        if let Some(exit) = exit {
            self.pop();
            self.frame().ip = exit as usize;
        }
        if let Some(d) = default {
            self.push(d);
        }
        Ok(Some(Ok(())))
    }
}
