# Tutorial: producers and consumers over one channel. Two producers send
# numbered items, three consumers take them in turn; the channel's FIFO
# queue and preference decide who gets what. Closing the channel ends the
# consumers' for loops once every producer has finished.
import stackless

items = stackless.channel()
done = stackless.channel()
log = []


def producer(name, count):
    for i in range(count):
        item = "%s-%d" % (name, i)
        log.append("put " + item)
        items.send(item)
    done.send(name)


def consumer(name, eaten):
    for item in items:
        log.append(name + " got " + item)
        eaten.append(item)
        stackless.schedule()  # pretend to work
    log.append(name + " sees the channel closed")


eaten = {}
consumers = []
for name in ("c1", "c2", "c3"):
    eaten[name] = []
    consumers.append(stackless.tasklet(consumer)(name, eaten[name]))
stackless.tasklet(producer)("apple", 4)
stackless.tasklet(producer)("pear", 3)

finished = [done.receive(), done.receive()]
print("producers finished:", finished)
items.close()
print("closing", items.closing, "closed", items.closed, "balance", items.balance)
# the consumers are blocked in receive: closing does not wake them, so they
# are told to stop with StopIteration, one per blocked consumer
while items.balance < 0:
    items.send_exception(StopIteration)
stackless.run()
for line in log:
    print(line)
for name in ("c1", "c2", "c3"):
    print(name, eaten[name])
print("all consumers ended:", [t.alive for t in consumers], "closed", items.closed)
