# Ported from Stackless's unittests/test_miscell.py
# (TestTaskletSwitching.test_raise_exception) and the tasklet
# documentation: raise_exception(cls, *args) delivers the exception now,
# to a blocked, paused, scheduled or new tasklet, and its errors.
import stackless


def show(label, f, *args):
    try:
        r = f(*args)
        print(label, "returned", "<tasklet>" if isinstance(r, stackless.tasklet) else repr(r))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


c = stackless.channel()
log = []


def catcher(name):
    try:
        c.receive()
    except Exception as e:
        log.append((name, type(e).__name__, e.args))
        return
    log.append((name, "no exception"))


# test_raise_exception: the victim runs at once, then the caller goes on
s = stackless.tasklet(catcher)("blocked")
s.run()
print("blocked", s.blocked, c.balance)
s.raise_exception(IndexError)
print("after raise_exception", log, s.alive, c.balance)

# with arguments
del log[:]
s = stackless.tasklet(catcher)("args")
s.run()
s.raise_exception(KeyError, "k", 2)
print("with args", log)

# into a paused tasklet
def paused_catcher():
    try:
        stackless.schedule_remove()
    except ValueError as e:
        print("  paused tasklet got", repr(e))


s = stackless.tasklet(paused_catcher)()
s.run()
print("paused", s.paused)
s.raise_exception(ValueError, "to the paused")
print("alive", s.alive)

# into a scheduled tasklet (it did run, and is back in the queue)
def scheduled_catcher():
    try:
        stackless.schedule()
    except ValueError as e:
        print("  scheduled tasklet got", repr(e))


s = stackless.tasklet(scheduled_catcher)()
s.run()
print("scheduled", s.scheduled, s.paused)
s.raise_exception(ValueError, "to the scheduled")
print("alive", s.alive, stackless.getruncount())

# into a tasklet that never ran: it dies at once and the error comes back
def never():
    print("  never printed")


s = stackless.tasklet(never)()
show("raise_exception into a new tasklet", s.raise_exception, ValueError, "new")
print("alive", s.alive)

# the victim does not catch: the exception comes back to the caller
def not_catching():
    c.receive()


s = stackless.tasklet(not_catching)()
s.run()
show("raise_exception, not caught", s.raise_exception, KeyError, "uncaught")
print("alive", s.alive, c.balance)

# into a dead tasklet
show("raise_exception into a dead tasklet", s.raise_exception, KeyError)
show("raise_exception(TaskletExit) into a dead tasklet", s.raise_exception, TaskletExit)

# into the current tasklet
try:
    stackless.current.raise_exception(KeyError, "me")
except KeyError as e:
    print("raise_exception into current:", repr(e))

# bad arguments
s = stackless.tasklet(not_catching)()
s.run()
show("raise_exception()", s.raise_exception)
show("raise_exception(instance)", s.raise_exception, KeyError("inst"))
show("raise_exception(42)", s.raise_exception, 42)
print("still blocked", s.blocked)
s.kill()

# raise_exception(TaskletExit) behaves as kill
def killed_one():
    try:
        c.receive()
    finally:
        print("  finally of killed_one")


s = stackless.tasklet(killed_one)()
s.run()
s.raise_exception(TaskletExit)
print("TaskletExit via raise_exception: alive", s.alive)

# the exception arrives with a traceback that is the victim's
def deep():
    try:
        c.receive()
    except ValueError as e:
        tb = e.__traceback__
        names = []
        while tb is not None:
            names.append(tb.tb_frame.f_code.co_name)
            tb = tb.tb_next
        print("  traceback names", names)


s = stackless.tasklet(deep)()
s.run()
s.raise_exception(ValueError)
