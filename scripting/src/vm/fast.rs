//! The interpreter's fast path: the instructions that touch nothing but
//! the running frame (locals, constants, the value stack, jumps, integer
//! and float arithmetic, comparisons, iteration over ranges and lists)
//! run here in a tight loop with the frame's parts held in registers.
//! Anything else, and any case of these that could raise or call a
//! dunder, goes back to [`Vm::step`](super::Vm) unchanged.

use super::frame::UNBOUND;
use super::sites::find_attr;
use super::{Exc, Instr, Value, Vm, cached_global, plain_call_args};
use crate::ast::{BinOp, CmpOp};
use crate::heap::{Iter, Obj};

/// What [`Vm::run_fast`] stopped on.
pub(super) enum Stop {
    /// The budget ran out (the frame is ready to resume).
    Budget,
    /// An instruction for the general path: the instruction pointer is
    /// already past it and it is counted against the budget.
    Slow(Instr),
    /// A call raised (RecursionError).
    Raised(Exc),
}

/// Why the inner loop left a frame.
enum Leave {
    Stop(Stop),
    Call(u32),
    Return,
}

impl Vm {
    /// Runs fast-path instructions until one needs the general path or
    /// the budget runs out. Simple calls and returns switch frames here;
    /// a return never leaves the frame at `floor` (a nested run's end).
    pub(super) fn run_fast(&mut self, floor: usize, budget: &mut u64) -> Stop {
        loop {
            let leave = self.run_frame(budget);
            match leave {
                Leave::Stop(stop) => return stop,
                Leave::Call(n) => match self.call_simple(n as usize) {
                    Ok(true) => {}
                    Ok(false) => return Stop::Slow(Instr::Call(n)),
                    Err(exc) => return Stop::Raised(exc),
                },
                Leave::Return => {
                    if self.frames.len() - 1 <= floor || !self.return_plain() {
                        return Stop::Slow(Instr::Return);
                    }
                }
            }
        }
    }

    /// The inner loop over one frame's instructions.
    #[inline(always)]
    fn run_frame(&mut self, budget: &mut u64) -> Leave {
        let frame = self.frames.records.last_mut().expect("a frame");
        let code = frame.code as usize;
        let instrs = &self.codes[code].instrs[..];
        let consts = &self.consts[code][..];
        let heap = &mut self.heap;
        let stack = &mut self.frames.values;
        let base = frame.base as usize;
        let mut ip = frame.ip;
        let mut left = *budget;
        let globals_cache = &self.global_cache[code][..];
        let names = &self.codes[code].names[..];
        let sites = &mut self.attr_sites[code][..];
        let stop = loop {
            if left == 0 {
                break Leave::Stop(Stop::Budget);
            }
            let instr = instrs[ip];
            // A slow instruction starts from the same state: nothing below
            // changes the frame before it decides to `break`.
            macro_rules! slow {
                () => {{
                    ip += 1;
                    left -= 1;
                    break Leave::Stop(Stop::Slow(instr));
                }};
            }
            match instr {
                Instr::LoadFast(i) => match stack[base + i as usize] {
                    v if v != UNBOUND => stack.push(v),
                    _ => slow!(),
                },
                Instr::StoreFast(i) => {
                    let v = stack.pop().expect("stack underflow");
                    stack[base + i as usize] = v;
                }
                Instr::LoadConst(i) => stack.push(consts[i as usize]),
                Instr::Pop => {
                    stack.pop();
                }
                Instr::Dup => {
                    let v = *stack.last().expect("stack underflow");
                    stack.push(v);
                }
                Instr::Rot2 => {
                    let n = stack.len();
                    stack.swap(n - 1, n - 2);
                }
                Instr::Nop => {}
                Instr::Call(n) => {
                    ip += 1;
                    left -= 1;
                    break Leave::Call(n);
                }
                Instr::CallMethod(n) => {
                    // A built-in (not a script function) found as an
                    // attribute is called from where it is, by the
                    // general path.
                    let at = stack.len() - n as usize - 2;
                    if stack[at] == Value::NULL
                        && !matches!(stack[at + 1], Value::Obj(f) if matches!(heap.get(f), Obj::Function(_)))
                    {
                        slow!()
                    }
                    ip += 1;
                    left -= 1;
                    break Leave::Call(plain_call_args(stack, n));
                }
                Instr::Return => {
                    ip += 1;
                    left -= 1;
                    break Leave::Return;
                }
                Instr::LoadGlobal(i) => {
                    // A cache hit only.
                    let Obj::Module(m) = heap.get(frame.module) else {
                        slow!()
                    };
                    match cached_global(&m.attrs, globals_cache[i as usize], &names[i as usize]) {
                        Some(v) => stack.push(v),
                        None => slow!(),
                    }
                }
                Instr::LoadAttr(i) => {
                    // An instance's own attribute, or a module's global.
                    let Some(top) = stack.last_mut() else { slow!() };
                    let Value::Obj(id) = *top else { slow!() };
                    let inst = match heap.get(id) {
                        Obj::Instance(inst) => inst,
                        Obj::Module(m) if sites[i as usize].module == id => {
                            let Some(v) =
                                module_attr(m, &mut sites[i as usize], &names[i as usize])
                            else {
                                slow!()
                            };
                            *top = v;
                            ip += 1;
                            left -= 1;
                            continue;
                        }
                        _ => slow!(),
                    };
                    let site = &mut sites[i as usize];
                    if site.read != (inst.class, heap.class_epoch()) {
                        slow!()
                    }
                    let Some(at) = find_attr(&inst.attrs, &mut site.pos, &names[i as usize]) else {
                        slow!()
                    };
                    let v = inst.attrs[at];
                    *top = v;
                }
                Instr::StoreAttr(i) => {
                    // A plain store on an instance of the class the site
                    // last saw, while no class has changed.
                    let n = stack.len();
                    let Value::Obj(id) = stack[n - 1] else {
                        slow!()
                    };
                    let epoch = heap.class_epoch();
                    let Obj::Instance(inst) = heap.get_mut(id) else {
                        slow!()
                    };
                    let site = &mut sites[i as usize];
                    if site.store != (inst.class, epoch) || !inst.native.is_none() {
                        slow!()
                    }
                    let v = stack[n - 2];
                    let name = &names[i as usize];
                    match find_attr(&inst.attrs, &mut site.pos, name) {
                        Some(at) => inst.attrs[at] = v,
                        // As on the general path, a new attribute is not
                        // counted as heap growth: a code can add at most
                        // one per name it holds.
                        None => {
                            site.pos = inst.attrs.len() as u32;
                            inst.attrs.insert(name.clone(), v);
                        }
                    }
                    stack.truncate(n - 2);
                }
                Instr::LoadSubscr => {
                    // An item of a list or tuple by an int in range; a
                    // dict's value by an int or str key it holds.
                    let n = stack.len();
                    let Value::Obj(c) = stack[n - 2] else { slow!() };
                    let v = match (heap.get(c), stack[n - 1]) {
                        (Obj::List(items) | Obj::Tuple(items), Value::Int(i)) => {
                            let at = if i < 0 { i + items.len() as i64 } else { i };
                            match usize::try_from(at).ok().and_then(|at| items.get(at)) {
                                Some(v) => *v,
                                None => slow!(),
                            }
                        }
                        (Obj::Dict(d), key) => match plain_key(heap, key) {
                            Some(k) => match d.get(&k) {
                                Some((_, v)) => *v,
                                None => slow!(),
                            },
                            None => slow!(),
                        },
                        _ => slow!(),
                    };
                    stack.pop();
                    stack[n - 2] = v;
                }
                Instr::StoreSubscr => {
                    // `list[int] = v` in range; `dict[key] = v` for an int
                    // or str key it holds.
                    let n = stack.len();
                    let (v, key) = (stack[n - 3], stack[n - 1]);
                    let Value::Obj(c) = stack[n - 2] else { slow!() };
                    // (Only a list or dict is reached mutably: a class
                    // would start a new class epoch.)
                    if !matches!(heap.get(c), Obj::List(_) | Obj::Dict(_)) {
                        slow!()
                    }
                    let k = plain_key(heap, key);
                    match heap.get_mut(c) {
                        Obj::List(items) => {
                            let Value::Int(i) = key else { slow!() };
                            let at = if i < 0 { i + items.len() as i64 } else { i };
                            match usize::try_from(at).ok().and_then(|at| items.get_mut(at)) {
                                Some(slot) => *slot = v,
                                None => slow!(),
                            }
                        }
                        Obj::Dict(d) => match k.and_then(|k| d.get_mut(&k)) {
                            Some(slot) => slot.1 = v,
                            None => slow!(),
                        },
                        _ => slow!(),
                    }
                    stack.truncate(n - 3);
                }
                Instr::LoadMethod(i) => {
                    // A method of the class the site last saw, while no
                    // class has changed, that the instance does not hide.
                    let Some(top) = stack.last_mut() else { slow!() };
                    let obj @ Value::Obj(id) = *top else { slow!() };
                    let inst = match heap.get(id) {
                        Obj::Instance(inst) => inst,
                        // A module's global: a plain callable.
                        Obj::Module(m) if sites[i as usize].module == id => {
                            let Some(v) =
                                module_attr(m, &mut sites[i as usize], &names[i as usize])
                            else {
                                slow!()
                            };
                            *top = Value::NULL;
                            stack.push(v);
                            ip += 1;
                            left -= 1;
                            continue;
                        }
                        _ => slow!(),
                    };
                    let (class, epoch, f) = sites[i as usize].method;
                    if class != inst.class || epoch != heap.class_epoch() {
                        slow!()
                    }
                    if !inst.attrs.is_empty() && inst.attrs.contains_key(&*names[i as usize]) {
                        slow!()
                    }
                    *top = f;
                    stack.push(obj);
                }
                Instr::Jump(t) => {
                    ip = t as usize;
                    left -= 1;
                    continue;
                }
                Instr::PopJumpIfFalse(t) | Instr::PopJumpIfTrue(t) => {
                    let truth = match stack.last() {
                        Some(Value::Bool(b)) => *b,
                        Some(Value::Int(i)) => *i != 0,
                        Some(Value::None) => false,
                        _ => slow!(),
                    };
                    stack.pop();
                    if truth == matches!(instr, Instr::PopJumpIfTrue(_)) {
                        ip = t as usize;
                        left -= 1;
                        continue;
                    }
                }
                Instr::Binary(op) | Instr::Inplace(op) => {
                    let n = stack.len();
                    match arith(op, stack[n - 2], stack[n - 1]) {
                        Some(v) => {
                            stack.pop();
                            stack[n - 2] = v;
                        }
                        None => slow!(),
                    }
                }
                Instr::Compare(op) => {
                    let n = stack.len();
                    match compare(op, stack[n - 2], stack[n - 1]) {
                        Some(b) => {
                            stack.pop();
                            stack[n - 2] = Value::Bool(b);
                        }
                        None => slow!(),
                    }
                }
                Instr::ForIter(t) => {
                    let Some(Value::Obj(id)) = stack.last() else {
                        slow!()
                    };
                    let Obj::Iter(state) = heap.get(*id) else {
                        slow!()
                    };
                    let next = match *state {
                        Iter::Range { next, stop, step } => {
                            let more = if step > 0 { next < stop } else { next > stop };
                            if more
                                && let Obj::Iter(Iter::Range { next: n, .. }) = heap.get_mut(*id)
                            {
                                *n = next.saturating_add(step);
                            }
                            more.then_some(Value::Int(next))
                        }
                        Iter::Seq { seq, index } => {
                            let item = match heap.get(seq) {
                                Obj::List(items) | Obj::Tuple(items) => items.get(index).copied(),
                                _ => slow!(),
                            };
                            if let Obj::Iter(Iter::Seq { index: i, .. }) = heap.get_mut(*id) {
                                *i = index + 1;
                            }
                            item
                        }
                        _ => slow!(),
                    };
                    match next {
                        Some(v) => stack.push(v),
                        None => {
                            stack.pop();
                            ip = t as usize;
                            left -= 1;
                            continue;
                        }
                    }
                }
                _ => slow!(),
            }
            ip += 1;
            left -= 1;
        };
        frame.ip = ip;
        self.instructions = self.instructions.saturating_add(*budget - left);
        *budget = left;
        stop
    }
}

/// Module `m`'s global `name`, found through the site's position hint.
#[inline]
fn module_attr(
    m: &crate::heap::Module,
    site: &mut super::sites::AttrSite,
    name: &std::rc::Rc<str>,
) -> Option<Value> {
    find_attr(&m.attrs, &mut site.pos, name).map(|at| m.attrs[at])
}

/// The dict key of an int or a str (what `key_of` makes of them);
/// `None` for other values, which the general path handles.
#[inline]
fn plain_key(heap: &crate::heap::Heap, v: Value) -> Option<crate::value::Key> {
    match v {
        Value::Int(i) => Some(crate::value::Key::Int(i)),
        Value::Obj(id) => match heap.get(id) {
            Obj::Str(s) => Some(crate::value::Key::Str(s.clone())),
            _ => None,
        },
        _ => None,
    }
}

/// `a op b` for ints and floats when it cannot fail; `None` for the
/// general path (other types, overflow, division by zero...).
#[inline]
fn arith(op: BinOp, a: Value, b: Value) -> Option<Value> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(Value::Int(match op {
            BinOp::Add => x.checked_add(y)?,
            BinOp::Sub => x.checked_sub(y)?,
            BinOp::Mul => x.checked_mul(y)?,
            BinOp::FloorDiv if y > 0 => x.div_euclid(y),
            BinOp::Mod if y > 0 => x.rem_euclid(y),
            BinOp::BitAnd => x & y,
            BinOp::BitOr => x | y,
            BinOp::BitXor => x ^ y,
            _ => return None,
        })),
        (Value::Float(x), Value::Float(y)) => float_arith(op, x, y),
        (Value::Float(x), Value::Int(y)) => float_arith(op, x, y as f64),
        (Value::Int(x), Value::Float(y)) => float_arith(op, x as f64, y),
        _ => None,
    }
}

#[inline]
fn float_arith(op: BinOp, x: f64, y: f64) -> Option<Value> {
    Some(Value::Float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::Div if y != 0.0 => x / y,
        _ => return None,
    }))
}

/// `a op b` for two ints or two floats; `None` for the general path.
#[inline]
fn compare(op: CmpOp, a: Value, b: Value) -> Option<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => ordering(op, x, y),
        (Value::Float(x), Value::Float(y)) => ordering(op, x, y),
        _ => None,
    }
}

#[inline]
fn ordering<T: PartialOrd>(op: CmpOp, x: T, y: T) -> Option<bool> {
    Some(match op {
        CmpOp::Lt => x < y,
        CmpOp::LtE => x <= y,
        CmpOp::Gt => x > y,
        CmpOp::GtE => x >= y,
        CmpOp::Eq => x == y,
        CmpOp::NotEq => x != y,
        _ => return None,
    })
}
