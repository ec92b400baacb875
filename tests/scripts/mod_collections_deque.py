# collections.deque: both ends, maxlen, rotation, indexing, errors.
from collections import deque


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


# Building and printing
print(deque())
print(deque([1, 2, 3]))
print(deque('hello'))
print(deque(range(10), maxlen=3))
print(deque([1, 2], maxlen=5))
print(deque(maxlen=0))
print(deque(iterable=[4, 5], maxlen=None))
print(repr(deque((x * x for x in range(5)))))
print(str(deque([1.5, 'a', None, (1, 2)])))
attempt('negative maxlen', lambda: deque([1], -1))
attempt('float maxlen', lambda: deque([1], 1.5))
attempt('str maxlen', lambda: deque([1], 'a'))
attempt('not iterable', lambda: deque(3))
attempt('bool maxlen', lambda: deque([1, 2, 3], True))

# The two ends
d = deque()
for i in range(5):
    d.append(i)
    d.appendleft(-i)
print(d, len(d))
print(d.pop(), d.popleft(), d.pop(), d.popleft())
print(d)
while d:
    print(d.popleft(), end=' ')
print()
attempt('pop empty', lambda: deque().pop())
attempt('popleft empty', lambda: deque().popleft())

# Alternating ends make the deque move its items between halves
d = deque(range(20))
out = []
while d:
    out.append(d.popleft())
    if d:
        out.append(d.pop())
print(out)
d = deque()
for i in range(10):
    d.appendleft(i)
print([d.pop() for _ in range(10)])

# A queue: breadth-first search over a small grid
grid = ["..#.....",
        ".##.###.",
        "....#...",
        "#.#...#.",
        "..#.#..."]
start = (0, 0)
dist = {start: 0}
queue = deque([start])
while queue:
    r, c = queue.popleft()
    for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        nr, nc = r + dr, c + dc
        if 0 <= nr < len(grid) and 0 <= nc < len(grid[0]) and grid[nr][nc] == '.' and (nr, nc) not in dist:
            dist[(nr, nc)] = dist[(r, c)] + 1
            queue.append((nr, nc))
print('distance to corner:', dist.get((4, 7)))

# maxlen
d = deque(maxlen=3)
for i in range(6):
    d.append(i)
    print(d)
d.appendleft(99)
print(d)
d.extend([7, 8])
print(d)
d.extendleft([-1, -2])
print(d, d.maxlen)
attempt('insert full', lambda: d.insert(0, 5))
last_lines = deque(maxlen=2)
for line in ['one', 'two', 'three', 'four']:
    last_lines.append(line)
print(list(last_lines))
z = deque(maxlen=0)
z.append(1)
z.appendleft(2)
z.extend([1, 2, 3])
print(z, len(z))
print(deque([1, 2, 3, 4], maxlen=2).maxlen, deque().maxlen)

# extend and extendleft
d = deque([1, 2])
d.extend([3, 4])
d.extendleft([0, -1])
print(d)
d.extend(d)
print(d)
d.extendleft(d)
print(d)
d.extend(x for x in 'ab')
print(d)
attempt('extend int', lambda: deque().extend(5))

# rotate
d = deque(range(7))
d.rotate()
print(d)
d.rotate(3)
print(d)
d.rotate(-5)
print(d)
d.rotate(7 * 100 + 2)
print(d)
d.rotate(-6)
print(d)
d.rotate(0)
print(d)
e = deque()
e.rotate(5)
print(e)
attempt('rotate str', lambda: deque('abc').rotate('a'))
d = deque()
for i in range(10):
    d.append(i)
    d.rotate(2)
print(d)
# The marble game: rotate by small steps in a circle
circle = deque([0])
scores = [0] * 9
for marble in range(1, 200):
    if marble % 23 == 0:
        circle.rotate(7)
        scores[marble % 9] += marble + circle.pop()
        circle.rotate(-1)
    else:
        circle.rotate(-1)
        circle.append(marble)
print('high score', max(scores), len(circle))

# Indexing
d = deque('abcdef')
d.appendleft('Z')
print(d[0], d[1], d[-1], d[-7], d[3])
d[0] = 'z'
d[-1] = 'F'
print(d)
del d[1]
del d[-2]
print(d)
attempt('index past end', lambda: d[10])
attempt('negative past start', lambda: d[-10])
attempt('float index', lambda: d[1.0])
attempt('slice', lambda: d[1:2])
attempt('set past end', lambda: d.__setitem__(10, 1))
attempt('del past end', lambda: d.__delitem__(-10))
print(d[True], d[False])
e = deque()
for i in range(8):
    e.appendleft(i)
    e.append(i * 10)
print([e[i] for i in range(len(e))])
print([e[-i] for i in range(1, len(e) + 1)])

# Searching
d = deque([1, 2, 3, 2, 1, 2])
print(d.count(2), d.count(9), 3 in d, 9 in d, 'x' not in d)
print(d.index(2), d.index(2, 2), d.index(2, -2), d.index(1, 1, 5))
attempt('index missing', lambda: d.index(9))
attempt('index range', lambda: d.index(3, 3))
attempt('index big range', lambda: d.index(2, -100, 100))
d.remove(2)
print(d)
attempt('remove missing', lambda: d.remove(42))
d.insert(0, 'first')
d.insert(100, 'last')
d.insert(-1, 'before last')
d.insert(-100, 'very first')
d.insert(3, 'middle')
print(d)
d.reverse()
print(d)
print(deque([1.0, 2]).index(2.0), deque([[1], [2]]).count([2]))

# Copies and operators
a = deque([1, 2, 3], maxlen=5)
b = a.copy()
b.append(4)
print(a, b, b.maxlen)
print(a + deque([9]))
print(deque([1, 2]) * 3, 2 * deque('ab'), deque([1]) * 0, deque([1, 2]) * -1)
print(deque([1, 2], maxlen=3) * 3)
c = deque([1, 2])
c += [3, 4]
print(c)
c += 'xy'
print(c)
c *= 2
print(c)
c *= 0
print(c)
attempt('add list', lambda: deque([1]) + [2])
attempt('mul str', lambda: deque([1]) * 'a')
attempt('mul float', lambda: deque([1]) * 2.0)

# Comparisons
print(deque([1, 2]) == deque([1, 2]), deque([1, 2]) == deque([2, 1]), deque([1]) == [1])
print(deque([1, 2]) != deque([1, 2]), deque([1]) != [1])
print(deque([1, 2]) < deque([1, 3]), deque([1, 2]) <= deque([1, 2]), deque([2]) > deque([1, 9]))
print(deque() < deque([0]), deque([1, 2, 3]) >= deque([1, 2]))
attempt('lt list', lambda: deque([1]) < [1])
attempt('ge int', lambda: deque([1]) >= 3)
try:
    {deque(): 1}
except TypeError as e:
    print('hash', type(e).__name__)

# Iteration
d = deque()
for i in range(6):
    d.append(i)
    d.appendleft(-i)
print(list(d), list(reversed(d)))
print(sum(d), sorted(d)[:3], tuple(deque('xyz')), list(enumerate(deque('ab'))))
print(bool(deque()), bool(deque([0])), len(deque(range(100))))
for op in ['append', 'appendleft', 'pop', 'popleft', 'clear', 'rotate', 'remove']:
    d = deque([1, 2, 3])
    try:
        for x in d:
            if op == 'append':
                d.append(4)
            elif op == 'appendleft':
                d.appendleft(0)
            elif op == 'pop':
                d.pop()
            elif op == 'popleft':
                d.popleft()
            elif op == 'clear':
                d.clear()
            elif op == 'rotate':
                d.rotate()
            else:
                d.remove(x)
        print(op, 'no error')
    except RuntimeError as e:
        print(op, type(e).__name__, e)
d = deque([1, 2, 3])
seen = []
for x in d:
    seen.append(x)
    d[2] = 30
print(seen)
d = deque([1, 2, 3, 4])
it = iter(d)
print(next(it), next(it))
d.reverse()
print(list(it), d)
it = reversed(deque([1, 2, 3]))
print(next(it), list(it))

# Nested and self-containing deques
d = deque([1, 2])
d.append(d)
print(d)
print(deque([deque([1]), deque([2], maxlen=1)]))

# clear and re-initialising
d = deque([1, 2, 3])
d.clear()
print(d, len(d))
d.__init__([7, 8], 5)
print(d)
d.__init__('ab')
print(d, d.maxlen)
