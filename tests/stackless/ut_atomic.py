# Ported from Stackless's unittests/test_miscell.py (TestAtomic) and the
# atomic documentation: set_atomic returns the old flag, stackless.atomic()
# sets it for a with block and restores it, also when the block raises;
# atomic is per tasklet; a watchdog interrupt waits for the block's end.
import stackless

cur = stackless.getcurrent()
old = cur.atomic
print("initial", old)
print("set False ->", cur.set_atomic(False), cur.atomic)
print("set True ->", cur.set_atomic(True), cur.atomic)
print("set True ->", cur.set_atomic(True), cur.atomic)
print("set False ->", cur.set_atomic(False), cur.atomic)
print("set 5 ->", cur.set_atomic(5), cur.atomic)
print("set 0 ->", cur.set_atomic(0), cur.atomic)
cur.set_atomic(old)

# testAtomicCtxt
cur.set_atomic(False)
with stackless.atomic():
    print("in atomic()", stackless.getcurrent().atomic)
print("after atomic()", cur.atomic)

# testAtomicNopCtxt
cur.set_atomic(True)
with stackless.atomic():
    print("nested in atomic", cur.atomic)
print("still atomic after", cur.atomic)
cur.set_atomic(False)

# the flag is restored when the block raises
try:
    with stackless.atomic():
        raise KeyError("inside")
except KeyError as e:
    print("raised", repr(e), "atomic", cur.atomic)

# what the with statement gets
with stackless.atomic() as a:
    print("as target", a)

# atomic is per tasklet: a tasklet does not inherit main's flag
seen = []


def look():
    seen.append(stackless.current.atomic)
    stackless.current.set_atomic(True)
    stackless.schedule()
    seen.append(stackless.current.atomic)


t = stackless.tasklet(look)()
with stackless.atomic():
    stackless.schedule()
    print("main after switching while atomic", cur.atomic)
stackless.run()
print("tasklet saw", seen, "main", cur.atomic)

# a tasklet may switch while atomic: atomic only holds back interrupts
log = []


def atomic_worker(name):
    with stackless.atomic():
        log.append(name + " in")
        stackless.schedule()
        log.append(name + " out")


stackless.tasklet(atomic_worker)("a")
stackless.tasklet(atomic_worker)("b")
stackless.run()
print("switching inside atomic", log)


# an interrupt held back by atomic fires right after the block
def spinner(log):
    with stackless.atomic():
        for i in range(5000):
            pass
        log.append("atomic done")
    for i in range(100000):
        pass
    log.append("not reached before the interrupt")


log = []
t = stackless.tasklet(spinner)(log)
v = stackless.run(50)
print("interrupted", v is t, log, t.atomic)
t.kill()

# an atomic tasklet set with set_atomic is never interrupted
def atomic_spinner(log):
    stackless.current.set_atomic(True)
    for i in range(5000):
        pass
    log.append("finished")


log = []
t = stackless.tasklet(atomic_spinner)(log)
print("run returned", stackless.run(50), log, t.alive)
