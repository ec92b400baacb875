# Function signatures: defaults, keyword-only, *args/**kwargs forwarding, argument unpacking, errors.
def connect(host, port=5432, *, timeout=10, retries=3, **options):
    opts = ", ".join(f"{k}={v!r}" for k, v in sorted(options.items()))
    return f"{host}:{port} timeout={timeout} retries={retries}" + (f" [{opts}]" if opts else "")

print(connect("db"))
print(connect("db", 6543, timeout=1))
print(connect(port=1, host="h", ssl=True, user="admin"))
args = ("replica", 7000)
kwargs = {"retries": 0, "app": "shoal"}
print(connect(*args, **kwargs))

def log_calls(fn):
    def wrapper(*args, **kwargs):
        print(f"-> {len(args)} positional, keywords {sorted(kwargs)}")
        return fn(*args, **kwargs)
    return wrapper

@log_calls
def volume(l, w=1, h=1):
    return l * w * h

print(volume(2), volume(2, 3), volume(2, h=4), volume(l=1, w=2, h=3))

def stats(*numbers, precision=2):
    if not numbers:
        return None
    mean = sum(numbers) / len(numbers)
    return round(mean, precision), min(numbers), max(numbers)

print(stats(1, 2, 3, 4), stats(*range(10), precision=0), stats())

def merge(*dicts, **overrides):
    out = {}
    for d in dicts:
        for k, v in d.items():
            out[k] = v
    for k, v in overrides.items():
        out[k] = v
    return out

print(merge({"a": 1}, {"b": 2, "a": 3}, c=4, a=0))
errors = [
    lambda: connect(),
    lambda: connect("h", 1, 2),
    lambda: connect("h", timeout=1, timeout_s=2) and volume(1, 2, 3, 4),
    lambda: volume(1, l=2),
    lambda: stats(1, precision=1, extra=2),
]
for e in errors:
    try:
        e()
    except TypeError as err:
        print("TypeError:", err)
