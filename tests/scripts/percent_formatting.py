# printf-style % formatting: d, i, f, e, g, x, o, c, r, %%, zero padding, left alignment and tuples.
rows = [("alpha", 1, 0.5), ("beta", 22, 12.25), ("gamma", 333, 100.0), ("delta", -4, -3.14159)]
for name, n, x in rows:
    print("%-8s|%5d|%-5d|%05d|%8.3f|%-8.1f|%+.2e" % (name, n, n, n, x, x, x))
print("%d%%" % 50, "%i" % 7, "%c%c" % (72, 105), "%r" % "quoted", "%s" % None, "%s|%s" % (True, [1, 2]))
print("%x %X %o %#x %#o" % (255, 255, 8, 255, 8))
print("%.3s|%.0f|%.1f|%g|%g|%g" % ("truncate", 2.5, 0.05, 0.0001, 123456789.0, 1.5))
print("%e|%E|%.0e" % (12345.6789, 0.000123, 5e10))
print("%5.1f%%" % 99.456, "%-6s!" % "hi", "%06.2f" % -1.5, "%+d %+d" % (5, -5))
total = sum(r[2] for r in rows)
print("total: %.2f over %d rows (avg %.3f)" % (total, len(rows), total / len(rows)))
print("single %s" % "value", "tuple %s" % ((1, 2),), "%s and %s" % ("a", "b"))
try:
    print("%d" % "x")
except TypeError as e:
    print("TypeError:", e)
try:
    print("%s %s" % ("only one",))
except TypeError as e:
    print("TypeError:", e)
