# dir() of values, types, instances, classes, modules and the current scope; __dir__ overrides; import builtins.
import builtins
import math

print([n for n in dir([]) if not n.startswith("_")])
print([n for n in dir(str) if not n.startswith("_")][:12], "__len__" in dir(""), "__hash__" in dir([]))
print([n for n in dir({}) if not n.startswith("_")], [n for n in dir(range(3)) if not n.startswith("_")])
print(dir(set) == dir(set()), dir(frozenset()) == dir(frozenset), "isdisjoint" in dir(frozenset))


class Animal:
    legs = 4

    def speak(self):
        return "..."


class Dog(Animal):
    def fetch(self):
        return "ball"


rex = Dog()
rex.name = "Rex"
print([n for n in dir(rex) if not n.startswith("__")], [n for n in dir(Dog) if not n.startswith("__")])
print("__init__" in dir(rex), "__dict__" in dir(rex), "__module__" in dir(Dog), dir(rex) == sorted(dir(rex)))


class Custom:
    def __dir__(self):
        return ["zeta", "alpha", "mid"]


print(dir(Custom()))


def scope():
    local_a = 1
    local_b = 2
    return dir()


print(scope(), "sqrt" in dir(math), "pi" in dir(math))
print("print" in dir(builtins), "len" in dir(builtins), "ValueError" in dir(builtins), builtins.len("abc"))
print(getattr(builtins, "True"), getattr(builtins, "None"), builtins.__name__, type(builtins).__name__)
