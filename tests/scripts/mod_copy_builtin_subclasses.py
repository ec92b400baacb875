import copy
class L(list): pass
class D(dict): pass
class S(set): pass

class I(int): pass
class Str(str): pass
class T(tuple): pass
for x in (L([1, 2]), D(a=1), S({1, 2}), I(7), Str("hi"), T((1, 2))):
    x2 = x
    try: x.tag = "t"
    except AttributeError: pass
    for fn in (copy.copy, copy.deepcopy):
        try:
            y = fn(x)
            print(fn.__name__, type(y).__name__, repr(y), getattr(y, "tag", None))
        except Exception as e:
            print(fn.__name__, type(x).__name__, type(e).__name__, e)
