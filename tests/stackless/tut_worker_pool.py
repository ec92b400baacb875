# Tutorial: a boss and a pool of workers. The boss puts jobs on a job
# channel; idle workers take them in turn, report results on a result
# channel, and quit when they receive None. A worker that fails reports
# the error instead of a result. The boss collects everything and prints
# the results in job order.
import stackless

jobs = stackless.channel()
results = stackless.channel()


def collatz_steps(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
        if steps % 10 == 0:
            stackless.schedule()  # be nice to the others
    return steps


def worker(name):
    done = 0
    while True:
        job = jobs.receive()
        if job is None:
            results.send((name, "quit", done))
            return
        number, n = job
        try:
            if n <= 0:
                raise ValueError("not positive: %d" % n)
            results.send((name, number, collatz_steps(n)))
        except ValueError as e:
            results.send((name, number, "error " + str(e)))
        done += 1


def boss(numbers, nworkers):
    workers = [stackless.tasklet(worker)("w%d" % i) for i in range(nworkers)]
    feeder = stackless.tasklet(jobs.send_sequence)(list(enumerate(numbers)))
    by_job = {}
    who = {}
    for i in range(len(numbers)):
        name, number, value = results.receive()
        by_job[number] = value
        who[name] = who.get(name, 0) + 1
    for w in workers:
        jobs.send(None)
    quits = [results.receive() for w in workers]
    for number in range(len(numbers)):
        print("job", number, "n =", numbers[number], "->", by_job[number])
    print("jobs per worker", sorted(who.items()))
    print("quit reports", sorted(quits))
    print("feeder done", not feeder.alive)


stackless.tasklet(boss)([27, 7, 1, 0, 97, 871, -3, 6171], 3)
stackless.run()
print("runcount", stackless.getruncount())
