# A tiny line-based interpreter: variables, arithmetic, if/goto, print; runs a loop program.
PROGRAM = """
let n = 10
let a = 0
let b = 1
let i = 0
label loop
if i >= n goto done
print i a
let t = a + b
let a = b
let b = t
let i = i + 1
goto loop
label done
print 'fib' a
"""

class Machine:
    def __init__(self, source):
        self.lines = [l.strip() for l in source.strip().splitlines()]
        self.vars = {}
        self.labels = {l.split()[1]: i for i, l in enumerate(self.lines) if l.startswith("label ")}
        self.steps = 0

    def value(self, tok):
        if tok.startswith("'"):
            return tok.strip("'")
        if tok.lstrip("-").isdigit():
            return int(tok)
        return self.vars[tok]

    def expr(self, toks):
        if len(toks) == 1:
            return self.value(toks[0])
        a, op, b = toks
        a, b = self.value(a), self.value(b)
        return {"+": a + b, "-": a - b, "*": a * b, "<": a < b, ">=": a >= b, "==": a == b}[op]

    def run(self):
        pc = 0
        out = []
        while pc < len(self.lines):
            self.steps += 1
            toks = self.lines[pc].split()
            pc += 1
            cmd = toks[0]
            if cmd == "let":
                self.vars[toks[1]] = self.expr(toks[3:])
            elif cmd == "print":
                out.append(" ".join(str(self.value(t)) for t in toks[1:]))
            elif cmd == "goto":
                pc = self.labels[toks[1]]
            elif cmd == "if":
                if self.expr(toks[1:4]):
                    pc = self.labels[toks[5]]
            elif cmd == "label":
                pass
            else:
                raise SyntaxError(f"unknown command {cmd}")
        return out

m = Machine(PROGRAM)
print("\n".join(m.run()))
print("steps:", m.steps, "vars:", sorted(m.vars.items()))
try:
    Machine("jump 3").run()
except SyntaxError as e:
    print("error:", e)
