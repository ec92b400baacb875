# Comparing and printing containers nested a million deep raises
# RecursionError instead of overflowing the stack.
a = []
b = []
for i in range(1000000):
    a = [a]
    b = [b]
for name, f in (("eq", lambda: a == b), ("lt", lambda: a < b), ("repr", lambda: repr(a)), ("str", lambda: str(a))):
    try:
        f()
        print(name, "ok")
    except RecursionError:
        print(name, "RecursionError")
print("same list", a in [a])
