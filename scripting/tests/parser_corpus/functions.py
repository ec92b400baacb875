# Functions, closures, generators, decorators.
def simple():
    return

def args(a, b=2, *rest, c, d=4, **kw) -> int:
    return a + b


def annotated(a: int, b: "str" = "x", *, c: float = 1.0) -> None:
    pass


def positional(a, b, /, c):
    return a


def counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc


TOTAL = 0


def add(n):
    global TOTAL
    TOTAL += n


def gen(n):
    for i in range(n):
        yield i
    yield
    x = yield 5
    yield from range(3)
    return x


@decorator
@decorator.with_args(1, key="v")
def decorated():
    """A docstring."""
    pass


def only_kwargs(*, a, b=1):
    return a, b


def star_only(*args):
    return args


def kw_only(**kwargs):
    return kwargs


square = lambda n: n * n
total = sum(x * x for x in range(10))
pairs = sorted(items, key=lambda p: (p[1], -p[0]), reverse=True)
