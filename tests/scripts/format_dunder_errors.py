# __format__ errors: object's __format__ takes only an empty spec; __format__ must return a str.
class P:
    pass
class Q:
    def __format__(self, spec):
        return 42
p = P()
print(format(p, "") == str(p))
for thing in (lambda: f"{P():>10}", lambda: format(Q(), "x"), lambda: "{:x}".format(P())):
    try:
        print(thing())
    except TypeError as e:
        print("TypeError:", e)
