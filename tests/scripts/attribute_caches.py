# The interpreter caches, per call site, where an attribute was found and
# what a class lookup decided. Every change below must be seen at once.


class Base:
    def greet(self):
        return "base"


class Child(Base):
    def __init__(self, n):
        self.n = n

    def bump(self, k):
        self.n += k
        return self.n


def call_greet(o):
    return o.greet()


def read_n(o):
    return o.n


def write_n(o, v):
    o.n = v


c = Child(1)
for _ in range(3):
    print(call_greet(c), c.bump(2), read_n(c))

# A method defined later on the subclass hides the base's.
Child.greet = lambda self: "child"
print(call_greet(c))

# An instance attribute hides the method.
c.greet = lambda: "own"
print(call_greet(c))
del c.greet
print(call_greet(c))

# Deleting the subclass's method uncovers the base's; changing the base shows.
del Child.greet
print(call_greet(c))
Base.greet = lambda self: "base2"
print(call_greet(c))

# A property added to the class takes over stores and reads.
for i in range(3):
    write_n(c, i)
print(read_n(c))


def setter(self, v):
    print("setter", v)


Child.n = property(lambda self: "prop", setter)
write_n(c, 10)
print(read_n(c), c.__dict__)
del Child.n
write_n(c, 11)
print(read_n(c))

# __setattr__ defined later on the class.
def loud(self, name, value):
    print("setattr", name, value)
    object.__setattr__(self, name, value)


Child.__setattr__ = loud
write_n(c, 12)
del Child.__setattr__
write_n(c, 13)
print(read_n(c))


# Instances with their attributes in different orders share the sites.
class P:
    pass


ps = []
for i in range(4):
    p = P()
    if i % 2:
        p.a = i
        p.n = i * 10
    else:
        p.n = i * 10
        p.a = i
    ps.append(p)
print([read_n(p) for p in ps])
for p in ps:
    write_n(p, read_n(p) + 1)
print([(p.a, p.n) for p in ps])

# A deleted attribute is gone, and the error is CPython's.
del ps[0].n
try:
    read_n(ps[0])
except AttributeError as e:
    print("AttributeError:", e)


# __slots__ refuse names they do not list, through the same site.
class S:
    __slots__ = ("n",)


s = S()
write_n(s, 5)
print(read_n(s))


class T:
    __slots__ = ("m",)


try:
    write_n(T(), 1)
except AttributeError as e:
    print("AttributeError:", e)


# __class__ assignment changes which methods an instance finds.
class A:
    def who(self):
        return "A"


class B:
    def who(self):
        return "B"


def who(o):
    return o.who()


o = A()
print(who(o), who(o))
o.__class__ = B
print(who(o))


# A class made after another was collected finds its own methods.
def make(tag):
    class K:
        def who(self):
            return tag

    return K()


print([who(make(i)) for i in range(5)])


# A descriptor with __set__ added to a base class.
class D:
    def __set__(self, obj, value):
        print("D.__set__", value)

    def __get__(self, obj, owner):
        return "from D"


Base.n = D()
write_n(c, 20)
print(read_n(c))


# A class attribute that is an instance becomes a data descriptor when its
# __class__ is reassigned; cached "plain store"/"own attribute read"
# decisions for the owner class are not invalidated.
class Plain:
    pass
class Data:
    def __get__(self, obj, owner): return "desc"
    def __set__(self, obj, v): print("__set__", v)
class CD:
    pass
d = Plain()
CD.x = d
cd = CD()
def f(v):
    cd.x = v
    return cd.x
print(f(1), f(2))
d.__class__ = Data
print(f(3))
