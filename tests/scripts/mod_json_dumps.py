# json.dumps and json.dump: Python values to JSON text.
import json
import io


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


# Scalars.
for v in [None, True, False, 0, -7, 10**30, -(2**64), 1.0, -0.0, 0.1, 1e16, 1e-7,
          123456789.123, 2.5e-320, 1.7976931348623157e308, float("inf"),
          float("-inf"), float("nan"), "", "plain", 'quote " and \\ backslash']:
    print(repr(v), "->", json.dumps(v))

# Escapes, with and without ensure_ascii.
samples = ["tab\there", "line\nbreak\r", "\b\f", "\x00\x01\x1f\x7f", "caf\u00e9",
           "\u20ac100", "\U0001F600 smile", "mixed \u00e9\t\"\U00010348\"", "/slash/"]
for s in samples:
    print(json.dumps(s), json.dumps(s, ensure_ascii=False))

# Containers.
print(json.dumps([]), json.dumps({}), json.dumps(()), json.dumps([[]]), json.dumps({"a": {}}))
print(json.dumps([1, "two", 3.0, None, True, [False, {"k": "v"}]]))
print(json.dumps((1, (2, 3))))
print(json.dumps({"b": 1, "a": 2, "c": [1, 2]}))
print(json.dumps({"b": 1, "a": 2, "c": {"z": 0, "y": 1}}, sort_keys=True))

# Keys that are not strings.
print(json.dumps({1: "int", 2.5: "float", True: "bool", None: "none", False: 0}))
print(json.dumps({float("inf"): 1, -0.0: 2, 10**20: 3}))
show("tuple key", lambda: json.dumps({(1, 2): "x"}))
print(json.dumps({(1, 2): "x", "ok": 1, frozenset(): 2}, skipkeys=True))
show("sort mixed keys", lambda: json.dumps({1: "a", "b": 2}, sort_keys=True))
print(json.dumps({3: "c", 1: "a", 2: "b"}, sort_keys=True))

# indent and separators.
data = {"name": "shoal", "tags": ["a", "b"], "nested": {"x": 1, "empty": [], "e2": {}}, "n": None}
print(json.dumps(data, indent=2))
print(json.dumps(data, indent=0))
print(json.dumps(data, indent="\t"))
print(json.dumps(data, indent=-1))
print(json.dumps(data, indent=4, sort_keys=True))
print(json.dumps(data, separators=(",", ":")))
print(json.dumps(data, separators=(";", "=")))
print(json.dumps([1, [2, [3, []]]], indent=1, separators=(", ", ": ")))
print(json.dumps("just a string", indent=2), json.dumps(5, indent=2))

# allow_nan.
print(json.dumps([float("nan"), float("inf")]))
show("allow_nan=False", lambda: json.dumps([1.5, float("nan")], allow_nan=False))
show("allow_nan=False inf", lambda: json.dumps(float("inf"), allow_nan=False))
show("allow_nan=False key", lambda: json.dumps({float("-inf"): 1}, allow_nan=False))
show("allow_nan=False indent", lambda: json.dumps([float("inf")], allow_nan=False, indent=1))


# Values that JSON has no form for.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


show("set", lambda: json.dumps({1, 2}))
show("bytes", lambda: json.dumps(b"x"))
show("object", lambda: json.dumps([1, Point(1, 2)]))
show("object in dict", lambda: json.dumps({"p": Point(1, 2)}, indent=2))
show("complex-ish", lambda: json.dumps({"f": print}))

# default= turns them into something JSON has.
print(json.dumps([Point(1, 2), Point(3, 4)], default=lambda p: {"x": p.x, "y": p.y}))
print(json.dumps({"s": {3, 1, 2}}, default=sorted))
print(json.dumps(Point(5, 6), default=lambda p: [p.x, p.y], indent=1))


# A JSONEncoder subclass overriding default().
class PointEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Point):
            return {"__point__": [o.x, o.y]}
        if isinstance(o, set):
            return sorted(o)
        return json.JSONEncoder.default(self, o)


print(json.dumps({"p": Point(1, 2), "s": {5, 4}}, cls=PointEncoder))
print(json.dumps([Point(0, 0)], cls=PointEncoder, indent=2, sort_keys=True))
show("subclass falls back", lambda: json.dumps(b"raw", cls=PointEncoder))
enc = PointEncoder(sort_keys=True, separators=(",", ":"))
print(enc.encode({"b": Point(1, 1), "a": 1}))
print("".join(enc.iterencode([1, 2, {"z": None}])))
print(json.JSONEncoder().encode("caf\u00e9"), json.JSONEncoder(ensure_ascii=False).encode("caf\u00e9"))


class Upper(json.JSONEncoder):
    def encode(self, o):
        return json.JSONEncoder.encode(self, o).upper()


print(json.dumps({"a": "b"}, cls=Upper))

# Circular references.
a = [1, 2]
a.append(a)
show("circular list", lambda: json.dumps(a))
d = {"k": 1}
d["self"] = d
show("circular dict", lambda: json.dumps(d))
show("circular indent", lambda: json.dumps(d, indent=2))
p = Point(0, 0)
show("circular default", lambda: json.dumps(p, default=lambda o: [o]))
shared = [1]
print(json.dumps([shared, shared, {"x": shared}]))

# Nesting: deep is fine, too deep is a RecursionError.
deep = []
for _ in range(200):
    deep = [deep]
print(len(json.dumps(deep)), json.dumps(deep)[:12])
deep = {}
for _ in range(200):
    deep = {"k": deep}
print(len(json.dumps(deep, indent=1)))
too_deep = []
for _ in range(100000):
    too_deep = [too_deep]
show("too deep", lambda: json.dumps(too_deep))

# dump() writes to a file object.
out = io.StringIO()
json.dump({"list": [1, 2, 3], "ok": True}, out)
print(out.getvalue())
out = io.StringIO()
json.dump([{"a": 1}], out, indent=2)
print(out.getvalue())


class Sink:
    def __init__(self):
        self.text = ""

    def write(self, s):
        self.text += s


sink = Sink()
json.dump({"to": "sink", "n": [1.5, None]}, sink, sort_keys=True)
print(sink.text)

# Round trips.
values = [0, -1, 2**70, 0.5, -1e-300, 3.141592653589793, "\u00e9\U0001F600\"\\", [], {},
          {"a": [1, {"b": None}]}, [True, False, None]]
for v in values:
    s = json.dumps(v)
    print(s, json.loads(s) == v)
