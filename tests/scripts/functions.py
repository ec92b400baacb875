# Functions: defaults, keywords, *args, **kwargs, closures, recursion.
def greet(name, greeting="Hello", *, punctuation="!"):
    return f"{greeting}, {name}{punctuation}"

print(greet("Ann"), greet("Bob", "Hi"), greet("Cy", punctuation="?"))
print(greet(greeting="Hey", name="Di"))

def total(*numbers, scale=1):
    return sum(numbers) * scale

print(total(), total(1, 2, 3), total(1, 2, scale=10), total(*[4, 5]))

def describe(**info):
    return ", ".join([f"{k}={v}" for k, v in sorted(info.items())])

print(describe(b=2, a=1), describe(**{"x": 9}))

def make_multiplier(factor):
    def multiply(x):
        return x * factor
    return multiply

double = make_multiplier(2)
triple = make_multiplier(3)
print(double(5), triple(5), [make_multiplier(i)(10) for i in range(4)])

def accumulator():
    total = 0
    def add(n):
        nonlocal total
        total += n
        return total
    return add

acc = accumulator()
acc(10)
acc(5)
print(acc(1))

counter = 0
def bump():
    global counter
    counter += 1

for _ in range(3):
    bump()
print(counter)

def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

print(fact(10), fact(20), [fib(i) for i in range(12)])
square = lambda x: x * x
add = lambda a, b=1: a + b
print(square(7), add(1), add(1, 2), (lambda: "no args")())

def apply(f, value):
    return f(value)

print(apply(square, 4), apply(str, 4), apply(len, "four"))

def divide(a, b):
    if b == 0:
        return None
    return a / b

print(divide(1, 2), divide(1, 0))
def no_return():
    pass
print(no_return())
