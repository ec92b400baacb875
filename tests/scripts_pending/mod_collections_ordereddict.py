# collections.OrderedDict: order-aware equality, move_to_end, popitem both ends.
from collections import OrderedDict


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


o = OrderedDict()
o['b'] = 2
o['a'] = 1
o['c'] = 3
print(o, list(o), len(o), o['a'], 'b' in o)
print(o.keys(), o.values(), o.items(), list(reversed(o)), list(reversed(o.keys())))
print(OrderedDict(), OrderedDict([('x', 1), ('y', 2)]), OrderedDict(z=1, y=2), OrderedDict({'k': 'v'}))
o.move_to_end('b')
print(o)
o.move_to_end('b', last=False)
print(o)
o.move_to_end('c', False)
print(o)
attempt('move missing', lambda: o.move_to_end('zz'))
print(o.popitem(), o.popitem(last=False), o)
o.popitem()
attempt('popitem empty', lambda: o.popitem())
attempt('popitem first empty', lambda: o.popitem(last=False))
p = OrderedDict(a=1, b=2)
q = OrderedDict(b=2, a=1)
print(p == q, p != q, p == {'b': 2, 'a': 1}, {'b': 2, 'a': 1} == p, dict(p) == dict(q))
print(p | {'c': 3}, {'c': 3} | p, type(p | {}).__name__, type({} | p).__name__)
p |= {'d': 4}
print(p, p.copy(), type(p.copy()).__name__, p.copy() == p)
p.update([('a', 10)], e=5)
print(p, p.pop('a'), p.setdefault('f', 6), p.get('zz', 'none'), p)
print('a' in p.keys(), ('b', 2) in p.items(), 2 in p.values(), p.keys() & {'b', 'x'})
del p['b']
print(p, list(p.items()))


# An LRU cache built on move_to_end
class LRU:
    def __init__(self, size):
        self.size = size
        self.data = OrderedDict()

    def get(self, key):
        if key not in self.data:
            return None
        self.data.move_to_end(key)
        return self.data[key]

    def put(self, key, value):
        self.data[key] = value
        self.data.move_to_end(key)
        if len(self.data) > self.size:
            self.data.popitem(last=False)


cache = LRU(3)
for k in 'abcabdeaf':
    if cache.get(k) is None:
        cache.put(k, k.upper())
    print(k, list(cache.data))
print(cache.data)
r = OrderedDict()
r['self'] = r
print(r)
