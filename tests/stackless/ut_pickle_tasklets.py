# Ported from Stackless's unittests/test_pickle.py (TestPickledTasklets):
# a tasklet paused inside a loop over each kind of iterator, in recursion,
# in a generator, in a with block and in __init__ is pickled and loaded;
# the copy and the original both finish with the same result. Module-level
# functions only (see ut_pickle_closures.py for lambdas and closures).
import pickle

import stackless
from stackless import schedule, tasklet

glist = []


class Ident:
    pass


def accumulate(ident, func, *args):
    rval = (ident, func(*args))
    glist.append(rval)


def rectest(nrec, lev=0, lst=None):
    if lst is None:
        lst = []
    lst.append(lev)
    if lev < nrec:
        rectest(nrec, lev + 1, lst)
    else:
        schedule()
    return lst


def listtest(n, when):
    for i in list(range(n)):
        if i == when:
            schedule()
    return i


def xrangetest(n, when):
    for i in range(n):
        if i == when:
            schedule()
    return i


def enumeratetest(n, when):
    for i, ig in enumerate([None] * n):
        if i == when:
            schedule()
    return i


def dicttestiterkeys(n, when):
    for i in dict([(i, i) for i in range(n)]).keys():
        if i == when:
            schedule()
    return n


def dicttestitervalues(n, when):
    for i in dict([(i, i) for i in range(n)]).values():
        if i == when:
            schedule()
    return n


def dicttestiteritems(n, when):
    for (i, j) in dict([(i, i) for i in range(n)]).items():
        if i == when:
            schedule()
    return n


def settest(n, when):
    for i in set(range(n)):
        if i == when:
            schedule()
    return i


def tupletest(n, when):
    for i in tuple(range(n)):
        if i == when:
            schedule()
    return i


def strtest(s, when):
    out = []
    for ch in s:
        if ch == when:
            schedule()
        out.append(ch.upper())
    return "".join(out)


def genschedinnertest(n, when):
    for i in range(n):
        if i == when:
            schedule()
        yield i


def genschedoutertest(n, when):
    for x in genschedinnertest(n, when):
        pass
    return x


def geninnertest(n):
    for x in range(n):
        yield x


def genoutertest(n, when):
    for i in geninnertest(n):
        if i == when:
            schedule()
    return i


def zipmaptest(n, when):
    total = 0
    for a, b in zip(range(n), map(lambda x: x * 2, range(n))):
        if a == when:
            schedule()
        total += a + b
    return total


def whiletest(n, when):
    i = 0
    acc = []
    while i < n:
        if i == when:
            schedule()
        acc.append(i * i)
        i += 1
    return sum(acc)


def excepttest(when):
    log = []
    try:
        try:
            raise KeyError("inner")
        except KeyError as e:
            log.append(repr(e))
            schedule()
            log.append("still in except")
            raise ValueError("outer")
    except ValueError as e:
        log.append(repr(e))
    finally:
        log.append("finally")
    return log


class CtxManager(object):
    def __init__(self, when, suppress_exc):
        self.when = when
        self.suppress_exc = suppress_exc
        self.log = []

    def __enter__(self):
        self.log.append("enter")
        if self.when == "enter":
            rectest(1)
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.log.append("exit " + (exc_type.__name__ if exc_type else "None"))
        if self.when == "exit":
            rectest(1)
        return self.suppress_exc


def ctxpickling(when, raise_it, suppress_exc):
    ctxmgr = CtxManager(when, suppress_exc)
    try:
        with ctxmgr as c:
            ctxmgr.log.append("body")
            if when == "body":
                rectest(1)
            if raise_it:
                raise RuntimeError("raised by ctxpickling")
        ctxmgr.log.append("after with")
    except RuntimeError as e:
        ctxmgr.log.append("caught " + str(e))
    return ctxmgr.log, c is ctxmgr


class InitTestClass:
    def __init__(self, log):
        log.append("started")
        schedule()
        log.append("init done")


def inittest():
    log = []
    obj = InitTestClass(log)
    return log, type(obj).__name__


def run_pickled(label, func, *args):
    ident = Ident()
    t = tasklet(accumulate)(ident, func, *args)
    del glist[:]
    t.run()
    if glist:
        print(label, "did not stop")
        return
    p = pickle.dumps(t)
    ip = pickle.loads(p)
    print(label, "loaded", ip is not t, ip.alive, ip.paused, ip.scheduled)
    ip.run()
    new_ident, new_rval = glist.pop()
    t.run()
    old_ident, old_rval = glist.pop()
    print(label, repr(new_rval), "same result", new_rval == old_rval,
          "idents", old_ident is ident, new_ident is not ident, type(new_ident).__name__)


run_pickled("generator", genoutertest, 20, 13)
run_pickled("list", listtest, 20, 13)
run_pickled("range", xrangetest, 20, 13)
run_pickled("range exhausted", xrangetest, 20, 19)
run_pickled("recursive", rectest, 13)
run_pickled("dict keys", dicttestiterkeys, 20, 13)
run_pickled("dict values", dicttestitervalues, 20, 13)
run_pickled("dict items", dicttestiteritems, 20, 13)
run_pickled("set", settest, 20, 13)
run_pickled("enumerate", enumeratetest, 20, 13)
run_pickled("tuple", tupletest, 20, 13)
run_pickled("str", strtest, "world", "r")
run_pickled("generator scheduling", genschedoutertest, 20, 13)
run_pickled("zip and map", zipmaptest, 10, 4)
run_pickled("while", whiletest, 10, 4)
run_pickled("except", excepttest, 0)
for when in ("enter", "body", "exit"):
    for raise_it in (False, True):
        for suppress in (False, True):
            run_pickled("with %s raise=%s suppress=%s" % (when, raise_it, suppress),
                        ctxpickling, when, raise_it, suppress)
run_pickled("__init__", inittest)


# testClassPersistence: a tasklet subclass keeps its class
class CustomTasklet(tasklet):
    pass


def nothing():
    pass


t1 = CustomTasklet(nothing)()
t2 = pickle.loads(pickle.dumps(t1))
print("subclass kept", type(t2).__name__, t2.__class__ is t1.__class__, t2.alive, t2.scheduled)
t1.kill()
t2.kill()


# testSendSequence: a tasklet inside send_sequence can be pickled
def sender(chan):
    chan.send_sequence([1, 2, 3, 4])


def receiver(chan):
    got = []
    for i in range(4):
        got.append(chan.receive())
    print("  receiver got", got)


c = stackless.channel()
t1 = stackless.tasklet(sender)(c)
t2 = stackless.tasklet(receiver)(c)
t1.run()
p = pickle.dumps(t1)
print("pickled inside send_sequence", type(p).__name__, t1.blocked)
stackless.run()

# a tasklet that never ran, and a dead one
t = stackless.tasklet(xrangetest)(5, 2)
t2 = pickle.loads(pickle.dumps(t))
print("unrun copy", t2.alive, t2.paused, t2.scheduled, t2.frame is None)
t.remove()
t2.insert()
stackless.run()
print("unrun copy ran", t2.alive)
t2 = pickle.loads(pickle.dumps(t2))
print("dead copy", t2.alive, t2.paused, t2.scheduled)

# the current tasklet cannot be pickled, from main or from a tasklet
try:
    pickle.dumps(stackless.current)
except RuntimeError as e:
    print("RuntimeError:", e)


def pickle_self():
    try:
        pickle.dumps(stackless.current)
    except RuntimeError as e:
        print("  in a tasklet, RuntimeError:", e)


stackless.tasklet(pickle_self)()
stackless.run()
