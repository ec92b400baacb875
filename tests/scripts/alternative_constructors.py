# classmethod alternative constructors, staticmethod helpers and class-level registries/counters.
class Color:
    registry = {}
    count = 0

    def __init__(self, r, g, b, name=None):
        for v in (r, g, b):
            if not 0 <= v <= 255:
                raise ValueError(f"channel out of range: {v}")
        self.r, self.g, self.b = r, g, b
        self.name = name
        Color.count += 1
        if name:
            Color.registry[name] = self

    @classmethod
    def from_hex(cls, text, name=None):
        text = text.lstrip("#")
        if len(text) == 3:
            text = "".join(c * 2 for c in text)
        return cls(int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16), name)

    @classmethod
    def from_name(cls, name):
        return cls.registry[name]

    @classmethod
    def gray(cls, level):
        return cls(level, level, level)

    @staticmethod
    def clamp(v):
        return max(0, min(255, int(round(v))))

    def mix(self, other, t=0.5):
        return Color(*(Color.clamp(a + (b - a) * t) for a, b in [(self.r, other.r), (self.g, other.g), (self.b, other.b)]))

    def hex(self):
        return "#" + "".join(f"{v:02x}" for v in (self.r, self.g, self.b))

    def __repr__(self):
        return f"Color({self.r}, {self.g}, {self.b}{', ' + repr(self.name) if self.name else ''})"

red = Color(255, 0, 0, "red")
blue = Color.from_hex("#00f", "blue")
teal = Color.from_hex("008080", "teal")
print(red, blue, teal, Color.gray(128))
print(red.mix(blue).hex(), red.mix(blue, 0.25), Color.from_name("teal").hex())
print(Color.clamp(300), Color.clamp(-5), Color.clamp(127.5), red.clamp(12.4))
print(Color.count, sorted(Color.registry))

class Shade(Color):
    @classmethod
    def gray(cls, level):
        c = super().gray(level)
        c.name = f"gray{level}"
        return c

s = Shade.gray(64)
print(type(s).__name__, s, Shade.from_hex("fff"), type(Shade.from_hex("fff")).__name__)
try:
    Color.from_hex("zz0000")
except ValueError as e:
    print("ValueError:", e)
try:
    Color(0, 256, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    Color.from_name("purple")
except KeyError as e:
    print("KeyError:", e)
