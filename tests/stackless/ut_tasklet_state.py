# Tasklet attributes and state flags through a tasklet's life, after
# Stackless's tasklet documentation (tasklet_state_chart) and
# test_miscell.py (TestWatchdog.lifecycle, TestBind.test_bind).
import stackless


def flags(t):
    return "alive=%s paused=%s scheduled=%s blocked=%s restorable=%s" % (
        t.alive, t.paused, t.scheduled, t.blocked, t.restorable)


def more(t):
    return "frame=%s nesting_level=%s is_main=%s is_current=%s tempval=%r" % (
        t.frame is not None, t.nesting_level, t.is_main, t.is_current, t.tempval)


main = stackless.main
print("main", flags(main))
print("main", more(main).replace(repr(main), "<main>"))
print("main defaults atomic", main.atomic, "block_trap", main.block_trap, "ignore_nesting", main.ignore_nesting)
print("main ring", main.next is main, main.prev is main)
print("main identities", stackless.main is stackless.getmain(), stackless.current is stackless.getcurrent(), stackless.current is main)

ch = stackless.channel()
seen = {}


def work(x, y=0):
    me = stackless.current
    seen["running"] = (flags(me), me.is_current, me.frame is not None, me is stackless.getcurrent())
    seen["main while t runs"] = (main.is_current, main.scheduled, main.paused)
    seen["received"] = ch.receive()
    stackless.schedule_remove()
    return x + y


# a new tasklet: not alive, no frame
t = stackless.tasklet()
print("new", flags(t))
print("new", more(t))
print("new ring", t.next, t.prev, "thread_id same as main", t.thread_id == main.thread_id)

# bound, not set up
t.bind(work)
print("bound", flags(t))
print("bound tempval is the function", t.tempval is work, t.frame, t.nesting_level)

# set up: alive and scheduled at the end of the run queue
t.setup(1, y=2)
print("setup", flags(t))
print("setup", more(t))
print("ring", main.next is t, main.prev is t, t.next is main, t.prev is main, stackless.runcount)

# running, then blocked on the channel
stackless.run()
print("seen while running", seen["running"])
print("seen main while t runs", seen["main while t runs"])
print("blocked", flags(t))
print("blocked", more(t))
print("blocked ring", t.next, t.prev, stackless.runcount, ch.balance)

# given a value: scheduled again, not blocked
ch.send("hello")
print("after send", flags(t), "received", seen.get("received"))
stackless.run()

# paused by schedule_remove: alive, not scheduled
print("after schedule_remove", flags(t))
print("after schedule_remove", more(t).replace(repr(t), "<t>"))
print("paused ring", t.next, t.prev)

# insert: scheduled, no longer paused
t.insert()
print("inserted", flags(t))
t.remove()
print("removed", flags(t))
t.insert()

# done: the return value is in tempval
stackless.run()
print("dead", flags(t))
print("dead", more(t))

# tempval: set and read on a paused tasklet
t2 = stackless.tasklet(stackless.schedule_remove)()
stackless.run()
print("paused by builtin schedule_remove", flags(t2))
t2.tempval = "resume value"
print("tempval set", t2.tempval)
t2.insert()
stackless.run()
print("after the builtin returned", repr(t2.tempval), t2.alive)
results = []


def remover():
    results.append(stackless.schedule_remove("default"))


t2 = stackless.tasklet(remover)()
stackless.run()
print("remover paused with tempval", repr(t2.tempval))
t2.tempval = "set by main"
t2.insert()
stackless.run()
print("schedule_remove returned", results)

# block_trap, atomic, ignore_nesting are per tasklet and writable
t3 = stackless.tasklet(work)(1)
t3.block_trap = True
print("t3 block_trap", t3.block_trap, "main block_trap", main.block_trap)
t3.block_trap = False
print("set_atomic", t3.set_atomic(True), t3.atomic, t3.set_atomic(False), t3.atomic)
print("set_ignore_nesting", t3.set_ignore_nesting(1), t3.ignore_nesting, t3.set_ignore_nesting(0), t3.ignore_nesting)
t3.kill()
print("killed before running", flags(t3))

# recursion_depth: 0 before running, the depth of frames while paused
depth = {}


def outer():
    inner()


def inner():
    depth["inside"] = stackless.current.recursion_depth
    stackless.schedule_remove()


t4 = stackless.tasklet(outer)()
print("recursion_depth before run", t4.recursion_depth)
t4.run()
print("recursion_depth inside", depth["inside"], "paused", t4.recursion_depth)
t4.insert()
stackless.run()
print("recursion_depth dead", t4.recursion_depth)
print("main recursion_depth at module level", main.recursion_depth)

# frame: the tasklet's current frame while paused
def framed():
    stackless.schedule_remove()


t5 = stackless.tasklet(framed)()
print("frame before run", t5.frame)
t5.run()
print("frame while paused", t5.frame.f_code.co_name)
t5.insert()
stackless.run()
print("frame after end", t5.frame)

# next and prev follow the run queue
a = stackless.tasklet(work)(0)
b = stackless.tasklet(work)(0)
print("queue", main.next is a, a.next is b, b.next is main, main.prev is b, b.prev is a, a.prev is main)
a.remove()
print("after removing a", main.next is b, b.prev is main, a.next, a.prev, a.paused)
a.kill()
b.kill()
print("runcount", stackless.runcount, stackless.getruncount())
