# itertools: product, permutations, combinations,
# combinations_with_replacement; their order and their argument checks.
from itertools import product, permutations, combinations, combinations_with_replacement
from math import comb, factorial, perm


def show(label, make):
    try:
        result = make()
    except Exception as e:
        print(label, "->", type(e).__name__, e)
        return
    print(label, "->", result)


def joined(it):
    return " ".join("".join(map(str, t)) for t in it)


# product
print(joined(product("ab", "xy")))
print(joined(product(range(2), repeat=3)))
print(joined(product("ab", [1, 2, 3], repeat=2)))
print(list(product()), list(product(repeat=0)), list(product("ab", repeat=0)))
print(list(product("ab", [])), list(product([], "ab")))
print(list(product([1, 2])))
print(len(list(product(range(3), range(4), range(5)))))
gen = (c for c in "xyz")
p = product(gen, repeat=2)
print(next(p), next(p), list(gen))
print(list(p)[-1])
show("product(1)", lambda: product(1))
show("product([1], repeat=-1)", lambda: product([1], repeat=-1))
show("product([1], repeat='a')", lambda: product([1], repeat="a"))
show("product([1], x=1)", lambda: product([1], x=1))
show("product([1], repeat=2**70)", lambda: product([1], repeat=2 ** 70))

# permutations
print(joined(permutations("abc")))
print(joined(permutations("abcd", 2)))
print(joined(permutations(range(3), 3)))
print(list(permutations("ab", 0)), list(permutations("ab", 3)), list(permutations([])))
print(list(permutations([1, 1, 2])))
print(list(permutations("abc", None))[:2], list(permutations("xy", True)))
for n in range(6):
    for r in range(n + 2):
        got = list(permutations(range(n), r))
        assert len(got) == (perm(n, r) if r <= n else 0), (n, r)
        assert got == sorted(got), (n, r)
        assert len(set(got)) == len(got)
print("permutations: counts and order ok")
print(len(list(permutations(range(7)))), factorial(7))
show("permutations()", lambda: permutations())
show("permutations(1)", lambda: permutations(1))
show("permutations([1], -1)", lambda: permutations([1], -1))
show("permutations([1], 'a')", lambda: permutations([1], "a"))
show("permutations([1], 1.0)", lambda: permutations([1], 1.0))
show("permutations([1], 1, 2)", lambda: permutations([1], 1, 2))
show("permutations([1], 2**70)", lambda: permutations([1], 2 ** 70))
print(list(permutations(r=2, iterable="ab")))

# combinations
print(joined(combinations("abcd", 2)))
print(joined(combinations(range(5), 3)))
print(list(combinations("abc", 0)), list(combinations("abc", 4)), list(combinations([], 0)))
print(list(combinations([3, 1, 3], 2)))
for n in range(7):
    for r in range(n + 2):
        got = list(combinations(range(n), r))
        assert len(got) == comb(n, r), (n, r)
        assert got == sorted(got), (n, r)
        assert all(list(t) == sorted(t) for t in got)
print("combinations: counts and order ok")
show("combinations([1])", lambda: combinations([1]))
show("combinations()", lambda: combinations())
show("combinations(1, 2)", lambda: combinations(1, 2))
show("combinations([1], -1)", lambda: combinations([1], -1))
show("combinations([1], 'a')", lambda: combinations([1], "a"))
show("combinations([1], None)", lambda: combinations([1], None))
show("combinations([1], 1, 2)", lambda: combinations([1], 1, 2))
print(list(combinations(iterable="abc", r=2)))

# combinations_with_replacement
print(joined(combinations_with_replacement("abc", 2)))
print(joined(combinations_with_replacement(range(3), 3)))
print(list(combinations_with_replacement("ab", 0)), list(combinations_with_replacement([], 2)),
      list(combinations_with_replacement([], 0)))
print(list(combinations_with_replacement("a", 3)))
for n in range(6):
    for r in range(5):
        got = list(combinations_with_replacement(range(n), r))
        assert len(got) == (comb(n + r - 1, r) if n else (1 if r == 0 else 0)), (n, r)
        assert got == sorted(got), (n, r)
print("combinations_with_replacement: counts and order ok")
show("combinations_with_replacement([1])", lambda: combinations_with_replacement([1]))
show("combinations_with_replacement([1], -1)", lambda: combinations_with_replacement([1], -1))
show("combinations_with_replacement(1, 1)", lambda: combinations_with_replacement(1, 1))
print(list(combinations_with_replacement(r=1, iterable=[1, 2])))

# exhausted iterators stay exhausted
for it in (product("ab"), permutations("ab"), combinations("ab", 1),
           combinations_with_replacement("ab", 1)):
    print(type(it).__name__, list(it), list(it), next(it, "end"))

# a typical use: every way to make 10 with three dice
ways = [d for d in product(range(1, 7), repeat=3) if sum(d) == 10]
print(len(ways), ways[:5])
