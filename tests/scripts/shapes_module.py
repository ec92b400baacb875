# A module of shape classes imported by import_shapes_module.py; runs a self-test when executed directly.
import math

PRECISION = 3
_created = []

class Shape:
    kind = "shape"
    def __init__(self):
        _created.append(self.kind)
    def area(self):
        raise NotImplementedError(f"{type(self).__name__}.area")
    def describe(self):
        return f"{self.kind} area={round(self.area(), PRECISION)}"

class Circle(Shape):
    kind = "circle"
    def __init__(self, r):
        super().__init__()
        self.r = r
    def area(self):
        return math.pi * self.r ** 2

class Rect(Shape):
    kind = "rect"
    def __init__(self, w, h):
        super().__init__()
        self.w, self.h = w, h
    def area(self):
        return self.w * self.h

def created():
    return list(_created)

def total_area(shapes):
    return round(sum(s.area() for s in shapes), PRECISION)

if __name__ == "__main__":
    print("self-test:", Circle(1).describe(), Rect(2, 3).describe(), created())
