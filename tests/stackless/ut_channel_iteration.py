# Channel iteration and send_sequence, from Stackless's channel
# documentation and test_channel.py: a channel is its own iterator, next()
# receives, StopIteration sent as an exception ends a loop (and its value
# is kept), send_sequence returns the count and stops at a failing
# iterable, iteration from main with senders queued.
import stackless


def show(label, f, *args):
    try:
        r = f(*args)
        print(label, "returned", repr(r))
    except Exception as e:
        print(label, type(e).__name__ + ":", repr(e))


c = stackless.channel()
print("iter(c) is c", iter(c) is c, c.__iter__() is c)

# next() and __next__ from main with blocked senders
for v in ("a", "b", "c"):
    stackless.tasklet(c.send)(v)
stackless.run()
print("balance", c.balance)
print("next", next(c), c.__next__(), next(iter(c)), c.balance)

# a for loop in main over senders queued on the channel; the last sender
# sends StopIteration
def send_all(items):
    for v in items:
        c.send(v)
    c.send_exception(StopIteration)


stackless.tasklet(send_all)([1, 2, 3])
seen = []
for v in c:
    seen.append(v)
print("for from main", seen, c.balance)

# list() of a channel, and StopIteration with a value
stackless.tasklet(send_all)(["x", "y"])
print("list", list(c))


def stop_with_value():
    c.send_exception(StopIteration, "the value")


stackless.tasklet(stop_with_value)()
try:
    next(c)
except StopIteration as e:
    print("StopIteration args", e.args, e.value)

# send_sequence with a generator, to a receiving tasklet
got = []


def collector(n):
    for i in range(n):
        got.append(c.receive())


stackless.tasklet(collector)(5)
n = c.send_sequence(x * 10 for x in range(5))
print("send_sequence(generator)", n, got)

# send_sequence of an empty sequence sends nothing and never blocks
print("send_sequence([])", c.send_sequence([]), c.balance)


# send_sequence stops when the iterable raises: the items before it arrive
def bad_items():
    yield 1
    yield 2
    raise KeyError("bad item")


got = []
col = stackless.tasklet(collector)(3)
show("send_sequence(failing generator)", c.send_sequence, bad_items())
print("collected", got, "collector blocked", col.blocked, c.balance)
col.kill()

# send_sequence with something that is not iterable
show("send_sequence(5)", c.send_sequence, 5)

# send_sequence from a tasklet to main; the tasklet returns the count
counts = []


def seq_sender():
    counts.append(c.send_sequence("hello"))


stackless.tasklet(seq_sender)()
print("main receives", [c.receive() for i in range(5)])
stackless.run()
print("count", counts)

# Iteration on a tasklet: a consumer loop ends when StopIteration comes
total = []


def consumer():
    s = 0
    for v in c:
        s += v
    total.append(s)


t = stackless.tasklet(consumer)()
stackless.run()
c.send_sequence(range(1, 11))
c.send_exception(StopIteration)
print("consumer total", total, t.alive)

# send_throw(StopIteration) ends a loop the same way
t = stackless.tasklet(consumer)()
stackless.run()
c.send(5)
c.send_throw(StopIteration)
print("consumer total after send_throw", total, t.alive)

# an exception other than StopIteration escapes the for loop
def loop_until_error():
    try:
        for v in c:
            print("loop got", v)
    except KeyError as e:
        print("loop ended by", repr(e))


stackless.tasklet(loop_until_error)()
stackless.run()
c.send(1)
c.send_exception(KeyError, "stop")
stackless.run()

# the channel's __next__ takes no arguments
show("__next__(None)", c.__next__, None)
