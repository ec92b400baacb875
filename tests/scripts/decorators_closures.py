# Decorators built from closures: counting calls, logging, retry, validation, registration.
registry = {}

def register(name):
    def deco(fn):
        registry[name] = fn
        return fn
    return deco

def counted(fn):
    count = [0]
    def wrapper(*args, **kwargs):
        count[0] += 1
        return fn(*args, **kwargs)
    def calls():
        return count[0]
    return wrapper, calls

def logged(prefix):
    def deco(fn):
        def wrapper(*args, **kwargs):
            parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in sorted(kwargs.items())]
            result = fn(*args, **kwargs)
            print(f"{prefix} call({', '.join(parts)}) -> {result!r}")
            return result
        return wrapper
    return deco

def retry(times):
    def deco(fn):
        def wrapper(*args):
            last = None
            for attempt in range(1, times + 1):
                try:
                    return fn(*args)
                except RuntimeError as e:
                    print(f"  attempt {attempt} failed: {e}")
                    last = e
            raise last
        return wrapper
    return deco

def positive(fn):
    def wrapper(x):
        if x < 0:
            raise ValueError(f"expected non-negative, got {x}")
        return fn(x)
    return wrapper

@register("square")
@logged("[sq]")
def square(x):
    return x * x

@register("greet")
@logged("[greet]")
def greet(name, punct="!"):
    return f"hi {name}{punct}"

square(4)
greet("ann", punct="?")
print(sorted(registry), registry["square"](3))

def add(a, b):
    return a + b
add, add_calls = counted(add)
print(add(1, 2), add(3, 4), add_calls())

state = {"n": 0}
@retry(3)
def flaky(x):
    state["n"] += 1
    if state["n"] < 3:
        raise RuntimeError(f"flake {state['n']}")
    return x * 10
print(flaky(7))

@positive
def root(x):
    return x ** 0.5
print(root(16.0))
try:
    root(-1)
except ValueError as e:
    print("ValueError:", e)
