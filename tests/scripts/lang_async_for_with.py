# async for and async with, driven by hand (no event loop), as
# pyperformance's coroutines benchmark drives coroutines.


class Ticker:
    """An async iterator counting down, suspending on each step."""

    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.n <= 0:
            raise StopAsyncIteration
        self.n -= 1
        await Pause()
        return self.n


class Pause:
    def __await__(self):
        value = yield 'paused'
        return value


class Lock:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow
        self.log = []

    async def __aenter__(self):
        self.log.append('enter ' + self.name)
        await Pause()
        return self

    async def __aexit__(self, exc_type, exc, tb):
        self.log.append('exit %s %s' % (self.name, exc_type.__name__ if exc_type else None))
        return self.swallow


def drive(coro):
    """Runs a coroutine to its end; returns what it returned and how
    many times it suspended."""
    steps = 0
    try:
        while True:
            coro.send(None)
            steps += 1
    except StopIteration as stop:
        return stop.value, steps


async def total(n):
    out = []
    async for x in Ticker(n):
        if x == 1:
            continue
        out.append(x)
    else:
        out.append('done')
    return out


async def first_even(n):
    async for x in Ticker(n):
        if x % 2 == 0:
            break
    else:
        return None
    return x


async def pairs():
    found = []
    async for a in Ticker(2):
        async for b in Ticker(2):
            found.append((a, b))
    return found


print(drive(total(4)))
print(drive(first_even(5)))
print(drive(pairs()))


async def guarded(lock, fail):
    async with lock as held:
        held.log.append('body')
        if fail:
            raise ValueError('boom')
        return 'ok'


a = Lock('a')
print(drive(guarded(a, False)), a.log)
b = Lock('b', swallow=True)
print(drive(guarded(b, True)), b.log)
c = Lock('c')
try:
    drive(guarded(c, True))
except ValueError as e:
    print('ValueError', e, c.log)


async def nested(x, y):
    async with x, y as second:
        second.log.append('inner')
    return x.log + y.log


print(drive(nested(Lock('x'), Lock('y'))))


async def loop_with_exit():
    log = []
    for i in range(3):
        async with Lock(str(i)) as l:
            if i == 1:
                continue
            if i == 2:
                break
            log.append(i)
        log.extend(l.log)
    return log, l.log


print(drive(loop_with_exit()))


async def bad_for():
    async for x in 5:
        pass


async def bad_with():
    async with 5:
        pass


async def half_manager():
    class Enter:
        async def __aenter__(self):
            return 1
    async with Enter():
        pass


for f in (bad_for, bad_with, half_manager):
    try:
        drive(f())
    except TypeError as e:
        print('TypeError', e)


def drive_once(c):
    try:
        c.send(None)
    except StopIteration:
        pass
    except TypeError as e:
        print(e)


class OnlyExit:
    async def __aexit__(self, *a):
        pass


async def only_exit():
    async with OnlyExit():
        pass


class BadIter:
    def __aiter__(self):
        return 3


async def bad_iter():
    async for i in BadIter():
        pass


drive_once(only_exit())
drive_once(bad_iter())
