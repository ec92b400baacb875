# collections.Counter and defaultdict: counting, multiset arithmetic, defaults.
from collections import Counter, defaultdict


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


words = 'the quick brown fox jumps over the lazy dog the end'.split()
c = Counter(words)
print(c)
print(c['the'], c['missing'], 'missing' in c, len(c), c.total())
print(c.most_common(2), c.most_common(0), c.most_common(-1), c.most_common()[:4])
print(Counter('abracadabra'), Counter(), Counter(a=3, b=-1), Counter({'x': 2, 'y': 0}))
print(sorted(Counter('hello').elements()), list(Counter(a=2, b=0, c=-1, d=1).elements()))
c = Counter('aab')
c.update('abc')
c.update({'a': 10, 'z': 1})
c.update(b=5)
print(c)
c.subtract('aaaa')
c.subtract({'z': 3})
c.subtract(q=1)
print(c)
del c['nothing']
del c['q']
print(c, +c, -c)
a, b = Counter(a=3, b=1, c=0), Counter(a=1, b=2, d=-2)
print(a + b, a - b, a | b, a & b)
print(a == Counter(a=3, b=1), a == Counter(a=3, b=1, c=0, e=0), a != b, Counter(a=1) <= Counter(a=2),
      Counter(a=1) < Counter(a=1), Counter(a=2) >= Counter(a=1, b=0), Counter(a=3) > Counter(a=1))
print(a == {'a': 3, 'b': 1, 'c': 0}, Counter(a=1) == 'a')
x = Counter(a=3, b=1)
x += Counter(a=-5, c=2)
print(x)
x -= Counter(c=1)
print(x)
x |= Counter(b=4, c=0)
print(x)
x &= Counter(b=2, c=7)
print(x)
attempt('fromkeys', lambda: Counter.fromkeys('abc'))
attempt('add dict', lambda: Counter(a=1) + {'a': 1})
print(repr(Counter({'a': 'x', 'b': 1})), Counter(c).copy() == c, type(c.copy()).__name__)
print(Counter(['a', 'b', 'a']).keys(), list(Counter('mississippi').items()))
letters = Counter()
for word in words:
    letters.update(word)
print(letters.most_common(3), sum(letters.values()), isinstance(letters, dict))

d = defaultdict(list)
for word in words:
    d[len(word)].append(word)
print(d)
print(d[3], d[99], 99 in d, sorted(d))
counts = defaultdict(int)
for ch in 'banana':
    counts[ch] += 1
print(counts, dict(counts), counts.default_factory)
nested = defaultdict(lambda: defaultdict(int))
nested['a']['x'] += 1
nested['b']['y'] += 2
print(sorted((k, dict(v)) for k, v in nested.items()))
plain = defaultdict()
attempt('missing no factory', lambda: plain['k'])
print(plain, repr(defaultdict(None, {'a': 1})), defaultdict(int, a=1, b=2), defaultdict(set, [('k', {1})]))
attempt('bad factory', lambda: defaultdict(5))
e = defaultdict(list, {'x': [1]})
f = e.copy()
f['y'].append(2)
print(e, f, type(f).__name__, e.get('z'), 'z' in e, e.setdefault('z', [0]))
print(e | {'w': 1}, {'w': 1} | e, type(e | {}).__name__, type({} | e).__name__)
e |= {'v': 2}
print(e)
counts.default_factory = str
print(counts['new'] == '', counts)
