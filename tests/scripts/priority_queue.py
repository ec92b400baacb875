# A binary-heap priority queue written by hand.
def push(heap, item):
    heap.append(item)
    i = len(heap) - 1
    while i > 0:
        parent = (i - 1) // 2
        if heap[parent] <= heap[i]:
            break
        heap[parent], heap[i] = heap[i], heap[parent]
        i = parent

def pop(heap):
    if not heap:
        raise IndexError("pop from empty heap")
    top = heap[0]
    last = heap.pop()
    if heap:
        heap[0] = last
        i = 0
        n = len(heap)
        while True:
            left, right = 2 * i + 1, 2 * i + 2
            smallest = i
            if left < n and heap[left] < heap[smallest]:
                smallest = left
            if right < n and heap[right] < heap[smallest]:
                smallest = right
            if smallest == i:
                break
            heap[i], heap[smallest] = heap[smallest], heap[i]
            i = smallest
    return top

heap = []
for priority, task in [(5, "write"), (1, "plan"), (3, "test"), (2, "design"), (4, "review")]:
    push(heap, (priority, task))
order = []
while heap:
    order.append(pop(heap))
print(order)
try:
    pop(heap)
except IndexError as e:
    print("error:", e)
