# Tutorial: preemptive round robin with the watchdog. CPU-bound tasklets
# never call schedule(); the main loop runs the scheduler with
# stackless.run(timeout), and every tasklet the watchdog interrupts is put
# back at the end of the queue, so all of them progress side by side. An
# atomic section is never cut (an interrupt due inside it comes right
# after it). Results are printed at the end, sorted, so
# the output does not depend on how long a slice is.
import stackless


def count_primes(name, limit, out, progress):
    found = 0
    for n in range(2, limit):
        d = 2
        while d * d <= n:
            if n % d == 0:
                break
            d += 1
        else:
            found += 1
        if n % 500 == 0:
            progress.append(name)
    out[name] = found


def careful(out):
    with stackless.atomic():
        total = 0
        for i in range(3000):
            total += i
        out["careful"] = total


out = {}
progress = []
tasklets = [stackless.tasklet(count_primes)(n, lim, out, progress) for n, lim in (("small", 1500), ("medium", 2500), ("large", 3500))]
tasklets.append(stackless.tasklet(careful)(out))
interrupts = [0, 0, 0, 0]
careful_cut_inside = []
while stackless.getruncount() > 1:
    victim = stackless.run(200)
    if victim is not None:
        i = tasklets.index(victim)
        interrupts[i] += 1
        if i == 3:
            careful_cut_inside.append("careful" not in out)
        victim.insert()

print("results", sorted(out.items()))
print("all finished", [t.alive for t in tasklets])
print("each counting tasklet was interrupted:", all(n > 0 for n in interrupts[:3]))
print("the atomic section was never cut:", not any(careful_cut_inside))
# interleaving: the small one reports progress before the large one is done
first_large_done = len(progress) - 1 - progress[::-1].index("large")
print("small finished its reports before large's last:", progress.index("small") < first_large_done)
