# Ported from Stackless's unittests/test_miscell.py (TestBind): bind(),
# setup() and the tasklet constructor with their arguments and errors.
import stackless


def show(label, f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
        if isinstance(r, stackless.tasklet):
            r = "<tasklet>"
        print(label, "returned", r)
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


state = {"finally": 0, "args": None, "kwargs": None}


def task(flag):
    try:
        stackless.schedule_remove(None)
    finally:
        state["finally"] += 1


def argstest(*args, **kwargs):
    state["args"] = args
    state["kwargs"] = dict(kwargs)


def show_args(label):
    print(label, state["args"], state["kwargs"])
    state["args"] = state["kwargs"] = None


# test_bind: bind(None) on a fresh tasklet changes nothing
t = stackless.tasklet()
print("fresh", t.alive, t.frame, t.nesting_level)
print("bind(None) returns the tasklet", t.bind(None) is t)
print("still fresh", t.alive, t.frame, t.nesting_level)
t.bind(task)
print("setup returns the tasklet", t.setup(False) is t)
stackless.run()
print("paused in task", t.scheduled, t.alive, t.restorable, t.frame is not None)
t.insert()
stackless.run()
print("finally ran", state["finally"], t.alive)

# test_bind_fail_not_callable
class C(object):
    pass


show("bind(not callable)", stackless.tasklet().bind, C())
show("tasklet(not callable)", stackless.tasklet, 42)

# test_unbind_ok: unbinding a paused tasklet does not run its finally
state["finally"] = 0
t = stackless.tasklet(task)(False)
stackless.run()
print("paused", t.scheduled, t.alive, t.nesting_level, t.frame is not None)
t.bind(None)
print("unbound", t.alive, t.frame, t.paused, t.scheduled)
print("finally count after unbind", state["finally"])

# test_unbind_fail_current
show("bind(None) on current", stackless.getcurrent().bind, None)
show("bind(f) on current", stackless.getcurrent().bind, argstest)

# test_unbind_fail_scheduled
t = stackless.tasklet(task)(False)
stackless.run()
t.insert()
print("scheduled again", t.scheduled, t.alive)
show("bind(None) on scheduled", t.bind, None)
show("bind(f) on scheduled", t.bind, argstest)
stackless.run()

# test_bind_noargs: bound without arguments, not runnable
t = stackless.tasklet(task)
t.bind(argstest)
print("bound without args", t.alive, t.paused, t.scheduled)
show("run() of a bound tasklet without args", t.run)
show("insert() of a bound tasklet without args", t.insert)
show("switch() of a bound tasklet without args", t.switch)

# test_bind_args / kwargs / args_kwargs
args = ("foo", "bar")
kwargs = {"hello": "world"}
t = stackless.tasklet(task)
t.bind(argstest, args)
t.run()
show_args("bind(f, args)")
t = stackless.tasklet(task)
t.bind(argstest, args=args)
t.run()
show_args("bind(f, args=args)")
t = stackless.tasklet(task)
t.bind(argstest, None, kwargs)
t.run()
show_args("bind(f, None, kwargs)")
t = stackless.tasklet(task)
t.bind(argstest, kwargs=kwargs)
t.run()
show_args("bind(f, kwargs=kwargs)")
t = stackless.tasklet(task)
t.bind(argstest, args, kwargs)
t.run()
show_args("bind(f, args, kwargs)")
t = stackless.tasklet(task)
t.bind(argstest, args=args, kwargs=kwargs)
t.run()
show_args("bind(f, args=, kwargs=)")

# test_bind_args_kwargs_nofunc: keep the function, give the arguments
t = stackless.tasklet(argstest)
t.bind(None, args, kwargs)
t.run()
show_args("bind(None, args, kwargs)")
t = stackless.tasklet(argstest)
t.bind(args=args, kwargs=kwargs)
t.run()
show_args("bind(args=, kwargs=)")

# test_bind_args_not_runnable: bind with args makes it paused, not scheduled
t = stackless.tasklet(task)
t.bind(argstest, args, kwargs)
print("bound with args", t.alive, t.paused, t.scheduled)
t.run()
show_args("ran it")

# the constructor with args and kwargs: bound and paused, not scheduled
t = stackless.tasklet(argstest, args, kwargs)
print("tasklet(f, args, kwargs)", t.alive, t.paused, t.scheduled)
t.run()
show_args("ran it")
t = stackless.tasklet(argstest, ())
print("tasklet(f, ())", t.alive, t.paused, t.scheduled)
t.insert()
stackless.run()
show_args("ran it")

# calling a tasklet is setup(): args and kwargs, scheduled
t = stackless.tasklet(argstest)(1, 2, k=3)
print("called", t.alive, t.paused, t.scheduled)
stackless.run()
show_args("ran it")
t = stackless.tasklet(argstest)
t.setup(4, five=5)
stackless.run()
show_args("setup")

# test_setup_fail_alive
def setup_self():
    t = stackless.current
    t.tempval = lambda: None
    print("alive in itself", t.alive)
    show("setup() of the current tasklet", t.setup)


t = stackless.tasklet(setup_self, ())
t.run()
print("after", t.alive)

t = stackless.tasklet(argstest)(1)
show("setup() of a scheduled tasklet", t.setup, 2)
show("calling a scheduled tasklet", t, 2)
stackless.run()
show_args("the first arguments won")

# bind() on a dead tasklet rebinds it
t = stackless.tasklet(argstest)(1)
stackless.run()
show_args("first life")
t.bind(argstest, ("second life",))
print("rebound", t.alive, t.paused)
t.run()
show_args("second life")

# setup() of a dead tasklet that was unbound
t = stackless.tasklet(argstest)(1)
stackless.run()
t.bind(None)
show("setup() of an unbound dead tasklet", t.setup, 1)

# test_rebind_recursion_depth
depth = []


def tasklet_outer():
    tasklet_inner()


def tasklet_inner():
    stackless.main.switch()


def record_depth():
    depth.append(stackless.current.recursion_depth)


t = stackless.tasklet(tasklet_outer)()
print("depth before", t.recursion_depth)
t.run()
print("depth paused", t.recursion_depth, t.paused)
t.bind(record_depth, ())
print("depth after rebind", t.recursion_depth, t.alive)
t.run()
print("depth inside record_depth", depth, t.recursion_depth)
