# printf-style padding and precision, str.center rounding.
print(repr('%6s|%-6s|%5d|%-5d|%05d|%+d|%5.1f|%-8.3f|%-10.10s|%r|%x|%#x|%.3s' % ('ab','ab',42,42,42,5,3.14159,2.5,'Widget','q',255,255,'abcdef')))
print(repr('abc'.center(4)), repr('ab'.center(5)), repr('a'.center(4)))
