# Grouping a flat list into pairs and triples with the zip(*[iter(seq)] * n) idiom.
def chunks(seq, n):
    it = iter(seq)
    return list(zip(*[it] * n))

flat = ["ann", 31, "bob", 27, "cy", 45]
print(dict(chunks(flat, 2)))
print(chunks(range(9), 3))
it = iter("abcdef")
print(list(zip(it, it)))
