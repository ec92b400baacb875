# The names dir() lists for the builtins module and each built-in type,
# one line per listing: its key, then the sorted names. Run by
# tests/dir_vs_cpython.rs under both `shoal run` and python3.
import builtins


def gen():
    yield 1


LISTINGS = [
    ("builtins", lambda: builtins),
    ("str", lambda: str),
    ("bytes", lambda: bytes),
    ("bytearray", lambda: bytearray),
    ("list", lambda: list),
    ("tuple", lambda: tuple),
    ("dict", lambda: dict),
    ("set", lambda: set),
    ("frozenset", lambda: frozenset),
    ("range", lambda: range),
    ("generator", gen),
    ("iterator", lambda: iter([])),
    ("int", lambda: int),
    ("float", lambda: float),
    ("bool", lambda: bool),
]

for key, make in LISTINGS:
    print(key, " ".join(sorted(dir(make()))))
