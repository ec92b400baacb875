# frozenset: hashable sets as dict keys and set members, with the read-only set methods and operators.
f = frozenset([3, 1, 2])
g = frozenset("abc")
print(f, frozenset(), repr(frozenset([7])), type(f).__name__)
print(len(f), 2 in f, 9 not in f, sorted(g))
print(f | {4}, f & {1, 2, 10}, f - {1}, f ^ {3, 4})
print({4} | f, {1, 2} & f, type({4} | f).__name__, type(f | {4}).__name__)
print(f.union([5], (6,)), f.intersection([1, 3, 5]), f.difference({2}), f.symmetric_difference([2, 9]))
print(f.issubset({1, 2, 3, 4}), f.issuperset([1]), f.isdisjoint({7, 8}), f.isdisjoint([3]))
print(f == {1, 2, 3}, f == frozenset({1, 2, 3}), f < {1, 2, 3, 4}, f <= f, f > frozenset({1}))
print(frozenset(f) is f, f.copy() is f)
groups = {frozenset(["x", "y"]): "pair", frozenset(): "none"}
print(groups[frozenset(["y", "x"])], groups[frozenset()])
nested = {frozenset({1, 2}), frozenset({2, 1}), frozenset({3})}
print(len(nested), frozenset({1, 2}) in nested, {2, 1} in nested)
s = {1, 2}
s.add(frozenset({1, 2}))
print(len(s), frozenset({1, 2}) in s)
memo = {}
for combo in [(1, 2), (2, 1), (1, 3)]:
    memo.setdefault(frozenset(combo), []).append(combo)
print(memo)
try:
    f.add(4)
except AttributeError as e:
    print(e)
try:
    {{1}: 2}
except TypeError as e:
    print(e)
print(hash(frozenset([1, 2])) == hash(frozenset([2, 1])))

class Tag:
    def __init__(self, name):
        self.name = name
    def __repr__(self):
        return f"Tag({self.name!r})"

t = Tag("a")
print(frozenset([t]), [frozenset([t])], {t})
