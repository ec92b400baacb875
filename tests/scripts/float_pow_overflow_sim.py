# A population model in floats: exponential growth until float ** overflows (uncaught OverflowError).
import math

def logistic(pop, rate, capacity):
    return pop + rate * pop * (1 - pop / capacity)

pop = 10.0
for year in range(0, 60, 10):
    print(f"year {year:>2}: {pop:12.3f}")
    for _ in range(10):
        pop = logistic(pop, 0.3, 5000.0)

print("exact int growth:", 3 ** 700 > 10 ** 300, len(str(3 ** 700)))
print("float growth:", 3.0 ** 600, 1.5 ** 1000)
print("still fine:", 10.0 ** 308, 2.0 ** 1023, (-2.0) ** 1023)
print("underflows to zero:", 2.0 ** -1100, 0.5 ** 2000)
print("math.pow:", math.pow(1.0001, 10000))

for base, exp in [(2.0, 1024), (10.0, 309), (-3.0, 700), (1.01, 100000)]:
    try:
        print(base ** exp)
    except OverflowError as e:
        print(f"{base} ** {exp}: OverflowError: {e}")
try:
    math.pow(10, 400)
except OverflowError as e:
    print("math.pow:", e)
print("int result is exact:", 10 ** 400 // 10 ** 398)
print("multiplying overflows to inf:", 1e200 * 1e200, -1e200 * 1e200)

rates = [1.5, 2.0, 3.0, 7.5]
for r in rates:
    growth = r ** 1200
    print(f"rate {r}: {growth:.4e}")
