# Ported from Stackless's unittests/test_watchdog.py (TestDeadlock) and
# test_defects.py (Schedule, Channel): deadlock errors, errors of a tasklet
# passed to a blocked main, schedule_remove of the last runnable tasklet.
import stackless


def show(label, f, *args):
    try:
        r = f(*args)
        print(label, "returned", "<tasklet>" if isinstance(r, stackless.tasklet) else repr(r))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


# testReceiveOnMain
c = stackless.channel()
show("receive on main", c.receive)

# test_main_receiving_endttasklet / test_main_sending_enddtasklet
c = stackless.channel()
t = stackless.tasklet(lambda: None)()
show("main receiving, the last tasklet ends", c.receive)
print("balance", c.balance, "queue", c.queue)
t = stackless.tasklet(lambda: None)()
show("main sending, the last tasklet ends", c.send, None)
print("balance", c.balance, "queue", c.queue)


# test_main_gets_exception
def task():
    raise ZeroDivisionError("mumbai")


stackless.tasklet(task)()
show("main receiving gets the tasklet's error", stackless.channel().receive)
stackless.tasklet(task)()
show("main sending gets the tasklet's error", stackless.channel().send, 1)
stackless.tasklet(task)()
show("main in schedule gets the tasklet's error", stackless.schedule)
stackless.tasklet(task)()
show("main in run gets the tasklet's error", stackless.run)

# test_tasklet_deadlock: a tasklet gets the Deadlock error
mc = stackless.channel()


def deadlocked():
    c = stackless.channel()
    show("  tasklet receiving alone", c.receive)
    mc.send(None)


t = stackless.tasklet(deadlocked)()
mc.receive()
print("main got the tasklet's send")


# test_tasklet_and_main_receive: the tasklet's Deadlock passes to main
def deadlocked2():
    stackless.channel().receive()


t = stackless.tasklet(deadlocked2)()
show("main receiving while the tasklet deadlocks", mc.receive)
print("the tasklet", t.alive, t.blocked)


# test_error_propagation_when_not_deadlock
def task1():
    stackless.schedule()
    print("  task1 goes on")


def task2():
    raise ZeroDivisionError("bar")


t1 = stackless.tasklet(task1)()
t2 = stackless.tasklet(task2)()
show("run with an erring tasklet", stackless.run)
print("task1 still scheduled", t1.scheduled, stackless.getruncount())
stackless.run()
print("task1", t1.alive)


# testScheduleRemove: schedule_remove of the only tasklet under run()
def remove_self():
    stackless.schedule_remove()
    print("  not reached")


t = stackless.tasklet(remove_self)()
show("run, the tasklet removes itself", stackless.run)
print("paused", t.paused)
t.kill()


# testScheduleRemove2: the only tasklet, main blocked: RuntimeError
def remove_while_main_blocked(chan):
    show("  schedule_remove while main is blocked", stackless.schedule_remove)
    chan.send(None)


chan = stackless.channel()
stackless.tasklet(remove_while_main_blocked)(chan)
chan.receive()
print("main woke up")


# testScheduleRemove3/4: schedule_remove of the last reference
def last_ref():
    stackless.schedule_remove(None)


stackless.tasklet(last_ref)()
stackless.run()
print("schedule_remove of the last reference, from run()")
stackless.tasklet(last_ref)()
show("main schedule_remove(None)", stackless.schedule_remove, None)
print("main is back")

# testTemporaryChannel / testTemporaryChannel2, with a channel that stays
# referenced (a channel nobody references is freed by CPython's reference
# counting, which unblocks its tasklets: a GC detail, left out)
keep = stackless.channel()
t = stackless.tasklet(keep.receive)()
show("run with a tasklet that blocks", stackless.run)
t2 = stackless.tasklet(keep.receive)()
stackless.tasklet(lambda: None)()
show("run, a tasklet that blocks and another", stackless.run)
print("blocked", t.blocked, t2.blocked, keep.balance)
t.kill()
t2.kill()
# main sending on a channel when only blocked tasklets exist elsewhere
c1 = stackless.channel()
c2 = stackless.channel()
t = stackless.tasklet(c1.receive)()
stackless.run()
show("main receives on c2, the only other tasklet waits on c1", c2.receive)
print("t still blocked", t.blocked, c1.balance)
t.kill()

# under run(), a tasklet that blocks alone makes run() return: no error
def blocks_alone():
    try:
        keep.receive()
    except RuntimeError as e:
        print("  caught:", e)


t = stackless.tasklet(blocks_alone)()
show("run, the tasklet blocks alone", stackless.run)
print("blocked", t.blocked, "runcount", stackless.getruncount())
t.kill()
print("killed", t.alive)
