# Generator-based coroutines driven with send(): a running averager, a grep sink and a pipeline.
def averager():
    total = count = 0
    average = None
    while True:
        value = yield average
        if value is None:
            return (count, average)
        total += value
        count += 1
        average = total / count

avg = averager()
next(avg)
for v in [10, 20, 30, 5]:
    print("avg ->", avg.send(v))
try:
    avg.send(None)
except StopIteration:
    print("averager finished")

def coroutine(fn):
    def start(*args, **kwargs):
        g = fn(*args, **kwargs)
        next(g)
        return g
    return start

@coroutine
def grep(pattern, target):
    while True:
        line = yield
        if pattern in line:
            target.send(line)

@coroutine
def upper(target):
    while True:
        line = yield
        target.send(line.upper())

@coroutine
def collect(sink):
    while True:
        sink.append((yield))

found = []
pipeline = grep("error", upper(collect(found)))
for line in ["ok: started", "error: disk full", "warning: slow", "error: timeout", "ok: done"]:
    pipeline.send(line)
print(found)

def accumulate():
    total = 0
    while True:
        x = yield total
        total += x

acc = accumulate()
print(next(acc), [acc.send(i) for i in range(1, 6)])
