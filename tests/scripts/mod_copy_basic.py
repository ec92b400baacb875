# copy: shallow and deep copies of built-in containers, sharing and cycles
# through memo, and what stays the same object.
import copy


def show(label, make):
    try:
        result = make()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
        return
    print(label, "->", repr(result))


# immutable values are their own copies
for x in [1, 2 ** 100, 1.5, True, None, "text", b"bytes", (1, 2), frozenset({1, 2}),
          range(5), slice(1, 2), Ellipsis, NotImplemented, int, len]:
    print(repr(x), copy.copy(x) is x, copy.deepcopy(x) is x)
print(copy.copy(copy.copy) is copy.copy, copy.deepcopy(copy.deepcopy) is copy.deepcopy)

# shallow copies of mutable containers
lst = [1, [2, 3], {"k": [4]}]
c = copy.copy(lst)
print(c == lst, c is lst, c[1] is lst[1], c[2] is lst[2])
d = {"a": [1], "b": {2}}
c = copy.copy(d)
print(c == d, c is d, c["a"] is d["a"])
s = {1, 2, (3, 4)}
c = copy.copy(s)
print(c == s, c is s)
ba = bytearray(b"abc")
c = copy.copy(ba)
c[0] = 65
print(c, ba)

# deep copies
lst = [1, [2, 3], {"k": [4, (5, [6])]}]
c = copy.deepcopy(lst)
print(c == lst, c is lst, c[1] is lst[1], c[2] is lst[2], c[2]["k"][1] is lst[2]["k"][1])
c[2]["k"][1][1].append(7)
print(lst, c)
t = (1, "a", (2, 3))
print(copy.deepcopy(t) is t)
t = (1, [2])
c = copy.deepcopy(t)
print(c == t, c is t, c[1] is t[1])
fs = frozenset({1, 2})
c = copy.deepcopy(fs)
print(c == fs, c is fs, type(c).__name__)
s = {1, (2, 3)}
c = copy.deepcopy(s)
print(c == s, c is s)
ba = bytearray(b"xy")
print(copy.deepcopy(ba), copy.deepcopy(ba) is ba)
sl = slice(1, [2], None)
c = copy.deepcopy(sl)
c2 = copy.deepcopy(slice(1, 2))
print(c, c.stop is sl.stop, (c2.start, c2.stop, c2.step))

# shared references stay shared, and cycles are followed
inner = [1, 2]
outer = [inner, inner, (inner,)]
c = copy.deepcopy(outer)
print(c, c[0] is c[1], c[0] is c[2][0], c[0] is inner)
cyc = [1]
cyc.append(cyc)
c = copy.deepcopy(cyc)
print(c[1] is c, c is cyc, len(c))
d = {"self": None}
d["self"] = d
c = copy.deepcopy(d)
print(c["self"] is c, c is d)
t_cycle = ([],)
t_cycle[0].append(t_cycle)
c = copy.deepcopy(t_cycle)
print(c[0][0] is c, c is t_cycle)

# memo
memo = {}
a = [1]
b = [a, a]
c1 = copy.deepcopy(b, memo)
c2 = copy.deepcopy(a, memo)
print(c1[0] is c2, id(a) in memo, memo[id(a)] is c2, id(memo) in memo, len(memo[id(memo)]))
memo = {id(a): "replacement"}
print(copy.deepcopy([a, 5], memo))

# functions, classes and methods are not copied


class Thing:
    def method(self):
        return 1


def func():
    pass


print(copy.copy(func) is func, copy.deepcopy(func) is func, copy.deepcopy(Thing) is Thing,
      copy.copy([func])[0] is func, copy.deepcopy({"f": print})["f"] is print)

print(copy.Error.__name__, copy.Error.__module__, copy.error is copy.Error, issubclass(copy.Error, Exception), copy.__all__)


def gen():
    yield 1


show("copy(gen())", lambda: copy.copy(gen()))
show("deepcopy(gen())", lambda: copy.deepcopy(gen()))
show("deepcopy([copy])", lambda: copy.deepcopy([copy]))

# a bigger structure
data = {"users": [{"name": "ann", "tags": ["a", "b"], "scores": (1, 2.5)},
                  {"name": "bob", "tags": [], "scores": ()}],
        "index": {1: "ann", 2: "bob"}, "flags": {True, False}}
c = copy.deepcopy(data)
print(c == data, c["users"][0] is data["users"][0], c["users"][0]["scores"] is data["users"][0]["scores"])
c["users"][0]["tags"].append("z")
print(data["users"][0]["tags"], c["users"][0]["tags"])
