# Catching through the built-in exception hierarchy: LookupError, ArithmeticError, Exception, ordering of handlers.
def risky(kind):
    if kind == "key":
        return {}["k"]
    if kind == "index":
        return [][1]
    if kind == "zero":
        return 1 / 0
    if kind == "value":
        return int("x")
    if kind == "type":
        return "a" - 1
    if kind == "attr":
        return None.missing
    if kind == "assert":
        assert False, "boom"
    if kind == "runtime":
        raise RuntimeError("custom runtime")
    if kind == "notimpl":
        raise NotImplementedError("later")
    return "fine"

for kind in ["key", "index", "zero", "value", "type", "attr", "assert", "runtime", "notimpl", "none"]:
    try:
        result = risky(kind)
    except LookupError as e:
        print(f"{kind:>8}: LookupError/{type(e).__name__}: {e}")
    except ArithmeticError as e:
        print(f"{kind:>8}: ArithmeticError/{type(e).__name__}: {e}")
    except (TypeError, ValueError) as e:
        print(f"{kind:>8}: TypeError-or-ValueError/{type(e).__name__}: {e}")
    except RuntimeError as e:
        print(f"{kind:>8}: RuntimeError/{type(e).__name__}: {e}")
    except Exception as e:
        print(f"{kind:>8}: Exception/{type(e).__name__}: {e}")
    else:
        print(f"{kind:>8}: ok {result}")

print(isinstance(KeyError("x"), LookupError), isinstance(ZeroDivisionError(), ArithmeticError),
      isinstance(NotImplementedError(), RuntimeError), isinstance(ValueError(), Exception))
err = KeyError("missing")
print(repr(err), str(err), err.args, repr(ValueError("bad", 2)), str(ValueError("bad", 2)))
try:
    try:
        risky("zero")
    except ZeroDivisionError:
        print("inner handler re-raising")
        raise
except ArithmeticError as e:
    print("outer got", type(e).__name__)
