//! The syntax tree of a script, as the parser builds it and the compiler
//! reads it. Shaped after Python's own `ast` module, trimmed to Shoal's
//! subset; every statement and expression keeps the line and column where
//! it starts, for errors and tracebacks.

/// Where a node starts: 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub col: u32,
}

/// A whole source file.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// Its statements.
    pub body: Vec<Stmt>,
}

/// A statement with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Stmt {
    /// Where it starts.
    pub pos: Pos,
    /// What it is.
    pub kind: StmtKind,
}

/// The statements of the subset.
#[derive(Debug, Clone, PartialEq)]
pub enum StmtKind {
    /// An expression evaluated for its effect.
    Expr(Expr),
    /// `a = b = value` (several targets share the value).
    Assign {
        /// The targets, left to right.
        targets: Vec<Expr>,
        /// The value.
        value: Expr,
    },
    /// `target op= value`.
    AugAssign {
        /// The target.
        target: Expr,
        /// The operator.
        op: BinOp,
        /// The value.
        value: Expr,
    },
    /// `target: annotation [= value]`. In a module or class body, a bare
    /// name's annotation is evaluated into `__annotations__`.
    AnnAssign {
        /// The target.
        target: Expr,
        /// The annotation.
        annotation: Box<Expr>,
        /// The value, if any.
        value: Option<Expr>,
    },
    /// `if test: body else: orelse` (`elif` nests in `orelse`).
    If {
        /// The condition.
        test: Expr,
        /// Runs when true.
        body: Vec<Stmt>,
        /// Runs when false.
        orelse: Vec<Stmt>,
    },
    /// `while test: body else: orelse`.
    While {
        /// The condition.
        test: Expr,
        /// The loop body.
        body: Vec<Stmt>,
        /// Runs when the loop ends without `break`.
        orelse: Vec<Stmt>,
    },
    /// `for target in iter: body else: orelse`.
    For {
        /// The loop variable(s).
        target: Expr,
        /// The iterable.
        iter: Expr,
        /// The loop body.
        body: Vec<Stmt>,
        /// Runs when the loop ends without `break`.
        orelse: Vec<Stmt>,
    },
    /// `break`.
    Break,
    /// `continue`.
    Continue,
    /// `pass`.
    Pass,
    /// `return [value]`.
    Return(Option<Expr>),
    /// `def`.
    FunctionDef(Box<FunctionDef>),
    /// `class`.
    ClassDef(Box<ClassDef>),
    /// `try` with its handlers and clauses.
    Try {
        /// The guarded block.
        body: Vec<Stmt>,
        /// The `except` clauses.
        handlers: Vec<Handler>,
        /// Runs when the body raised nothing.
        orelse: Vec<Stmt>,
        /// Runs in every case.
        finalbody: Vec<Stmt>,
    },
    /// `raise [exc [from cause]]`.
    Raise {
        /// The exception.
        exc: Option<Expr>,
        /// The cause after `from`.
        cause: Option<Expr>,
    },
    /// `with a as x, b: body`.
    With {
        /// The context managers and their targets.
        items: Vec<(Expr, Option<Expr>)>,
        /// The block.
        body: Vec<Stmt>,
    },
    /// `assert test[, msg]`.
    Assert {
        /// The condition.
        test: Expr,
        /// The message.
        msg: Option<Expr>,
    },
    /// `del a, b[i], c.x`.
    Delete(Vec<Expr>),
    /// `global a, b`.
    Global(Vec<String>),
    /// `nonlocal a, b`.
    Nonlocal(Vec<String>),
    /// `import a.b as c, d`.
    Import(Vec<Alias>),
    /// `from module import a as b, c` (`*` is outside the subset).
    ImportFrom {
        /// The module's dotted name.
        module: String,
        /// The names taken from it.
        names: Vec<Alias>,
    },
}

/// `name [as asname]` in an import.
#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    /// The (dotted) name imported.
    pub name: String,
    /// The name it is bound to, if renamed.
    pub asname: Option<String>,
}

/// An `except` clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Handler {
    /// Where the clause starts.
    pub pos: Pos,
    /// The exception class (or tuple of classes); `None` catches all.
    pub class: Option<Expr>,
    /// The name bound to the exception.
    pub name: Option<String>,
    /// The handler's block.
    pub body: Vec<Stmt>,
}

/// What an [`ExprKind::AsyncStep`] does with its operand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsyncStep {
    /// `async for`: the operand's `__aiter__()`.
    Iter,
    /// `async for`: the async iterator's `__anext__()` (an awaitable).
    Next,
    /// `async with`: the manager's `__aenter__()` (an awaitable), once
    /// both it and `__aexit__` are known to exist.
    Enter,
    /// `async with`: the manager's bound `__aexit__`.
    Exit,
}

/// A `def` statement.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionDef {
    /// The function's name.
    pub name: String,
    /// Its parameters.
    pub params: Params,
    /// Its body.
    pub body: Vec<Stmt>,
    /// Its decorators, outermost first.
    pub decorators: Vec<Expr>,
    /// `async def`: calling it makes a coroutine.
    pub is_async: bool,
}

/// A `class` statement.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassDef {
    /// The class's name.
    pub name: String,
    /// Its base classes.
    pub bases: Vec<Expr>,
    /// Its keyword arguments (`metaclass=M`, and those passed on to
    /// `__init_subclass__`), in the order given.
    pub keywords: Vec<(String, Expr)>,
    /// Its body.
    pub body: Vec<Stmt>,
    /// Its decorators, outermost first.
    pub decorators: Vec<Expr>,
}

/// A function's or lambda's parameters.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Params {
    /// Ordinary parameters, with defaults for the trailing ones.
    pub args: Vec<Param>,
    /// `*args`.
    pub vararg: Option<String>,
    /// Parameters after `*` or `*args`: keyword-only.
    pub kwonly: Vec<Param>,
    /// `**kwargs`.
    pub kwarg: Option<String>,
}

/// One parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Its name.
    pub name: String,
    /// Its default value.
    pub default: Option<Expr>,
}

/// An expression with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// Where it starts.
    pub pos: Pos,
    /// What it is.
    pub kind: ExprKind,
}

/// The expressions of the subset.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// A variable.
    Name(String),
    /// A literal.
    Constant(Constant),
    /// `left op right`.
    BinOp {
        /// Left operand.
        left: Box<Expr>,
        /// The operator.
        op: BinOp,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `op operand`.
    UnaryOp {
        /// The operator.
        op: UnaryOp,
        /// The operand.
        operand: Box<Expr>,
    },
    /// `a and b and c` / `a or b`.
    BoolOp {
        /// `and` (true) or `or` (false).
        and: bool,
        /// The operands, left to right.
        values: Vec<Expr>,
    },
    /// `a < b <= c`: a chain of comparisons.
    Compare {
        /// The first operand.
        left: Box<Expr>,
        /// The operators and the operands after them.
        rest: Vec<(CmpOp, Expr)>,
    },
    /// A call.
    Call {
        /// The callee.
        func: Box<Expr>,
        /// Positional arguments (`Starred` for `*iterable`).
        args: Vec<Expr>,
        /// Keyword arguments; `None` as the name for `**mapping`.
        keywords: Vec<(Option<String>, Expr)>,
    },
    /// `value.attr`.
    Attribute {
        /// The object.
        value: Box<Expr>,
        /// The attribute's name.
        attr: String,
    },
    /// `value[index]`.
    Subscript {
        /// The container.
        value: Box<Expr>,
        /// The index (a `Slice` for `a[i:j]`).
        index: Box<Expr>,
    },
    /// `lower:upper:step` inside a subscript.
    Slice {
        /// Start.
        lower: Option<Box<Expr>>,
        /// Stop.
        upper: Option<Box<Expr>>,
        /// Step.
        step: Option<Box<Expr>>,
    },
    /// `*value` in a call, a display or an assignment target.
    Starred(Box<Expr>),
    /// `[a, b]`.
    List(Vec<Expr>),
    /// `(a, b)` or `a, b`.
    Tuple(Vec<Expr>),
    /// `{k: v, **other}`: `None` as the key for `**other`.
    Dict(Vec<(Option<Expr>, Expr)>),
    /// `{a, b}`.
    Set(Vec<Expr>),
    /// `[elt for ...]`.
    ListComp(Box<Expr>, Vec<Comprehension>),
    /// `{elt for ...}`.
    SetComp(Box<Expr>, Vec<Comprehension>),
    /// `{key: value for ...}`.
    DictComp(Box<Expr>, Box<Expr>, Vec<Comprehension>),
    /// `(elt for ...)`.
    GeneratorExp(Box<Expr>, Vec<Comprehension>),
    /// `body if test else orelse`.
    IfExp {
        /// The condition.
        test: Box<Expr>,
        /// The value when true.
        body: Box<Expr>,
        /// The value when false.
        orelse: Box<Expr>,
    },
    /// `lambda params: body`.
    Lambda {
        /// The parameters.
        params: Box<Params>,
        /// The body.
        body: Box<Expr>,
    },
    /// `yield [value]`.
    Yield(Option<Box<Expr>>),
    /// `yield from iterable`.
    YieldFrom(Box<Expr>),
    /// `await value` (in an `async def`).
    Await(Box<Expr>),
    /// A step of `async for`/`async with`, which the parser writes out as
    /// plain statements around `await`s: no source text spells it.
    AsyncStep(AsyncStep, Box<Expr>),
    /// `name := value`.
    NamedExpr {
        /// The name bound.
        target: String,
        /// The value.
        value: Box<Expr>,
    },
    /// An f-string: literal parts and formatted values.
    JoinedStr(Vec<FStringPart>),
}

/// A piece of an f-string.
#[derive(Debug, Clone, PartialEq)]
pub enum FStringPart {
    /// Literal text.
    Literal(String),
    /// `{value!conversion:spec}`.
    Value {
        /// The expression.
        value: Box<Expr>,
        /// `'r'`, `'s'` or `'a'`.
        conversion: Option<char>,
        /// The format spec (itself an f-string).
        spec: Vec<FStringPart>,
    },
}

/// One `for target in iter if cond...` of a comprehension.
#[derive(Debug, Clone, PartialEq)]
pub struct Comprehension {
    /// The loop variable(s).
    pub target: Expr,
    /// The iterable.
    pub iter: Expr,
    /// The `if` filters.
    pub ifs: Vec<Expr>,
}

/// A literal value.
#[derive(Debug, Clone, PartialEq)]
pub enum Constant {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// An integer past 64 bits.
    BigInt(std::rc::Rc<num_bigint::BigInt>),
    /// A float.
    Float(f64),
    /// A string.
    Str(String),
    /// A bytes literal.
    Bytes(Vec<u8>),
    /// `...`.
    Ellipsis,
}

/// Binary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `//`
    FloorDiv,
    /// `%`
    Mod,
    /// `**`
    Pow,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
    /// `&`
    BitAnd,
    /// `@`
    MatMul,
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `not`
    Not,
    /// `-`
    Neg,
    /// `+`
    Pos,
    /// `~`
    Invert,
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    NotEq,
    /// `<`
    Lt,
    /// `<=`
    LtE,
    /// `>`
    Gt,
    /// `>=`
    GtE,
    /// `is`
    Is,
    /// `is not`
    IsNot,
    /// `in`
    In,
    /// `not in`
    NotIn,
}

/// An annotation's text as `from __future__ import annotations` keeps
/// it (CPython's `ast.unparse`), for the forms annotations take: names,
/// attributes, subscripts, tuples and lists, constants, `|`, calls.
/// Other expressions give `...`.
pub fn unparse(e: &Expr) -> String {
    fn list(items: &[Expr]) -> String {
        items.iter().map(unparse).collect::<Vec<_>>().join(", ")
    }
    match &e.kind {
        ExprKind::Name(n) => n.clone(),
        ExprKind::Constant(c) => match c {
            Constant::None => "None".into(),
            Constant::Bool(b) => if *b { "True" } else { "False" }.into(),
            Constant::Int(i) => i.to_string(),
            Constant::BigInt(i) => i.to_string(),
            Constant::Float(x) => crate::value::float_repr(*x),
            Constant::Str(s) => {
                let quote = if s.contains('\'') && !s.contains('"') {
                    '"'
                } else {
                    '\''
                };
                let mut out = String::from(quote);
                for ch in s.chars() {
                    match ch {
                        '\\' => out.push_str("\\\\"),
                        '\n' => out.push_str("\\n"),
                        c if c == quote => {
                            out.push('\\');
                            out.push(c);
                        }
                        c => out.push(c),
                    }
                }
                out.push(quote);
                out
            }
            Constant::Bytes(_) => "b'...'".into(),
            Constant::Ellipsis => "...".into(),
        },
        ExprKind::Attribute { value, attr } => format!("{}.{attr}", unparse(value)),
        ExprKind::Subscript { value, index } => {
            let inner = match &index.kind {
                ExprKind::Tuple(items) if !items.is_empty() => list(items),
                _ => unparse(index),
            };
            format!("{}[{inner}]", unparse(value))
        }
        ExprKind::Tuple(items) if items.len() == 1 => format!("({},)", unparse(&items[0])),
        ExprKind::Tuple(items) => format!("({})", list(items)),
        ExprKind::List(items) => format!("[{}]", list(items)),
        ExprKind::BinOp {
            left,
            op: BinOp::BitOr,
            right,
        } => format!("{} | {}", unparse(left), unparse(right)),
        ExprKind::Call { func, args, .. } => format!("{}({})", unparse(func), list(args)),
        _ => "...".into(),
    }
}
