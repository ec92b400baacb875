# int() and float() of instances: __int__, __index__, __float__ and their errors.
class A:
    def __int__(self):
        return "x"

    def __float__(self):
        return "y"


class B:
    def __index__(self):
        return 7


class Plain:
    pass


for f in (lambda: int(A()), lambda: float(A()), lambda: int(B()), lambda: float(B()),
          lambda: int(Plain()), lambda: float(Plain())):
    try:
        print(f())
    except TypeError as e:
        print("TypeError:", e)
