# Context managers for transactions: rollback on error, nested savepoints and suppression.
class Store:
    def __init__(self):
        self.data = {}
        self.snapshots = []

    def transaction(self, name):
        return Transaction(self, name)

class Transaction:
    def __init__(self, store, name):
        self.store, self.name = store, name

    def __enter__(self):
        self.store.snapshots.append(dict(self.store.data))
        print(f"begin {self.name} (depth {len(self.store.snapshots)})")
        return self.store.data

    def __exit__(self, exc_type, exc, tb):
        snap = self.store.snapshots.pop()
        if exc_type is None:
            print(f"commit {self.name}")
            return False
        self.store.data.clear()
        for k, v in snap.items():
            self.store.data[k] = v
        print(f"rollback {self.name}: {exc_type.__name__}: {exc}")
        return issubclass_like(exc_type, ValueError)

def issubclass_like(cls, base):
    try:
        raise cls()
    except base:
        return True
    except BaseException:
        return False

s = Store()
with s.transaction("t1") as d:
    d["a"] = 1
    d["b"] = 2
print(s.data)
with s.transaction("t2") as d:
    d["a"] = 100
    raise ValueError("bad value")
print(s.data)
with s.transaction("outer") as d:
    d["c"] = 3
    with s.transaction("inner") as d2:
        d2["d"] = 4
        raise ValueError("inner failed")
    d["e"] = 5
print(sorted(s.data.items()))
try:
    with s.transaction("t3") as d:
        d["x"] = 1
        raise KeyError("missing")
except KeyError as e:
    print("propagated KeyError", e)
print(sorted(s.data.items()), len(s.snapshots))
