# Closing a channel: blocked senders still deliver, then iteration stops;
# an operation that would block on a closing channel is a ValueError.
import stackless

ch = stackless.channel()


def sender(v):
    ch.send(v)
    print("sent", v)


for v in ("a", "b"):
    stackless.tasklet(sender)(v)
stackless.run()
print("balance", ch.balance)
ch.close()
print("closing", ch.closing, "closed", ch.closed)
for v in ch:
    print("got", v)
print("closed", ch.closed, "balance", ch.balance)
try:
    ch.receive()
except ValueError as e:
    print("ValueError:", e)
ch.open()
print("reopened", ch.closing)

# StopIteration sent as an exception ends a loop too.
ch2 = stackless.channel()


def producer():
    for i in range(3):
        ch2.send(i)
    ch2.send_exception(StopIteration)


def consumer():
    total = 0
    for v in ch2:
        total += v
    print("consumer total", total)


stackless.tasklet(consumer)()
stackless.tasklet(producer)()
stackless.run()
