# Set displays with starred items merge whole sets as CPython does, so they print in its order.
a = {100, 3, 57, 24, 9, 1000}
b = [77, 5, 33]
print({*a}, {*a, 1}, {*b, *a}, {0, *a, 64, *range(40, 45)}, {*{}.fromkeys([90, 7, 31])}, {*"abc"})
def gen():
    yield 50
    yield 2
print({*gen(), 8}, {*a, *a})
