//! Bytecode: the instructions the compiler emits and the VM runs.
//!
//! A stack machine in the style of CPython's: each instruction is a small
//! `Copy` enum with at most one operand; each code object keeps the source
//! line of every instruction for tracebacks.

use std::rc::Rc;

use crate::ast::{BinOp, CmpOp, UnaryOp};

/// One instruction.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Instr {
    /// Push `consts[i]`.
    LoadConst(u32),
    /// Push local `i`.
    LoadFast(u32),
    /// Pop into local `i`.
    StoreFast(u32),
    /// Unbind local `i`.
    DeleteFast(u32),
    /// Push the value in cell `i` (cell variables, then free variables).
    LoadDeref(u32),
    /// Pop into cell `i`.
    StoreDeref(u32),
    /// Push cell `i` itself (to build a closure).
    LoadClosure(u32),
    /// Push global `names[i]` (falling back to builtins).
    LoadGlobal(u32),
    /// Pop into global `names[i]`.
    StoreGlobal(u32),
    /// Unbind global `names[i]`.
    DeleteGlobal(u32),
    /// Replace TOS with its attribute `names[i]`.
    LoadAttr(u32),
    /// `TOS.names[i] = TOS1`.
    StoreAttr(u32),
    /// `del TOS.names[i]`.
    DeleteAttr(u32),
    /// `TOS1[TOS]`.
    LoadSubscr,
    /// `TOS1[TOS] = TOS2`.
    StoreSubscr,
    /// `del TOS1[TOS]`.
    DeleteSubscr,
    /// `TOS1 op TOS`.
    Binary(BinOp),
    /// `TOS1 op= TOS`.
    Inplace(BinOp),
    /// `op TOS`.
    Unary(UnaryOp),
    /// `TOS1 op TOS`.
    Compare(CmpOp),
    /// Jump to instruction `i`.
    Jump(u32),
    /// Pop; jump if false.
    PopJumpIfFalse(u32),
    /// Pop; jump if true.
    PopJumpIfTrue(u32),
    /// Jump if TOS is false (keeping it), else pop.
    JumpIfFalseOrPop(u32),
    /// Jump if TOS is true (keeping it), else pop.
    JumpIfTrueOrPop(u32),
    /// Discard TOS.
    Pop,
    /// Duplicate TOS.
    Dup,
    /// Duplicate the two top values.
    Dup2,
    /// Swap the two top values.
    Rot2,
    /// Move TOS under the next two.
    Rot3,
    /// Build a list of the top `n` values.
    BuildList(u32),
    /// Build a tuple of the top `n` values.
    BuildTuple(u32),
    /// Build a dict of the top `2n` values (key, value pairs).
    BuildDict(u32),
    /// Build a set of the top `n` values.
    BuildSet(u32),
    /// Build a set of the top `n` values of a display of constants, as
    /// CPython builds one (it folds the display into a frozenset
    /// constant, made again in its own order, and updates an empty set
    /// with it), so that the set iterates in CPython's order.
    BuildConstSet(u32),
    /// Build a slice of the top 2 or 3 values.
    BuildSlice(u32),
    /// Concatenate the top `n` strings.
    BuildString(u32),
    /// Append TOS to the list `n` below it (comprehensions).
    ListAppend(u32),
    /// Add TOS to the set `n` below it.
    SetAdd(u32),
    /// Store TOS1: TOS into the dict `n` below them.
    DictSet(u32),
    /// Extend the list below TOS with the iterable TOS.
    ListExtend,
    /// Update the set below TOS with the iterable TOS (`{*a}`), as
    /// `set.update` does.
    SetUpdate,
    /// Replace the list at TOS with a tuple of its items.
    ListToTuple,
    /// Update the dict below TOS with the mapping TOS.
    DictUpdate,
    /// Unpack TOS into `n` values, first on top.
    UnpackSequence(u32),
    /// Unpack TOS into `before` values, a list, and `after` values
    /// (`before` in the high 16 bits).
    UnpackEx(u32),
    /// Replace TOS with an iterator over it.
    GetIter,
    /// Push the next value of the iterator at TOS, or pop it and jump.
    ForIter(u32),
    /// Call TOS-n with the `n` values above it.
    Call(u32),
    /// Replace TOS with two values for [`Instr::CallMethod`]: the
    /// function `names[i]` of its class and the object itself, or, for
    /// any other attribute, a null marker and the attribute.
    LoadMethod(u32),
    /// Call what [`Instr::LoadMethod`] pushed with the `n` values above:
    /// the function with the object as first argument, or the attribute.
    CallMethod(u32),
    /// Call with `n` values, the last ones keyword arguments whose
    /// names are in the tuple at TOS.
    CallKw(u32),
    /// Call TOS2 with the tuple TOS1 and dict TOS (`f(*a, **k)`).
    CallEx,
    /// Make a function of `codes[i]`; below it, by flags pushed earlier:
    /// see [`MakeFunctionFlags`].
    MakeFunction(u32),
    /// Return TOS.
    Return,
    /// `raise` (0: re-raise, 1: TOS, 2: TOS1 from TOS).
    Raise(u32),
    /// Push an exception handler at instruction `i`.
    SetupExcept(u32),
    /// Pop the innermost handler.
    PopBlock,
    /// Leave an `except` clause.
    PopExcept,
    /// Re-raise the exception at TOS.
    Reraise,
    /// Pops a class (or tuple of classes) and pushes whether the
    /// exception under it is an instance.
    ExcMatch,
    /// Format TOS (and a spec under it if flag 4): conversion in the low
    /// bits (0 none, 1 str, 2 repr, 3 ascii).
    FormatValue(u32),
    /// `await`: TOS becomes what the awaiting loop iterates: a coroutine
    /// itself, or what an object's `__await__()` returns.
    GetAwaitable,
    /// Push the module `names[i]`, importing it first if need be.
    ImportName(u32),
    /// `from TOS import names[i]`: push the attribute, or the submodule
    /// imported; TOS stays.
    ImportFrom(u32),
    /// `assert` failed: raise AssertionError (with TOS if the flag is 1).
    RaiseAssert(u32),
    /// Push `names[i]` from the class namespace, globals or builtins.
    LoadName(u32),
    /// Pop into `names[i]` of the class namespace.
    StoreName(u32),
    /// Remove `names[i]` from the class namespace.
    DeleteName(u32),
    /// Push `super()` for the running method.
    LoadSuper,
    /// Pop an object and a class; push `super(class, object)`.
    LoadSuper2,
    /// Run the class body function at TOS, with the `n` bases and the
    /// name under it; push the class when the body returns.
    BuildClass(u32),
    /// As `BuildClass`, with a dict of the class's keyword arguments
    /// (`metaclass=`, the rest for `__init_subclass__`) between the bases
    /// and the body.
    BuildClassKw(u32),
    /// Yield TOS from a generator; when resumed, the sent value is TOS.
    Yield,
    /// Push the return value of the last generator a `ForIter` exhausted
    /// (the value of `yield from`).
    LoadGenReturn,
    /// `with`: pops a context manager, pushes its `__exit__` and the
    /// result of its `__enter__`.
    BeforeWith,
    /// Leave a `with` block without an exception: call `__exit__(None,
    /// None, None)` (the exit is under TOS when flag 1: a return value).
    WithExit(u32),
    /// A `with` block raised (stack: exit, exception): call `__exit__`
    /// with it; a true result swallows it and jumps to `i`.
    WithExcept(u32),
    /// A step of `async for`/`async with` on TOS (see
    /// [`crate::ast::AsyncStep`], numbered in its order).
    AsyncStep(u32),
    /// Do nothing.
    Nop,
}

/// Flags of [`Instr::MakeFunction`] (the values are on the stack, in
/// this order from bottom to top).
pub struct MakeFunctionFlags;

impl MakeFunctionFlags {
    /// A tuple of positional defaults.
    pub const DEFAULTS: u32 = 1 << 24;
    /// A tuple of (name, value) keyword-only defaults.
    pub const KWDEFAULTS: u32 = 1 << 25;
    /// A tuple of closure cells.
    pub const CLOSURE: u32 = 1 << 26;
    /// Mask of the code index.
    pub const CODE: u32 = (1 << 24) - 1;
}

/// A constant of a code object.
#[derive(Debug, Clone, PartialEq)]
pub enum Const {
    /// `None`.
    None,
    /// A bool.
    Bool(bool),
    /// An int.
    Int(i64),
    /// An int past 64 bits.
    BigInt(Rc<num_bigint::BigInt>),
    /// A float.
    Float(f64),
    /// A string.
    Str(Rc<str>),
    /// A bytes literal.
    Bytes(Rc<[u8]>),
    /// `...`.
    Ellipsis,
    /// A tuple of strings (keyword names).
    Names(Vec<Rc<str>>),
}

/// A compiled function, module body or comprehension.
#[derive(Debug, Clone)]
pub struct Code {
    /// `__name__`.
    pub name: Rc<str>,
    /// `__qualname__`.
    pub qualname: Rc<str>,
    /// The file it came from.
    pub filename: Rc<str>,
    /// The instructions.
    pub instrs: Vec<Instr>,
    /// The source line of each instruction.
    pub lines: Vec<u32>,
    /// The constants.
    pub consts: Vec<Const>,
    /// Names used by global, attribute and import instructions.
    pub names: Vec<Rc<str>>,
    /// Local variable names; the parameters come first.
    pub varnames: Vec<Rc<str>>,
    /// Locals that inner functions capture (stored in cells).
    pub cellvars: Vec<Rc<str>>,
    /// Variables captured from enclosing functions.
    pub freevars: Vec<Rc<str>>,
    /// For each cell variable that is also a parameter, its local index.
    pub cell_params: Vec<(u32, u32)>,
    /// Positional parameters.
    pub argcount: u32,
    /// Keyword-only parameters.
    pub kwonlycount: u32,
    /// Has `*args`.
    pub varargs: bool,
    /// Has `**kwargs`.
    pub varkw: bool,
    /// The line of the `def`.
    pub firstline: u32,
    /// Calling it makes a generator.
    pub is_generator: bool,
    /// An `async def`: calling it makes a coroutine (a generator that
    /// only `await` drives).
    pub is_coroutine: bool,
    /// The docstring (`__doc__`): a string literal opening the body.
    pub doc: Option<Rc<str>>,
}
