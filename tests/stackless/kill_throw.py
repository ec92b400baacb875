# kill() of a blocked tasklet: taken out of the channel, its finally runs
# now; TaskletExit is not an Exception; throw() and raise_exception().
import stackless

ch = stackless.channel()


def blocked():
    try:
        ch.receive()
    except Exception:
        print("never: TaskletExit is not an Exception")
    finally:
        print("finally of the killed tasklet")


t = stackless.tasklet(blocked)()
stackless.run()
print("balance", ch.balance, "blocked", t.blocked, "alive", t.alive)
t.kill()
print("after kill: balance", ch.balance, "alive", t.alive)
t.kill()
print("killing a dead tasklet is a no-op")


def never_runs():
    print("never printed")


t2 = stackless.tasklet(never_runs)()
t2.kill()
print("killed before it ran:", t2.alive)


def catcher():
    try:
        ch.receive()
    except KeyError as e:
        print("caught", repr(e))
    return "done"


t3 = stackless.tasklet(catcher)()
stackless.run()
t3.throw(KeyError, "k")
t4 = stackless.tasklet(catcher)()
stackless.run()
t4.raise_exception(KeyError, "via raise_exception")
try:
    t4.throw(ValueError)
except RuntimeError as e:
    print("RuntimeError:", e)
print(issubclass(TaskletExit, SystemExit), issubclass(TaskletExit, Exception))
