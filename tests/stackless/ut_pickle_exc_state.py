# Ported from Stackless's unittests/test_exception.py
# (TestExcStatePickling): the exception being handled (sys.exc_info())
# is part of a tasklet's state; it is right at every step, and right again
# in copies loaded from pickles taken at each step, in plain frames and in
# generators. In a copy, an exception that was being handled when the
# pickle was taken is a copy ("=copy"); one raised after loading is the
# module's global object ("=global").
import pickle
import sys

import stackless

e1 = ZeroDivisionError("test")
e2 = NotImplementedError("TEST")


def task_inner():
    stackless.schedule_remove((2, sys.exc_info()))
    try:
        raise e2
    except Exception:
        stackless.schedule_remove((3, sys.exc_info()))
    stackless.schedule_remove((4, sys.exc_info()))


def task_outer():
    stackless.schedule_remove((0, sys.exc_info()))
    try:
        raise e1
    except Exception:
        stackless.schedule_remove((1, sys.exc_info()))
        task_inner()
        stackless.schedule_remove((5, sys.exc_info()))
    stackless.schedule_remove((6, sys.exc_info()))


def gen_inner():
    stackless.schedule_remove((2, sys.exc_info()))
    yield 3
    try:
        raise e2
    except Exception:
        yield 4
        stackless.schedule_remove((5, sys.exc_info()))
        yield 6
    yield 7
    stackless.schedule_remove((8, sys.exc_info()))


def gen_outer():
    stackless.schedule_remove((0, sys.exc_info()))
    try:
        raise e1
    except Exception:
        stackless.schedule_remove((1, sys.exc_info()))
        for x in gen_inner():
            stackless.schedule_remove((x, sys.exc_info()))
    stackless.schedule_remove((9, sys.exc_info()))


def describe(tempval):
    n, (typ, val, tb) = tempval
    return "%d:%s(%s)" % (n, typ.__name__ if typ else None, val)


def check(label, func):
    t = stackless.tasklet(func)()
    pickles = []
    steps = []
    stackless.run()
    while t.alive:
        steps.append(describe(t.tempval))
        pickles.append(pickle.dumps(t))
        t.insert()
        stackless.run()
    print(label, " ".join(steps))
    for n, p in enumerate(pickles):
        t = pickle.loads(p)
        t.insert()
        stackless.run()
        steps = []
        while t.alive:
            n2, (typ, val, tb) = t.tempval
            if val is None:
                origin = ""
            elif val is e1 or val is e2:
                origin = "=global"
            else:
                origin = "=copy"
            steps.append(describe(t.tempval) + origin)
            t.insert()
            stackless.run()
        print("  from pickle", n, " ".join(steps))


check("frames", task_outer)
check("generators", gen_outer)
