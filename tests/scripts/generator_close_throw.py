# Generators as game coroutines: send() input, throw() events in, close() to shut down cleanly.
def enemy_ai(name):
    hp = 10
    log = []
    try:
        while hp > 0:
            try:
                damage = yield f"{name} hp={hp}"
                if damage:
                    hp -= damage
                    log.append(f"hit {damage}")
            except KeyError as alarm:
                log.append(f"alarm {alarm}")
                hp += 2
        yield f"{name} defeated after {len(log)} events"
    except GeneratorExit:
        print(f"  [{name} cleaning up, log={log}]")
        raise
    finally:
        print(f"  [{name} finally]")

goblin = enemy_ai("goblin")
print(next(goblin))
print(goblin.send(3))
print(goblin.throw(KeyError("intruder")))
print(goblin.send(None))
print(goblin.send(4))
goblin.close()
print("closed once; closing again is a no-op")
goblin.close()
try:
    next(goblin)
except StopIteration:
    print("StopIteration after close")

orc = enemy_ai("orc")
print(next(orc))
print(orc.send(6))
print(orc.send(6))
orc.close()

# close() on a generator that never started runs nothing.
fresh = enemy_ai("ghost")
fresh.close()
print("ghost never printed a cleanup line")

# throw() of an exception the generator does not handle propagates to the caller.
def counter():
    n = 0
    while True:
        n += 1
        yield n

c = counter()
print(next(c), next(c))
try:
    c.throw(ValueError("reset requested"))
except ValueError as e:
    print("propagated:", e)
print(list(c))

# A generator that ignores GeneratorExit and keeps yielding is a RuntimeError.
def stubborn():
    refusals = 0
    while True:
        try:
            yield "still here"
        except GeneratorExit:
            refusals += 1
            print("  refusing to stop", refusals)
            if refusals > 1:
                return

s = stubborn()
print(next(s))
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)
s.close()
print("second close accepted")

# An event nobody handles ends the game loop.
turns = counter()
print(next(turns), next(turns), next(turns))
turns.throw(TimeoutError("turn timer expired"))
