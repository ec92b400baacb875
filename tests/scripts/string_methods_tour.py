# A tour of str methods used together: cleaning, splitting, casing, padding and predicates.
raw = "   Name: Ada Lovelace ; Born: 1815-12-10 ; Field: mathematics, computing   "
fields = {}
for part in raw.strip().split(";"):
    key, _, value = part.partition(":")
    fields[key.strip().lower()] = value.strip()
print(fields)
year, month, day = fields["born"].split("-")
print(int(year) + 1, month.lstrip("0"), day.zfill(3), fields["field"].split(", "))
print(fields["name"].upper(), fields["name"].lower(), fields["name"].title(), "shoal".capitalize())
print(fields["name"].replace(" ", "_"), fields["name"].count("a"), fields["name"].find("Love"), fields["name"].index("A"))
print("|" + "left".ljust(10) + "|" + "right".rjust(10) + "|" + "mid".center(9) + "|")
print("-".join(["2024", "01", "05"]), ", ".join(sorted(fields)), "".join(reversed("stressed")))
print("x,y,,z".split(","), "  many   spaces here ".split(), "a=b=c".split("=", 1), "one\ntwo\n\nthree".splitlines())
for s in ["123", "12a", "abc", "ABC", "abc123", "   ", "", "Hello World", "hello"]:
    print(f"{s!r:15}", s.isdigit(), s.isalpha(), s.isalnum(), s.isspace(), s.isupper(), s.islower())
print("--==--".strip("-"), "xxabcxx".lstrip("x"), "path/to/dir///".rstrip("/"), "  \t tabs \n".strip())
print("Mississippi".startswith("Miss"), "file.tar.gz".endswith(".gz"), "abc" < "abd", "Z" < "a", "apple" in "pineapple")
print("%s has %d chars" % ("shoal", len("shoal")), "{} + {} = {}".format(2, 3, 5), "{0}{1}{0}".format("ab", "-"))
sentence = "the quick brown fox"
print(" ".join(w[::-1] for w in sentence.split()), " ".join(w.capitalize() for w in sentence.split()))
print(sentence.partition("quick"), sentence.partition("zzz"))
csv = "id,name,score\n1,ann,90\n2,bob,85\n"
rows = [line.split(",") for line in csv.strip().splitlines()]
print(rows, [int(r[2]) for r in rows[1:]])
