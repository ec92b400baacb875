# Ported from Stackless's unittests/test_miscell.py (TestSwitchTrap):
# while switch_trap is non-zero, every operation that would switch raises
# RuntimeError "switch_trap"; operations that need no switch still work.
import stackless


def show(label, f, *args):
    try:
        r = f(*args)
        print(label, "returned", "<tasklet>" if isinstance(r, stackless.tasklet) else repr(r))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


class Trap:
    def __enter__(self):
        stackless.switch_trap(1)

    def __exit__(self, *exc):
        stackless.switch_trap(-1)
        return False


trap = Trap()

# the level: switch_trap(delta) returns the old level
print("levels", stackless.switch_trap(0), stackless.switch_trap(2), stackless.switch_trap(-1),
      stackless.switch_trap(-1), stackless.switch_trap(0))

# test_schedule
stackless.tasklet(lambda: None)()
with trap:
    show("schedule", stackless.schedule)
stackless.run()

# test_schedule_remove
main = []
stackless.tasklet(lambda: main[0].insert())()
with trap:
    show("schedule_remove", stackless.schedule_remove)
main.append(stackless.getcurrent())
stackless.schedule_remove()
print("back from schedule_remove")

# test_run
stackless.tasklet(lambda: None)()
with trap:
    show("run", stackless.run)
stackless.run()

# test_run_specific
s = stackless.tasklet(lambda: None)()
with trap:
    show("tasklet.run", s.run)
s.run()
print("ran", s.alive)

# test_run_paused
s = stackless.tasklet(lambda: None)
s.bind(args=())
print("paused", s.paused)
with trap:
    show("run paused", s.run)
print("still paused", s.paused)
s.run()

# test_send
c = stackless.channel()
s = stackless.tasklet(lambda: c.receive())()
with trap:
    show("send", c.send, None)
print("balance", c.balance)
c.send(None)
print("sent", c.balance, s.alive)


# test_send_throw
def recv_expecting(exc_type):
    try:
        c.receive()
    except exc_type as e:
        print("  receiver got", type(e).__name__)


s = stackless.tasklet(recv_expecting)(NotImplementedError)
with trap:
    show("send_throw", c.send_throw, NotImplementedError)
c.send_throw(NotImplementedError)

# test_receive
s = stackless.tasklet(lambda: c.send(1))()
with trap:
    show("receive", c.receive)
print("received", c.receive())

# test_receive_throw
s = stackless.tasklet(lambda: c.send_throw(NotImplementedError))()
with trap:
    show("receive of a thrown exception", c.receive)
show("receive outside the trap", c.receive)

# test_raise_exception
s = stackless.tasklet(recv_expecting)(IndexError)
s.run()
with trap:
    show("raise_exception", s.raise_exception, RuntimeError)
s.raise_exception(IndexError)
print("alive after raise_exception", s.alive)


# test_kill
def recv_until_killed():
    try:
        c.receive()
    except TaskletExit:
        print("  killed")
        raise


s = stackless.tasklet(recv_until_killed)()
s.run()
with trap:
    show("kill", s.kill)
print("still blocked", s.blocked)
s.kill()
print("alive after kill", s.alive)

# test_run2
s = stackless.tasklet(lambda: None)()
with trap:
    show("run of a scheduled tasklet", s.run)
s.run()

# operations that do not switch are allowed under the trap
c = stackless.channel()
with trap:
    s = stackless.tasklet(lambda: None)()
    s.remove()
    s.insert()
    print("insert/remove/tasklet() under the trap ok", s.scheduled)
    show("kill of a tasklet that never ran", s.kill)
    print("killed", s.alive)
    show("send with nobody waiting (would block)", c.send, 1)
stackless.run()

# the trap applies to a worker tasklet too, and only while it is set
def worker():
    stackless.switch_trap(1)
    try:
        stackless.schedule()
    except RuntimeError as e:
        print("  worker:", e)
    stackless.switch_trap(-1)
    stackless.schedule()
    print("  worker scheduled fine")


stackless.tasklet(worker)()
stackless.tasklet(lambda: print("  other runs"))()
stackless.run()


# alone in the queue, schedule() does not switch, so the trap does not fire
def alone():
    stackless.switch_trap(1)
    print("  alone: schedule returned", stackless.schedule("no switch"))
    stackless.switch_trap(-1)


stackless.tasklet(alone)()
stackless.run()
