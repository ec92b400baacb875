//! The parser agrees with CPython: every program under `parser_corpus/`
//! is parsed by Shoal and by `python3` (its `ast` module), both trees are
//! dumped in one neutral format (`ast_dump.py` on the CPython side), and
//! the dumps must be equal, positions included.

use std::path::Path;
use std::process::Command;

use shoal_scripting::ast::*;
use shoal_scripting::parse_module;

fn s(text: &str) -> String {
    let codes: Vec<String> = text.chars().map(|c| format!("{:x}", c as u32)).collect();
    format!("s:{}", codes.join(","))
}

fn opt<T>(x: &Option<T>, f: impl Fn(&T) -> String) -> String {
    x.as_ref().map_or("None".to_string(), f)
}

fn lst<T>(xs: &[T], f: impl Fn(&T) -> String) -> String {
    let items: Vec<String> = xs.iter().map(f).collect();
    format!("[{}]", items.join(" "))
}

fn binop(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "Add",
        BinOp::Sub => "Sub",
        BinOp::Mul => "Mult",
        BinOp::Div => "Div",
        BinOp::FloorDiv => "FloorDiv",
        BinOp::Mod => "Mod",
        BinOp::Pow => "Pow",
        BinOp::LShift => "LShift",
        BinOp::RShift => "RShift",
        BinOp::BitOr => "BitOr",
        BinOp::BitXor => "BitXor",
        BinOp::BitAnd => "BitAnd",
        BinOp::MatMul => "MatMult",
    }
}

fn cmpop(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "Eq",
        CmpOp::NotEq => "NotEq",
        CmpOp::Lt => "Lt",
        CmpOp::LtE => "LtE",
        CmpOp::Gt => "Gt",
        CmpOp::GtE => "GtE",
        CmpOp::Is => "Is",
        CmpOp::IsNot => "IsNot",
        CmpOp::In => "In",
        CmpOp::NotIn => "NotIn",
    }
}

fn constant(c: &Constant) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::Bool(true) => "True".into(),
        Constant::Bool(false) => "False".into(),
        Constant::Ellipsis => "Ellipsis".into(),
        Constant::Int(i) => format!("i:{i}"),
        Constant::BigInt(i) => format!("i:{i}"),
        Constant::Float(x) => format!("f:{:x}", x.to_bits()),
        Constant::Str(t) => s(t),
        Constant::Bytes(b) => {
            let codes: Vec<String> = b.iter().map(|c| format!("{c:x}")).collect();
            format!("b:{}", codes.join(","))
        }
    }
}

fn params(p: &Params) -> String {
    let one = |p: &Param| format!("({} {})", p.name, opt(&p.default, |d| expr(d, false)));
    let args: Vec<String> = p.args.iter().map(one).collect();
    let kw: Vec<String> = p.kwonly.iter().map(one).collect();
    format!(
        "(Params [{}] {} [{}] {})",
        args.join(" "),
        p.vararg.as_deref().unwrap_or("None"),
        kw.join(" "),
        p.kwarg.as_deref().unwrap_or("None")
    )
}

fn gens(gs: &[Comprehension], in_f: bool) -> String {
    lst(gs, |g| {
        format!(
            "(for {} {} {})",
            expr(&g.target, in_f),
            expr(&g.iter, in_f),
            lst(&g.ifs, |x| expr(x, in_f))
        )
    })
}

fn fparts(parts: &[FStringPart]) -> String {
    lst(parts, |p| match p {
        FStringPart::Literal(t) => format!("(Lit {})", s(t)),
        FStringPart::Value {
            value,
            conversion,
            spec,
        } => format!(
            "(Fmt {} {} {})",
            expr(value, true),
            conversion.map_or("None".to_string(), |c| c.to_string()),
            fparts(spec)
        ),
    })
}

fn expr(e: &Expr, in_f: bool) -> String {
    let pos = if in_f {
        String::new()
    } else {
        format!("@{}:{}", e.pos.line, e.pos.col)
    };
    let x = |e: &Expr| expr(e, in_f);
    let body = match &e.kind {
        ExprKind::Name(n) => format!("(Name {n})"),
        ExprKind::Constant(c) => format!("(Const {})", constant(c)),
        ExprKind::BinOp { left, op, right } => {
            format!("(BinOp {} {} {})", binop(*op), x(left), x(right))
        }
        ExprKind::UnaryOp { op, operand } => {
            let op = match op {
                UnaryOp::Not => "Not",
                UnaryOp::Neg => "USub",
                UnaryOp::Pos => "UAdd",
                UnaryOp::Invert => "Invert",
            };
            format!("(UnaryOp {op} {})", x(operand))
        }
        ExprKind::BoolOp { and, values } => format!(
            "(BoolOp {} {})",
            if *and { "And" } else { "Or" },
            lst(values, x)
        ),
        ExprKind::Compare { left, rest } => {
            let r: Vec<String> = rest
                .iter()
                .map(|(op, c)| format!("({} {})", cmpop(*op), x(c)))
                .collect();
            format!("(Compare {} [{}])", x(left), r.join(" "))
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            let k: Vec<String> = keywords
                .iter()
                .map(|(n, v)| format!("({} {})", n.as_deref().unwrap_or("None"), x(v)))
                .collect();
            format!("(Call {} {} [{}])", x(func), lst(args, x), k.join(" "))
        }
        ExprKind::Attribute { value, attr } => format!("(Attr {} {attr})", x(value)),
        ExprKind::Subscript { value, index } => format!("(Sub {} {})", x(value), x(index)),
        ExprKind::Slice { lower, upper, step } => format!(
            "(Slice {} {} {})",
            opt(lower, |e| x(e)),
            opt(upper, |e| x(e)),
            opt(step, |e| x(e))
        ),
        ExprKind::Starred(v) => format!("(Star {})", x(v)),
        ExprKind::List(items) => format!("(List {})", lst(items, x)),
        ExprKind::Tuple(items) => format!("(Tuple {})", lst(items, x)),
        ExprKind::Set(items) => format!("(Set {})", lst(items, x)),
        ExprKind::Dict(items) => {
            let d: Vec<String> = items
                .iter()
                .map(|(k, v)| format!("({} {})", opt(k, x), x(v)))
                .collect();
            format!("(Dict [{}])", d.join(" "))
        }
        ExprKind::ListComp(elt, g) => format!("(ListComp {} {})", x(elt), gens(g, in_f)),
        ExprKind::SetComp(elt, g) => format!("(SetComp {} {})", x(elt), gens(g, in_f)),
        ExprKind::GeneratorExp(elt, g) => format!("(GeneratorExp {} {})", x(elt), gens(g, in_f)),
        ExprKind::DictComp(k, v, g) => {
            format!("(DictComp {} {} {})", x(k), x(v), gens(g, in_f))
        }
        ExprKind::IfExp { test, body, orelse } => {
            format!("(IfExp {} {} {})", x(test), x(body), x(orelse))
        }
        ExprKind::Lambda { params: p, body } => format!("(Lambda {} {})", params(p), x(body)),
        ExprKind::Yield(v) => format!("(Yield {})", opt(v, |e| x(e))),
        ExprKind::YieldFrom(v) => format!("(YieldFrom {})", x(v)),
        ExprKind::Await(v) => format!("(Await {})", x(v)),
        // Only the parser's own desugaring of `async for`/`async with`
        // makes these, and those statements are not in the corpus.
        ExprKind::AsyncStep(step, v) => format!("(AsyncStep {step:?} {})", x(v)),
        ExprKind::NamedExpr { target, value } => format!("(Walrus {target} {})", x(value)),
        ExprKind::JoinedStr(parts) => format!("(JoinedStr {})", fparts(parts)),
    };
    pos + &body
}

fn alias(a: &Alias) -> String {
    format!("({} {})", a.name, a.asname.as_deref().unwrap_or("None"))
}

fn stmt(st: &Stmt) -> String {
    let e = |x: &Expr| expr(x, false);
    let b = |xs: &Vec<Stmt>| lst(xs, stmt);
    let body = match &st.kind {
        StmtKind::Expr(v) => format!("(Expr {})", e(v)),
        StmtKind::Assign { targets, value } => {
            format!("(Assign {} {})", lst(targets, e), e(value))
        }
        StmtKind::AugAssign { target, op, value } => {
            format!("(AugAssign {} {} {})", e(target), binop(*op), e(value))
        }
        StmtKind::AnnAssign { target, value, .. } => {
            format!("(AnnAssign {} {})", e(target), opt(value, e))
        }
        StmtKind::If { test, body, orelse } => {
            format!("(If {} {} {})", e(test), b(body), b(orelse))
        }
        StmtKind::While { test, body, orelse } => {
            format!("(While {} {} {})", e(test), b(body), b(orelse))
        }
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
        } => format!("(For {} {} {} {})", e(target), e(iter), b(body), b(orelse)),
        StmtKind::Break => "(Break)".into(),
        StmtKind::Continue => "(Continue)".into(),
        StmtKind::Pass => "(Pass)".into(),
        StmtKind::Return(v) => format!("(Return {})", opt(v, e)),
        StmtKind::FunctionDef(f) => format!(
            "({} {} {} {} {})",
            if f.is_async { "AsyncDef" } else { "Def" },
            f.name,
            params(&f.params),
            b(&f.body),
            lst(&f.decorators, e)
        ),
        StmtKind::ClassDef(c) => {
            let k: Vec<String> = c
                .keywords
                .iter()
                .map(|(n, v)| format!("({n} {})", e(v)))
                .collect();
            format!(
                "(Class {} {} [{}] {} {})",
                c.name,
                lst(&c.bases, e),
                k.join(" "),
                b(&c.body),
                lst(&c.decorators, e)
            )
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            let hs: Vec<String> = handlers
                .iter()
                .map(|h| {
                    format!(
                        "(Handler {} {} {})",
                        opt(&h.class, e),
                        h.name.as_deref().unwrap_or("None"),
                        b(&h.body)
                    )
                })
                .collect();
            format!(
                "(Try {} [{}] {} {})",
                b(body),
                hs.join(" "),
                b(orelse),
                b(finalbody)
            )
        }
        StmtKind::Raise { exc, cause } => format!("(Raise {} {})", opt(exc, e), opt(cause, e)),
        StmtKind::With { items, body } => {
            let i: Vec<String> = items
                .iter()
                .map(|(c, t)| format!("({} {})", e(c), opt(t, e)))
                .collect();
            format!("(With [{}] {})", i.join(" "), b(body))
        }
        StmtKind::Assert { test, msg } => format!("(Assert {} {})", e(test), opt(msg, e)),
        StmtKind::Delete(targets) => format!("(Del {})", lst(targets, e)),
        StmtKind::Global(names) => format!("(Global [{}])", names.join(" ")),
        StmtKind::Nonlocal(names) => format!("(Nonlocal [{}])", names.join(" ")),
        StmtKind::Import(names) => format!("(Import {})", lst(names, alias)),
        StmtKind::ImportFrom { module, names } => {
            format!("(ImportFrom {module} {})", lst(names, alias))
        }
    };
    format!("@{}:{}{}", st.pos.line, st.pos.col, body)
}

#[test]
fn parser_agrees_with_cpython_on_the_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut files: Vec<_> = std::fs::read_dir(dir.join("parser_corpus"))
        .expect("corpus directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "the corpus is missing");
    for file in files {
        let source = std::fs::read_to_string(&file).expect("read");
        let ours = match parse_module(&source) {
            Ok(m) => m.body.iter().map(stmt).collect::<Vec<_>>().join("\n") + "\n",
            Err(e) => panic!("{}: {e}", file.display()),
        };
        let out = Command::new("python3")
            .arg(dir.join("ast_dump.py"))
            .arg(&file)
            .output()
            .expect("python3 runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let theirs = String::from_utf8(out.stdout).expect("utf-8");
        if ours != theirs {
            let (o, t): (Vec<_>, Vec<_>) = (ours.lines().collect(), theirs.lines().collect());
            for (i, (a, b)) in o.iter().zip(t.iter()).enumerate() {
                assert_eq!(a, b, "{}: statement {} differs", file.display(), i + 1);
            }
            assert_eq!(
                o.len(),
                t.len(),
                "{}: statement count differs",
                file.display()
            );
        }
    }
}
