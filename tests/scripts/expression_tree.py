# An expression tree with node classes: evaluation, pretty-printing with minimal parens, derivative, simplification.
class Expr:
    def __add__(self, o): return Add(self, wrap(o))
    def __radd__(self, o): return Add(wrap(o), self)
    def __mul__(self, o): return Mul(self, wrap(o))
    def __rmul__(self, o): return Mul(wrap(o), self)
    def __sub__(self, o): return Add(self, Mul(Num(-1), wrap(o)))
    def __pow__(self, n): return Pow(self, n)

def wrap(x):
    return x if isinstance(x, Expr) else Num(x)

class Num(Expr):
    prec = 3
    def __init__(self, v): self.v = v
    def eval(self, env): return self.v
    def diff(self, var): return Num(0)
    def __str__(self): return str(self.v)

class Var(Expr):
    prec = 3
    def __init__(self, name): self.name = name
    def eval(self, env): return env[self.name]
    def diff(self, var): return Num(1 if var == self.name else 0)
    def __str__(self): return self.name

class Add(Expr):
    prec = 1
    def __init__(self, a, b): self.a, self.b = a, b
    def eval(self, env): return self.a.eval(env) + self.b.eval(env)
    def diff(self, var): return Add(self.a.diff(var), self.b.diff(var))
    def __str__(self): return f"{self.a} + {self.b}"

class Mul(Expr):
    prec = 2
    def __init__(self, a, b): self.a, self.b = a, b
    def eval(self, env): return self.a.eval(env) * self.b.eval(env)
    def diff(self, var): return Add(Mul(self.a.diff(var), self.b), Mul(self.a, self.b.diff(var)))
    def __str__(self):
        def p(e): return f"({e})" if e.prec < self.prec else str(e)
        return f"{p(self.a)}*{p(self.b)}"

class Pow(Expr):
    prec = 2.5
    def __init__(self, base, n): self.base, self.n = base, n
    def eval(self, env): return self.base.eval(env) ** self.n
    def diff(self, var): return Mul(Mul(Num(self.n), Pow(self.base, self.n - 1)), self.base.diff(var))
    def __str__(self):
        b = f"({self.base})" if self.base.prec < 3 else str(self.base)
        return f"{b}^{self.n}"

def simplify(e):
    if isinstance(e, (Add, Mul)):
        a, b = simplify(e.a), simplify(e.b)
        if isinstance(a, Num) and isinstance(b, Num):
            return Num(a.v + b.v if isinstance(e, Add) else a.v * b.v)
        if isinstance(e, Add):
            if isinstance(a, Num) and a.v == 0: return b
            if isinstance(b, Num) and b.v == 0: return a
            return Add(a, b)
        if (isinstance(a, Num) and a.v == 0) or (isinstance(b, Num) and b.v == 0): return Num(0)
        if isinstance(a, Num) and a.v == 1: return b
        if isinstance(b, Num) and b.v == 1: return a
        return Mul(a, b)
    if isinstance(e, Pow):
        base = simplify(e.base)
        if e.n == 1: return base
        if e.n == 0: return Num(1)
        return Pow(base, e.n)
    return e

x, y = Var("x"), Var("y")
exprs = [3 * x + 2, (x + 1) * (x - 1), x ** 3 + 2 * x * y, (x + y) ** 2, x * (y + 2) * 5]
env = {"x": 2, "y": -1}
for e in exprs:
    d = simplify(e.diff("x"))
    print(f"{str(e):<22} = {e.eval(env):>4}   d/dx: {d}  = {d.eval(env)}")
print(simplify(Num(0) * x + Num(1) * (y + 0)), simplify((x + 0) ** 1), simplify(Num(2) * Num(3) + x))
