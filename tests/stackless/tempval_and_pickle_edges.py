# schedule_remove() returns the tempval its re-inserter set; a finished
# tasklet cannot be set up again; pickle keeps a blocked tasklet's pending
# method call, a value handed over but not yet collected, and a for loop
# over a channel.
import pickle

import stackless

main = stackless.getmain()


def reinserter():
    garbage = [[i] for i in range(300000)]
    main.tempval = "set by the reinserter"
    main.insert()


stackless.tasklet(reinserter)()
print(stackless.schedule_remove(["kept alive"]))
print(stackless.schedule("plain"))


def first():
    pass


x = stackless.tasklet(first)()
stackless.run()


def second():
    stackless.schedule()
    print("second finishes its own code")


y = stackless.tasklet(second)()
stackless.schedule()
try:
    x()
except RuntimeError as e:
    print("RuntimeError:", e)
stackless.run()

ch = stackless.channel()
out = []


def appender():
    out.append(ch.receive())
    print("appender got", out)


t = stackless.tasklet(appender)()
stackless.run()
copy = pickle.loads(pickle.dumps(t))
t.kill()
print("copy blocked:", copy.blocked)

ch2 = stackless.channel()
ch2.preference = 0


def taker():
    print("taker got", ch2.receive())


t2 = stackless.tasklet(taker)()
stackless.run()
ch2.send("handed over")
print("taker has it but has not run:", t2.scheduled, t2.blocked)
copy2 = pickle.loads(pickle.dumps(t2))
t2.kill()
copy2.insert()
stackless.run()

ch3 = stackless.channel()


def looper():
    for v in ch3:
        print("looper got", v)
    print("looper's loop ended")


t3 = stackless.tasklet(looper)()
stackless.run()
state = pickle.dumps((t3, ch3))
t3.kill()
copy3, ch3b = pickle.loads(state)
ch3b.send(1)
ch3b.send_exception(StopIteration)
stackless.run()
