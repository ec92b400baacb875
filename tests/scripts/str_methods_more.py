# The rest of str's methods: casefold, expandtabs, removeprefix/suffix, format_map, maketrans/translate, the is* tests.
report = "name\tqty\tprice\nwidget\t3\t2.50\ngadget\t12\t10.00"
print(report.expandtabs(10))
print(report.expandtabs(4).splitlines()[1], "a\tb".expandtabs(0), "x\ty".expandtabs(tabsize=2))
print("Straße".casefold() == "STRASSE".casefold(), "ΣΑΣ".casefold(), "MiXeD Case".casefold())
for name in ["test_parser.py", "parser.py", "test_.py"]:
    print(name.removeprefix("test_").removesuffix(".py"))
print("{user} has {n} new messages".format_map({"user": "kim", "n": 3}))
rot13 = str.maketrans("abcdefghijklmnopqrstuvwxyz", "nopqrstuvwxyzabcdefghijklm")
print("hello world".translate(rot13), "hello world".translate(rot13).translate(rot13))
strip_vowels = str.maketrans("", "", "aeiou")
print("programming language".translate(strip_vowels), len(strip_vowels))
print("a-b_c".translate({ord("-"): " ", ord("_"): None}), "ab".translate(str.maketrans({"a": "AA", "b": 67})))
print(sorted(str.maketrans({"x": "y", 122: None}).items()))
for s in ["123", "١٢٣", "²³", "½", "七", "12.5", "", "abc", "a1", "ǅ"]:
    print(repr(s), s.isdecimal(), s.isdigit(), s.isnumeric(), s.isalnum(), s.isalpha(), s.isascii())
for s in ["hello", "tab\there", "", "naïve", "\x00", " "]:
    print(repr(s), s.isprintable(), s.isspace(), s.isidentifier())
print("_private".isidentifier(), "2fast".isidentifier(), "déjà_vu".isidentifier(), "with space".isidentifier())
print("a\x1cb\x1dc d".split(), "\x1f x \x1e".strip())
for bad in [lambda: str.maketrans("ab", "c"), lambda: str.maketrans(1), lambda: str.maketrans({"ab": 1}), lambda: "x".removeprefix(1)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
