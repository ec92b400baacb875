# A discrete event simulation with a hand-written priority queue of (time, seq, event).
class EventQueue:
    def __init__(self):
        self.heap = []
        self.seq = 0

    def push(self, time, name, data=None):
        self.seq += 1
        self.heap.append((time, self.seq, name, data))
        i = len(self.heap) - 1
        while i > 0 and self.heap[(i - 1) // 2] > self.heap[i]:
            p = (i - 1) // 2
            self.heap[i], self.heap[p] = self.heap[p], self.heap[i]
            i = p

    def pop(self):
        top = self.heap[0]
        last = self.heap.pop()
        if self.heap:
            self.heap[0] = last
            i = 0
            n = len(self.heap)
            while True:
                l, r, small = 2 * i + 1, 2 * i + 2, i
                if l < n and self.heap[l] < self.heap[small]:
                    small = l
                if r < n and self.heap[r] < self.heap[small]:
                    small = r
                if small == i:
                    break
                self.heap[i], self.heap[small] = self.heap[small], self.heap[i]
                i = small
        return top

    def __len__(self):
        return len(self.heap)

    def __bool__(self):
        return bool(self.heap)


q = EventQueue()
arrivals = [(0, "ann", 4), (1, "ben", 3), (2, "cal", 1), (2, "dee", 2), (9, "eve", 2)]
for t, who, service in arrivals:
    q.push(t, "arrive", (who, service))

server_free_at = 0
waiting = []
log = []
while q:
    time, _, name, data = q.pop()
    if name == "arrive":
        who, service = data
        if time >= server_free_at and not waiting:
            server_free_at = time + service
            q.push(server_free_at, "depart", who)
            log.append(f"t={time:>2} {who} starts (done at {server_free_at})")
        else:
            waiting.append((who, service, time))
            log.append(f"t={time:>2} {who} waits (queue {len(waiting)})")
    else:
        log.append(f"t={time:>2} {data} departs")
        if waiting:
            who, service, arrived = waiting.pop(0)
            server_free_at = time + service
            q.push(server_free_at, "depart", who)
            log.append(f"t={time:>2} {who} starts after waiting {time - arrived}")
print("\n".join(log))
print("final time", server_free_at, "events left", len(q))
