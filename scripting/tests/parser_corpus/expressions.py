# Operators, precedence and literals.
a = 1 + 2 * 3 - 4 / 5 // 6 % 7
b = -2 ** 2, (-2) ** 2, 2 ** -1, 2 ** 3 ** 2
c = ~5 & 3 | 4 ^ 1 << 2 >> 1
d = not a and b or c
e = 1 < 2 <= 3 != 4 == 4 > 0 >= -1
f = x is None, y is not None, 1 in [1], 2 not in (1,)
g = 0x1F + 0o17 + 0b101 + 1_000_000 + 3.25 + .5 + 1e3 + 2.5E-3
h = -9223372036854775807 - 1
i = True if a else False
j = [], [1], [1, 2,], (), (1,), (1, 2), {}, {1: 2}, {1, 2}
k = obj.attr.method(1, 2, key=3)[0][1:2][::2][a:b:c]
l = call(*args, **kwargs), call(1, *rest, x=2, **more)
m = ...
n = a if b else c if d else e
o = lambda: 0
p = lambda x, y=2, *z, w, **kw: x + y
q = (yield_value := 10) + 1
r = d[1, 2], d[1:2, ::3]
s = 'single' "double" '''triple''' """another"""
t = a.b.c.d
u = f(x)(y)(z)
v = [x for x in range(3)]
w = not not a
x = -(-1) + +1
y = 1 if 2 else 3, 4
z = a[-1], a[:-1], a[::-1]
