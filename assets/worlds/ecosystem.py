"""The default world's creatures.

Each function is a behaviour: the world runs it as a tasklet with its
entity's id, and it loops for the creature's whole life, sleeping a few
ticks between decisions (velocity keeps a creature moving meanwhile).

- grass regrows slowly; sheep eat it down;
- sheep graze, flock with their neighbours, follow shepherds, flee
  wolves, breed when well fed and starve when not;
- wolves stalk the nearest sheep, and a wolf that makes a kill calls its
  pack mates to the spot through their inboxes;
- shepherds wander, and drive off wolves near them by posting them a
  "scram" message;
- dens send out a new wolf now and then when wolves are few;
- players (the avatars of `shoal-server`'s clients) walk where their
  client tells them; sheep follow them as they follow shepherds, and
  they can scare wolves off.
"""

import world

SHEEP_CAP = 4000
WOLF_CAP = 250
WIDTH, HEIGHT = world.size()


def grass(me):
    # Stagger the patches so they do not all wake on the same tick.
    world.sleep(world.randint(1, 40))
    while True:
        energy = world.get("energy")
        if energy < 6.0:
            world.set("energy", min(6.0, energy + 1.0))
        world.sleep(20)


def wander(speed):
    """Drift in a new random direction."""
    vx, vy = world.velocity()
    world.set_velocity(
        vx * 0.5 + world.uniform(-speed, speed), vy * 0.5 + world.uniform(-speed, speed)
    )


def sheep(me):
    world.sleep(world.randint(1, 3))
    wander(1.5)
    while True:
        energy = world.get("energy") - 0.1
        age = world.get("age") + 3
        world.set("age", age)
        if energy <= 0 or age > 9000:
            world.despawn()
        wolf = world.nearest(28, "wolf")
        if wolf is not None:
            x, y = world.position(wolf)
            world.steer(x, y, -8.0)
            world.set("energy", energy)
            world.sleep(2)
            continue
        grazed = False
        if energy < 95:
            patch = find_grass()
            if patch is not None:
                grazed = True
                if world.distance(patch) < 2.0:
                    world.set("energy", world.get("energy", patch) - 1.0, patch)
                    energy += 5.0
                    world.set_velocity(0, 0)
                else:
                    x, y = world.position(patch)
                    world.steer(x, y, 5.0)
        if not grazed:
            shepherd = world.nearest(45, "shepherd")
            if shepherd is None:
                shepherd = world.nearest(45, "player")
            if shepherd is not None:
                world.set("herd", shepherd)
                x, y = world.position(shepherd)
                if world.distance(shepherd) > 10:
                    world.steer(x, y, 3.5)
                else:
                    wander(0.5)
            else:
                flock(me)
        if energy > 80 and world.population("sheep") < SHEEP_CAP:
            x, y = world.position()
            world.spawn("sheep", x + world.uniform(-2, 2), y + world.uniform(-2, 2), energy=30.0)
            energy -= 40
        world.set("energy", energy)
        world.sleep(3)


def find_grass():
    """The nearest of the few closest patches that still has grass."""
    for patch in world.neighbours(16, "grass", limit=5):
        if world.get("energy", patch) >= 1.0:
            return patch
    return None


def flock(me):
    """Match the heading of a few nearby sheep, with a little noise."""
    mates = world.neighbours(10, "sheep", limit=4)
    if not mates:
        wander(1.0)
        return
    sx = 0.0
    sy = 0.0
    for m in mates:
        vx, vy = world.velocity(m)
        sx += vx
        sy += vy
    n = len(mates)
    vx, vy = world.velocity()
    world.set_velocity(
        (vx + sx / n) / 2 + world.uniform(-0.6, 0.6),
        (vy + sy / n) / 2 + world.uniform(-0.6, 0.6),
    )


def wolf(me):
    world.sleep(world.randint(1, 2))
    wander(3.0)
    lead = None
    scared = None
    while True:
        energy = world.get("energy") - 0.25
        age = world.get("age") + 2
        world.set("age", age)
        if energy <= 0 or age > 12000:
            world.log("starved" if energy <= 0 else "died of old age")
            world.despawn()
        now = world.tick()
        for message in world.messages():
            if message[0] == "scram":
                scared = (message[1], message[2], now + 40)
            elif message[0] == "prey" and lead is None:
                lead = (message[1], message[2], now + 80)
        if scared is not None and now < scared[2]:
            world.steer(scared[0], scared[1], -12.0)
        else:
            scared = None
            prey = world.nearest(32, "sheep")
            if prey is not None:
                d = world.distance(prey)
                x, y = world.position(prey)
                if d < 2.0:
                    world.despawn(prey)
                    energy += 30
                    lead = None
                    world.set_velocity(0, 0)
                    for mate in world.neighbours(90, "wolf", limit=5):
                        world.post(mate, ("prey", x, y))
                else:
                    world.steer(x, y, 12.0 if d < 20 else 9.0)
            elif lead is not None and now < lead[2]:
                if world.steer(lead[0], lead[1], 8.0) < 4:
                    lead = None
            else:
                lead = None
                wander(2.5)
        if energy > 150 and world.population("wolf") < WOLF_CAP:
            x, y = world.position()
            world.spawn("wolf", x, y, energy=50.0)
            energy -= 80
            world.log("a cub is born")
        world.set("energy", energy)
        world.sleep(2)


def shepherd(me):
    goal = None
    while True:
        wolf = world.nearest(30, "wolf")
        if wolf is not None:
            x, y = world.position(wolf)
            mx, my = world.position()
            world.post(wolf, ("scram", mx, my))
            world.steer(x, y, 6.0)
        elif goal is None or world.steer(goal[0], goal[1], 2.5) < 4:
            goal = (world.uniform(0, WIDTH), world.uniform(0, HEIGHT))
        world.sleep(4)


# How far a player may step per move message, in world units.
PLAYER_STEP = 4.0


def player(me):
    """A connected player's avatar. The server posts the client's
    inputs to its inbox: ("move", dx, dy), ("say", text) and
    ("act", name, args); ("leave",) when the player's session ends."""
    while True:
        message = world.receive()
        what = message[0]
        if what == "move":
            dx = max(-PLAYER_STEP, min(PLAYER_STEP, message[1]))
            dy = max(-PLAYER_STEP, min(PLAYER_STEP, message[2]))
            x, y = world.position()
            world.set_position(x + dx, y + dy)
        elif what == "act" and message[1] == "scare":
            x, y = world.position()
            for wolf in world.neighbours(30, "wolf", limit=10):
                world.post(wolf, ("scram", x, y))
        elif what == "leave":
            world.despawn()


def den(me):
    """A wolf den: while wolves are few, one comes out now and then."""
    while True:
        world.sleep(world.randint(300, 500))
        world.log(f"census: {world.population('sheep')} sheep, {world.population('wolf')} wolves")
        if world.population("wolf") < 20:
            x, y = world.position()
            world.spawn("wolf", x, y, energy=60.0)
            world.log("a wolf leaves the den")
