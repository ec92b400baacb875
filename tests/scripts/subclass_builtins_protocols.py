import pickle
class OD(dict):
    def __setitem__(self, k, v):
        print("set", k, v)
        super().__setitem__(k, v)
    def __getitem__(self, k):
        return super().__getitem__(k) * 10
o = OD()
o["a"] = 1
print(o["a"], o.get("a"), dict(o), o)

class DD(dict):
    def __init__(self, factory, *args, **kw):
        super().__init__(*args, **kw)
        self.factory = factory
    def __missing__(self, k):
        v = self[k] = self.factory()
        return v
dd = DD(list)
dd["x"].append(1)
dd["x"].append(2)
print(dd, dd.factory)

class Point(tuple):
    __slots__ = ()
    def __new__(cls, x, y):
        return tuple.__new__(cls, (x, y))
    def __repr__(self):
        return "Point(x=%r, y=%r)" % self
    x = property(lambda self: self[0])
pts = {Point(1, 2): "a"}
print(pts, Point(1, 2) == (1, 2), pts[(1, 2)], Point(1,2).x)
a, b = Point(5, 6)
print(a, b)

class U(str):
    def __new__(cls, v):
        return super().__new__(cls, v.upper())
u = U("abc")
print(u, u.lower(), u.startswith("A"), {u: 1}["ABC"], type(u).__name__, u.__class__.__name__)

class MyList(list):
    def __getitem__(self, i):
        return "item %s" % super().__getitem__(i)
    def __len__(self):
        return 99
m = MyList([1, 2])
print(m[0], len(m), list(m), m)

class E(int):
    def __add__(self, o):
        return E(int(self) + int(o) + 100)
print(E(1) + 2, 2 + E(1), E(5) * 2, -E(3), int(E(7)), float(E(2)), E(3) < 4, abs(E(-3)), E(10) // 3, divmod(E(7), 2))
print(sorted([E(3), E(1), 2]), max(E(3), 1), str(E(4)), format(E(255), "x"), "%d" % E(5), f"{E(6):>4}")

class K(list): pass
k = K([3, 1, 2]); k.sort(); print(k, k.copy(), type(k.copy()).__name__, k * 2, k.index(2), k.count(1))
s = pickle.dumps(k)
print(type(pickle.loads(s)).__name__, pickle.loads(s))
print(list.__len__(k), dict.keys(dd), list(map(str, k)), ",".join(U("x")), "".join(K(["a", "b"])))
print(isinstance(u, str), isinstance(k, (dict, list)), issubclass(U, (int, str)), issubclass(bool, int))

