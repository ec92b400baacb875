# String methods and formatting.
s = "  Hello, World!  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print(s.upper(), s.lower(), s.strip().replace("World", "Shoal"))
t = s.strip()
print(t.startswith("Hello"), t.endswith("!"), t.find("o"), t.find("z"), t.count("l"))
print(t.split(", "), "a b  c".split(), "a,b,,c".split(","), "x".split(","))
print("-".join(["a", "b", "c"]), "".join(reversed("abc")))
print(t[0], t[-1], t[0:5], t[7:], t[::-1], t[::2], len(t))
print("abc" < "abd", "abc" == "abc", "b" > "abc", "a" in "cat")
print("{} and {}".format("this", "that"), "{1}{0}".format("a", "b"), "{x}!".format(x=5))
print("{:>8}|{:<8}|{:^8}|".format("r", "l", "c"), "{:08.3f}".format(3.14159))
print(f"{'pad':*^11}", f"{255:x}", f"{255:#X}", f"{1234567:,}", f"{0.25:.1%}")
name, n = "shoal", 3
print(f"{name!r} has {n} items; {n * 2 = }", f"{name=}")
print("%5d|%-5d|%05.1f|%s|%r" % (42, 42, 3.14159, "s", "r"))
print("title case words".title(), "capitalize ME".capitalize(), "ab".center(6, "*"))
print("42".zfill(5), "-42".zfill(5), "abc".isalpha(), "123".isdigit(), " ".isspace())
print("a\tb\nc", repr("it's"), repr('say "hi"'), repr("both ' and \""))
print(str(1), str(1.0), str(None), str(True), str([1, "a"]), str((1,)), str({}))
print("line1\nline2".splitlines(), "key=value".partition("="), ord("A"), chr(97))
words = "the rain in spain falls mainly on the plain".split()
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(sorted(counts.items()), max(words), min(words))
