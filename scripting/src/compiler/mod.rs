//! The compiler: syntax tree to bytecode.
//!
//! Two steps per function: a scope analysis ([`analyze`]) finds which
//! names are locals, cells (captured by inner functions), free variables
//! (captured from outer ones) or globals; code generation then emits
//! instructions. `finally` blocks are compiled inline on every way out of
//! their `try` (normal end, exception, `return`, `break`, `continue`), so
//! the VM needs no special machinery for them.

use std::collections::HashSet;
use std::rc::Rc;

use crate::ast::*;
use crate::code::{Code, Const, Instr, MakeFunctionFlags};
use crate::error::{ErrorKind, SyntaxError};

type CResult<T> = Result<T, SyntaxError>;

/// Compiles a module; its code objects are appended to `codes` and the
/// index of the module's own code is returned.
pub fn compile_module(module: &Module, filename: &str, codes: &mut Vec<Code>) -> CResult<u32> {
    let filename: Rc<str> = Rc::from(filename);
    let scope = Scope::module();
    let mut unit = Unit::new("<module>", "<module>", filename.clone(), scope, 1);
    unit.code.doc = docstring(&module.body);
    unit.future_annotations = module.body.iter().any(|s| match &s.kind {
        StmtKind::ImportFrom { module, names } => {
            module == "__future__" && names.iter().any(|a| a.name == "annotations")
        }
        _ => false,
    });
    let mut c = Compiler {
        codes,
        filename,
        unit: &mut unit,
    };
    c.setup_annotations(&module.body);
    c.body(&module.body)?;
    let end = module.body.last().map_or(1, |s| s.pos.line);
    c.emit(Instr::LoadConst(0), end);
    c.emit(Instr::Return, end);
    Ok(c.finish_unit())
}

/// The docstring of a body: a string literal as its first statement.
fn docstring(body: &[Stmt]) -> Option<Rc<str>> {
    match &body.first()?.kind {
        StmtKind::Expr(Expr {
            kind: ExprKind::Constant(Constant::Str(s)),
            ..
        }) => Some(Rc::from(s.as_str())),
        _ => None,
    }
}

/// Whether a module or class body annotates a bare name anywhere outside
/// its nested functions and classes.
fn annotates(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::AnnAssign { target, .. } => matches!(target.kind, ExprKind::Name(_)),
        StmtKind::If { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::For { body, orelse, .. } => annotates(body) || annotates(orelse),
        StmtKind::With { body, .. } => annotates(body),
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            annotates(body)
                || handlers.iter().any(|h| annotates(&h.body))
                || annotates(orelse)
                || annotates(finalbody)
        }
        _ => false,
    })
}

fn not_supported(feature: &str, pos: Pos) -> SyntaxError {
    SyntaxError::new(
        ErrorKind::NotImplementedError,
        format!("{feature} not supported by Shoal's script language yet"),
        pos.line,
        pos.col,
    )
}

fn syntax(msg: &str, pos: Pos) -> SyntaxError {
    SyntaxError::new(ErrorKind::SyntaxError, msg, pos.line, pos.col)
}

mod scope;

use scope::{Access, Bindings, Body, Scope, analyze, analyze_class, params_names, walrus_targets};

// ---- code generation ------------------------------------------------------------

/// What is open around the code being compiled, for `break`, `continue`
/// and `return` to unwind through.
#[derive(Clone)]
enum Ctx<'a> {
    Loop {
        continue_to: usize,
        is_for: bool,
        breaks: usize,
    },
    /// A `SetupExcept` is active (the body of a try with handlers).
    Try,
    /// Inside the protected part of a try-finally.
    Finally(&'a [Stmt]),
    /// Inside an `except` clause body.
    Handler,
    /// Inside the exceptional copy of a `finally` body (exception on the
    /// stack).
    FinallyHandler,
    /// Inside a `with` block (its `__exit__` on the stack).
    With,
}

struct Unit<'a> {
    code: Code,
    scope: Scope,
    ctx: Vec<Ctx<'a>>,
    /// Pending break jumps, per loop (indexed by `Ctx::Loop::breaks`).
    break_lists: Vec<Vec<usize>>,
    line: u32,
    /// Whether the module has `from __future__ import annotations`.
    future_annotations: bool,
}

impl<'a> Unit<'a> {
    fn new(name: &str, qualname: &str, filename: Rc<str>, scope: Scope, line: u32) -> Unit<'a> {
        let varnames = scope.locals.iter().map(|n| Rc::from(n.as_str())).collect();
        let cellvars = scope.cells.iter().map(|n| Rc::from(n.as_str())).collect();
        let freevars = scope.frees.iter().map(|n| Rc::from(n.as_str())).collect();
        Unit {
            code: Code {
                name: Rc::from(name),
                qualname: Rc::from(qualname),
                filename,
                instrs: Vec::new(),
                lines: Vec::new(),
                consts: vec![Const::None],
                names: Vec::new(),
                varnames,
                cellvars,
                freevars,
                cell_params: Vec::new(),
                argcount: 0,
                kwonlycount: 0,
                varargs: false,
                varkw: false,
                firstline: line,
                is_generator: false,
                is_coroutine: false,
                doc: None,
            },
            scope,
            ctx: Vec::new(),
            break_lists: Vec::new(),
            line,
            future_annotations: false,
        }
    }
}

struct Compiler<'c, 'u, 'a> {
    codes: &'c mut Vec<Code>,
    filename: Rc<str>,
    unit: &'u mut Unit<'a>,
}

impl<'c, 'u, 'a> Compiler<'c, 'u, 'a> {
    fn emit(&mut self, instr: Instr, line: u32) -> usize {
        self.unit.line = line;
        self.unit.code.instrs.push(instr);
        self.unit.code.lines.push(line);
        self.unit.code.instrs.len() - 1
    }

    fn op(&mut self, instr: Instr) -> usize {
        let line = self.unit.line;
        self.emit(instr, line)
    }

    fn here(&self) -> usize {
        self.unit.code.instrs.len()
    }

    /// Points the jump at `at` to `target`.
    fn patch(&mut self, at: usize, target: usize) {
        let t = target as u32;
        let instr = &mut self.unit.code.instrs[at];
        *instr = match *instr {
            Instr::Jump(_) => Instr::Jump(t),
            Instr::PopJumpIfFalse(_) => Instr::PopJumpIfFalse(t),
            Instr::PopJumpIfTrue(_) => Instr::PopJumpIfTrue(t),
            Instr::JumpIfFalseOrPop(_) => Instr::JumpIfFalseOrPop(t),
            Instr::JumpIfTrueOrPop(_) => Instr::JumpIfTrueOrPop(t),
            Instr::ForIter(_) => Instr::ForIter(t),
            Instr::SetupExcept(_) => Instr::SetupExcept(t),
            other => other,
        };
    }

    fn konst(&mut self, c: Const) -> u32 {
        if let Some(i) = self.unit.code.consts.iter().position(|k| match (k, &c) {
            // 1 and 1.0 and True are equal but distinct constants.
            (Const::Float(a), Const::Float(b)) => a.to_bits() == b.to_bits(),
            (Const::Int(a), Const::Int(b)) => a == b,
            (Const::BigInt(a), Const::BigInt(b)) => a == b,
            (Const::Bool(a), Const::Bool(b)) => a == b,
            (Const::Str(a), Const::Str(b)) => a == b,
            (Const::None, Const::None) => true,
            _ => false,
        }) {
            return i as u32;
        }
        self.unit.code.consts.push(c);
        (self.unit.code.consts.len() - 1) as u32
    }

    fn name(&mut self, n: &str) -> u32 {
        if let Some(i) = self.unit.code.names.iter().position(|k| &**k == n) {
            return i as u32;
        }
        self.unit.code.names.push(Rc::from(n));
        (self.unit.code.names.len() - 1) as u32
    }

    /// Moves the finished code into the code table; returns its index.
    fn finish_unit(&mut self) -> u32 {
        let empty = Unit::new("", "", self.filename.clone(), Scope::module(), 0).code;
        let mut code = std::mem::replace(&mut self.unit.code, empty);
        for (ci, cell) in code.cellvars.iter().enumerate() {
            if let Some(li) = code.varnames.iter().position(|v| v == cell) {
                code.cell_params.push((ci as u32, li as u32));
            }
        }
        self.codes.push(code);
        (self.codes.len() - 1) as u32
    }

    // ---- names --------------------------------------------------------------

    fn load_name(&mut self, n: &str) {
        match self.unit.scope.access(n) {
            Access::Name => {
                let i = self.name(n);
                self.op(Instr::LoadName(i))
            }
            Access::Fast(i) => self.op(Instr::LoadFast(i)),
            Access::Deref(i) => self.op(Instr::LoadDeref(i)),
            Access::Global => {
                let i = self.name(n);
                self.op(Instr::LoadGlobal(i))
            }
        };
    }

    fn store_name(&mut self, n: &str) {
        match self.unit.scope.access(n) {
            Access::Name => {
                let i = self.name(n);
                self.op(Instr::StoreName(i))
            }
            Access::Fast(i) => self.op(Instr::StoreFast(i)),
            Access::Deref(i) => self.op(Instr::StoreDeref(i)),
            Access::Global => {
                let i = self.name(n);
                self.op(Instr::StoreGlobal(i))
            }
        };
    }

    fn delete_name(&mut self, n: &str, pos: Pos) -> CResult<()> {
        match self.unit.scope.access(n) {
            Access::Name => {
                let i = self.name(n);
                self.op(Instr::DeleteName(i));
            }
            Access::Fast(i) => {
                self.op(Instr::DeleteFast(i));
            }
            Access::Deref(_) => return Err(not_supported("deleting a captured variable", pos)),
            Access::Global => {
                let i = self.name(n);
                self.op(Instr::DeleteGlobal(i));
            }
        }
        Ok(())
    }

    // ---- statements ---------------------------------------------------------------

    fn body(&mut self, stmts: &'a [Stmt]) -> CResult<()> {
        stmts.iter().try_for_each(|s| self.stmt(s))
    }

    fn stmt(&mut self, s: &'a Stmt) -> CResult<()> {
        let line = s.pos.line;
        self.unit.line = line;
        match &s.kind {
            StmtKind::Expr(e) => {
                self.expr(e)?;
                self.op(Instr::Pop);
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.op(Instr::Dup);
                    }
                    self.store(t)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value)?,
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
            } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.store(target)?;
                }
                self.annotation(target, annotation)?;
            }
            StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                let jf = self.op(Instr::PopJumpIfFalse(0));
                self.body(body)?;
                if orelse.is_empty() {
                    let end = self.here();
                    self.patch(jf, end);
                } else {
                    let jend = self.op(Instr::Jump(0));
                    let else_start = self.here();
                    self.patch(jf, else_start);
                    self.body(orelse)?;
                    let end = self.here();
                    self.patch(jend, end);
                }
            }
            StmtKind::While { test, body, orelse } => {
                let start = self.here();
                self.expr(test)?;
                let jf = self.op(Instr::PopJumpIfFalse(0));
                self.loop_body(body, start, false)?;
                self.emit(Instr::Jump(start as u32), line);
                let else_start = self.here();
                self.patch(jf, else_start);
                self.body(orelse)?;
                self.patch_breaks();
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.expr(iter)?;
                self.op(Instr::GetIter);
                let start = self.here();
                let fi = self.emit(Instr::ForIter(0), line);
                self.store(target)?;
                self.loop_body(body, start, true)?;
                self.emit(Instr::Jump(start as u32), line);
                let exhausted = self.here();
                self.patch(fi, exhausted);
                self.body(orelse)?;
                self.patch_breaks();
            }
            StmtKind::Break => self.break_or_continue(true, s.pos)?,
            StmtKind::Continue => self.break_or_continue(false, s.pos)?,
            StmtKind::Pass => {}
            StmtKind::Return(v) => {
                if self.unit.scope.is_module {
                    return Err(syntax("'return' outside function", s.pos));
                }
                match v {
                    Some(v) => self.expr(v)?,
                    None => {
                        self.op(Instr::LoadConst(0));
                    }
                }
                self.unwind_all_for_return()?;
                self.op(Instr::Return);
            }
            StmtKind::FunctionDef(f) => {
                for d in &f.decorators {
                    self.expr(d)?;
                }
                self.function(&f.name, &f.params, Body::Stmts(&f.body), s.pos, f.is_async)?;
                for _ in &f.decorators {
                    self.op(Instr::Call(1));
                }
                self.store_name(&f.name);
            }
            StmtKind::ClassDef(c) => self.class_def(c, s.pos)?,
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => self.try_stmt(body, handlers, orelse, finalbody)?,
            StmtKind::Raise { exc, cause } => match (exc, cause) {
                (None, _) => {
                    self.op(Instr::Raise(0));
                }
                (Some(e), None) => {
                    self.expr(e)?;
                    self.op(Instr::Raise(1));
                }
                (Some(e), Some(c)) => {
                    self.expr(e)?;
                    self.expr(c)?;
                    self.op(Instr::Raise(2));
                }
            },
            StmtKind::With { items, body } => self.with_stmt(items, body)?,
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                let ok = self.op(Instr::PopJumpIfTrue(0));
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.op(Instr::RaiseAssert(1));
                } else {
                    self.op(Instr::RaiseAssert(0));
                }
                let end = self.here();
                self.patch(ok, end);
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete_target(t)?;
                }
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::Import(names) => {
                for a in names {
                    self.import_chain(&a.name);
                    match &a.asname {
                        // `import a.b as c` binds the innermost module.
                        Some(asname) => self.store_name(asname),
                        None => {
                            // `import a.b` binds `a`, now holding `b`.
                            let top = a.name.split('.').next().unwrap_or(&a.name);
                            if top.len() != a.name.len() {
                                self.op(Instr::Pop);
                                let i = self.name(top);
                                self.op(Instr::ImportName(i));
                            }
                            self.store_name(top);
                        }
                    }
                }
            }
            StmtKind::ImportFrom { module, names } => {
                self.import_chain(module);
                for a in names {
                    let n = self.name(&a.name);
                    self.op(Instr::ImportFrom(n));
                    self.store_name(a.asname.as_ref().unwrap_or(&a.name));
                }
                self.op(Instr::Pop);
            }
        }
        Ok(())
    }

    /// A module's or class body's `__annotations__`, made first when
    /// the body annotates a name (as CPython's `SETUP_ANNOTATIONS`).
    fn setup_annotations(&mut self, body: &[Stmt]) {
        if annotates(body) {
            self.op(Instr::BuildDict(0));
            self.store_name("__annotations__");
        }
    }

    /// `__annotations__[name] = annotation` for `name: annotation` in a
    /// module or class body. Under `from __future__ import annotations`
    /// the annotation is its source text, unevaluated.
    fn annotation(&mut self, target: &'a Expr, annotation: &'a Expr) -> CResult<()> {
        let ExprKind::Name(name) = &target.kind else {
            return Ok(());
        };
        if !(self.unit.scope.is_module || self.unit.scope.is_class) {
            return Ok(());
        }
        if self.unit.future_annotations {
            let text = crate::ast::unparse(annotation);
            let k = self.konst(Const::Str(Rc::from(text.as_str())));
            self.op(Instr::LoadConst(k));
        } else {
            self.expr(annotation)?;
        }
        self.load_name("__annotations__");
        let k = self.konst(Const::Str(Rc::from(name.as_str())));
        self.op(Instr::LoadConst(k));
        self.op(Instr::StoreSubscr);
        Ok(())
    }

    /// Imports `a.b.c` as Python does: `a`, then `a.b`, then `a.b.c`
    /// (each module is set as an attribute of its parent when it is
    /// made), leaving the last on the stack.
    fn import_chain(&mut self, dotted: &str) {
        for (at, _) in dotted.match_indices('.') {
            let i = self.name(&dotted[..at]);
            self.op(Instr::ImportName(i));
            self.op(Instr::Pop);
        }
        let i = self.name(dotted);
        self.op(Instr::ImportName(i));
    }

    fn loop_body(&mut self, body: &'a [Stmt], continue_to: usize, is_for: bool) -> CResult<()> {
        self.unit.break_lists.push(Vec::new());
        let breaks = self.unit.break_lists.len() - 1;
        self.unit.ctx.push(Ctx::Loop {
            continue_to,
            is_for,
            breaks,
        });
        self.body(body)?;
        self.unit.ctx.pop();
        Ok(())
    }

    /// Points the breaks of the loop just compiled here.
    fn patch_breaks(&mut self) {
        let list = self.unit.break_lists.pop().unwrap_or_default();
        let end = self.here();
        for at in list {
            self.patch(at, end);
        }
    }

    fn break_or_continue(&mut self, is_break: bool, pos: Pos) -> CResult<()> {
        let Some(loop_at) = self
            .unit
            .ctx
            .iter()
            .rposition(|c| matches!(c, Ctx::Loop { .. }))
        else {
            let what = if is_break { "'break'" } else { "'continue'" };
            return Err(syntax(&format!("{what} outside loop"), pos));
        };
        self.unwind(loop_at + 1, false)?;
        let Ctx::Loop {
            continue_to,
            is_for,
            breaks,
        } = self.unit.ctx[loop_at].clone()
        else {
            unreachable!("found a loop")
        };
        if is_break {
            if is_for {
                self.op(Instr::Pop); // the iterator
            }
            let j = self.op(Instr::Jump(0));
            self.unit.break_lists[breaks].push(j);
        } else {
            self.op(Instr::Jump(continue_to as u32));
        }
        Ok(())
    }

    /// Emits the clean-up of the contexts above `depth` (innermost first).
    /// `returning` means a return value sits on the stack.
    fn unwind(&mut self, depth: usize, returning: bool) -> CResult<()> {
        let mut i = self.unit.ctx.len();
        while i > depth {
            i -= 1;
            match self.unit.ctx[i].clone() {
                Ctx::Loop { .. } => {}
                Ctx::Try => {
                    self.op(Instr::PopBlock);
                }
                Ctx::Handler => {
                    self.op(Instr::PopExcept);
                }
                Ctx::With => {
                    self.op(Instr::PopBlock);
                    self.op(Instr::WithExit(returning as u32));
                }
                Ctx::FinallyHandler => {
                    if returning {
                        self.op(Instr::Rot2);
                    }
                    self.op(Instr::Pop);
                    self.op(Instr::PopExcept);
                }
                Ctx::Finally(finalbody) => {
                    self.op(Instr::PopBlock);
                    // The finally body runs outside its own try.
                    let saved = self.unit.ctx.split_off(i);
                    let res = self.body(finalbody);
                    self.unit.ctx.extend(saved);
                    res?;
                }
            }
        }
        Ok(())
    }

    fn unwind_all_for_return(&mut self) -> CResult<()> {
        self.unwind(0, true)
    }

    fn try_stmt(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [Handler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
    ) -> CResult<()> {
        let line = self.unit.line;
        let mut fin_setup = None;
        if !finalbody.is_empty() {
            fin_setup = Some(self.op(Instr::SetupExcept(0)));
            self.unit.ctx.push(Ctx::Finally(finalbody));
        }
        if handlers.is_empty() {
            self.body(body)?;
        } else {
            let setup = self.op(Instr::SetupExcept(0));
            self.unit.ctx.push(Ctx::Try);
            self.body(body)?;
            self.unit.ctx.pop();
            self.op(Instr::PopBlock);
            self.body(orelse)?;
            let jend = self.op(Instr::Jump(0));
            let handler_start = self.here();
            self.patch(setup, handler_start);
            let mut ends = vec![jend];
            for h in handlers {
                self.unit.line = h.pos.line;
                let mut next = None;
                if let Some(class) = &h.class {
                    self.expr(class)?;
                    self.op(Instr::ExcMatch);
                    next = Some(self.op(Instr::PopJumpIfFalse(0)));
                }
                match &h.name {
                    Some(n) => self.store_name(n),
                    None => {
                        self.op(Instr::Pop);
                    }
                }
                self.unit.ctx.push(Ctx::Handler);
                self.body(&h.body)?;
                self.unit.ctx.pop();
                self.op(Instr::PopExcept);
                if let Some(n) = &h.name {
                    self.delete_name(n, h.pos)?;
                }
                ends.push(self.op(Instr::Jump(0)));
                if let Some(next) = next {
                    let here = self.here();
                    self.patch(next, here);
                }
            }
            self.op(Instr::Reraise);
            let end = self.here();
            for j in ends {
                self.patch(j, end);
            }
        }
        if let Some(setup) = fin_setup {
            self.unit.ctx.pop();
            self.emit(Instr::PopBlock, line);
            self.body(finalbody)?;
            let jend = self.op(Instr::Jump(0));
            let handler = self.here();
            self.patch(setup, handler);
            self.unit.ctx.push(Ctx::FinallyHandler);
            self.body(finalbody)?;
            self.unit.ctx.pop();
            self.op(Instr::Reraise);
            let end = self.here();
            self.patch(jend, end);
        }
        Ok(())
    }

    /// `with a as x, b: body` nests one context manager per item.
    fn with_stmt(&mut self, items: &'a [(Expr, Option<Expr>)], body: &'a [Stmt]) -> CResult<()> {
        let Some(((ctx, target), rest)) = items.split_first() else {
            return self.body(body);
        };
        let line = self.unit.line;
        self.expr(ctx)?;
        self.unit.line = line;
        self.op(Instr::BeforeWith);
        match target {
            Some(t) => self.store(t)?,
            None => {
                self.op(Instr::Pop);
            }
        }
        let setup = self.op(Instr::SetupExcept(0));
        self.unit.ctx.push(Ctx::With);
        self.with_stmt(rest, body)?;
        self.unit.ctx.pop();
        self.op(Instr::PopBlock);
        self.op(Instr::WithExit(0));
        let jend = self.op(Instr::Jump(0));
        let handler = self.here();
        self.patch(setup, handler);
        let we = self.op(Instr::WithExcept(0));
        let end = self.here();
        self.patch(jend, end);
        self.unit.code.instrs[we] = Instr::WithExcept(end as u32);
        Ok(())
    }

    fn aug_assign(&mut self, target: &'a Expr, op: BinOp, value: &'a Expr) -> CResult<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                self.load_name(n);
                self.expr(value)?;
                self.op(Instr::Inplace(op));
                self.store_name(n);
            }
            ExprKind::Attribute { value: obj, attr } => {
                self.expr(obj)?;
                self.op(Instr::Dup);
                let i = self.name(attr);
                self.op(Instr::LoadAttr(i));
                self.expr(value)?;
                self.op(Instr::Inplace(op));
                self.op(Instr::Rot2);
                self.op(Instr::StoreAttr(i));
            }
            ExprKind::Subscript { value: obj, index } => {
                self.expr(obj)?;
                self.expr(index)?;
                self.op(Instr::Dup2);
                self.op(Instr::LoadSubscr);
                self.expr(value)?;
                self.op(Instr::Inplace(op));
                self.op(Instr::Rot3);
                self.op(Instr::StoreSubscr);
            }
            _ => {
                return Err(syntax(
                    "illegal expression for augmented assignment",
                    target.pos,
                ));
            }
        }
        Ok(())
    }

    /// Stores TOS into `target`.
    fn store(&mut self, target: &'a Expr) -> CResult<()> {
        match &target.kind {
            ExprKind::Name(n) => self.store_name(n),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name(attr);
                self.op(Instr::StoreAttr(i));
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.op(Instr::StoreSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let star = items
                    .iter()
                    .position(|i| matches!(i.kind, ExprKind::Starred(_)));
                match star {
                    None => {
                        self.op(Instr::UnpackSequence(items.len() as u32));
                    }
                    Some(s) => {
                        let after = items.len() - s - 1;
                        self.op(Instr::UnpackEx(((s as u32) << 16) | after as u32));
                    }
                }
                for item in items {
                    match &item.kind {
                        ExprKind::Starred(inner) => self.store(inner)?,
                        _ => self.store(item)?,
                    }
                }
            }
            _ => return Err(syntax("cannot assign to expression", target.pos)),
        }
        Ok(())
    }

    /// Compiles a nested function and leaves it on the stack.
    fn function(
        &mut self,
        name: &str,
        params: &'a Params,
        body: Body<'a>,
        pos: Pos,
        is_async: bool,
    ) -> CResult<()> {
        // Defaults are evaluated here, in the enclosing scope.
        let mut flags = 0;
        let defaults: Vec<&Expr> = params
            .args
            .iter()
            .filter_map(|p| p.default.as_ref())
            .collect();
        if !defaults.is_empty() {
            for d in &defaults {
                self.expr(d)?;
            }
            self.op(Instr::BuildTuple(defaults.len() as u32));
            flags |= MakeFunctionFlags::DEFAULTS;
        }
        let kwdefaults: Vec<(&str, &Expr)> = params
            .kwonly
            .iter()
            .filter_map(|p| p.default.as_ref().map(|d| (p.name.as_str(), d)))
            .collect();
        if !kwdefaults.is_empty() {
            for (n, d) in &kwdefaults {
                let c = self.konst(Const::Str(Rc::from(*n)));
                self.op(Instr::LoadConst(c));
                self.expr(d)?;
            }
            self.op(Instr::BuildDict(kwdefaults.len() as u32));
            flags |= MakeFunctionFlags::KWDEFAULTS;
        }
        let param_names = params_names(params);
        let enclosing = self.capturable();
        let scope = analyze(&param_names, body, &enclosing).map_err(|mut e| {
            if e.line == 0 {
                e.line = pos.line;
                e.col = pos.col;
            }
            e
        })?;
        let qualname = self.child_qualname(name);
        let frees = scope.frees.clone();
        let mut unit = Unit::new(name, &qualname, self.filename.clone(), scope, pos.line);
        unit.future_annotations = self.unit.future_annotations;
        unit.code.is_coroutine = is_async;
        unit.code.is_generator = is_async;
        unit.code.argcount = params.args.len() as u32;
        unit.code.kwonlycount = params.kwonly.len() as u32;
        unit.code.varargs = params.vararg.is_some();
        unit.code.varkw = params.kwarg.is_some();
        if let Body::Stmts(stmts) = body {
            unit.code.doc = docstring(stmts);
        }
        let index = {
            let mut inner = Compiler {
                codes: &mut *self.codes,
                filename: self.filename.clone(),
                unit: &mut unit,
            };
            match body {
                Body::Stmts(stmts) => {
                    inner.body(stmts)?;
                    let end = stmts.last().map_or(pos.line, |s| s.pos.line);
                    inner.emit(Instr::LoadConst(0), end);
                    inner.emit(Instr::Return, end);
                }
                Body::Expr(e) => {
                    inner.unit.line = e.pos.line;
                    inner.expr(e)?;
                    inner.op(Instr::Return);
                }
                Body::Comprehension(..) => unreachable!("comprehensions use comprehension()"),
            }
            inner.finish_unit()
        };
        if !frees.is_empty() {
            for f in &frees {
                self.load_cell(f);
            }
            self.op(Instr::BuildTuple(frees.len() as u32));
            flags |= MakeFunctionFlags::CLOSURE;
        }
        self.op(Instr::MakeFunction(index | flags));
        Ok(())
    }

    /// A class statement: the body runs as a function whose names go to
    /// the class namespace; `BuildClass` makes the class when it returns.
    fn class_def(&mut self, c: &'a ClassDef, pos: Pos) -> CResult<()> {
        for d in &c.decorators {
            self.expr(d)?;
        }
        let name_const = self.konst(Const::Str(Rc::from(c.name.as_str())));
        self.op(Instr::LoadConst(name_const));
        for b in &c.bases {
            self.expr(b)?;
        }
        if !c.keywords.is_empty() {
            for (name, value) in &c.keywords {
                let k = self.konst(Const::Str(Rc::from(name.as_str())));
                self.op(Instr::LoadConst(k));
                self.expr(value)?;
            }
            self.op(Instr::BuildDict(c.keywords.len() as u32));
        }
        let enclosing = self.capturable();
        let scope = analyze_class(&c.body, &enclosing)?;
        let frees = scope.frees.clone();
        let qualname = self.child_qualname(&c.name);
        let mut unit = Unit::new(&c.name, &qualname, self.filename.clone(), scope, pos.line);
        unit.future_annotations = self.unit.future_annotations;
        unit.code.doc = docstring(&c.body);
        let index = {
            let mut inner = Compiler {
                codes: &mut *self.codes,
                filename: self.filename.clone(),
                unit: &mut unit,
            };
            inner.setup_annotations(&c.body);
            inner.body(&c.body)?;
            let end = c.body.last().map_or(pos.line, |s| s.pos.line);
            inner.emit(Instr::LoadConst(0), end);
            inner.emit(Instr::Return, end);
            inner.finish_unit()
        };
        self.unit.line = pos.line;
        if frees.is_empty() {
            self.op(Instr::MakeFunction(index));
        } else {
            for f in &frees {
                self.load_cell(f);
            }
            self.op(Instr::BuildTuple(frees.len() as u32));
            self.op(Instr::MakeFunction(index | MakeFunctionFlags::CLOSURE));
        }
        if c.keywords.is_empty() {
            self.op(Instr::BuildClass(c.bases.len() as u32));
        } else {
            self.op(Instr::BuildClassKw(c.bases.len() as u32));
        }
        for _ in &c.decorators {
            self.op(Instr::Call(1));
        }
        self.store_name(&c.name);
        Ok(())
    }

    /// The qualified name of something defined here.
    fn child_qualname(&self, name: &str) -> String {
        if self.unit.scope.is_module {
            name.to_string()
        } else if self.unit.scope.is_class {
            format!("{}.{name}", self.unit.code.qualname)
        } else {
            format!("{}.<locals>.{name}", self.unit.code.qualname)
        }
    }

    /// Names of the enclosing function scopes that an inner scope can
    /// capture: our locals, cells and free variables (not at module level,
    /// nor from a class body).
    fn capturable(&self) -> HashSet<String> {
        if self.unit.scope.is_module {
            return HashSet::new();
        }
        // Methods see the enclosing functions' names, not the class's.
        if self.unit.scope.is_class {
            return self.unit.scope.frees.iter().cloned().collect();
        }
        let s = &self.unit.scope;
        s.locals
            .iter()
            .chain(s.cells.iter())
            .chain(s.frees.iter())
            .filter(|n| !s.globals.contains(*n))
            .cloned()
            .collect()
    }

    fn load_cell(&mut self, name: &str) {
        // A class body hands its methods the enclosing function's cell,
        // even for a name the class body itself also binds.
        let scope = &self.unit.scope;
        if scope.is_class
            && let Some(i) = scope.frees.iter().position(|n| n == name)
        {
            let i = (scope.cells.len() + i) as u32;
            self.op(Instr::LoadClosure(i));
            return;
        }
        match self.unit.scope.access(name) {
            Access::Deref(i) => {
                self.op(Instr::LoadClosure(i));
            }
            // Analysis guarantees captured names are cells or frees here.
            _ => {
                self.op(Instr::LoadConst(0));
            }
        }
    }

    /// A comprehension: a nested function called at once with the
    /// iterator of its first `for`.
    fn comprehension(
        &mut self,
        kind: &'static str,
        elt: &'a Expr,
        value: Option<&'a Expr>,
        gens: &'a [Comprehension],
        pos: Pos,
    ) -> CResult<()> {
        let enclosing = self.capturable();
        let params = vec![".0".to_string()];
        let mut scope = analyze(&params, Body::Comprehension(elt, value, gens), &enclosing)?;
        // `:=` targets belong to the enclosing scope.
        let mut walrus = Bindings::default();
        walrus_targets(elt, gens, &mut walrus);
        for n in &walrus.locals {
            scope.locals.retain(|l| l != n);
            if enclosing.contains(n) {
                if !scope.frees.contains(n) {
                    scope.frees.push(n.clone());
                }
            } else {
                scope.globals.insert(n.clone());
            }
        }
        let frees = scope.frees.clone();
        let qualname = if self.unit.scope.is_module {
            kind.to_string()
        } else {
            format!("{}.<locals>.{kind}", self.unit.code.qualname)
        };
        let mut unit = Unit::new(kind, &qualname, self.filename.clone(), scope, pos.line);
        unit.future_annotations = self.unit.future_annotations;
        unit.code.argcount = 1;
        unit.line = pos.line;
        let index = {
            let mut inner = Compiler {
                codes: &mut *self.codes,
                filename: self.filename.clone(),
                unit: &mut unit,
            };
            match kind {
                "<listcomp>" => inner.op(Instr::BuildList(0)),
                "<setcomp>" => inner.op(Instr::BuildSet(0)),
                "<genexpr>" => {
                    inner.unit.code.is_generator = true;
                    inner.op(Instr::Nop)
                }
                _ => inner.op(Instr::BuildDict(0)),
            };
            inner.comp_loop(kind, elt, value, gens, 0)?;
            if kind == "<genexpr>" {
                inner.op(Instr::LoadConst(0));
            }
            inner.op(Instr::Return);
            inner.finish_unit()
        };
        let mut flags = 0;
        if !frees.is_empty() {
            for f in &frees {
                self.load_cell(f);
            }
            self.op(Instr::BuildTuple(frees.len() as u32));
            flags |= MakeFunctionFlags::CLOSURE;
        }
        self.op(Instr::MakeFunction(index | flags));
        self.expr(&gens[0].iter)?;
        self.op(Instr::GetIter);
        self.op(Instr::Call(1));
        Ok(())
    }

    fn comp_loop(
        &mut self,
        kind: &'static str,
        elt: &'a Expr,
        value: Option<&'a Expr>,
        gens: &'a [Comprehension],
        depth: usize,
    ) -> CResult<()> {
        let g = &gens[depth];
        if depth == 0 {
            self.op(Instr::LoadFast(0));
        } else {
            self.expr(&g.iter)?;
            self.op(Instr::GetIter);
        }
        let start = self.here();
        let fi = self.op(Instr::ForIter(0));
        self.store(&g.target)?;
        let mut skips = Vec::new();
        for cond in &g.ifs {
            self.expr(cond)?;
            skips.push(self.op(Instr::PopJumpIfFalse(0)));
        }
        if depth + 1 < gens.len() {
            self.comp_loop(kind, elt, value, gens, depth + 1)?;
        } else {
            let iterators = (depth + 1) as u32;
            match kind {
                "<listcomp>" => {
                    self.expr(elt)?;
                    self.op(Instr::ListAppend(iterators));
                }
                "<setcomp>" => {
                    self.expr(elt)?;
                    self.op(Instr::SetAdd(iterators));
                }
                "<genexpr>" => {
                    self.expr(elt)?;
                    self.op(Instr::Yield);
                    self.op(Instr::Pop);
                }
                _ => {
                    self.expr(elt)?;
                    if let Some(v) = value {
                        self.expr(v)?;
                    }
                    self.op(Instr::DictSet(iterators));
                }
            }
        }
        for s in skips {
            self.patch(s, start);
        }
        self.op(Instr::Jump(start as u32));
        let end = self.here();
        self.patch(fi, end);
        Ok(())
    }

    // ---- expressions ------------------------------------------------------------------

    fn expr(&mut self, e: &'a Expr) -> CResult<()> {
        if e.pos.line != 0 {
            self.unit.line = e.pos.line;
        }
        match &e.kind {
            ExprKind::Name(n) => self.load_name(n),
            ExprKind::Constant(c) => {
                let k = match c {
                    Constant::None => Const::None,
                    Constant::Bool(b) => Const::Bool(*b),
                    Constant::Int(i) => Const::Int(*i),
                    Constant::BigInt(n) => Const::BigInt(n.clone()),
                    Constant::Float(x) => Const::Float(*x),
                    Constant::Str(s) => Const::Str(Rc::from(s.as_str())),
                    Constant::Bytes(b) => Const::Bytes(Rc::from(b.as_slice())),
                    Constant::Ellipsis => Const::Ellipsis,
                };
                let i = self.konst(k);
                self.op(Instr::LoadConst(i));
            }
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.unit.line = e.pos.line;
                self.op(Instr::Binary(*op));
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                self.op(Instr::Unary(*op));
            }
            ExprKind::BoolOp { and, values } => {
                let mut jumps = Vec::new();
                for (i, v) in values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < values.len() {
                        jumps.push(self.op(if *and {
                            Instr::JumpIfFalseOrPop(0)
                        } else {
                            Instr::JumpIfTrueOrPop(0)
                        }));
                    }
                }
                let end = self.here();
                for j in jumps {
                    self.patch(j, end);
                }
            }
            ExprKind::Compare { left, rest } => {
                self.expr(left)?;
                if rest.len() == 1 {
                    self.expr(&rest[0].1)?;
                    self.unit.line = e.pos.line;
                    self.op(Instr::Compare(rest[0].0));
                } else {
                    let mut cleanups = Vec::new();
                    for (i, (op, right)) in rest.iter().enumerate() {
                        self.expr(right)?;
                        if i + 1 < rest.len() {
                            self.op(Instr::Dup);
                            self.op(Instr::Rot3);
                            self.op(Instr::Compare(*op));
                            cleanups.push(self.op(Instr::JumpIfFalseOrPop(0)));
                        } else {
                            self.op(Instr::Compare(*op));
                        }
                    }
                    let jend = self.op(Instr::Jump(0));
                    let cleanup = self.here();
                    for c in cleanups {
                        self.patch(c, cleanup);
                    }
                    self.op(Instr::Rot2);
                    self.op(Instr::Pop);
                    let end = self.here();
                    self.patch(jend, end);
                }
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(func, args, keywords, e.pos)?,
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name(attr);
                self.op(Instr::LoadAttr(i));
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.op(Instr::LoadSubscr);
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(x) => self.expr(x)?,
                        None => {
                            self.op(Instr::LoadConst(0));
                        }
                    }
                }
                match step {
                    Some(s) => {
                        self.expr(s)?;
                        self.op(Instr::BuildSlice(3));
                    }
                    None => {
                        self.op(Instr::BuildSlice(2));
                    }
                }
            }
            ExprKind::Starred(_) => {
                return Err(syntax("can't use starred expression here", e.pos));
            }
            ExprKind::List(items) => self.sequence(items, 0)?,
            ExprKind::Tuple(items) => self.sequence(items, 1)?,
            ExprKind::Set(items) => self.sequence(items, 2)?,
            ExprKind::Dict(items) => {
                if items.iter().all(|(k, _)| k.is_some()) {
                    for (k, v) in items {
                        if let Some(k) = k {
                            self.expr(k)?;
                        }
                        self.expr(v)?;
                    }
                    self.op(Instr::BuildDict(items.len() as u32));
                } else {
                    self.op(Instr::BuildDict(0));
                    for (k, v) in items {
                        match k {
                            Some(k) => {
                                self.expr(k)?;
                                self.expr(v)?;
                                self.op(Instr::DictSet(0));
                            }
                            None => {
                                self.expr(v)?;
                                self.op(Instr::DictUpdate);
                            }
                        }
                    }
                }
            }
            ExprKind::ListComp(elt, gens) => {
                self.comprehension("<listcomp>", elt, None, gens, e.pos)?
            }
            ExprKind::SetComp(elt, gens) => {
                self.comprehension("<setcomp>", elt, None, gens, e.pos)?
            }
            ExprKind::DictComp(k, v, gens) => {
                self.comprehension("<dictcomp>", k, Some(v), gens, e.pos)?
            }
            ExprKind::GeneratorExp(elt, gens) => {
                self.comprehension("<genexpr>", elt, None, gens, e.pos)?
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                let jf = self.op(Instr::PopJumpIfFalse(0));
                self.expr(body)?;
                let jend = self.op(Instr::Jump(0));
                let else_start = self.here();
                self.patch(jf, else_start);
                self.expr(orelse)?;
                let end = self.here();
                self.patch(jend, end);
            }
            ExprKind::Lambda { params, body } => {
                self.function("<lambda>", params, Body::Expr(body), e.pos, false)?
            }
            ExprKind::Yield(v) => {
                if self.unit.scope.is_module || self.unit.scope.is_class {
                    return Err(syntax("'yield' outside function", e.pos));
                }
                if self.unit.code.is_coroutine {
                    return Err(not_supported("async generators are", e.pos));
                }
                match v {
                    Some(v) => self.expr(v)?,
                    None => {
                        self.op(Instr::LoadConst(0));
                    }
                }
                self.unit.code.is_generator = true;
                self.op(Instr::Yield);
            }
            ExprKind::YieldFrom(v) => {
                if self.unit.scope.is_module || self.unit.scope.is_class {
                    return Err(syntax("'yield from' outside function", e.pos));
                }
                if self.unit.code.is_coroutine {
                    return Err(syntax("'yield from' inside async function", e.pos));
                }
                self.unit.code.is_generator = true;
                self.expr(v)?;
                self.op(Instr::GetIter);
                let start = self.here();
                let fi = self.op(Instr::ForIter(0));
                self.op(Instr::Yield);
                self.op(Instr::Pop);
                self.op(Instr::Jump(start as u32));
                let end = self.here();
                self.patch(fi, end);
                self.op(Instr::LoadGenReturn);
            }
            ExprKind::AsyncStep(step, v) => {
                if !self.unit.code.is_coroutine {
                    let what = match step {
                        AsyncStep::Iter | AsyncStep::Next => "'async for'",
                        AsyncStep::Enter | AsyncStep::Exit => "'async with'",
                    };
                    return Err(syntax(&format!("{what} outside async function"), e.pos));
                }
                self.expr(v)?;
                self.op(Instr::AsyncStep(*step as u32));
            }
            ExprKind::Await(v) => {
                if !self.unit.code.is_coroutine {
                    if matches!(
                        &*self.unit.code.name,
                        "<listcomp>" | "<setcomp>" | "<dictcomp>" | "<genexpr>"
                    ) {
                        return Err(not_supported("await inside comprehensions is", e.pos));
                    }
                    let message = if self.unit.scope.is_module || self.unit.scope.is_class {
                        "'await' outside function"
                    } else {
                        "'await' outside async function"
                    };
                    return Err(syntax(message, e.pos));
                }
                // `yield from` the awaitable: each value it yields goes
                // out to whoever drives the coroutine; its return value
                // is the `await`'s.
                self.expr(v)?;
                self.op(Instr::GetAwaitable);
                let start = self.here();
                let fi = self.op(Instr::ForIter(0));
                self.op(Instr::Yield);
                self.op(Instr::Pop);
                self.op(Instr::Jump(start as u32));
                let end = self.here();
                self.patch(fi, end);
                self.op(Instr::LoadGenReturn);
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.op(Instr::Dup);
                self.store_name(target);
            }
            ExprKind::JoinedStr(parts) => self.fstring(parts)?,
        }
        Ok(())
    }

    /// A list (0), tuple (1) or set (2) display.
    fn sequence(&mut self, items: &'a [Expr], kind: u8) -> CResult<()> {
        if !items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_))) {
            for i in items {
                self.expr(i)?;
            }
            let n = items.len() as u32;
            self.op(match kind {
                0 => Instr::BuildList(n),
                1 => Instr::BuildTuple(n),
                _ if n > 2 && items.iter().all(folds_to_constant) => Instr::BuildConstSet(n),
                _ => Instr::BuildSet(n),
            });
            return Ok(());
        }
        // A set display updates a set item by item, as CPython's does
        // (a starred set merges whole).
        let set = kind == 2;
        self.op(if set {
            Instr::BuildSet(0)
        } else {
            Instr::BuildList(0)
        });
        for i in items {
            match &i.kind {
                ExprKind::Starred(inner) => {
                    self.expr(inner)?;
                    self.op(if set {
                        Instr::SetUpdate
                    } else {
                        Instr::ListExtend
                    });
                }
                _ => {
                    self.expr(i)?;
                    self.op(if set {
                        Instr::SetAdd(0)
                    } else {
                        Instr::ListAppend(0)
                    });
                }
            }
        }
        if kind == 1 {
            self.op(Instr::ListToTuple);
        }
        Ok(())
    }

    /// `del target`: a name, `obj[index]`, `obj.attr`, or a tuple or
    /// list of those.
    fn delete_target(&mut self, t: &'a Expr) -> CResult<()> {
        match &t.kind {
            ExprKind::Name(n) => self.delete_name(n, t.pos)?,
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.unit.line = t.pos.line;
                self.op(Instr::DeleteSubscr);
            }
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name(attr);
                self.unit.line = t.pos.line;
                self.op(Instr::DeleteAttr(i));
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.delete_target(i)?;
                }
            }
            _ => return Err(not_supported("deleting this target is", t.pos)),
        }
        Ok(())
    }

    fn call(
        &mut self,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [(Option<String>, Expr)],
        pos: Pos,
    ) -> CResult<()> {
        if keywords.is_empty()
            && (args.is_empty() || args.len() == 2)
            && matches!(&func.kind, ExprKind::Name(n) if n == "super")
            && !self.unit.scope.is_module
        {
            if args.len() == 2 {
                // super(Class, obj): the explicit form.
                self.expr(&args[0])?;
                self.expr(&args[1])?;
                self.unit.line = pos.line;
                self.op(Instr::LoadSuper2);
                return Ok(());
            }
            self.unit.line = pos.line;
            self.op(Instr::LoadSuper);
            return Ok(());
        }
        let starred = args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)))
            || keywords.iter().any(|(n, _)| n.is_none());
        if let ExprKind::Attribute { value, attr } = &func.kind
            && !starred
            && keywords.is_empty()
        {
            // `obj.name(args)`: no bound method object is made.
            self.expr(value)?;
            let i = self.name(attr);
            self.unit.line = func.pos.line;
            self.op(Instr::LoadMethod(i));
            for a in args {
                self.expr(a)?;
            }
            self.unit.line = pos.line;
            self.op(Instr::CallMethod(args.len() as u32));
            return Ok(());
        }
        self.expr(func)?;
        if !starred {
            for a in args {
                self.expr(a)?;
            }
            if keywords.is_empty() {
                self.unit.line = pos.line;
                self.op(Instr::Call(args.len() as u32));
            } else {
                for (_, v) in keywords {
                    self.expr(v)?;
                }
                let names: Vec<Rc<str>> = keywords
                    .iter()
                    .map(|(n, _)| Rc::from(n.as_deref().unwrap_or("")))
                    .collect();
                let c = self.konst(Const::Names(names));
                self.op(Instr::LoadConst(c));
                self.unit.line = pos.line;
                self.op(Instr::CallKw((args.len() + keywords.len()) as u32));
            }
            return Ok(());
        }
        self.op(Instr::BuildList(0));
        for a in args {
            match &a.kind {
                ExprKind::Starred(inner) => {
                    self.expr(inner)?;
                    self.op(Instr::ListExtend);
                }
                _ => {
                    self.expr(a)?;
                    self.op(Instr::ListAppend(0));
                }
            }
        }
        self.op(Instr::BuildDict(0));
        for (n, v) in keywords {
            match n {
                Some(n) => {
                    let c = self.konst(Const::Str(Rc::from(n.as_str())));
                    self.op(Instr::LoadConst(c));
                    self.expr(v)?;
                    self.op(Instr::DictSet(0));
                }
                None => {
                    self.expr(v)?;
                    self.op(Instr::DictUpdate);
                }
            }
        }
        self.unit.line = pos.line;
        self.op(Instr::CallEx);
        Ok(())
    }

    fn fstring(&mut self, parts: &'a [FStringPart]) -> CResult<()> {
        for p in parts {
            match p {
                FStringPart::Literal(s) => {
                    let c = self.konst(Const::Str(Rc::from(s.as_str())));
                    self.op(Instr::LoadConst(c));
                }
                FStringPart::Value {
                    value,
                    conversion,
                    spec,
                } => {
                    self.expr(value)?;
                    let mut flags = match conversion {
                        None => 0,
                        Some('s') => 1,
                        Some('r') => 2,
                        Some(_) => 3,
                    };
                    if !spec.is_empty() {
                        self.fstring(spec)?;
                        flags |= 4;
                    }
                    self.op(Instr::FormatValue(flags));
                }
            }
        }
        self.op(Instr::BuildString(parts.len() as u32));
        Ok(())
    }
}

/// Whether CPython's AST optimizer folds `e` into a constant: a literal,
/// a sign or `~` on a number, a tuple of those.
fn folds_to_constant(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Constant(_) => true,
        ExprKind::UnaryOp {
            op: UnaryOp::Neg | UnaryOp::Pos | UnaryOp::Invert,
            operand,
        } => matches!(
            operand.kind,
            ExprKind::Constant(Constant::Int(_) | Constant::Float(_) | Constant::Bool(_))
        ),
        ExprKind::Tuple(items) => items.iter().all(folds_to_constant),
        _ => false,
    }
}
