# More of math (acos, copysign, prod, comb, perm...), time.monotonic, str.swapcase/rpartition/rindex.
import math, time
print(round(math.acos(0.5), 6), round(math.asin(1), 6), round(math.atan(1), 6), math.isinf(math.inf), math.isnan(math.nan))
print(math.copysign(3, -0.0), math.prod([1, 2, 3, 4]), math.prod([]), math.comb(10, 3), math.perm(5, 2), math.comb(3, 5))
print(time.monotonic() >= 0, "Hello World".swapcase(), "a-b-c".rpartition("-"), "x".rpartition("-"), "abcabc".rindex("b"))
