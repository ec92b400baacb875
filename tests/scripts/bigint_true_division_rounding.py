# True division of huge integers gives correctly rounded floats, even when both sides overflow a float.
import math

print(10 ** 400 / 10 ** 399)
print(2 ** 1100 / 2 ** 1000 == 2.0 ** 100, 2 ** 1100 / 2 ** 1000)
print((10 ** 500 + 1) / 10 ** 500)
print(1 / 3, 10 ** 30 / 3 / 10 ** 29, (10 ** 30) // 3 / 10 ** 29)
print(math.factorial(200) / math.factorial(198), 200 * 199)
print(math.factorial(170) / math.factorial(169))
print(2 ** 53 + 1, (2 ** 53 + 1) / 1, float(2 ** 53 + 1), (2 ** 53 + 3) / 1)
print((2 ** 64 - 1) / 2 ** 64, 1 - 2 ** -64)
print(-(10 ** 300) / 7, 10 ** 300 / -(7 * 10 ** 299))
print(1 / 10 ** 400, -1 / 10 ** 400, 10 ** 400 / 10 ** 700)
print(1 / 2 ** 1074, 1 / 2 ** 1075, 3 / 2 ** 1076)

# Ratios of big integers where naive float conversion would overflow.
def ratio(a, b):
    try:
        return float(a) / float(b)
    except OverflowError as e:
        return "float() failed: " + str(e)

fa, fb = math.factorial(300), math.factorial(298)
print(ratio(fa, fb))
print(fa / fb, 300 * 299)

# Probability that a random 400-bit number is prime-ish by the density 1/ln(n).
n = 2 ** 400
print("1/ln(2**400) =", 1 / (400 * math.log(2)))
print("math.log(2**400) =", math.log(n), "math.log2 =", math.log2(n), "log10 =", math.log10(10 ** 500))

# Average of big integers, as a float and exactly.
data = [10 ** 20 + i for i in range(7)]
print(sum(data) / len(data), sum(data) // len(data), sum(data) % len(data))

# Rounding ties: the exact quotient is halfway between two floats.
a = 2 ** 54 + 1
print(a / 2, a / 4, (2 ** 54 + 3) / 2)
print(10 ** 16 + 1 == (10 ** 16 + 1) / 1, 10 ** 16 / 1 == 10 ** 16)

for num, den in [(10 ** 400, 1), (2 ** 1024, 1), (2 ** 1024 - 2 ** 970, 1), (10 ** 700, 10 ** 300)]:
    try:
        print(num / den)
    except OverflowError as e:
        print("OverflowError:", e)
try:
    print(10 ** 100 / 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
print((2 ** 1024 - 2 ** 971) / 1 == 1.7976931348623157e308)
