class A: pass
class B: pass
class S:
    __slots__ = ("x",)
o = A()
for v in [5, int, S, B]:
    try:
        o.__class__ = v
        print("ok", type(o).__name__)
    except TypeError as e:
        print("TypeError:", e)
class L(list): pass
l = L()
try:
    l.__class__ = A
except TypeError as e:
    print("TypeError:", e)
class P:
    @property
    def x(self): return "prop"
p = P()
p.__dict__["x"] = 5
print(p.x)
class Q:
    x = property()
q = Q()
q.__dict__["x"] = 1
try:
    print(q.x)
except AttributeError as e:
    print("AttributeError:", e)


# obj.__class__ = X accepts layouts CPython refuses.
class P: pass
class NoDict: __slots__ = ()
class S: __slots__ = ("a",)
class SubS(S): pass            # adds a __dict__
class E(Exception): pass
class K(KeyError): pass
class I(int): pass
class J(int): pass
def tryset(o, cls):
    try:
        o.__class__ = cls
        print("accepted:", type(o).__name__)
    except TypeError as e:
        print("TypeError:", e)
tryset(P(), NoDict)
tryset(NoDict(), P)
tryset(SubS(), S)
tryset(P(), E)
tryset(E("x"), P)
tryset(E("x"), K)
tryset(E("x"), ValueError)
tryset(ValueError("x"), E)
tryset(I(1), J)


class P: pass
class E(Exception): pass
try:
    try:
        raise E("x")
    except E as e:
        e.__class__ = P      # CPython: TypeError (layout differs)
        raise
except BaseException as b:
    print("caught", type(b).__name__)
print("end")
