# Descriptors (__get__/__set__/__delete__/__set_name__), __setattr__/__delattr__ hooks, property fget/fset/fdel/doc.
class P:
    def __init__(self, x, y): self.x, self.y = x, y
    def __eq__(self, o): return isinstance(o, P) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self): return hash((self.x, self.y))
d = {P(1, 2): 'a'}
print(d[P(1, 2)], P(1, 2) in d, len({P(1,2), P(1,2), P(2,1)}))
class S:
    def __setattr__(self, k, v):
        print("set", k, v)
        object.__setattr__(self, k, v)
    def __delattr__(self, k):
        print("del", k)
        object.__delattr__(self, k)
s = S(); s.a = 1; print(s.a); del s.a
class D:
    def __get__(self, obj, owner):
        return ("get", owner.__name__, obj is None)
    def __set__(self, obj, v):
        object.__setattr__(obj, '_v', v * 2)
class H:
    d = D()
h = H(); print(h.d, H.d); h.d = 5; print(h._v)
class Lazy:
    def __init__(self, f): self.f = f
    def __set_name__(self, owner, name): self.name = name
    def __get__(self, obj, owner=None):
        if obj is None: return self
        v = self.f(obj); setattr(obj, self.name, v); return v
class Q:
    @Lazy
    def big(self): print("compute"); return 42
q = Q(); print(q.big, q.big)
p = property(lambda s: 1, doc="hello")
print(p.__doc__, p.fget is not None, p.fset)
class Temp:
    def __init__(self): self._c = 0
    @property
    def c(self):
        "Celsius."
        return self._c
    @c.setter
    def c(self, v): self._c = v
    @c.deleter
    def c(self): print("deleting"); self._c = None
t = Temp(); t.c = 5; print(t.c, Temp.c.__doc__); del t.c; print(t.c)
try:
    del Temp().__class__.c.fget.x
except AttributeError as e:
    print("AttributeError")
r = property(fget=lambda s: 3)
class R: x = r
print(R().x, R.x.fset, R.x.fdel)
try:
    del R().x
except AttributeError as e:
    print(e)
class Typed:
    def __init__(self, kind): self.kind = kind
    def __set_name__(self, owner, name): self.name = "_" + name
    def __get__(self, obj, owner):
        if obj is None: return self
        return getattr(obj, self.name)
    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError("%s must be %s" % (self.name[1:], self.kind.__name__))
        setattr(obj, self.name, value)
    def __delete__(self, obj):
        print("delete", self.name)
class Unit:
    hp = Typed(int)
    name = Typed(str)
    def __init__(self, name, hp): self.name = name; self.hp = hp
u = Unit("orc", 10)
print(u.name, u.hp, Unit.hp.name)
try:
    u.hp = "lots"
except TypeError as e:
    print("TypeError", e)
del u.hp
setattr(u, "hp", 7); print(getattr(u, "hp"))
class Frozen:
    def __init__(self, x): object.__setattr__(self, "x", x)
    def __setattr__(self, k, v): raise AttributeError("frozen: " + k)
    def __delattr__(self, k): raise AttributeError("frozen del: " + k)
f = Frozen(3)
for action in (lambda: setattr(f, "x", 4), lambda: delattr(f, "x")):
    try:
        action()
    except AttributeError as e:
        print(e)
try:
    f.y = 1
except AttributeError as e:
    print(e)
print(f.x)
class Logged:
    def __setattr__(self, k, v):
        super().__setattr__(k, v * 2)
l = Logged(); l.a = 21; print(l.a)


class Fallback:
    class Flaky:
        def __get__(self, obj, owner):
            raise AttributeError("nope")
    x = Flaky()

    def __getattr__(self, name):
        return "fallback " + name


print(Fallback().x, getattr(Fallback(), "x"))
