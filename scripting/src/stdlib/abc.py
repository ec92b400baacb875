"""Abstract base classes: `ABC`, `abstractmethod` and friends.

Offered: the metaclass `ABCMeta` and its helper base `ABC`. A class
made by it gathers the names of its abstract methods into
`cls.__abstractmethods__` (a frozenset) and cannot be instantiated while
it has any (CPython's TypeError, "Can't instantiate abstract class X
with abstract method(s) m"); `register` makes a virtual subclass, and
`isinstance`/`issubclass` see registered classes (and those of its
subclasses) and `__subclasshook__`. Also: `abstractmethod` (sets
`__isabstractmethod__ = True`, also seen through property, classmethod
and staticmethod), abstractclassmethod, abstractstaticmethod,
abstractproperty, `update_abstractmethods`, `get_cache_token`.

Left out: CPython's negative and positive caches (each check walks the
registries again), `_abc_registry` holding strong references, the
`_dump_registry`/`_abc_caches_clear` debugging helpers.
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


class ABCMeta(type):
    """Metaclass of abstract base classes: gathers the abstract methods,
    refuses to instantiate a class that has any, and answers
    `isinstance`/`issubclass` through `register` and `__subclasshook__`."""

    def __new__(mcls, name, bases, namespace, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        cls.__abstractmethods__ = frozenset()
        cls._abc_registry = []
        cls._abc_subclasses = []
        for base in bases:
            if issubclass(type(base), ABCMeta):
                base._abc_subclasses.append(cls)
        update_abstractmethods(cls)
        return cls

    def __call__(cls, *args, **kwargs):
        abstracts = cls.__abstractmethods__
        if abstracts:
            names = sorted(abstracts)
            raise TypeError("Can't instantiate abstract class %s with "
                            "abstract method%s %s"
                            % (cls.__name__, '' if len(names) == 1 else 's',
                               ', '.join(names)))
        return super().__call__(*args, **kwargs)

    def register(cls, subclass):
        """Register a virtual subclass of an ABC; returns it."""
        if not isinstance(subclass, type):
            raise TypeError('Can only register classes')
        if issubclass(subclass, cls):
            return subclass
        if issubclass(cls, subclass):
            raise RuntimeError('Refusing to create an inheritance cycle')
        cls._abc_registry.append(subclass)
        return subclass

    def __instancecheck__(cls, instance):
        return cls.__subclasscheck__(type(instance))

    def __subclasscheck__(cls, subclass):
        if not isinstance(subclass, type):
            raise TypeError('issubclass() arg 1 must be a class')
        try:
            mro = subclass.__mro__
        except AttributeError:
            mro = (subclass,)
        for klass in mro:
            if klass is cls:
                return True
        ok = cls.__subclasshook__(subclass)
        if ok is not NotImplemented:
            return bool(ok)
        for registered in cls._abc_registry:
            if issubclass(subclass, registered):
                return True
        for sub in cls._abc_subclasses:
            if issubclass(subclass, sub):
                return True
        return False


class ABC(metaclass=ABCMeta):
    """Helper base class: subclass it to make an abstract base class."""
    __slots__ = ()


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
