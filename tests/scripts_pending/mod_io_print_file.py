# print(..., file=stream) calls stream.write: into a StringIO and into
# any object with a write method.
import io

s = io.StringIO()
print("a", 1, 2.5, sep="-", end="!\n", file=s)
print(file=s)
print("%s " % "x", end="", file=s)
print(repr(s.getvalue()))


class Collect:
    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)
        return len(text)


c = Collect()
print("hi", 3, end="", file=c)
print(c.parts)
print("to stdout", file=None)
