# Explicit two-argument super(Class, self) calls in an inheritance chain.
class Base:
    def __init__(self, name):
        self.name = name
    def greet(self):
        return f"hello {self.name}"

class Child(Base):
    def __init__(self, name, age):
        super(Child, self).__init__(name)
        self.age = age
    def greet(self):
        return super(Child, self).greet() + f" ({self.age})"

print(Child("ann", 7).greet())
