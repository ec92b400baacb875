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
