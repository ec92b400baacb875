"""Behaviours of the viewer tests' pond world."""
import world


def fish(me):
    laps = 0
    while True:
        laps += 1
        world.set("laps", laps)
        world.set_velocity(world.uniform(-3, 3), world.uniform(-3, 3))
        world.sleep(1)


def heron(me):
    while True:
        prey = world.nearest(200, "fish")
        if prey is not None:
            world.post(prey, ("heron", world.tick()))
        world.sleep(3)


def hermit(me):
    while True:
        message = world.receive()
        world.log("the hermit heard", message)


def spawner(me):
    world.sleep(2)
    world.spawn("fish", 20.0, 20.0)
    while True:
        world.sleep(1000)
