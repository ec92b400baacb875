# A module imported by imports.py (also runs on its own).
print("loading helpers", __name__)
GREETING = "hello"
def shout(s):
    return s.upper() + "!"
class Counter:
    def __init__(self):
        self.n = 0
    def tick(self):
        self.n += 1
        return self.n
