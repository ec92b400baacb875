# Heavy allocation inside generators consumed by builtins; issubclass, rfind, set.update, more math.
def to_roman(n):
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = []
    for v, s in vals:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)
def f(n):
    return "".join([str(n) * 3 for i in range(10)])
print(sum(len(f(n)) for n in range(1, 4000)))
print(all(len(to_roman(n)) > 0 for n in range(1, 4000)))
class A: pass
class B(A): pass
print(issubclass(B, A), issubclass(A, B), issubclass(B, (int, A)), "hello".rfind("l"), f.__name__)
s = {1}
s.update([2, 3], (4,))
print(sorted(s))
import math
print(math.degrees(math.pi), math.radians(180), math.log10(1000), math.log2(8), math.isqrt(17), math.pow(2, 10), math.trunc(-2.7))
