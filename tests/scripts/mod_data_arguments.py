# Wrong arguments to the data modules: CPython's TypeErrors.
import io
import json
import string
import struct
import textwrap


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


show("dumps foo", lambda: json.dumps(1, foo=2))
show("dumps 2 pos", lambda: json.dumps(1, 2))
show("loads foo", lambda: json.loads("1", foo=2))
show("JSONEncoder pos", lambda: json.JSONEncoder(True))
show("StringIO 3", lambda: io.StringIO("a", "\n", 3))
show("wrap foo", lambda: textwrap.wrap("a", 3, foo=1))
show("Template()", lambda: string.Template())
show("unpack_from kw", lambda: struct.unpack_from("<h", buffer=b"ab"))
show("calcsize()", lambda: struct.calcsize())
show("BytesIO 2", lambda: io.BytesIO(b"", 1))
show("calcsize 2", lambda: struct.calcsize("i", 2))
