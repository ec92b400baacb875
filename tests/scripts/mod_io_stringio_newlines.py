# StringIO with each newline mode: random reads, seeks and writes, compared
# line by line with CPython's answers.
import io, random
r = random.Random(3)
out = []
for trial in range(300):
    nl = r.choice([None, "", "\n", "\r", "\r\n"])
    text = "".join(r.choice(["a", "b", "\n", "\r", "\r\n", "xy"]) for _ in range(r.randint(0, 15)))
    s = io.StringIO(text, newline=nl)
    res = []
    for step in range(12):
        op = r.randint(0, 5)
        if op == 0:
            res.append(("rl", s.readline()))
        elif op == 1:
            n = r.randint(-1, 4)
            res.append(("rln", n, s.readline(n)))
        elif op == 2:
            p = r.randint(0, len(s.getvalue()) + 2)
            res.append(("seek", s.seek(p)))
        elif op == 3:
            res.append(("read", s.read(r.randint(0, 3))))
        elif op == 4:
            w = r.choice(["q", "\n", "zz\r\n", "\r"])
            res.append(("write", s.write(w)))
        else:
            res.append(("lines", s.readlines()))
    res.append(s.getvalue())
    out.append(repr((nl, text, res)))
for line in out:
    print(line)
