# An ASCII Mandelbrot set and Julia set using float arithmetic and escape-time iteration counts.
def escape(cx, cy, limit=30):
    x = y = 0.0
    for i in range(limit):
        x, y = x * x - y * y + cx, 2 * x * y + cy
        if x * x + y * y > 4:
            return i
    return limit

CHARS = " .:-=+*#%@"
rows = []
for j in range(13):
    cy = -1.2 + j * 0.2
    line = ""
    for i in range(48):
        cx = -2.1 + i * 0.0625
        n = escape(cx, cy)
        line += "@" if n == 30 else CHARS[n % len(CHARS)]
    rows.append(line.rstrip())
print("\n".join(rows))
inside = sum(r.count("@") for r in rows)
print("inside points:", inside)

def julia(zx, zy, c=(-0.8, 0.156), limit=25):
    for i in range(limit):
        zx, zy = zx * zx - zy * zy + c[0], 2 * zx * zy + c[1]
        if zx * zx + zy * zy > 4:
            return i
    return limit

for j in range(7):
    print("".join("#" if julia(-1.5 + i * 0.1, -0.9 + j * 0.3) > 12 else "." for i in range(31)))
print([escape(c, 0.0) for c in (-2.0, -1.0, 0.0, 0.25, 0.3, 1.0)])
