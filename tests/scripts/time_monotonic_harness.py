# A timing harness using time.monotonic and time.perf_counter that prints only time-independent facts.
import time

def timed(fn, *args):
    start = time.monotonic()
    t0 = time.perf_counter()
    result = fn(*args)
    return result, time.monotonic() - start >= 0, time.perf_counter() - t0 >= 0

print(timed(sum, range(1000)))
print(type(time.monotonic()).__name__, type(time.time()).__name__)
