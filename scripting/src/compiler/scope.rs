//! Scope analysis: what each function, class body or module binds and
//! uses, and so how each name is reached (a local slot, a cell, the
//! class namespace or the globals).

use std::collections::HashSet;

use super::CResult;
use crate::ast::*;
use crate::error::{ErrorKind, SyntaxError};
/// How a name is reached in a scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Access {
    Fast(u32),
    Deref(u32),
    Global,
    /// A class body's namespace.
    Name,
}

/// The names of one function (or the module).
#[derive(Debug, Default, Clone)]
pub(super) struct Scope {
    pub(super) is_module: bool,
    pub(super) is_class: bool,
    /// Locals in order: parameters first.
    pub(super) locals: Vec<String>,
    pub(super) globals: HashSet<String>,
    pub(super) cells: Vec<String>,
    pub(super) frees: Vec<String>,
}

impl Scope {
    pub(super) fn module() -> Scope {
        Scope {
            is_module: true,
            ..Scope::default()
        }
    }

    pub(super) fn access(&self, name: &str) -> Access {
        if self.is_module || self.globals.contains(name) {
            return Access::Global;
        }
        if self.is_class {
            // A class body's own names live in its namespace; a name
            // free in it comes from the enclosing function's cell.
            if !self.locals.iter().any(|n| n == name)
                && let Some(i) = self.frees.iter().position(|n| n == name)
            {
                return Access::Deref((self.cells.len() + i) as u32);
            }
            return Access::Name;
        }
        if let Some(i) = self.cells.iter().position(|n| n == name) {
            return Access::Deref(i as u32);
        }
        if let Some(i) = self.frees.iter().position(|n| n == name) {
            return Access::Deref((self.cells.len() + i) as u32);
        }
        if let Some(i) = self.locals.iter().position(|n| n == name) {
            return Access::Fast(i as u32);
        }
        Access::Global
    }
}

/// What one scope binds and uses, before resolution.
#[derive(Default)]
pub(super) struct Bindings {
    pub(super) locals: Vec<String>,
    pub(super) globals: HashSet<String>,
    pub(super) nonlocals: HashSet<String>,
    pub(super) uses: HashSet<String>,
    /// Names free in nested scopes (they need them from us or above).
    pub(super) child_frees: HashSet<String>,
}

impl Bindings {
    fn bind(&mut self, name: &str) {
        if !self.locals.iter().any(|n| n == name) {
            self.locals.push(name.to_string());
        }
    }
}

/// What a scope with these parameters and body binds and uses.
pub(super) fn collect_bindings(params: &[String], body: Body<'_>) -> CResult<Bindings> {
    let mut b = Bindings::default();
    for p in params {
        b.bind(p);
    }
    match body {
        Body::Stmts(stmts) => {
            for s in stmts {
                visit_stmt(s, &mut b)?;
            }
        }
        Body::Expr(e) => visit_expr(e, &mut b)?,
        Body::Comprehension(elt, value, gens) => {
            for (i, g) in gens.iter().enumerate() {
                bind_target(&g.target, &mut b);
                // The first iterable is evaluated outside, in the caller.
                if i > 0 {
                    visit_expr(&g.iter, &mut b)?;
                }
                for cond in &g.ifs {
                    visit_expr(cond, &mut b)?;
                }
            }
            visit_expr(elt, &mut b)?;
            if let Some(v) = value {
                visit_expr(v, &mut b)?;
            }
        }
    }
    Ok(b)
}

/// Analyzes a function body with its parameters; `enclosing` holds the
/// names local to enclosing functions (capturable).
pub(super) fn analyze(
    params: &[String],
    body: Body<'_>,
    enclosing: &HashSet<String>,
) -> CResult<Scope> {
    let b = collect_bindings(params, body)?;
    let locals: Vec<String> = b
        .locals
        .iter()
        .filter(|n| !b.globals.contains(*n) && !b.nonlocals.contains(*n))
        .cloned()
        .collect();
    let local_set: HashSet<&String> = locals.iter().collect();
    let mut cells: Vec<String> = b
        .child_frees
        .iter()
        .filter(|n| local_set.contains(n))
        .cloned()
        .collect();
    cells.sort();
    let mut frees: Vec<String> = b
        .uses
        .iter()
        .chain(b.child_frees.iter())
        .chain(b.nonlocals.iter())
        .filter(|n| !local_set.contains(n) && !b.globals.contains(*n) && enclosing.contains(*n))
        .cloned()
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    frees.sort();
    for n in &b.nonlocals {
        if !enclosing.contains(n) {
            return Err(SyntaxError::new(
                ErrorKind::SyntaxError,
                format!("no binding for nonlocal '{n}' found"),
                0,
                0,
            ));
        }
    }
    Ok(Scope {
        is_module: false,
        is_class: false,
        locals,
        globals: b.globals,
        cells,
        frees,
    })
}

#[derive(Clone, Copy)]
pub(super) enum Body<'a> {
    Stmts(&'a [Stmt]),
    Expr(&'a Expr),
    Comprehension(&'a Expr, Option<&'a Expr>, &'a [Comprehension]),
}

pub(super) fn bind_target(e: &Expr, b: &mut Bindings) {
    match &e.kind {
        ExprKind::Name(n) => b.bind(n),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            items.iter().for_each(|i| bind_target(i, b))
        }
        ExprKind::Starred(inner) => bind_target(inner, b),
        _ => {
            // Attribute and subscript targets use names, bind none.
            let _ = visit_expr(e, b);
        }
    }
}

pub(super) fn params_names(p: &Params) -> Vec<String> {
    let mut names: Vec<String> = p.args.iter().map(|a| a.name.clone()).collect();
    names.extend(p.kwonly.iter().map(|a| a.name.clone()));
    if let Some(v) = &p.vararg {
        names.push(v.clone());
    }
    if let Some(k) = &p.kwarg {
        names.push(k.clone());
    }
    names
}

/// Records the free names of a nested scope into its parent's bindings.
pub(super) fn nested_frees(params: &[String], body: Body<'_>, b: &mut Bindings) -> CResult<()> {
    b.child_frees.extend(free_names(params, body)?);
    Ok(())
}

/// The names a class body needs from outside: those it uses without
/// binding them, and all its methods' free names (methods skip the class
/// scope).
pub(super) fn class_free_names(body: &[Stmt]) -> CResult<Vec<String>> {
    let b = collect_bindings(&[], Body::Stmts(body))?;
    let locals: HashSet<&String> = b
        .locals
        .iter()
        .filter(|n| !b.globals.contains(*n) && !b.nonlocals.contains(*n))
        .collect();
    Ok(b.uses
        .iter()
        .filter(|n| !locals.contains(n))
        .chain(b.child_frees.iter())
        .chain(b.nonlocals.iter())
        .filter(|n| !b.globals.contains(*n))
        .cloned()
        .collect())
}

/// Analyzes a class body: its names are the class namespace's; the
/// names it (or a method) needs from the enclosing functions are free.
pub(super) fn analyze_class(body: &[Stmt], enclosing: &HashSet<String>) -> CResult<Scope> {
    let b = collect_bindings(&[], Body::Stmts(body))?;
    let mut frees: Vec<String> = class_free_names(body)?
        .into_iter()
        .filter(|n| enclosing.contains(n))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    frees.sort();
    let locals = b
        .locals
        .iter()
        .filter(|n| !b.globals.contains(*n) && !b.nonlocals.contains(*n))
        .cloned()
        .collect();
    Ok(Scope {
        is_module: false,
        is_class: true,
        locals,
        globals: b.globals,
        cells: Vec::new(),
        frees,
    })
}

/// The names a nested scope needs from outside (free variables that are
/// not declared global), whatever the enclosing scopes hold.
pub(super) fn free_names(params: &[String], body: Body<'_>) -> CResult<Vec<String>> {
    let b = collect_bindings(params, body)?;
    let locals: HashSet<&String> = b
        .locals
        .iter()
        .filter(|n| !b.globals.contains(*n) && !b.nonlocals.contains(*n))
        .collect();
    Ok(b.uses
        .iter()
        .chain(b.child_frees.iter())
        .chain(b.nonlocals.iter())
        .filter(|n| !locals.contains(n) && !b.globals.contains(*n))
        .cloned()
        .collect())
}

pub(super) fn visit_stmts(stmts: &[Stmt], b: &mut Bindings) -> CResult<()> {
    stmts.iter().try_for_each(|s| visit_stmt(s, b))
}

pub(super) fn visit_stmt(s: &Stmt, b: &mut Bindings) -> CResult<()> {
    match &s.kind {
        StmtKind::Expr(e) => visit_expr(e, b),
        StmtKind::Assign { targets, value } => {
            targets.iter().for_each(|t| bind_target(t, b));
            visit_expr(value, b)
        }
        StmtKind::AugAssign { target, value, .. } => {
            if let ExprKind::Name(n) = &target.kind {
                b.uses.insert(n.clone());
            }
            bind_target(target, b);
            visit_expr(value, b)
        }
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
        } => {
            bind_target(target, b);
            visit_expr(annotation, b)?;
            value.iter().try_for_each(|v| visit_expr(v, b))
        }
        StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
            visit_expr(test, b)?;
            visit_stmts(body, b)?;
            visit_stmts(orelse, b)
        }
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
        } => {
            bind_target(target, b);
            visit_expr(iter, b)?;
            visit_stmts(body, b)?;
            visit_stmts(orelse, b)
        }
        StmtKind::Break | StmtKind::Continue | StmtKind::Pass => Ok(()),
        StmtKind::Return(v) => v.iter().try_for_each(|v| visit_expr(v, b)),
        StmtKind::FunctionDef(f) => {
            b.bind(&f.name);
            f.decorators.iter().try_for_each(|d| visit_expr(d, b))?;
            visit_params_defaults(&f.params, b)?;
            nested_frees(&params_names(&f.params), Body::Stmts(&f.body), b)
        }
        StmtKind::ClassDef(c) => {
            b.bind(&c.name);
            c.bases.iter().try_for_each(|e| visit_expr(e, b))?;
            c.keywords.iter().try_for_each(|(_, e)| visit_expr(e, b))?;
            c.decorators.iter().try_for_each(|e| visit_expr(e, b))?;
            b.child_frees.extend(class_free_names(&c.body)?);
            Ok(())
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            visit_stmts(body, b)?;
            for h in handlers {
                if let Some(c) = &h.class {
                    visit_expr(c, b)?;
                }
                if let Some(n) = &h.name {
                    b.bind(n);
                }
                visit_stmts(&h.body, b)?;
            }
            visit_stmts(orelse, b)?;
            visit_stmts(finalbody, b)
        }
        StmtKind::Raise { exc, cause } => exc
            .iter()
            .chain(cause.iter())
            .try_for_each(|e| visit_expr(e, b)),
        StmtKind::With { items, body } => {
            for (ctx, target) in items {
                visit_expr(ctx, b)?;
                if let Some(t) = target {
                    bind_target(t, b);
                }
            }
            visit_stmts(body, b)
        }
        StmtKind::Assert { test, msg } => {
            visit_expr(test, b)?;
            msg.iter().try_for_each(|m| visit_expr(m, b))
        }
        StmtKind::Delete(targets) => {
            targets.iter().for_each(|t| bind_target(t, b));
            Ok(())
        }
        StmtKind::Global(names) => {
            for n in names {
                if b.locals.contains(n) || b.uses.contains(n) {
                    return Err(SyntaxError::new(
                        ErrorKind::SyntaxError,
                        format!("name '{n}' is used prior to global declaration"),
                        s.pos.line,
                        s.pos.col,
                    ));
                }
                b.globals.insert(n.clone());
            }
            Ok(())
        }
        StmtKind::Nonlocal(names) => {
            for n in names {
                b.nonlocals.insert(n.clone());
            }
            Ok(())
        }
        StmtKind::Import(names) => {
            for a in names {
                let bound = a
                    .asname
                    .clone()
                    .unwrap_or_else(|| a.name.split('.').next().unwrap_or("").to_string());
                b.bind(&bound);
            }
            Ok(())
        }
        StmtKind::ImportFrom { names, .. } => {
            for a in names {
                b.bind(a.asname.as_ref().unwrap_or(&a.name));
            }
            Ok(())
        }
    }
}

pub(super) fn visit_params_defaults(p: &Params, b: &mut Bindings) -> CResult<()> {
    for a in p.args.iter().chain(p.kwonly.iter()) {
        if let Some(d) = &a.default {
            visit_expr(d, b)?;
        }
    }
    Ok(())
}

pub(super) fn visit_expr(e: &Expr, b: &mut Bindings) -> CResult<()> {
    match &e.kind {
        ExprKind::Name(n) => {
            b.uses.insert(n.clone());
        }
        ExprKind::Constant(_) => {}
        ExprKind::BinOp { left, right, .. } => {
            visit_expr(left, b)?;
            visit_expr(right, b)?;
        }
        ExprKind::UnaryOp { operand, .. } => visit_expr(operand, b)?,
        ExprKind::BoolOp { values, .. } => values.iter().try_for_each(|v| visit_expr(v, b))?,
        ExprKind::Compare { left, rest } => {
            visit_expr(left, b)?;
            rest.iter().try_for_each(|(_, v)| visit_expr(v, b))?;
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            visit_expr(func, b)?;
            args.iter().try_for_each(|a| visit_expr(a, b))?;
            keywords.iter().try_for_each(|(_, v)| visit_expr(v, b))?;
        }
        ExprKind::Attribute { value, .. } => visit_expr(value, b)?,
        ExprKind::Subscript { value, index } => {
            visit_expr(value, b)?;
            visit_expr(index, b)?;
        }
        ExprKind::Slice { lower, upper, step } => {
            for x in [lower, upper, step].into_iter().flatten() {
                visit_expr(x, b)?;
            }
        }
        ExprKind::Starred(v)
        | ExprKind::YieldFrom(v)
        | ExprKind::Await(v)
        | ExprKind::AsyncStep(_, v) => visit_expr(v, b)?,
        ExprKind::Yield(v) => v.iter().try_for_each(|v| visit_expr(v, b))?,
        ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
            items.iter().try_for_each(|i| visit_expr(i, b))?
        }
        ExprKind::Dict(items) => {
            for (k, v) in items {
                if let Some(k) = k {
                    visit_expr(k, b)?;
                }
                visit_expr(v, b)?;
            }
        }
        ExprKind::ListComp(elt, gens)
        | ExprKind::SetComp(elt, gens)
        | ExprKind::GeneratorExp(elt, gens) => {
            visit_expr(&gens[0].iter, b)?;
            walrus_targets(elt, gens, b);
            nested_frees(&[".0".to_string()], Body::Comprehension(elt, None, gens), b)?;
        }
        ExprKind::DictComp(k, v, gens) => {
            visit_expr(&gens[0].iter, b)?;
            nested_frees(
                &[".0".to_string()],
                Body::Comprehension(k, Some(v), gens),
                b,
            )?;
        }
        ExprKind::IfExp { test, body, orelse } => {
            visit_expr(test, b)?;
            visit_expr(body, b)?;
            visit_expr(orelse, b)?;
        }
        ExprKind::Lambda { params, body } => {
            visit_params_defaults(params, b)?;
            nested_frees(&params_names(params), Body::Expr(body), b)?;
        }
        ExprKind::NamedExpr { target, value } => {
            b.bind(target);
            visit_expr(value, b)?;
        }
        ExprKind::JoinedStr(parts) => {
            for p in parts {
                if let FStringPart::Value { value, spec, .. } = p {
                    visit_expr(value, b)?;
                    for sp in spec {
                        if let FStringPart::Value { value, .. } = sp {
                            visit_expr(value, b)?;
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

/// `:=` inside a comprehension binds in the enclosing scope.
pub(super) fn walrus_targets(elt: &Expr, gens: &[Comprehension], b: &mut Bindings) {
    let mut names = Vec::new();
    find_walrus(elt, &mut names);
    for g in gens {
        g.ifs.iter().for_each(|c| find_walrus(c, &mut names));
    }
    for n in names {
        b.bind(&n);
    }
}

/// The `:=` targets in `e`, not looking into nested scopes.
pub(super) fn find_walrus(e: &Expr, out: &mut Vec<String>) {
    match &e.kind {
        ExprKind::NamedExpr { target, value } => {
            out.push(target.clone());
            find_walrus(value, out);
        }
        ExprKind::Name(_) | ExprKind::Constant(_) | ExprKind::Lambda { .. } => {}
        ExprKind::BinOp { left, right, .. } => {
            find_walrus(left, out);
            find_walrus(right, out);
        }
        ExprKind::UnaryOp { operand, .. } => find_walrus(operand, out),
        ExprKind::BoolOp { values, .. } => values.iter().for_each(|x| find_walrus(x, out)),
        ExprKind::Compare { left, rest } => {
            find_walrus(left, out);
            rest.iter().for_each(|(_, x)| find_walrus(x, out));
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            find_walrus(func, out);
            args.iter().for_each(|x| find_walrus(x, out));
            keywords.iter().for_each(|(_, x)| find_walrus(x, out));
        }
        ExprKind::Attribute { value, .. }
        | ExprKind::Starred(value)
        | ExprKind::YieldFrom(value)
        | ExprKind::Await(value)
        | ExprKind::AsyncStep(_, value) => find_walrus(value, out),
        ExprKind::Subscript { value, index } => {
            find_walrus(value, out);
            find_walrus(index, out);
        }
        ExprKind::Slice { lower, upper, step } => [lower, upper, step]
            .into_iter()
            .flatten()
            .for_each(|x| find_walrus(x, out)),
        ExprKind::Yield(v) => v.iter().for_each(|x| find_walrus(x, out)),
        ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
            items.iter().for_each(|x| find_walrus(x, out))
        }
        ExprKind::Dict(items) => items.iter().for_each(|(k, v)| {
            k.iter().for_each(|x| find_walrus(x, out));
            find_walrus(v, out);
        }),
        ExprKind::IfExp { test, body, orelse } => {
            find_walrus(test, out);
            find_walrus(body, out);
            find_walrus(orelse, out);
        }
        ExprKind::ListComp(..)
        | ExprKind::SetComp(..)
        | ExprKind::DictComp(..)
        | ExprKind::GeneratorExp(..)
        | ExprKind::JoinedStr(_) => {}
    }
}
