# Inspecting and updating instance attributes with vars(): config objects, serialization, diffing.
class Settings:
    version = 3  # class attribute, not in vars(instance)

    def __init__(self, **overrides):
        self.width = 800
        self.height = 600
        self.fullscreen = False
        self.volume = 0.8
        for key, value in overrides.items():
            if key not in vars(self):
                raise AttributeError(f"unknown setting {key!r}")
            setattr(self, key, value)

    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"Settings({fields})"

default = Settings()
custom = Settings(width=1920, height=1080, fullscreen=True)
print(default)
print(custom)
print(vars(default))
print("version" in vars(default), "version" in vars(Settings), default.version)

def diff(a, b):
    va, vb = vars(a), vars(b)
    return {k: (va[k], vb[k]) for k in va if va[k] != vb[k]}

print(diff(default, custom))

# vars() returns the live __dict__: writing to it changes the object.
vars(default)["volume"] = 0.25
vars(default).update(height=720, vsync=True)
print(default.volume, default.height, default.vsync, default.__dict__ is vars(default))

# Round-trip through a plain dict, like saving to JSON.
saved = dict(vars(custom))
restored = Settings.__new__(Settings)
vars(restored).update(saved)
print(restored, vars(restored) == vars(custom), restored is custom)

class Sprite:
    def __init__(self, name, x, y):
        self.name = name
        self.x = x
        self.y = y

    def move(self, dx, dy):
        self.x += dx
        self.y += dy

s = Sprite("hero", 1, 2)
s.move(3, -1)
s.hp = 10
print(sorted(vars(s).items()))
print({k: v for k, v in vars(s).items() if isinstance(v, int)})
del s.hp
print(vars(s), hasattr(s, "hp"))
print(list(vars(Sprite).keys())[:3])
print(Settings(colour="blue"))
