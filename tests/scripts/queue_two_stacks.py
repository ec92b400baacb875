# A FIFO queue from two stacks, a min-stack, and a deque-like class, checked against plain lists.
class Queue:
    def __init__(self):
        self.inbox, self.outbox = [], []
    def push(self, x):
        self.inbox.append(x)
    def pop(self):
        if not self.outbox:
            while self.inbox:
                self.outbox.append(self.inbox.pop())
        if not self.outbox:
            raise IndexError("pop from empty queue")
        return self.outbox.pop()
    def __len__(self):
        return len(self.inbox) + len(self.outbox)

class MinStack:
    def __init__(self):
        self.items, self.mins = [], []
    def push(self, x):
        self.items.append(x)
        self.mins.append(x if not self.mins else min(x, self.mins[-1]))
    def pop(self):
        self.mins.pop()
        return self.items.pop()
    def min(self):
        return self.mins[-1]

class Deque:
    def __init__(self, items=()):
        self.front, self.back = [], list(items)
    def append(self, x):
        self.back.append(x)
    def appendleft(self, x):
        self.front.append(x)
    def pop(self):
        if not self.back:
            self.back = self.front[::-1]
            self.front = []
        return self.back.pop()
    def popleft(self):
        if not self.front:
            self.front = self.back[::-1]
            self.back = []
        return self.front.pop()
    def __iter__(self):
        return iter(self.front[::-1] + self.back)
    def __len__(self):
        return len(self.front) + len(self.back)

q = Queue()
reference = []
ops = [("push", 1), ("push", 2), ("pop", None), ("push", 3), ("push", 4), ("pop", None), ("pop", None), ("push", 5), ("pop", None)]
out = []
for op, v in ops:
    if op == "push":
        q.push(v)
        reference.append(v)
    else:
        out.append((q.pop(), reference.pop(0)))
print(out, len(q), all(a == b for a, b in out))
ms = MinStack()
for x in [5, 3, 7, 3, 1, 8]:
    ms.push(x)
mins = []
while ms.items:
    mins.append((ms.min(), ms.pop()))
print(mins)
d = Deque([1, 2, 3])
d.appendleft(0)
d.append(4)
d.appendleft(-1)
print(list(d), len(d), d.popleft(), d.pop(), d.pop(), d.popleft(), list(d))
try:
    Queue().pop()
except IndexError as e:
    print("IndexError:", e)
