# textwrap: wrap, fill, shorten, dedent, indent, TextWrapper options.
import textwrap


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


text = ("The quick brown fox jumps over the lazy dog. Pack my box with five dozen "
        "liquor jugs! How vexingly quick daft zebras jump? Sphinx of black quartz, "
        "judge my vow.")
for width in [10, 20, 35, 70, 200]:
    print(width, textwrap.wrap(text, width))
print(textwrap.fill(text, 30))
print(textwrap.fill(text, width=40, initial_indent="* ", subsequent_indent="  "))

# Hyphens, em-dashes and long words.
samples = ["well-known self-contained twenty-five-year-old state-of-the-art",
           "a--b wait--what? --leading dashes-- and -- spaced",
           "supercalifragilisticexpialidocious is long",
           "http://example.com/a/very/long/path/that-has-hyphens-in-it ok",
           "x-y 1-2 ab-12 12-ab -a- --- a-b-c-d e--",
           "Hello,--world. Yes!--no 'quoted'--thing",
           "under_score-word mixed-Case-Words ümlaut-wörter"]
for s in samples:
    for width in [5, 8, 12, 20]:
        print(width, textwrap.wrap(s, width))
        print(width, textwrap.wrap(s, width, break_on_hyphens=False))
    print(textwrap.wrap(s, 6, break_long_words=False))
    print(textwrap.wrap(s, 7, break_long_words=False, break_on_hyphens=False))

# Whitespace handling.
ws = "  leading\tand\ttabs\n\nnewlines   and\x0bodd\x0cspaces  "
print(textwrap.wrap(ws, 12))
print(textwrap.wrap(ws, 12, drop_whitespace=False))
print(textwrap.wrap(ws, 12, replace_whitespace=False))
print(textwrap.wrap(ws, 12, expand_tabs=False))
print(textwrap.wrap("a\tb\tc", 40, tabsize=4), textwrap.wrap("a\tb\tc", 40, tabsize=1))
print(textwrap.wrap("", 10), textwrap.wrap("   ", 10), textwrap.wrap("   ", 10, drop_whitespace=False))
print(textwrap.fill("one", 10), repr(textwrap.fill("", 5)))

# Sentence endings.
s = "Hello there. This is Mr. Smith! Is it? Yes. 'Quoted.' End.\" Last"
print(textwrap.wrap(s, 80, fix_sentence_endings=True))
print(textwrap.wrap(s, 15, fix_sentence_endings=True))

# max_lines and placeholder.
for n in [1, 2, 3, 10]:
    print(n, textwrap.wrap(text, 30, max_lines=n))
print(textwrap.wrap(text, 30, max_lines=2, placeholder="..."))
print(textwrap.wrap("short text", 30, max_lines=1))
print(textwrap.wrap("aaaa bbbb cccc dddd", 9, max_lines=2, placeholder=" [...]"))
print(textwrap.wrap("aaaaaaaaaaaaaa bbbb", 10, max_lines=1, placeholder="~"))
show("placeholder too big", lambda: textwrap.wrap(text, 5, max_lines=1, placeholder=" [more...]"))
show("width 0", lambda: textwrap.wrap(text, 0))
show("width -3", lambda: textwrap.wrap(text, -3))

# shorten.
print(textwrap.shorten("Hello  world!", width=12))
print(textwrap.shorten("Hello  world!", width=11))
print(textwrap.shorten("Hello world", width=10, placeholder="..."))
print(textwrap.shorten(text, 50), "|", textwrap.shorten(text, 25, placeholder=" (...)"))
print(repr(textwrap.shorten("   ", 10)), textwrap.shorten("a b c d e f", 9))

# TextWrapper objects keep their options.
w = textwrap.TextWrapper(width=25, initial_indent="> ", subsequent_indent=">> ")
print(w.wrap(text))
w.width = 50
w.break_long_words = False
print(w.fill(text))
print(w.width, w.initial_indent, w.max_lines, repr(w.placeholder), w.tabsize)

# dedent.
print(repr(textwrap.dedent("""\
    def f():
        return 1
    """)))
print(repr(textwrap.dedent("  a\n    b\n  c")))
print(repr(textwrap.dedent("\ta\n\t\tb")), repr(textwrap.dedent("  a\n\tb")))
print(repr(textwrap.dedent("   \n  x\n  \n    y\n")), repr(textwrap.dedent("no indent\n  here")))
print(repr(textwrap.dedent("")), repr(textwrap.dedent("    ")), repr(textwrap.dedent("  \t x\n  \t y")))
print(repr(textwrap.dedent("  a\r\n  b\r\n")), repr(textwrap.dedent(" \ta\n \tb\n  c")))

# indent.
print(repr(textwrap.indent("a\nb\n\n  \nc", "> ")))
print(repr(textwrap.indent("a\nb\n\nc\n", "+", lambda line: True)))
print(repr(textwrap.indent("one\r\ntwo\rthree", "-")))
print(repr(textwrap.indent("x\ny", "#", predicate=lambda l: l.startswith("y"))))
