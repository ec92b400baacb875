# A particle simulation with a Vec class using unary minus and abs() dunders.
class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    def __neg__(self):
        return Vec(-self.x, -self.y)
    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __repr__(self):
        return f"Vec({self.x:.2f}, {self.y:.2f})"

pos, vel = Vec(0, 10), Vec(2, 0)
gravity = Vec(0, -9.8)
for step in range(5):
    vel = vel + gravity * 0.1
    pos = pos + vel * 0.1
    if pos.y < 0:
        vel = -vel
    print(step, pos, vel, round(abs(vel), 3))
