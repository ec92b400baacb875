# if/elif/else, while/for with break/continue/else, try/except/else/finally.
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n % 2 == 0:
        return "even"
    else:
        return "odd"

print([classify(n) for n in (-3, 0, 4, 7)])

for n in range(2, 30):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, end=" ")
print()

i = 0
while True:
    i += 1
    if i % 2:
        continue
    if i > 8:
        break
    print(i, end=",")
print()

n = 5
while n > 0:
    n -= 2
else:
    print("while finished with", n)

def safe_div(a, b):
    try:
        result = a / b
    except ZeroDivisionError:
        print("cannot divide by zero")
        return None
    else:
        print("division ok")
        return result
    finally:
        print("cleanup")

print(safe_div(10, 2))
print(safe_div(1, 0))

def parse(text):
    try:
        return int(text)
    except (ValueError, TypeError) as e:
        return f"bad: {e}"

print(parse("12"), parse("x1"), parse(None))

def loop_with_finally():
    out = []
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append("f")
    return out

print(loop_with_finally())

def nested():
    try:
        try:
            raise KeyError("inner")
        except ValueError:
            return "wrong handler"
        finally:
            print("inner finally")
    except LookupError as e:
        return "outer caught " + repr(e)

print(nested())
try:
    raise RuntimeError("one")
except RuntimeError as first:
    try:
        raise ValueError("two")
    except ValueError as second:
        print(type(first).__name__, first, type(second).__name__, second)
x = 5
assert x == 5, "x should be five"
result = "big" if x > 3 else "small"
print(result, (x > 3) and "yes", 0 or "fallback", not x)
