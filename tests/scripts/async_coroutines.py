# Coroutines driven by hand, the way an event loop (or pyperformance's
# `coroutines`) drives them: send(None) until StopIteration.


async def fibonacci(n):
    if n <= 1:
        return n
    return await fibonacci(n - 1) + await fibonacci(n - 2)


def run(coro):
    try:
        while True:
            coro.send(None)
    except StopIteration as stop:
        return stop.value


print(run(fibonacci(15)))


class Ticker:
    """An awaitable: __await__ yields to the driver three times."""

    def __init__(self, name):
        self.name = name

    def __await__(self):
        for i in range(3):
            yield (self.name, i)
        return self.name.upper()


async def worker(name):
    result = await Ticker(name)
    return "done " + result


coro = worker("a")
print(type(coro).__name__)
steps = []
try:
    while True:
        steps.append(coro.send(None))
except StopIteration as stop:
    print(steps, stop.value)


async def nothing():
    return 42


c = nothing()
try:
    c.send(None)
except StopIteration as e:
    print("returned", e.value)
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)


async def failing():
    await nothing()
    raise ValueError("boom")


try:
    run(failing())
except ValueError as e:
    print("ValueError:", e)


def gen():
    yield 1


async def awaits_generator():
    await gen()


try:
    run(awaits_generator())
except TypeError as e:
    print("TypeError:", e)


async def awaits_int():
    await 5


try:
    run(awaits_int())
except TypeError as e:
    print("TypeError:", e)

unstarted = nothing()
try:
    for x in unstarted:
        pass
except TypeError as e:
    print("TypeError:", e)
unstarted.close()


async def thrower():
    try:
        await Ticker("t")
    except KeyError as e:
        return "caught " + str(e)


t = thrower()
print(t.send(None))
try:
    t.throw(KeyError("k"))
except StopIteration as stop:
    print(stop.value)

closing = worker("z")
closing.send(None)
closing.close()
print("closed")

c = nothing()
print(type(c), repr(type(c)))
try:
    next(c)
except TypeError as e:
    print("TypeError:", e)
c.close()
