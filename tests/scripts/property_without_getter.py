# A property without a getter raises AttributeError, which CPython follows
# with __getattr__; Shoal raises straight away (the own-attribute case is
# the branch 3d6a666 added).
class G:
    def __getattr__(self, n): return "ga:" + n
    y = property(None, lambda s, v: None)
g = G()
try:
    print(g.y, hasattr(g, "y"))
except AttributeError as e:
    print("AttributeError:", e)
class H:
    def __getattr__(self, n): return "ga:" + n
h = H()
h.z = 1
H.z = property(None)
try:
    print(h.z)
except AttributeError as e:
    print("AttributeError:", e)
# A getter-less property takes the name over from the instance's own
# attribute.
class Q:
    x = property(None, lambda self, v: None)
q = Q()
q.__dict__["x"] = 1
try:
    print(q.x)
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(q, "x"))
