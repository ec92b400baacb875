//! `async for` and `async with`, written out as the plain statements
//! around `await`s that CPython's semantics describe (PEP 492), with
//! hidden names (`.aiter0`) that no source text can spell.

use super::{PResult, Parser};
use crate::ast::*;

/// Shorthands for building the tree at one source position.
struct At(Pos);

impl At {
    fn expr(&self, kind: ExprKind) -> Expr {
        Expr { pos: self.0, kind }
    }

    fn stmt(&self, kind: StmtKind) -> Stmt {
        Stmt { pos: self.0, kind }
    }

    fn name(&self, n: &str) -> Expr {
        self.expr(ExprKind::Name(n.to_string()))
    }

    fn constant(&self, c: Constant) -> Expr {
        self.expr(ExprKind::Constant(c))
    }

    fn assign(&self, target: Expr, value: Expr) -> Stmt {
        self.stmt(StmtKind::Assign {
            targets: vec![target],
            value,
        })
    }

    fn step(&self, step: AsyncStep, operand: Expr) -> Expr {
        self.expr(ExprKind::AsyncStep(step, Box::new(operand)))
    }

    fn await_(&self, value: Expr) -> Expr {
        self.expr(ExprKind::Await(Box::new(value)))
    }

    fn attr(&self, value: Expr, attr: &str) -> Expr {
        self.expr(ExprKind::Attribute {
            value: Box::new(value),
            attr: attr.to_string(),
        })
    }

    fn call(&self, func: Expr, args: Vec<Expr>) -> Expr {
        self.expr(ExprKind::Call {
            func: Box::new(func),
            args,
            keywords: Vec::new(),
        })
    }
}

impl Parser {
    /// A fresh hidden name for a temporary of a desugared statement.
    fn hidden(&mut self, what: &str) -> String {
        self.hidden += 1;
        format!(".{what}{}", self.hidden)
    }

    /// `async for target in iter: body [else: orelse]`, as
    ///
    /// ```text
    /// .aiter = <__aiter__ of iter>
    /// .more = True
    /// while .more:
    ///     try:
    ///         .item = await <__anext__ of .aiter>
    ///     except StopAsyncIteration:
    ///         .more = False
    ///     else:
    ///         target = .item
    ///         body
    /// else:
    ///     orelse
    /// ```
    pub(super) fn async_for(&mut self, pos: Pos) -> PResult<Stmt> {
        let (target, iter, body, orelse) = self.for_parts(pos, "'async for' statement")?;
        let (it, more, item) = (
            self.hidden("aiter"),
            self.hidden("more"),
            self.hidden("item"),
        );
        let at = At(pos);
        let fetch = at.assign(
            at.name(&item),
            at.await_(at.step(AsyncStep::Next, at.name(&it))),
        );
        let mut then = vec![at.assign(target, at.name(&item))];
        then.extend(body);
        let guarded = at.stmt(StmtKind::Try {
            body: vec![fetch],
            handlers: vec![Handler {
                pos,
                class: Some(at.name("StopAsyncIteration")),
                name: None,
                body: vec![at.assign(at.name(&more), at.constant(Constant::Bool(false)))],
            }],
            orelse: then,
            finalbody: Vec::new(),
        });
        Ok(at.stmt(StmtKind::If {
            test: at.constant(Constant::Bool(true)),
            body: vec![
                at.assign(at.name(&it), at.step(AsyncStep::Iter, iter)),
                at.assign(at.name(&more), at.constant(Constant::Bool(true))),
                at.stmt(StmtKind::While {
                    test: at.name(&more),
                    body: vec![guarded],
                    orelse,
                }),
            ],
            orelse: Vec::new(),
        }))
    }

    /// `async with a as x, b: body`, one manager at a time, each as
    ///
    /// ```text
    /// .mgr = a
    /// .exit = <bound __aexit__ of .mgr>
    /// x = await <__aenter__ of .mgr>
    /// .ok = True
    /// try:
    ///     try:
    ///         body
    ///     except BaseException as .exc:
    ///         .ok = False
    ///         if not await .exit(.exc.__class__, .exc, .exc.__traceback__):
    ///             raise
    /// finally:
    ///     if .ok:
    ///         await .exit(None, None, None)
    /// ```
    pub(super) fn async_with(&mut self, pos: Pos) -> PResult<Stmt> {
        self.advance();
        let items = self.with_items()?;
        let mut body = self.block("'async with' statement", pos)?;
        for (ctx, target) in items.into_iter().rev() {
            body = self.one_async_with(pos, ctx, target, body);
        }
        let at = At(pos);
        Ok(at.stmt(StmtKind::If {
            test: at.constant(Constant::Bool(true)),
            body,
            orelse: Vec::new(),
        }))
    }

    fn one_async_with(
        &mut self,
        pos: Pos,
        ctx: Expr,
        target: Option<Expr>,
        body: Vec<Stmt>,
    ) -> Vec<Stmt> {
        let (mgr, exit, ok, exc) = (
            self.hidden("mgr"),
            self.hidden("exit"),
            self.hidden("ok"),
            self.hidden("exc"),
        );
        let at = At(pos);
        let entered = at.await_(at.step(AsyncStep::Enter, at.name(&mgr)));
        let enter = match target {
            Some(t) => at.assign(t, entered),
            None => at.stmt(StmtKind::Expr(entered)),
        };
        let exit_args = vec![
            at.attr(at.name(&exc), "__class__"),
            at.name(&exc),
            at.attr(at.name(&exc), "__traceback__"),
        ];
        let swallowed = at.await_(at.call(at.name(&exit), exit_args));
        let handler = Handler {
            pos,
            class: Some(at.name("BaseException")),
            name: Some(exc),
            body: vec![
                at.assign(at.name(&ok), at.constant(Constant::Bool(false))),
                at.stmt(StmtKind::If {
                    test: at.expr(ExprKind::UnaryOp {
                        op: UnaryOp::Not,
                        operand: Box::new(swallowed),
                    }),
                    body: vec![at.stmt(StmtKind::Raise {
                        exc: None,
                        cause: None,
                    })],
                    orelse: Vec::new(),
                }),
            ],
        };
        let none = || at.constant(Constant::None);
        let clean_exit = at.stmt(StmtKind::Expr(
            at.await_(at.call(at.name(&exit), vec![none(), none(), none()])),
        ));
        vec![
            at.assign(at.name(&mgr), ctx),
            at.assign(at.name(&exit), at.step(AsyncStep::Exit, at.name(&mgr))),
            enter,
            at.assign(at.name(&ok), at.constant(Constant::Bool(true))),
            at.stmt(StmtKind::Try {
                body: vec![at.stmt(StmtKind::Try {
                    body,
                    handlers: vec![handler],
                    orelse: Vec::new(),
                    finalbody: Vec::new(),
                })],
                handlers: Vec::new(),
                orelse: Vec::new(),
                finalbody: vec![at.stmt(StmtKind::If {
                    test: at.name(&ok),
                    body: vec![clean_exit],
                    orelse: Vec::new(),
                })],
            }),
        ]
    }
}
