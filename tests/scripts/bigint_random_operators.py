import random
random.seed(12345)

def rnd():
    k = random.choice([1, 5, 30, 63, 64, 65, 100, 200, 1000])
    n = random.getrandbits(k) if k > 0 else 0
    if random.random() < 0.5:
        n = -n
    return n

ops = ['+', '-', '*', '//', '%', '/', '**', '<<', '>>', '&', '|', '^', '==', '<', '>=']
lines = []
for i in range(3000):
    a, b = rnd(), rnd()
    op = random.choice(ops)
    if op == '**':
        b = abs(b) % 50 if abs(a) < 2**200 else 2
    if op in ('<<', '>>'):
        b = abs(b) % 300
    try:
        if op == '+': r = a + b
        elif op == '-': r = a - b
        elif op == '*': r = a * b
        elif op == '//': r = a // b
        elif op == '%': r = a % b
        elif op == '/': r = a / b
        elif op == '**': r = a ** b
        elif op == '<<': r = a << b
        elif op == '>>': r = a >> b
        elif op == '&': r = a & b
        elif op == '|': r = a | b
        elif op == '^': r = a ^ b
        elif op == '==': r = a == b
        elif op == '<': r = a < b
        else: r = a >= b
    except (ZeroDivisionError, OverflowError) as e:
        r = type(e).__name__ + ': ' + str(e)
    lines.append(f"{a} {op} {b} = {r}")
    f = a * 1.0 if abs(a) < 2**1000 else 1.5
    lines.append(f"{a == f} {a < f} {hash(a)} {hash(f)} {hex(a)} {a:,}")
    if a >= 0 and b > 0 and a.bit_length() < 400:
        lines.append(f"{pow(a, b, 10**9 + 7)} {pow(a, b % 300, b)} {divmod(a, b)} {a.to_bytes((a.bit_length() + 7) // 8 or 1, 'little')}")
total = 0
for line in lines:
    for ch in line:
        total = (total * 31 + ord(ch)) % (2**61 - 1)
print(len(lines), total)
print(lines[0]); print(lines[1000]); print(lines[-1])
