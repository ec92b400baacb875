# A context manager that indents nested log output, used to trace a recursive computation.
class Logger:
    def __init__(self):
        self.depth = 0
        self.lines = []

    def log(self, msg):
        self.lines.append("  " * self.depth + msg)

    def section(self, title):
        return Section(self, title)

class Section:
    def __init__(self, logger, title):
        self.logger, self.title = logger, title

    def __enter__(self):
        self.logger.log(f"> {self.title}")
        self.logger.depth += 1
        return self.logger

    def __exit__(self, exc_type, exc, tb):
        self.logger.depth -= 1
        status = "ok" if exc_type is None else f"failed ({exc_type.__name__}: {exc})"
        self.logger.log(f"< {self.title} {status}")
        return False

log = Logger()

def merge_sort(xs):
    with log.section(f"sort {xs}") as lg:
        if len(xs) <= 1:
            return xs
        mid = len(xs) // 2
        left, right = merge_sort(xs[:mid]), merge_sort(xs[mid:])
        out = []
        while left and right:
            out.append(left.pop(0) if left[0] <= right[0] else right.pop(0))
        out += left + right
        lg.log(f"merged -> {out}")
        return out

print(merge_sort([5, 2, 4, 1]))
print("\n".join(log.lines))
log.lines.clear()
try:
    with log.section("outer"):
        with log.section("inner"):
            log.log("about to fail")
            {}["nope"]
except KeyError:
    log.log("handled at top level")
print("\n".join(log.lines), log.depth)
