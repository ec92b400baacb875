# A fixed-size ring buffer class with overwrite, iteration, indexing and a moving average.
class RingBuffer:
    def __init__(self, capacity):
        self.data = [None] * capacity
        self.capacity = capacity
        self.start = 0
        self.size = 0

    def push(self, x):
        end = (self.start + self.size) % self.capacity
        self.data[end] = x
        if self.size < self.capacity:
            self.size += 1
        else:
            self.start = (self.start + 1) % self.capacity

    def pop(self):
        if not self.size:
            raise IndexError("pop from empty buffer")
        x = self.data[self.start]
        self.data[self.start] = None
        self.start = (self.start + 1) % self.capacity
        self.size -= 1
        return x

    def __len__(self):
        return self.size

    def __getitem__(self, i):
        if i < 0:
            i += self.size
        if not 0 <= i < self.size:
            raise IndexError("buffer index out of range")
        return self.data[(self.start + i) % self.capacity]

    def __iter__(self):
        for i in range(self.size):
            yield self[i]

    def __repr__(self):
        return f"RingBuffer({list(self)}, cap={self.capacity})"

rb = RingBuffer(4)
for x in range(1, 7):
    rb.push(x)
    print(rb, rb.data)
print(rb[0], rb[-1], len(rb), rb.pop(), rb.pop(), rb)
rb.push(99)
print(list(rb), sum(rb), max(rb), 99 in rb)

def moving_average(stream, window):
    buf = RingBuffer(window)
    for x in stream:
        buf.push(x)
        yield round(sum(buf) / len(buf), 2)

print(list(moving_average([10, 20, 30, 40, 50, 10, 0], 3)))
empty = RingBuffer(2)
try:
    empty.pop()
except IndexError as e:
    print("IndexError:", e)
