# queue.Queue between threads: order, blocking gets, timeouts, Full/Empty,
# task_done and join.
import queue
import threading
import time

q = queue.Queue()
try:
    q.get(timeout=0.02)
except queue.Empty:
    print("Empty after timeout")
try:
    q.get_nowait()
except queue.Empty:
    print("Empty at once")

small = queue.Queue(maxsize=2)
small.put(1)
small.put(2)
print("full:", small.full(), small.qsize())
try:
    small.put(3, timeout=0.02)
except queue.Full:
    print("Full after timeout")
try:
    small.put_nowait(3)
except queue.Full:
    print("Full at once")


def producer():
    for i in range(5):
        time.sleep(0.005)
        q.put(i)
    q.put(None)


def consumer(out):
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        out.append(item * item)
        q.task_done()


out = []
p = threading.Thread(target=producer)
c = threading.Thread(target=consumer, args=(out,))
c.start()
p.start()
q.join()
p.join()
c.join()
print("squares:", out)


got = []


def slow_getter():
    time.sleep(0.02)
    got.append(small.get())


g = threading.Thread(target=slow_getter)
g.start()
small.put(3)
print("put after a get made room")
g.join()
print("got", got)
print("left:", small.get(), small.get(), small.empty())

lifo = queue.LifoQueue()
for i in range(3):
    lifo.put(i)
print("lifo:", [lifo.get() for _ in range(3)])
try:
    q.task_done()
except ValueError as e:
    print("ValueError:", e)
