# pickle: plain data and instances round-trip; a tasklet interrupted by the
# watchdog is pickled, loaded as a paused copy and resumed; the current
# tasklet cannot be pickled.
import pickle

import stackless


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


shared = [1, 2]
data = {"ints": [1, -2, 3 ** 20], "float": 2.5, "text": "héllo", "tuple": (1, "a", None),
        "set": {3}, "nested": {"p": Point(1, 2)}, "twice": (shared, shared), "flag": True}
blob = pickle.dumps(data)
print(type(blob).__name__)
back = pickle.loads(blob)
print(sorted(back), back["nested"]["p"], back["tuple"], back["set"])
print(back["twice"][0] is back["twice"][1], back["ints"][2], isinstance(back["nested"]["p"], Point))


def counter(log):
    total = 0
    for i in range(300):
        total += i
        if i % 50 == 0:
            log.append(i)
    print("copy's log", log, "total", total)


# Interrupted mid-loop; the pickled copy (with its own copy of the log)
# goes on from exactly there: every step appears once, the total is right.
log = []
t = stackless.tasklet(counter)(log)
victim = stackless.run(1000)
print("interrupted:", victim is t, t.paused, t.alive, 0 < len(log) < 6)
copy = pickle.loads(pickle.dumps(t))
print("copy:", copy is not t, copy.paused, copy.alive)
t.kill()
copy.insert()
stackless.run()
print("copy alive:", copy.alive, "original log unchanged:", len(log) < 6)
try:
    pickle.dumps(stackless.getcurrent())
except RuntimeError as e:
    print("RuntimeError:", e)
# Garbage raises pickle.UnpicklingError, which is not a ValueError (the
# message depends on the format, so it is not printed).
try:
    pickle.loads(b"not a pickle")
except pickle.UnpicklingError as e:
    print("UnpicklingError:", type(e).__name__, isinstance(e, ValueError))

# Objects as dict and set keys are the loaded objects (identity holds).
key = Point(0, 0)
table, keys, key2 = pickle.loads(pickle.dumps(({key: "k", (key, 1): "t"}, {key}, key)))
print("keys:", table[key2], table[(key2, 1)], key2 in keys, key in keys)
