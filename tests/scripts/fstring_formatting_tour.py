# f-string and format() specs: width, alignment, fill, sign, precision, thousands, bases, percent, nesting.
values = [0, 1, -1, 42, 3.14159, -2.5, 1234567.891, 0.000123, 1e10]
for v in values:
    print(f"{v!r:>14} | {v:>10} | {v:<10} | {v:^10} | {v:+.2f} | {v:10.3e} | {v:.4g}")
for n in [0, 5, 255, -255, 65535]:
    print(f"{n:6d} {n:08d} {n:x} {n:X} {n:o} {n:b} {n:#x} {n:#o} {n:#b} {n:,}")
print(f"{'left':<10}|{'right':>10}|{'center':^10}|")
print(f"{'pad':*<10}|{'pad':->10}|{'pad':.^10}|{7:0>5}|{7:x<5}|")
for ratio in [0.5, 0.1234, 1.0, 0.00005]:
    print(f"{ratio:.0%} {ratio:.2%} {ratio:8.1%}|")
width, prec = 12, 3
for x in [3.14159, 2.71828, 1.41421]:
    print(f"[{x:{width}.{prec}f}] [{x:<{width}}] [{x:^{width}.{prec - 1}f}]")
name, score = "Ada", 97.5
print(f"{name}'s score is {score}, i.e. {score / 100:.1%}; doubled: {score * 2:.1f}")
print(f"{name!r} {name!s} {name.upper()} {len(name)} {name[::-1]} {[c for c in name]}")
items = {"apple": 1.5, "kiwi": 0.25, "watermelon": 3}
w = max(len(k) for k in items)
for k, p in items.items():
    print(f"{k:.<{w + 3}}{p:>7.2f}")
print(f"{1_000_000:,} {1234.5:,.2f} {-9876543:,} {12345:_}")
print("{:>6}|{:<6}|{:^6}|{:06.2f}|{:+d}".format("a", "b", "c", 3.14159, 7))
print("{name} is {age} years".format(name="Bo", age=30), "{0[1]} {1[k]}".format(["x", "y"], {"k": "v"}))
print(f"{True} {None} {[1, 2]} {(1,)} {{braces}} {'nested {}'.format('ok')}")
print(f"{3:3}|{'ab':3}|{-3:3}|{3.0:3}|{3:<3}|{'ab':>3}|")
