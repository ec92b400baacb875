"""Dumps CPython's syntax tree of a file in the neutral format that
scripting/tests/parse_vs_cpython.rs also produces from Shoal's parser.

Usage: python3 ast_dump.py FILE
"""
import ast
import struct
import sys


def s(text):
    return "s:" + ",".join("%x" % ord(c) for c in text)


def opt(fn, x):
    return "None" if x is None else fn(x)


def lst(fn, xs):
    return "[" + " ".join(fn(x) for x in xs) + "]"


def name(x):
    return "None" if x is None else x


BINOPS = {ast.Add: "Add", ast.Sub: "Sub", ast.Mult: "Mult", ast.Div: "Div",
          ast.FloorDiv: "FloorDiv", ast.Mod: "Mod", ast.Pow: "Pow",
          ast.LShift: "LShift", ast.RShift: "RShift", ast.BitOr: "BitOr",
          ast.BitXor: "BitXor", ast.BitAnd: "BitAnd", ast.MatMult: "MatMult"}
UNARY = {ast.Not: "Not", ast.USub: "USub", ast.UAdd: "UAdd", ast.Invert: "Invert"}
CMP = {ast.Eq: "Eq", ast.NotEq: "NotEq", ast.Lt: "Lt", ast.LtE: "LtE",
       ast.Gt: "Gt", ast.GtE: "GtE", ast.Is: "Is", ast.IsNot: "IsNot",
       ast.In: "In", ast.NotIn: "NotIn"}


def const(v):
    if v is None or v is True or v is False or v is Ellipsis:
        return repr(v)
    if isinstance(v, int):
        return "i:%d" % v
    if isinstance(v, float):
        return "f:%x" % struct.unpack("<Q", struct.pack("<d", v))[0]
    if isinstance(v, str):
        return s(v)
    if isinstance(v, bytes):
        return "b:" + ",".join("%x" % c for c in v)
    raise ValueError("constant %r" % (v,))


def at(node):
    return "@%d:%d" % (node.lineno, node.col_offset + 1)


def params(a):
    args = a.posonlyargs + a.args
    defaults = [None] * (len(args) - len(a.defaults)) + list(a.defaults)
    out = " ".join("(%s %s)" % (p.arg, opt(expr, d)) for p, d in zip(args, defaults))
    kw = " ".join("(%s %s)" % (p.arg, opt(expr, d)) for p, d in zip(a.kwonlyargs, a.kw_defaults))
    return "(Params [%s] %s [%s] %s)" % (out, name(a.vararg and a.vararg.arg), kw,
                                          name(a.kwarg and a.kwarg.arg))


def gens(gs):
    return lst(lambda g: "(for %s %s %s)" % (expr(g.target), expr(g.iter), lst(expr, g.ifs)), gs)


def fparts(values, in_f):
    out = []
    for v in values:
        if isinstance(v, ast.Constant):
            out.append("(Lit %s)" % s(v.value))
        else:
            conv = "None" if v.conversion == -1 else chr(v.conversion)
            spec = "[]" if v.format_spec is None else fparts(v.format_spec.values, True)
            out.append("(Fmt %s %s %s)" % (expr(v.value, True), conv, spec))
    return "[" + " ".join(out) + "]"


def expr(e, in_f=False):
    pos = "" if in_f else at(e)
    t = type(e)
    if t is ast.Name:
        body = "(Name %s)" % e.id
    elif t is ast.Constant:
        body = "(Const %s)" % const(e.value)
    elif t is ast.UnaryOp and isinstance(e.op, ast.USub) and isinstance(e.operand, ast.Constant) \
            and type(e.operand.value) is int:
        body = "(Const i:%d)" % -e.operand.value
    elif t is ast.BinOp:
        body = "(BinOp %s %s %s)" % (BINOPS[type(e.op)], expr(e.left, in_f), expr(e.right, in_f))
    elif t is ast.UnaryOp:
        body = "(UnaryOp %s %s)" % (UNARY[type(e.op)], expr(e.operand, in_f))
    elif t is ast.BoolOp:
        body = "(BoolOp %s %s)" % ("And" if isinstance(e.op, ast.And) else "Or",
                                   lst(lambda x: expr(x, in_f), e.values))
    elif t is ast.Compare:
        body = "(Compare %s [%s])" % (expr(e.left, in_f), " ".join(
            "(%s %s)" % (CMP[type(o)], expr(c, in_f)) for o, c in zip(e.ops, e.comparators)))
    elif t is ast.Call:
        body = "(Call %s %s [%s])" % (expr(e.func, in_f), lst(lambda x: expr(x, in_f), e.args), " ".join(
            "(%s %s)" % (name(k.arg), expr(k.value, in_f)) for k in e.keywords))
    elif t is ast.Attribute:
        body = "(Attr %s %s)" % (expr(e.value, in_f), e.attr)
    elif t is ast.Subscript:
        body = "(Sub %s %s)" % (expr(e.value, in_f), expr(e.slice, in_f))
    elif t is ast.Slice:
        body = "(Slice %s %s %s)" % (opt(lambda x: expr(x, in_f), e.lower),
                                     opt(lambda x: expr(x, in_f), e.upper),
                                     opt(lambda x: expr(x, in_f), e.step))
    elif t is ast.Starred:
        body = "(Star %s)" % expr(e.value, in_f)
    elif t in (ast.List, ast.Tuple, ast.Set):
        body = "(%s %s)" % (t.__name__, lst(lambda x: expr(x, in_f), e.elts))
    elif t is ast.Dict:
        body = "(Dict [%s])" % " ".join("(%s %s)" % (opt(lambda x: expr(x, in_f), k), expr(v, in_f))
                                        for k, v in zip(e.keys, e.values))
    elif t in (ast.ListComp, ast.SetComp, ast.GeneratorExp):
        body = "(%s %s %s)" % (t.__name__, expr(e.elt, in_f), gens(e.generators))
    elif t is ast.DictComp:
        body = "(DictComp %s %s %s)" % (expr(e.key, in_f), expr(e.value, in_f), gens(e.generators))
    elif t is ast.IfExp:
        body = "(IfExp %s %s %s)" % (expr(e.test, in_f), expr(e.body, in_f), expr(e.orelse, in_f))
    elif t is ast.Lambda:
        body = "(Lambda %s %s)" % (params(e.args), expr(e.body, in_f))
    elif t is ast.Yield:
        body = "(Yield %s)" % opt(lambda x: expr(x, in_f), e.value)
    elif t is ast.YieldFrom:
        body = "(YieldFrom %s)" % expr(e.value, in_f)
    elif t is ast.Await:
        body = "(Await %s)" % expr(e.value, in_f)
    elif t is ast.NamedExpr:
        body = "(Walrus %s %s)" % (e.target.id, expr(e.value, in_f))
    elif t is ast.JoinedStr:
        body = "(JoinedStr %s)" % fparts(e.values, True)
    else:
        raise ValueError("expression %s" % t.__name__)
    return pos + body


def alias(a):
    return "(%s %s)" % (a.name, name(a.asname))


def stmt(st):
    t = type(st)
    b = lambda xs: lst(stmt, xs)
    if t is ast.Expr:
        body = "(Expr %s)" % expr(st.value)
    elif t is ast.Assign:
        body = "(Assign %s %s)" % (lst(expr, st.targets), expr(st.value))
    elif t is ast.AugAssign:
        body = "(AugAssign %s %s %s)" % (expr(st.target), BINOPS[type(st.op)], expr(st.value))
    elif t is ast.AnnAssign:
        body = "(AnnAssign %s %s)" % (expr(st.target), opt(expr, st.value))
    elif t is ast.If:
        body = "(If %s %s %s)" % (expr(st.test), b(st.body), b(st.orelse))
    elif t is ast.While:
        body = "(While %s %s %s)" % (expr(st.test), b(st.body), b(st.orelse))
    elif t is ast.For:
        body = "(For %s %s %s %s)" % (expr(st.target), expr(st.iter), b(st.body), b(st.orelse))
    elif t in (ast.Break, ast.Continue, ast.Pass):
        body = "(%s)" % t.__name__
    elif t is ast.Return:
        body = "(Return %s)" % opt(expr, st.value)
    elif t in (ast.FunctionDef, ast.AsyncFunctionDef):
        kind = "Def" if t is ast.FunctionDef else "AsyncDef"
        body = "(%s %s %s %s %s)" % (kind, st.name, params(st.args), b(st.body), lst(expr, st.decorator_list))
    elif t is ast.ClassDef:
        kws = " ".join("(%s %s)" % (name(k.arg), expr(k.value)) for k in st.keywords)
        body = "(Class %s %s [%s] %s %s)" % (st.name, lst(expr, st.bases), kws, b(st.body), lst(expr, st.decorator_list))
    elif t is ast.Try:
        hs = " ".join("(Handler %s %s %s)" % (opt(expr, h.type), name(h.name), b(h.body)) for h in st.handlers)
        body = "(Try %s [%s] %s %s)" % (b(st.body), hs, b(st.orelse), b(st.finalbody))
    elif t is ast.Raise:
        body = "(Raise %s %s)" % (opt(expr, st.exc), opt(expr, st.cause))
    elif t is ast.With:
        items = " ".join("(%s %s)" % (expr(i.context_expr), opt(expr, i.optional_vars)) for i in st.items)
        body = "(With [%s] %s)" % (items, b(st.body))
    elif t is ast.Assert:
        body = "(Assert %s %s)" % (expr(st.test), opt(expr, st.msg))
    elif t is ast.Delete:
        body = "(Del %s)" % lst(expr, st.targets)
    elif t in (ast.Global, ast.Nonlocal):
        body = "(%s [%s])" % (t.__name__, " ".join(st.names))
    elif t is ast.Import:
        body = "(Import %s)" % lst(alias, st.names)
    elif t is ast.ImportFrom:
        body = "(ImportFrom %s %s)" % (st.module, lst(alias, st.names))
    else:
        raise ValueError("statement %s" % t.__name__)
    return at(st) + body


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        tree = ast.parse(f.read())
    for st in tree.body:
        print(stmt(st))


main()
