# Hand-written dataclass-style records: __init__ from fields, __repr__, __eq__, ordering, replace().
class Record:
    fields = ()

    def __init__(self, *args, **kwargs):
        if len(args) > len(self.fields):
            raise TypeError(f"too many arguments for {type(self).__name__}")
        values = dict(zip(self.fields, args))
        for k, v in kwargs.items():
            if k not in self.fields:
                raise TypeError(f"unexpected field {k!r}")
            if k in values:
                raise TypeError(f"duplicate field {k!r}")
            values[k] = v
        for f in self.fields:
            if f not in values:
                values[f] = self.defaults().get(f)
            setattr(self, f, values[f])

    def defaults(self):
        return {}

    def astuple(self):
        return tuple(getattr(self, f) for f in self.fields)

    def __repr__(self):
        inner = ", ".join(f"{f}={getattr(self, f)!r}" for f in self.fields)
        return f"{type(self).__name__}({inner})"

    def __eq__(self, other):
        return type(self) is type(other) and self.astuple() == other.astuple()

    def __lt__(self, other):
        return self.astuple() < other.astuple()

    def replace(self, **changes):
        values = {f: getattr(self, f) for f in self.fields}
        for k, v in changes.items():
            values[k] = v
        return type(self)(**values)


class Employee(Record):
    fields = ("name", "dept", "salary")
    def defaults(self):
        return {"dept": "general", "salary": 30000}


class Point(Record):
    fields = ("x", "y")


staff = [Employee("ann", "eng", 120000), Employee("bob"), Employee(name="cy", salary=55000), Employee("dee", "eng", 95000)]
for e in staff:
    print(e)
print(sorted(staff)[0], max(staff, key=lambda e: e.salary).name)
raised = staff[1].replace(salary=35000)
print(raised, staff[1], raised == staff[1], raised == raised.replace())
print(Point(1, 2) == Point(1, 2), Point(1, 2) == Point(2, 1), sorted([Point(2, 1), Point(1, 5), Point(1, 2)]))
by_dept = {}
for e in staff:
    by_dept.setdefault(e.dept, []).append(e.name)
print(by_dept)
for bad in [lambda: Point(1, 2, 3), lambda: Point(1, z=3), lambda: Point(1, x=2)]:
    try:
        bad()
    except TypeError as err:
        print("TypeError:", err)
