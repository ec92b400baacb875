# Ported from Stackless's unittests/test_channel.py (TestClose) and the
# channel documentation: close() only sets closing, blocked tasklets stay,
# closed = closing and balance 0, operations that would block raise
# ValueError, open() undoes close(), iteration stops on a closed channel.
import stackless


def show(label, f, *args):
    try:
        r = f(*args)
        print(label, "returned", repr(r))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


def state(label, c):
    print(label, "closing", c.closing, "closed", c.closed, "balance", c.balance)


# testSequence: close does not wake the receiver, the sender pumps Nones
c = stackless.channel()


def sender():
    c.send_sequence(range(10))
    c.close()
    pumped = 0
    while c.closing and not c.closed:
        c.send(None)
        pumped += 1
    print("pumped", pumped)


data = []


def receiver():
    for i in c:
        data.append(i)
    while data[-1] is None:
        data.pop(-1)
    data.append(10)


stackless.tasklet(sender)()
stackless.tasklet(receiver)()
stackless.run()
print("testSequence", data, c.closed)

# testSequence2: send_sequence returns the length, then StopIteration ends
# the receiver's loop
c = stackless.channel()


def sender2():
    length = c.send_sequence(range(10))
    print("send_sequence returned", length)
    c.send_exception(StopIteration)
    c.close()


data = []


def receiver2():
    for i in c:
        data.append(i)


stackless.tasklet(sender2)()
stackless.tasklet(receiver2)()
stackless.run()
print("testSequence2", data, c.closed)

# testSender / testReceiver / testIterator
c = stackless.channel()
c.close()
state("closed empty", c)
show("send on closed", c.send, None)
show("receive on closed", c.receive)
show("send_exception on closed", c.send_exception, KeyError)
show("send_throw on closed", c.send_throw, KeyError)
show("send_sequence on closed", c.send_sequence, [1, 2])
i = iter(c)
print("iter is channel", i is c)
show("next on closed", next, i)
show("__next__ on closed", c.__next__)
print("list of closed", list(c))
c.open()
state("reopened", c)


# Closing with blocked senders: they stay, receives still complete, the
# channel becomes closed when the last one is taken.
c = stackless.channel()


def blocked_sender(v):
    c.send(v)
    print("sender", v, "done")


for v in ("a", "b"):
    stackless.tasklet(blocked_sender)(v)
stackless.run()
state("two senders", c)
c.close()
state("after close", c)
show("send while closing", c.send, "x")
print("receive while closing", c.receive())
state("one left", c)
print("receive while closing", c.receive())
state("drained", c)
show("receive when closed", c.receive)
stackless.run()

# Closing with blocked receivers: sends still complete
c = stackless.channel()


def blocked_receiver(n):
    print("receiver", n, "got", c.receive())


for n in range(2):
    stackless.tasklet(blocked_receiver)(n)
stackless.run()
state("two receivers", c)
c.close()
state("after close", c)
show("receive while closing", c.receive)
c.send("first")
state("one receiver left", c)
c.send("second")
state("no receiver left", c)
show("send when closed", c.send, "third")
stackless.run()

# A blocked receiver of a closed channel is not woken by close(); kill it
c = stackless.channel()
t = stackless.tasklet(c.receive)()
stackless.run()
c.close()
print("still blocked after close", t.blocked, c.balance, c.closed)
t.kill()
state("after kill", c)

# open() on an open channel, close() twice
c = stackless.channel()
c.open()
c.close()
c.close()
state("closed twice", c)
c.open()
c.open()
state("opened twice", c)

# Iteration over a closing channel with pending senders drains them first
c = stackless.channel()
for v in range(3):
    stackless.tasklet(c.send)(v)
stackless.run()
c.close()
print("drain", list(c), c.closed)

# for over a channel, closed by the feeder after its last send
c = stackless.channel()


def feeder():
    for v in "xyz":
        c.send(v)
    c.close()


def eater():
    for v in c:
        print("ate", v)
    print("eater's loop ended", c.closed)


e = stackless.tasklet(eater)()
stackless.tasklet(feeder)()
stackless.run()
# close() does not wake the eater blocked in its next receive
print("eater still blocked", e.blocked, c.balance, c.closing, c.closed)
e.kill()
state("after killing the eater", c)
