# The watchdog: run(timeout) returns the interrupted tasklet (paused, alive);
# insert() resumes it; an atomic block holds the interrupt back to its end.
import stackless

count = {"a": 0}


def spin():
    while True:
        count["a"] += 1


t = stackless.tasklet(spin)()
victim = stackless.run(1000)
print(victim is t, t.alive, t.scheduled, t.paused, count["a"] > 0)
before = count["a"]
t.insert()
victim = stackless.run(500)
print(victim is t, count["a"] > before)


def careful(log):
    with stackless.atomic():
        for i in range(300):
            pass
        log.append("atomic block done")
    log.append("after block")
    while True:
        pass


log = []
c = stackless.tasklet(careful)(log)
victim = stackless.run(10)
print(victim is c, log)
t.kill()
c.kill()
print(t.alive, c.alive)
