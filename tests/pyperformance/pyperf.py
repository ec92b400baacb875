"""A stand-in for the `pyperf` harness pyperformance's benchmarks import
(written for Shoal): each benchmark runs once and prints what it returned,
so that its output can be compared between Python implementations. Only
what the benchmarks call is here."""

import sys
import time

# `--shim-times PATH` (taken off the command line before the benchmark
# sees it): the CPU seconds spent inside the benchmark's functions are
# appended to PATH, one line per function, for `shoal bench pyperformance`.
_TIMES = None
if "--shim-times" in sys.argv:
    _at = sys.argv.index("--shim-times")
    _TIMES = sys.argv[_at + 1]
    del sys.argv[_at:_at + 2]


def _timed(func, *args):
    start = time.process_time()
    result = func(*args)
    if _TIMES is not None:
        with open(_TIMES, "a") as out:
            out.write("%r\n" % (time.process_time() - start))
    return result


def perf_counter():
    return time.perf_counter()


def python_implementation():
    return sys.implementation.name


class _Namespace:
    pass


class _ArgParser:
    """The part of argparse the benchmarks use: options with defaults,
    overridden by `--name value` on the command line."""

    def __init__(self):
        self._options = []

    def add_argument(self, *names, **kwargs):
        long = [n for n in names if n.startswith("--")]
        dest = kwargs.get("dest")
        if dest is None:
            dest = (long[0] if long else names[0]).lstrip("-").replace("-", "_")
        action = kwargs.get("action")
        default = kwargs.get("default")
        if action == "store_true" and default is None:
            default = False
        self._options.append((names, dest, action, kwargs.get("type"), default))

    def parse_args(self, argv=None):
        if argv is None:
            argv = sys.argv[1:]
        ns = _Namespace()
        for names, dest, action, kind, default in self._options:
            setattr(ns, dest, default)
        i = 0
        while i < len(argv):
            arg = argv[i]
            for names, dest, action, kind, default in self._options:
                if arg in names:
                    if action == "store_true":
                        setattr(ns, dest, True)
                    else:
                        i += 1
                        value = argv[i]
                        setattr(ns, dest, kind(value) if kind else value)
                    break
            else:
                raise SystemExit("pyperf stand-in: unknown option %r" % arg)
            i += 1
        return ns


def _show(name, result):
    if result is None or isinstance(result, float):
        print("%s: ran" % name)
    elif isinstance(result, (int, str, bool, list, tuple, dict)):
        text = repr(result)
        if len(text) > 300:
            text = text[:300] + "... (%d characters)" % len(text)
        print("%s: %s" % (name, text))
    else:
        print("%s: %s" % (name, type(result).__name__))


class Runner:
    def __init__(self, *args, **kwargs):
        self.metadata = {}
        self.argparser = _ArgParser()
        self.args = None

    def parse_args(self, args=None):
        self.args = self.argparser.parse_args(args)
        return self.args

    def bench_func(self, name, func, *args, inner_loops=None, metadata=None):
        _show(name, _timed(func, *args))

    def bench_time_func(self, name, func, *args, inner_loops=None, metadata=None):
        elapsed = _timed(func, 1, *args)
        if not isinstance(elapsed, float) or elapsed < 0:
            raise SystemExit("%s returned %r, not a time" % (name, elapsed))
        print("%s: ran" % name)
