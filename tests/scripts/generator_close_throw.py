# generator.close() and generator.throw(): cleanup with finally, catching thrown errors, and the errors close() reports.
def reader(name):
    print("open", name)
    try:
        for i in range(100):
            yield f"{name}:{i}"
    except GeneratorExit:
        print("GeneratorExit in", name)
        raise
    finally:
        print("close", name)

g = reader("log")
print(next(g), next(g))
g.close()
print("closed", g.close())
try:
    next(g)
except StopIteration:
    print("exhausted after close")

def worker():
    total = 0
    while True:
        try:
            x = yield total
            total += x
        except ValueError as e:
            print("bad input:", e)
            total = -1
        except KeyError:
            return "stopped"

w = worker()
next(w)
print(w.send(5), w.send(7))
print(w.throw(ValueError("negative")))
print(w.throw(ValueError, "again"))
try:
    w.throw(KeyError)
except StopIteration as e:
    print("returned", e.value)
try:
    w.throw(IndexError("late"))
except IndexError as e:
    print("finished generator re-raises:", e)

fresh = reader("unused")
try:
    fresh.throw(RuntimeError("before start"))
except RuntimeError as e:
    print("unstarted:", e)
print(fresh.close(), list(fresh))

def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print("ignoring")
    yield 2

s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print(e)
print(list(s))

def leaks_stop():
    yield 1
    raise StopIteration("inside")

try:
    print(list(leaks_stop()))
except RuntimeError as e:
    print(e)
try:
    reader("x").throw(42)
except TypeError as e:
    print(e)
