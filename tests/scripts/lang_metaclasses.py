# Metaclasses: __new__/__init__/__call__, class protocols, keywords, conflicts.
class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        print("new", mcls.__name__, name, [b.__name__ for b in bases], sorted(k for k in ns if not k.startswith('__')), kw)
        cls = super().__new__(mcls, name, bases, ns)
        cls.registry = []
        return cls
    def __init__(cls, name, bases, ns, **kw):
        print("init", name)
        super().__init__(name, bases, ns)
    def __iter__(cls):
        return iter(cls.registry)
    def __len__(cls):
        return len(cls.registry)
    def __contains__(cls, x):
        return x in cls.registry
    def __getitem__(cls, i):
        return cls.registry[i]
    def __repr__(cls):
        return "<meta %s>" % cls.__name__
    def __call__(cls, *args, **kw):
        print("call", cls.__name__, args)
        obj = super().__call__(*args, **kw)
        cls.registry.append(obj)
        return obj
    def describe(cls):
        return "class " + cls.__name__
    @property
    def size(cls):
        return len(cls.registry)

class Base(metaclass=Meta):
    def __init__(self, x):
        self.x = x
    def __repr__(self):
        return "Base(%r)" % self.x

class Child(Base, flag=True):
    y = 2

b = Base(1)
c = Child(5)
c2 = Child(6)
print(list(Base), list(Child), len(Child), c in Child, Child[1])
print(repr(Base), Child, type(Child) is Meta, isinstance(Child, Meta), isinstance(Child, type))
print(Child.describe(), Child.size, Child.__class__.__name__, issubclass(Meta, type))
print(type(Meta), Meta.__mro__)

def factory(name, bases, ns, **kw):
    print("factory", name, kw)
    return 42
class F(metaclass=factory, a=1):
    pass
print(F)

class S:
    def __init_subclass__(cls, tag=None, **kw):
        print("subclass", cls.__name__, tag)
        super().__init_subclass__(**kw)
class T(S, tag="x"):
    pass
try:
    class U(bogus=1):
        pass
except TypeError as e:
    print(e)
X = Meta("X", (), {"q": 1})
print(X.q, type(X).__name__, X)
class M2(type): pass
class M3(type): pass
class P(metaclass=M2): pass
class Q(metaclass=M3): pass
try:
    class R(P, Q): pass
except TypeError as e:
    print(e)
class M4(M2): pass
class V(P, metaclass=M4): pass
print(type(V).__name__)
class W(V): pass
print(type(W).__name__)


class Prep(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        print("prepare", name, [b.__name__ for b in bases])
        return {"seeded": 7}


class WithPrep(metaclass=Prep):
    own = seeded + 1


print(WithPrep.seeded, WithPrep.own)


class Ordered(type):
    def __new__(mcls, name, bases, ns):
        ns["fields"] = [k for k in ns if not k.startswith("_")]
        return super().__new__(mcls, name, bases, ns)


class Record(metaclass=Ordered):
    x = 1
    y = 2

    def total(self):
        return self.x + self.y


print(Record.fields, Record().total(), type(Record).__name__)


class Singleton(type):
    _instances = {}

    def __call__(cls, *args, **kwargs):
        if cls not in Singleton._instances:
            Singleton._instances[cls] = super().__call__(*args, **kwargs)
        return Singleton._instances[cls]


class Config(metaclass=Singleton):
    def __init__(self, level=1):
        self.level = level


a = Config(3)
b = Config(5)
print(a is b, a.level, Config.__class__ is Singleton)


class Counted(type):
    count = 0

    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        Counted.count += 1
        cls.serial = Counted.count


class One(metaclass=Counted):
    pass


class Two(One):
    pass


print(One.serial, Two.serial, Counted.count, isinstance(Two, Counted))
try:
    One.missing
except AttributeError as e:
    print(e)
