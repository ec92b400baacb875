# Taking the first items of an infinite generator through enumerate() and zip().
def naturals():
    n = 0
    while True:
        yield n
        n += 1

squares = []
for i, n in enumerate(naturals()):
    if i == 5:
        break
    squares.append(n * n)
print(squares)
print(list(zip("abc", naturals())))
