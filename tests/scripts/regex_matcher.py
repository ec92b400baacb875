# A tiny regular-expression matcher supporting ^ $ . * + ? with recursive backtracking, plus glob matching.
def match(pattern, text):
    if pattern.startswith("^"):
        return match_here(pattern[1:], text)
    for i in range(len(text) + 1):
        if match_here(pattern, text[i:]):
            return True
    return False

def match_here(p, t):
    if not p:
        return True
    if p == "$":
        return not t
    if len(p) > 1 and p[1] in "*+?":
        c, rest = p[0], p[2:]
        if p[1] == "?":
            return (bool(t) and (c == "." or t[0] == c) and match_here(rest, t[1:])) or match_here(rest, t)
        i = 0
        while i < len(t) and (c == "." or t[i] == c):
            i += 1
        low = 0 if p[1] == "*" else 1
        for k in range(i, low - 1, -1):
            if match_here(rest, t[k:]):
                return True
        return False
    if t and (p[0] == "." or p[0] == t[0]):
        return match_here(p[1:], t[1:])
    return False

def glob(pattern, name):
    if not pattern:
        return not name
    if pattern[0] == "*":
        return any(glob(pattern[1:], name[i:]) for i in range(len(name) + 1))
    if name and (pattern[0] == "?" or pattern[0] == name[0]):
        return glob(pattern[1:], name[1:])
    return False

tests = [("abc", "xxabcxx"), ("^abc", "xxabc"), ("^ab*c$", "ac"), ("^ab*c$", "abbbc"), ("^ab+c$", "ac"),
         ("colou?r", "color"), ("colou?r", "colour"), ("^a.c$", "abc"), ("^a.*z$", "a to z"), ("x$", "box"),
         ("^$", ""), ("^.+$", ""), ("a*a*a*b", "aaaaaaaaaaaaaaaaaaac")]
for p, t in tests:
    print(f"{p!r:12} {t!r:24} {match(p, t)}")
files = ["main.py", "test_main.py", "README.md", "setup.cfg", "data.json", "a.py", "notes.txt"]
for pat in ["*.py", "test_*", "?.py", "*.*", "*a*", "setup.c?g"]:
    print(f"{pat:<10} {[f for f in files if glob(pat, f)]}")
