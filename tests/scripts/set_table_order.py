# Sets print their members in CPython's hash-table order: small ints, large ints, floats, tuples, after growth and removals.
primes = {29, 2, 3, 17, 5, 7, 11, 13, 19, 23}
print(primes)
seen = set()
for n in [100, 4, 64, 36, 1000, 9, 81, 49, 25, 16]:
    seen.add(n)
print(seen, len(seen))
seen.discard(64)
seen.discard(1000)
seen.add(2048)
seen.add(8)
print(seen)
big = {10**12, -5, 2**40 + 3, 7, -(10**9)}
print(big, {1.5, 0.25, -3.75, 2.0})
points = {(0, 0), (1, 2), (2, 1), (3, 3), (-1, 4)}
print(points)
evens = {x for x in range(0, 40, 2)}
threes = set(range(0, 40, 3))
print(evens & threes, evens - threes)
print(evens ^ threes)
print(threes | {100, 200, 7})
s = {5, 13, 21}
print(s.pop(), s.pop(), s)
t = {3, 11, 19, 27}
t.remove(11)
t.add(35)
print(t, sorted(t))
words = {w: len(w) for w in ["pear", "fig", "apple"]}
print(set(words.values()), set(dict.fromkeys([9, 1, 17, 25])))
a = {1, 2, 3, 4, 5, 6, 7, 8}
a.difference_update({2, 4, 6, 8})
a.symmetric_difference_update([1, 10, 20])
print(a)
a.intersection_update(range(0, 30, 5), [5, 10, 20, 25])
print(a)
