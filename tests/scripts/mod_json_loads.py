# json.loads and json.load: JSON text to Python values, and the errors.
import json
import io

docs = ['null', 'true', 'false', '0', '-0', '-0.0', '42', '-17', '3.25', '1E+2', '1e-2',
        '2.5e-3', '12345678901234567890123', '1.5e400', '-1e400', '""', '"text"',
        '"\\"\\\\\\/\\b\\f\\n\\r\\t"', '"\\u00e9\\u20AC"', '"\\ud83d\\ude00"', '"caf\u00e9 \U0001F600"',
        '[]', '[ ]', '{}', '{ }', '[1, 2, 3]', '[1,[2,[3,[]]]]', ' \t\n\r[ 1 ,\n 2 ] \n',
        '{"a": 1, "b": [true, false, null], "c": {"d": "e"}}', '{"a":1,"a":2}',
        '[NaN, Infinity, -Infinity]', '{"\\u00e9": "\\u20ac"}', '"\x7f"']
for doc in docs:
    print(repr(doc), "->", repr(json.loads(doc)))
print(json.loads('"\\ud83d\\ude00"') == "\U0001F600")

errors = ['', ' ', '[1,', '{"a" 1}', '{1:2}', '[1 2]', '"abc', '"a\\x"', 'tru', '[1,]', '{"a":1,}',
          '1 2', '"\x01"', '"\t"', '"a\nb"', '["a", "b\x1f"]', '-', '01', '1.', '1e', '1.5e', '0x10',
          '"\\u12"', '"\\u12g4"', '"\\', '"\\u', '"\\uD83D\\u12"', '{"a":1', '[', '{', '{"a"',
          '{"a":', '[1]]', '{"a":1}}', 'nan', 'Nan', '-Inf', '+1', '.5', '--1', '123abc',
          '[1,\n 2,\n ]', '\n\n  x', '{"a": 1 "b": 2}', '{"a": 1, "b"', '  "x', '[1, 2',
          '"\u00e9\u00e9" x', '["\u20ac", oops]']
for doc in errors:
    try:
        json.loads(doc)
        print(repr(doc), "parsed?")
    except json.JSONDecodeError as e:
        print(repr(doc), "|", e, "|", e.msg, e.pos, e.lineno, e.colno, e.doc == doc)

# JSONDecodeError is a ValueError.
try:
    json.loads("{bad}")
except ValueError as e:
    print(type(e).__name__, isinstance(e, json.JSONDecodeError), e.args)

# A BOM in a str is refused; in bytes it is skipped.
try:
    json.loads("\ufeff[1]")
except json.JSONDecodeError as e:
    print(e)
print(json.loads(b'\xef\xbb\xbf{"bom": true}'))
print(json.loads(b'["caf\xc3\xa9"]'), json.loads(bytearray(b"[1, 2]")))
for bad in [None, 12, [1], 1.5]:
    try:
        json.loads(bad)
    except TypeError as e:
        print(type(e).__name__, e)

# Hooks.
print(json.loads('{"a": {"b": 1}}', object_hook=lambda d: sorted(d.items())))
print(json.loads('{"z": 1, "a": 2, "z": 3}', object_pairs_hook=lambda pairs: pairs))
print(json.loads('{"x": {"y": 1}}', object_pairs_hook=lambda p: dict(p), object_hook=lambda d: "unused"))
print(json.loads('[1.5, 2, 3e2]', parse_float=lambda s: "float:" + s))
print(json.loads('[1.5, 2, -30]', parse_int=lambda s: "int:" + s))
print(json.loads('[NaN, -Infinity]', parse_constant=lambda s: "const:" + s))
print(json.loads('[0.1, 0.2]', parse_float=lambda s: len(s)))


class Money:
    def __init__(self, text):
        self.cents = int(text.replace(".", ""))

    def __repr__(self):
        return "Money(%d)" % self.cents


print(json.loads('{"price": 12.50, "tax": 0.99}', parse_float=Money))


def as_point(d):
    if set(d) == {"x", "y"}:
        return (d["x"], d["y"])
    return d


print(json.loads('{"pts": [{"x": 1, "y": 2}, {"x": 3, "y": 4}], "n": 2}', object_hook=as_point))

# strict=False allows control characters in strings.
print(repr(json.loads('"a\tb\nc"', strict=False)))
try:
    json.loads('"a\tb"', strict=True)
except json.JSONDecodeError as e:
    print(e)

# JSONDecoder and raw_decode.
dec = json.JSONDecoder()
print(dec.decode(' [1, {"a": null}] '))
for s, i in [(' 1', 0), (' 1', 1), ('[1] x', 0), ('xx{"a": 1}yy', 2), ('', 0), ('1', 5),
             ('1', -1), ('\u00e9\u00e9[1]\u00e9', 2), ('"\u00e9" 5', 0)]:
    try:
        print(repr(s), i, dec.raw_decode(s, i))
    except Exception as e:
        print(repr(s), i, type(e).__name__, e)


class Loud(json.JSONDecoder):
    def decode(self, s):
        return ("decoded", json.JSONDecoder.decode(self, s))


print(json.loads("[1]", cls=Loud))
print(json.loads('{"a": 1}', cls=json.JSONDecoder, object_hook=lambda d: list(d)))

# load() reads a file object.
print(json.load(io.StringIO('{"from": "file", "n": [1, 2]}')))
print(json.load(io.StringIO('[1.5]'), parse_float=str))

# Nesting: deep is fine, too deep is a RecursionError.
print(json.loads("[" * 300 + "]" * 300) is not None)
v = json.loads('{"a":' * 300 + "1" + "}" * 300)
depth = 0
while isinstance(v, dict):
    v = v["a"]
    depth += 1
print(depth, v)
for doc in ["[" * 100000, '{"a":' * 100000, "[" * 100000 + "]" * 100000]:
    try:
        json.loads(doc)
    except RecursionError as e:
        print(type(e).__name__, e)

# Big numbers.
print(json.loads("1" * 100) % 1000, json.loads("[1e308, 1e309, 5e-324, 1e-400]"))
try:
    json.loads("9" * 5000)
except ValueError as e:
    print(type(e).__name__, e)

# A larger document, back and forth.
doc = {"users": [{"id": i, "name": "user%d" % i, "score": i * 1.5, "tags": ["t%d" % (i % 3)],
                  "active": i % 2 == 0, "note": None if i % 4 else "caf\u00e9 \"%d\"\n" % i}
                 for i in range(200)]}
text = json.dumps(doc)
print(len(text), json.loads(text) == doc)
text = json.dumps(doc, indent=2, ensure_ascii=False)
print(len(text), json.loads(text) == doc)
back = json.loads(text)
print(back["users"][4], back["users"][199]["score"])
