"""Heap queues (binary min-heaps in lists), as CPython's `heapq` module.

Offers heappush, heappop, heapify, heapreplace, heappushpop, nlargest,
nsmallest and merge (with key and reverse), plus the max-heap helpers
CPython has under private names (_heapify_max, _heappop_max,
_heapreplace_max, _siftdown, _siftup, _siftdown_max, _siftup_max). The
sifting is CPython's, comparison for comparison (only `<` is used), so a
heap's list holds its items in exactly CPython's order.

Left out: nothing by name. The functions are script functions: called with
the wrong number of arguments they raise TypeError with a Python
function's wording, not CPython's ("heappush expected 2 arguments, got 1"),
and they do not detect a list changing size under them.
"""

__all__ = ['heappush', 'heappop', 'heapify', 'heapreplace', 'merge',
           'nlargest', 'nsmallest', 'heappushpop']


def _check(heap, name, first=True):
    if type(heap) is not list:
        raise TypeError("%s() argument%s must be list, not %s"
                        % (name, " 1" if first else "", type(heap).__name__))


def _siftdown(heap, startpos, pos):
    # Move the item at pos up towards startpos while it is smaller than
    # its parent.
    newitem = heap[pos]
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        if newitem < parent:
            heap[pos] = parent
            pos = parentpos
            continue
        break
    heap[pos] = newitem


def _siftup(heap, pos):
    # Move the smaller child up until the hole at pos reaches a leaf, put
    # the item there, then sift it back up: fewer comparisons than
    # stopping early, on average.
    endpos = len(heap)
    startpos = pos
    newitem = heap[pos]
    childpos = 2 * pos + 1
    while childpos < endpos:
        rightpos = childpos + 1
        if rightpos < endpos and not heap[childpos] < heap[rightpos]:
            childpos = rightpos
        heap[pos] = heap[childpos]
        pos = childpos
        childpos = 2 * pos + 1
    heap[pos] = newitem
    _siftdown(heap, startpos, pos)


def _siftdown_max(heap, startpos, pos):
    newitem = heap[pos]
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        if parent < newitem:
            heap[pos] = parent
            pos = parentpos
            continue
        break
    heap[pos] = newitem


def _siftup_max(heap, pos):
    endpos = len(heap)
    startpos = pos
    newitem = heap[pos]
    childpos = 2 * pos + 1
    while childpos < endpos:
        rightpos = childpos + 1
        if rightpos < endpos and not heap[rightpos] < heap[childpos]:
            childpos = rightpos
        heap[pos] = heap[childpos]
        pos = childpos
        childpos = 2 * pos + 1
    heap[pos] = newitem
    _siftdown_max(heap, startpos, pos)


def heappush(heap, item, /):
    """Push item onto heap, maintaining the heap invariant."""
    if type(heap) is not list:
        _check(heap, "heappush")
    heap.append(item)
    _siftdown(heap, 0, len(heap) - 1)


def heappop(heap, /):
    """Pop the smallest item off the heap, maintaining the heap invariant."""
    if type(heap) is not list:
        _check(heap, "heappop", False)
    if not heap:
        raise IndexError("index out of range")
    last = heap.pop()
    if heap:
        item = heap[0]
        heap[0] = last
        _siftup(heap, 0)
        return item
    return last


def heapreplace(heap, item, /):
    """Pop and return the current smallest value, and add the new item.

    This is more efficient than heappop() followed by heappush(), and can be
    more appropriate when using a fixed-size heap.  Note that the value
    returned may be larger than item!  That constrains reasonable uses of
    this routine unless written as part of a conditional replacement:

        if item > heap[0]:
            item = heapreplace(heap, item)
    """
    if type(heap) is not list:
        _check(heap, "heapreplace")
    if not heap:
        raise IndexError("index out of range")
    smallest = heap[0]
    heap[0] = item
    _siftup(heap, 0)
    return smallest


def heappushpop(heap, item, /):
    """Push item on the heap, then pop and return the smallest item from the heap.

    The combined action runs more efficiently than heappush() followed by
    a separate call to heappop()."""
    if type(heap) is not list:
        _check(heap, "heappushpop")
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _siftup(heap, 0)
    return item


def heapify(heap, /):
    """Transform list into a heap, in-place, in O(len(heap)) time."""
    if type(heap) is not list:
        _check(heap, "heapify", False)
    for i in range(len(heap) // 2 - 1, -1, -1):
        _siftup(heap, i)


def _heappop_max(heap, /):
    """Maxheap version of a heappop."""
    if type(heap) is not list:
        _check(heap, "_heappop_max", False)
    if not heap:
        raise IndexError("index out of range")
    last = heap.pop()
    if heap:
        item = heap[0]
        heap[0] = last
        _siftup_max(heap, 0)
        return item
    return last


def _heapreplace_max(heap, item, /):
    """Maxheap variant of heapreplace"""
    if type(heap) is not list:
        _check(heap, "_heapreplace_max")
    if not heap:
        raise IndexError("index out of range")
    largest = heap[0]
    heap[0] = item
    _siftup_max(heap, 0)
    return largest


def _heapify_max(heap, /):
    """Maxheap variant of heapify."""
    if type(heap) is not list:
        _check(heap, "_heapify_max", False)
    for i in range(len(heap) // 2 - 1, -1, -1):
        _siftup_max(heap, i)


def merge(*iterables, key=None, reverse=False):
    '''Merge multiple sorted inputs into a single sorted output.

    Similar to sorted(itertools.chain(*iterables)) but returns a generator,
    does not pull the data into memory all at once, and assumes that each of
    the input streams is already sorted (smallest to largest).

    >>> list(merge([1,3,5,7], [0,2,4,8], [5,10,15,20], [], [25]))
    [0, 1, 2, 3, 4, 5, 5, 7, 8, 10, 15, 20, 25]

    If *key* is not None, applies a key function to each element to determine
    its sort order.

    >>> list(merge(['dog', 'horse'], ['cat', 'fish', 'kangaroo'], key=len))
    ['dog', 'cat', 'fish', 'horse', 'kangaroo']

    '''
    # Each entry is [sort value, input number, (item,) iterator]; the input
    # number breaks ties, so equal items come out in input order and the
    # iterators are never compared.
    if reverse:
        make_heap = _heapify_max
        pop = _heappop_max
        replace = _heapreplace_max
        direction = -1
    else:
        make_heap = heapify
        pop = heappop
        replace = heapreplace
        direction = 1
    heap = []
    order = 0
    for iterable in iterables:
        it = iter(iterable)
        for value in it:
            if key is None:
                heap.append([value, order * direction, it])
            else:
                heap.append([key(value), order * direction, value, it])
            break
        order += 1
    make_heap(heap)
    if key is None:
        while len(heap) > 1:
            entry = heap[0]
            yield entry[0]
            for value in entry[2]:
                entry[0] = value
                replace(heap, entry)
                break
            else:
                pop(heap)
        if heap:
            entry = heap[0]
            yield entry[0]
            yield from entry[2]
        return
    while len(heap) > 1:
        entry = heap[0]
        yield entry[2]
        for value in entry[3]:
            entry[0] = key(value)
            entry[2] = value
            replace(heap, entry)
            break
        else:
            pop(heap)
    if heap:
        entry = heap[0]
        yield entry[2]
        yield from entry[3]


def nsmallest(n, iterable, key=None):
    """Find the n smallest elements in a dataset.

    Equivalent to:  sorted(iterable, key=key)[:n]
    """
    if n == 1:
        missing = object()
        if key is None:
            result = min(iter(iterable), default=missing)
        else:
            result = min(iter(iterable), default=missing, key=key)
        return [] if result is missing else [result]
    try:
        size = len(iterable)
    except (TypeError, AttributeError):
        pass
    else:
        if n >= size:
            return sorted(iterable, key=key)[:n]
    # Keep the n smallest seen so far in a max-heap of (key, position,
    # item): the position makes the result stable.
    it = iter(iterable)
    if key is None:
        result = [(x, i) for i, x in zip(range(n), it)]
        if not result:
            return result
        _heapify_max(result)
        top = result[0][0]
        order = n
        for x in it:
            if x < top:
                _heapreplace_max(result, (x, order))
                top = result[0][0]
                order += 1
        result.sort()
        return [entry[0] for entry in result]
    result = [(key(x), i, x) for i, x in zip(range(n), it)]
    if not result:
        return result
    _heapify_max(result)
    top = result[0][0]
    order = n
    for x in it:
        k = key(x)
        if k < top:
            _heapreplace_max(result, (k, order, x))
            top = result[0][0]
            order += 1
    result.sort()
    return [entry[2] for entry in result]


def nlargest(n, iterable, key=None):
    """Find the n largest elements in a dataset.

    Equivalent to:  sorted(iterable, key=key, reverse=True)[:n]
    """
    if n == 1:
        missing = object()
        if key is None:
            result = max(iter(iterable), default=missing)
        else:
            result = max(iter(iterable), default=missing, key=key)
        return [] if result is missing else [result]
    try:
        size = len(iterable)
    except (TypeError, AttributeError):
        pass
    else:
        if n >= size:
            return sorted(iterable, key=key, reverse=True)[:n]
    # Keep the n largest seen so far in a min-heap of (key, -position,
    # item): the negated position makes the result stable.
    it = iter(iterable)
    if key is None:
        result = [(x, i) for i, x in zip(range(0, -n, -1), it)]
        if not result:
            return result
        heapify(result)
        top = result[0][0]
        order = -n
        for x in it:
            if top < x:
                heapreplace(result, (x, order))
                top = result[0][0]
                order -= 1
        result.sort(reverse=True)
        return [entry[0] for entry in result]
    result = [(key(x), i, x) for i, x in zip(range(0, -n, -1), it)]
    if not result:
        return result
    heapify(result)
    top = result[0][0]
    order = -n
    for x in it:
        k = key(x)
        if top < k:
            heapreplace(result, (k, order, x))
            top = result[0][0]
            order -= 1
    result.sort(reverse=True)
    return [entry[2] for entry in result]
