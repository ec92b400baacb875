# The Santa Claus problem (J. A. Trono, 1994), with Shoal's select and join.
#
# Santa sleeps until either all nine reindeer are back from their holidays
# (then he harnesses them and delivers toys) or three of the ten elves need
# help (then he consults with them). When both are waiting, the reindeer
# go first.
#
# Each reindeer and each elf is a tasklet with a channel of its own. Two
# gatekeepers wait with joins: one for all nine reindeer channels, one for
# any three of the ten elf channels, and each hands Santa the group it
# gathered. Santa selects between the gatekeepers, looking at the reindeer
# first. The run prints a trace and checks the invariants.
#
#     shoal run examples/santa_claus.py [seed] [christmases]
import random
import sys

import stackless

REINDEER = 9
ELVES = 10
GROUP = 3

seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
christmases = int(sys.argv[2]) if len(sys.argv) > 2 else 3
rng = random.Random(seed)
stackless.set_select_seed(seed)

back = [stackless.channel() for _ in range(REINDEER)]  # a reindeer is back
released = [stackless.channel() for _ in range(REINDEER)]  # Santa unharnesses it
stuck = [stackless.channel() for _ in range(ELVES)]  # an elf needs help
helped = [stackless.channel() for _ in range(ELVES)]  # Santa helped it
herd = stackless.channel()  # the reindeer gatekeeper to Santa
queue = stackless.channel()  # the elf gatekeeper to Santa

with_santa = []  # elves in Santa's office now
trace = []
errors = []


def log(line):
    trace.append(line)
    print(line)


def pause(lo, hi):
    for _ in range(rng.randint(lo, hi)):
        stackless.schedule()


def reindeer(i):
    while True:
        pause(5, 40)  # on holiday in the tropics
        back[i].send(i)
        released[i].receive()


def elf(i):
    while True:
        pause(1, 25)  # making toys
        stuck[i].send(i)
        helped[i].receive()


def reindeer_gate():
    while True:
        group = stackless.join(back)
        herd.send([i for i, _ in group])


def elf_gate():
    while True:
        group = stackless.join(stuck, count=GROUP)
        queue.send([i for i, _ in group])


def santa():
    delivered = 0
    consultations = 0
    while delivered < christmases:
        # The reindeer first: take them if they are all back...
        case, group = stackless.select([herd.receive_case()], default=None)
        if case < 0:
            # ...otherwise sleep until either group is ready.
            case, group = stackless.select([herd.receive_case(), queue.receive_case()])
        if case == 0:
            delivered += 1
            log("Santa: all %d reindeer are back, delivering toys (christmas %d)" % (len(group), delivered))
            if sorted(group) != list(range(REINDEER)):
                errors.append("a sleigh without every reindeer: %r" % group)
            for i in group:
                released[i].send("holiday")
        else:
            if herd.balance > 0:
                errors.append("elves were helped while the reindeer waited")
            with_santa.extend(group)
            consultations += 1
            log("Santa: helping elves %s" % ", ".join(str(i) for i in sorted(group)))
            if len(with_santa) > GROUP:
                errors.append("%d elves with Santa" % len(with_santa))
            for i in group:
                helped[i].send("fixed")
                with_santa.remove(i)
    log("Santa: %d christmases, %d consultations" % (delivered, consultations))


workers = [stackless.tasklet(reindeer)(i) for i in range(REINDEER)]
workers += [stackless.tasklet(elf)(i) for i in range(ELVES)]
workers += [stackless.tasklet(reindeer_gate)(), stackless.tasklet(elf_gate)()]
boss = stackless.tasklet(santa)()
while boss.alive:
    stackless.run()
for t in workers:
    t.kill()

if errors:
    for e in errors:
        print("INVARIANT BROKEN:", e)
    sys.exit(1)
print("invariants held: every sleigh had all %d reindeer, at most %d elves with Santa, reindeer first" % (REINDEER, GROUP))
