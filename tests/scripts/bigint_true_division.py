import random
random.seed(7)
out = []
for i in range(4000):
    ka = random.randrange(1, 1200); kb = random.randrange(1, 1200)
    a = random.getrandbits(ka) | 1; b = random.getrandbits(kb) | 1
    try:
        out.append(repr(a / b))
    except OverflowError as e:
        out.append(str(e))
    out.append(repr(float(a) if a.bit_length() < 1024 else 0.0))
    out.append(str(a < float(b) if b.bit_length() < 1024 else 0))
print(1/2**1074, 1/2**1075, 3/2**1076, 2**1075//2**1074 / 2**1074, 1 / (2**1075 - 1))
h = 0
for s in out:
    for c in s:
        h = (h * 131 + ord(c)) % 1000000007
print(len(out), h)
print(0/-5, -0/5, 10**20/-3, (-2**100)/3)
