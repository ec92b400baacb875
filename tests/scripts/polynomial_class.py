# A Polynomial class: addition, multiplication, evaluation by Horner, derivative and pretty printing.
class Poly:
    def __init__(self, coeffs):
        coeffs = list(coeffs)
        while len(coeffs) > 1 and coeffs[-1] == 0:
            coeffs.pop()
        self.c = coeffs

    def degree(self):
        return len(self.c) - 1

    def __add__(self, o):
        n = max(len(self.c), len(o.c))
        a = self.c + [0] * (n - len(self.c))
        b = o.c + [0] * (n - len(o.c))
        return Poly([x + y for x, y in zip(a, b)])

    def __sub__(self, o):
        return self + Poly([-x for x in o.c])

    def __mul__(self, o):
        out = [0] * (len(self.c) + len(o.c) - 1)
        for i, a in enumerate(self.c):
            for j, b in enumerate(o.c):
                out[i + j] += a * b
        return Poly(out)

    def __call__(self, x):
        acc = 0
        for coef in reversed(self.c):
            acc = acc * x + coef
        return acc

    def derivative(self):
        return Poly([i * c for i, c in enumerate(self.c)][1:] or [0])

    def __eq__(self, o):
        return self.c == o.c

    def __str__(self):
        terms = []
        for i in range(len(self.c) - 1, -1, -1):
            c = self.c[i]
            if c == 0 and len(self.c) > 1:
                continue
            sign = "-" if c < 0 else "+"
            c = abs(c)
            coef = "" if c == 1 and i > 0 else str(c)
            var = "" if i == 0 else ("x" if i == 1 else f"x^{i}")
            terms.append((sign, coef + var))
        s = " ".join(f"{sg} {t}" for sg, t in terms)
        return s[2:] if s.startswith("+") else "-" + s[2:]

p = Poly([1, -3, 0, 2])
q = Poly([0, 1, 1])
print(p, "|", q, "|", p.degree())
print(p + q, "|", p - p, "|", p * q)
print(p.derivative(), "|", p.derivative().derivative(), "|", Poly([5]).derivative())
print([p.c[0] + 0 for _ in range(1)], (p * q).degree(), p - q == Poly([1, -4, -1, 2]))
x1 = Poly([-1, 1])
expanded = Poly([1])
for _ in range(5):
    expanded = expanded * x1
print("(x-1)^5 =", expanded)
def newton(poly, x, steps=20):
    d = poly.derivative()
    for _ in range(steps):
        x = x - poly.c[0] * 0 - (sum(c * x ** i for i, c in enumerate(poly.c))) / sum(c * x ** i for i, c in enumerate(d.c))
    return round(x, 10)
print(newton(Poly([-2, 0, 1]), 1.0), newton(p, 0.0))
