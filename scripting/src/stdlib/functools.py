"""Tools for functions, as CPython's `functools` module.

Offers reduce, partial (with repr and .func/.args/.keywords, flattening a
partial of a partial), lru_cache (bounded, unbounded, typed, with
cache_info(), cache_clear() and cache_parameters()), cache, update_wrapper,
wraps, WRAPPER_ASSIGNMENTS, WRAPPER_UPDATES, total_ordering, cmp_to_key,
cached_property and singledispatch (register(cls), dispatch(), registry).

Left out: partialmethod and singledispatchmethod (Shoal calls no __get__
of a script class, so neither can bind), registering a singledispatch
implementation by its annotations (functions carry no __annotations__),
dispatch on abstract base classes, get_cache_token, and recursive_repr.
Differences: cache_info() returns a CacheInfo that behaves as a named
tuple but is not a tuple subclass; cached_property is built on property
(Shoal calls no __get__ of a script class), so the cached value is kept in
the instance under `__cached_<name>` rather than `<name>`, the class
attribute is a property, and `del obj.name` does not clear the value while
Shoal's property has no deleter; the registry of a singledispatch function
is a plain dict, not a mappingproxy.
"""

WRAPPER_ASSIGNMENTS = ('__module__', '__name__', '__qualname__', '__doc__',
                       '__annotations__')
WRAPPER_UPDATES = ('__dict__',)

_NOT_FOUND = object()


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    """Update a wrapper function to look like the wrapped function.

    wrapper is the function to be updated
    wrapped is the original function
    assigned is a tuple naming the attributes assigned directly
    from the wrapped function to the wrapper function (defaults to
    functools.WRAPPER_ASSIGNMENTS)
    updated is a tuple naming the attributes of the wrapper that
    are updated with the corresponding attribute from the wrapped
    function (defaults to functools.WRAPPER_UPDATES)
    """
    for attr in assigned:
        try:
            value = getattr(wrapped, attr)
        except AttributeError:
            pass
        else:
            setattr(wrapper, attr, value)
    for attr in updated:
        extra = getattr(wrapped, attr, {})
        if attr == '__dict__':
            # Shoal's __dict__ is a copy: set the attributes one by one.
            for key, value in extra.items():
                setattr(wrapper, key, value)
        else:
            getattr(wrapper, attr).update(extra)
    wrapper.__wrapped__ = wrapped
    return wrapper


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    """Decorator factory to apply update_wrapper() to a wrapper function

    Returns a decorator that invokes update_wrapper() with the decorated
    function as the wrapper argument and the arguments to wraps() as the
    remaining arguments. Default arguments are as for update_wrapper().
    This is a convenience function to simplify applying partial() to
    update_wrapper().
    """
    return partial(update_wrapper, wrapped=wrapped, assigned=assigned, updated=updated)


def reduce(*args, **kwargs):
    """reduce(function, iterable[, initial]) -> value

    Apply a function of two arguments cumulatively to the items of a sequence
    or iterable, from left to right, so as to reduce the iterable to a single
    value.  For example, reduce(lambda x, y: x+y, [1, 2, 3, 4, 5]) calculates
    ((((1+2)+3)+4)+5).  If initial is present, it is placed before the items
    of the iterable in the calculation, and serves as a default when the
    iterable is empty.
    """
    if kwargs:
        raise TypeError("reduce() takes no keyword arguments")
    n = len(args)
    if n < 2:
        raise TypeError("reduce expected at least 2 arguments, got %d" % n)
    if n > 3:
        raise TypeError("reduce expected at most 3 arguments, got %d" % n)
    function = args[0]
    try:
        it = iter(args[1])
    except TypeError:
        raise TypeError("reduce() arg 2 must support iteration") from None
    if n == 3:
        value = args[2]
    else:
        value = _NOT_FOUND
        for value in it:
            break
        if value is _NOT_FOUND:
            raise TypeError("reduce() of empty iterable with no initial value")
    for x in it:
        value = function(value, x)
    return value


class partial:
    """partial(func, *args, **keywords) - new function with partial application
    of the given arguments and keywords.
    """

    # self is taken from *args so that a keyword argument may be called "self".
    def __init__(*args, **keywords):
        self = args[0]
        if len(args) < 2:
            raise TypeError("type 'partial' takes at least one argument")
        func = args[1]
        args = args[2:]
        if not callable(func):
            raise TypeError("the first argument must be callable")
        if type(func) is partial:
            args = func.args + args
            keywords = {**func.keywords, **keywords}
            func = func.func
        self.func = func
        self.args = args
        self.keywords = keywords

    def __call__(*args, **keywords):
        self = args[0]
        if self.keywords:
            keywords = {**self.keywords, **keywords}
        return self.func(*self.args, *args[1:], **keywords)

    def __repr__(self):
        parts = [repr(self.func)]
        for arg in self.args:
            parts.append(repr(arg))
        for key, value in self.keywords.items():
            parts.append("%s=%r" % (key, value))
        return "%s.%s(%s)" % (type(self).__module__, type(self).__name__, ", ".join(parts))


class CacheInfo:
    """CacheInfo(hits, misses, maxsize, currsize): what cache_info() returns,
    a named tuple of four fields."""

    def __init__(self, hits, misses, maxsize, currsize):
        self.hits = hits
        self.misses = misses
        self.maxsize = maxsize
        self.currsize = currsize

    def _tuple(self):
        return (self.hits, self.misses, self.maxsize, self.currsize)

    def __repr__(self):
        return "CacheInfo(hits=%r, misses=%r, maxsize=%r, currsize=%r)" % self._tuple()

    def __iter__(self):
        return iter(self._tuple())

    def __len__(self):
        return 4

    def __getitem__(self, index):
        return self._tuple()[index]

    def __eq__(self, other):
        if isinstance(other, CacheInfo):
            other = other._tuple()
        return self._tuple() == other

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash(self._tuple())

    def _asdict(self):
        return {'hits': self.hits, 'misses': self.misses,
                'maxsize': self.maxsize, 'currsize': self.currsize}


_CacheInfo = CacheInfo


class _KeywordMark:
    """Separates the positional arguments from the keyword ones in a cache key."""


_KWD_MARK = (_KeywordMark(),)


def _make_key(args, kwargs, typed):
    """The cache key of a call, as CPython's lru_cache makes it: a lone int
    or str argument is its own key (so f(1) and f(1.0) are cached apart,
    while f(1.0) and f(True) share an entry)."""
    if not typed and not kwargs:
        if len(args) == 1:
            arg = args[0]
            t = type(arg)
            if t is int or t is str:
                return arg
        return args
    key = args
    if kwargs:
        key += _KWD_MARK
        for item in kwargs.items():
            key += item
    if typed:
        key += tuple([type(v) for v in args])
        if kwargs:
            key += tuple([type(v) for v in kwargs.values()])
    return key


def _lru_cache_wrapper(user_function, maxsize, typed):
    if not callable(user_function):
        raise TypeError("the first argument must be callable")
    cache = {}
    hits = 0
    misses = 0

    if maxsize == 0:
        def wrapper(*args, **kwargs):
            nonlocal misses
            misses += 1
            return user_function(*args, **kwargs)

    elif maxsize is None:
        def wrapper(*args, **kwargs):
            nonlocal hits, misses
            key = _make_key(args, kwargs, typed)
            result = cache.get(key, _NOT_FOUND)
            if result is not _NOT_FOUND:
                hits += 1
                return result
            misses += 1
            result = user_function(*args, **kwargs)
            cache[key] = result
            return result

    else:
        def wrapper(*args, **kwargs):
            nonlocal hits, misses
            key = _make_key(args, kwargs, typed)
            result = cache.get(key, _NOT_FOUND)
            if result is not _NOT_FOUND:
                hits += 1
                # Now the most recently used: move it to the end.
                del cache[key]
                cache[key] = result
                return result
            misses += 1
            result = user_function(*args, **kwargs)
            if key in cache:
                # A recursive call cached it meanwhile.
                return result
            if len(cache) >= maxsize:
                for oldest in cache:
                    break
                del cache[oldest]
            cache[key] = result
            return result

    def cache_info():
        """Report cache statistics"""
        return CacheInfo(hits, misses, maxsize, len(cache))

    def cache_clear():
        """Clear the cache and cache statistics"""
        nonlocal hits, misses
        cache.clear()
        hits = misses = 0

    wrapper.cache_info = cache_info
    wrapper.cache_clear = cache_clear
    return wrapper


def lru_cache(maxsize=128, typed=False):
    """Least-recently-used cache decorator.

    If *maxsize* is set to None, the LRU features are disabled and the cache
    can grow without bound.

    If *typed* is True, arguments of different types will be cached separately.
    For example, f(3.0) and f(3) will be treated as distinct calls with
    distinct results.

    Arguments to the cached function must be hashable.

    View the cache statistics named tuple (hits, misses, maxsize, currsize)
    with f.cache_info().  Clear the cache and statistics with f.cache_clear().
    Access the underlying function with f.__wrapped__.
    """
    if isinstance(maxsize, int):
        if maxsize < 0:
            maxsize = 0
    elif callable(maxsize) and isinstance(typed, bool):
        # Used as @lru_cache, without parentheses.
        user_function = maxsize
        maxsize = 128
        wrapper = _lru_cache_wrapper(user_function, maxsize, typed)
        wrapper.cache_parameters = lambda: {'maxsize': maxsize, 'typed': typed}
        return update_wrapper(wrapper, user_function)
    elif maxsize is not None:
        raise TypeError('Expected first argument to be an integer, a callable, or None')

    def decorating_function(user_function):
        wrapper = _lru_cache_wrapper(user_function, maxsize, typed)
        wrapper.cache_parameters = lambda: {'maxsize': maxsize, 'typed': typed}
        return update_wrapper(wrapper, user_function)

    return decorating_function


def cache(user_function, /):
    'Simple lightweight unbounded cache.  Sometimes called "memoize".'
    return lru_cache(maxsize=None)(user_function)


# total_ordering: each missing comparison, from the one the class defines.

def _gt_from_lt(self, other):
    'Return a > b.  Computed by @total_ordering from (not a < b) and (a != b).'
    result = type(self).__lt__(self, other)
    if result is NotImplemented:
        return result
    return not result and self != other


def _le_from_lt(self, other):
    'Return a <= b.  Computed by @total_ordering from (a < b) or (a == b).'
    result = type(self).__lt__(self, other)
    if result is NotImplemented:
        return result
    return result or self == other


def _ge_from_lt(self, other):
    'Return a >= b.  Computed by @total_ordering from (not a < b).'
    result = type(self).__lt__(self, other)
    if result is NotImplemented:
        return result
    return not result


def _ge_from_le(self, other):
    'Return a >= b.  Computed by @total_ordering from (not a <= b) or (a == b).'
    result = type(self).__le__(self, other)
    if result is NotImplemented:
        return result
    return not result or self == other


def _lt_from_le(self, other):
    'Return a < b.  Computed by @total_ordering from (a <= b) and (a != b).'
    result = type(self).__le__(self, other)
    if result is NotImplemented:
        return result
    return result and self != other


def _gt_from_le(self, other):
    'Return a > b.  Computed by @total_ordering from (not a <= b).'
    result = type(self).__le__(self, other)
    if result is NotImplemented:
        return result
    return not result


def _lt_from_gt(self, other):
    'Return a < b.  Computed by @total_ordering from (not a > b) and (a != b).'
    result = type(self).__gt__(self, other)
    if result is NotImplemented:
        return result
    return not result and self != other


def _ge_from_gt(self, other):
    'Return a >= b.  Computed by @total_ordering from (a > b) or (a == b).'
    result = type(self).__gt__(self, other)
    if result is NotImplemented:
        return result
    return result or self == other


def _le_from_gt(self, other):
    'Return a <= b.  Computed by @total_ordering from (not a > b).'
    result = type(self).__gt__(self, other)
    if result is NotImplemented:
        return result
    return not result


def _le_from_ge(self, other):
    'Return a <= b.  Computed by @total_ordering from (not a >= b) or (a == b).'
    result = type(self).__ge__(self, other)
    if result is NotImplemented:
        return result
    return not result or self == other


def _gt_from_ge(self, other):
    'Return a > b.  Computed by @total_ordering from (a >= b) and (a != b).'
    result = type(self).__ge__(self, other)
    if result is NotImplemented:
        return result
    return result and self != other


def _lt_from_ge(self, other):
    'Return a < b.  Computed by @total_ordering from (not a >= b).'
    result = type(self).__ge__(self, other)
    if result is NotImplemented:
        return result
    return not result


_convert = {
    '__lt__': [('__gt__', _gt_from_lt), ('__le__', _le_from_lt), ('__ge__', _ge_from_lt)],
    '__le__': [('__ge__', _ge_from_le), ('__lt__', _lt_from_le), ('__gt__', _gt_from_le)],
    '__gt__': [('__lt__', _lt_from_gt), ('__ge__', _ge_from_gt), ('__le__', _le_from_gt)],
    '__ge__': [('__le__', _le_from_ge), ('__gt__', _gt_from_ge), ('__lt__', _lt_from_ge)],
}


def _defines(cls, name):
    """Whether cls or a base other than object defines the method name."""
    for klass in getattr(cls, '__mro__', (cls,)):
        if klass is object:
            continue
        try:
            if name in vars(klass):
                return True
        except TypeError:
            pass
    return False


def total_ordering(cls):
    """Class decorator that fills in missing ordering methods"""
    roots = [op for op in _convert if _defines(cls, op)]
    if not roots:
        raise ValueError('must define at least one ordering operation: < > <= >=')
    root = max(roots)
    for name, method in _convert[root]:
        if name not in roots:
            setattr(cls, name, method)
    return cls


class KeyWrapper:
    """What cmp_to_key() returns, and what calling that returns: a key
    ordered by the comparison function."""

    def __init__(self, cmp, obj):
        self._cmp = cmp
        self.obj = obj

    def __call__(self, *args, **kwargs):
        if kwargs or len(args) != 1:
            if kwargs and not args:
                raise TypeError("K() missing required argument 'obj' (pos 1)")
            raise TypeError("K() takes at most 1 argument (%d given)" % (len(args) + len(kwargs)))
        return KeyWrapper(self._cmp, args[0])

    def _other(self, other):
        if not isinstance(other, KeyWrapper):
            raise TypeError("other argument must be K instance")
        return other.obj

    def __lt__(self, other):
        return self._cmp(self.obj, self._other(other)) < 0

    def __le__(self, other):
        return self._cmp(self.obj, self._other(other)) <= 0

    def __eq__(self, other):
        return self._cmp(self.obj, self._other(other)) == 0

    def __ne__(self, other):
        return self._cmp(self.obj, self._other(other)) != 0

    def __gt__(self, other):
        return self._cmp(self.obj, self._other(other)) > 0

    def __ge__(self, other):
        return self._cmp(self.obj, self._other(other)) >= 0


def cmp_to_key(*args, **kwargs):
    """Convert a cmp= function into a key= function."""
    if len(args) + len(kwargs) > 1:
        raise TypeError("cmp_to_key() takes at most 1 argument (%d given)"
                        % (len(args) + len(kwargs)))
    if args:
        mycmp = args[0]
    elif 'mycmp' in kwargs:
        mycmp = kwargs['mycmp']
    elif kwargs:
        raise TypeError("'%s' is an invalid keyword argument for cmp_to_key()" % list(kwargs)[0])
    else:
        raise TypeError("cmp_to_key() missing required argument 'mycmp' (pos 1)")
    return KeyWrapper(mycmp, None)


def cached_property(func):
    """A property computed once per instance, then kept (until deleted)."""
    name = func.__name__
    key = '__cached_' + name

    def get(self):
        value = getattr(self, key, _NOT_FOUND)
        if value is _NOT_FOUND:
            value = func(self)
            setattr(self, key, value)
        return value

    def set(self, value):
        setattr(self, key, value)

    def delete(self):
        try:
            delattr(self, key)
        except AttributeError:
            raise AttributeError("'%s' object has no attribute '%s'"
                                 % (type(self).__name__, name)) from None

    prop = property(get, set)
    try:
        prop = prop.deleter(delete)
    except AttributeError:
        pass   # Shoal's property has no deleter yet: `del obj.name` fails
    return prop


def _mro(cls):
    mro = getattr(cls, '__mro__', None)
    if mro is not None:
        return mro
    # Shoal's built-in types have no __mro__; only bool has a base but object.
    if cls is bool:
        return (bool, int, object)
    if cls is object:
        return (object,)
    return (cls, object)


def singledispatch(func):
    """Single-dispatch generic function decorator.

    Transforms a function into a generic function, which can have different
    behaviours depending upon the type of its first argument. The decorated
    function acts as the default implementation, and additional
    implementations can be registered using the register() attribute of the
    generic function.
    """
    registry = {object: func}
    dispatch_cache = {}

    def dispatch(cls):
        """generic_func.dispatch(cls) -> <function implementation>

        Runs the dispatch algorithm to return the best available implementation
        for the given *cls* registered on *generic_func*.
        """
        impl = dispatch_cache.get(cls)
        if impl is None:
            for klass in _mro(cls):
                impl = registry.get(klass)
                if impl is not None:
                    break
            # Shoal makes a new type object for each type() of None, a
            # function or a module: keep the cache from growing with them.
            if len(dispatch_cache) >= 256:
                dispatch_cache.clear()
            dispatch_cache[cls] = impl
        return impl

    def register(cls, func=None):
        """generic_func.register(cls, func) -> func

        Registers a new implementation for the given *cls* on a *generic_func*.
        """
        if isinstance(cls, type):
            if func is None:
                return lambda f: register(cls, f)
        else:
            if func is not None:
                raise TypeError("Invalid first argument to `register()`. "
                                "%r is not a class or union type." % (cls,))
            raise TypeError("Invalid first argument to `register()`: %r. "
                            "Use either `@register(some_class)` or plain `@register` "
                            "on an annotated function." % (cls,))
        registry[cls] = func
        dispatch_cache.clear()
        return func

    def wrapper(*args, **kw):
        if not args:
            raise TypeError('%s requires at least 1 positional argument' % funcname)
        return dispatch(args[0].__class__)(*args, **kw)

    funcname = getattr(func, '__name__', 'singledispatch function')
    registry[object] = func
    wrapper.register = register
    wrapper.dispatch = dispatch
    wrapper.registry = registry
    wrapper._clear_cache = dispatch_cache.clear
    update_wrapper(wrapper, func)
    return wrapper
