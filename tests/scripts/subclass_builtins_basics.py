class L(list):
    def total(self):
        return sum(self)
l = L([1, 2, 3])
l.append(4)
print(l, len(l), l.total(), l[0], l[-1], l[1:3], type(l).__name__, isinstance(l, list), issubclass(L, list))
l += [5]
print(type(l).__name__, l)
for x in l:
    print(x, end=" ")
print()
print(3 in l, l == [1, 2, 3, 4, 5], [1, 2, 3, 4, 5] == l, l + [6], sorted(l, reverse=True))
print(L.__mro__, L.__bases__)

class D(dict):
    def __missing__(self, key):
        return key * 2
d = D(a=1)
d['b'] = 2
print(d, d['a'], len(d), list(d.keys()), d.get('z', 0))

class Stack(list):
    def __init__(self, name):
        super().__init__()
        self.name = name
    def push(self, x):
        self.append(x)
s = Stack("s")
s.push(1); s.push(2)
print(s.name, s, s.pop(), s)

class P(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))
    @property
    def x(self):
        return self[0]
p = P(3, 4)
print(p, p.x, p[1], len(p), type(p).__name__, isinstance(p, tuple), hash(p) == hash((3, 4)))

class S(str):
    def shout(self):
        return self.upper() + "!"
s = S("hi")
print(s, s.shout(), s + " there", len(s), s == "hi", repr(s), f"{s}", "%s" % s)

class I(int):
    def double(self):
        return self * 2
i = I(21)
print(i, i.double(), i + 1, type(i + 1).__name__, i == 21, repr(i), str(i), hash(i) == 21)
class Counter(dict):
    def inc(self, k):
        self[k] = self.get(k, 0) + 1
c = Counter()
for w in "a b a c a".split():
    c.inc(w)
print(c, sorted(c.items()))
try:
    class B(bool): pass
except TypeError as e:
    print(e)
class St(set): pass
st = St([1, 2])
st.add(3)
print(st, len(st), 2 in st, st | {4})
class F(float): pass
print(F(2.5) * 2, F("1.5"))
