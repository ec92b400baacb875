# 2D vector class with operator dunders, used for polygon area, centroid and convex hull.
import math

class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    def __truediv__(self, k):
        return Vec(self.x / k, self.y / k)
    def __eq__(self, o):
        return self.x == o.x and self.y == o.y
    def __lt__(self, o):
        return (self.x, self.y) < (o.x, o.y)
    def dot(self, o):
        return self.x * o.x + self.y * o.y
    def cross(self, o):
        return self.x * o.y - self.y * o.x
    def length(self):
        return math.hypot(self.x, self.y)
    def __repr__(self):
        return f"Vec({self.x}, {self.y})"

def area(poly):
    return abs(sum(a.cross(b) for a, b in zip(poly, poly[1:] + poly[:1]))) / 2

def centroid(poly):
    total = Vec(0, 0)
    for p in poly:
        total = total + p
    return total / len(poly)

def hull(points):
    pts = sorted(points)
    def half(seq):
        out = []
        for p in seq:
            while len(out) >= 2 and (out[-1] - out[-2]).cross(p - out[-2]) <= 0:
                out.pop()
            out.append(p)
        return out
    lower, upper = half(pts), half(pts[::-1])
    return lower[:-1] + upper[:-1]

square = [Vec(0, 0), Vec(4, 0), Vec(4, 4), Vec(0, 4)]
print(area(square), centroid(square), (square[2] - square[0]).length())
a, b = Vec(3, 4), Vec(-4, 3)
print(a + b, a - b, a * 2, a.dot(b), a.cross(b), a.length(), a == Vec(3, 4))
angle = math.degrees(math.acos(a.dot(Vec(1, 0)) / a.length()))
print(round(angle, 4))
pts = [Vec(x, y) for x, y in [(0, 0), (2, 1), (4, 0), (3, 2), (4, 4), (2, 3), (0, 4), (1, 2), (2, 2)]]
h = hull(pts)
print(h, area(h))
tri = [Vec(0, 0), Vec(5, 0), Vec(0, 3)]
print(area(tri), centroid(tri))
