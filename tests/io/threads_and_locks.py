# Threads as tasklets: names, join, daemon, locks, events, conditions,
# semaphores; output ordered by sleeps and joins so CPython prints the same.
import threading
import time

log = []


def worker(n, delay):
    time.sleep(delay)
    log.append("worker %d in %s" % (n, threading.current_thread().name))


threads = [threading.Thread(target=worker, args=(i, 0.05 * (3 - i)), name="w%d" % i) for i in range(3)]
for t in threads:
    t.start()
print("alive:", [t.is_alive() for t in threads])
for t in threads:
    t.join()
print("\n".join(log))
print("alive after join:", [t.is_alive() for t in threads])
print("main is", threading.current_thread().name, threading.current_thread() is threading.main_thread())

t = threading.Thread(target=lambda: None)
print(t.name.startswith("Thread-"), t.name.endswith("(<lambda>)"), t.daemon)
t.daemon = True
print(t.daemon)
t.start()
t.join()
try:
    t.start()
except RuntimeError as e:
    print("RuntimeError:", e)

# A lock held across a sleep keeps the others out.
lock = threading.Lock()
order = []


def locked_section(name):
    with lock:
        order.append(name + " in")
        time.sleep(0.02)
        order.append(name + " out")


ts = [threading.Thread(target=locked_section, args=(n,)) for n in "abc"]
for t in ts:
    t.start()
    time.sleep(0.005)
for t in ts:
    t.join()
print(order)
print("acquire without blocking:", lock.acquire(False), lock.acquire(False), lock.locked())
print("acquire with timeout:", lock.acquire(timeout=0.02))
lock.release()
print("locked:", lock.locked())
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError:", e)

r = threading.RLock()
with r:
    with r:
        print("rlock taken twice")

ev = threading.Event()
print("event wait times out:", ev.wait(0.02), ev.is_set())


def setter():
    time.sleep(0.02)
    ev.set()


threading.Thread(target=setter).start()
print("event wait:", ev.wait(2.0), ev.is_set())

cond = threading.Condition()
items = []


def consumer():
    with cond:
        while not items:
            cond.wait()
        print("consumed", items.pop(0))


c = threading.Thread(target=consumer)
c.start()
time.sleep(0.02)
with cond:
    items.append("x")
    cond.notify()
c.join()
with cond:
    print("wait_for with timeout:", cond.wait_for(lambda: False, 0.02))

sem = threading.Semaphore(2)
inside = [0]
most = [0]


def limited():
    with sem:
        inside[0] += 1
        most[0] = max(most[0], inside[0])
        time.sleep(0.02)
        inside[0] -= 1


ts = [threading.Thread(target=limited) for _ in range(5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("most at once:", most[0])
print("idents differ:", threading.get_ident() != ts[0].ident)
bs = threading.BoundedSemaphore(1)
bs.acquire()
bs.release()
try:
    bs.release()
except ValueError as e:
    print("ValueError:", e)
print("done")
