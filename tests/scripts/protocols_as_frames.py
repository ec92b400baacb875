# Dunders, properties, __getattr__, with, truth, iteration protocols and
# key functions (all run as frames in Shoal) give what CPython gives.
class V:
    def __init__(self, x): self.x = x
    def __add__(self, o): return V(self.x + o.x)
    def __radd__(self, o): return V(self.x + o)
    def __eq__(self, o): return isinstance(o, V) and self.x == o.x
    def __lt__(self, o): return self.x < o.x
    def __repr__(self): return f"V({self.x})"
    def __bool__(self): return self.x != 0
    def __len__(self): return abs(self.x)
    @property
    def double(self): return self.x * 2
    @double.setter
    def double(self, v): self.x = v // 2
class It:
    def __init__(self, n): self.n = n; self.i = 0
    def __iter__(self): return self
    def __next__(self):
        if self.i >= self.n: raise StopIteration
        self.i += 1
        return self.i
print(V(1) + V(2), 3 + V(4), sum([V(1), V(2)], V(0)))
print(V(1) == V(1), V(1) != V(2), V(1) < V(2), V(3) > V(2))
print(sorted([V(3), V(1), V(2)]), sorted([3,1,2], key=lambda x: -x), min([V(3), V(1)]), max([1,5,2], key=lambda x: -x))
print(list(It(3)), [x for x in It(4)], sum(It(4)), any(It(2)), all(x > 0 for x in It(3)))
print(list(map(lambda x: x*2, [1,2,3])), list(filter(lambda x: x%2, range(6))), list(zip(It(2), "ab")), list(enumerate(It(2), 5)))
print(len(V(-3)), bool(V(0)), not V(0), str(V(5)), repr(V(6)), f"{V(7)}", f"{V(8)!r}")
v = V(5); print(v.double); v.double = 20; print(v.x)
g = (i*i for i in range(4)); print(next(g), next(g), list(g), next(g, 'done'))
print(3 in It(5), 9 in It(5), V(2) in [V(1), V(2)])
a, b, *c = It(5); print(a, b, c)
print(tuple(x for x in range(3)), set(x%2 for x in range(5)), dict((i, i*i) for i in range(3)), ",".join(str(i) for i in range(3)))
def f(*args): return args
print(f(*It(3)))
class Lock:
    def __enter__(self): print("enter"); return self
    def __exit__(self, t, e, tb): print("exit", t); return t is ValueError
with Lock() as l:
    print("body")
with Lock():
    raise ValueError("x")
print("after")
class Base:
    def __init_subclass__(cls): print("sub", cls.__name__)
class Child(Base): pass
class G:
    def __getattr__(self, n): return n.upper()
print(G().hello, getattr(G(), "abc"))
def gen():
    yield 1
    return 5
it = gen(); next(it)
try: next(it)
except StopIteration as e: print("stop", e.value)
print(V(1) if V(0) else "falsy", V(0) or V(9), V(2) and V(3))
print(list.append, )
try: list.append(5, 1)
except TypeError as e: print(e)
try: str.upper(5)
except TypeError as e: print(e)
try: list.append()
except TypeError as e: print(e)
class K:
    def __init__(self, k): self.k = k
    def __repr__(self): return "K%d" % self.k
    def __eq__(self, o): return isinstance(o, K) and o.k == self.k
    def __lt__(self, o): return self.k < o.k
    def __getitem__(self, i):
        if i >= self.k: raise IndexError(i)
        return i * 10
    def __setitem__(self, i, v): print("set", i, v)
    def __delitem__(self, i): print("del", i)
print([K(1), K(2)] == [K(1), K(2)], [K(1)] != [K(2)], (K(1), K(3)) < (K(1), K(4)), [K(1)] < [K(1), K(0)])
print(K(2) in [K(1), K(2)], K(5) not in (K(1),), 3 in [K(3)])
class R:
    def __repr__(self): return "R!"
print([K(1), (K(2),), {"a": K(3)}, {R()}], repr((K(1),)), str([[K(2)]]))
l = [K(1)]; l.append(l); print(l)
d = {}; d["me"] = d; d["k"] = K(7); print(d)
k = K(3); print(k[1], list(k), [x for x in k]); k[2] = "v"; del k[0]
print(f"{[K(9)]}", "%s" % [K(8)])
def g():
    x = yield 1
    print("got", x)
    yield x * 2
gen = g(); print(next(gen), gen.send(21))
try: gen.send(0)
except StopIteration: print("finished")
# Review findings: each compared with CPython.
class H:
    def __contains__(s, x): return 0
print(3 in H(), 3 not in H())
class S2:
    def __str__(self): return "S2!"
print("%s" % S2(), "x %s" % [1])
class A:
    def __add__(s, o): return "A.add"
    def __eq__(s, o): return "A.eq"
    def __lt__(s, o): return "A.lt"
class B(A):
    def __radd__(s, o): return "B.radd"
    def __eq__(s, o): return "B.eq"
    def __gt__(s, o): return "B.gt"
print(A() + B(), A() == B(), A() < B(), A() != B())
class PG:
    @property
    def p(self): raise AttributeError("inner")
    def __getattr__(self, n): return "ga:" + n
print(PG().p, hasattr(PG(), "p"), getattr(PG(), "p"))
class KG:
    def __getattr__(self, n): raise KeyError(n)
try:
    hasattr(KG(), "x")
except KeyError as e:
    print("KE", e)
class FS:
    def __format__(self, spec): return "F[" + spec + "]"
    def __str__(self): return "FS"
print(f"{FS()}", f"{FS():>5}", f"{FS()!s}", format(FS(), "x"))
def w(x):
    for i in range(9):
        x = (x,)
    return x
print(w(V(1)) < w(V(2)), sorted([w(V(2)), w(V(1))]) == [w(V(1)), w(V(2))])
def gen3():
    print("a"); yield 1
    print("b"); yield 2
    print("c"); yield 3
    print("d")
try:
    x, y = gen3()
except ValueError as e:
    print(e)
class CM:
    def __enter__(self): return self
    def __exit__(self, t, e, tb): raise KeyError("k")
try:
    with CM():
        raise ValueError("v")
except KeyError as e:
    print(repr(e), repr(e.__context__))
class X:
    def __str__(s): raise KeyError("boom")
try:
    str(ValueError(X()))
except KeyError as e:
    print("str of exception:", e)
print(len(format(1.0, '.99999f')), len('%.70000e' % 1.5))
class A:
    def __int__(self): return 7
    def __float__(self): return 2.5
class B:
    def __index__(self): return 3
class C:
    def __int__(self): return "x"
    def __float__(self): return 1
print(int(A()), float(A()), int(B()), float(B()))
for f in (lambda: int(C()), lambda: float(C())):
    try: f()
    except TypeError as e: print(e)
class E:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return isinstance(o, E) and o.v == self.v
    def __repr__(self): return "E(%d)" % self.v
l = [E(1), E(2), E(1), 3]
print(l.index(E(1)), l.index(E(1), 1), l.count(E(1)), (E(1), E(2)).index(E(2)), l.index(3))
l.remove(E(2)); print(l)
for f in (lambda: l.index(E(9)), lambda: l.remove(E(9)), lambda: (E(1),).index(E(5)), lambda: l.index(E(1), -1)):
    try: f()
    except ValueError as e: print(e)
