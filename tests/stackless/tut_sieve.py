# Tutorial: the concurrent prime sieve. A generator tasklet sends 2, 3, 4,
# ... down a channel; each prime found starts a filter tasklet that drops
# the multiples of that prime and passes the rest on. The main tasklet
# reads the first primes from the end of the chain, then kills the chain.
import stackless


def generate(out):
    n = 2
    while True:
        out.send(n)
        n += 1


def filter_multiples(inp, out, prime):
    for n in inp:
        if n % prime:
            out.send(n)


tasklets = []
ch = stackless.channel()
tasklets.append(stackless.tasklet(generate)(ch))
primes = []
for i in range(15):
    prime = ch.receive()
    primes.append(prime)
    nxt = stackless.channel()
    tasklets.append(stackless.tasklet(filter_multiples)(ch, nxt, prime))
    ch = nxt
print("primes", primes)
print("tasklets in the chain", len(tasklets), "alive", sum(1 for t in tasklets if t.alive))
blocked = sum(1 for t in tasklets if t.blocked)
print("blocked", blocked, "runnable", stackless.getruncount())
for t in tasklets:
    t.kill()
print("after kill", sum(1 for t in tasklets if t.alive), stackless.getruncount())
