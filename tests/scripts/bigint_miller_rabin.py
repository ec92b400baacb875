# Miller-Rabin primality testing on big integers with fixed witness bases (deterministic output).
def is_probable_prime(n, bases=(2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41)):
    if n < 2:
        return False
    small = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41]
    for p in small:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for a in bases:
        x = pow(a, d, n)
        if x == 1 or x == n - 1:
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True

def next_prime(n):
    if n < 2:
        return 2
    n += 1
    if n % 2 == 0:
        n += 1
    while not is_probable_prime(n):
        n += 2
    return n

print([n for n in range(100) if is_probable_prime(n)])
mersenne_exponents = [p for p in range(2, 130) if is_probable_prime(p) and is_probable_prime(2 ** p - 1)]
print("Mersenne prime exponents below 130:", mersenne_exponents)

for k in (10, 20, 30, 40, 50):
    print(f"next prime after 10**{k}: 10**{k} + {next_prime(10 ** k) - 10 ** k}")

# Carmichael numbers fool Fermat but not Miller-Rabin.
carmichael = [561, 1105, 1729, 2465, 2821, 6601, 8911]
print("Fermat says prime:", [n for n in carmichael if pow(2, n - 1, n) == 1])
print("Miller-Rabin says prime:", [n for n in carmichael if is_probable_prime(n)])

big = 2 ** 127 - 1
print(big, is_probable_prime(big))
print(2 ** 128 + 1, is_probable_prime(2 ** 128 + 1))
f5 = 2 ** 32 + 1
print("F5 =", f5, "prime?", is_probable_prime(f5), "641 divides:", f5 % 641 == 0, f5 // 641)
semiprime = (2 ** 61 - 1) * (2 ** 89 - 1)
print("semiprime", semiprime, is_probable_prime(semiprime))
twins = []
n = 10 ** 15
while len(twins) < 3:
    if is_probable_prime(n) and is_probable_prime(n + 2):
        twins.append((n, n + 2))
    n += 1
print("twin primes above 10**15:", twins)
