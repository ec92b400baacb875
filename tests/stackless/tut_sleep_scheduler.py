# Tutorial: sleeping tasklets. sleep(ticks) parks the caller on a channel
# of its own; a main loop drives the scheduler with stackless.run(timeout).
# A busy tasklet that never yields is preempted by the timeout and put
# back in the queue, so the loop keeps control. The clock is virtual: it
# ticks when run() comes back with nobody runnable (everyone asleep or
# blocked), and then wakes every sleeper whose time has come, in order of
# wake-up time, then of falling asleep.
import stackless

clock = [0]
sleepers = []  # [wake_at, order, channel]
order = [0]


def sleep(ticks):
    ch = stackless.channel()
    ch.preference = 0  # waking a sleeper only makes it runnable
    order[0] += 1
    sleepers.append([clock[0] + ticks, order[0], ch])
    ch.receive()


def wake_due():
    due = sorted([s for s in sleepers if s[0] <= clock[0]], key=lambda s: (s[0], s[1]))
    for s in due:
        sleepers.remove(s)
        s[2].send(None)
    return len(due)


def napper(name, naps):
    for n in naps:
        sleep(n)
        print("t=%d %s woke after %d" % (clock[0], name, n))
    print("t=%d %s done" % (clock[0], name))


busy_result = []


def busy():
    total = 0
    for i in range(20000):
        total += i % 7
    busy_result.append(total)
    print("t=%d busy done" % clock[0])


stackless.tasklet(napper)("short", [1, 1, 1, 1])
stackless.tasklet(napper)("long", [5])
stackless.tasklet(napper)("mid", [2, 2])
stackless.tasklet(busy)()
preempted = 0
while stackless.getruncount() > 1 or sleepers:
    interrupted = stackless.run(500)
    if interrupted is not None:
        preempted += 1
        interrupted.insert()
        continue
    clock[0] += 1
    woken = wake_due()
    if woken == 0 and stackless.getruncount() == 1 and not sleepers:
        break

print("busy result", busy_result, "preempted at least once:", preempted > 0)
print("final time", clock[0])
