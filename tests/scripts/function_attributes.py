# Decorators that expose state as function attributes and read __name__/__doc__ for a help listing.
def command(fn):
    fn.is_command = True
    fn.calls = 0
    return fn

@command
def greet(name):
    """Say hello."""
    greet.calls += 1
    return f"hello {name}"

@command
def add(a, b):
    """Add two numbers."""
    add.calls += 1
    return a + b

print(greet("ann"), greet("bob"), add(2, 3))
for fn in (greet, add):
    print(f"{fn.__name__:<6} {fn.__doc__:<20} calls={fn.calls} command={fn.is_command}")
