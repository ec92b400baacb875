# Ported from Stackless's unittests/test_pickle.py (testRecursiveLambda,
# testRecursiveEmbedded, testCell, testFunctionModulePreservation,
# TestDictViewPickling) and test_generator.py (TestGeneratorPickling):
# Stackless pickles lambdas, nested functions, closures and generators by
# value, so a tasklet running them can be pickled and resumed.
import pickle

import stackless
from stackless import schedule

glist = []


def accumulate(tag, func, *args):
    rval = (tag, func(*args))
    glist.append(rval)


def run_pickled(label, func, *args):
    t = stackless.tasklet(accumulate)("same", func, *args)
    del glist[:]
    t.run()
    if glist:
        print(label, "did not stop")
        return
    ip = pickle.loads(pickle.dumps(t))
    ip.run()
    t.run()
    print(label, glist)


# a lambda and a nested function pickled on their own
f = lambda x: x + 1
g = pickle.loads(pickle.dumps(f))
print("lambda", g(1), g is not f, g.__name__, g.__module__ == f.__module__)


def outer():
    def inner(y):
        return y * 5
    return inner


h = pickle.loads(pickle.dumps(outer()))
print("nested function", h(2), h.__name__)


def make_counter():
    count = [0]

    def counter():
        count[0] += 1
        return count[0]
    return counter


c1 = make_counter()
c1()
c2 = pickle.loads(pickle.dumps(c1))
print("closure", c1(), c2(), c2(), c1())

# testRecursiveLambda
recurse = lambda self, next: next - 1 and self(self, next - 1) or (schedule(), 42)[1]
pickle.loads(pickle.dumps(recurse))
run_pickled("recursive lambda", recurse, recurse, 13)


# testRecursiveEmbedded
def embedded_runner(n):
    def rectest(nrec, lev=0):
        if lev < nrec:
            return rectest(nrec, lev + 1)
        schedule()
        return lev
    return rectest(n)


run_pickled("recursive embedded", embedded_runner, 5)


# testCell: a function whose closure refers to itself
def cellpickling():
    def closure():
        localvar = the_closure
        return localvar is not None
    the_closure = closure
    del closure
    schedule()
    return the_closure()


run_pickled("cell", cellpickling)


# a closure running in the tasklet, with a nonlocal it updates
def nonlocal_runner():
    total = 0

    def add(n):
        nonlocal total
        total += n
        if n == 2:
            schedule()
        return total
    for i in range(5):
        add(i)
    return total


run_pickled("nonlocal", nonlocal_runner)

# a lambda as the tasklet's function
run_pickled("lambda function", lambda a, b: (schedule(), a + b)[1], 2, 3)


# generators: pickled on their own, half consumed and exhausted
def gen():
    yield 1
    yield 2


g1 = gen()
g2 = pickle.loads(pickle.dumps(g1))
print("generator names", g2.__name__, g2.__qualname__, list(g2))
next(g1)
g3 = pickle.loads(pickle.dumps(g1))
print("half consumed", list(g3), list(g1))
g4 = pickle.loads(pickle.dumps(g1))
print("exhausted", list(g4))

# dict views
d = {1: 2, 3: 4}
for view in (d.keys(), d.values(), d.items()):
    v2 = pickle.loads(pickle.dumps(view))
    print("dict view", type(v2).__name__, list(v2) == list(view))


# the value stack is pickled too: here the bound method glist.append was
# already on it when the tasklet paused, so the copy appends to its own
# copy of the list, not to glist
def stacked(tag):
    glist.append((tag, schedule() is not None))


del glist[:]
t = stackless.tasklet(stacked)("t")
t.run()
ip = pickle.loads(pickle.dumps(t))
ip.run()
print("after the copy ran", glist)
t.run()
print("after the original ran", glist)
