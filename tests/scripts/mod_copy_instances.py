# copy: instances of script classes: __init__ is not called again, the
# hooks __copy__, __deepcopy__, __reduce__, __reduce_ex__, __getstate__
# and __setstate__ are honoured, exceptions are rebuilt from their args.
import copy


def show(label, make):
    try:
        result = make()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
        return
    print(label, "->", repr(result))


class Point:
    def __init__(self, x, y):
        print("  Point.__init__", x, y)
        self.x = x
        self.y = y

    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)


p = Point(1, [2])
c = copy.copy(p)
print(c, type(c).__name__, c is p, c.y is p.y, vars(c))
d = copy.deepcopy(p)
print(d, d is p, d.y is p.y, d.y == p.y)
d.y.append(3)
print(p, d)
print(Point(5, 6))


class Empty:
    pass


e = Empty()
print(type(copy.copy(e)).__name__, vars(copy.deepcopy(e)))


class Node:
    def __init__(self, value):
        self.value = value
        self.children = []
        self.parent = None

    def add(self, child):
        child.parent = self
        self.children.append(child)
        return child


root = Node("root")
kid = root.add(Node("kid"))
kid.add(Node("grandkid"))
c = copy.deepcopy(root)
print(c.value, c.children[0].value, c.children[0].parent is c, c.children[0].children[0].parent is c.children[0])
print(c.children[0] is kid, c is root)
shallow = copy.copy(root)
print(shallow.children is root.children)

# instances inside containers, shared
pt = Point(0, 0)
pair = [pt, pt, {"p": pt}]
c = copy.deepcopy(pair)
print(c[0] is c[1], c[2]["p"] is c[0], c[0] is pt)


# subclasses and inherited __init__
class Point3(Point):
    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


p3 = Point3(1, 2, 3)
c = copy.deepcopy(p3)
print(type(c).__name__, c.x, c.y, c.z, isinstance(c, Point))
print(Point3(7, 8, 9).z)


# __copy__ and __deepcopy__
class Tracked:
    def __init__(self, data):
        self.data = data

    def __copy__(self):
        print("  __copy__")
        return Tracked(self.data)

    def __deepcopy__(self, memo):
        print("  __deepcopy__", type(memo).__name__)
        return Tracked(copy.deepcopy(self.data, memo))


t = Tracked([1, 2])
c = copy.copy(t)
print(c.data is t.data)
c = copy.deepcopy(t)
print(c.data is t.data, c.data == t.data)
c = copy.deepcopy([t, t])
print(c[0] is c[1])


# __getstate__ and __setstate__
class Connection:
    def __init__(self, host):
        self.host = host
        self.socket = "open socket"

    def __getstate__(self):
        print("  __getstate__")
        return {"host": self.host}

    def __setstate__(self, state):
        print("  __setstate__", state)
        self.host = state["host"]
        self.socket = "reconnected"


conn = Connection("example.org")
c = copy.copy(conn)
print(c.host, c.socket)
c = copy.deepcopy(conn)
print(c.host, c.socket)


class OnlySetstate:
    def __init__(self):
        self.items = [1]

    def __setstate__(self, state):
        print("  state given:", state)
        self.items = state["items"] + ["restored"]


c = copy.deepcopy(OnlySetstate())
print(c.items)


# __reduce__ and __reduce_ex__
class Reduced:
    def __init__(self, a, b=0):
        print("  Reduced.__init__", a, b)
        self.a = a
        self.b = b

    def __reduce__(self):
        return (Reduced, (self.a,), {"b": self.b, "extra": True})


r = Reduced([1], 5)
c = copy.deepcopy(r)
print(c.a, c.b, c.extra, c.a is r.a)
c = copy.copy(r)
print(c.a is r.a)


class ReducedEx:
    def __init__(self, n):
        self.n = n

    def __reduce_ex__(self, protocol):
        print("  __reduce_ex__", protocol)
        return (ReducedEx, (self.n * 10,))


print(copy.copy(ReducedEx(1)).n, copy.deepcopy(ReducedEx(2)).n)


class AsString:
    def __reduce__(self):
        return "AsString"


a = AsString()
print(copy.copy(a) is a, copy.deepcopy(a) is a)


class ListLike:
    def __init__(self):
        self.items = []

    def append(self, x):
        self.items.append(x)


def build_listlike():
    return ListLike()


class WithItems:
    def __reduce__(self):
        return (build_listlike, (), None, iter([1, [2]]))


c = copy.deepcopy(WithItems())
print(type(c).__name__, c.items)


class DictLike:
    def __init__(self):
        self.store = {}

    def __setitem__(self, k, v):
        self.store[k] = v


class WithDictItems:
    def __reduce__(self):
        return (DictLike, (), None, None, iter([("a", [1]), ("b", 2)]))


c = copy.copy(WithDictItems())
print(type(c).__name__, c.store)


# exceptions
class AppError(Exception):
    def __init__(self, message, code=0):
        print("  AppError.__init__", message, code)
        super().__init__(message, code)
        self.code = code


err = AppError("boom", 7)
err.detail = ["d"]
c = copy.deepcopy(err)
print(type(c).__name__, c.args, c.code, c.detail, c.detail is err.detail)
c = copy.copy(ValueError("x", 1))
print(type(c).__name__, c.args)
c = copy.deepcopy(KeyError("k"))
print(repr(c))
