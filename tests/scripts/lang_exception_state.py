# Exception state: an except clause left by a raise stops handling; __context__ chains.
try:
    try:
        1/0
    except ZeroDivisionError:
        raise KeyError("k")
except KeyError:
    pass
try:
    raise ValueError("later, unrelated")
except ValueError as e:
    print(repr(e.__context__))
import sys
print(sys.exc_info())
print("done")


def helper():
    raise KeyError("inner")


try:
    try:
        raise ValueError("outer")
    except ValueError:
        helper()
except KeyError as e:
    print(repr(e), repr(e.__context__))
print(sys.exc_info())
