# Ported from Stackless's unittests/test_watchdog.py (TestWatchdog,
# TestWatchdogSoft) and test_miscell.py (TestWatchdog.lifecycle):
# run(timeout) interrupts a running tasklet and returns it paused; a simple
# round-robin scheduler built on it runs everything to the end, with
# nested calls, atomic sections, channels, errors and soft interrupts.
# Only what does not depend on the exact instruction count is printed.
import stackless


def runtask(name):
    x = 0
    for ii in range(1000):
        x += 1
    return name


def runtask2(name):
    x = 0
    for ii in range(1000):
        if ii % 50 == 0:
            stackless.schedule()
        x += 1
    return name


def recurse_level_then_do_schedule(count):
    if count == 0:
        stackless.schedule()
    else:
        recurse_level_then_do_schedule(count - 1)


def runtask5(name):
    for ii in [1, 10, 100, 300]:
        recurse_level_then_do_schedule(ii)


def runtask_atomic_helper(count):
    hold = stackless.current.set_atomic(1)
    for ii in range(count):
        pass
    stackless.current.set_atomic(hold)


def runtask_atomic(name):
    for ii in range(10):
        for ii in [1, 10, 100, 500]:
            runtask_atomic_helper(ii)


def runtask_bad(name):
    raise UserWarning


def runtask4(name, channel):
    for ii in range(1000):
        if ii % 50 == 0:
            channel.send(name)


class SimpleScheduler(object):
    def __init__(self, bytecodes=25, soft=False):
        self.bytecodes = bytecodes
        self.schedule_count = 0
        self.soft = soft

    def schedule_cb(self, task):
        self.schedule_count += 1
        if task:
            task.insert()

    def autoschedule(self):
        while stackless.runcount > 1:
            try:
                returned = stackless.run(self.bytecodes, soft=self.soft)
            except Exception as e:
                while stackless.runcount > 1:
                    stackless.current.next.kill()
                raise e
            else:
                self.schedule_cb(returned)


def run_tasklets(fn, n=100, soft=False):
    scheduler = SimpleScheduler(n, soft)
    tasklets = [stackless.tasklet(fn)(name) for name in ["t1", "t2", "t3"]]
    scheduler.autoschedule()
    return [t.alive for t in tasklets], scheduler.schedule_count


# lifecycle: new, interrupted, inserted, finished
t = stackless.tasklet(runtask)("life")
print("new", t.alive, t.scheduled, t.recursion_depth)
res = stackless.run(10)
print("interrupted", res is t, t.alive, t.paused, t.scheduled, t.recursion_depth)
t.insert()
print("inserted", t.paused, t.scheduled)
stackless.run()
print("finished", t.alive, t.scheduled, t.recursion_depth)

for soft in (False, True):
    print("soft =", soft)
    alive, count = run_tasklets(runtask, soft=soft)
    print("  simple", alive)
    alive, count = run_tasklets(runtask2, soft=soft)
    print("  with schedule", alive)
    alive, count = run_tasklets(runtask5, soft=soft)
    print("  nested", alive)
    alive, count = run_tasklets(runtask5, 0, soft=soft)
    print("  nested, timeout 0", alive)
    alive, count = run_tasklets(runtask_atomic, soft=soft)
    print("  atomic", alive)
    try:
        run_tasklets(runtask_bad, soft=soft)
    except UserWarning as e:
        print("  exception", repr(e), stackless.runcount)


# test_send_recv: a server tasklet subclass receives from three clients
class ServerTasklet(stackless.tasklet):
    def __init__(self, func, name=None):
        super(ServerTasklet, self).__init__(func)
        self.name = name or "server"


def servertask(name, chan):
    me = stackless.getcurrent()
    me.count = 0
    while True:
        chan.receive()
        me.count += 1


for soft in (False, True):
    chan = stackless.channel()
    server = ServerTasklet(servertask)
    server("server", chan)
    clients = [stackless.tasklet(runtask4)(name, chan) for name in ["client1", "client2", "client3"]]
    SimpleScheduler(100, soft).autoschedule()
    print("send_recv soft", soft, "server count", server.count, server.name, isinstance(server, stackless.tasklet))
    try:
        chan.send_exception(StopIteration)
    except StopIteration as e:
        print("killing the server raises StopIteration in main", repr(e))
    print("server alive", server.alive)

# test_lone_receive: run() returns when the only tasklet blocks
keep = stackless.channel()
t = stackless.tasklet(keep.receive)()
print("lone receive", stackless.run(), t.blocked)
t.kill()

# run(timeout) returns None when everything ends within the slice
t = stackless.tasklet(lambda: None)()
print("short task", stackless.run(1000000), t.alive)

# soft=True: nothing is interrupted mid-code; run returns None at the next
# switch and the tasklet that was running stays scheduled
def long_then_schedule(log):
    for i in range(3000):
        pass
    log.append("loop done")
    stackless.schedule()
    log.append("after schedule")


def sched_loop():
    for i in range(200):
        stackless.schedule()


log = []
a = stackless.tasklet(long_then_schedule)(log)
r = stackless.run(100, soft=True)
print("soft run returned", r, log, "still scheduled", a.scheduled, a.paused)
stackless.run()
print("done", log, a.alive)

# totaltimeout: the budget is not restarted at every switch
a = stackless.tasklet(sched_loop)()
b = stackless.tasklet(sched_loop)()
victim = stackless.run(500, totaltimeout=True)
print("totaltimeout interrupts one of them", victim is a or victim is b, victim.paused)
victim.insert()
stackless.run()
print("done", a.alive, b.alive)

# the timeout restarts at every switch without totaltimeout: a tasklet that
# schedules often is never interrupted
a = stackless.tasklet(sched_loop)()
b = stackless.tasklet(sched_loop)()
print("not interrupted", stackless.run(1000), a.alive, b.alive)


# interrupting in atomic: held until the atomic section ends
def atomic_then_loop(log):
    with stackless.atomic():
        for i in range(3000):
            pass
        log.append("atomic section done")
    for i in range(3000):
        pass
    log.append("loop done")


log = []
t = stackless.tasklet(atomic_then_loop)(log)
victim = stackless.run(100)
print("interrupted after the atomic section", victim is t, log)
t.insert()
stackless.run()
print(log)
