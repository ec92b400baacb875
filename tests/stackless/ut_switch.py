# Ported from Stackless's unittests/test_miscell.py (TestSwitch and
# TestTaskletSwitching): tasklet.switch() and tasklet.run(), to new,
# paused, blocked and current tasklets, with and without switch_trap.
import stackless


def show(label, f, *args):
    try:
        r = f(*args)
        print(label, "returned", "<tasklet>" if isinstance(r, stackless.tasklet) else repr(r))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


source = stackless.getcurrent()
c = stackless.channel()
finished = []


def target():
    print("  target: source paused", source.paused, "scheduled", source.scheduled)
    source.insert()
    finished.append("target")


def blocked_target():
    c.receive()
    finished.append("blocked_target")


class SwitchTrapped:
    def __enter__(self):
        stackless.switch_trap(1)

    def __exit__(self, *exc):
        stackless.switch_trap(-1)
        return False


# test_switch
t = stackless.tasklet(target)()
show("switch", t.switch)
print("finished", finished, t.alive)

# test_switch_self
show("switch to self", stackless.getcurrent().switch)

# test_switch_to_current (issue 88): twice
current = stackless.current
current.switch()
current.switch()
print("switched to current twice", current.is_current)

# test_switch_blocked
del finished[:]
t = stackless.tasklet(blocked_target)()
t.run()
print("blocked", t.blocked)
show("switch to blocked", t.switch)
c.send(None)
print("finished", finished)

# test_switch_paused
del finished[:]
t = stackless.tasklet(target)
t.bind(args=())
print("paused", t.paused)
t.switch()
print("finished", finished)

# test_switch_trapped
del finished[:]
t = stackless.tasklet(target)()
print("paused before", t.paused)
with SwitchTrapped():
    show("switch trapped", t.switch)
print("paused after", t.paused, "scheduled", t.scheduled)
t.switch()
print("finished", finished)

# test_switch_self_trapped
with SwitchTrapped():
    show("switch to self trapped", stackless.getcurrent().switch)

# test_switch_blocked_trapped
del finished[:]
t = stackless.tasklet(blocked_target)()
t.run()
with SwitchTrapped():
    show("switch to blocked trapped", t.switch)
print("still blocked", t.blocked)
c.send(None)
print("finished", finished)

# test_switch_paused_trapped
del finished[:]
t = stackless.tasklet(target)
t.bind(args=())
with SwitchTrapped():
    show("switch to paused trapped", t.switch)
print("still paused", t.paused)
t.switch()
print("finished", finished)

# TestTaskletSwitching.test_run
flag = []
s = stackless.tasklet(lambda: flag.append(True))()
s.run()
print("run", flag)

# switch() leaves the caller paused; whoever runs next must insert it
log = []


def a():
    log.append("a starts")
    b_t.switch()
    log.append("a back")


def b():
    log.append("b: a paused %s scheduled %s" % (a_t.paused, a_t.scheduled))
    a_t.insert()
    log.append("b: a inserted")


a_t = stackless.tasklet(a)()
b_t = stackless.tasklet(b)
b_t.bind(args=())
stackless.run()
print("switch log", log)

# run() keeps the caller in the queue: t2.run() with t1 t2 t3 queued runs
# t2 then t3, then comes back; t1 waits for the next round
log = []
ts = [stackless.tasklet(log.append)("t%d" % i) for i in (1, 2, 3)]
ts[1].run()
print("run keeps the caller", log)
stackless.run()
print("then", log)

# switch() to a tasklet in the run queue: caller removed, others keep order
log = []
ts = [stackless.tasklet(log.append)("t%d" % i) for i in (1, 2, 3)]


def resume_main():
    log.append("resume main")
    stackless.main.insert()


ts.append(stackless.tasklet(resume_main)())
ts[1].switch()
print("switch removes the caller", log)
stackless.run()

# run() / switch() of a dead tasklet
show("run dead", ts[0].run)
show("switch dead", ts[0].switch)
show("insert dead", ts[0].insert)
show("remove dead", ts[0].remove)
