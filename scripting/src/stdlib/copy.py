"""Shallow and deep copy operations, as CPython's `copy` module.

Offers copy(x), deepcopy(x, memo=None) and the exception Error (alias
error), with CPython's rules: immutable values, functions and classes are
their own copies; lists, dicts, sets and bytearrays are copied (deeply by
deepcopy, which shares what is shared and follows cycles through memo);
instances of script classes honour __copy__, __deepcopy__(memo),
__reduce_ex__(4) or __reduce__ (CPython's reduce tuples: callable, args,
state, list items, dict items), __getstate__ and __setstate__, and are
otherwise made without calling __init__ and given (copies of) the original's
attributes. (While Shoal's object.__new__ cannot make an instance of a
script class, "without calling __init__" is done by calling the class with
its __init__ replaced, for that moment, by one that does nothing.) Exceptions are copied as CPython's are (their class called with
their args, then their attributes set).

Left out: copyreg's dispatch_table (there is no copyreg module), copies of
built-in iterators (TypeError, as for generators and modules), and deep
copies of bound methods (they are returned as they are: Shoal's methods do
not expose __func__ and __self__ to rebind).
"""

import sys as _sys

__all__ = ["Error", "copy", "deepcopy"]


class Error(Exception):
    pass


error = Error   # backward compatibility


def _function():
    pass


def _generator():
    yield


class _Probe:
    def method(self):
        pass


# Shoal makes a new type object each time type() of one of these is asked
# for, so they are recognised with isinstance, not looked up in a dict.
_AtomicTypes = (type(_function), type(len), type(_Probe().method))
_UnpicklableTypes = (type(_generator()), type(iter(())), type(_sys))


def _no_init(self, *args, **kwargs):
    pass


try:
    object.__new__(_Probe)
    _object_new_works = True
except TypeError:
    _object_new_works = False

try:
    from stackless import atomic as _atomic
except ImportError:
    class _atomic:
        def __enter__(self):
            pass

        def __exit__(self, *exc_info):
            pass


def _new_instance(cls):
    """An instance of the script class cls, its __init__ not called."""
    if _object_new_works:
        return object.__new__(cls)
    # Shoal's object.__new__ makes only built-in values: call the class
    # with an __init__ that does nothing, then put its own back (atomically,
    # so that no other tasklet sees the class without its __init__).
    own = vars(cls).get("__init__", _no_init)
    with _atomic():
        cls.__init__ = _no_init
        try:
            return cls()
        finally:
            if own is _no_init:
                del cls.__init__
            else:
                cls.__init__ = own


_EXCEPTION_STATE = ("args", "__cause__", "__context__", "__suppress_context__",
                    "__traceback__", "__notes__")


def _reduce(x, cls):
    """CPython's x.__reduce_ex__(4): how to rebuild x."""
    method = getattr(cls, "__reduce_ex__", None)
    if method is not None:
        return method(x, 4)
    method = getattr(cls, "__reduce__", None)
    if method is not None:
        return method(x)
    if isinstance(x, BaseException):
        state = {}
        for key, value in vars(x).items():
            if key not in _EXCEPTION_STATE:
                state[key] = value
        if state:
            return (cls, x.args, state)
        return (cls, x.args)
    if isinstance(x, _UnpicklableTypes):
        raise TypeError("cannot pickle '%s' object" % cls.__name__)
    if cls is object:
        return (object, (), None)
    # A class deriving from a built-in type, as copyreg's __reduce_ex__
    # rebuilds it: the type's __new__ with the value (immutable types),
    # or an empty one filled from the items (list, dict); the instance's
    # attributes as its state.
    state = vars(x) or None
    for base in _NATIVE_VALUES:
        if isinstance(x, base):
            return (_new_native, (cls, base, base(x)), state)
    if isinstance(x, list):
        return (_new_native, (cls, list, ()), state, iter(list.copy(x)), None)
    if isinstance(x, dict):
        return (_new_native, (cls, dict, ()), state, None, iter(list(dict.items(x))))
    return (_new_instance, (cls,), x.__getstate__())


# The built-in types a class may derive from whose value its __new__
# takes whole.
_NATIVE_VALUES = (int, float, str, bytes, bytearray, tuple, set, frozenset)


def _new_native(cls, base, value):
    """An instance of cls (deriving from built-in type base) holding value."""
    return base.__new__(cls, value)


def _set_state(y, state):
    setstate = getattr(y, "__setstate__", None)
    if setstate is not None:
        setstate(state)
        return
    if isinstance(state, tuple) and len(state) == 2:
        state, slotstate = state
    else:
        slotstate = None
    if state is not None:
        # y.__dict__.update(state), which Shoal's __dict__ copy would ignore
        for key, value in state.items():
            setattr(y, key, value)
    if slotstate is not None:
        for key, value in slotstate.items():
            setattr(y, key, value)


def _reconstruct(x, memo, func, args, state=None, listiter=None, dictiter=None):
    deep = memo is not None
    if deep and args:
        args = deepcopy(args, memo)
    y = func(*args)
    if deep:
        memo[id(x)] = y
    if state is not None:
        if deep:
            state = deepcopy(state, memo)
        _set_state(y, state)
    if listiter is not None:
        if deep:
            for item in listiter:
                y.append(deepcopy(item, memo))
        else:
            for item in listiter:
                y.append(item)
    if dictiter is not None:
        if deep:
            for key, value in dictiter:
                key = deepcopy(key, memo)
                y[key] = deepcopy(value, memo)
        else:
            for key, value in dictiter:
                y[key] = value
    return y


# copy

def _copy_immutable(x):
    return x


_copy_dispatch = {
    int: _copy_immutable, float: _copy_immutable, bool: _copy_immutable,
    str: _copy_immutable, bytes: _copy_immutable, tuple: _copy_immutable,
    frozenset: _copy_immutable, type: _copy_immutable, range: _copy_immutable,
    slice: _copy_immutable,
    list: list.copy, dict: dict.copy, set: set.copy, bytearray: bytearray.copy,
}


def copy(x):
    """Shallow copy operation on arbitrary Python objects.

    See the module's __doc__ string for more info.
    """
    cls = type(x)
    copier = _copy_dispatch.get(cls)
    if copier is not None:
        return copier(x)
    if x is None or x is Ellipsis or x is NotImplemented or isinstance(x, type):
        return x
    if isinstance(x, _AtomicTypes):
        return x
    copier = getattr(cls, "__copy__", None)
    if copier is not None:
        return copier(x)
    rv = _reduce(x, cls)
    if isinstance(rv, str):
        return x
    return _reconstruct(x, None, *rv)


# deepcopy

def _deepcopy_atomic(x, memo):
    return x


def _deepcopy_list(x, memo):
    y = []
    memo[id(x)] = y
    append = y.append
    for a in x:
        append(deepcopy(a, memo))
    return y


def _deepcopy_tuple(x, memo):
    y = [deepcopy(a, memo) for a in x]
    # The tuple may have been copied meanwhile, through a cycle.
    try:
        return memo[id(x)]
    except KeyError:
        pass
    for k, j in zip(x, y):
        if k is not j:
            return tuple(y)
    return x


def _deepcopy_dict(x, memo):
    y = {}
    memo[id(x)] = y
    for key, value in x.items():
        y[deepcopy(key, memo)] = deepcopy(value, memo)
    return y


def _deepcopy_set(x, memo):
    # CPython rebuilds a set (or frozenset) from a deep copy of the list of
    # its items.
    return type(x)(deepcopy(list(x), memo))


def _deepcopy_bytearray(x, memo):
    return bytearray(x)


def _deepcopy_slice(x, memo):
    return slice(deepcopy(x.start, memo), deepcopy(x.stop, memo), deepcopy(x.step, memo))


_deepcopy_dispatch = {
    int: _deepcopy_atomic, float: _deepcopy_atomic, bool: _deepcopy_atomic,
    str: _deepcopy_atomic, bytes: _deepcopy_atomic, type: _deepcopy_atomic,
    range: _deepcopy_atomic,
    list: _deepcopy_list, tuple: _deepcopy_tuple, dict: _deepcopy_dict,
    set: _deepcopy_set, frozenset: _deepcopy_set, bytearray: _deepcopy_bytearray,
    slice: _deepcopy_slice,
}


def deepcopy(x, memo=None, _nil=[]):
    """Deep copy operation on arbitrary Python objects.

    See the module's __doc__ string for more info.
    """
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    copier = _deepcopy_dispatch.get(cls)
    if copier is not None:
        y = copier(x, memo)
    elif x is None or x is Ellipsis or x is NotImplemented or isinstance(x, type):
        y = x
    elif isinstance(x, _AtomicTypes):
        y = x
    else:
        copier = getattr(x, "__deepcopy__", None)
        if copier is not None:
            y = copier(memo)
        else:
            rv = _reduce(x, cls)
            if isinstance(rv, str):
                y = x
            else:
                y = _reconstruct(x, memo, *rv)
    # If it is its own copy, don't memoize.
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)   # Make sure x lives at least as long as d
    return y


def _keep_alive(x, memo):
    """Keeps a reference to the object x in the memo, so that its id is
    not reused for another object while the memo lives."""
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]
