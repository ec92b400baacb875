//! Checking what loaders load: a VM snapshot ([`Vm::load`]), a world of
//! script tasklets ([`Vm::load_world`]) and a pickle (`pickle.loads`)
//! come from files and bytes that may be damaged or forged. Before any of
//! them becomes part of a VM, every frame and every object id in it is
//! checked here, so that the VM, which indexes by ids and instruction
//! pointers without checking them again, never panics on what was
//! loaded.
//!
//! What is checked:
//!
//! - every value: an object id names a slot of the heap that holds an
//!   object (not out of range, not a freed slot); the method-call marker
//!   appears only on a value stack where `LoadMethod` leaves it;
//! - every object, for the kinds its fields must have where the VM uses
//!   them: a function's code exists, its closure holds as many cells as
//!   the code has free variables, its module is a module and its owner a
//!   class; a class's bases and MRO are classes; an instance's class is a
//!   class; a bound built-in method's receiver has the method's type; a
//!   `super()` names a class; a range's step is not zero; iterators and
//!   bound methods do not refer to themselves round a cycle (the VM
//!   would recurse for ever);
//! - the heap's free list: every entry in range, really free, once;
//! - every frame, against the shape of its code ([`Shape`], found by
//!   running the code's stack effects over its control flow once per
//!   code): the instruction pointer names an instruction the code
//!   reaches, the value stack is exactly as deep as the code has it there
//!   (one less when the frame waits for a value: a call's result, a
//!   generator's sent value, a tasklet's finished operation), values
//!   that instructions rely on have their kind (a closure's cells, a
//!   class body's function, keyword-name tuples), the exception blocks
//!   are those the code has set up there,
//!   locals and cells are as many as the code's variables, the module,
//!   function, generator and `on_return` ids have their kinds;
//! - a frame stack as a whole: each caller waits for what its callee's
//!   return gives back (a generator run by a `for` loop sits under that
//!   loop's `ForIter`), nothing deeper than the recursion limit;
//! - constants: each code's constant values are what its compiler wrote.
//!
//! [`Vm::load`]: crate::Vm::load
//! [`Vm::load_world`]: crate::Vm::load_world

use std::cell::OnceCell;

use crate::code::{Code, Const, Instr, MakeFunctionFlags};
use crate::heap::{Heap, Iter, Obj, TypeKind};
use crate::value::{Key, ObjId, Value};
use crate::vm::{OnReturn, SavedFrame};

/// Where a check looks object ids up.
pub(crate) trait Objects {
    /// `None`: no such slot; `Some(None)`: a freed slot.
    fn slot(&self, id: ObjId) -> Option<Option<&Obj>>;
    /// How many slots there are (for messages).
    fn slot_count(&self) -> usize;
}

impl Objects for Heap {
    fn slot(&self, id: ObjId) -> Option<Option<&Obj>> {
        self.slots().get(id.0 as usize).map(Option::as_ref)
    }

    fn slot_count(&self) -> usize {
        self.slots().len()
    }
}

/// What the VM needs a value on a frame's stack to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    /// Any value.
    Any,
    /// Any value, or the marker `LoadMethod` leaves under an attribute.
    MaybeNull,
    /// A cell (`LoadClosure`).
    Cell,
    /// A tuple of this many cells (a closure for `MakeFunction`).
    Cells(u32),
    /// The keyword-name tuple constant with this index (`CallKw`).
    Names(u32),
    /// A function of the code with this index (a class body).
    Function(u32),
}

/// The join of two tags met on different paths.
fn merge(a: Tag, b: Tag) -> Tag {
    if a == b {
        a
    } else if a == Tag::MaybeNull || b == Tag::MaybeNull {
        Tag::MaybeNull
    } else {
        Tag::Any
    }
}

/// The state of a frame of a code before one of its instructions.
#[derive(Debug, Clone, Default, PartialEq)]
struct State {
    stack: Vec<Tag>,
    /// Exception handlers set up: (handler address, stack depth).
    blocks: Vec<(u32, u32)>,
}

/// What a code's frames look like at each instruction: the value stack's
/// depth and kinds and the exception blocks, for every instruction the
/// code can reach (`None` for the others).
pub(crate) struct Shape {
    states: Vec<Option<State>>,
}

/// The deepest value stack a code may build (a sanity bound: the
/// compiler's codes stay far below it).
const MAX_DEPTH: usize = 1 << 16;

impl Shape {
    /// Runs `code`'s stack effects over its control flow. An error means
    /// the compiler made code whose stack does not add up (a bug).
    pub(crate) fn of(code: &Code) -> Result<Shape, String> {
        let n = code.instrs.len();
        let mut states: Vec<Option<State>> = vec![None; n];
        if n == 0 {
            return Ok(Shape { states });
        }
        states[0] = Some(State::default());
        let mut work = vec![0usize];
        let mut queued = vec![false; n];
        queued[0] = true;
        while let Some(ip) = work.pop() {
            queued[ip] = false;
            let Some(state) = states[ip].clone() else {
                continue;
            };
            for (to, next) in successors(code, ip, state)? {
                if to >= n {
                    return Err(format!(
                        "instruction {ip} of '{}' goes on at {to}, outside the code",
                        code.qualname
                    ));
                }
                if next.stack.len() > MAX_DEPTH {
                    return Err(format!("'{}' builds too deep a stack", code.qualname));
                }
                match &mut states[to] {
                    slot @ None => {
                        *slot = Some(next);
                        if !queued[to] {
                            queued[to] = true;
                            work.push(to);
                        }
                    }
                    Some(old) => {
                        if old.stack.len() != next.stack.len() || old.blocks != next.blocks {
                            return Err(format!(
                                "the stack of '{}' does not add up at instruction {to}",
                                code.qualname
                            ));
                        }
                        let mut changed = false;
                        for (a, b) in old.stack.iter_mut().zip(&next.stack) {
                            let m = merge(*a, *b);
                            if m != *a {
                                *a = m;
                                changed = true;
                            }
                        }
                        if changed && !queued[to] {
                            queued[to] = true;
                            work.push(to);
                        }
                    }
                }
            }
        }
        Ok(Shape { states })
    }
}

/// Where control goes after instruction `ip` run in `state`, with the
/// state there.
fn successors(code: &Code, ip: usize, mut s: State) -> Result<Vec<(usize, State)>, String> {
    let underflow = || {
        format!(
            "instruction {ip} of '{}' takes more values than its stack holds",
            code.qualname
        )
    };
    macro_rules! take {
        ($n:expr) => {{
            let n = $n as usize;
            if s.stack.len() < n {
                return Err(underflow());
            }
            s.stack.split_off(s.stack.len() - n)
        }};
    }
    macro_rules! pop {
        ($n:expr) => {{
            let n = $n as usize;
            if s.stack.len() < n {
                return Err(underflow());
            }
            s.stack.truncate(s.stack.len() - n);
        }};
    }
    macro_rules! need {
        ($n:expr) => {
            if s.stack.len() < $n as usize {
                return Err(underflow());
            }
        };
    }
    let next = ip + 1;
    let instr = code.instrs[ip];
    match instr {
        Instr::Nop
        | Instr::DeleteFast(_)
        | Instr::DeleteGlobal(_)
        | Instr::DeleteName(_)
        | Instr::PopExcept => {}
        Instr::LoadConst(i) => {
            let tag = match code.consts.get(i as usize) {
                Some(Const::Names(_)) => Tag::Names(i),
                Some(_) => Tag::Any,
                None => return Err(format!("'{}' loads a missing constant", code.qualname)),
            };
            s.stack.push(tag);
        }
        Instr::LoadFast(_)
        | Instr::LoadDeref(_)
        | Instr::LoadGlobal(_)
        | Instr::LoadName(_)
        | Instr::LoadSuper
        | Instr::LoadGenReturn
        | Instr::ImportName(_)
        | Instr::ImportFrom(_) => s.stack.push(Tag::Any),
        Instr::GetAwaitable => {
            s.stack.pop();
            s.stack.push(Tag::Any);
        }
        Instr::LoadClosure(_) => s.stack.push(Tag::Cell),
        Instr::StoreFast(_)
        | Instr::StoreDeref(_)
        | Instr::StoreGlobal(_)
        | Instr::StoreName(_)
        | Instr::Pop
        | Instr::DeleteAttr(_)
        | Instr::ListExtend
        | Instr::SetUpdate
        | Instr::DictUpdate => {
            pop!(1);
            if matches!(
                instr,
                Instr::ListExtend | Instr::SetUpdate | Instr::DictUpdate
            ) {
                need!(1);
            }
        }
        Instr::StoreAttr(_) | Instr::DeleteSubscr => {
            pop!(2);
        }
        Instr::StoreSubscr => {
            pop!(3);
        }
        Instr::LoadAttr(_)
        | Instr::Unary(_)
        | Instr::GetIter
        | Instr::ListToTuple
        | Instr::Yield => {
            pop!(1);
            s.stack.push(Tag::Any);
        }
        Instr::LoadSubscr | Instr::Binary(_) | Instr::Inplace(_) | Instr::Compare(_) => {
            pop!(2);
            s.stack.push(Tag::Any);
        }
        Instr::LoadSuper2 => {
            pop!(2);
            s.stack.push(Tag::Any);
        }
        Instr::Jump(t) => return Ok(vec![(t as usize, s)]),
        Instr::PopJumpIfFalse(t) | Instr::PopJumpIfTrue(t) => {
            pop!(1);
            return Ok(vec![(t as usize, s.clone()), (next, s)]);
        }
        Instr::JumpIfFalseOrPop(t) | Instr::JumpIfTrueOrPop(t) => {
            need!(1);
            let jumped = s.clone();
            pop!(1);
            return Ok(vec![(t as usize, jumped), (next, s)]);
        }
        Instr::Dup => {
            need!(1);
            let top = s.stack[s.stack.len() - 1];
            s.stack.push(top);
        }
        Instr::Dup2 => {
            need!(2);
            let n = s.stack.len();
            let (a, b) = (s.stack[n - 2], s.stack[n - 1]);
            s.stack.push(a);
            s.stack.push(b);
        }
        Instr::Rot2 => {
            need!(2);
            let n = s.stack.len();
            s.stack.swap(n - 1, n - 2);
        }
        Instr::Rot3 => {
            need!(3);
            let top = s.stack.pop().unwrap_or(Tag::Any);
            let n = s.stack.len();
            s.stack.insert(n - 2, top);
        }
        Instr::BuildTuple(n) => {
            let items = take!(n);
            let cells = !items.is_empty() && items.iter().all(|t| *t == Tag::Cell);
            s.stack.push(if cells { Tag::Cells(n) } else { Tag::Any });
        }
        Instr::BuildList(n)
        | Instr::BuildSet(n)
        | Instr::BuildConstSet(n)
        | Instr::BuildString(n) => {
            pop!(n);
            s.stack.push(Tag::Any);
        }
        Instr::AsyncStep(n) => {
            if n > 3 {
                return Err(format!(
                    "'{}' takes an unknown async step {n}",
                    code.qualname
                ));
            }
            pop!(1);
            s.stack.push(Tag::Any);
        }
        Instr::BuildSlice(n) => {
            if !(2..=3).contains(&n) {
                return Err(format!("'{}' builds a slice of {n} values", code.qualname));
            }
            pop!(n);
            s.stack.push(Tag::Any);
        }
        Instr::BuildDict(n) => {
            pop!(2 * n as usize);
            s.stack.push(Tag::Any);
        }
        Instr::ListAppend(d) | Instr::SetAdd(d) => {
            pop!(1);
            need!(d as usize + 1);
        }
        Instr::DictSet(d) => {
            pop!(2);
            need!(d as usize + 1);
        }
        Instr::UnpackSequence(n) => {
            pop!(1);
            s.stack.extend(std::iter::repeat_n(Tag::Any, n as usize));
        }
        Instr::UnpackEx(packed) => {
            pop!(1);
            let count = (packed >> 16) as usize + (packed & 0xffff) as usize + 1;
            s.stack.extend(std::iter::repeat_n(Tag::Any, count));
        }
        Instr::ForIter(t) => {
            need!(1);
            let mut done = s.clone();
            done.stack.pop();
            s.stack.push(Tag::Any);
            return Ok(vec![(t as usize, done), (next, s)]);
        }
        Instr::Call(n) => {
            pop!(n as usize + 1);
            s.stack.push(Tag::Any);
        }
        Instr::CallMethod(n) | Instr::CallKw(n) => {
            pop!(n as usize + 2);
            s.stack.push(Tag::Any);
        }
        Instr::CallEx => {
            pop!(3);
            s.stack.push(Tag::Any);
        }
        Instr::LoadMethod(_) => {
            pop!(1);
            s.stack.push(Tag::MaybeNull);
            s.stack.push(Tag::Any);
        }
        Instr::MakeFunction(packed) => {
            let flags = [
                MakeFunctionFlags::CLOSURE,
                MakeFunctionFlags::KWDEFAULTS,
                MakeFunctionFlags::DEFAULTS,
            ];
            pop!(flags.iter().filter(|f| packed & **f != 0).count());
            s.stack
                .push(Tag::Function(packed & MakeFunctionFlags::CODE));
        }
        Instr::BuildClass(n) => {
            pop!(n as usize + 2);
            s.stack.push(Tag::Any);
        }
        Instr::BuildClassKw(n) => {
            pop!(n as usize + 3);
            s.stack.push(Tag::Any);
        }
        Instr::ExcMatch => {
            pop!(1);
            need!(1);
            s.stack.push(Tag::Any);
        }
        Instr::FormatValue(flags) => {
            pop!(if flags & 4 != 0 { 2 } else { 1 });
            s.stack.push(Tag::Any);
        }
        Instr::BeforeWith => {
            pop!(1);
            s.stack.push(Tag::Any);
            s.stack.push(Tag::Any);
        }
        Instr::WithExit(returning) => {
            if returning == 1 {
                pop!(2);
                s.stack.push(Tag::Any);
            } else {
                pop!(1);
            }
        }
        Instr::WithExcept(end) => {
            pop!(2);
            return Ok(vec![(end as usize, s)]);
        }
        Instr::SetupExcept(handler) => {
            let depth = s.stack.len();
            let mut at_handler = State {
                stack: s.stack.clone(),
                blocks: s.blocks.clone(),
            };
            // The exception (usually: `t.throw(5)` raises 5).
            at_handler.stack.push(Tag::Any);
            s.blocks.push((handler, depth as u32));
            return Ok(vec![(handler as usize, at_handler), (next, s)]);
        }
        Instr::PopBlock => {
            if s.blocks.pop().is_none() {
                return Err(format!(
                    "instruction {ip} of '{}' pops a handler it never set up",
                    code.qualname
                ));
            }
        }
        Instr::Return | Instr::Reraise => {
            pop!(1);
            return Ok(Vec::new());
        }
        Instr::Raise(kind) => {
            pop!(kind.min(2));
            return Ok(Vec::new());
        }
        Instr::RaiseAssert(has_msg) => {
            pop!(has_msg.min(1));
            return Ok(Vec::new());
        }
    }
    Ok(vec![(next, s)])
}

/// How a frame goes on when its thread next runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Resume {
    /// It runs the instruction at its pointer.
    Ready,
    /// A value is pushed first: the result of the call it made, the value
    /// sent to its generator, the result of its tasklet's operation.
    Waiting,
    /// A protocol's continuation finishes its instruction (see
    /// `vm/protocol.rs`): it may push a value, jump, or run the
    /// instruction again, so the stack is as deep as at its pointer, one
    /// less, or as before the instruction.
    Continued,
}

/// The kinds of object an id must name where the VM uses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Want {
    Cell,
    Module,
    Function,
    Class,
    Generator,
    Tasklet,
    Channel,
    Instance,
}

impl Want {
    fn name(self) -> &'static str {
        match self {
            Want::Cell => "a cell",
            Want::Module => "a module",
            Want::Function => "a function",
            Want::Class => "a class",
            Want::Generator => "a generator",
            Want::Tasklet => "a tasklet",
            Want::Channel => "a channel",
            Want::Instance => "an instance",
        }
    }
}

/// A big int must be outside the 64-bit range (smaller ints are held
/// inline) and within Shoal's size limit.
fn check_big_int(n: &num_bigint::BigInt) -> Result<(), String> {
    use num_traits::ToPrimitive;
    if n.to_i64().is_some() {
        return Err(format!("the big int {n} fits 64 bits"));
    }
    if n.bits() > crate::builtins::MAX_INT_BITS {
        return Err(format!("an int of {} bits is over the limit", n.bits()));
    }
    Ok(())
}

/// What an object is, for messages.
fn kind_name(obj: &Obj) -> &'static str {
    match obj {
        Obj::Str(_) => "a str",
        Obj::BigInt(_) => "an int",
        Obj::List(_) => "a list",
        Obj::Tuple(_) => "a tuple",
        Obj::Dict(_) => "a dict",
        Obj::DictView(..) => "a dict view",
        Obj::Set(_) => "a set",
        Obj::Range(..) => "a range",
        Obj::Function(_) => "a function",
        Obj::Cell(_) => "a cell",
        Obj::Builtin(_) => "a built-in function",
        Obj::Method(..) => "a built-in method",
        Obj::Unbound(_) => "an unbound built-in method",
        Obj::Type(_) => "a built-in type",
        Obj::Class(_) => "a class",
        Obj::Instance(_) => "an instance",
        Obj::Iter(_) => "an iterator",
        Obj::Module(_) => "a module",
        Obj::Slice(..) => "a slice",
        Obj::BoundMethod(..) => "a bound method",
        Obj::Super(..) => "a super object",
        Obj::StaticMethod(_) => "a staticmethod",
        Obj::ClassMethod(_) => "a classmethod",
        Obj::Property(..) => "a property",
        Obj::Generator(_) => "a generator",
        Obj::Bytes(_) => "a bytes object",
        Obj::ByteArray(_) => "a bytearray",
        Obj::File(_) => "a file",
        Obj::Tasklet(_) => "a tasklet",
        Obj::Channel(_) => "a channel",
        Obj::Random(_) => "a random generator",
        Obj::Pattern(_) => "a regular expression",
        Obj::Match(_) => "a regular expression match",
    }
}

/// The most an iterator's position may be (far beyond anything a run
/// reaches; keeps `index + 1` from overflowing).
const MAX_POSITION: u64 = 1 << 60;

/// Checks values, objects and frames against one heap and code table.
pub(crate) struct Checker<'a> {
    objs: &'a dyn Objects,
    codes: &'a [Code],
    /// Each code's constants as values (keyword-name tuples are checked
    /// against them).
    consts: &'a [Vec<Value>],
    shapes: Vec<OnceCell<Result<Shape, String>>>,
    recursion_limit: usize,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(
        objs: &'a dyn Objects,
        codes: &'a [Code],
        consts: &'a [Vec<Value>],
        recursion_limit: usize,
    ) -> Checker<'a> {
        Checker {
            objs,
            codes,
            consts,
            shapes: (0..codes.len()).map(|_| OnceCell::new()).collect(),
            recursion_limit,
        }
    }

    fn object(&self, id: ObjId) -> Result<&'a Obj, String> {
        match self.objs.slot(id) {
            Some(Some(obj)) => Ok(obj),
            Some(None) => Err(format!("object id {} names a freed slot", id.0)),
            None if Value::Obj(id) == Value::NULL => {
                Err("the method-call marker stands where a value belongs".into())
            }
            None => Err(format!(
                "object id {} does not exist (the heap has {} slots)",
                id.0,
                self.objs.slot_count()
            )),
        }
    }

    /// A value anywhere but on a value stack.
    pub(crate) fn value(&self, v: Value) -> Result<(), String> {
        match v {
            Value::Obj(id) => self.object(id).map(|_| ()),
            _ => Ok(()),
        }
    }

    fn values<'v>(&self, vs: impl IntoIterator<Item = &'v Value>) -> Result<(), String> {
        vs.into_iter().try_for_each(|v| self.value(*v))
    }

    /// An id that must name an object of kind `want`.
    pub(crate) fn id(&self, id: ObjId, want: Want) -> Result<(), String> {
        let obj = self.object(id)?;
        let fits = matches!(
            (want, obj),
            (Want::Cell, Obj::Cell(_))
                | (Want::Module, Obj::Module(_))
                | (Want::Function, Obj::Function(_))
                | (Want::Class, Obj::Class(_))
                | (Want::Generator, Obj::Generator(_))
                | (Want::Tasklet, Obj::Tasklet(_))
                | (Want::Channel, Obj::Channel(_))
                | (Want::Instance, Obj::Instance(_))
        );
        if fits {
            Ok(())
        } else {
            Err(format!(
                "object {} is {}, not {}",
                id.0,
                kind_name(obj),
                want.name()
            ))
        }
    }

    /// A value that must be an object of kind `want`.
    pub(crate) fn value_of(&self, v: Value, want: Want) -> Result<(), String> {
        match v {
            Value::Obj(id) => self.id(id, want),
            other => Err(format!("{other:?} is not {}", want.name())),
        }
    }

    fn key(&self, k: &Key) -> Result<(), String> {
        match k {
            Key::Id(id) => self.object(*id).map(|_| ()),
            Key::Custom(_, id) => self.id(*id, Want::Instance),
            Key::Tuple(items) => items.iter().try_for_each(|k| self.key(k)),
            Key::Big(n) => check_big_int(n),
            Key::Frozen(members) => members.keys.iter().try_for_each(|k| self.key(k)),
            _ => Ok(()),
        }
    }

    fn code(&self, index: u32) -> Result<&'a Code, String> {
        self.codes.get(index as usize).ok_or_else(|| {
            format!(
                "code number {index} does not exist (there are {})",
                self.codes.len()
            )
        })
    }

    fn shape(&self, index: u32) -> Result<&Shape, String> {
        let code = self.code(index)?;
        self.shapes[index as usize]
            .get_or_init(|| Shape::of(code))
            .as_ref()
            .map_err(Clone::clone)
    }

    // ---- objects ----------------------------------------------------------

    /// One heap object.
    pub(crate) fn check_object(&self, id: ObjId, obj: &Obj) -> Result<(), String> {
        self.object_parts(obj)
            .map_err(|e| format!("object {} ({}): {e}", id.0, kind_name(obj)))
    }

    fn object_parts(&self, obj: &Obj) -> Result<(), String> {
        match obj {
            Obj::Random(mt) if !mt.is_sound() => Err("its generator state is not one".into()),
            Obj::Str(_)
            | Obj::Bytes(_)
            | Obj::ByteArray(_)
            | Obj::Type(_)
            | Obj::Unbound(_)
            | Obj::Channel(_)
            | Obj::Random(_) => Ok(()),
            Obj::Pattern(p) => p.check(),
            Obj::Match(m) => {
                let [string, pattern] = m.values();
                let len = match string {
                    Value::Obj(id) => match self.object(id)? {
                        Obj::Str(s) => s.len(),
                        Obj::Bytes(b) => b.len(),
                        Obj::ByteArray(b) => b.len(),
                        other => return Err(format!("its subject is {}", kind_name(other))),
                    },
                    other => return Err(format!("its subject is {other:?}")),
                };
                let groups = match pattern {
                    Value::Obj(id) => match self.object(id)? {
                        Obj::Pattern(p) => {
                            p.check()?;
                            p.groups().unwrap_or(0)
                        }
                        other => return Err(format!("its pattern is {}", kind_name(other))),
                    },
                    other => return Err(format!("its pattern is {other:?}")),
                };
                m.check(groups, len)
            }
            Obj::File(_) => Err("a file cannot be loaded".into()),
            Obj::BigInt(n) => check_big_int(n),
            Obj::List(items) | Obj::Tuple(items) => self.values(items),
            Obj::Dict(d) => d.iter().try_for_each(|(k, (kv, v))| {
                self.key(k)?;
                self.value(*kv)?;
                self.value(*v)
            }),
            Obj::Set(s) => {
                s.check()?;
                s.entries().try_for_each(|e| {
                    self.key(&e.key)?;
                    self.value(e.value)
                })
            }
            Obj::DictView(dict, what) => {
                match self.object(*dict)? {
                    Obj::Dict(_) => {}
                    other => return Err(format!("it views {}", kind_name(other))),
                }
                if *what > 2 {
                    return Err(format!("it views part {what} of the entries"));
                }
                Ok(())
            }
            Obj::Range(_, _, step) => {
                if *step == 0 {
                    Err("its step is zero".into())
                } else {
                    Ok(())
                }
            }
            Obj::Function(f) => {
                let code = self.code(f.code)?;
                if f.closure.len() != code.freevars.len() {
                    return Err(format!(
                        "it closes over {} cells; '{}' has {} free variables",
                        f.closure.len(),
                        code.qualname,
                        code.freevars.len()
                    ));
                }
                for c in &f.closure {
                    self.id(*c, Want::Cell)?;
                }
                if f.defaults.len() > code.argcount as usize {
                    return Err(format!(
                        "it has {} defaults for {} parameters",
                        f.defaults.len(),
                        code.argcount
                    ));
                }
                self.values(&f.defaults)?;
                self.values(f.kwdefaults.iter().map(|(_, v)| v))?;
                self.id(f.module, Want::Module)?;
                if let Some(owner) = f.owner {
                    self.id(owner, Want::Class)?;
                }
                if let Some(attrs) = &f.attrs {
                    self.values(attrs.values())?;
                }
                Ok(())
            }
            Obj::Cell(v) | Obj::StaticMethod(v) | Obj::ClassMethod(v) => self.value(*v),
            Obj::Builtin(b) => {
                if crate::builtins::is_function(*b) {
                    Ok(())
                } else {
                    Err(format!(
                        "'{}' is a method, called here without its receiver",
                        crate::module::native_key(*b).unwrap_or_else(|| std::rc::Rc::from("?"))
                    ))
                }
            }
            Obj::Method(receiver, b) => {
                self.value(*receiver)?;
                if let Some(kind) = crate::builtins::receiver_type(*b) {
                    // An instance of a class deriving from the method's
                    // type: the method acts on the value it holds.
                    let held = match receiver {
                        Value::Obj(id) => match self.objs.slot(*id) {
                            Some(Some(Obj::Instance(inst))) if !inst.native.is_none() => {
                                match self.objs.slot(inst.native) {
                                    Some(Some(Obj::Cell(v))) => Some(*v),
                                    _ => Some(Value::Obj(inst.native)),
                                }
                            }
                            _ => None,
                        },
                        _ => None,
                    };
                    let got = self.type_of(held.unwrap_or(*receiver));
                    if got != kind {
                        return Err(format!(
                            "'{}' is bound to a {} receiver",
                            crate::module::native_key(*b).unwrap_or_else(|| std::rc::Rc::from("?")),
                            got.name()
                        ));
                    }
                }
                Ok(())
            }
            Obj::Class(c) => {
                for b in c.bases.iter().chain(&c.mro) {
                    self.id(*b, Want::Class)?;
                }
                if let Some(m) = c.metaclass {
                    self.id(m, Want::Class)?;
                    // The VM takes a metaclass to be a class deriving
                    // from `type`.
                    if !matches!(self.object(m)?, Obj::Class(k) if k.native == Some(TypeKind::Type))
                    {
                        return Err("a class's metaclass does not derive from type".into());
                    }
                }
                self.values(c.attrs.values())
            }
            Obj::Instance(inst) => {
                self.id(inst.class, Want::Class)?;
                // The built-in value an instance holds is of the type its
                // class derives from (the VM's methods rely on it).
                let class_native = match self.object(inst.class)? {
                    Obj::Class(c) => c.native,
                    _ => None,
                };
                let held = if inst.native.is_none() {
                    None
                } else {
                    Some(match self.object(inst.native)? {
                        Obj::Cell(Value::Int(_)) | Obj::BigInt(_) => TypeKind::Int,
                        Obj::Cell(Value::Float(_)) => TypeKind::Float,
                        Obj::Str(_) => TypeKind::Str,
                        Obj::List(_) => TypeKind::List,
                        Obj::Tuple(_) => TypeKind::Tuple,
                        Obj::Dict(_) => TypeKind::Dict,
                        Obj::Set(s) if s.is_frozen() => TypeKind::FrozenSet,
                        Obj::Set(_) => TypeKind::Set,
                        Obj::Bytes(_) => TypeKind::Bytes,
                        Obj::ByteArray(_) => TypeKind::ByteArray,
                        Obj::Tasklet(_) => TypeKind::Tasklet,
                        Obj::Channel(_) => TypeKind::Channel,
                        other => return Err(format!("an instance holds {}", kind_name(other))),
                    })
                };
                if held != class_native {
                    return Err(format!(
                        "an instance holds {held:?} where its class derives from {class_native:?}"
                    ));
                }
                self.values(inst.attrs.values())
            }
            Obj::Iter(it) => self.iter(it),
            Obj::Module(m) => self.values(m.attrs.values()),
            Obj::Slice(a, b, c) => self.values([a, b, c]),
            Obj::BoundMethod(a, b) => self.values([a, b]),
            Obj::Property(p) => self.values([&p.fget, &p.fset, &p.fdel, &p.doc]),
            Obj::Super(class, v) => {
                self.id(*class, Want::Class)?;
                self.value(*v)
            }
            Obj::Generator(g) => match &g.frame {
                // A generator that has started waits for the value sent
                // to its `yield`.
                Some(frame) => {
                    let resume = if g.started {
                        Resume::Waiting
                    } else {
                        Resume::Ready
                    };
                    self.frame(frame, resume)
                        .map_err(|e| format!("its frame: {e}"))
                }
                None => Ok(()),
            },
            Obj::Tasklet(t) => {
                if !t.instance.is_none() {
                    self.id(t.instance, Want::Instance)?;
                }
                self.values([&t.func, &t.tempval])
            }
        }
    }

    fn iter(&self, it: &Iter) -> Result<(), String> {
        let position = |i: u64| {
            if i > MAX_POSITION {
                Err(format!("its position {i} is beyond any run"))
            } else {
                Ok(())
            }
        };
        match it {
            Iter::Seq { seq, index } => {
                self.object(*seq)?;
                position(*index as u64)
            }
            Iter::Range { step, .. } => {
                if *step == 0 {
                    Err("its step is zero".into())
                } else {
                    Ok(())
                }
            }
            Iter::Dict {
                dict, index, what, ..
            } => {
                match self.object(*dict)? {
                    Obj::Dict(_) | Obj::Set(_) => {}
                    other => return Err(format!("it iterates over {}", kind_name(other))),
                }
                if *what > 2 {
                    return Err(format!("it yields part {what} of the entries"));
                }
                position(*index as u64)
            }
            Iter::Values { items, index } => {
                self.values(items)?;
                position(*index as u64)
            }
            Iter::Map { func, iters } => {
                self.value(*func)?;
                self.values(iters)
            }
            Iter::Zip { iters } => self.values(iters),
            Iter::GetItem { obj, index } => {
                self.value(*obj)?;
                position(index.unsigned_abs())
            }
            Iter::Enumerate { iter, next } => {
                self.value(*iter)?;
                position(next.unsigned_abs())
            }
            Iter::Filter { func, iter } => {
                self.value(*func)?;
                self.value(*iter)
            }
        }
    }

    /// The built-in type of a value (checked before).
    fn type_of(&self, v: Value) -> TypeKind {
        match v {
            Value::Obj(id) => match self.objs.slot(id) {
                Some(Some(obj)) => TypeKind::of_obj(obj),
                _ => TypeKind::Object,
            },
            other => TypeKind::of_immediate(other),
        }
    }

    /// Every object of a heap, its free list, and the absence of cycles
    /// the VM would follow for ever.
    pub(crate) fn heap(&self, heap: &Heap) -> Result<(), String> {
        let slots = heap.slots();
        let mut listed = vec![false; slots.len()];
        for &i in heap.free_list() {
            let Some(slot) = slots.get(i as usize) else {
                return Err(format!(
                    "the heap's free list names slot {i}; the heap has {} slots",
                    slots.len()
                ));
            };
            if slot.is_some() {
                return Err(format!(
                    "the heap's free list names slot {i}, which holds an object"
                ));
            }
            if std::mem::replace(&mut listed[i as usize], true) {
                return Err(format!("the heap's free list names slot {i} twice"));
            }
        }
        for (i, slot) in slots.iter().enumerate() {
            if let Some(obj) = slot {
                self.check_object(ObjId(i as u32), obj)?;
            }
        }
        self.no_cycles(
            slots
                .iter()
                .enumerate()
                .filter(|(_, s)| s.is_some())
                .map(|(i, _)| ObjId(i as u32)),
        )
    }

    /// The ids an object leads the VM to follow at once, recursively:
    /// an iterator's inner iterators, a bound method's function.
    fn chained(&self, id: ObjId, out: &mut Vec<ObjId>) {
        let mut push = |v: &Value| {
            if let Value::Obj(o) = v
                && *v != Value::NULL
            {
                out.push(*o);
            }
        };
        match self.objs.slot(id) {
            Some(Some(Obj::Iter(it))) => match it {
                Iter::Map { iters, .. } | Iter::Zip { iters } => iters.iter().for_each(push),
                Iter::Enumerate { iter, .. } | Iter::Filter { iter, .. } => push(iter),
                Iter::GetItem { obj, .. } => push(obj),
                _ => {}
            },
            Some(Some(Obj::BoundMethod(_, f))) => push(f),
            _ => {}
        }
    }

    /// Refuses a cycle of iterators or bound methods among `ids`: the
    /// VM's `next()` and calls follow those links by recursing.
    pub(crate) fn no_cycles(&self, ids: impl Iterator<Item = ObjId>) -> Result<(), String> {
        // 0: not seen, 1: on the current path, 2: done.
        let mut mark: rustc_hash::FxHashMap<u32, u8> = Default::default();
        let mut next = Vec::new();
        for root in ids {
            if !matches!(
                self.objs.slot(root),
                Some(Some(Obj::Iter(_) | Obj::BoundMethod(..)))
            ) || mark.get(&root.0).copied().unwrap_or(0) != 0
            {
                continue;
            }
            // An explicit stack of (object, its links not yet followed).
            let mut path: Vec<(ObjId, Vec<ObjId>)> = Vec::new();
            next.clear();
            self.chained(root, &mut next);
            mark.insert(root.0, 1);
            path.push((root, std::mem::take(&mut next)));
            while let Some((at, links)) = path.last_mut() {
                match links.pop() {
                    None => {
                        mark.insert(at.0, 2);
                        path.pop();
                    }
                    Some(o) => match mark.get(&o.0).copied().unwrap_or(0) {
                        1 => {
                            return Err(format!(
                                "object {} ({}) leads back to itself",
                                o.0,
                                self.objs.slot(o).flatten().map_or("an object", kind_name)
                            ));
                        }
                        2 => {}
                        _ => {
                            let mut more = Vec::new();
                            self.chained(o, &mut more);
                            mark.insert(o.0, 1);
                            path.push((o, more));
                        }
                    },
                }
            }
        }
        Ok(())
    }

    // ---- frames -------------------------------------------------------------

    /// One frame, as it resumes.
    pub(crate) fn frame(&self, f: &SavedFrame, resume: Resume) -> Result<(), String> {
        let code = self.code(f.code)?;
        let name = &code.qualname;
        let shape = self.shape(f.code)?;
        let Some(state) = shape.states.get(f.ip) else {
            return Err(format!(
                "instruction pointer {} is outside code '{name}' ({} instructions)",
                f.ip,
                code.instrs.len()
            ));
        };
        let Some(state) = state else {
            return Err(format!(
                "instruction pointer {} of '{name}' is at an instruction the code never reaches",
                f.ip
            ));
        };
        // The value stack, slot by slot.
        let depth = state.stack.len();
        let expected = match resume {
            Resume::Ready => depth,
            Resume::Continued => {
                let before =
                    f.ip.checked_sub(1)
                        .and_then(|i| shape.states.get(i))
                        .and_then(Option::as_ref)
                        .map(|s| s.stack.len());
                let n = f.stack.len();
                if n != depth && n + 1 != depth && Some(n) != before {
                    return Err(format!(
                        "its value stack holds {n} values; '{name}' has {depth} at instruction {}",
                        f.ip
                    ));
                }
                n
            }
            Resume::Waiting => {
                if f.ip == 0 || depth == 0 || state.stack[depth - 1] != Tag::Any {
                    return Err(format!(
                        "it waits for a value at instruction {} of '{name}', where none arrives",
                        f.ip
                    ));
                }
                depth - 1
            }
        };
        if f.stack.len() != expected {
            return Err(format!(
                "its value stack holds {} values; '{name}' has {expected} at instruction {}",
                f.stack.len(),
                f.ip
            ));
        }
        for (i, (v, tag)) in f.stack.iter().zip(&state.stack).enumerate() {
            self.slot(f.code, *v, *tag)
                .map_err(|e| format!("value stack slot {i}: {e}"))?;
        }
        // Exception blocks: those the code has set up here.
        if f.blocks != state.blocks {
            return Err(format!(
                "its exception blocks {:?} are not those of '{name}' at instruction {} ({:?})",
                f.blocks, f.ip, state.blocks
            ));
        }
        if f.locals.len() != code.varnames.len() {
            return Err(format!(
                "it has {} locals; '{name}' has {} variables",
                f.locals.len(),
                code.varnames.len()
            ));
        }
        self.values(f.locals.iter().flatten())
            .map_err(|e| format!("a local: {e}"))?;
        let cells = code.cellvars.len() + code.freevars.len();
        if f.cells.len() != cells {
            return Err(format!(
                "it has {} cells; '{name}' has {cells} cell and free variables",
                f.cells.len()
            ));
        }
        for c in &f.cells {
            self.id(*c, Want::Cell)
                .map_err(|e| format!("a cell: {e}"))?;
        }
        // Exceptions being handled are usually exceptions, but anything
        // can be raised into a tasklet (`t.throw(5)`).
        self.values(&f.handling)
            .map_err(|e| format!("an exception being handled: {e}"))?;
        self.id(f.module, Want::Module)
            .map_err(|e| format!("its module: {e}"))?;
        if let Some(func) = f.func {
            self.id(func, Want::Function)
                .map_err(|e| format!("its function: {e}"))?;
        }
        if let Some(g) = f.generator {
            self.id(g, Want::Generator)
                .map_err(|e| format!("its generator: {e}"))?;
        }
        self.value(f.gen_return)?;
        if let Some(ns) = &f.class_ns {
            self.values(ns.values())
                .map_err(|e| format!("its class namespace: {e}"))?;
        }
        match &f.on_return {
            OnReturn::Init(id) => self.id(*id, Want::Instance),
            OnReturn::Import(id) => self.id(*id, Want::Module),
            OnReturn::BuildClass(body) => {
                body.bases
                    .iter()
                    .try_for_each(|b| self.id(*b, Want::Class))?;
                body.meta.iter().try_for_each(|v| self.value(*v))?;
                body.keywords.iter().try_for_each(|(_, v)| self.value(*v))
            }
            OnReturn::Cont(cont) => {
                let mut values = Vec::new();
                cont.roots(&mut values);
                values.into_iter().try_for_each(|v| self.value(v))
            }
            // The rest is checked with the frame stack: a suspended
            // generator's is replaced when it resumes.
            OnReturn::GenLoop(_) | OnReturn::GenSync | OnReturn::Push | OnReturn::Discard => Ok(()),
        }
        .map_err(|e| format!("what it returns to: {e}"))
    }

    /// Whether `v` is a tuple of the same keyword names as constant `i` of
    /// `code` (a pickled frame holds a copy of the constant).
    fn same_names(&self, code: u32, i: u32, v: Value) -> bool {
        let Some(crate::code::Const::Names(names)) = self
            .codes
            .get(code as usize)
            .and_then(|c| c.consts.get(i as usize))
        else {
            return false;
        };
        let Value::Obj(id) = v else { return false };
        let Some(Some(Obj::Tuple(items))) = self.objs.slot(id) else {
            return false;
        };
        items.len() == names.len()
            && items.iter().zip(names).all(|(item, name)| match item {
                Value::Obj(s) => {
                    matches!(self.objs.slot(*s), Some(Some(Obj::Str(t))) if **t == **name)
                }
                _ => false,
            })
    }

    /// A value on a value stack where the code needs `tag`.
    fn slot(&self, code: u32, v: Value, tag: Tag) -> Result<(), String> {
        if v == Value::NULL {
            return if tag == Tag::MaybeNull {
                Ok(())
            } else {
                Err("the method-call marker stands where a value belongs".into())
            };
        }
        self.value(v)?;
        match tag {
            Tag::Any | Tag::MaybeNull => Ok(()),
            Tag::Cell => self.value_of(v, Want::Cell),
            Tag::Function(want) => match v {
                Value::Obj(id) => match self.object(id)? {
                    Obj::Function(f) if f.code == want => Ok(()),
                    other => Err(format!(
                        "{} stands where the function of code {want} belongs",
                        kind_name(other)
                    )),
                },
                _ => Err(format!("{v:?} stands where a function belongs")),
            },
            Tag::Names(i) => {
                let want = self
                    .consts
                    .get(code as usize)
                    .and_then(|c| c.get(i as usize))
                    .copied();
                if want == Some(v) || self.same_names(code, i, v) {
                    Ok(())
                } else {
                    Err("a value stands where a call's keyword names belong".into())
                }
            }
            Tag::Cells(n) => match v {
                Value::Obj(id) => match self.object(id)? {
                    Obj::Tuple(items) if items.len() == n as usize => {
                        items.iter().try_for_each(|c| self.value_of(*c, Want::Cell))
                    }
                    other => Err(format!(
                        "{} stands where a closure of {n} cells belongs",
                        kind_name(other)
                    )),
                },
                _ => Err(format!("{v:?} stands where a closure belongs")),
            },
        }
    }

    /// The frames of a thread, outermost first: each frame, each caller
    /// waiting for what its callee gives back, and the innermost waiting
    /// when `waiting` (its thread's operation pushes a result), and the
    /// exit of a `for` loop over a channel that it waits in.
    pub(crate) fn thread(
        &self,
        frames: &[SavedFrame],
        waiting: bool,
        for_exit: Option<u32>,
    ) -> Result<(), String> {
        if frames.len() > self.recursion_limit {
            return Err(format!(
                "{} frames are deeper than the recursion limit of {}",
                frames.len(),
                self.recursion_limit
            ));
        }
        if frames.is_empty() && (waiting || for_exit.is_some()) {
            return Err("it waits for an operation's result but has no frame".into());
        }
        for (i, f) in frames.iter().enumerate() {
            if f.on_return == OnReturn::GenSync {
                return Err(format!(
                    "frame {i}: it belongs to a generator run by a built-in, which is never saved"
                ));
            }
            let resume = match frames.get(i + 1) {
                None if waiting => Resume::Waiting,
                None => Resume::Ready,
                Some(callee) => {
                    self.caller(f, callee)
                        .map_err(|e| format!("frame {i}: {e}"))?;
                    if matches!(callee.on_return, OnReturn::Cont(_)) {
                        Resume::Continued
                    } else {
                        Resume::Waiting
                    }
                }
            };
            self.frame(f, resume)
                .map_err(|e| format!("frame {i}: {e}"))?;
        }
        if let Some(exit) = for_exit {
            let last = frames.len() - 1;
            if !waiting || !self.after(&frames[last], Instr::ForIter(exit)) {
                return Err(format!(
                    "frame {last}: it is not in a `for` loop over a channel that exits at {exit}"
                ));
            }
        }
        Ok(())
    }

    /// Whether the instruction before `f`'s pointer is `instr`.
    fn after(&self, f: &SavedFrame, instr: Instr) -> bool {
        f.ip > 0
            && self
                .codes
                .get(f.code as usize)
                .and_then(|c| c.instrs.get(f.ip - 1))
                == Some(&instr)
    }

    /// A caller and the frame it called: the callee's return must give it
    /// the value it waits for.
    fn caller(&self, f: &SavedFrame, callee: &SavedFrame) -> Result<(), String> {
        match &callee.on_return {
            OnReturn::Push
            | OnReturn::Init(_)
            | OnReturn::BuildClass(_)
            | OnReturn::Import(_)
            | OnReturn::Cont(_) => Ok(()),
            OnReturn::GenLoop(exit) => {
                if callee.generator.is_none() {
                    return Err("it runs a loop over a frame that is not a generator's".into());
                }
                if self.after(f, Instr::ForIter(*exit)) {
                    Ok(())
                } else {
                    Err(format!(
                        "the generator it called ends its `for` loop at {exit}, but it is not in that loop"
                    ))
                }
            }
            OnReturn::Discard | OnReturn::GenSync => {
                Err("the frame it called gives nothing back to it".into())
            }
        }
    }

    /// A thread's pending operation: the value it returns.
    pub(crate) fn finish_value(&self, v: Value) -> Result<(), String> {
        self.value(v)
            .map_err(|e| format!("the value its operation returns: {e}"))
    }
}

/// Checks each code's constant values against its compiled constants.
pub(crate) fn check_consts(
    objs: &dyn Objects,
    codes: &[Code],
    consts: &[Vec<Value>],
) -> Result<(), String> {
    if consts.len() != codes.len() {
        return Err(format!(
            "it has constants for {} codes; there are {}",
            consts.len(),
            codes.len()
        ));
    }
    let str_is = |v: Value, s: &str| match v {
        Value::Obj(id) => matches!(objs.slot(id), Some(Some(Obj::Str(x))) if &**x == s),
        _ => false,
    };
    for (code, values) in codes.iter().zip(consts) {
        let bad = |i: usize| {
            Err(format!(
                "constant {i} of '{}' is not the one its code was compiled with",
                code.qualname
            ))
        };
        if values.len() != code.consts.len() {
            return Err(format!(
                "'{}' has {} constants; its code has {}",
                code.qualname,
                values.len(),
                code.consts.len()
            ));
        }
        for (i, (c, v)) in code.consts.iter().zip(values).enumerate() {
            let fits = match (c, *v) {
                (Const::None, Value::None) => true,
                (Const::Bool(a), Value::Bool(b)) => *a == b,
                (Const::Int(a), Value::Int(b)) => *a == b,
                (Const::BigInt(a), Value::Obj(id)) => {
                    matches!(objs.slot(id), Some(Some(Obj::BigInt(x))) if **x == **a)
                }
                (Const::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
                (Const::Str(s), v) => str_is(v, s),
                (Const::Ellipsis, Value::Obj(id)) => {
                    matches!(objs.slot(id), Some(Some(Obj::Instance(_))))
                }
                (Const::Bytes(b), Value::Obj(id)) => {
                    matches!(objs.slot(id), Some(Some(Obj::Bytes(x))) if **x == **b)
                }
                (Const::Names(names), Value::Obj(id)) => match objs.slot(id) {
                    Some(Some(Obj::Tuple(items))) => {
                        items.len() == names.len()
                            && items.iter().zip(names).all(|(v, n)| str_is(*v, n))
                    }
                    _ => false,
                },
                _ => false,
            };
            if !fits {
                return bad(i);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::{Class, Function, Instance, Module};
    use std::rc::Rc;

    /// The error a heap of `objects` gets (codes: `f(a)`, then its
    /// module's).
    fn heap_error(objects: Vec<Obj>) -> String {
        let module = crate::parse_module("def f(a):\n    return a\n").unwrap();
        let mut codes = Vec::new();
        crate::compiler::compile_module(&module, "t.py", &mut codes).unwrap();
        let consts: Vec<Vec<Value>> = codes.iter().map(|_| Vec::new()).collect();
        let mut heap = Heap::default();
        for o in objects {
            heap.alloc(o);
        }
        let checker = Checker::new(&heap, &codes, &consts, 100);
        checker.heap(&heap).err().unwrap_or_default()
    }

    fn module() -> Obj {
        Obj::Module(Module {
            name: Rc::from("m"),
            attrs: Default::default(),
        })
    }

    fn function(code: u32, closure: Vec<ObjId>) -> Obj {
        Obj::Function(Box::new(Function {
            code,
            defaults: Vec::new(),
            kwdefaults: Vec::new(),
            closure,
            module: ObjId(0),
            owner: None,
            attrs: None,
        }))
    }

    #[test]
    fn objects_of_the_wrong_kind_are_named() {
        let list = Obj::List(Vec::new());
        for (objects, expected) in [
            (
                vec![module(), function(9, vec![])],
                "object 1 (a function): code number 9 does not exist",
            ),
            (
                vec![module(), function(0, vec![ObjId(0)])],
                "it closes over 1 cells; 'f' has 0 free variables",
            ),
            (
                vec![list.clone(), function(1, vec![])],
                "object 1 (a function): object 0 is a list, not a module",
            ),
            (
                vec![Obj::Range(0, 5, 0)],
                "object 0 (a range): its step is zero",
            ),
            (
                vec![Obj::List(vec![Value::Obj(ObjId(7))])],
                "object id 7 does not exist (the heap has 1 slots)",
            ),
            (
                vec![
                    list.clone(),
                    Obj::Instance(Instance {
                        class: ObjId(0),
                        attrs: Default::default(),
                        native: ObjId::NONE,
                    }),
                ],
                "object 0 is a list, not a class",
            ),
            (
                vec![
                    Obj::Class(Box::new(Class {
                        name: Rc::from("C"),
                        bases: vec![ObjId(1)],
                        mro: vec![ObjId(0)],
                        attrs: Default::default(),
                        is_exception: false,
                        native: None,
                        proxy: false,
                        metaclass: None,
                    })),
                    list.clone(),
                ],
                "object 1 is a list, not a class",
            ),
            (
                vec![Obj::Method(Value::Int(5), builtin("list.append"))],
                "'list.append' is bound to a int receiver",
            ),
            (
                vec![Obj::Builtin(builtin("dict.get"))],
                "'dict.get' is a method, called here without its receiver",
            ),
            (
                vec![
                    Obj::Iter(Iter::Filter {
                        func: Value::None,
                        iter: Value::Obj(ObjId(1)),
                    }),
                    Obj::Iter(Iter::Enumerate {
                        iter: Value::Obj(ObjId(0)),
                        next: 0,
                    }),
                ],
                "leads back to itself",
            ),
            (
                vec![Obj::BoundMethod(Value::None, Value::Obj(ObjId(0)))],
                "object 0 (a bound method) leads back to itself",
            ),
            (
                vec![Obj::Iter(Iter::Seq {
                    seq: ObjId(0),
                    index: usize::MAX,
                })],
                "its position 18446744073709551615 is beyond any run",
            ),
        ] {
            let err = heap_error(objects);
            assert!(err.contains(expected), "{err}\n(expected: {expected})");
        }
    }

    fn builtin(key: &str) -> crate::heap::Builtin {
        // The standard natives are registered first on this thread.
        let _ = crate::builtins::standard_natives();
        crate::module::intern(key).unwrap()
    }

    #[test]
    fn a_bad_free_list_is_named() {
        for (text, expected) in [
            (
                "objects:[Some(List([])),None],free:[1,1]",
                "names slot 1 twice",
            ),
            (
                "objects:[Some(List([])),None],free:[0]",
                "names slot 0, which holds an object",
            ),
            (
                "objects:[Some(List([]))],free:[4]",
                "names slot 4; the heap has 1 slots",
            ),
        ] {
            let heap: Heap =
                ron::from_str(&format!("({text},allocated:0,live_after_gc:0)")).unwrap();
            let checker = Checker::new(&heap, &[], &[], 100);
            let err = checker.heap(&heap).unwrap_err();
            assert!(err.contains(expected), "{err}\n(expected: {expected})");
        }
    }

    /// Every code the compiler makes for the test programs has a stack
    /// that adds up (the checker relies on it to judge frames).
    #[test]
    fn compiled_code_has_a_consistent_shape() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        for dir in [
            "tests/scripts",
            "tests/stackless",
            "examples",
            "assets/worlds",
        ] {
            if let Ok(entries) = std::fs::read_dir(root.join(dir)) {
                for e in entries.flatten() {
                    if e.path().extension().is_some_and(|x| x == "py") {
                        files.push(e.path());
                    }
                }
            }
        }
        files.sort();
        assert!(files.len() > 20, "found only {} programs", files.len());
        let vm = crate::Vm::new(Box::new(std::io::sink()), Box::new(std::io::sink()));
        let mut sources: Vec<(String, String)> = ["stackless"]
            .iter()
            .filter_map(|m| crate::builtins::prelude(&vm, m))
            .map(|(f, s)| (f.to_string(), s.to_string()))
            .collect();
        for path in files {
            sources.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
        let mut checked = 0;
        for (path, source) in sources {
            let Ok(module) = crate::parse_module(&source) else {
                continue;
            };
            let mut codes = Vec::new();
            if crate::compiler::compile_module(&module, &path, &mut codes).is_err() {
                continue;
            }
            for code in &codes {
                let shape = Shape::of(code).unwrap_or_else(|e| panic!("{path}: {e}"));
                assert!(shape.states[0].is_some());
                checked += 1;
            }
        }
        assert!(checked > 100, "checked only {checked} codes");
    }
}
