# The old sequence protocol: an error other than IndexError escapes the
# loop; StopIteration from __getitem__ ends it; a class with neither
# __iter__ nor __getitem__ is not iterable.
class Broken:
    def __getitem__(self, i):
        if i == 2:
            raise KeyError("boom at 2")
        return i


class Stops:
    def __getitem__(self, i):
        if i == 3:
            raise StopIteration
        return "abc"[i]


class Nothing:
    pass


try:
    for x in Broken():
        print("got", x)
except KeyError as e:
    print("KeyError:", e)
print(list(Stops()), "b" in Stops(), "z" in Stops())
try:
    iter(Nothing())
except TypeError as e:
    print("TypeError:", e)
