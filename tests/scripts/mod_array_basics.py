# array.array: building, indexing, slicing, methods and operators.
import array
from array import array as arr


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


print(array.typecodes, array.ArrayType is arr)
for tc in array.typecodes:
    a = arr(tc, 'xyz' if tc == 'u' else [1, 2, 3])
    print(tc, a.typecode, a.itemsize, a, len(a), repr(arr(tc)))

# Building from the different initializers
print(arr('i', range(5)))
print(arr('d', (1, 2.5, True)))
print(arr('l', (x * x for x in range(6))))
print(arr('d', arr('i', [1, 2])))
print(arr('q', arr('q', [7, 8])))
print(arr('b', b'\x01\xff\x7f'))
print(arr('B', bytearray(b'AB')))
print(arr('u', 'hello'), arr('u', ['a', 'b']), arr('u', "it's \"quoted\""))
print(arr('f', [0.1, 0.5, 1 / 3, 1e-50, 1e300, -1e300]))
print(arr('d', [0.1, 1e300, -0.0, float('inf')]))
print(str(arr('d', [1e100, float('nan')])))

# Indexing and slicing
a = arr('i', range(10))
print(a[0], a[9], a[-1], a[-10], a[True])
print(a[2:5], a[::3], a[::-1], a[5:2], a[-3:], a[100:])
print(type(a[1:3]).__name__, a[1:3].typecode)
a[0] = 100
a[-1] = -100
print(a)
a[2:4] = arr('i', [20, 30, 40])
print(a)
a[::2] = arr('i', [0] * 6)
print(a)
a[1:1] = arr('i', [7, 7])
print(a)
a[:] = a
print(a)
del a[0]
del a[-1]
del a[1:3]
del a[::2]
print(a)
del a[:]
print(a, len(a))
attempt('get past end', lambda: arr('i', [1])[1])
attempt('get past start', lambda: arr('i', [1])[-2])
attempt('str index', lambda: arr('i', [1])['a'])
attempt('float index', lambda: arr('i', [1])[0.0])
attempt('set past end', lambda: arr('i', [1]).__setitem__(5, 1))
attempt('set float past end', lambda: arr('d', [1.0]).__setitem__(5, 1.0))
attempt('set float index', lambda: arr('d', [1.0]).__setitem__(0.5, 1.0))
attempt('del past end', lambda: arr('i', [1]).__delitem__(3))
attempt('slice from list', lambda: arr('i', [1, 2]).__setitem__(slice(0, 1), [5]))
attempt('slice from float', lambda: arr('d', [1, 2]).__setitem__(slice(0, 1), 5.0))
attempt('slice other kind', lambda: arr('i', [1, 2]).__setitem__(slice(0, 1), arr('d', [5])))
attempt('extended slice size', lambda: arr('i', [1, 2, 3]).__setitem__(slice(0, 3, 2), arr('i', [1])))

# Methods
a = arr('h', [3, 1, 4, 1, 5])
a.append(9)
a.extend([2, 6])
a.extend(arr('h', [5, 3]))
a.insert(0, -1)
a.insert(100, 99)
a.insert(-1, 98)
print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
print(a.count(1), a.count(7), a.index(1), a.index(1, 2), a.index(5, -3))
a.remove(1)
print(a, 4 in a, 4.0 in a, 'x' in a, 8 not in a)
a.reverse()
print(a, a.tolist(), type(a.tolist()).__name__)
a.fromlist([10, 11])
print(a)
attempt('pop empty', lambda: arr('i').pop())
attempt('pop range', lambda: arr('i', [1]).pop(3))
attempt('index missing', lambda: arr('i', [1]).index(2))
attempt('index after', lambda: arr('i', [1, 2]).index(1, 1))
attempt('remove missing', lambda: arr('i', [1]).remove(2))
attempt('extend other kind', lambda: arr('i', [1]).extend(arr('d')))
attempt('extend int', lambda: arr('i', [1]).extend(3))
attempt('fromlist tuple', lambda: arr('i').fromlist((1, 2)))
attempt('pop str', lambda: arr('i', [1]).pop('a'))
attempt('insert str', lambda: arr('i', [1]).insert('a', 1))
b = arr('i', [1, 2])
try:
    b.extend([3, 'four', 5])
except TypeError as e:
    print('partial extend', e, b)
try:
    b.fromlist([6, 'seven'])
except TypeError as e:
    print('fromlist is all or nothing', e, b)
u = arr('u', 'abc')
u.fromunicode('def')
u.append('g')
print(u, u.tounicode(), len(u), u[1], u[::2])
attempt('tounicode on i', lambda: arr('i').tounicode())
attempt('fromunicode on i', lambda: arr('i').fromunicode('x'))
attempt('fromunicode int', lambda: arr('u').fromunicode(5))

# Operators
x = arr('d', [1, 2])
y = arr('d', [3])
print(x + y, x * 2, 3 * y, x * 0, x * -1)
x += y
print(x)
x *= 2
print(x)
x *= 0
print(x)
attempt('add list', lambda: arr('i', [1]) + [2])
attempt('add other kind', lambda: arr('i', [1]) + arr('d', [2]))
attempt('iadd list', lambda: arr('i', [1]).__iadd__([2]))
attempt('iadd other kind', lambda: arr('i', [1]).__iadd__(arr('d')))
attempt('mul float', lambda: arr('i', [1]) * 2.0)
attempt('imul float', lambda: arr('i', [1]).__imul__(2.0))
print(arr('i', [1, 2]) == arr('i', [1, 2]), arr('i', [1, 2]) == arr('d', [1.0, 2.0]),
      arr('i', [1, 2]) == [1, 2], arr('i') != arr('d'), arr('b', [1]) != 1)
print(arr('i', [1, 2]) < arr('i', [1, 3]), arr('i', [2]) > arr('d', [1.5, 9]),
      arr('i', [1, 2]) <= arr('i', [1, 2]), arr('i') >= arr('i', [0]))
attempt('lt list', lambda: arr('i', [1]) < [1])
try:
    {arr('i'): 1}
except TypeError as e:
    print('hash', type(e).__name__)

# Iteration and built-ins
a = arr('i', [5, 3, 8, 1])
print(list(a), sorted(a), sum(a), max(a), min(a), list(reversed(a)))
print([v * 2 for v in a], list(enumerate(arr('u', 'ab'))), list(zip(a, 'abcd')))
print(bool(arr('i')), bool(a), len(a))
total = 0
for v in arr('d', [0.5] * 8):
    total += v
print(total)

# A running histogram in a fixed-size array of unsigned counters
hist = arr('L', [0]) * 10
for n in range(1000):
    hist[(n * n + 7 * n) % 10] += 1
print(hist)
