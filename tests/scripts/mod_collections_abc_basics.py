from collections.abc import Sequence, MutableMapping, Iterator, Set, MutableSequence, Mapping, Generator, Hashable
for C in (Sequence, Iterator, Mapping, Set, MutableSequence):
    try: C()
    except TypeError as e: print(e)
print(sorted(MutableMapping.__abstractmethods__))
class Countdown(Iterator):
    def __init__(self, n): self.n = n
    def __next__(self):
        if self.n <= 0: raise StopIteration
        self.n -= 1
        return self.n
print(list(Countdown(3)), iter(Countdown(1)).n)
class MyList(MutableSequence):
    def __init__(self, data=()): self.data = list(data)
    def __getitem__(self, i): return self.data[i]
    def __setitem__(self, i, v): self.data[i] = v
    def __delitem__(self, i): del self.data[i]
    def __len__(self): return len(self.data)
    def insert(self, i, v): self.data.insert(i, v)
m = MyList([3, 1, 2])
m.append(5); m.extend([7, 1]); m.reverse(); print(m.data, m.index(2), m.count(1), 5 in m, list(reversed(m)))
print(m.pop(), m.pop(0), m.data); m.remove(1); print(m.data)
m += [9]; print(m.data, isinstance(m, Sequence))
try: m.index(42)
except ValueError as e: print('ValueError', e)
class D(MutableMapping):
    def __init__(self): self.d = {}
    def __getitem__(self, k): return self.d[k]
    def __setitem__(self, k, v): self.d[k] = v
    def __delitem__(self, k): del self.d[k]
    def __iter__(self): return iter(self.d)
    def __len__(self): return len(self.d)
d = D(); d.update({'a': 1}, b=2); d.setdefault('c', 3)
print(sorted(d.keys()), list(d.items()), list(d.values()), d.get('z', 0), 'a' in d, d == {'a':1,'b':2,'c':3})
print(d.pop('a'), d.pop('zz', None), d.popitem(), len(d)); d.clear(); print(len(d))
try: d.pop('q')
except KeyError as e: print('KeyError', e)
print(type(d.keys()).__name__, len(d.keys()))
class S(Set):
    def __init__(self, it=()): self.s = list(dict.fromkeys(it))
    def __contains__(self, x): return x in self.s
    def __iter__(self): return iter(self.s)
    def __len__(self): return len(self.s)
a, b = S([1,2,3]), S([2,3,4])
print(sorted(a & b), sorted(a | b), sorted(a - b), sorted(a ^ b), a <= b, S([2]) < a, a == S([3,2,1]), a.isdisjoint([9]))
class G(Generator):
    def __init__(self): self.i = 0
    def send(self, v):
        self.i += 1
        if self.i > 3: raise StopIteration
        return self.i
    def throw(self, t, v=None, tb=None): raise StopIteration
print(list(G())); G().close()
