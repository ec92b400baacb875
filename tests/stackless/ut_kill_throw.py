# Ported from Stackless's unittests/test_miscell.py (TestTaskletThrowBase
# with pending=False and pending=True, TestKill) and test_exception.py:
# throw() in all its forms, kill(pending), killing the current tasklet.
import stackless


def show(label, f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
        print(label, "returned", "<tasklet>" if isinstance(r, stackless.tasklet) else repr(r))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


c = stackless.channel()


def receiver():
    try:
        c.receive()
    except Exception as e:
        print("  caught", type(e).__name__, e.args)


def errfunc():
    1 / 0


def aftercheck(s, pending):
    if pending:
        print("  after a pending throw: alive", s.alive, "scheduled", s.scheduled, "blocked", s.blocked)
        s.run()
    print("  alive", s.alive)


for pending in (False, True):
    print("pending =", pending)

    # test_throw_noargs
    s = stackless.tasklet(receiver)()
    s.run()
    s.throw(IndexError, pending=pending)
    aftercheck(s, pending)

    # test_throw_args
    s = stackless.tasklet(receiver)()
    s.run()
    s.throw(IndexError, (1, 2, 3), pending=pending)
    aftercheck(s, pending)

    # a single value that is not a tuple
    s = stackless.tasklet(receiver)()
    s.run()
    s.throw(IndexError, "one", pending=pending)
    aftercheck(s, pending)

    # test_throw_inst
    s = stackless.tasklet(receiver)()
    s.run()
    s.throw(IndexError(1, 2, 3), pending=pending)
    aftercheck(s, pending)

    # test_throw_exc_info: class, value, traceback
    s = stackless.tasklet(receiver)()
    s.run()
    try:
        errfunc()
    except Exception as e:
        s.throw(type(e), e, e.__traceback__, pending=pending)
    aftercheck(s, pending)

    # test_new: throw into a tasklet that never ran; the error comes out
    # to the thrower (immediate) or out of run() (pending)
    s = stackless.tasklet(receiver)()
    print("  new: frame", s.frame, "alive", s.alive)
    if not pending:
        show("  throw into a new tasklet", s.throw, IndexError, pending=pending)
    else:
        s.throw(IndexError, pending=pending)
        print("  pending throw into new: alive", s.alive, "scheduled", s.scheduled)
        show("  run", stackless.run)
    print("  alive", s.alive)

    # test_kill_new: throwing TaskletExit into a new tasklet kills it quietly
    def never():
        print("  should not run this")

    s = stackless.tasklet(never)()
    s.throw(TaskletExit, pending=pending)
    stackless.run()
    print("  killed new:", s.alive)
    show("  run of the killed new tasklet", s.run)

    # test_dead: throw into a dead tasklet is an error
    s = stackless.tasklet(c.receive)()
    s.run()
    c.send(None)
    stackless.run()
    print("  dead:", s.alive)
    show("  throw IndexError into a dead tasklet", s.throw, IndexError, pending=pending)
    # test_kill_dead: but TaskletExit is fine
    show("  throw TaskletExit into a dead tasklet", s.throw, TaskletExit, pending=pending)
    show("  kill a dead tasklet", s.kill, pending=pending)

# test_throw_invalid
s = stackless.getcurrent()
show("throw()", s.throw)
show("throw(instance, value)", s.throw, IndexError(1), (1, 2, 3))
show("throw(42)", s.throw, 42)
show("throw(class, value, not a traceback)", s.throw, IndexError, 1, 42)

# throwing into the current tasklet raises right here
try:
    s.throw(KeyError, "self")
except KeyError as e:
    print("throw into self:", repr(e))

# TestKill.test_kill_pending_true / false
killed = []


def foo():
    try:
        stackless.schedule()
    except TaskletExit:
        killed.append(True)
        raise


t = stackless.tasklet(foo)()
t.run()
print("before kill(pending=True)", killed)
t.kill(pending=True)
print("after kill(pending=True)", killed, t.alive, t.scheduled)
t.run()
print("after run", killed, t.alive)

del killed[:]
t = stackless.tasklet(foo)()
t.run()
t.kill(pending=False)
print("after kill(pending=False)", killed, t.alive)


# test_kill_current
def task():
    try:
        stackless.current.kill()
    except TaskletExit:
        killed.append("current")
        raise


del killed[:]
t = stackless.tasklet(task)()
t.run()
print("killed current", killed, t.alive, t.thread_id == stackless.current.thread_id)

# a tasklet may catch TaskletExit and go on
def stubborn():
    try:
        stackless.schedule()
    except TaskletExit:
        print("  stubborn caught TaskletExit")
    print("  stubborn goes on")
    stackless.schedule()
    print("  stubborn ends")


t = stackless.tasklet(stubborn)()
t.run()
t.kill()
print("stubborn after kill: alive", t.alive, "scheduled", t.scheduled)
stackless.run()
print("stubborn alive", t.alive)

# kill of a paused tasklet, of a tasklet blocked sending
t = stackless.tasklet(stackless.schedule_remove)()
t.run()
print("paused", t.paused)
t.kill()
print("killed paused", t.alive, t.paused)
t = stackless.tasklet(c.send)(1)
t.run()
print("blocked sender, balance", c.balance)
t.kill()
print("killed sender, balance", c.balance, t.alive)

# TaskletExit: a SystemExit, not an Exception; its code attribute
e = TaskletExit()
print("TaskletExit", issubclass(TaskletExit, SystemExit), issubclass(TaskletExit, Exception),
      issubclass(TaskletExit, BaseException), e.code, TaskletExit("x").code)
print("in stackless module", getattr(stackless, "TaskletExit", None) is TaskletExit)

# kill() arguments
show("kill(False, None)", stackless.tasklet().kill, False, None)

# a TaskletExit raised by the tasklet itself ends it silently
def quitter():
    raise TaskletExit("bye")


t = stackless.tasklet(quitter)()
stackless.run()
print("quitter ended silently", t.alive)


# TaskletExit escaping into main from a killed tasklet's run is swallowed
def looper():
    while True:
        stackless.schedule()


t = stackless.tasklet(looper)()
stackless.schedule()
t.kill()
print("looper killed", t.alive, stackless.getruncount())
