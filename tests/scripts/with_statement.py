# Context managers: __enter__/__exit__, swallowing, nesting, return/break/continue through with.
class Resource:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return self.swallow

with Resource("a") as r:
    print("inside", r.name)
with Resource("b", swallow=True):
    raise ValueError("swallowed")
print("after b")
def f():
    with Resource("c"), Resource("d") as d:
        return d.name
print(f())
for i in range(3):
    with Resource(f"loop{i}"):
        if i == 1:
            continue
        if i == 2:
            break
        print("body", i)
try:
    with Resource("e"):
        raise KeyError("k")
except KeyError as e:
    print("propagated", repr(e))
with Resource("outer"):
    try:
        with Resource("inner"):
            1 / 0
    except ZeroDivisionError:
        print("handled inside outer")
