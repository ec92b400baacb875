# Ported from Stackless's unittests/test_miscell.py (TestSchedule) and the
# scheduler documentation: schedule() and schedule_remove() with their
# return values, remove() leaving a tasklet paused, insert() errors.
import stackless


def show(label, f, *args):
    try:
        r = f(*args)
        print(label, "returned", "<tasklet>" if isinstance(r, stackless.tasklet) else repr(r))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


events = []


# testSchedule: the previous tasklet stays scheduled
def foo(previous):
    events.append(("foo", previous.scheduled, previous.paused))


t = stackless.tasklet(foo)(stackless.getcurrent())
print("scheduled", t.scheduled)
stackless.schedule()
print("testSchedule", events)


# testScheduleRemoveFail: schedule_remove leaves the caller paused
def foo2(previous):
    events.append(("foo2 sees", previous.scheduled, previous.paused))
    previous.insert()
    events.append(("after insert", previous.scheduled))


del events[:]
stackless.tasklet(foo2)(stackless.getcurrent())
stackless.schedule_remove()
print("testScheduleRemove", events)

# return values: schedule() returns its argument, by default the current
# tasklet; so does schedule_remove() unless the tempval is changed
print("schedule()", stackless.schedule() is stackless.current)
print("schedule(42)", stackless.schedule(42))
print("schedule(None)", stackless.schedule(None))


def reinsert(t, value=None, set_value=False):
    if set_value:
        t.tempval = value
    t.insert()


me = stackless.current
stackless.tasklet(reinsert)(me)
print("schedule_remove()", stackless.schedule_remove() is me)
stackless.tasklet(reinsert)(me)
print("schedule_remove('x')", stackless.schedule_remove("x"))
stackless.tasklet(reinsert)(me, "changed", True)
print("schedule_remove('x') with tempval changed", stackless.schedule_remove("x"))

# in a tasklet
results = []


def sched_twice():
    results.append(stackless.schedule("a"))
    results.append(stackless.schedule() is stackless.current)
    results.append(stackless.schedule_remove("b"))


t = stackless.tasklet(sched_twice)()
stackless.run()
print("paused", t.paused, results)
t.insert()
stackless.run()
print("tasklet results", results, t.alive)

# remove(): a scheduled tasklet becomes paused and does not run
log = []
a = stackless.tasklet(log.append)("a")
b = stackless.tasklet(log.append)("b")
print("remove returns the tasklet", a.remove() is a)
print("a", a.paused, a.scheduled, a.alive, "runcount", stackless.getruncount())
print("remove again", a.remove() is a, a.paused)
stackless.run()
print("only b ran", log)
print("insert returns the tasklet", a.insert() is a, a.scheduled)
a.insert()
print("insert twice keeps one entry", stackless.getruncount())
stackless.run()
print("then a", log)

# remove() of a blocked tasklet, of the current tasklet; insert() of a
# blocked or dead tasklet
c = stackless.channel()
t = stackless.tasklet(c.receive)()
stackless.run()
show("remove blocked", t.remove)
show("insert blocked", t.insert)
show("remove current", stackless.current.remove)
show("insert current", stackless.current.insert)
t.kill()
show("insert dead", t.insert)
show("remove dead", t.remove)
show("insert new", stackless.tasklet().insert)
show("remove new", stackless.tasklet().remove)

# main, scheduled while a tasklet runs, can be removed by that tasklet
def remove_main():
    show("  remove main from a tasklet", stackless.main.remove)
    print("  main paused", stackless.main.paused, stackless.main.scheduled)
    stackless.main.insert()


stackless.tasklet(remove_main)()
stackless.schedule()
print("main is back")

# schedule_remove as a tasklet's function: the tasklet pauses itself
t = stackless.tasklet(stackless.schedule_remove)(7)
stackless.run()
print("paused", t.paused, "tempval", t.tempval)
t.insert()
stackless.run()
print("done", t.alive)

# schedule() by the only runnable tasklet returns at once
print("alone", stackless.getruncount(), stackless.schedule("alone"))
