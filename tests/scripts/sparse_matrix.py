# A sparse matrix stored as a dict keyed by (row, col) tuples: get/set, add, multiply, transpose.
class Sparse:
    def __init__(self, rows, cols, entries=None):
        self.rows, self.cols = rows, cols
        self.data = {}
        for (r, c), v in (entries or {}).items():
            self[r, c] = v

    def __getitem__(self, rc):
        return self.data.get(rc, 0)

    def __setitem__(self, rc, v):
        r, c = rc
        if not (0 <= r < self.rows and 0 <= c < self.cols):
            raise IndexError(f"({r}, {c}) outside {self.rows}x{self.cols}")
        if v:
            self.data[rc] = v
        else:
            self.data.pop(rc, None)

    def __add__(self, o):
        out = Sparse(self.rows, self.cols, self.data)
        for rc, v in o.data.items():
            out[rc] = out[rc] + v
        return out

    def __mul__(self, o):
        out = Sparse(self.rows, o.cols)
        by_row = {}
        for (r, c), v in o.data.items():
            by_row.setdefault(r, []).append((c, v))
        for (r, k), v in self.data.items():
            for c, w in by_row.get(k, []):
                out[r, c] = out[r, c] + v * w
        return out

    def transpose(self):
        return Sparse(self.cols, self.rows, {(c, r): v for (r, c), v in self.data.items()})

    def density(self):
        return len(self.data) / (self.rows * self.cols)

    def dense(self):
        return [[self[r, c] for c in range(self.cols)] for r in range(self.rows)]

    def __str__(self):
        return "\n".join(" ".join(f"{v:>3}" for v in row) for row in self.dense())

a = Sparse(3, 4, {(0, 0): 1, (1, 2): 5, (2, 3): -2})
b = Sparse(4, 2, {(0, 1): 3, (2, 0): 4, (3, 1): 1})
print(a)
print(a.transpose())
print(a * b)
print((a + a).dense(), a.density(), sorted((a * b).data.items()))
a[1, 2] = 0
print(sorted(a.data), a[1, 2], a[0, 0])
ident = Sparse(100, 100, {(i, i): 1 for i in range(100)})
v = Sparse(100, 1, {(i, 0): i for i in range(0, 100, 7)})
print((ident * v).data == v.data, len(ident.data), round(ident.density(), 4))
try:
    a[5, 5] = 1
except IndexError as e:
    print("IndexError:", e)
