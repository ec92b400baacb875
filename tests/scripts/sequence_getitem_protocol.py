# The old sequence protocol: a class with only __getitem__ (raising IndexError) is iterable and supports `in`.
class Squares:
    def __init__(self, n):
        self.n = n
    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError(i)
        return i * i

sq = Squares(6)
print(list(sq), 16 in sq, 17 in sq, sum(sq), [x for x in sq if x % 2])
for i, v in enumerate(Squares(3)):
    print(i, v)
