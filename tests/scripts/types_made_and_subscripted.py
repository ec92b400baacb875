X = type('X', (object,), {'a': 1, 'f': lambda self: self.a + 1})
print(X.a, X().f(), X.__name__, X.__bases__)
P = type('P', (tuple,), {})
print(P((1, 2)), isinstance(P((1,)), tuple))
class G:
    def __class_getitem__(cls, item):
        return (cls.__name__, item)
print(G[int], G["x", 2])
class H(G): pass
print(H[3])
try:
    type('Y', [], {})
except TypeError as e:
    print(e)
try:
    type('Y', (), {}, 1)
except TypeError as e:
    print(e)
print(list[int], dict[str, int], tuple[int, ...], type[int])
print(int | None, int | str | None, list[int] | None)
class A:
    x: int | None = None
    y: list[str] = []
    z: dict[str, list[int]]
print(A.__annotations__)
print(list[int]([1, 2]), list[int] == list[int])
