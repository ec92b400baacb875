# Unpacking, swaps, nested scopes and comprehension scopes.
a, b = 1, 2
a, b = b, a
(c, d), e = (3, 4), 5
print(a, b, c, d, e)
head, *tail = "xyz"
*init, last = [1, 2, 3, 4]
print(head, tail, init, last)
pairs = [(1, "one"), (2, "two")]
for number, word in pairs:
    print(number, word)
x = "global x"
def outer():
    x = "outer x"
    def inner():
        return x
    return inner()
print(outer(), x)
squares = [x * x for x in range(4)]
print(squares, x)
values = [y for y in range(10) if (z := y * 2) > 10]
print(values, z)
def scoped():
    total = 0
    items = [total + i for i in range(3)]
    return items, total
print(scoped())
def make_adders():
    return [lambda v, i=i: v + i for i in range(3)]
print([f(10) for f in make_adders()])
def shadow(list_=None):
    if list_ is None:
        list_ = []
    list_.append(len(list_))
    return list_
print(shadow(), shadow(), shadow([9]))
