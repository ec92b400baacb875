# Duck typing across shape classes; calling a method one class lacks raises AttributeError.
class Circle:
    def __init__(self, r):
        self.r = r
    def area(self):
        return 3.14159 * self.r * self.r
    def perimeter(self):
        return 2 * 3.14159 * self.r

class Square:
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s * self.s
    def perimeter(self):
        return 4 * self.s

class Line:
    def __init__(self, length):
        self.length = length
    def perimeter(self):
        return self.length

shapes = [Circle(1), Square(3), Line(5)]
for s in shapes:
    kind = type(s).__name__
    print(f"{kind:<7}", round(s.perimeter(), 3), hasattr(s, "area"), getattr(s, "area", None) is None)
print(sum(s.area() for s in shapes if hasattr(s, "area")))
try:
    shapes[0].volume()
except AttributeError as e:
    print("error:", e)
print([round(s.area(), 2) for s in shapes])
