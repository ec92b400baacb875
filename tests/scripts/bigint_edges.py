print(2**100, -2**100, 2**64 - 1, 10**30 // 7, -10**30 % 7)
x = 123456789012345678901234567890
print(x * x, x + 1, x - x, type(x), isinstance(x, int))
print(hash(2**64), hash(-2**100), hash(-1), hash(2**61-1), hash(1.5), hash(-0.5), hash(2.0**70), hash(1e300), hash(float('inf')))
import sys
try: str(10**5000)
except ValueError as e: print(e)
try: int('1'*5000)
except ValueError as e: print(e)
try: float(10**400)
except OverflowError as e: print(e)
try: (10**400)/1.0
except OverflowError as e: print(e)
try: 10**400/3
except OverflowError as e: print(e)
try: 2.0**5000
except OverflowError as e: print(e)
try: [1][2**100]
except IndexError as e: print(e)
try: 'a'*2**100
except OverflowError as e: print(e)
try: int('--3')
except ValueError as e: print(e)
try: int('3', 99)
except ValueError as e: print(e)
try: pow(2, -1, 4)
except ValueError as e: print(e)
try: 1 << -1
except ValueError as e: print(e)
try: (1).to_bytes(0,'big')
except OverflowError as e: print(e)
try: (-1).to_bytes(2,'big')
except OverflowError as e: print(e)
print(2**64 == 2.0**64, 2**63-1 == 9.223372036854776e18, 2**53+1 > 2.0**53, 10**400 > float('inf'), (10**400) < 1e308)
print((2**100).bit_length(), (-5)//2, -2**100 // 7, -2**100 % 7, -2**100 >> 3, ~2**70, (-2**70) & 0xFFFF, (2**70) ^ -1)
print(f'{2**100:,} {2**100:_x} {-2**70:#x} {2**64:>30} {2**64:e} {2**70:.3f} {2**64:n}')
print('%d %x %o %X' % (2**70, 2**70, -2**70, 255))
print(10**20/3, (2**1000+1)/2**999, 7/2, 9007199254740993/1, divmod(-2**70, 3))
print(int(1e20), int(-2.5e30), round(2**70, -5), round(12345678901234567890123, -10))
print(hash(10**20), {10**20: 1, 2.0**70: 2}, {2**70: 'a'}[2.0**70])
print(pow(3, 10**20, 10**9+7), pow(38, -1, 97), pow(-3, 5, -7), (2**100).to_bytes(13, 'big'), int.from_bytes(b'\xff\xfe', 'little', signed=True))
import math
print(math.factorial(30), math.gcd(2**80, 6**40), math.isqrt(10**40), math.comb(100, 50), math.log(10**400), math.log2(2**2000), math.floor(1e20))
print(int('0x_ff', 0), int(' -0b101 ', 0), int('z'*20, 36), hex(-2**70), oct(2**65), bin(2**65))
print(abs(-2**63), -(-2**63), 2**63, -9223372036854775808, sum([2**62]*8), max(2**70, 3.0), sorted([2**70, -1, 2.5, 2**64]))
print((2**70).bit_count(), True.bit_length(), (10**25).as_integer_ratio(), 0/-5)
