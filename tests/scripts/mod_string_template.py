# string: constants, capwords, Template and Formatter.
import string


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


for name in ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "digits", "hexdigits",
             "octdigits", "punctuation", "printable", "whitespace"]:
    print(name, repr(getattr(string, name)), len(getattr(string, name)))

print(string.capwords("hello   wide\tworld  "), string.capwords("aBC dEF"))
print(string.capwords("one-two three-four", "-"), repr(string.capwords("")))
print(string.capwords("x,,y", ","), string.capwords("  ünïcode wörds"))

# Template.
t = string.Template("$who likes $what; ${who}'s price: $$${amount}.")
print(t.template)
print(t.substitute(who="tim", what="kung pao", amount=10))
print(t.substitute({"who": "ann", "what": "tea", "amount": 2.5}))
print(t.substitute({"who": "ann", "what": "tea", "amount": 1}, who="bob"))
show("missing", lambda: t.substitute(who="x"))
print(t.safe_substitute(who="x"))
print(t.safe_substitute())
print(t.get_identifiers(), t.is_valid())

for text in ["$", "a $ b", "${}", "${1x}", "${name", "$1", "$-", "line1\nline2 $!", "ok $a\n$$ and\n  $?",
             "$a$b", "${a}b$c_1d", "$_under $CamelCase", "price: $$5", "$a.b"]:
    tt = string.Template(text)
    show("sub " + repr(text), lambda: tt.substitute(a="A", b="B", name="N", c_1d="C", _under="U", CamelCase="CC"))
    show("safe " + repr(text), lambda: tt.safe_substitute(a="A"))
    show("valid " + repr(text), lambda: tt.is_valid())
    show("ids " + repr(text), lambda: tt.get_identifiers())

show("keyerror type", lambda: string.Template("$x").substitute({}))
try:
    string.Template("$x $y").substitute(x=1)
except KeyError as e:
    print("KeyError args", e.args)
print(string.Template("$x and ${x}").substitute(x=[1, 2]))
print(string.Template("$$x").substitute(), string.Template("$$").safe_substitute())


class Percent(string.Template):
    delimiter = "%"


pt = Percent("%name is %{age} years; 100%% sure")
print(pt.substitute(name="Joe", age=42), pt.get_identifiers())


class Hash(string.Template):
    delimiter = "#"


print(Hash("#x + #{y} = ##").substitute(x=1, y=2))

# Formatter.
f = string.Formatter()
print(f.format("{} and {}", "a", "b"), f.format("{1}{0}", "x", "y"), f.format("{name}!", name="hi"))
print(f.format("{0:>5}|{0:<5}|{0:^5}", "ab"), f.format("{:08.3f}", 3.14159), f.format("{!r} {!s}", "q", 5))
print(f.format("{a[0]} {a[1]} {d[k]} {p.real}", a=[1, 2], d={"k": "v"}, p=3))
print(f.format("{0:{1}}|", "x", 4), f.format("{:{}}|", "y", 3), f.format("{{literal}} {}", 1))
print(f.vformat("{0}-{x}", (1,), {"x": 2}))
print(list(f.parse("a{0}b{1:>3}c{name!r}d{{e}}")))
print(list(f.parse("")), list(f.parse("plain")), list(f.parse("{}")))
show("auto then manual", lambda: f.format("{} {0}", 1))
show("manual then auto", lambda: f.format("{0} {}", 1))
show("missing index", lambda: f.format("{3}", 1))
show("missing key", lambda: f.format("{k}"))
show("single }", lambda: f.format("a } b"))
show("open {", lambda: f.format("a { b"))
show("bad conversion", lambda: f.format("{!x}", 1))
print(f.get_field("a.real", (), {"a": 5}), f.convert_field(3, "r"), f.format_field(7, "03d"))


class Upper(string.Formatter):
    def format_field(self, value, spec):
        return string.Formatter.format_field(self, value, spec).upper()

    def get_value(self, key, args, kwargs):
        if isinstance(key, str) and key not in kwargs:
            return "<" + key + ">"
        return string.Formatter.get_value(self, key, args, kwargs)


print(Upper().format("{greet}, {who}! {0}", "x", greet="hello"))


class Strict(string.Formatter):
    def check_unused_args(self, used, args, kwargs):
        extra = set(kwargs) - used
        if extra:
            raise ValueError("unused: %s" % sorted(extra))


show("strict", lambda: Strict().format("{a}", a=1, b=2, c=3))
print(Strict().format("{a}{b}", a=1, b=2))

# How Formatter.parse reads fields, and its errors.
f = string.Formatter()
for s in ['{', '}', '{0', '{0!', '{0!r', '{0!rx}', '{0:{1}', '{a[}', '{a[0]x}', '{a.}', '{{', 'x{0}}', '{0]}', '{!}', '{:}', '{0:{{}}}', '{a[b]c}']:
    try: print(repr(s), list(f.parse(s)))
    except Exception as e: print(repr(s), type(e).__name__, e)
