# Using the format() builtin to render numbers in a report.
for v in [3.14159, 1234567, 0.5]:
    print(format(v, ">12"), format(v, ",.2f"), format(v, "e"))
