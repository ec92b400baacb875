import sys
print(sys.exc_info(), sys.exception())
def inner():
    t, v, tb = sys.exc_info()
    return t.__name__, str(v), tb is not None
try:
    1 / 0
except ZeroDivisionError:
    print(inner(), type(sys.exception()).__name__)
    try:
        raise KeyError("k")
    except KeyError:
        print(sys.exc_info()[0].__name__)
    print(sys.exc_info()[0].__name__)
print(sys.exc_info())
