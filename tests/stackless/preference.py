# Channel rendezvous: who runs next, for every preference and schedule_all,
# with the receiver blocking first and with the sender blocking first.
import stackless


def table(pref, schedule_all=False, sender_first=False):
    ch = stackless.channel()
    ch.preference = pref
    ch.schedule_all = schedule_all
    out = []

    def r():
        out.append("R:wait")
        ch.receive()
        out.append("R:got")

    def s():
        out.append("S:send")
        ch.send(1)
        out.append("S:back")

    def t():
        out.append("T")

    if sender_first:
        stackless.tasklet(s)()
        stackless.tasklet(r)()
    else:
        stackless.tasklet(r)()
        stackless.tasklet(s)()
    stackless.tasklet(t)()
    stackless.run()
    label = "schedule_all" if schedule_all else pref
    print("sender first" if sender_first else "receiver first", label, "|", " ".join(out))


for first in (False, True):
    for p in (-1, 0, 1):
        table(p, sender_first=first)
    table(-1, True, sender_first=first)
