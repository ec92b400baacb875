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


# ---- bug1_class_assign_var_sized.py
# 3d6a666's layout(): "a variable-sized built-in base (int, str, tuple, bytes)
# as the class itself: no two such subclasses share a layout" -- wrong for
# str (not var-sized in CPython), for a subclass and its parent that add
# nothing, and for __slots__ = () subclasses such as namedtuples.
from collections import namedtuple
def tryset(o, cls):
    try:
        o.__class__ = cls
        print("accepted:", type(o).__name__)
    except TypeError as e:
        print("TypeError:", e)
class I(int): pass
class I2(I): pass
tryset(I2(1), I)          # CPython: accepted
tryset(I(1), I2)          # CPython: accepted
class S1(str): pass
class S2(str): pass
tryset(S1("a"), S2)       # CPython: accepted
class T1(tuple): pass
class T3(T1): pass
tryset(T3((1,)), T1)      # CPython: accepted
P = namedtuple("P", "x y")
Q = namedtuple("Q", "x y")
tryset(P(1, 2), Q)        # CPython: accepted
class Ts1(tuple): __slots__ = ()
class Ts2(tuple): __slots__ = ()
tryset(Ts1((1,)), Ts2)    # CPython: accepted


# ---- bug2_class_assign_slots.py
# layout() sums the hidden "\0slots" tuples of every class on the MRO; that
# tuple is the *cumulative* slot list and exists only when every class on the
# MRO has __slots__ without __dict__. So a __slots__=() subclass looks
# different from its parent, slot order matters, and a __slots__ class under
# a dict class looks like its dict-only parent.
def tryset(o, cls):
    try:
        o.__class__ = cls
        print("accepted:", type(o).__name__)
    except TypeError as e:
        print("TypeError:", e)
class A: __slots__ = ("a", "b")
class B: __slots__ = ("b", "a")
tryset(A(), B)            # CPython: accepted (slot names compared sorted)
class H(A): __slots__ = ()
tryset(H(), A)            # CPython: accepted
tryset(A(), H)            # CPython: accepted
class M1: pass
class M2(M1): __slots__ = ("x",)
tryset(M2(), M1)          # CPython: TypeError layout differs
tryset(M1(), M2)          # CPython: TypeError layout differs
class L(list): pass
class L2(L): __slots__ = ("z",)
tryset(L2(), L)           # CPython: TypeError layout differs


# ---- bug3_class_assign_static_types.py
# Types that are static (immutable) C types in CPython but script classes in
# Shoal: __class__ assignment is accepted (or refused with another message).
import io, functools, itertools
from collections import OrderedDict, defaultdict
def tryset(o, cls):
    try:
        o.__class__ = cls
        print("accepted:", type(o).__name__)
    except TypeError as e:
        print("TypeError:", e)
for factory, base in [(object, object), (OrderedDict, OrderedDict),
                      (defaultdict, defaultdict), (io.StringIO, io.StringIO),
                      (functools.partial, functools.partial)]:
    obj = factory() if factory is not functools.partial else factory(print)
    tryset(obj, type("Sub", (base,), {}))
class MyD(dict): pass
class MyDD(defaultdict): pass
d = MyD()
tryset(d, MyDD)           # CPython: layout differs; Shoal accepts...
try:
    print(d["k"])         # ...and then __missing__ fails on default_factory
except Exception as e:
    print(type(e).__name__, e)


# ---- bug5_class_object_class_assign.py
# __class__ assignment on a class (or function) object is not routed to the
# __class__ checks: it is stored as a plain class attribute, so instances
# then report the metaclass as their __class__.
class M2(type): pass
class D: pass
try:
    D.__class__ = M2      # CPython: TypeError (type is immutable)
except TypeError as e:
    print("TypeError", e)
print(D().__class__.__name__, type(D).__name__)
class M1(type): pass
class C(metaclass=M1): pass
try:
    C.__class__ = M2      # CPython: accepted, type(C) is M2
except TypeError as e:
    print("TypeError", e)
print(type(C).__name__, C().__class__.__name__)
