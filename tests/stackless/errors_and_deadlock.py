# Stackless's errors, word for word, and an uncaught error of a tasklet
# re-raised in main.
import stackless


def finished():
    pass


t = stackless.tasklet(finished)()
stackless.run()
for action in (t.insert, stackless.getcurrent().remove, stackless.channel().receive):
    try:
        action()
    except RuntimeError as e:
        print("RuntimeError:", e)
try:
    stackless.channel().send(1)
except RuntimeError as e:
    print("RuntimeError:", e)
# setup() accepts arguments the function cannot take: the TypeError comes
# when the tasklet first runs, out of run().
bad = stackless.tasklet(finished)
bad.setup(1)
print("setup accepted:", bad.alive, bad.scheduled)
try:
    stackless.run()
except TypeError as e:
    print("TypeError from run():", e)
print("after the error:", bad.alive, stackless.getruncount())
ch = stackless.channel()


def waiter():
    ch.receive()


w = stackless.tasklet(waiter)()
stackless.run()
try:
    w.remove()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    w.insert()
except RuntimeError as e:
    print("RuntimeError:", e)


def boom():
    raise ValueError("from a tasklet")


def bystander():
    print("bystander runs")


stackless.tasklet(boom)()
stackless.tasklet(bystander)()
try:
    stackless.run()
except ValueError as e:
    print("re-raised in main:", e)
print("runcount", stackless.getruncount())
stackless.run()
print("runcount", stackless.getruncount())
