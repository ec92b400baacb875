# A small Lisp interpreter: tokenizer, reader, environments with closures, special forms and recursion.
class Env:
    def __init__(self, params=(), args=(), outer=None):
        self.vars = dict(zip(params, args))
        self.outer = outer
    def find(self, name):
        env = self
        while env is not None:
            if name in env.vars:
                return env
            env = env.outer
        raise NameError(f"unbound symbol {name}")

class Lambda:
    def __init__(self, params, body, env):
        self.params, self.body, self.env = params, body, env

def tokenize(src):
    return src.replace("(", " ( ").replace(")", " ) ").split()

def read(tokens):
    tok = tokens.pop(0)
    if tok == "(":
        lst = []
        while tokens[0] != ")":
            lst.append(read(tokens))
        tokens.pop(0)
        return lst
    if tok == ")":
        raise SyntaxError("unexpected )")
    try:
        return int(tok)
    except ValueError:
        try:
            return float(tok)
        except ValueError:
            return tok

def global_env():
    env = Env()
    env.vars.update({
        "+": lambda *a: sum(a), "-": lambda a, b=None: -a if b is None else a - b,
        "*": lambda a, b: a * b, "/": lambda a, b: a / b, "<": lambda a, b: a < b,
        ">": lambda a, b: a > b, "=": lambda a, b: a == b, "list": lambda *a: list(a),
        "car": lambda l: l[0], "cdr": lambda l: l[1:], "cons": lambda a, l: [a] + l,
        "null?": lambda l: l == [], "mod": lambda a, b: a % b,
    })
    return env

def evaluate(x, env):
    while True:
        if isinstance(x, str):
            return env.find(x).vars[x]
        if not isinstance(x, list):
            return x
        op = x[0]
        if op == "quote":
            return x[1]
        if op == "if":
            x = x[2] if evaluate(x[1], env) else x[3]
            continue
        if op == "define":
            env.vars[x[1]] = evaluate(x[2], env)
            return None
        if op == "lambda":
            return Lambda(x[1], x[2], env)
        if op == "begin":
            for e in x[1:-1]:
                evaluate(e, env)
            x = x[-1]
            continue
        f = evaluate(op, env)
        args = [evaluate(a, env) for a in x[1:]]
        if isinstance(f, Lambda):
            x, env = f.body, Env(f.params, args, f.env)
            continue
        return f(*args)

def to_str(v):
    if isinstance(v, list):
        return "(" + " ".join(to_str(i) for i in v) + ")"
    if isinstance(v, bool):
        return "#t" if v else "#f"
    if isinstance(v, Lambda):
        return "<lambda>"
    return str(v)

env = global_env()
program = """
(define fact (lambda (n) (if (< n 2) 1 (* n (fact (- n 1))))))
(define fib (lambda (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))))
(define map (lambda (f l) (if (null? l) (quote ()) (cons (f (car l)) (map f (cdr l))))))
(define range (lambda (a b) (if (= a b) (quote ()) (cons a (range (+ a 1) b)))))
(define make-adder (lambda (n) (lambda (x) (+ x n))))
(define add5 (make-adder 5))
(define loop (lambda (i acc) (if (= i 0) acc (loop (- i 1) (+ acc i)))))
(fact 10)
(map fib (range 0 12))
(map add5 (list 1 2 3))
(loop 2000 0)
(begin (define x 3) (* x x))
(if (> 2 3) (quote yes) (quote no))
(/ 7 2)
(- 4)
(undefined-fn 1)
"""
tokens = tokenize(program)
while tokens:
    expr = read(tokens)
    try:
        result = evaluate(expr, env)
        if result is not None:
            print(to_str(expr)[:40].ljust(40), "=>", to_str(result))
    except NameError as e:
        print("error:", e)
