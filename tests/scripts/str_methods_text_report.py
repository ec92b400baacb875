# Formatting a plain-text report with str methods: partition, zfill, center, expandtabs, title, casefold...
log = """2024-01-05 INFO  player=alice action=login
2024-01-05 WARN  player=BOB action=lag ms=350
2024-01-06 ERROR player=alice action=crash code=0x1f

2024-01-07 INFO  player=Carol action=logout"""

entries = []
for line in log.splitlines():
    if not line.strip():
        continue
    date, _, rest = line.partition(" ")
    level, _, fields = rest.strip().partition(" ")
    data = dict(kv.partition("=")[::2] for kv in fields.split())
    entries.append((date, level, data))

print(" Daily report ".center(44, "="))
for date, level, data in entries:
    year, month, day = date.split("-")
    who = data["player"].casefold().title()
    print(f"{day.zfill(3)}/{month} {level.ljust(5)} {who:<6} {data['action'].swapcase()}")
print("=" * 44)

print("ALICE".casefold() == "alice".casefold(), "Straße".casefold(), "Straße".lower(), "ǅ".casefold())
print("a.b.c.d".partition("."), "a.b.c.d".rpartition("."), "abc".partition("x"), "abc".rpartition("x"))
filename = "save.backup.2024.dat"
stem, dot, ext = filename.rpartition(".")
print(stem, ext, filename.partition(".")[0])
print("42".zfill(6), "-42".zfill(6), "+7".zfill(4), "abc".zfill(5), "12345678".zfill(4))
print("[" + "title".center(11) + "]", "[" + "odd".center(8, "*") + "]", "[" + "x".center(4) + "]")
table = "name\tscore\tlevel\nalice\t1500\t9\nbob\t900\t12"
print(table.expandtabs(10))
print(table.expandtabs(4))
print("a\tbc\tdef\tg".expandtabs(), "|", "12\t3".expandtabs(2))
print("hello world".title(), "they're bill's friends".title(), "o'NEIL mcdonald 3rd".title())
print("Hello World".swapcase(), "ßpam".swapcase(), "ÀÉÎ".swapcase())
print("line1\nline2\r\nline3\rline4".splitlines(), "a\n\nb\n".splitlines(), "keep\nends\n".splitlines(keepends=True))
print("".splitlines(), "\n".splitlines(), "x\x0by\x0cz\x1cw".splitlines())
print("  indented".lstrip(), "trail...".rstrip("."), "xxmidxx".strip("x"), "prefix_name".removeprefix("prefix_"))
print("Capitalize THIS".capitalize(), "MiXeD".lower(), "mixed".upper(), "Title Case".istitle(), "ABC".isupper())
print("-".join("abc"), ",".join(["x", "y"]), "a,b,,c".split(","), "a b   c".split(None, 1), "a,b,c".rsplit(",", 1))
print("hello".count("l"), "hello".find("l"), "hello".rfind("l"), "hello".index("o"), "hello".rindex("l"))
print("{:>8}|{:<8}|{:^8}".format("r", "l", "c"), "%-6s|%6s" % ("ab", "cd"))
print(entries[3][2]["ms"])
