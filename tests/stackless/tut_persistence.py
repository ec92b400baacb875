# Tutorial: saving a running world. Creatures are tasklets that walk on a
# line and talk through a shared channel; after a few turns the whole
# world (tasklets, channel, shared state) is pickled, the originals are
# killed, and the world is loaded twice: each copy plays the remaining
# turns on its own and ends in the same state as the other.
import pickle

import stackless


class World:
    def __init__(self):
        self.turn = 0
        self.positions = {}
        self.log = []
        self.talk = stackless.channel()
        self.talk.preference = 0


def creature(world, name, step):
    pos = 0
    while pos < 12:
        pos += step
        world.positions[name] = pos
        if pos % 4 == 0:
            world.talk.send((name, pos))
        stackless.schedule_remove()
    world.log.append(name + " arrived")


def listener(world):
    for name, pos in world.talk:
        world.log.append("%s says hi at %d" % (name, pos))


def play(world, tasklets, turns):
    for i in range(turns):
        world.turn += 1
        for t in tasklets:
            if t.alive and not t.blocked and not t.scheduled:
                t.insert()
        stackless.run()


world = World()
tasklets = [stackless.tasklet(creature)(world, n, s) for n, s in (("ant", 1), ("bee", 2), ("cat", 4))]
ear = stackless.tasklet(listener)(world)
play(world, tasklets, 3)
print("after 3 turns", sorted(world.positions.items()), world.log)
saved = pickle.dumps((world, tasklets, ear))
for t in tasklets + [ear]:
    t.kill()
print("saved", type(saved).__name__, "originals killed", [t.alive for t in tasklets])

finals = []
for copy in ("first", "second"):
    w, ts, e = pickle.loads(saved)
    print(copy, "copy loaded at turn", w.turn, "alive", [t.alive for t in ts], "listener blocked", e.blocked)
    play(w, ts, 20)
    print(copy, "copy:", sorted(w.positions.items()))
    for line in w.log:
        print("   ", line)
    finals.append((sorted(w.positions.items()), w.log))
    e.kill()
print("both copies agree:", finals[0] == finals[1])
