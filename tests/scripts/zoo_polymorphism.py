# Polymorphism across an animal class hierarchy: overridden methods, class attributes, super() and sorting.
class Animal:
    sound = "..."
    legs = 4
    count = 0

    def __init__(self, name, age):
        self.name, self.age = name, age
        Animal.count += 1

    def speak(self):
        return f"{self.name} says {self.sound}"

    def __str__(self):
        return f"{type(self).__name__}({self.name}, {self.age})"

    def __lt__(self, other):
        return (self.age, self.name) < (other.age, other.name)

class Dog(Animal):
    sound = "woof"
    def fetch(self):
        return f"{self.name} fetches!"

class Puppy(Dog):
    sound = "yip"
    def speak(self):
        return super().speak() + " (tail wagging)"

class Bird(Animal):
    sound = "tweet"
    legs = 2
    def __init__(self, name, age, can_fly=True):
        super().__init__(name, age)
        self.can_fly = can_fly
    def speak(self):
        base = super().speak()
        return base if self.can_fly else base + " from the ground"

class Snake(Animal):
    sound = "hiss"
    legs = 0

zoo = [Dog("rex", 5), Puppy("bit", 1), Bird("tweety", 2), Bird("pingu", 7, can_fly=False), Snake("kaa", 12)]
for a in zoo:
    print(f"{str(a):<22} legs={a.legs} {a.speak()}")
print([str(a) for a in sorted(zoo)])
print(sum(a.legs for a in zoo), Animal.count, max(zoo).name, min(zoo).name)
print([a.fetch() for a in zoo if isinstance(a, Dog)])
print([a.name for a in zoo if hasattr(a, "can_fly") and not a.can_fly])
by_kind = {}
for a in zoo:
    by_kind.setdefault(type(a).__name__, []).append(a.name)
print(by_kind)
try:
    zoo[2].fetch()
except AttributeError as e:
    print("AttributeError:", e)
