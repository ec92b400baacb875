# Dict/set keys with __hash__: unrelated containers and lookups do not interfere; hash() reduces results.
class Wild:
    def __hash__(self): return 7
    def __eq__(self, o): return True
class Name:
    def __init__(self, n): self.n = n
    def __hash__(self): return 7
    def __eq__(self, o): return isinstance(o, Name) and self.n == o.n
    def __repr__(self): return self.n
registry = {Wild()}          # lives in some other container
d = {}
d[Name("bob")] = 1
d[Name("alice")] = 2
print(len(d), d)
print(len({Name("x"), Name("y")}))
print(Name("zzz") in d)
class K:
    def __init__(self, v): self.v = v
    def __hash__(self): return hash(self.v)
    def __eq__(self, o): return isinstance(o, K) and self.v == o.v
    def __repr__(self): return f"K({self.v})"
probe = K(1)
print(probe in {})          # a harmless lookup in an empty dict
d = {K(1): 'x'}              # a different key, never mutated
probe.v = 2                  # reuse the probe object
print(d[K(1)])


class Big:
    def __hash__(self):
        return 2 ** 100


class MinusOne:
    def __hash__(self):
        return -1


class Truthy:
    def __hash__(self):
        return True


print(hash(Big()), hash(MinusOne()), hash(Truthy()))


class Bad:
    def __hash__(self):
        return 1.5


try:
    hash(Bad())
except TypeError as e:
    print("TypeError", e)
