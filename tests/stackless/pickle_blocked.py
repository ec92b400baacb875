# pickle: a channel comes back with the tasklets blocked on it (same
# balance, same order), a blocked sender with its value; a blocked tasklet
# pickled alone brings its channel along.
import pickle

import stackless


def waiter(name, ch):
    v = ch.receive()
    print(name, "received", v)


def sender(ch, v):
    ch.send(v)
    print("sender delivered", v)


inbox = stackless.channel()
outbox = stackless.channel()
a = stackless.tasklet(waiter)("a", inbox)
b = stackless.tasklet(waiter)("b", inbox)
s = stackless.tasklet(sender)(outbox, {"k": [1, 2]})
stackless.run()
print("balances", inbox.balance, outbox.balance)
state = pickle.dumps((inbox, outbox))
for t in (a, b, s):
    t.kill()
print("originals killed; balances", inbox.balance, outbox.balance)
inbox2, outbox2 = pickle.loads(state)
print("loaded balances", inbox2.balance, outbox2.balance)
print("queue blocked:", inbox2.queue.blocked, inbox2.queue.paused)
inbox2.send("first")
inbox2.send("second")
print("outbox gives", outbox2.receive())
stackless.run()

lonely = stackless.channel()
w = stackless.tasklet(waiter)("w", lonely)
stackless.run()
w2 = pickle.loads(pickle.dumps(w))
w.kill()
print("w2 blocked:", w2.blocked, "on a copy of its channel:", lonely.balance)
