# Iterator classes with __iter__/__next__: a range clone, a chunker, a cycling iterator and a peekable wrapper.
class MyRange:
    def __init__(self, start, stop=None, step=1):
        if stop is None:
            start, stop = 0, start
        if step == 0:
            raise ValueError("step must not be zero")
        self.start, self.stop, self.step = start, stop, step
    def __iter__(self):
        return MyRangeIter(self)
    def __len__(self):
        if self.step > 0:
            return max(0, (self.stop - self.start + self.step - 1) // self.step)
        return max(0, (self.start - self.stop - self.step - 1) // -self.step)

class MyRangeIter:
    def __init__(self, r):
        self.cur, self.r = r.start, r
    def __iter__(self):
        return self
    def __next__(self):
        r = self.r
        if (r.step > 0 and self.cur >= r.stop) or (r.step < 0 and self.cur <= r.stop):
            raise StopIteration
        v = self.cur
        self.cur += r.step
        return v

class Chunks:
    def __init__(self, seq, n):
        self.seq, self.n, self.i = seq, n, 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= len(self.seq):
            raise StopIteration
        chunk = self.seq[self.i:self.i + self.n]
        self.i += self.n
        return chunk

class Peekable:
    _none = object()
    def __init__(self, it):
        self.it = iter(it)
        self.buf = []
    def __iter__(self):
        return self
    def __next__(self):
        if self.buf:
            return self.buf.pop()
        return next(self.it)
    def peek(self, default=None):
        if not self.buf:
            try:
                self.buf.append(next(self.it))
            except StopIteration:
                return default
        return self.buf[-1]

for args in [(5,), (2, 10, 3), (10, 0, -3), (3, 3)]:
    r = MyRange(*args)
    print(args, list(r), len(r), len(list(r)) == len(r))
r = MyRange(3)
print([(a, b) for a in r for b in r if a < b])
print(list(Chunks("abcdefghij", 3)), list(Chunks([1, 2, 3, 4], 2)))
p = Peekable([1, 2, 3])
print(p.peek(), next(p), p.peek(), p.peek(), list(p), p.peek("done"))
def group_runs(items):
    p = Peekable(items)
    out = []
    for x in p:
        run = [x]
        while p.peek() == x:
            run.append(next(p))
        out.append(run)
    return out
print(group_runs("aaabccdd"), group_runs([1, 1, 2, 1]))
try:
    MyRange(1, 5, 0)
except ValueError as e:
    print("ValueError:", e)
