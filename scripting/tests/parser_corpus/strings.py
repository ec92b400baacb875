# Strings: escapes, concatenation, f-strings and % formatting.
name = "world"
greeting = f"Hello, {name}!"
padded = f"{name:>10}|{name:<10}|{name:^10}"
number = f"{3.14159:.2f} {42:05d} {255:#x} {1000000:,}"
nested = f"{value:{width}.{precision}}"
debug = f"{name=} {1 + 1=}"
conv = f"{name!r} {name!s}"
braces = f"{{literal}} {name}"
joined = "a" "b" f"{name}" 'c'
expr = f"{'quoted'} {len(name) * 2} {[1, 2][0]} {d['key']}"
escapes = "tab\tnewline\nquote\"backslash\\ \x41 \u00e9 \101"
raw = r"C:\path\n" + R'\d+'
old = "%s has %d items (%.1f%%)" % (name, 3, 50.0)
multi = """line one
line two\
 continued"""
empty = ""
fs_empty = f""
