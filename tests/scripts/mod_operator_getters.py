# operator: itemgetter, attrgetter and methodcaller, alone and as sort keys.
from operator import itemgetter, attrgetter, methodcaller


def show(label, make):
    try:
        result = make()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
        return
    print(label, "->", repr(result))


# itemgetter
g = itemgetter(1)
print(g, g([10, 20, 30]), g("xyz"), g({1: "one"}))
g = itemgetter(0, -1)
print(g, g("hello"), g([1, 2, 3]))
g = itemgetter("name", "age")
print(g({"name": "Ann", "age": 31, "x": 0}))
print(itemgetter(slice(1, 3))([1, 2, 3, 4]), itemgetter(slice(None, None, -1))("abc"))
print(itemgetter(0, 0, 0)("ab"))
rows = [("b", 2, 9.5), ("a", 3, 1.0), ("c", 1, 4.25), ("a", 1, 7.0)]
print(sorted(rows, key=itemgetter(1)))
print(sorted(rows, key=itemgetter(0, 1)))
print(max(rows, key=itemgetter(2)), min(rows, key=itemgetter(2)))
print(list(map(itemgetter(0), rows)))
inventory = {"apple": 3, "pear": 0, "fig": 7}
print(sorted(inventory.items(), key=itemgetter(1), reverse=True))
show("itemgetter()", lambda: itemgetter())
show("itemgetter(1)()", lambda: itemgetter(1)())
show("itemgetter(1)([1], [2])", lambda: itemgetter(1)([1], [2]))
show("itemgetter(1)(x=1)", lambda: itemgetter(1)(x=1))
show("itemgetter(1, x=2)", lambda: itemgetter(1, x=2))
show("itemgetter(5)([1])", lambda: itemgetter(5)([1]))
show("itemgetter('k')({})", lambda: itemgetter("k")({}))
show("itemgetter(0)(5)", lambda: itemgetter(0)(5))
show("itemgetter('a')([1])", lambda: itemgetter("a")([1]))
print(repr(itemgetter("a", 1, None)), type(itemgetter(1)).__name__)


# attrgetter
class Name:
    def __init__(self, first, last):
        self.first = first
        self.last = last


class Person:
    def __init__(self, first, last, age):
        self.name = Name(first, last)
        self.age = age

    def __repr__(self):
        return "Person(%s %s, %d)" % (self.name.first, self.name.last, self.age)


people = [Person("Ada", "Lovelace", 36), Person("Alan", "Turing", 41), Person("Grace", "Hopper", 85),
          Person("Alan", "Kay", 30)]
print(sorted(people, key=attrgetter("age")))
print(sorted(people, key=attrgetter("name.first", "age")))
print(list(map(attrgetter("name.last"), people)))
g = attrgetter("name.first", "name.last")
print(g, g(people[0]))
print(attrgetter("real", "imag")(5), attrgetter("real.numerator")(7))
print(attrgetter("__class__.__name__")([]))
print(attrgetter("upper")("abc")())
show("attrgetter()", lambda: attrgetter())
show("attrgetter(1)", lambda: attrgetter(1))
show("attrgetter('a', 2)", lambda: attrgetter("a", 2))
show("attrgetter('a', x=1)", lambda: attrgetter("a", x=1))
show("attrgetter('a')(1)", lambda: attrgetter("a")(1))
show("attrgetter('name.middle')(p)", lambda: attrgetter("name.middle")(people[0]))
show("attrgetter('age')()", lambda: attrgetter("age")())
show("attrgetter('age')(1, 2)", lambda: attrgetter("age")(1, 2))
print(repr(attrgetter("a.b", "c")), type(attrgetter("x")).__name__)

# methodcaller
m = methodcaller("upper")
print(m, m("shout"))
m = methodcaller("split", ",", maxsplit=1)
print(m, m("a,b,c"))
m = methodcaller("replace", "a", "o")
print(m("banana"), list(map(methodcaller("strip"), [" x ", "y  "])))
print(sorted(["Banana", "apple", "Cherry"], key=methodcaller("lower")))
m = methodcaller("get", "k", "default")
print(m({}), m({"k": 1}))
acc = []
methodcaller("append", 5)(acc)
methodcaller("extend", range(3))(acc)
print(acc)
show("methodcaller()", lambda: methodcaller())
show("methodcaller(1)", lambda: methodcaller(1))
show("methodcaller('upper')('ab', 2)", lambda: methodcaller("upper")("ab", 2))
show("methodcaller('upper')()", lambda: methodcaller("upper")())
show("methodcaller('nope')(1)", lambda: methodcaller("nope")(1))
show("methodcaller('upper', 1)('a')", lambda: methodcaller("upper", 1)("a"))
print(repr(methodcaller("f", 1, "two", x=[3], y=None)), type(methodcaller("f")).__name__)
print(methodcaller("format", self=1, name="x")("{self} {name}"))
