"""Iterator building blocks, as CPython's `itertools` module.

Offers every public name of CPython 3.11's `itertools`: count, cycle,
repeat, accumulate, chain (and chain.from_iterable), compress, dropwhile,
filterfalse, groupby, islice, pairwise, starmap, takewhile, tee,
zip_longest, product, permutations, combinations and
combinations_with_replacement. Each is a lazy iterator class with CPython's
argument checks and error messages, producing items in CPython's order and
consuming its input as CPython's does.

Left out: pickling and copying the iterators (`__reduce__`,
`__setstate__`, except `__copy__` of tee objects) and `__length_hint__`
other than repeat's.
"""

_NULL = object()   # "no value": an argument not given, a state not yet filled


def _count_args(name, args, kwargs, names, required, positional=None):
    """Checks the arguments of a built-in taking `names` (the first
    `required` of them needed; the first `positional` of them may be given
    by position) the way CPython's argument parser does, and returns their
    values (_NULL for one not given)."""
    if positional is None:
        positional = len(names)
    n = len(args)
    if n > positional:
        if positional < len(names):
            raise TypeError("%s() takes at most %d positional argument%s (%d given)"
                            % (name, positional, "" if positional == 1 else "s", n))
        raise TypeError("%s() takes at most %d argument%s (%d given)"
                        % (name, positional, "" if positional == 1 else "s", n))
    values = list(args) + [_NULL] * (len(names) - n)
    if kwargs:
        if n + len(kwargs) > len(names):
            raise TypeError("%s() takes at most %d keyword argument%s (%d given)"
                            % (name, len(names), "" if len(names) == 1 else "s",
                               n + len(kwargs)))
        for key in kwargs:
            if key not in names:
                raise TypeError("'%s' is an invalid keyword argument for %s()" % (key, name))
            i = names.index(key)
            if i < n:
                raise TypeError("argument for %s() given by name ('%s') and position (%d)"
                                % (name, key, i + 1))
            values[i] = kwargs[key]
    for i in range(required):
        if values[i] is _NULL:
            raise TypeError("%s() missing required argument '%s' (pos %d)"
                            % (name, names[i], i + 1))
    return values


def _no_kwargs(name, kwargs):
    if kwargs:
        raise TypeError("%s() takes no keyword arguments" % name)


def _arg_count(name, args, low, high):
    """CPython's "name expected N arguments, got M" check."""
    n = len(args)
    if low <= n <= high:
        return
    if low == high:
        raise TypeError("%s expected %d argument%s, got %d"
                        % (name, low, "" if low == 1 else "s", n))
    if n < low:
        raise TypeError("%s expected at least %d argument%s, got %d"
                        % (name, low, "" if low == 1 else "s", n))
    raise TypeError("%s expected at most %d argument%s, got %d"
                    % (name, high, "" if high == 1 else "s", n))


def _index(x):
    """x as an int, as CPython's operator.index does."""
    if type(x) is int:
        return x
    if isinstance(x, int):
        return int(x)
    method = getattr(type(x), "__index__", None)
    if method is None:
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(x).__name__)
    return method(x)


def _ssize(x):
    """x as a C ssize_t: an int that fits 64 bits."""
    x = _index(x)
    if x > 9223372036854775807 or x < -9223372036854775808:
        raise OverflowError("Python int too large to convert to C ssize_t")
    return x


def _is_number(x):
    if isinstance(x, (int, float)):
        return True
    t = type(x)
    for name in ("__index__", "__int__", "__float__", "__complex__"):
        if hasattr(t, name):
            return True
    return False


class count:
    """count(start=0, step=1): start, start+step, start+2*step, ..."""

    def __init__(self, *args, **kwargs):
        if kwargs or len(args) > 2:
            start, step = _count_args("count", args, kwargs, ["start", "step"], 0)
            if start is _NULL:
                start = 0
            if step is _NULL:
                step = 1
        else:
            start = args[0] if args else 0
            step = args[1] if len(args) > 1 else 1
        if not _is_number(start) or not _is_number(step):
            raise TypeError("a number is required")
        if type(step) in (int, bool) and step == 1 and type(start) is bool:
            start = int(start)
        self._n = start
        self._step = step

    def __iter__(self):
        return self

    def __next__(self):
        n = self._n
        self._n = n + self._step
        return n

    def __repr__(self):
        step = self._step
        if type(step) in (int, bool) and step == 1:
            return "count(%r)" % (self._n,)
        return "count(%r, %r)" % (self._n, step)


class cycle:
    """cycle(iterable): the items of iterable, then the same again, forever."""

    def __init__(self, *args, **kwargs):
        _no_kwargs("cycle", kwargs)
        _arg_count("cycle", args, 1, 1)
        self._it = iter(args[0])
        self._saved = []
        self._i = 0

    def __iter__(self):
        return self

    def __next__(self):
        it = self._it
        if it is not None:
            for x in it:
                self._saved.append(x)
                return x
            self._it = None
        saved = self._saved
        if not saved:
            raise StopIteration
        i = self._i
        x = saved[i]
        i += 1
        self._i = 0 if i == len(saved) else i
        return x


class repeat:
    """repeat(object[, times]): object, times times or forever."""

    def __init__(self, *args, **kwargs):
        if kwargs or not 1 <= len(args) <= 2:
            obj, times = _count_args("repeat", args, kwargs, ["object", "times"], 1)
        else:
            obj = args[0]
            times = args[1] if len(args) > 1 else _NULL
        if times is _NULL:
            times = None
        else:
            times = _ssize(times)
            if times < 0:
                times = 0
        self._obj = obj
        self._times = times

    def __iter__(self):
        return self

    def __next__(self):
        times = self._times
        if times is None:
            return self._obj
        if times <= 0:
            raise StopIteration
        self._times = times - 1
        return self._obj

    def __length_hint__(self):
        if self._times is None:
            raise TypeError("len() of unsized object")
        return self._times

    def __repr__(self):
        if self._times is None:
            return "repeat(%r)" % (self._obj,)
        return "repeat(%r, %d)" % (self._obj, self._times)


class accumulate:
    """accumulate(iterable[, func, *, initial=None]): running totals (or
    running results of func)."""

    def __init__(self, *args, **kwargs):
        iterable, func, initial = _count_args(
            "accumulate", args, kwargs, ["iterable", "func", "initial"], 1, 2)
        self._it = iter(iterable)
        self._func = None if func is _NULL else func
        self._total = _NULL
        self._initial = None if initial is _NULL else initial

    def __iter__(self):
        return self

    def __next__(self):
        initial = self._initial
        if initial is not None:
            self._initial = None
            self._total = initial
            return initial
        x = next(self._it)
        total = self._total
        if total is _NULL:
            total = x
        elif self._func is None:
            total = total + x
        else:
            total = self._func(total, x)
        self._total = total
        return total


class chain:
    """chain(*iterables): the items of the first iterable, then of the next..."""

    def __init__(self, *iterables, **kwargs):
        _no_kwargs("chain", kwargs)
        self._source = iter(iterables)
        self._active = None

    @classmethod
    def from_iterable(cls, *args, **kwargs):
        """chain.from_iterable(iterables): chain(*iterables), lazily."""
        _no_kwargs("chain.from_iterable", kwargs)
        if len(args) != 1:
            raise TypeError("chain.from_iterable() takes exactly one argument (%d given)"
                            % len(args))
        self = cls()
        self._source = iter(args[0])
        return self

    def __iter__(self):
        return self

    def __next__(self):
        while True:
            active = self._active
            if active is not None:
                for x in active:
                    return x
                self._active = None
            source = self._source
            if source is None:
                raise StopIteration
            for iterable in source:
                self._active = iter(iterable)
                break
            else:
                self._source = None
                raise StopIteration


class compress:
    """compress(data, selectors): the items of data whose selector is true."""

    def __init__(self, *args, **kwargs):
        data, selectors = _count_args("compress", args, kwargs, ["data", "selectors"], 2)
        self._data = iter(data)
        self._selectors = iter(selectors)

    def __iter__(self):
        return self

    def __next__(self):
        data = self._data
        selectors = self._selectors
        while True:
            x = next(data)
            if next(selectors):
                return x


class dropwhile:
    """dropwhile(predicate, iterable): the items of iterable from the first
    for which predicate is false."""

    def __init__(self, *args, **kwargs):
        _no_kwargs("dropwhile", kwargs)
        _arg_count("dropwhile", args, 2, 2)
        self._pred = args[0]
        self._it = iter(args[1])
        self._dropping = True

    def __iter__(self):
        return self

    def __next__(self):
        it = self._it
        if self._dropping:
            pred = self._pred
            for x in it:
                if not pred(x):
                    self._dropping = False
                    return x
            raise StopIteration
        return next(it)


class takewhile:
    """takewhile(predicate, iterable): the items of iterable as long as
    predicate holds for them."""

    def __init__(self, *args, **kwargs):
        _no_kwargs("takewhile", kwargs)
        _arg_count("takewhile", args, 2, 2)
        self._pred = args[0]
        self._it = iter(args[1])
        self._stopped = False

    def __iter__(self):
        return self

    def __next__(self):
        if self._stopped:
            raise StopIteration
        x = next(self._it)
        if self._pred(x):
            return x
        self._stopped = True
        raise StopIteration


class filterfalse:
    """filterfalse(function or None, iterable): the items of iterable for
    which function (or the item itself, for None) is false."""

    def __init__(self, *args, **kwargs):
        _no_kwargs("filterfalse", kwargs)
        _arg_count("filterfalse", args, 2, 2)
        self._pred = args[0]
        self._it = iter(args[1])

    def __iter__(self):
        return self

    def __next__(self):
        pred = self._pred
        if pred is None or pred is bool:
            for x in self._it:
                if not x:
                    return x
        else:
            for x in self._it:
                if not pred(x):
                    return x
        raise StopIteration


class groupby:
    """groupby(iterable, key=None): (key, group) pairs for the runs of
    consecutive items of iterable with equal keys."""

    def __init__(self, *args, **kwargs):
        iterable, key = _count_args("groupby", args, kwargs, ["iterable", "key"], 1)
        self._it = iter(iterable)
        self._keyfunc = None if key is _NULL else key
        self._tgtkey = _NULL
        self._currkey = _NULL
        self._currvalue = _NULL
        self._grouper = None

    def __iter__(self):
        return self

    def _step(self):
        value = next(self._it)
        keyfunc = self._keyfunc
        self._currkey = value if keyfunc is None else keyfunc(value)
        self._currvalue = value

    def __next__(self):
        self._grouper = None
        while True:
            if self._currkey is _NULL:
                pass
            elif self._tgtkey is _NULL:
                break
            else:
                tgt = self._tgtkey
                cur = self._currkey
                if not (tgt is cur or tgt == cur):
                    break
            self._step()
        key = self._currkey
        self._tgtkey = key
        grouper = _grouper(self, key)
        self._grouper = grouper
        return (key, grouper)


class _grouper:
    """One group of a groupby: valid until the groupby moves on."""

    def __init__(self, parent, tgtkey):
        self._parent = parent
        self._tgtkey = tgtkey

    def __iter__(self):
        return self

    def __next__(self):
        parent = self._parent
        if parent._grouper is not self:
            raise StopIteration
        if parent._currvalue is _NULL:
            parent._step()
        tgt = self._tgtkey
        cur = parent._currkey
        if not (tgt is cur or tgt == cur):
            raise StopIteration
        value = parent._currvalue
        parent._currvalue = _NULL
        parent._currkey = _NULL
        return value


_MAXSIZE = 9223372036854775807


def _islice_arg(x, message):
    if x is None:
        return None
    try:
        x = _index(x)
    except TypeError:
        raise ValueError(message) from None
    if x < 0 or x > _MAXSIZE:
        raise ValueError(message)
    return x


class islice:
    """islice(iterable, stop) or islice(iterable, start, stop[, step]): the
    items of iterable a slice would take, taken lazily."""

    def __init__(self, *args, **kwargs):
        _no_kwargs("islice", kwargs)
        _arg_count("islice", args, 2, 4)
        stop_message = ("Stop argument for islice() must be None or an integer: "
                        "0 <= x <= sys.maxsize.")
        start = 0
        step = 1
        if len(args) == 2:
            stop = _islice_arg(args[1], stop_message)
        else:
            stop = _islice_arg(args[2], stop_message)
            message = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize."
            start = _islice_arg(args[1], message)
            if start is None:
                start = 0
            if len(args) == 4:
                message = "Step for islice() must be a positive integer or None."
                step = _islice_arg(args[3], message)
                if step is None:
                    step = 1
                elif step == 0:
                    raise ValueError(message)
        self._it = iter(args[0])
        self._next = start
        self._stop = stop
        self._step = step
        self._count = 0

    def __iter__(self):
        return self

    def __next__(self):
        it = self._it
        if it is None:
            raise StopIteration
        count = self._count
        nxt = self._next
        stop = self._stop
        try:
            while count < nxt:
                next(it)
                count += 1
            if stop is not None and count >= stop:
                raise StopIteration
            x = next(it)
        except StopIteration:
            self._count = count
            self._it = None
            raise
        self._count = count + 1
        nxt += self._step
        if stop is not None and nxt > stop:
            nxt = stop
        self._next = nxt
        return x


class pairwise:
    """pairwise(iterable): (s0, s1), (s1, s2), (s2, s3), ..."""

    def __init__(self, *args, **kwargs):
        _no_kwargs("pairwise", kwargs)
        _arg_count("pairwise", args, 1, 1)
        self._it = iter(args[0])
        self._old = _NULL

    def __iter__(self):
        return self

    def __next__(self):
        it = self._it
        if it is None:
            raise StopIteration
        old = self._old
        try:
            if old is _NULL:
                old = next(it)
                self._old = old
            new = next(it)
        except StopIteration:
            self._it = None
            self._old = _NULL
            raise
        self._old = new
        return (old, new)


class starmap:
    """starmap(function, iterable): function(*args) for each args of iterable."""

    def __init__(self, *args, **kwargs):
        _no_kwargs("starmap", kwargs)
        _arg_count("starmap", args, 2, 2)
        self._func = args[0]
        self._it = iter(args[1])

    def __iter__(self):
        return self

    def __next__(self):
        args = next(self._it)
        if type(args) is not tuple:
            args = tuple(args)
        return self._func(*args)


class _tee:
    """One of the iterators tee() returns: they share one buffer."""

    def __init__(self, *args, **kwargs):
        _no_kwargs("_tee", kwargs)
        _arg_count("_tee", args, 1, 1)
        it = iter(args[0])
        if isinstance(it, _tee):
            self._source = it._source
            self._link = it._link
        else:
            # A link is [value, next link]; the last one is [_NULL, None],
            # filled from the source when some tee reaches it.
            self._source = it
            self._link = [_NULL, None]

    def __iter__(self):
        return self

    def __next__(self):
        link = self._link
        if link[1] is None:
            value = next(self._source)
            if link[1] is None:
                link[0] = value
                link[1] = [_NULL, None]
        self._link = link[1]
        return link[0]

    def __copy__(self):
        new = _tee(())
        new._source = self._source
        new._link = self._link
        return new


def tee(*args, **kwargs):
    """tee(iterable, n=2): n independent iterators over iterable."""
    if kwargs:
        raise TypeError("itertools.tee() takes no keyword arguments")
    _arg_count("tee", args, 1, 2)
    n = _ssize(args[1]) if len(args) > 1 else 2
    if n < 0:
        raise ValueError("n must be >= 0")
    it = iter(args[0])
    if n == 0:
        return ()
    first = it.__copy__() if isinstance(it, _tee) else _tee(it)
    result = [first]
    for i in range(n - 1):
        result.append(first.__copy__())
    return tuple(result)


class zip_longest:
    """zip_longest(*iterables, fillvalue=None): tuples of the iterables'
    items, the exhausted ones giving fillvalue, until all are exhausted."""

    def __init__(self, *iterables, **kwargs):
        fillvalue = None
        if kwargs:
            if len(kwargs) != 1 or "fillvalue" not in kwargs:
                raise TypeError("zip_longest() got an unexpected keyword argument")
            fillvalue = kwargs["fillvalue"]
        self._its = [iter(x) for x in iterables]
        self._active = len(self._its)
        self._fill = fillvalue

    def __iter__(self):
        return self

    def __next__(self):
        its = self._its
        if not its or self._active == 0:
            raise StopIteration
        result = []
        for i in range(len(its)):
            it = its[i]
            if it is None:
                result.append(self._fill)
                continue
            for x in it:
                result.append(x)
                break
            else:
                self._active -= 1
                if self._active == 0:
                    raise StopIteration
                its[i] = None
                result.append(self._fill)
        return tuple(result)


class product:
    """product(*iterables, repeat=1): the tuples of the cartesian product,
    as nested for loops would give them (the rightmost varying fastest)."""

    def __init__(self, *iterables, **kwargs):
        repeat = 1
        if kwargs:
            for key in kwargs:
                if key != "repeat":
                    raise TypeError("'%s' is an invalid keyword argument for product()" % key)
            repeat = _ssize(kwargs["repeat"])
            if repeat < 0:
                raise ValueError("repeat argument cannot be negative")
        pools = [tuple(x) for x in iterables] * repeat
        self._pools = pools
        self._indices = [0] * len(pools)
        self._result = None
        self._done = False

    def __iter__(self):
        return self

    def __next__(self):
        if self._done:
            raise StopIteration
        pools = self._pools
        result = self._result
        if result is None:
            for pool in pools:
                if not pool:
                    self._done = True
                    raise StopIteration
            result = [pool[0] for pool in pools]
            self._result = result
            return tuple(result)
        indices = self._indices
        i = len(pools) - 1
        while i >= 0:
            pool = pools[i]
            k = indices[i] + 1
            if k < len(pool):
                indices[i] = k
                result[i] = pool[k]
                return tuple(result)
            indices[i] = 0
            result[i] = pool[0]
            i -= 1
        self._done = True
        raise StopIteration


def _r_arg(r, message=None):
    """The r of permutations() and the combinations: an int >= 0."""
    if message is not None and not isinstance(r, int):
        raise TypeError(message)
    r = _ssize(r)
    if r < 0:
        raise ValueError("r must be non-negative")
    return r


class permutations:
    """permutations(iterable, r=None): the r-length tuples of distinct
    positions of iterable, in lexicographic order of the positions."""

    def __init__(self, *args, **kwargs):
        iterable, r = _count_args("permutations", args, kwargs, ["iterable", "r"], 1)
        pool = tuple(iterable)
        n = len(pool)
        r = n if r is _NULL or r is None else _r_arg(r, "Expected int as r")
        self._pool = pool
        self._r = r
        self._indices = list(range(n))
        # _cycles[i] counts the choices left for position i.
        self._cycles = list(range(n, n - r, -1))
        self._first = True
        self._done = r > n

    def __iter__(self):
        return self

    def __next__(self):
        if self._done:
            raise StopIteration
        pool = self._pool
        indices = self._indices
        r = self._r
        if self._first:
            self._first = False
            return tuple([pool[k] for k in indices[:r]])
        n = len(pool)
        cycles = self._cycles
        i = r - 1
        while i >= 0:
            c = cycles[i] - 1
            if c == 0:
                # Position i has had every choice: rotate its index to the
                # end and reset its count.
                k = indices[i]
                del indices[i]
                indices.append(k)
                cycles[i] = n - i
            else:
                cycles[i] = c
                j = n - c
                indices[i], indices[j] = indices[j], indices[i]
                return tuple([pool[k] for k in indices[:r]])
            i -= 1
        self._done = True
        raise StopIteration


class combinations:
    """combinations(iterable, r): the r-length tuples of increasing
    positions of iterable, in lexicographic order."""

    def __init__(self, *args, **kwargs):
        iterable, r = _count_args("combinations", args, kwargs, ["iterable", "r"], 2)
        pool = tuple(iterable)
        r = _r_arg(r)
        self._pool = pool
        self._r = r
        self._indices = list(range(r))
        self._first = True
        self._done = r > len(pool)

    def __iter__(self):
        return self

    def __next__(self):
        if self._done:
            raise StopIteration
        pool = self._pool
        indices = self._indices
        if self._first:
            self._first = False
            return tuple([pool[k] for k in indices])
        r = self._r
        top = len(pool) - r
        i = r - 1
        while i >= 0 and indices[i] == i + top:
            i -= 1
        if i < 0:
            self._done = True
            raise StopIteration
        k = indices[i] + 1
        for j in range(i, r):
            indices[j] = k
            k += 1
        return tuple([pool[k] for k in indices])


class combinations_with_replacement:
    """combinations_with_replacement(iterable, r): the r-length tuples of
    non-decreasing positions of iterable, in lexicographic order."""

    def __init__(self, *args, **kwargs):
        iterable, r = _count_args("combinations_with_replacement", args, kwargs,
                                  ["iterable", "r"], 2)
        pool = tuple(iterable)
        r = _r_arg(r)
        self._pool = pool
        self._r = r
        self._indices = [0] * r
        self._first = True
        self._done = r > 0 and not pool

    def __iter__(self):
        return self

    def __next__(self):
        if self._done:
            raise StopIteration
        pool = self._pool
        indices = self._indices
        if self._first:
            self._first = False
            return tuple([pool[k] for k in indices])
        r = self._r
        last = len(pool) - 1
        i = r - 1
        while i >= 0 and indices[i] == last:
            i -= 1
        if i < 0:
            self._done = True
            raise StopIteration
        k = indices[i] + 1
        for j in range(i, r):
            indices[j] = k
        return tuple([pool[k] for k in indices])
