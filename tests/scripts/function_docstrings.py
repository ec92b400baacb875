# __doc__ of functions: a string literal opening the body, else None (lambdas too).
def f():
    "doc f"
    return 1
def g():
    x = 1
    "not doc"
h = lambda: 0
print(f.__doc__, g.__doc__, h.__doc__)
