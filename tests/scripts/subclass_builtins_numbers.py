# Instances of int, float and str subclasses where built-ins want the
# type itself.
import math


class Ip(int):
    pass


class Fp(float):
    pass


class Sp(str):
    pass


items = [10, 20, 30]
print(items[Ip(1)], (1, 2, 3)[Ip(2)], "abc"[Ip(0)])
print(list(range(Ip(3))), chr(Ip(65)), hex(Ip(255)), bin(Ip(5)))
print(math.sqrt(Fp(16.0)), math.sqrt(Ip(9)), math.floor(Fp(2.5)), math.factorial(Ip(5)))
print(",".join([Sp("a"), Sp("b")]), getattr(items, Sp("count"))(10), int(Sp("12")))
print(round(Fp(2.567), Ip(2)), "x" * Ip(3), [0] * Ip(2))


def f():
    x = "enclosing"

    class C:
        x = "class"
        seen = [x for _ in range(1)]

        def m(self):
            return x

    return C.x, C.seen, C().m()


print(f())


async def done():
    return 1


c = done()
try:
    c.send(None)
except StopIteration as e:
    print("first", e.value)


async def again():
    return await c


try:
    again().send(None)
except RuntimeError as e:
    print("RuntimeError:", e)
