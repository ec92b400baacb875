# Ported from Stackless's unittests/test_miscell.py (TestErrorHandler):
# set_error_handler returns the old handler, the handler runs inside the
# dying tasklet, a failing handler's error reaches run(), errors thrown
# before the function runs are handled too, pending throws wait.
import stackless


def show(label, f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
        print(label, "returned", repr(r))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


state = {}


def reset():
    state.clear()
    state["handled"] = 0
    state["ran"] = 0
    state["handled_tasklet"] = None


def handler(exc, val, tb):
    state["handled"] = 1
    state["handled_tasklet"] = stackless.getcurrent()
    state["what"] = (exc.__name__, str(val), tb is not None)


def borken_handler(exc, val, tb):
    state["handled"] = 1
    raise IndexError("we are the mods")


def get_handler():
    h = stackless.set_error_handler(None)
    stackless.set_error_handler(h)
    return h


def func(h):
    state["ran"] = 1
    state["handler seen"] = get_handler() is h
    raise ZeroDivisionError("I am borken")


def with_handler(h, f, *args, **kwargs):
    old = stackless.set_error_handler(h)
    try:
        return f(*args, **kwargs)
    finally:
        stackless.set_error_handler(old)


# test_set
def foo():
    pass


print("set", stackless.set_error_handler(foo))
print("reset returns foo", stackless.set_error_handler(None) is foo)
print("reset again", stackless.set_error_handler(None))

# test_handler
reset()
stackless.tasklet(func)(handler)
with_handler(handler, stackless.run)
print("handler: ran", state["ran"], "handled", state["handled"], state["what"], state["handler seen"])

# test_borken_handler
reset()
stackless.tasklet(func)(borken_handler)
show("borken handler", with_handler, borken_handler, stackless.run)
print("ran", state["ran"], "handled", state["handled"])

# test_early_throw
reset()
s = stackless.tasklet(func)(handler)
with_handler(handler, s.throw, ZeroDivisionError, "thrown error")
print("early throw: ran", state["ran"], "handled", state["handled"], state["what"])

# test_getcurrent: the handler runs in the dying tasklet
reset()
s = stackless.tasklet(func)(handler)
with_handler(handler, s.throw, ZeroDivisionError, "thrown error")
print("handler ran in the thrown-to tasklet", state["handled_tasklet"] is s)
reset()
s = stackless.tasklet(func)(handler)
with_handler(handler, s.run)
print("handler ran in the failing tasklet", state["handled_tasklet"] is s)


# test_throw_pending
def func2(h):
    state["ran"] = 1
    stackless.schedule()
    func(h)


reset()
s = stackless.tasklet(func2)(handler)
s.run()
print("pending: ran", state["ran"], "handled", state["handled"])
with_handler(handler, s.throw, ZeroDivisionError, "thrown error", pending=True)
print("after the pending throw, handled in", state["handled_tasklet"])
with_handler(handler, s.run)
print("after run, handled in s", state["handled_tasklet"] is s, state["what"])

# the handler's return value does not matter; the tasklet is dead
reset()
s = stackless.tasklet(func)(handler)
stackless.set_error_handler(lambda *a: "ignored")
stackless.run()
print("handled by a lambda, alive", s.alive, "ran", state["ran"])
stackless.set_error_handler(None)

# TaskletExit does not reach the handler
reset()
stackless.set_error_handler(handler)
s = stackless.tasklet(stackless.schedule)()
s.run()
s.kill()
print("kill reaches the handler?", state["handled"])
stackless.set_error_handler(None)

# without a handler the error goes to main, other tasklets stay scheduled
log = []
stackless.tasklet(func)(None)
stackless.tasklet(log.append)("bystander")
show("no handler", stackless.run)
print("bystander waits", log, stackless.getruncount())
stackless.run()
print("bystander ran", log)
