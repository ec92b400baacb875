"""Walkers and beacons (walkers.ron): behaviours that keep their state in
their locals while they move from zone to zone."""

import world

BEACONS = 4


def walker(me):
    steps = 0
    sent = 0
    to_beacon = [0] * BEACONS
    heading = (world.uniform(-50, 50), world.uniform(-50, 50))
    while True:
        if world.get("steps") != steps:
            world.set("broken", 1)
        steps += 1
        world.set("steps", steps)
        if steps % 60 == 1:
            heading = (world.uniform(-50, 50), world.uniform(-50, 50))
        world.set_velocity(heading[0], heading[1])
        quiet = world.get("quiet_after")
        if steps % 5 == 0 and (quiet == 0 or steps <= quiet):
            b = sent % BEACONS
            sent += 1
            to_beacon[b] += 1
            world.post(b, (me, to_beacon[b]))
            world.set("sent", sent)
        world.sleep(1)


def beacon(me):
    last = {}
    while True:
        sender, n = world.receive()
        if n != last.get(sender, 0) + 1:
            world.set("disorder", world.get("disorder") + 1)
        last[sender] = n
        world.set("got", world.get("got") + 1)


def player(me):
    """A connected player's avatar: the server posts the client's inputs
    to its inbox, ("move", dx, dy) among them, and ("leave",) when the
    session ends. In a cluster they follow it from zone to zone."""
    while True:
        message = world.receive()
        if message[0] == "move":
            dx = max(-4.0, min(4.0, message[1]))
            dy = max(-4.0, min(4.0, message[2]))
            x, y = world.position()
            world.set_position(x + dx, y + dy)
        elif message[0] == "leave":
            world.despawn()
