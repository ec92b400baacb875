# The program behind Shoal's damaged-input tests and fuzz targets
# (scripting/tests/damaged_loads.rs, scripting/fuzz/fuzz_targets/): its
# definitions are the same in every run, so that pickles and snapshots
# made by one run find their code and globals in another; `sys.argv[1]`
# picks what the run does after them.
import pickle
import stackless
import sys


class Account:
    rate = 2

    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance

    def grow(self):
        self.balance = self.balance * Account.rate % 1000
        return self.balance

    def __repr__(self):
        return "Account(" + str(self.owner) + ", " + str(self.balance) + ")"


class Savings(Account):
    def grow(self):
        return super().grow() + 1


class Overdrawn(Exception):
    pass


def make_counter(start):
    count = start

    def step(by):
        nonlocal count
        count += by
        return count

    return step


def squares(n):
    i = 0
    while i < n:
        yield i * i
        i += 1


class Guard:
    def __init__(self, log):
        self.log = log

    def __enter__(self):
        self.log.append("enter")
        return self

    def __exit__(self, *exc):
        self.log.append("exit")
        return False


def deep(ch, out, level, acct):
    if level > 0:
        return deep(ch, out, level - 1, acct) + 1
    step = make_counter(level)
    log = []
    try:
        raise Overdrawn(acct.owner)
    except Overdrawn as problem:
        with Guard(log):
            for sq in squares(4):
                got = ch.receive()
                step(got + sq)
                acct.grow()
        out.send((str(problem), step(0), log, acct))
    return 0


def feeder(ch, n):
    for i in range(n):
        ch.send(i)
        stackless.schedule()


def drain(out):
    while True:
        print("drained", out.receive())


def walk(level, acct, step):
    if level > 0:
        return walk(level - 1, acct, step) + 1
    log = []
    try:
        raise Overdrawn("walk")
    except Overdrawn as e:
        PROBLEMS.append(e)
        with Guard(log):
            for sq in squares(6):
                step(sq)
                acct.grow()
                print(sq, step(0), str(e), log, acct)
    return 0


PROBLEMS = []


def poke(x):
    try:
        print("loaded", repr(x)[:60])
    except Exception as e:
        print("repr:", type(e).__name__)
    for op in range(6):
        try:
            if op == 0:
                x.insert()
            elif op == 1:
                print(x(2))
            elif op == 2:
                print(x.grow())
            elif op == 3:
                for k in range(5):
                    x.send(k)
            elif op == 4:
                for v in x:
                    print("item", repr(v)[:40])
            else:
                stackless.schedule()
        except Exception as e:
            print("op", op, type(e).__name__)


def labelled(a, b=2, *rest, scale=1, **extra):
    return (a + b + len(rest)) * scale + len(extra)


def shapes(n):
    made = []
    for i in range(n):
        class Local(Account):
            kind = i

            def grow(self):
                return super().grow() + self.kind

        made.append(Local("l" + str(i), i).grow())
        adders = [make_counter(k) for k in range(2)]
        made.append(sum(f(i) for f in adders))
        made.append(labelled(i, scale=3, extra=1))
        made.append(labelled(*[i, i], **{"scale": 2}))
        made.append({k: v for k, v in zip("ab", squares(2))})
        made.append(f"{i:>3}|{acct!r}")
        try:
            made.append([1, 2][i])
        except IndexError as e:
            made.append(str(e))
        finally:
            made.append(len(made))
    return made


mode = sys.argv[1]
if mode == "main":
    # Runs in the main tasklet only: saved with Vm::save mid-way.
    acct = Savings("dee", 2)
    step = make_counter(1)
    for i in range(3):
        print(walk(3, acct, step), acct)
        print(shapes(3))
    # Ends with a traceback: the first exception caught, raised again.
    print(len(PROBLEMS), repr(PROBLEMS[0]), PROBLEMS[0].args)
    raise PROBLEMS[0]
elif mode == "world":
    # Spawns tasklets; the host runs them and saves the world between slices.
    ch = stackless.channel()
    out = stackless.channel()
    stackless.tasklet(deep)(ch, out, 3, Savings("ann", 5))
    stackless.tasklet(deep)(ch, out, 1, Account("bob", 7))
    stackless.tasklet(feeder)(ch, 9)
    stackless.tasklet(drain)(out)
elif mode == "produce":
    ch = stackless.channel()
    out = stackless.channel()
    a = stackless.tasklet(deep)(ch, out, 3, Savings("ann", 5))
    b = stackless.tasklet(deep)(ch, out, 1, Account("bob", 7))
    stackless.run()
    blobs = [pickle.dumps(a), pickle.dumps((ch, out))]
    g = squares(10)
    next(g)
    next(g)
    blobs.append(pickle.dumps({"acct": Savings("cy", 3), "gen": g, "step": make_counter(4),
                               "nums": [1, 2.5, "x", (None, True), -7], "set": {1, 2},
                               "pair": (Account("di", 1), Account)}))
    f = stackless.tasklet(feeder)(ch, 5)
    victim = stackless.run(150)
    for t in (a, b, f):
        if t.alive:
            blobs.append(pickle.dumps(t))
    blobs.append(pickle.dumps((a, b, ch)))
    BLOBS = blobs
else:
    # The host sets DATA, the bytes to load.
    try:
        x = pickle.loads(DATA)
    except Exception as e:
        print("refused:", type(e).__name__, str(e)[:200])
    else:
        items = [x]
        if type(x) is tuple or type(x) is list:
            items = items + list(x)
        if type(x) is dict:
            items = items + list(x.values())
        for item in items:
            stackless.tasklet(poke)(item)
