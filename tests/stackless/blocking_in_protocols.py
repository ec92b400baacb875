# Tasklets switch inside script code that a protocol calls: a lock built
# on a channel and taken in a `with` statement, a property that receives
# from a channel, a key function that schedules, a comparison that
# receives; the watchdog interrupts a tasklet running a key function
# (Shoal: inside it), and it finishes later.
import stackless


class ChannelLock:
    def __init__(self):
        self.ch = stackless.channel()
        self.ch.preference = 1
        self.held = False

    def __enter__(self):
        if self.held:
            self.ch.receive()
        self.held = True
        return self

    def __exit__(self, *exc):
        if self.ch.balance < 0:
            self.ch.send(None)
        else:
            self.held = False
        return False


lock = ChannelLock()


def worker(n):
    with lock:
        print("in", n)
        stackless.schedule()
        print("out", n)


for i in range(3):
    stackless.tasklet(worker)(i)
stackless.run()

feed = stackless.channel()


class Sensor:
    @property
    def value(self):
        return feed.receive()

    def __eq__(self, other):
        return feed.receive() == other


def reader():
    print("property gave", Sensor().value)
    print("comparison gave", Sensor() == 7)


def keyer():
    print("sorted", sorted([3, 1, 2], key=lambda x: (stackless.schedule(), -x)[1]))


stackless.tasklet(reader)()
stackless.tasklet(keyer)()
stackless.tasklet(lambda: feed.send(42))()
stackless.tasklet(lambda: feed.send(7))()
stackless.run()


def spin(x):
    n = 0
    while n < 5000:
        n += 1
    return x


# Shoal interrupts inside the key function; Stackless holds the interrupt
# until sorted() returns (it cannot switch out of a nested C call) and
# interrupts the loop after it. Either way the tasklet is interrupted,
# alive, and finishes with the right result once it is inserted again.
result = []


def busy():
    result.append(sorted([2, 3, 1], key=spin))
    result.append(spin("spun"))


t = stackless.tasklet(busy)()
interrupted = stackless.run(100)
print("interrupted:", interrupted is t, t.alive)
t.insert()
stackless.run()
print("busy sorted", result, "done", t.alive)
