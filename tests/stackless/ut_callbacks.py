# Ported from Stackless's unittests/test_sched_cb.py, test_chan_cb.py and
# test_defects.py (TestExceptionInScheduleCallback): the schedule callback
# sees every switch as (prev, next) and runs as prev; get_schedule_callback;
# a new callback replaces the old; an error in it is reported and ignored;
# the channel callback's arguments.
import stackless

named = []  # (tasklet, name) pairs; keeps the tasklets alive


def name(t):
    if t is None:
        return "None"
    if t.is_main:
        return "main"
    for k, v in named:
        if k is t:
            return v
    return "?"


class SchedulingMonitor:
    def __init__(self):
        self.count = 0
        self.log = []

    def __call__(self, prev, next):
        self.count += 1
        self.log.append(name(prev) + ">" + name(next))


def worker(n):
    for i in range(n):
        stackless.schedule()


def spawn(tag, n):
    t = stackless.tasklet(worker)(n)
    named.append((t, tag))
    return t


# testGetCallback
mon = SchedulingMonitor()
print("get", stackless.get_schedule_callback())
print("set returns", stackless.set_schedule_callback(mon))
print("get is mon", stackless.get_schedule_callback() is mon)

# test0 / test1: no callbacks before running, one per switch
spawn("a", 3)
spawn("b", 3)
print("count before run", mon.count)
stackless.run()
print("count", mon.count)
print("log", " ".join(mon.log))
c1 = mon.count

mon2 = SchedulingMonitor()
print("replacing returns the old", stackless.set_schedule_callback(mon2) is mon)
spawn("c", 5)
spawn("d", 5)
stackless.run()
print("new monitor", mon2.count, "old monitor unchanged", mon.count == c1)
print("reset returns", stackless.set_schedule_callback(None) is mon2)
spawn("e", 7)
stackless.run()
print("no more calls", mon.count == c1, mon2.count)
print("get after reset", stackless.get_schedule_callback())

# test2currentWithPrevAndNext: inside the callback, current is next? prev?
seen = []


def cb(prev, next):
    cur = stackless.current
    seen.append((name(prev), name(next), "current=" + name(cur)))


spawn("f", 1)
stackless.set_schedule_callback(cb)
stackless.run()
stackless.set_schedule_callback(None)
print("current inside the callback", seen)

# switches through a channel, kill and a tasklet's end
mon = SchedulingMonitor()
ch = stackless.channel()


def rcv():
    ch.receive()


def snd():
    ch.send(1)


r = stackless.tasklet(rcv)()
named.append((r, "r"))
s = stackless.tasklet(snd)()
named.append((s, "s"))
stackless.set_schedule_callback(mon)
stackless.run()
k = stackless.tasklet(rcv)()
named.append((k, "k"))
stackless.run()
k.kill()
stackless.set_schedule_callback(None)
print("channel and kill", " ".join(mon.log))


# TestExceptionInScheduleCallback: an error in the callback does not stop
# the scheduler (it is printed to stderr)
def bad_cb(prev, next):
    if next.is_main:
        raise RuntimeError("scheduleCallback")


stackless.set_schedule_callback(bad_cb)
t = stackless.tasklet(lambda: None)()
print("run with a failing callback returns", stackless.run())
stackless.set_schedule_callback(None)
print("tasklet finished", t.alive)

# the channel callback: (channel, tasklet, sending, willblock) for every
# operation, with the tasklet doing the operation
log = []


def chan_cb(channel, tasklet, sending, willblock):
    log.append((channel is ch, name(tasklet), sending, willblock))


ch = stackless.channel()
print("set_channel_callback returns", stackless.set_channel_callback(chan_cb))
r = stackless.tasklet(rcv)()
named.append((r, "r"))
stackless.run()
ch.send("x")
s = stackless.tasklet(snd)()
named.append((s, "s"))
stackless.run()
ch.receive()
q = stackless.tasklet(ch.send_sequence)([1, 2])
named.append((q, "q"))
stackless.run()
ch.receive()
ch.receive()
print("get_channel_callback is chan_cb", stackless.get_channel_callback() is chan_cb)
stackless.set_channel_callback(None)
for entry in log:
    print("  ", entry)
