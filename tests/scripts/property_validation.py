# Properties with validation, computed read-only attributes and setters that convert units.
class Temperature:
    def __init__(self, celsius=0.0):
        self.celsius = celsius

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError(f"{value} is below absolute zero")
        self._c = float(value)

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, value):
        self.celsius = (value - 32) * 5 / 9

    @property
    def kelvin(self):
        return self._c + 273.15

class Person:
    def __init__(self, first, last, age):
        self.first, self.last = first, last
        self.age = age

    @property
    def age(self):
        return self._age

    @age.setter
    def age(self, value):
        if not isinstance(value, int):
            raise TypeError(f"age must be int, not {type(value).__name__}")
        if not 0 <= value <= 150:
            raise ValueError(f"age out of range: {value}")
        self._age = value

    @property
    def full_name(self):
        return f"{self.first} {self.last}"

t = Temperature(25)
print(t.celsius, t.fahrenheit, round(t.kelvin, 2))
t.fahrenheit = 212
print(t.celsius, t.fahrenheit)
t.celsius = -40
print(t.celsius == t.fahrenheit)
for bad in [-300, -273.15]:
    try:
        t.celsius = bad
        print("set", t.celsius)
    except ValueError as e:
        print("ValueError:", e)
p = Person("Grace", "Hopper", 85)
print(p.full_name, p.age)
p.age += 1
print(p.age)
for bad in ["old", 200, 3.5]:
    try:
        p.age = bad
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
try:
    p.full_name = "x"
except AttributeError as e:
    print("AttributeError raised for read-only property")
print(p.age, p.full_name)
