# A tasklet interrupted by the watchdog at every instruction, pickled and
# loaded again each time, while it runs inside zip over a generator and
# inside sorted with a key: it finishes with the same result. (Stackless
# only counts slow-path bytecode dispatches and holds an interrupt until a
# nested C call returns, so it stops here 15 times; Shoal far more.)
import pickle

import stackless


def work(out):
    out.append(list(zip((x for x in [1, 2]), [3])))
    out.append(sorted([3, 1, 2], key=lambda x: -x))
    try:
        raise KeyError("k")
    except KeyError as e:
        stackless.schedule()
        out.append(repr(e))


out = []
t = stackless.tasklet(work)(out)
steps = 0
while True:
    v = stackless.run(1)
    if v is None:
        break
    s = pickle.dumps((v, out))
    v.kill()
    v, out = pickle.loads(s)
    v.insert()
    steps += 1
print(out)
print("interrupted and reloaded more than 10 times:", steps > 10)
