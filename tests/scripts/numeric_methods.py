# Numerical methods with floats: bisection, Newton's method, Simpson integration, Euler ODE, series sums.
import math

def bisect(f, lo, hi, tol=1e-10):
    steps = 0
    while hi - lo > tol:
        mid = (lo + hi) / 2
        if (f(lo) < 0) == (f(mid) < 0):
            lo = mid
        else:
            hi = mid
        steps += 1
    return (lo + hi) / 2, steps

def newton(f, df, x, tol=1e-12):
    for i in range(50):
        dx = f(x) / df(x)
        x -= dx
        if abs(dx) < tol:
            return x, i + 1
    return x, 50

def simpson(f, a, b, n=100):
    h = (b - a) / n
    s = f(a) + f(b)
    for i in range(1, n):
        s += (4 if i % 2 else 2) * f(a + i * h)
    return s * h / 3

def euler(dydt, y0, t_end, steps):
    y, t, h = y0, 0.0, t_end / steps
    for _ in range(steps):
        y += h * dydt(t, y)
        t += h
    return y

root, steps = bisect(lambda x: x * x - 2, 0, 2)
print(f"bisect sqrt2 = {root:.10f} in {steps} steps")
r, it = newton(lambda x: x ** 3 - 2 * x - 5, lambda x: 3 * x * x - 2, 2.0)
print(f"newton root = {r:.12f} after {it} iterations")
print(f"integral sin 0..pi = {simpson(math.sin, 0, math.pi):.10f}")
print(f"integral x^2 0..3 = {simpson(lambda x: x * x, 0, 3):.10f}")
for n in (10, 100, 1000):
    print(f"euler e with {n:>4} steps = {euler(lambda t, y: y, 1.0, 1.0, n):.6f}")
leibniz = 4 * sum((-1) ** k / (2 * k + 1) for k in range(1000))
basel = sum(1 / k ** 2 for k in range(1, 1000))
print(f"{leibniz:.6f} {math.sqrt(6 * basel):.6f} {math.pi:.6f}")
e_series = sum(1 / math.factorial(k) for k in range(15))
print(e_series, math.e, math.isclose(e_series, math.e))
print(round(0.1 + 0.2, 15), 0.1 + 0.2, 1 / 3 * 3, 2 ** 0.5 * 2 ** 0.5, 1e-16 + 1.0 == 1.0)
