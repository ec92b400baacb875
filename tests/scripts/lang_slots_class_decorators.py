# __slots__ refuses other attributes; class decorators with arguments.
def register(name, *, tags=()):
    def deco(cls):
        cls.registered = (name, tags)
        return cls
    return deco

@register("unit", tags=("a", "b"))
class Unit:
    __slots__ = ("hp", "name")
    def __init__(self, hp, name):
        self.hp = hp
        self.name = name

u = Unit(5, "orc")
print(Unit.registered, u.hp, u.name, Unit.__slots__)
try:
    u.other = 1
except AttributeError as e:
    print("AttributeError", e)
