# array.array: the range of each typecode, with CPython's messages.
from array import array


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


class Seven:
    def __index__(self):
        return 7


class Half:
    def __float__(self):
        return 0.5


values = [0, 1, -1, 127, 128, -128, -129, 255, 256, 32767, 32768, -32768, -32769,
          65535, 65536, 2 ** 31 - 1, 2 ** 31, -2 ** 31, -2 ** 31 - 1, 2 ** 32 - 1, 2 ** 32,
          2 ** 63 - 1, 2 ** 63, -2 ** 63, -2 ** 63 - 1, 2 ** 64 - 1, 2 ** 64, -2 ** 100, 2 ** 100,
          True, False, 1.0, 1.5, 'a', None, [1], Seven(), Half()]

for tc in 'bBhHiIlLqQ':
    print('typecode', tc)
    for v in values:
        label = repr(v) if isinstance(v, (int, float, str, list)) or v is None else type(v).__name__
        a = array(tc)
        try:
            a.append(v)
            print('  ', label, 'ok', a[0])
        except (OverflowError, TypeError) as e:
            print('  ', label, type(e).__name__, e)

for tc in 'fd':
    print('typecode', tc)
    for v in [0, -0.0, 1, 2 ** 64, 2 ** 1023, 0.1, 1e38, 3.4028235e38, 3.5e38, 1e-45, 1e-46,
              float('inf'), float('-inf'), True, 'a', '1.5', None, Seven(), Half()]:
        label = repr(v) if isinstance(v, (int, float, str)) or v is None else type(v).__name__
        a = array(tc)
        try:
            a.append(v)
            print('  ', label, 'ok', a[0])
        except (OverflowError, TypeError) as e:
            print('  ', label, type(e).__name__, e)
    attempt('  int too big', lambda: array(tc, [2 ** 1024]))

print('typecode u')
for v in ['a', 'é', '\U0001f600', '', 'ab', 65, None]:
    try:
        print('  ', repr(v), 'ok', array('u', [v]))
    except TypeError as e:
        print('  ', repr(v), type(e).__name__, e)

# Setting items and inserting check the same way
a = array('B', [0, 0])
attempt('set 256', lambda: a.__setitem__(0, 256))
attempt('set -1', lambda: a.__setitem__(1, -1))
attempt('insert 300', lambda: a.insert(0, 300))
attempt('set float', lambda: a.__setitem__(0, 2.0))
print(a)
a[0] = 255
a[1] = Seven()
print(a)

# Float32 rounding of 'f' items
f = array('f', [0.1, 0.2, 0.3, 1 / 3, 2 / 3, 3.14159265358979, 16777217.0, 16777219.0, 1e-40, -1e-40])
print(f)
f[0] = 0.7
f[1] += 0.1
print(f[0], f[1])
print(array('f', [x / 10 for x in range(10)]).tolist())
print(sum(array('f', [0.1] * 10)), sum(array('d', [0.1] * 10)))

# The constructor's checks
attempt('bad typecode', lambda: array('x'))
attempt('typecode int', lambda: array(1))
attempt('typecode long', lambda: array('bb'))
attempt('typecode empty', lambda: array(''))
attempt('no args', lambda: array())
attempt('three args', lambda: array('i', [1], 3))
attempt('keyword', lambda: array('i', initializer=[1]))
attempt('str for b', lambda: array('b', 'abc'))
attempt('unicode array for i', lambda: array('i', array('u', 'ab')))
attempt('int array for u', lambda: array('u', array('i', [1])))
attempt('float array for i', lambda: array('i', array('d', [1.5])))
attempt('int initializer', lambda: array('i', 5))
attempt('float initializer', lambda: array('d', 3.5))
attempt('None initializer', lambda: array('d', None))
attempt('bad item', lambda: array('d', [1, 'a']))
attempt('typecode attr', lambda: array('H').typecode)
attempt('itemsize attr', lambda: array('H').itemsize)
