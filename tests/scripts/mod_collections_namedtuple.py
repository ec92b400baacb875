# collections.namedtuple: fields, defaults, _make, _replace, _asdict, errors.
from collections import namedtuple


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


Point = namedtuple('Point', 'x y')
p = Point(1, 2)
print(p, repr(p), p.x, p.y, p[0], p[-1], len(p), tuple(p), list(p), p == (1, 2), isinstance(p, tuple))
print(Point(x=3, y=4), Point(5, y=6), Point._make([7, 8]), Point._make(range(2)))
print(p._replace(x=10), p._asdict(), Point._fields, Point._field_defaults, Point.__doc__, Point.__name__)
x, y = p
print(x + y, p + (3,), p * 2, sorted([Point(2, 1), Point(1, 5), Point(1, 2)]), max(Point(3, 4)))
print(Point.x.__doc__, Point.__match_args__, hash(p) == hash((1, 2)), p.count(1), p.index(2))
attempt('missing', lambda: Point(1))
attempt('too many', lambda: Point(1, 2, 3))
attempt('twice', lambda: Point(1, x=2))
attempt('unknown', lambda: Point(1, z=2))
attempt('make short', lambda: Point._make([1]))
attempt('replace unknown', lambda: p._replace(z=1))
attempt('set field', lambda: setattr(p, 'x', 5))
Color = namedtuple('Color', ['red', 'green', 'blue'], defaults=[0, 255])
print(Color(1), Color(1, 2), Color(1, 2, 3), Color._field_defaults)
attempt('no args', lambda: namedtuple('Q', 'a b c')())
attempt('two missing', lambda: namedtuple('Q', 'a b c')(1))
print(namedtuple('R', 'a, b,c')(1, 2, 3), namedtuple('S', ['one'])(1), namedtuple('E', '')())
print(namedtuple('Bad', 'x def _y x 1z', rename=True)._fields)
attempt('duplicate', lambda: namedtuple('P', 'x x'))
attempt('underscore', lambda: namedtuple('P', 'x _y'))
attempt('keyword', lambda: namedtuple('P', 'x def'))
attempt('identifier', lambda: namedtuple('P', 'x 1y'))
attempt('type keyword', lambda: namedtuple('class', 'x'))
attempt('defaults', lambda: namedtuple('P', 'x', defaults=(1, 2)))
Employee = namedtuple('Employee', 'name dept salary')
staff = [Employee('ann', 'eng', 120), Employee('bob', 'ops', 90), Employee('cy', 'eng', 100)]
by_dept = {}
for e in staff:
    by_dept.setdefault(e.dept, []).append(e.name)
print(by_dept, max(staff, key=lambda e: e.salary).name, sum(e.salary for e in staff))
print([e._replace(salary=e.salary + 10) for e in staff if e.dept == 'eng'])


class Vector(namedtuple('Vector', 'x y')):
    __slots__ = ()

    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5


v = Vector(3, 4)
print(v, abs(v), v._replace(x=0), type(v._replace(x=0)).__name__)
