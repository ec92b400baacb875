# Hand-written sorting algorithms checked against sorted().
import random

def bubble(a):
    a = a[:]
    for i in range(len(a)):
        swapped = False
        for j in range(len(a) - 1 - i):
            if a[j] > a[j + 1]:
                a[j], a[j + 1] = a[j + 1], a[j]
                swapped = True
        if not swapped:
            break
    return a

def insertion(a):
    a = list(a)
    for i in range(1, len(a)):
        key = a[i]
        j = i - 1
        while j >= 0 and a[j] > key:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = key
    return a

def merge_sort(a):
    if len(a) <= 1:
        return a
    mid = len(a) // 2
    left, right = merge_sort(a[:mid]), merge_sort(a[mid:])
    out = []
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i]); i += 1
        else:
            out.append(right[j]); j += 1
    out.extend(left[i:])
    out.extend(right[j:])
    return out

def quick(a):
    if len(a) < 2:
        return a
    pivot = a[len(a) // 2]
    return quick([x for x in a if x < pivot]) + [x for x in a if x == pivot] + quick([x for x in a if x > pivot])

def heap_sort(a):
    a = a[:]
    n = len(a)
    def sift(start, end):
        root = start
        while 2 * root + 1 < end:
            child = 2 * root + 1
            if child + 1 < end and a[child] < a[child + 1]:
                child += 1
            if a[root] < a[child]:
                a[root], a[child] = a[child], a[root]
                root = child
            else:
                return
    for s in range(n // 2 - 1, -1, -1):
        sift(s, n)
    for end in range(n - 1, 0, -1):
        a[0], a[end] = a[end], a[0]
        sift(0, end)
    return a

def counting(a):
    lo, hi = min(a), max(a)
    counts = [0] * (hi - lo + 1)
    for x in a:
        counts[x - lo] += 1
    return [i + lo for i, c in enumerate(counts) for _ in range(c)]

random.seed(7)
data = [random.randint(-50, 50) for _ in range(60)]
print(data[:10])
expected = sorted(data)
for fn in (bubble, insertion, merge_sort, quick, heap_sort, counting):
    print(f"{fn.__name__:>10}: {fn(data) == expected}")
print(expected[:8], expected[-8:])
words = "pear apple fig banana kiwi cherry".split()
print(merge_sort(words), quick(words), sorted(words, key=lambda w: (len(w), w)))
print(sorted(data, reverse=True)[:5], data == sorted(data))
