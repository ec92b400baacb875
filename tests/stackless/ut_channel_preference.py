# Channel preference and schedule_all, from Stackless's channel
# documentation: the default, clamping of out-of-range values, and who runs
# next when main is the sender or the receiver, for each setting.
import stackless

c = stackless.channel()
print("defaults", c.preference, c.schedule_all)
for p in (1, 0, -1, 5, -7, 2, -2):
    c.preference = p
    print("preference set to", p, "reads", c.preference)
for s in (1, 0, 7, True, False):
    c.schedule_all = s
    print("schedule_all set to", s, "reads", c.schedule_all)
try:
    c.preference = "high"
except TypeError as e:
    print("TypeError:", e)


def main_sends(pref, schedule_all=0):
    ch = stackless.channel()
    ch.preference = pref
    ch.schedule_all = schedule_all
    log = []

    def r():
        log.append("R:wait")
        log.append("R:got " + ch.receive())

    def other():
        log.append("T")

    stackless.tasklet(r)()
    stackless.tasklet(other)()
    stackless.schedule()  # runs r (blocks) and other
    stackless.tasklet(other)()
    log.append("M:send")
    ch.send("v")
    log.append("M:back")
    stackless.run()
    print("main sends, pref", pref, "schedule_all", schedule_all, "|", " ".join(log))


def main_receives(pref, schedule_all=0):
    ch = stackless.channel()
    ch.preference = pref
    ch.schedule_all = schedule_all
    log = []

    def s():
        log.append("S:send")
        ch.send("v")
        log.append("S:back")

    def other():
        log.append("T")

    stackless.tasklet(s)()
    stackless.schedule()  # s blocks
    stackless.tasklet(other)()
    log.append("M:receive")
    log.append("M:got " + ch.receive())
    stackless.run()
    print("main receives, pref", pref, "schedule_all", schedule_all, "|", " ".join(log))


for p in (-1, 0, 1):
    main_sends(p)
    main_receives(p)
main_sends(-1, 1)
main_receives(-1, 1)
main_sends(1, 1)
main_receives(1, 1)


# Two senders, two receivers, preference 0: FIFO on both sides
ch = stackless.channel()
ch.preference = 0
log = []


def snd(name):
    log.append(name + ":send")
    ch.send(name)
    log.append(name + ":back")


def rcv(name):
    log.append(name + ":wait")
    log.append(name + ":got " + ch.receive())


for n in ("S1", "S2"):
    stackless.tasklet(snd)(n)
for n in ("R1", "R2"):
    stackless.tasklet(rcv)(n)
stackless.run()
print("FIFO |", " ".join(log))

# balance and queue while tasklets wait, then the queue's order
ch = stackless.channel()
ts = [stackless.tasklet(ch.receive)() for i in range(3)]
stackless.run()
print("three receivers", ch.balance, ch.queue is ts[0])
ch.send(None)
print("after one send", ch.balance, ch.queue is ts[1])
ts[1].kill()
print("after killing the head", ch.balance, ch.queue is ts[2])
ts[2].kill()
print("empty", ch.balance, ch.queue)
