# Comparing huge integers with floats is exact in Python; float() of a huge int overflows.
import math

big = 10 ** 400
print(big > 1e308, big < math.inf, -big > -math.inf, big == math.inf)
print(2 ** 53 + 1 == 2.0 ** 53, 2 ** 53 + 1 > 2.0 ** 53, 2 ** 53 == 2.0 ** 53)
print(10 ** 16 + 1 > 1e16, 10 ** 16 + 1 == 1e16, float(10 ** 16 + 1) == 1e16)
print(2 ** 1023 == 2.0 ** 1023, 2 ** 1023 + 1 > 2.0 ** 1023, 2 ** 1023 - 1 < 2.0 ** 1023)
print(max(1e300, 10 ** 301), min(-1e300, -(10 ** 301)) == -(10 ** 301))
print(sorted([10 ** 20, 1e19, 1.5e20, 10 ** 19 + 1, -1e25, -(10 ** 25) + 1]))
print(0.5 < 2 ** 100, math.nan < 2 ** 100, math.nan == 2 ** 100, math.nan != 2 ** 100)

for value in [10 ** 308, 10 ** 309, 2 ** 1023, 2 ** 1024, -(10 ** 400)]:
    try:
        print("float ->", float(value))
    except OverflowError as e:
        print("OverflowError:", e)

print(int(1e308) == 10 ** 308, int(1e308) - 10 ** 308)
print(int(2.0 ** 200) == 2 ** 200, int(-1.5e30))
print(math.floor(1e20), math.ceil(-2.5e21), round(1.2345e25))
print(int(float(2 ** 80 + 12345)) == 2 ** 80, int(float(2 ** 80 + 12345)))

# A dict of scores mixing int and float keys that compare equal.
table = {2 ** 60: "int", 1.0: "one"}
table[2.0 ** 60] = "float overwrote"
table[1] = "int one"
print(len(table), table[2 ** 60], table[1.0])
print(2 ** 60 in {2.0 ** 60}, 2 ** 60 + 1 in {2.0 ** 60})

# Powers that overflow as floats but not as ints.
print(2 ** 5000 > 0, len(str(2 ** 5000)))
print(math.isinf(1e308 * 10), 1e308 * 10)
try:
    print(2.0 ** 5000)
except OverflowError as e:
    print("OverflowError:", e)
try:
    print(10.0 ** 400)
except OverflowError as e:
    print("OverflowError:", e)
try:
    print(math.exp(1000))
except OverflowError as e:
    print("OverflowError:", e)
print(math.pow(2, 1023), 2 ** -1074, 2.0 ** -1080)
print(math.isclose(float(3 ** 500) / 3 ** 499, 3.0))
speed = 1.5e300
distance = 10 ** 620
print("travel time:", distance / speed)
print("in float:", float(distance) / speed)
