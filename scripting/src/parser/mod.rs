//! The parser: tokens to the syntax tree, by recursive descent over
//! Python's grammar (trimmed to the subset).
//!
//! Errors carry Python's messages where Python has a specific one
//! ("expected ':'", "unexpected indent", "cannot assign to literal"...),
//! otherwise "invalid syntax", at the token where parsing stopped.
//! Python constructs outside the subset (async, `match`, star imports...)
//! are reported as `NotImplementedError` naming the feature.

use crate::ast::*;
use crate::error::{ErrorKind, SyntaxError};
use crate::lexer::{Keyword as K, Op, Tok, Token, tokenize};

mod async_stmt;
mod fstring;

use fstring::{convert_fparts, push_literal};

/// Parses a whole source file.
pub fn parse_module(source: &str) -> Result<Module, SyntaxError> {
    let tokens = tokenize(source);
    let mut p = Parser {
        toks: tokens,
        pos: 0,
        depth: 0,
        hidden: 0,
    };
    let mut body = Vec::new();
    loop {
        match p.peek() {
            Tok::Eof => break,
            Tok::Error(e) => return Err((**e).clone()),
            Tok::Newline => p.advance(),
            _ => body.extend(p.statement()?),
        }
    }
    Ok(Module { body })
}

/// Parses a single expression (an f-string field, say).
pub fn parse_expression(source: &str) -> Result<Expr, SyntaxError> {
    let tokens = tokenize(source);
    let mut p = Parser {
        toks: tokens,
        pos: 0,
        depth: 0,
        hidden: 0,
    };
    let e = p.testlist_star_expr()?;
    while matches!(p.peek(), Tok::Newline) {
        p.advance();
    }
    if !matches!(p.peek(), Tok::Eof) {
        return Err(p.invalid());
    }
    Ok(e)
}

type PResult<T> = Result<T, SyntaxError>;

struct Parser {
    toks: Vec<Token>,
    pos: usize,
    /// How deep the tree being built is (see [`MAX_DEPTH`]).
    depth: usize,
    /// How many hidden names desugared statements have taken.
    hidden: usize,
}

/// How deep expressions and statements may nest: the compiler, the
/// validator and dropping the tree all walk it recursively, so a deeper
/// one (`1+1+...+1` 30,000 times) is refused, as CPython refuses it.
const MAX_DEPTH: usize = 1000;

fn not_supported(feature: &str, pos: Pos) -> SyntaxError {
    SyntaxError::new(
        ErrorKind::NotImplementedError,
        format!(
            "{feature} {} not supported by Shoal's script language",
            if feature.ends_with('s') { "are" } else { "is" }
        ),
        pos.line,
        pos.col,
    )
}

impl Parser {
    /// One level deeper; RecursionError past [`MAX_DEPTH`].
    fn enter(&mut self) -> PResult<()> {
        self.deeper(1)?;
        self.depth += 1;
        Ok(())
    }

    /// Refuses a tree `extra` levels deeper than the current one.
    fn deeper(&self, extra: usize) -> PResult<()> {
        if self.depth + extra > MAX_DEPTH {
            let pos = self.here();
            return Err(SyntaxError::new(
                ErrorKind::RecursionError,
                "maximum recursion depth exceeded during compilation",
                pos.line,
                pos.col,
            ));
        }
        Ok(())
    }

    // ---- token helpers -------------------------------------------------

    fn tok(&self) -> &Token {
        &self.toks[self.pos.min(self.toks.len() - 1)]
    }

    fn peek(&self) -> &Tok {
        &self.tok().kind
    }

    fn peek_at(&self, ahead: usize) -> &Tok {
        &self.toks[(self.pos + ahead).min(self.toks.len() - 1)].kind
    }

    fn here(&self) -> Pos {
        let t = self.tok();
        Pos {
            line: t.line,
            col: t.col,
        }
    }

    fn advance(&mut self) {
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
    }

    fn at_op(&self, op: Op) -> bool {
        matches!(self.peek(), Tok::Op(o) if *o == op)
    }

    fn at_kw(&self, kw: K) -> bool {
        matches!(self.peek(), Tok::Keyword(k) if *k == kw)
    }

    /// At a comprehension's `for` (or `async for`).
    fn at_comp_for(&self) -> bool {
        self.at_kw(K::For)
            || (self.at_kw(K::Async) && matches!(self.peek_at(1), Tok::Keyword(K::For)))
    }

    fn eat_op(&mut self, op: Op) -> bool {
        if self.at_op(op) {
            self.advance();
            true
        } else {
            false
        }
    }

    fn eat_kw(&mut self, kw: K) -> bool {
        if self.at_kw(kw) {
            self.advance();
            true
        } else {
            false
        }
    }

    /// An error at `pos`, unless the lexer stopped at the current token:
    /// then the lexer's error is the one to report.
    fn error_at(&self, msg: impl Into<String>, pos: Pos) -> SyntaxError {
        if let Tok::Error(e) = self.peek() {
            return (**e).clone();
        }
        SyntaxError::new(ErrorKind::SyntaxError, msg, pos.line, pos.col)
    }

    fn invalid(&self) -> SyntaxError {
        match self.peek() {
            Tok::Error(e) => (**e).clone(),
            Tok::Indent => SyntaxError::new(
                ErrorKind::IndentationError,
                "unexpected indent",
                self.tok().line,
                self.tok().col,
            ),
            Tok::Eof => self.error_at("unexpected EOF while parsing", self.here()),
            _ => self.error_at("invalid syntax", self.here()),
        }
    }

    fn expect_op(&mut self, op: Op) -> PResult<()> {
        if self.eat_op(op) {
            Ok(())
        } else if matches!(self.peek(), Tok::Indent | Tok::Eof | Tok::Error(_)) {
            Err(self.invalid())
        } else {
            Err(self.error_at(format!("expected '{}'", op.text()), self.here()))
        }
    }

    /// Closes a bracketed list whose last item started at `last`: two
    /// expressions side by side get CPython's comma hint.
    fn close(&mut self, op: Op, last: Option<Pos>) -> PResult<()> {
        if self.eat_op(op) {
            return Ok(());
        }
        if let Some(last) = last
            && self.starts_expression()
        {
            return Err(self.error_at("invalid syntax. Perhaps you forgot a comma?", last));
        }
        self.expect_op(op)
    }

    fn starts_expression(&self) -> bool {
        matches!(
            self.peek(),
            Tok::Name(_)
                | Tok::Int(_)
                | Tok::BigInt(_)
                | Tok::Float(_)
                | Tok::Str(_)
                | Tok::FString(_)
                | Tok::Bytes(_)
                | Tok::Keyword(K::None | K::True | K::False | K::Lambda | K::Not)
                | Tok::Op(Op::LParen | Op::LBracket | Op::LBrace | Op::Minus | Op::Tilde)
        )
    }

    fn expect_name(&mut self) -> PResult<String> {
        match self.peek().clone() {
            Tok::Name(n) => {
                self.advance();
                Ok(n)
            }
            _ => Err(self.invalid()),
        }
    }

    fn expect_newline(&mut self) -> PResult<()> {
        match self.peek() {
            Tok::Newline => {
                self.advance();
                Ok(())
            }
            Tok::Eof => Ok(()),
            _ => Err(self.invalid()),
        }
    }

    // ---- statements --------------------------------------------------------

    fn statement(&mut self) -> PResult<Vec<Stmt>> {
        self.enter()?;
        let r = self.statement_inner();
        self.depth -= 1;
        r
    }

    fn statement_inner(&mut self) -> PResult<Vec<Stmt>> {
        let pos = self.here();
        let stmt = match self.peek() {
            Tok::Indent => return Err(self.invalid()),
            Tok::Keyword(K::If) => self.if_stmt()?,
            Tok::Keyword(K::While) => self.while_stmt()?,
            Tok::Keyword(K::For) => self.for_stmt()?,
            Tok::Keyword(K::Try) => self.try_stmt()?,
            Tok::Keyword(K::With) => self.with_stmt()?,
            Tok::Keyword(K::Def) => self.funcdef(Vec::new())?,
            Tok::Keyword(K::Class) => self.classdef(Vec::new())?,
            Tok::Keyword(K::Async) => self.async_stmt(Vec::new())?,
            Tok::Op(Op::At) => self.decorated()?,
            Tok::Name(n) if n == "match" && self.looks_like_match() => {
                return Err(not_supported("match statements", pos));
            }
            _ => return self.simple_stmts(),
        };
        Ok(vec![stmt])
    }

    /// `match x:` at the start of a line (match is a soft keyword).
    fn looks_like_match(&self) -> bool {
        if matches!(
            self.peek_at(1),
            Tok::Op(Op::Assign | Op::Dot | Op::LParen) | Tok::Newline
        ) {
            return false;
        }
        let mut i = self.pos;
        while i < self.toks.len() {
            match &self.toks[i].kind {
                Tok::Newline | Tok::Eof => return false,
                Tok::Op(Op::Colon) => {
                    return matches!(self.toks.get(i + 1).map(|t| &t.kind), Some(Tok::Newline));
                }
                _ => i += 1,
            }
        }
        false
    }

    fn simple_stmts(&mut self) -> PResult<Vec<Stmt>> {
        let mut out = vec![self.small_stmt()?];
        while self.eat_op(Op::Semicolon) {
            if matches!(self.peek(), Tok::Newline | Tok::Eof) {
                break;
            }
            out.push(self.small_stmt()?);
        }
        self.expect_newline()?;
        Ok(out)
    }

    fn small_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.here();
        let kind = match self.peek().clone() {
            Tok::Keyword(K::Pass) => {
                self.advance();
                StmtKind::Pass
            }
            Tok::Keyword(K::Break) => {
                self.advance();
                StmtKind::Break
            }
            Tok::Keyword(K::Continue) => {
                self.advance();
                StmtKind::Continue
            }
            Tok::Keyword(K::Return) => {
                self.advance();
                if self.at_end_of_simple() {
                    StmtKind::Return(None)
                } else {
                    StmtKind::Return(Some(self.testlist_star_expr()?))
                }
            }
            Tok::Keyword(K::Raise) => {
                self.advance();
                if self.at_end_of_simple() {
                    StmtKind::Raise {
                        exc: None,
                        cause: None,
                    }
                } else {
                    let exc = self.test()?;
                    let cause = if self.eat_kw(K::From) {
                        Some(self.test()?)
                    } else {
                        None
                    };
                    StmtKind::Raise {
                        exc: Some(exc),
                        cause,
                    }
                }
            }
            Tok::Keyword(K::Global) => {
                self.advance();
                StmtKind::Global(self.name_list()?)
            }
            Tok::Keyword(K::Nonlocal) => {
                self.advance();
                StmtKind::Nonlocal(self.name_list()?)
            }
            Tok::Keyword(K::Del) => {
                self.advance();
                let targets = self.exprlist_items()?;
                for t in &targets {
                    check_target(t, "delete")?;
                }
                StmtKind::Delete(targets)
            }
            Tok::Keyword(K::Assert) => {
                self.advance();
                let test = self.test()?;
                let msg = if self.eat_op(Op::Comma) {
                    Some(self.test()?)
                } else {
                    None
                };
                StmtKind::Assert { test, msg }
            }
            Tok::Keyword(K::Import) => {
                self.advance();
                let mut names = vec![self.dotted_alias()?];
                while self.eat_op(Op::Comma) {
                    names.push(self.dotted_alias()?);
                }
                StmtKind::Import(names)
            }
            Tok::Keyword(K::From) => self.import_from()?,
            _ => return self.expr_stmt(),
        };
        Ok(Stmt { pos, kind })
    }

    fn at_end_of_simple(&self) -> bool {
        matches!(
            self.peek(),
            Tok::Newline | Tok::Eof | Tok::Op(Op::Semicolon)
        )
    }

    fn name_list(&mut self) -> PResult<Vec<String>> {
        let mut names = vec![self.expect_name()?];
        while self.eat_op(Op::Comma) {
            names.push(self.expect_name()?);
        }
        Ok(names)
    }

    fn dotted_name(&mut self) -> PResult<String> {
        let mut name = self.expect_name()?;
        while self.eat_op(Op::Dot) {
            name.push('.');
            name.push_str(&self.expect_name()?);
        }
        Ok(name)
    }

    fn dotted_alias(&mut self) -> PResult<Alias> {
        let name = self.dotted_name()?;
        let asname = if self.eat_kw(K::As) {
            Some(self.expect_name()?)
        } else {
            None
        };
        Ok(Alias { name, asname })
    }

    fn import_from(&mut self) -> PResult<StmtKind> {
        let pos = self.here();
        self.advance();
        if self.at_op(Op::Dot) || self.at_op(Op::Ellipsis) {
            return Err(not_supported("relative imports", pos));
        }
        let module = self.dotted_name()?;
        if !self.eat_kw(K::Import) {
            return Err(self.error_at("expected 'import'", self.here()));
        }
        if self.at_op(Op::Star) {
            return Err(not_supported(
                "star imports (from ... import *)",
                self.here(),
            ));
        }
        let parens = self.eat_op(Op::LParen);
        let mut names = Vec::new();
        loop {
            let name = self.expect_name()?;
            let asname = if self.eat_kw(K::As) {
                Some(self.expect_name()?)
            } else {
                None
            };
            names.push(Alias { name, asname });
            if !self.eat_op(Op::Comma) {
                break;
            }
            if parens && self.at_op(Op::RParen) {
                break;
            }
        }
        if parens {
            self.expect_op(Op::RParen)?;
        }
        Ok(StmtKind::ImportFrom { module, names })
    }

    fn expr_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.here();
        let first = if self.at_kw(K::Yield) {
            self.yield_expr()?
        } else {
            self.testlist_star_expr()?
        };
        if let Some(op) = self.aug_op() {
            check_target(&first, "augmented assign")?;
            if matches!(
                first.kind,
                ExprKind::Tuple(_) | ExprKind::List(_) | ExprKind::Starred(_)
            ) {
                return Err(self.error_at(
                    format!(
                        "'{}' is an illegal expression for augmented assignment",
                        describe(&first)
                    ),
                    first.pos,
                ));
            }
            self.advance();
            let value = if self.at_kw(K::Yield) {
                self.yield_expr()?
            } else {
                self.testlist()?
            };
            return Ok(Stmt {
                pos,
                kind: StmtKind::AugAssign {
                    target: first,
                    op,
                    value,
                },
            });
        }
        if self.at_op(Op::Colon) {
            self.advance();
            check_target(&first, "annotated assign")?;
            let annotation = Box::new(self.test()?);
            let value = if self.eat_op(Op::Assign) {
                Some(if self.at_kw(K::Yield) {
                    self.yield_expr()?
                } else {
                    self.testlist_star_expr()?
                })
            } else {
                None
            };
            return Ok(Stmt {
                pos,
                kind: StmtKind::AnnAssign {
                    target: first,
                    annotation,
                    value,
                },
            });
        }
        if !self.at_op(Op::Assign) {
            return Ok(Stmt {
                pos,
                kind: StmtKind::Expr(first),
            });
        }
        let mut targets = vec![first];
        let mut value;
        loop {
            self.advance(); // '='
            value = if self.at_kw(K::Yield) {
                self.yield_expr()?
            } else {
                self.testlist_star_expr()?
            };
            if self.at_op(Op::Assign) {
                targets.push(value);
            } else {
                break;
            }
        }
        for t in &targets {
            check_target(t, "assign")?;
        }
        Ok(Stmt {
            pos,
            kind: StmtKind::Assign { targets, value },
        })
    }

    fn aug_op(&self) -> Option<BinOp> {
        let Tok::Op(op) = self.peek() else {
            return None;
        };
        Some(match op {
            Op::PlusAssign => BinOp::Add,
            Op::MinusAssign => BinOp::Sub,
            Op::StarAssign => BinOp::Mul,
            Op::SlashAssign => BinOp::Div,
            Op::FloorDivAssign => BinOp::FloorDiv,
            Op::PercentAssign => BinOp::Mod,
            Op::PowAssign => BinOp::Pow,
            Op::ShlAssign => BinOp::LShift,
            Op::ShrAssign => BinOp::RShift,
            Op::PipeAssign => BinOp::BitOr,
            Op::CaretAssign => BinOp::BitXor,
            Op::AmpAssign => BinOp::BitAnd,
            Op::AtAssign => BinOp::MatMul,
            _ => return None,
        })
    }

    /// `: NEWLINE INDENT stmts DEDENT` or `: simple_stmts` on one line.
    fn block(&mut self, what: &str, opened: Pos) -> PResult<Vec<Stmt>> {
        self.expect_op(Op::Colon)?;
        if !matches!(self.peek(), Tok::Newline) {
            return self.simple_stmts();
        }
        self.advance();
        if let Tok::Error(e) = self.peek() {
            return Err((**e).clone());
        }
        if !matches!(self.peek(), Tok::Indent) {
            let at = self.here();
            return Err(SyntaxError::new(
                ErrorKind::IndentationError,
                format!(
                    "expected an indented block after {what} on line {}",
                    opened.line
                ),
                at.line,
                at.col,
            ));
        }
        self.advance();
        let mut body = Vec::new();
        loop {
            match self.peek() {
                Tok::Dedent => {
                    self.advance();
                    break;
                }
                Tok::Eof => break,
                Tok::Error(e) => return Err((**e).clone()),
                Tok::Newline => self.advance(),
                _ => body.extend(self.statement()?),
            }
        }
        Ok(body)
    }

    fn if_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.here();
        self.advance();
        let test = self.namedexpr_test()?;
        let body = self.block("'if' statement", pos)?;
        let orelse = self.else_chain()?;
        Ok(Stmt {
            pos,
            kind: StmtKind::If { test, body, orelse },
        })
    }

    fn else_chain(&mut self) -> PResult<Vec<Stmt>> {
        self.enter()?;
        let r = self.else_chain_inner();
        self.depth -= 1;
        r
    }

    fn else_chain_inner(&mut self) -> PResult<Vec<Stmt>> {
        let pos = self.here();
        if self.at_kw(K::Elif) {
            self.advance();
            let test = self.namedexpr_test()?;
            let body = self.block("'elif' statement", pos)?;
            let orelse = self.else_chain()?;
            Ok(vec![Stmt {
                pos,
                kind: StmtKind::If { test, body, orelse },
            }])
        } else if self.eat_kw(K::Else) {
            self.block("'else' statement", pos)
        } else {
            Ok(Vec::new())
        }
    }

    fn while_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.here();
        self.advance();
        let test = self.namedexpr_test()?;
        let body = self.block("'while' statement", pos)?;
        let else_pos = self.here();
        let orelse = if self.eat_kw(K::Else) {
            self.block("'else' statement", else_pos)?
        } else {
            Vec::new()
        };
        Ok(Stmt {
            pos,
            kind: StmtKind::While { test, body, orelse },
        })
    }

    fn for_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.here();
        let (target, iter, body, orelse) = self.for_parts(pos, "'for' statement")?;
        Ok(Stmt {
            pos,
            kind: StmtKind::For {
                target,
                iter,
                body,
                orelse,
            },
        })
    }

    /// A `for` (or `async for`) after its first keyword: the target, the
    /// iterable, the body and the `else` block.
    pub(super) fn for_parts(
        &mut self,
        pos: Pos,
        what: &str,
    ) -> PResult<(Expr, Expr, Vec<Stmt>, Vec<Stmt>)> {
        self.advance();
        let target = self.exprlist()?;
        check_target(&target, "assign")?;
        if !self.eat_kw(K::In) {
            return Err(self.error_at("expected 'in'", self.here()));
        }
        let iter = self.testlist()?;
        let body = self.block(what, pos)?;
        let else_pos = self.here();
        let orelse = if self.eat_kw(K::Else) {
            self.block("'else' statement", else_pos)?
        } else {
            Vec::new()
        };
        Ok((target, iter, body, orelse))
    }

    fn try_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.here();
        self.advance();
        let body = self.block("'try' statement", pos)?;
        let mut handlers = Vec::new();
        while self.at_kw(K::Except) {
            let hpos = self.here();
            self.advance();
            if self.at_op(Op::Star) {
                return Err(not_supported("exception groups (except*)", hpos));
            }
            let (class, name) = if self.at_op(Op::Colon) {
                (None, None)
            } else {
                let class = self.test()?;
                let name = if self.eat_kw(K::As) {
                    Some(self.expect_name()?)
                } else {
                    None
                };
                (Some(class), name)
            };
            let hbody = self.block("'except' statement", hpos)?;
            handlers.push(Handler {
                pos: hpos,
                class,
                name,
                body: hbody,
            });
        }
        let else_pos = self.here();
        let orelse = if self.at_kw(K::Else) {
            if handlers.is_empty() {
                return Err(self.error_at("expected 'except' or 'finally' block", else_pos));
            }
            self.advance();
            self.block("'else' statement", else_pos)?
        } else {
            Vec::new()
        };
        let fin_pos = self.here();
        let finalbody = if self.eat_kw(K::Finally) {
            self.block("'finally' statement", fin_pos)?
        } else {
            Vec::new()
        };
        if handlers.is_empty() && finalbody.is_empty() {
            return Err(self.error_at("expected 'except' or 'finally' block", self.here()));
        }
        Ok(Stmt {
            pos,
            kind: StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            },
        })
    }

    fn with_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.here();
        self.advance();
        let items = self.with_items()?;
        let body = self.block("'with' statement", pos)?;
        Ok(Stmt {
            pos,
            kind: StmtKind::With { items, body },
        })
    }

    /// The context managers of a `with` (or `async with`) statement, with
    /// their targets: `a as x, b`, or the same in parentheses (Python
    /// 3.10's form, tried first, as CPython's grammar does).
    pub(super) fn with_items(&mut self) -> PResult<Vec<(Expr, Option<Expr>)>> {
        if self.at_op(Op::LParen) {
            let (start, depth) = (self.pos, self.depth);
            self.advance();
            if let Ok(items) = self.with_item_list(true)
                && self.eat_op(Op::RParen)
                && self.at_op(Op::Colon)
            {
                return Ok(items);
            }
            self.pos = start;
            self.depth = depth;
        }
        self.with_item_list(false)
    }

    fn with_item_list(&mut self, parenthesized: bool) -> PResult<Vec<(Expr, Option<Expr>)>> {
        let mut items = Vec::new();
        loop {
            let ctx = self.test()?;
            let target = if self.eat_kw(K::As) {
                let t = self.expr()?;
                check_target(&t, "assign")?;
                Some(t)
            } else {
                None
            };
            items.push((ctx, target));
            if !self.eat_op(Op::Comma) {
                break;
            }
            if parenthesized && self.at_op(Op::RParen) {
                break;
            }
        }
        Ok(items)
    }

    fn decorated(&mut self) -> PResult<Stmt> {
        let mut decorators = Vec::new();
        while self.eat_op(Op::At) {
            decorators.push(self.namedexpr_test()?);
            self.expect_newline()?;
        }
        match self.peek() {
            Tok::Keyword(K::Def) => self.funcdef(decorators),
            Tok::Keyword(K::Class) => self.classdef(decorators),
            Tok::Keyword(K::Async) => self.async_stmt(decorators),
            _ => Err(self.invalid()),
        }
    }

    /// `async def` (a coroutine function), `async for` and `async with`
    /// (see `async_stmt.rs`).
    fn async_stmt(&mut self, decorators: Vec<Expr>) -> PResult<Stmt> {
        let pos = self.here();
        self.advance();
        match self.peek() {
            Tok::Keyword(K::Def) => {
                let mut stmt = self.funcdef(decorators)?;
                stmt.pos = pos;
                if let StmtKind::FunctionDef(f) = &mut stmt.kind {
                    f.is_async = true;
                }
                Ok(stmt)
            }
            Tok::Keyword(K::For) if decorators.is_empty() => self.async_for(pos),
            Tok::Keyword(K::With) if decorators.is_empty() => self.async_with(pos),
            _ => Err(self.invalid()),
        }
    }

    fn funcdef(&mut self, decorators: Vec<Expr>) -> PResult<Stmt> {
        let pos = self.here();
        self.advance();
        let name = self.expect_name()?;
        self.expect_op(Op::LParen)?;
        let params = self.params(Op::RParen, true)?;
        self.expect_op(Op::RParen)?;
        if self.eat_op(Op::Arrow) {
            let _returns = self.test()?;
        }
        let body = self.block("function definition", pos)?;
        Ok(Stmt {
            pos,
            kind: StmtKind::FunctionDef(Box::new(FunctionDef {
                name,
                params,
                body,
                decorators,
                is_async: false,
            })),
        })
    }

    fn classdef(&mut self, decorators: Vec<Expr>) -> PResult<Stmt> {
        let pos = self.here();
        self.advance();
        let name = self.expect_name()?;
        let mut bases = Vec::new();
        let mut class_keywords = Vec::new();
        let open = self.here();
        if self.eat_op(Op::LParen) {
            let (args, keywords) = self.arglist(open)?;
            self.expect_op(Op::RParen)?;
            for (name, value) in keywords {
                let Some(name) = name else {
                    return Err(not_supported("'**' in a class's arguments", value.pos));
                };
                class_keywords.push((name, value));
            }
            for a in args {
                if matches!(a.kind, ExprKind::Starred(_)) {
                    return Err(not_supported("starred base classes", a.pos));
                }
                bases.push(a);
            }
        }
        let body = self.block("class definition", pos)?;
        Ok(Stmt {
            pos,
            kind: StmtKind::ClassDef(Box::new(ClassDef {
                name,
                bases,
                keywords: class_keywords,
                body,
                decorators,
            })),
        })
    }

    /// Parameters up to `close`; annotations allowed in `def`, not lambda.
    fn params(&mut self, close: Op, annotations: bool) -> PResult<Params> {
        let mut params = Params::default();
        let mut star_seen = false;
        let mut default_seen = false;
        let mut names: Vec<String> = Vec::new();
        while !self.at_op(close) {
            let pos = self.here();
            if self.eat_op(Op::Pow) {
                let name = self.expect_name()?;
                if annotations && self.eat_op(Op::Colon) {
                    self.test()?;
                }
                names.push(name.clone());
                params.kwarg = Some(name);
                self.eat_op(Op::Comma);
                if !self.at_op(close) {
                    return Err(
                        self.error_at("arguments cannot follow var-keyword argument", self.here())
                    );
                }
                break;
            } else if self.eat_op(Op::Star) {
                if star_seen {
                    return Err(self.error_at("* argument may appear only once", pos));
                }
                star_seen = true;
                if let Tok::Name(n) = self.peek().clone() {
                    self.advance();
                    if annotations && self.eat_op(Op::Colon) {
                        self.test()?;
                    }
                    names.push(n.clone());
                    params.vararg = Some(n);
                } else if self.at_op(close) || !self.at_op(Op::Comma) {
                    return Err(self.error_at("named arguments must follow bare *", pos));
                }
            } else if self.eat_op(Op::Slash) {
                // Positional-only marker: every parameter is treated as
                // positional-or-keyword.
            } else {
                let name = self.expect_name()?;
                if annotations && self.eat_op(Op::Colon) {
                    self.test()?;
                }
                let default = if self.eat_op(Op::Assign) {
                    Some(self.test()?)
                } else {
                    None
                };
                if names.contains(&name) {
                    return Err(self.error_at(
                        format!("duplicate argument '{name}' in function definition"),
                        pos,
                    ));
                }
                names.push(name.clone());
                if star_seen {
                    params.kwonly.push(Param { name, default });
                } else {
                    if default.is_some() {
                        default_seen = true;
                    } else if default_seen {
                        return Err(
                            self.error_at("non-default argument follows default argument", pos)
                        );
                    }
                    params.args.push(Param { name, default });
                }
            }
            if !self.eat_op(Op::Comma) {
                break;
            }
        }
        Ok(params)
    }

    // ---- expressions ---------------------------------------------------------

    /// `a, b, *c` (a tuple when there is a comma).
    fn testlist_star_expr(&mut self) -> PResult<Expr> {
        let pos = self.here();
        let first = self.test_or_star()?;
        if !self.at_op(Op::Comma) {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(Op::Comma) {
            if self.at_expr_end() {
                break;
            }
            items.push(self.test_or_star()?);
        }
        Ok(Expr {
            pos,
            kind: ExprKind::Tuple(items),
        })
    }

    fn testlist(&mut self) -> PResult<Expr> {
        self.testlist_star_expr()
    }

    /// Whether the next token cannot start an expression (after a
    /// trailing comma).
    fn at_expr_end(&self) -> bool {
        matches!(
            self.peek(),
            Tok::Newline
                | Tok::Eof
                | Tok::Op(
                    Op::Assign
                        | Op::RParen
                        | Op::RBracket
                        | Op::RBrace
                        | Op::Colon
                        | Op::Semicolon
                        | Op::PlusAssign
                        | Op::MinusAssign
                        | Op::StarAssign
                        | Op::SlashAssign
                )
                | Tok::Keyword(K::In)
        )
    }

    /// `*expr`, if the next token is a star.
    fn star_expr(&mut self) -> Option<PResult<Expr>> {
        if !self.at_op(Op::Star) {
            return None;
        }
        let pos = self.here();
        self.advance();
        Some(self.expr().map(|value| Expr {
            pos,
            kind: ExprKind::Starred(Box::new(value)),
        }))
    }

    fn test_or_star(&mut self) -> PResult<Expr> {
        self.star_expr().unwrap_or_else(|| self.namedexpr_test())
    }

    /// `for` targets: `a, (b, c), *d`.
    fn exprlist(&mut self) -> PResult<Expr> {
        let pos = self.here();
        let items = self.exprlist_items()?;
        if items.len() == 1 && !self.toks[self.pos - 1].kind.eq(&Tok::Op(Op::Comma)) {
            return Ok(items.into_iter().next().expect("one item"));
        }
        Ok(Expr {
            pos,
            kind: ExprKind::Tuple(items),
        })
    }

    fn exprlist_items(&mut self) -> PResult<Vec<Expr>> {
        let mut items = vec![self.expr_or_star()?];
        while self.eat_op(Op::Comma) {
            if self.at_expr_end() {
                break;
            }
            items.push(self.expr_or_star()?);
        }
        Ok(items)
    }

    fn expr_or_star(&mut self) -> PResult<Expr> {
        self.star_expr().unwrap_or_else(|| self.expr())
    }

    fn yield_expr(&mut self) -> PResult<Expr> {
        let pos = self.here();
        self.advance(); // 'yield'
        if self.eat_kw(K::From) {
            let value = self.test()?;
            return Ok(Expr {
                pos,
                kind: ExprKind::YieldFrom(Box::new(value)),
            });
        }
        let value = if self.at_expr_end() {
            None
        } else {
            Some(Box::new(self.testlist_star_expr()?))
        };
        Ok(Expr {
            pos,
            kind: ExprKind::Yield(value),
        })
    }

    fn namedexpr_test(&mut self) -> PResult<Expr> {
        if let Tok::Name(name) = self.peek().clone()
            && matches!(self.peek_at(1), Tok::Op(Op::Walrus))
        {
            let pos = self.here();
            self.advance();
            self.advance();
            let value = self.test()?;
            return Ok(Expr {
                pos,
                kind: ExprKind::NamedExpr {
                    target: name,
                    value: Box::new(value),
                },
            });
        }
        self.test()
    }

    fn test(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.test_inner();
        self.depth -= 1;
        r
    }

    fn test_inner(&mut self) -> PResult<Expr> {
        if self.at_kw(K::Lambda) {
            return self.lambda(true);
        }
        let pos = self.here();
        let body = self.or_test()?;
        if self.at_kw(K::If) {
            self.advance();
            let test = self.or_test()?;
            if !self.eat_kw(K::Else) {
                return Err(self.error_at("expected 'else' after 'if' expression", self.here()));
            }
            let orelse = self.test()?;
            return Ok(Expr {
                pos,
                kind: ExprKind::IfExp {
                    test: Box::new(test),
                    body: Box::new(body),
                    orelse: Box::new(orelse),
                },
            });
        }
        Ok(body)
    }

    /// A test without a conditional expression (comprehension filters).
    fn test_nocond(&mut self) -> PResult<Expr> {
        if self.at_kw(K::Lambda) {
            return self.lambda(false);
        }
        self.or_test()
    }

    fn lambda(&mut self, allow_cond: bool) -> PResult<Expr> {
        let pos = self.here();
        self.advance();
        let params = self.params(Op::Colon, false)?;
        self.expect_op(Op::Colon)?;
        let body = if allow_cond {
            self.test()?
        } else {
            self.test_nocond()?
        };
        Ok(Expr {
            pos,
            kind: ExprKind::Lambda {
                params: Box::new(params),
                body: Box::new(body),
            },
        })
    }

    fn or_test(&mut self) -> PResult<Expr> {
        self.bool_chain(K::Or)
    }

    fn bool_chain(&mut self, kw: K) -> PResult<Expr> {
        let pos = self.here();
        let first = if kw == K::Or {
            self.bool_chain(K::And)?
        } else {
            self.not_test()?
        };
        if !self.at_kw(kw) {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat_kw(kw) {
            values.push(if kw == K::Or {
                self.bool_chain(K::And)?
            } else {
                self.not_test()?
            });
        }
        Ok(Expr {
            pos,
            kind: ExprKind::BoolOp {
                and: kw == K::And,
                values,
            },
        })
    }

    fn not_test(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.not_test_inner();
        self.depth -= 1;
        r
    }

    fn not_test_inner(&mut self) -> PResult<Expr> {
        if self.at_kw(K::Not) {
            let pos = self.here();
            self.advance();
            let operand = self.not_test()?;
            return Ok(Expr {
                pos,
                kind: ExprKind::UnaryOp {
                    op: UnaryOp::Not,
                    operand: Box::new(operand),
                },
            });
        }
        self.comparison()
    }

    fn comparison(&mut self) -> PResult<Expr> {
        let pos = self.here();
        let left = self.expr()?;
        let mut rest = Vec::new();
        loop {
            let op = match self.peek() {
                Tok::Op(Op::Lt) => CmpOp::Lt,
                Tok::Op(Op::Gt) => CmpOp::Gt,
                Tok::Op(Op::EqEq) => CmpOp::Eq,
                Tok::Op(Op::Ne) => CmpOp::NotEq,
                Tok::Op(Op::Le) => CmpOp::LtE,
                Tok::Op(Op::Ge) => CmpOp::GtE,
                Tok::Keyword(K::In) => CmpOp::In,
                Tok::Keyword(K::Is) => {
                    if matches!(self.peek_at(1), Tok::Keyword(K::Not)) {
                        self.advance();
                        CmpOp::IsNot
                    } else {
                        CmpOp::Is
                    }
                }
                Tok::Keyword(K::Not) if matches!(self.peek_at(1), Tok::Keyword(K::In)) => {
                    self.advance();
                    CmpOp::NotIn
                }
                _ => break,
            };
            self.advance();
            rest.push((op, self.expr()?));
        }
        if rest.is_empty() {
            Ok(left)
        } else {
            Ok(Expr {
                pos,
                kind: ExprKind::Compare {
                    left: Box::new(left),
                    rest,
                },
            })
        }
    }

    /// Binary operators from `|` down to `*`, by precedence level.
    fn expr(&mut self) -> PResult<Expr> {
        self.binary(0)
    }

    fn binary(&mut self, level: usize) -> PResult<Expr> {
        const LEVELS: &[&[(Op, BinOp)]] = &[
            &[(Op::Pipe, BinOp::BitOr)],
            &[(Op::Caret, BinOp::BitXor)],
            &[(Op::Amp, BinOp::BitAnd)],
            &[(Op::Shl, BinOp::LShift), (Op::Shr, BinOp::RShift)],
            &[(Op::Plus, BinOp::Add), (Op::Minus, BinOp::Sub)],
            &[
                (Op::Star, BinOp::Mul),
                (Op::Slash, BinOp::Div),
                (Op::FloorDiv, BinOp::FloorDiv),
                (Op::Percent, BinOp::Mod),
                (Op::At, BinOp::MatMul),
            ],
        ];
        if level == LEVELS.len() {
            return self.factor();
        }
        let pos = self.here();
        let mut left = self.binary(level + 1)?;
        let mut chain = 0;
        'outer: loop {
            for (tok, op) in LEVELS[level] {
                if self.at_op(*tok) {
                    // `a + b + c` nests to the left, one level a term.
                    chain += 1;
                    self.deeper(chain)?;
                    self.advance();
                    let right = self.binary(level + 1)?;
                    left = Expr {
                        pos,
                        kind: ExprKind::BinOp {
                            left: Box::new(left),
                            op: *op,
                            right: Box::new(right),
                        },
                    };
                    continue 'outer;
                }
            }
            break;
        }
        Ok(left)
    }

    fn factor(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.factor_inner();
        self.depth -= 1;
        r
    }

    fn factor_inner(&mut self) -> PResult<Expr> {
        let pos = self.here();
        let op = match self.peek() {
            Tok::Op(Op::Minus) => UnaryOp::Neg,
            Tok::Op(Op::Plus) => UnaryOp::Pos,
            Tok::Op(Op::Tilde) => UnaryOp::Invert,
            _ => return self.power(),
        };
        self.advance();
        let literal = matches!(self.peek(), Tok::Int(_) | Tok::BigInt(_));
        let operand = self.factor()?;
        // Fold `-literal` so that -9223372036854775808 is a valid literal.
        if op == UnaryOp::Neg && literal {
            let folded = match &operand.kind {
                ExprKind::Constant(Constant::Int(i)) => match i.checked_neg() {
                    Some(n) => Some(Constant::Int(n)),
                    None => Some(Constant::BigInt(std::rc::Rc::new(
                        -num_bigint::BigInt::from(*i),
                    ))),
                },
                ExprKind::Constant(Constant::BigInt(n)) => {
                    let neg = -(**n).clone();
                    Some(match i64::try_from(&neg) {
                        Ok(i) => Constant::Int(i),
                        Err(_) => Constant::BigInt(std::rc::Rc::new(neg)),
                    })
                }
                _ => None,
            };
            if let Some(c) = folded {
                return Ok(Expr {
                    pos,
                    kind: ExprKind::Constant(c),
                });
            }
        }
        Ok(Expr {
            pos,
            kind: ExprKind::UnaryOp {
                op,
                operand: Box::new(operand),
            },
        })
    }

    fn power(&mut self) -> PResult<Expr> {
        let pos = self.here();
        let base = if self.at_kw(K::Await) {
            self.advance();
            let value = self.atom_expr()?;
            Expr {
                pos,
                kind: ExprKind::Await(Box::new(value)),
            }
        } else {
            self.atom_expr()?
        };
        if self.eat_op(Op::Pow) {
            let exp = self.factor()?;
            return Ok(Expr {
                pos,
                kind: ExprKind::BinOp {
                    left: Box::new(base),
                    op: BinOp::Pow,
                    right: Box::new(exp),
                },
            });
        }
        Ok(base)
    }

    fn atom_expr(&mut self) -> PResult<Expr> {
        // A trailer's node starts where the atom's text does: at the
        // opening parenthesis of `(a + b).c`, as CPython's.
        let start = self.here();
        let mut e = self.atom()?;
        let mut chain = 0;
        loop {
            // `a.b.c` and `f()()` nest to the left, one level a trailer.
            chain += 1;
            self.deeper(chain)?;
            let pos = start;
            let open = self.here();
            if self.eat_op(Op::LParen) {
                let (args, keywords) = self.arglist(open)?;
                let last = keywords
                    .last()
                    .map(|(_, v)| v.pos)
                    .or(args.last().map(|a| a.pos));
                self.close(Op::RParen, last)?;
                e = Expr {
                    pos,
                    kind: ExprKind::Call {
                        func: Box::new(e),
                        args,
                        keywords,
                    },
                };
            } else if self.eat_op(Op::LBracket) {
                let index = self.subscripts()?;
                self.expect_op(Op::RBracket)?;
                e = Expr {
                    pos,
                    kind: ExprKind::Subscript {
                        value: Box::new(e),
                        index: Box::new(index),
                    },
                };
            } else if self.eat_op(Op::Dot) {
                let attr = self.expect_name()?;
                e = Expr {
                    pos,
                    kind: ExprKind::Attribute {
                        value: Box::new(e),
                        attr,
                    },
                };
            } else {
                return Ok(e);
            }
        }
    }

    fn subscripts(&mut self) -> PResult<Expr> {
        let pos = self.here();
        let first = self.subscript()?;
        if !self.at_op(Op::Comma) {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(Op::Comma) {
            if self.at_op(Op::RBracket) {
                break;
            }
            items.push(self.subscript()?);
        }
        Ok(Expr {
            pos,
            kind: ExprKind::Tuple(items),
        })
    }

    fn subscript(&mut self) -> PResult<Expr> {
        let pos = self.here();
        let lower = if self.at_op(Op::Colon) {
            None
        } else {
            let e = self.namedexpr_test()?;
            if !self.at_op(Op::Colon) {
                return Ok(e);
            }
            Some(Box::new(e))
        };
        self.expect_op(Op::Colon)?;
        let upper = if self.at_op(Op::Colon) || self.at_op(Op::RBracket) || self.at_op(Op::Comma) {
            None
        } else {
            Some(Box::new(self.test()?))
        };
        let step = if self.eat_op(Op::Colon) {
            if self.at_op(Op::RBracket) || self.at_op(Op::Comma) {
                None
            } else {
                Some(Box::new(self.test()?))
            }
        } else {
            None
        };
        Ok(Expr {
            pos,
            kind: ExprKind::Slice { lower, upper, step },
        })
    }

    #[allow(clippy::type_complexity)]
    fn arglist(&mut self, open: Pos) -> PResult<(Vec<Expr>, Vec<(Option<String>, Expr)>)> {
        let mut args = Vec::new();
        let mut keywords: Vec<(Option<String>, Expr)> = Vec::new();
        while !self.at_op(Op::RParen) {
            let pos = self.here();
            if self.eat_op(Op::Pow) {
                keywords.push((None, self.test()?));
            } else if self.eat_op(Op::Star) {
                let value = self.test()?;
                if keywords.iter().any(|(name, _)| name.is_none()) {
                    return Err(self.error_at(
                        "iterable argument unpacking follows keyword argument unpacking",
                        pos,
                    ));
                }
                args.push(Expr {
                    pos,
                    kind: ExprKind::Starred(Box::new(value)),
                });
            } else if let Tok::Name(name) = self.peek().clone()
                && matches!(self.peek_at(1), Tok::Op(Op::Assign))
            {
                self.advance();
                self.advance();
                if keywords
                    .iter()
                    .any(|(n, _)| n.as_deref() == Some(name.as_str()))
                {
                    return Err(self.error_at(format!("keyword argument repeated: {name}"), pos));
                }
                keywords.push((Some(name), self.test()?));
            } else {
                let value = self.namedexpr_test()?;
                if self.at_comp_for() {
                    // A bare generator expression argument: f(x for x in y);
                    // like Python, it starts at the call's parenthesis.
                    let generators = self.comp_for()?;
                    args.push(Expr {
                        pos: open,
                        kind: ExprKind::GeneratorExp(Box::new(value), generators),
                    });
                } else {
                    if !keywords.is_empty() {
                        return Err(self.error_at(
                            if keywords.iter().any(|(n, _)| n.is_none()) {
                                "positional argument follows keyword argument unpacking"
                            } else {
                                "positional argument follows keyword argument"
                            },
                            pos,
                        ));
                    }
                    args.push(value);
                }
            }
            if !self.eat_op(Op::Comma) {
                break;
            }
        }
        Ok((args, keywords))
    }

    fn comp_for(&mut self) -> PResult<Vec<Comprehension>> {
        let mut generators = Vec::new();
        while self.at_comp_for() {
            if self.at_kw(K::Async) {
                return Err(not_supported("async comprehensions", self.here()));
            }
            self.advance();
            let target = self.exprlist()?;
            check_target(&target, "assign")?;
            if !self.eat_kw(K::In) {
                return Err(self.error_at("expected 'in'", self.here()));
            }
            let iter = self.or_test()?;
            let mut ifs = Vec::new();
            while self.eat_kw(K::If) {
                ifs.push(self.test_nocond()?);
            }
            generators.push(Comprehension { target, iter, ifs });
        }
        Ok(generators)
    }

    fn atom(&mut self) -> PResult<Expr> {
        let pos = self.here();
        let kind = match self.peek().clone() {
            Tok::Name(n) => {
                self.advance();
                ExprKind::Name(n)
            }
            Tok::Int(i) => {
                self.advance();
                ExprKind::Constant(Constant::Int(i))
            }
            Tok::BigInt(i) => {
                self.advance();
                ExprKind::Constant(Constant::BigInt(i))
            }
            Tok::Float(x) => {
                self.advance();
                ExprKind::Constant(Constant::Float(x))
            }
            Tok::Keyword(K::None) => {
                self.advance();
                ExprKind::Constant(Constant::None)
            }
            Tok::Keyword(K::True) => {
                self.advance();
                ExprKind::Constant(Constant::Bool(true))
            }
            Tok::Keyword(K::False) => {
                self.advance();
                ExprKind::Constant(Constant::Bool(false))
            }
            Tok::Op(Op::Ellipsis) => {
                self.advance();
                ExprKind::Constant(Constant::Ellipsis)
            }
            Tok::Str(_) | Tok::FString(_) => return self.strings(),
            Tok::Bytes(_) => return self.bytes(),
            Tok::Op(Op::LParen) => {
                self.advance();
                if self.eat_op(Op::RParen) {
                    ExprKind::Tuple(Vec::new())
                } else if self.at_kw(K::Yield) {
                    let e = self.yield_expr()?;
                    self.expect_op(Op::RParen)?;
                    return Ok(e);
                } else {
                    let first = self.test_or_star()?;
                    if self.at_comp_for() {
                        let generators = self.comp_for()?;
                        self.expect_op(Op::RParen)?;
                        ExprKind::GeneratorExp(Box::new(first), generators)
                    } else if self.at_op(Op::Comma) {
                        let mut items = vec![first];
                        while self.eat_op(Op::Comma) {
                            if self.at_op(Op::RParen) {
                                break;
                            }
                            items.push(self.test_or_star()?);
                        }
                        let last = items.last().map(|i| i.pos);
                        self.close(Op::RParen, last)?;
                        ExprKind::Tuple(items)
                    } else {
                        self.close(Op::RParen, Some(first.pos))?;
                        // A parenthesized expression is its inner node,
                        // positions included (as in Python's ast).
                        return Ok(first);
                    }
                }
            }
            Tok::Op(Op::LBracket) => {
                self.advance();
                if self.eat_op(Op::RBracket) {
                    ExprKind::List(Vec::new())
                } else {
                    let first = self.test_or_star()?;
                    if self.at_comp_for() {
                        let generators = self.comp_for()?;
                        self.expect_op(Op::RBracket)?;
                        ExprKind::ListComp(Box::new(first), generators)
                    } else {
                        let mut items = vec![first];
                        while self.eat_op(Op::Comma) {
                            if self.at_op(Op::RBracket) {
                                break;
                            }
                            items.push(self.test_or_star()?);
                        }
                        let last = items.last().map(|i| i.pos);
                        self.close(Op::RBracket, last)?;
                        ExprKind::List(items)
                    }
                }
            }
            Tok::Op(Op::LBrace) => {
                self.advance();
                self.dict_or_set()?
            }
            Tok::Op(Op::Star) => {
                return Err(self.error_at("can't use starred expression here", pos));
            }
            Tok::Keyword(K::Yield) => {
                return Err(self.error_at("'yield' outside of parentheses here", pos));
            }
            _ => return Err(self.invalid()),
        };
        Ok(Expr { pos, kind })
    }

    fn dict_or_set(&mut self) -> PResult<ExprKind> {
        if self.eat_op(Op::RBrace) {
            return Ok(ExprKind::Dict(Vec::new()));
        }
        // `{**a, ...}` or `{k: v, ...}`: a dict; otherwise a set.
        if self.eat_op(Op::Pow) {
            let first = self.expr()?;
            return self.dict_rest(vec![(None, first)]);
        }
        let first = self.test_or_star()?;
        if self.eat_op(Op::Colon) {
            let value = self.test()?;
            if self.at_comp_for() {
                let generators = self.comp_for()?;
                self.expect_op(Op::RBrace)?;
                return Ok(ExprKind::DictComp(
                    Box::new(first),
                    Box::new(value),
                    generators,
                ));
            }
            return self.dict_rest(vec![(Some(first), value)]);
        }
        if self.at_comp_for() {
            let generators = self.comp_for()?;
            self.expect_op(Op::RBrace)?;
            return Ok(ExprKind::SetComp(Box::new(first), generators));
        }
        let mut items = vec![first];
        while self.eat_op(Op::Comma) {
            if self.at_op(Op::RBrace) {
                break;
            }
            items.push(self.test_or_star()?);
        }
        let last = items.last().map(|i| i.pos);
        self.close(Op::RBrace, last)?;
        Ok(ExprKind::Set(items))
    }

    fn dict_rest(&mut self, mut items: Vec<(Option<Expr>, Expr)>) -> PResult<ExprKind> {
        while self.eat_op(Op::Comma) {
            if self.at_op(Op::RBrace) {
                break;
            }
            if self.eat_op(Op::Pow) {
                items.push((None, self.expr()?));
            } else {
                let key = self.test()?;
                self.expect_op(Op::Colon)?;
                items.push((Some(key), self.test()?));
            }
        }
        self.expect_op(Op::RBrace)?;
        Ok(ExprKind::Dict(items))
    }

    /// Adjacent bytes literals, concatenated.
    fn bytes(&mut self) -> PResult<Expr> {
        let pos = self.here();
        let mut all = Vec::new();
        while let Tok::Bytes(b) = self.peek().clone() {
            self.advance();
            all.extend(b);
        }
        if matches!(self.peek(), Tok::Str(_) | Tok::FString(_)) {
            return Err(self.error_at("cannot mix bytes and nonbytes literals", pos));
        }
        Ok(Expr {
            pos,
            kind: ExprKind::Constant(Constant::Bytes(all)),
        })
    }

    /// Adjacent string literals, concatenated; an f-string among them
    /// makes the whole a `JoinedStr`.
    fn strings(&mut self) -> PResult<Expr> {
        let pos = self.here();
        let mut parts: Vec<FStringPart> = Vec::new();
        let mut any_f = false;
        loop {
            match self.peek().clone() {
                Tok::Str(s) => {
                    self.advance();
                    push_literal(&mut parts, s);
                }
                Tok::FString(fparts) => {
                    self.advance();
                    any_f = true;
                    for part in convert_fparts(&fparts)? {
                        match part {
                            FStringPart::Literal(s) => push_literal(&mut parts, s),
                            other => parts.push(other),
                        }
                    }
                }
                _ => break,
            }
        }
        if !any_f {
            let text = match parts.pop() {
                Some(FStringPart::Literal(s)) => s,
                _ => String::new(),
            };
            return Ok(Expr {
                pos,
                kind: ExprKind::Constant(Constant::Str(text)),
            });
        }
        Ok(Expr {
            pos,
            kind: ExprKind::JoinedStr(parts),
        })
    }
}

/// What Python calls an expression in "cannot assign to ..." messages.
fn describe(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Call { .. } => "function call",
        ExprKind::Constant(Constant::None | Constant::Bool(_) | Constant::Ellipsis) => "constant",
        ExprKind::Constant(_) | ExprKind::JoinedStr(_) => "literal",
        ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::BoolOp { .. } => "expression",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::ListComp(..) => "list comprehension",
        ExprKind::SetComp(..) => "set comprehension",
        ExprKind::DictComp(..) => "dict comprehension",
        ExprKind::GeneratorExp(..) => "generator expression",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Await(_) | ExprKind::AsyncStep(..) => "await expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::List(_) => "list",
        ExprKind::Starred(_) => "starred",
        ExprKind::Name(_) => "name",
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Slice { .. } => "slice",
    }
}

/// Checks that `e` can be assigned to (or deleted).
fn check_target(e: &Expr, what: &str) -> PResult<()> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
        ExprKind::Tuple(items) | ExprKind::List(items) if what != "augmented assign" => {
            let mut starred = 0;
            for item in items {
                if matches!(item.kind, ExprKind::Starred(_)) {
                    starred += 1;
                    if what == "delete" {
                        return Err(SyntaxError::new(
                            ErrorKind::SyntaxError,
                            "cannot delete starred",
                            item.pos.line,
                            item.pos.col,
                        ));
                    }
                }
                check_target(item, what)?;
            }
            if starred > 1 {
                return Err(SyntaxError::new(
                    ErrorKind::SyntaxError,
                    "multiple starred expressions in assignment",
                    e.pos.line,
                    e.pos.col,
                ));
            }
            Ok(())
        }
        ExprKind::Starred(inner) if what == "assign" => check_target(inner, what),
        ExprKind::Tuple(_) | ExprKind::List(_) => Ok(()),
        _ => {
            let verb = if what == "delete" {
                "delete"
            } else {
                "assign to"
            };
            let hint = if what == "assign"
                && !matches!(
                    e.kind,
                    ExprKind::Starred(_) | ExprKind::Lambda { .. } | ExprKind::Yield(_)
                ) {
                " here. Maybe you meant '==' instead of '='?"
            } else {
                ""
            };
            Err(SyntaxError::new(
                ErrorKind::SyntaxError,
                format!("cannot {verb} {}{hint}", describe(e)),
                e.pos.line,
                e.pos.col,
            ))
        }
    }
}
