# Pickling tasklets more than once (after Stackless's test_pickle.py,
# test_watchdog.py test_pickle and test_exception.py): one tasklet pickled
# at several points, each pickle loaded more than once, every copy resumed
# where its pickle was taken; a tasklet interrupted by the watchdog and
# pickled; tempval, flags and shared data survive.
import pickle

import stackless


def stepper(name, log, steps):
    for i in range(steps):
        log.append((name, i))
        stackless.schedule_remove(("paused at", i))
    log.append((name, "done"))
    return len(log)


log = []
t = stackless.tasklet(stepper)("orig", log, 4)
pickles = []
stackless.run()
while t.alive:
    print("paused", t.paused, "tempval", t.tempval)
    pickles.append(pickle.dumps((t, log)))
    t.insert()
    stackless.run()
print("original log", log)

for n, p in enumerate(pickles):
    for copy in range(2):
        t2, log2 = pickle.loads(p)
        print("pickle", n, "copy", copy, "alive", t2.alive, "paused", t2.paused, "tempval", t2.tempval, "log", log2)
        while t2.alive:
            t2.insert()
            stackless.run()
        print("   finished:", log2)
print("original log unchanged", len(log))


# test_watchdog.py get_pickled_tasklet / test_pickle: interrupted by run(),
# pickled, run to the end three ways (global run, t.run, under a watchdog)
def runtask_print(name):
    x = 0
    for ii in range(1000):
        x += 1
    return name


def get_pickled_tasklet():
    orig = stackless.tasklet(runtask_print)("pickleme")
    not_finished = stackless.run(100)
    print("interrupted", not_finished is orig, orig.paused, orig.alive)
    p = pickle.dumps(not_finished)
    orig.kill()
    return p


t = pickle.loads(get_pickled_tasklet())
t.insert()
stackless.run()
print("run globally", t.alive)
t = pickle.loads(get_pickled_tasklet())
t.insert()
t.run()
print("t.run()", t.alive)
t = pickle.loads(get_pickled_tasklet())
t.insert()
while stackless.runcount > 1:
    returned = stackless.run(100)
    if returned is not None:
        returned.insert()
print("under a watchdog", t.alive)

# test_run_return: after loading, run() of another tasklet returns None
t = pickle.loads(get_pickled_tasklet())
t2 = stackless.tasklet(lambda: None)
t2()
print("run returns", stackless.run())
print("the loaded one was never inserted", t.alive, t.paused)


# shared data: two tasklets pickled together share their list afterwards
def appender(shared, tag):
    for i in range(2):
        shared.append(tag + str(i))
        stackless.schedule()


shared = []
a = stackless.tasklet(appender)(shared, "a")
b = stackless.tasklet(appender)(shared, "b")
stackless.schedule()
p = pickle.dumps((a, b, shared))
a2, b2, shared2 = pickle.loads(p)
a.kill()
b.kill()
print("before", shared, shared2, a2.scheduled, b2.scheduled)
a2.insert()
b2.insert()
stackless.run()
print("after", shared2, "original", shared)


# a blocked tasklet pickled together with its channel, loaded twice: each
# copy comes with its own channel
def waiter(ch, out):
    out.append(ch.receive())


ch = stackless.channel()
out = []
w = stackless.tasklet(waiter)(ch, out)
stackless.run()
p = pickle.dumps((w, ch, out))
w.kill()
for copy in range(2):
    w2, ch2, out2 = pickle.loads(p)
    print("copy", copy, "blocked", w2.blocked, "balance", ch2.balance, "queue is w2", ch2.queue is w2)
    ch2.send("value %d" % copy)
    stackless.run()
    print("   got", out2, w2.alive, ch2.balance)

# tempval of a paused tasklet is pickled with it
t = stackless.tasklet(stackless.schedule_remove)()
t.run()
t.tempval = {"resume": [1, 2]}
t2 = pickle.loads(pickle.dumps(t))
print("tempval kept", t2.tempval, t2.tempval is not t.tempval)
t.kill()
t2.kill()

# atomic and block_trap flags are pickled
def flagged():
    stackless.schedule_remove()


t = stackless.tasklet(flagged)()
t.run()
t.block_trap = True
t.set_atomic(True)
t2 = pickle.loads(pickle.dumps(t))
print("flags kept", t2.block_trap, t2.atomic)
t.kill()
t2.kill()
