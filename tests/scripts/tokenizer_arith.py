# A tokenizer and recursive-descent parser/evaluator for arithmetic expressions.
class Token:
    def __init__(self, kind, text):
        self.kind = kind
        self.text = text

    def __repr__(self):
        return f"{self.kind}:{self.text}"


def tokenize(src):
    tokens = []
    i = 0
    while i < len(src):
        ch = src[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit() or ch == ".":
            j = i
            while j < len(src) and (src[j].isdigit() or src[j] == "."):
                j += 1
            tokens.append(Token("NUM", src[i:j]))
            i = j
        elif ch.isalpha():
            j = i
            while j < len(src) and src[j].isalnum():
                j += 1
            tokens.append(Token("NAME", src[i:j]))
            i = j
        elif ch in "+-*/()^%":
            tokens.append(Token("OP", ch))
            i += 1
        else:
            raise SyntaxError(f"unexpected {ch!r} at {i}")
    tokens.append(Token("EOF", ""))
    return tokens


class Parser:
    def __init__(self, tokens, env):
        self.tokens = tokens
        self.pos = 0
        self.env = env

    def peek(self):
        return self.tokens[self.pos]

    def take(self):
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def expr(self):
        value = self.term()
        while self.peek().text in ("+", "-"):
            op = self.take().text
            rhs = self.term()
            value = value + rhs if op == "+" else value - rhs
        return value

    def term(self):
        value = self.factor()
        while self.peek().text in ("*", "/", "%"):
            op = self.take().text
            rhs = self.factor()
            if op == "*":
                value *= rhs
            elif op == "/":
                value /= rhs
            else:
                value %= rhs
        return value

    def factor(self):
        base = self.unary()
        if self.peek().text == "^":
            self.take()
            return base ** self.factor()
        return base

    def unary(self):
        if self.peek().text == "-":
            self.take()
            return -self.unary()
        return self.atom()

    def atom(self):
        tok = self.take()
        if tok.kind == "NUM":
            return float(tok.text) if "." in tok.text else int(tok.text)
        if tok.kind == "NAME":
            return self.env[tok.text]
        if tok.text == "(":
            v = self.expr()
            if self.take().text != ")":
                raise SyntaxError("expected )")
            return v
        raise SyntaxError(f"unexpected token {tok!r}")


def evaluate(src, env=None):
    return Parser(tokenize(src), env or {}).expr()


print(tokenize("3 + 4*(x - 1)"))
for src in ["1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-2 ^ 2", "10 / 4", "17 % 5 + x", "1.5 * (2 + y)", "((7))"]:
    print(f"{src:<14} = {evaluate(src, {'x': 10, 'y': 0.5})}")
for bad in ["1 + ", "2 $ 3", "(1 + 2", "z + 1"]:
    try:
        evaluate(bad)
    except SyntaxError as e:
        print("SyntaxError:", e)
    except KeyError as e:
        print("unknown name", e)
