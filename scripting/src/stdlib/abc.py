"""Abstract base classes: `ABC`, `abstractmethod` and friends.

Offered: `ABC` as a plain base class whose `__init_subclass__` gathers the
names of abstract methods into `cls.__abstractmethods__` (a frozenset) and
whose `__new__` refuses to instantiate a class that has any, with CPython's
TypeError ("Can't instantiate abstract class X with abstract method(s) m");
`abstractmethod` (sets `__isabstractmethod__ = True`, also seen through
property, classmethod and staticmethod), abstractclassmethod,
abstractstaticmethod, abstractproperty, `ABC.register` (records the class
and returns it), `update_abstractmethods`, `get_cache_token`.

Left out: metaclasses (Shoal has none), so `ABCMeta` is only an alias of
`ABC` (`class C(metaclass=ABCMeta)` cannot be written), and
`isinstance`/`issubclass` do not see `register`ed classes or
`__subclasshook__`.
"""


def abstractmethod(funcobj):
    """Mark a method abstract: an ABC subclass that does not override it
    cannot be instantiated."""
    funcobj.__isabstractmethod__ = True
    return funcobj


def _is_abstract(value):
    if getattr(value, '__isabstractmethod__', False):
        return True
    for attr in ('fget', 'fset', 'fdel', '__func__'):
        inner = getattr(value, attr, None)
        if inner is not None and getattr(inner, '__isabstractmethod__', False):
            return True
    return False


def _own_dict(cls):
    try:
        return vars(cls)
    except TypeError:
        return {}


def update_abstractmethods(cls):
    """Recompute cls.__abstractmethods__ from its namespace and bases."""
    if not hasattr(cls, '__abstractmethods__'):
        return cls
    abstracts = set()
    own = _own_dict(cls)
    for name in own:
        if _is_abstract(own[name]):
            abstracts.add(name)
    for base in cls.__bases__:
        for name in getattr(base, '__abstractmethods__', ()):
            if _is_abstract(getattr(cls, name, None)):
                abstracts.add(name)
    cls.__abstractmethods__ = frozenset(abstracts)
    return cls


class ABC:
    """Helper base class: subclass it to make an abstract base class."""
    __slots__ = ()

    def __init_subclass__(cls, **kwargs):
        cls.__abstractmethods__ = frozenset()
        cls._abc_registry = []
        update_abstractmethods(cls)

    def __new__(cls, *args, **kwargs):
        abstracts = cls.__abstractmethods__
        if abstracts:
            names = sorted(abstracts)
            raise TypeError("Can't instantiate abstract class %s with "
                            "abstract method%s %s"
                            % (cls.__name__, '' if len(names) == 1 else 's',
                               ', '.join(names)))
        return object.__new__(cls)

    @classmethod
    def register(cls, subclass):
        """Record subclass as a virtual subclass (isinstance does not see
        it in Shoal) and return it."""
        if not isinstance(subclass, type):
            raise TypeError('Can only register classes')
        cls._abc_registry.append(subclass)
        return subclass


ABC.__abstractmethods__ = frozenset()
ABC._abc_registry = []

# Shoal has no metaclasses: ABCMeta is only a name for ABC.
ABCMeta = ABC


def get_cache_token():
    return 0


def abstractclassmethod(callable):
    """Deprecated spelling of classmethod(abstractmethod(f))."""
    callable.__isabstractmethod__ = True
    return classmethod(callable)


def abstractstaticmethod(callable):
    """Deprecated spelling of staticmethod(abstractmethod(f))."""
    callable.__isabstractmethod__ = True
    return staticmethod(callable)


def abstractproperty(fget=None, fset=None):
    if fget is not None:
        fget.__isabstractmethod__ = True
    return property(fget, fset)
