# Ported from Stackless's unittests/test_defects.py and test_miscell.py
# (TestContextManager): switching inside __enter__/__exit__ of a with block
# (also after return and while an exception is silenced), tasklets that
# return values, infinite __call__ recursion, tasklet subclasses with
# methods and attributes.
import stackless


# test_tasklet_switch_in_exitfunc_after_return (issue #159)
class ContextManager(object):
    def __enter__(self):
        return None

    def __exit__(self, exc_type, exc_value, traceback):
        stackless.schedule_remove(4711)
        return True


def task():
    with ContextManager():
        return "returned from the with block"
    print("not reached")


t = stackless.tasklet(task)()
t.run()
print("switched in __exit__ after return: tempval", t.tempval, t.alive, t.paused)
t.run()
print("done", t.alive)

# test_crash_on_WHY_SILENCED (issue #115)
steps = []


class CtxManager:
    def __enter__(self):
        steps.append(2)

    def __exit__(self, exc_type, exc_val, exc_tb):
        steps.append(4)
        stackless.main.switch()
        steps.append(5)
        return True


def task2():
    try:
        steps.append(1)
        return "OK"
    finally:
        with CtxManager():
            steps.append(3)
            1 // 0
        steps.append(6)


t = stackless.tasklet(task2)()
t.run()
print("steps", steps)
t.run()
print("steps", steps, t.alive)

# nestingLevel: __enter__ and __exit__ run at nesting level 0
levels = []


class C(object):
    def __enter__(self):
        levels.append(stackless.getcurrent().nesting_level)
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        levels.append(stackless.getcurrent().nesting_level)
        return False


def nesting():
    levels.append(stackless.getcurrent().nesting_level)
    with C() as c:
        levels.append(isinstance(c, C))


stackless.tasklet(nesting)()
stackless.run()
print("nesting levels", levels)

# a with block whose __enter__ blocks on a channel and whose __exit__
# sends on it
ch = stackless.channel()
log = []


class Gate:
    def __enter__(self):
        log.append("waiting at the gate")
        log.append("gate opened with " + ch.receive())
        return self

    def __exit__(self, *exc):
        log.append("leaving: " + (exc[0].__name__ if exc[0] else "no error"))
        return exc[0] is KeyError


def guarded(raise_it):
    with Gate():
        log.append("inside")
        if raise_it:
            raise KeyError("swallowed by __exit__")
    log.append("after the with")


stackless.tasklet(guarded)(False)
stackless.tasklet(guarded)(True)
stackless.run()
ch.send("key 1")
ch.send("key 2")
stackless.run()
print("gate", log)


# TestInfiniteRecursion: __call__ that is an instance of itself
class A(object):
    def __call__(self):
        pass


A.__call__ = A()
a = A()
try:
    a()
except RecursionError as e:
    print("direct recursion: RecursionError, a RuntimeError:", isinstance(e, RuntimeError))


class A2(object):
    def __call__(self):
        pass


class B2(object):
    def __call__(self):
        pass


A2.__call__ = B2()
B2.__call__ = A2()
try:
    A2()()
except RecursionError as e:
    print("indirect recursion: RecursionError")


# TaskletWithDel without __del__: tasklet subclasses with methods and
# attributes set in __init__, running their own method
class Actor(stackless.tasklet):
    def __init__(self, func, name):
        super(Actor, self).__init__(func)
        self.name = name
        self.mail = []

    def greet(self):
        return "I am " + self.name


def actor_body():
    me = stackless.getcurrent()
    me.mail.append(me.greet())


a = Actor(actor_body, "bob")
a()
stackless.run()
print("subclass", a.mail, type(a).__name__, a.alive)


# a tasklet's function that returns a value: the value is dropped
def returns():
    return 42


t = stackless.tasklet(returns)()
stackless.run()
print("after return", t.alive, t.tempval)
