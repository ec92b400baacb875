# Statements and control flow.
import math
import os.path as osp, sys
from collections import OrderedDict as OD, deque
from functools import (reduce,
                       partial,)

x = 0
if x:
    pass
elif x > 1:
    x = 1
elif x < -1: x = 2
else:
    x = 3

while x < 10:
    x += 1
    if x == 5:
        continue
    if x == 8:
        break
else:
    print("no break")

for i in range(10):
    pass
else:
    pass

for i, (j, k) in enumerate(pairs):
    print(i, j, k)

for *init, last in rows: print(init, last)

try:
    risky()
except ValueError:
    pass
except (KeyError, IndexError) as err:
    print(err)
except:
    raise
else:
    print("fine")
finally:
    cleanup()

try:
    pass
finally:
    pass

with open("f") as fh, lock:
    data = fh.read()

with ctx() as (a, b):
    pass

assert x, "x must be set"
assert x
del x, y[0], z.attr
a = b = c = 1
a, b = b, a
[a, b] = 1, 2
a, *rest = [1, 2, 3]
x: int = 5
y: list
obj.attr += 1
d[k] -= 1
n **= 2; n //= 3; n %= 4; n <<= 1; n >>= 1; n &= 1; n |= 2; n ^= 3
raise ValueError("bad") from None
raise
if __name__ == '__main__':
    main()


with (open("a") as f, open("b") as g):
    pass
with (open("a"), open("b"),):
    pass
with (a, b):
    pass
with (a):
    pass
with (yield_value) as v:
    pass
