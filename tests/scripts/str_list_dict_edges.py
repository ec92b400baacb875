# Edge cases of str, list, tuple and dict methods: windows, fill characters, line boundaries, empty separators, messages.
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
s = "Hello, World, hello"
t(lambda: s.split(", ", 1)); t(lambda: s.split(maxsplit=1)); t(lambda: s.rsplit(", ", maxsplit=1)); t(lambda: s.split(""))
t(lambda: s.center(25, "*")); t(lambda: s.center(24, "-")); t(lambda: "ab".center(5)); t(lambda: "ab".center(6, "xy"))
t(lambda: s.startswith(("x", "He"))); t(lambda: s.startswith("World", 7)); t(lambda: s.endswith("hello", 0, 5)); t(lambda: s.startswith(1))
t(lambda: s.find("o", 5)); t(lambda: s.find("o", 5, 8)); t(lambda: s.rfind("l", 0, 4)); t(lambda: s.index("zz")); t(lambda: s.rindex("zz"))
t(lambda: s.count("l", 3)); t(lambda: s.count("")); t(lambda: s.replace("l", "L", 2)); t(lambda: "aaa".replace("", "-"))
t(lambda: "a\nb\r\nc\rd\x0be\x1cf".splitlines()); t(lambda: "a\nb\n".splitlines(True)); t(lambda: "x".splitlines(keepends=True))
t(lambda: "hello world".title()); t(lambda: "they're bill's".title()); t(lambda: "ABC".swapcase()); t(lambda: "ß".upper())
t(lambda: "-42".zfill(6)); t(lambda: "+7".zfill(4)); t(lambda: "abc".ljust(6, "*")); t(lambda: "abc".rjust(2))
t(lambda: ",".join(x for x in "abc")); t(lambda: ",".join([1])); t(lambda: "a".join("xyz"))
t(lambda: "  x ".lstrip()); t(lambda: "xxaxx".rstrip("x")); t(lambda: "abc".strip("")); t(lambda: "a".strip(1))
t(lambda: "Abc".istitle()); t(lambda: "ABC".isupper()); t(lambda: "abc1".islower()); t(lambda: "".isupper())
t(lambda: "a-b-c".partition("-")); t(lambda: "a-b-c".rpartition("-")); t(lambda: "abc".partition("x")); t(lambda: "abc".rpartition("x")); t(lambda: "a".partition(""))
t(lambda: "{0}{1}{0}".format("a", "b")); t(lambda: "{:>5}|{:^5}|{:<5}".format(1, 2, 3)); t(lambda: "{x[0]}".format(x=[9])); t(lambda: "{}".format())
t(lambda: "abc".encode()); t(lambda: "abc".upper(1))
l = [3, 1, 2]
t(lambda: l.index(2)); t(lambda: l.index(5)); t(lambda: l.index(1, 2)); t(lambda: l.count(1)); t(lambda: sorted(l, reverse=True))
t(lambda: l.pop(5)); t(lambda: [].pop()); t(lambda: l.remove(9)); t(lambda: l.insert(-10, 0) or l); t(lambda: l.copy())
t(lambda: (1, 2).index(3)); t(lambda: (1, 2, 1).count(1)); t(lambda: l.sort(key=lambda x: -x) or l); t(lambda: l.sort(reverse=1) or l)
d = {"a": 1, "b": 2}
t(lambda: d.pop("z")); t(lambda: d.pop("z", 0)); t(lambda: d.get("z")); t(lambda: d.setdefault("c", 3)); t(lambda: d.popitem())
t(lambda: {}.popitem()); t(lambda: d.update(x=1) or d); t(lambda: d.update([("y", 2)]) or d); t(lambda: d.update([1]))
t(lambda: list(d.keys())); t(lambda: d.copy() == d); t(lambda: dict(a=1) | {"b": 2}); t(lambda: dict([(1, 2, 3)]))
