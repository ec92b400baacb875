# Integer and float arithmetic, Python's rules for division and modulo.
print(7 + 3, 7 - 3, 7 * 3, 7 / 2, 7 // 2, 7 % 3, 2 ** 10)
print(-7 // 2, -7 % 2, 7 // -2, 7 % -2, -7 / 2)
print(7.5 // 2, 7.5 % 2, -7.5 % 2, 2 ** -1, 2.0 ** 0.5)
print(1 / 3, 2 / 3, 0.1 + 0.2, 1e16, 1.5e-7, 123456789.0 * 1000)
print(abs(-5), abs(-2.5), round(2.5), round(3.5), round(-2.5), round(2.675, 2))
print(divmod(17, 5), divmod(-17, 5), pow(2, 10), pow(3, 4, 5))
print(max(3, 9, 2), min([4, 1, 8]), sum([1, 2, 3]), sum([0.5, 0.25], 1))
print(int("42"), int("-17"), int(3.9), int(-3.9), float("1.5"), float(2))
print(int("ff", 16), int("0x1f", 16), int("101", 2), hex(255), bin(5), oct(8))
print(10 == 10.0, 1 < 2 < 3, 3 > 2 > 2, 1 != 1.0, True + True, True * 3)
print(5 & 3, 5 | 3, 5 ^ 3, ~5, 1 << 10, 1024 >> 3)
print(float("inf") > 1e308, -float("inf"), 9007199254740993)
x = 10
x += 5
x *= 2
x //= 3
x -= 1
x **= 2
print(x)
print(round(1234.5678, 1), round(1234.5678, -2), round(7))
print(3 * "ab", [0] * 3, (1, 2) * 2)
