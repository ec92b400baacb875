# Attributes on functions: counters kept on the function, deleted again, and the errors.
def tick():
    tick.count += 1
    return tick.count


tick.count = 0
for _ in range(3):
    tick()
print(tick.count, tick.__name__)
del tick.count
try:
    tick()
except AttributeError as e:
    print("AttributeError:", e)
try:
    del tick.count
except AttributeError as e:
    print("AttributeError:", e)
handlers = {}


def register(fn):
    fn.registered = True
    handlers[fn.__name__] = fn
    return fn


@register
def greet(who):
    return "hi " + who


print(greet.registered, handlers["greet"]("ann"))
