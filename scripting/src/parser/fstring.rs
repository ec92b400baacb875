//! F-strings' parts as the parser assembles them, and moving the
//! positions of an expression parsed inside an f-string field (relative
//! to the field) to positions in the file.

use super::{PResult, parse_expression};
use crate::ast::*;
use crate::error::{ErrorKind, SyntaxError};
use crate::lexer::FPart;

pub(super) fn push_literal(parts: &mut Vec<FStringPart>, s: String) {
    if let Some(FStringPart::Literal(prev)) = parts.last_mut() {
        prev.push_str(&s);
    } else {
        parts.push(FStringPart::Literal(s));
    }
}

/// Turns the lexer's f-string pieces into syntax, parsing each field's
/// expression and moving its positions to where it sits in the file.
pub(super) fn convert_fparts(fparts: &[FPart]) -> PResult<Vec<FStringPart>> {
    let mut out = Vec::new();
    for part in fparts {
        match part {
            FPart::Literal(s) => push_literal(&mut out, s.clone()),
            FPart::Field {
                source,
                line,
                col,
                conversion,
                spec,
                debug,
            } => {
                let trimmed = source.trim_start();
                let skipped = (source.chars().count() - trimmed.chars().count()) as u32;
                let mut value = parse_expression(trimmed).map_err(|mut e| {
                    relocate_error(&mut e, *line, *col + skipped);
                    if e.kind == ErrorKind::SyntaxError {
                        e.message = format!("f-string: {}", e.message);
                    }
                    e
                })?;
                relocate(&mut value, *line, *col + skipped);
                let spec = convert_fparts(spec)?;
                let mut conversion = *conversion;
                if let Some(text) = debug {
                    push_literal(&mut out, text.clone());
                    if conversion.is_none() && spec.is_empty() {
                        conversion = Some('r');
                    }
                }
                out.push(FStringPart::Value {
                    value: Box::new(value),
                    conversion,
                    spec,
                });
            }
        }
    }
    Ok(out)
}

fn shift(pos: &mut Pos, line: u32, col: u32) {
    if pos.line == 1 {
        pos.col += col - 1;
    }
    pos.line += line - 1;
}

fn relocate_error(e: &mut SyntaxError, line: u32, col: u32) {
    let mut pos = Pos {
        line: e.line,
        col: e.col,
    };
    shift(&mut pos, line, col);
    e.line = pos.line;
    e.col = pos.col;
}

/// Moves every position in `e` from field-relative to file positions.
fn relocate(e: &mut Expr, line: u32, col: u32) {
    shift(&mut e.pos, line, col);
    let each = |x: &mut Expr| relocate(x, line, col);
    match &mut e.kind {
        ExprKind::Name(_) | ExprKind::Constant(_) => {}
        ExprKind::BinOp { left, right, .. } => {
            each(left);
            each(right);
        }
        ExprKind::UnaryOp { operand, .. } => each(operand),
        ExprKind::BoolOp { values, .. } => values.iter_mut().for_each(each),
        ExprKind::Compare { left, rest } => {
            each(left);
            rest.iter_mut().for_each(|(_, x)| relocate(x, line, col));
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            each(func);
            args.iter_mut().for_each(|x| relocate(x, line, col));
            keywords
                .iter_mut()
                .for_each(|(_, x)| relocate(x, line, col));
        }
        ExprKind::Attribute { value, .. } => each(value),
        ExprKind::Subscript { value, index } => {
            each(value);
            each(index);
        }
        ExprKind::Slice { lower, upper, step } => {
            for x in [lower, upper, step].into_iter().flatten() {
                relocate(x, line, col);
            }
        }
        ExprKind::Starred(x)
        | ExprKind::YieldFrom(x)
        | ExprKind::Await(x)
        | ExprKind::AsyncStep(_, x) => each(x),
        ExprKind::Yield(x) => {
            if let Some(x) = x {
                each(x);
            }
        }
        ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
            items.iter_mut().for_each(each)
        }
        ExprKind::Dict(items) => {
            for (k, v) in items {
                if let Some(k) = k {
                    relocate(k, line, col);
                }
                relocate(v, line, col);
            }
        }
        ExprKind::ListComp(elt, gens)
        | ExprKind::SetComp(elt, gens)
        | ExprKind::GeneratorExp(elt, gens) => {
            each(elt);
            relocate_gens(gens, line, col);
        }
        ExprKind::DictComp(k, v, gens) => {
            relocate(k, line, col);
            relocate(v, line, col);
            relocate_gens(gens, line, col);
        }
        ExprKind::IfExp { test, body, orelse } => {
            relocate(test, line, col);
            relocate(body, line, col);
            relocate(orelse, line, col);
        }
        ExprKind::Lambda { params, body } => {
            for p in params.args.iter_mut().chain(params.kwonly.iter_mut()) {
                if let Some(d) = &mut p.default {
                    relocate(d, line, col);
                }
            }
            relocate(body, line, col);
        }
        ExprKind::NamedExpr { value, .. } => each(value),
        ExprKind::JoinedStr(parts) => {
            for p in parts {
                if let FStringPart::Value { value, .. } = p {
                    relocate(value, line, col);
                }
            }
        }
    }
}

fn relocate_gens(gens: &mut [Comprehension], line: u32, col: u32) {
    for g in gens {
        relocate(&mut g.target, line, col);
        relocate(&mut g.iter, line, col);
        for i in &mut g.ifs {
            relocate(i, line, col);
        }
    }
}
