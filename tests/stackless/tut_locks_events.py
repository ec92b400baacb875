# Tutorial: synchronisation built from channels. A Lock lets one tasklet
# at a time into a critical section (others wait in the channel's queue,
# first come first served); a Semaphore lets n in; an Event wakes every
# waiter at once when it is set.
import stackless


class Lock:
    def __init__(self):
        self.ch = stackless.channel()
        self.ch.preference = 0
        self.locked = False

    def acquire(self):
        if self.locked:
            self.ch.receive()  # the releaser hands the lock over
        self.locked = True

    def release(self):
        if self.ch.balance < 0:
            self.ch.send(None)  # hand over, still locked
        else:
            self.locked = False

    def __enter__(self):
        self.acquire()
        return self

    def __exit__(self, *exc):
        self.release()
        return False


class Semaphore:
    def __init__(self, n):
        self.n = n
        self.ch = stackless.channel()
        self.ch.preference = 0

    def acquire(self):
        if self.n == 0:
            self.ch.receive()
        else:
            self.n -= 1

    def release(self):
        if self.ch.balance < 0:
            self.ch.send(None)
        else:
            self.n += 1


class Event:
    def __init__(self):
        self.ch = stackless.channel()
        self.flag = False

    def wait(self):
        if not self.flag:
            self.ch.receive()

    def set(self):
        self.flag = True
        while self.ch.balance < 0:
            self.ch.send(None)


log = []
lock = Lock()


def critical(name):
    with lock:
        log.append(name + " in")
        stackless.schedule()
        stackless.schedule()
        log.append(name + " out")


for n in ("a", "b", "c"):
    stackless.tasklet(critical)(n)
stackless.run()
print("lock:", " ".join(log))

log = []
sem = Semaphore(2)
inside = [0]
most = [0]


def limited(name):
    sem.acquire()
    inside[0] += 1
    most[0] = max(most[0], inside[0])
    log.append(name + "+")
    stackless.schedule()
    inside[0] -= 1
    log.append(name + "-")
    sem.release()


for n in ("p", "q", "r", "s", "t"):
    stackless.tasklet(limited)(n)
stackless.run()
print("semaphore:", " ".join(log), "| at most", most[0], "inside")

log = []
ready = Event()


def waiter(name):
    log.append(name + " waits")
    ready.wait()
    log.append(name + " goes")


for n in ("x", "y", "z"):
    stackless.tasklet(waiter)(n)
stackless.run()
log.append("main sets the event")
ready.set()
stackless.run()
stackless.tasklet(waiter)("late")
stackless.run()
print("event:", " | ".join(log))
