# NameError suggestions: caught errors print none; the uncaught one suggests a local.
import sys
def f(count):
    values = [1, 2]
    try:
        return valeus
    except NameError as e:
        print("caught:", e)
    try:
        prnt("x")
    except NameError as e:
        print("caught:", e)
    return cout
f(1)
