# Multiple inheritance with mixins and cooperative super() calls through the MRO.
class Base:
    def __init__(self, **kwargs):
        self.log = []
        self.extra = kwargs

    def describe(self):
        return ["Base"]

class JsonMixin:
    def to_json(self):
        parts = []
        for k in sorted(self.fields()):
            v = self.fields()[k]
            parts.append(f'"{k}": ' + (f'"{v}"' if isinstance(v, str) else str(v)))
        return "{" + ", ".join(parts) + "}"

    def describe(self):
        return ["JsonMixin"] + super().describe()

class AuditMixin:
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.log.append("audit enabled")

    def record(self, event):
        self.log.append(event)
        return self

    def describe(self):
        return ["AuditMixin"] + super().describe()

class User(JsonMixin, AuditMixin, Base):
    def __init__(self, name, age, **kwargs):
        super().__init__(**kwargs)
        self.name, self.age = name, age
        self.record(f"created {name}")

    def fields(self):
        return {"name": self.name, "age": self.age}

    def describe(self):
        return ["User"] + super().describe()

u = User("ann", 31, role="admin")
print(u.to_json())
print(u.describe())
print(u.record("login").record("logout").log)
print(u.extra, isinstance(u, JsonMixin), isinstance(u, AuditMixin), isinstance(u, Base))

class A:
    def who(self):
        return "A"
class B(A):
    def who(self):
        return "B>" + super().who()
class C(A):
    def who(self):
        return "C>" + super().who()
class D(B, C):
    def who(self):
        return "D>" + super().who()
class E(C, B):
    pass
print(D().who(), E().who(), B().who())
