# `x in iterator` consumes the iterator up to the match: subsequence tests and one-pass scans.
def is_subsequence(small, big):
    it = iter(big)
    return all(ch in it for ch in small)

for a, b in [("ace", "abcde"), ("aec", "abcde"), ("", "xyz"), ("shoal", "s-h-o-a-l"), ("aa", "a")]:
    print(f"{a!r} in order within {b!r}: {is_subsequence(a, b)}")

numbers = iter([3, 8, 1, 9, 4, 7, 2])
print(9 in numbers)
print(list(numbers))
print(5 in numbers, list(numbers))

# Membership on a generator stops at the first hit and leaves the rest.
def noisy(seq):
    for x in seq:
        print("  producing", x)
        yield x

gen = noisy("abcdef")
print("c" in gen)
print("next after match:", next(gen))
print("z" in gen)
print("exhausted:", list(gen))

# Words from a stream of moves: does a combo appear in order?
moves = ["left", "up", "jump", "left", "kick", "down", "punch", "jump"]
combo = ["up", "kick", "punch"]
print(is_subsequence(combo, moves), is_subsequence(["kick", "up"], moves))

# Ranges and maps: `in` on a range is O(1) and does not consume; on map it does.
r = range(0, 100, 7)
print(49 in r, 50 in r, 49 in r)
squares = map(lambda x: x * x, range(10))
print(16 in squares, next(squares), 9 in squares)
z = zip("abc", [1, 2, 3])
print(("b", 2) in z, list(z))
e = enumerate(["x", "y", "z"])
print((1, "y") in e, next(e))
it = iter(range(5))
print(list(zip(it, it)))
d = iter({"k1": 1, "k2": 2, "k3": 3})
print("k2" in d, list(d))
lines = iter("first\nsecond\n\nbody line 1\nbody line 2".splitlines())
print("" in lines, list(lines))
print(next(iter([])))
