import math
from math import sqrt, pi
print(math.sqrt(16), sqrt(2), round(pi, 5), math.floor(-2.5), math.ceil(2.1))
print(math.gcd(12, 18), math.factorial(10), math.hypot(3, 4), math.isclose(0.1 + 0.2, 0.3))
print(round(math.sin(math.pi / 2), 6), round(math.log(math.e), 6), math.log(8, 2))
print(math.inf > 10 ** 18, math.fabs(-3))
