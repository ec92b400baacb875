# Python compares ints and floats exactly, even where the float cannot represent the int (above 2**53).
BIG = 2 ** 53

print(BIG == float(BIG), BIG + 1 == float(BIG + 1), float(BIG + 1) == float(BIG))
print(BIG + 1 > float(BIG), BIG + 1 >= 9007199254740992.0, BIG + 1 != 9007199254740992.0)
print(10 ** 16 + 1 > 1e16, 10 ** 16 + 1 == 1e16, 10 ** 16 == 1e16)
print(2 ** 62 == 2.0 ** 62, 2 ** 62 - 1 < 2.0 ** 62, 2 ** 62 + 1 > 2.0 ** 62)
print(-(BIG + 1) < -9007199254740992.0, -(BIG + 1) == -float(BIG))

# Sorting a mixed list keeps exact order.
values = [BIG + 1, float(BIG), BIG - 1, 9007199254740994.0, BIG]
print(sorted(values))
print(max(1e18, 10 ** 18 + 1), min(1e18, 10 ** 18 - 1), max(BIG + 1, float(BIG)))

# Timestamps in nanoseconds vs float seconds: naive conversion loses precision.
ns = 1_700_000_000_123_456_789
as_float = ns / 1e9
print(ns, as_float, int(as_float * 1e9) == ns, int(as_float * 1e9) - ns)
print(ns > as_float * 1e9, ns == int(as_float * 1e9))

# Dict and set lookups treat equal ints and floats as the same key.
table = {BIG: "int key"}
print(table.get(float(BIG)), table.get(float(BIG + 1)), (BIG + 1) in table)
seen = {BIG + 1}
print(float(BIG + 1) in seen, float(BIG + 2) in seen, BIG + 2 in {float(BIG + 2)})

# Counting how many consecutive ints map to the same float near 2**60.
base = 2 ** 60
same = sum(1 for k in range(-300, 300) if float(base + k) == float(base))
print("ints sharing a float near 2**60:", same)
ordered = all((base + k < float(base)) == (k < 0) for k in range(-300, 300) if float(base + k) == float(base))
print("exact ordering preserved:", ordered)
print(9007199254740993 < 9007199254740993.0, 9007199254740993 > 9007199254740992.5)
print(float(9007199254740993), int(9007199254740993.0))
limit = 1e19
print(2 ** 63 - 1 < limit, -(2 ** 63) > -limit, 9223372036854775807 == 9.223372036854776e18)
