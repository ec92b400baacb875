"""Type hints: enough of CPython's `typing` that annotated code runs.

Offered: Any, NoReturn, Never, Self, LiteralString, Union, Optional,
ClassVar, Final, Literal, Annotated, TypeAlias, Callable, Type, Tuple, List,
Dict, Set, FrozenSet, DefaultDict, OrderedDict, Counter, Deque, ChainMap and
the collections.abc aliases (Iterable, Iterator, Generator, Sequence,
MutableSequence, Mapping, MutableMapping, AbstractSet, MutableSet,
Collection, Container, Reversible, Sized, Hashable, KeysView, ItemsView,
ValuesView, Awaitable, Coroutine, AsyncIterable, AsyncIterator,
AsyncGenerator, ContextManager, AsyncContextManager), Text, AnyStr,
TypeVar, Generic (`class C(Generic[T])`), Protocol, runtime_checkable,
NamedTuple (class form and functional form), TypedDict (class form: calling
it gives a plain dict), NewType, TYPE_CHECKING, cast, overload,
get_overloads, final, no_type_check, get_type_hints (basic), get_origin,
get_args. Subscriptions give objects with CPython's reprs
(`typing.List[int]`, `typing.Optional[int]`), `__origin__` and `__args__`;
calling `List[int]()` calls `list`.

Left out: isinstance/issubclass against typing objects, subscribing a
user generic class (`Box[int]`: Shoal cannot subscript a script class),
ParamSpec, Concatenate, TypeVarTuple, Unpack, ForwardRef evaluation beyond
plain names, and `Protocol[T]` (use `Generic[T]` with Protocol).
`Generic[T]` is a plain base class, so `__orig_bases__` and
`__parameters__` are not set.
"""

import collections as _collections

TYPE_CHECKING = False


def _type_repr(obj):
    if isinstance(obj, type):
        module = getattr(obj, '__module__', 'builtins')
        if module == 'builtins':
            return getattr(obj, '__qualname__', None) or obj.__name__
        return '%s.%s' % (module,
                          getattr(obj, '__qualname__', None) or obj.__name__)
    if obj is ...:
        return '...'
    if type(obj).__name__ == 'function':
        return obj.__name__
    return repr(obj)


_NoneType = type(None)


def _is_none_type(t):
    # Shoal's type(None) is not one object each time it is asked for.
    return t is _NoneType or (isinstance(t, type) and t.__name__ == 'NoneType'
                              and isinstance(None, t))


def _as_type(arg):
    if arg is None or _is_none_type(arg):
        return _NoneType
    return arg


def _tuple(params):
    if isinstance(params, tuple):
        return params
    return (params,)


class _Final:
    # Base of typing objects: they take no attributes after creation by
    # convention and refuse to be subclassed by users.
    pass


_NOT_CALLABLE = {'List': 'list', 'Dict': 'dict', 'Set': 'set',
                 'FrozenSet': 'frozenset', 'Tuple': 'tuple', 'Type': 'type'}


class _GenericAlias(_Final):
    """A subscripted (or bare) typing alias such as `typing.List[int]`."""

    def __init__(self, origin, args, name, nparams=-1):
        self.__origin__ = origin
        self.__args__ = args
        self._name = name
        self._nparams = nparams

    def __repr__(self):
        if self.__args__ is None:
            return 'typing.' + self._name
        if self.__args__ == ():
            return 'typing.%s[()]' % self._name
        return 'typing.%s[%s]' % (self._name,
                                   ', '.join([_type_repr(a)
                                              for a in self.__args__]))

    def __getitem__(self, params):
        if self.__args__ is not None:
            return self._substitute(params)
        params = _tuple(params)
        if self._name == 'Tuple':
            if params == ((),):
                params = ()
        elif self._nparams >= 0 and len(params) != self._nparams:
            raise TypeError('Too %s arguments for %r; actual %d, expected %d'
                            % ('many' if len(params) > self._nparams
                               else 'few', self, len(params), self._nparams))
        return _GenericAlias(self.__origin__,
                             tuple([_as_type(p) for p in params]),
                             self._name)

    def _substitute(self, params):
        params = _tuple(params)
        tvars = []
        for a in self.__args__:
            if isinstance(a, TypeVar) and a not in tvars:
                tvars.append(a)
        if not tvars:
            raise TypeError('%r is not a generic class' % self)
        if len(params) != len(tvars):
            raise TypeError('Too %s arguments for %r; actual %d, expected %d'
                            % ('many' if len(params) > len(tvars) else 'few',
                               self, len(params), len(tvars)))
        mapping = dict(zip(tvars, params))
        new_args = tuple([_as_type(mapping.get(a, a)) if isinstance(a, TypeVar)
                          else a for a in self.__args__])
        return _GenericAlias(self.__origin__, new_args, self._name)

    def __call__(self, *args, **kwargs):
        if self._name in _NOT_CALLABLE:
            raise TypeError('Type %s cannot be instantiated; use %s() instead'
                            % (self._name, _NOT_CALLABLE[self._name]))
        if self.__origin__ is None:
            raise TypeError('Type %s cannot be instantiated' % self._name)
        return self.__origin__(*args, **kwargs)

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return (self.__origin__ == other.__origin__
                and self._name == other._name
                and self.__args__ == other.__args__)

    def __hash__(self):
        return hash((self._name, self.__args__))

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


class _CallableAlias(_GenericAlias):
    def __repr__(self):
        if self.__args__ is None:
            return 'typing.Callable'
        args = self.__args__
        if len(args) == 2 and args[0] is ...:
            return 'typing.Callable[..., %s]' % _type_repr(args[1])
        return 'typing.Callable[[%s], %s]' % (
            ', '.join([_type_repr(a) for a in args[:-1]]),
            _type_repr(args[-1]))

    def __getitem__(self, params):
        if self.__args__ is not None:
            return self._substitute(params)
        if not isinstance(params, tuple) or len(params) != 2:
            raise TypeError('Callable must be used as Callable[[arg, ...], '
                            'result].')
        args, result = params
        if args is ...:
            flat = (..., _as_type(result))
        else:
            if not isinstance(args, list):
                raise TypeError('Callable[args, result]: args must be a list.'
                                ' Got %s' % _type_repr(args))
            flat = tuple([_as_type(a) for a in args]) + (_as_type(result),)
        return _CallableAlias(self.__origin__, flat, 'Callable')


class _UnionAlias(_GenericAlias):
    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and args[1] is _NoneType:
            return 'typing.Optional[%s]' % _type_repr(args[0])
        return 'typing.Union[%s]' % ', '.join([_type_repr(a) for a in args])

    def __eq__(self, other):
        if not isinstance(other, _UnionAlias):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))


class _SpecialForm(_Final):
    """Any, Union, Optional, ClassVar, Final, Literal and friends."""

    def __init__(self, name, getitem=None):
        self._name = name
        self._getitem = getitem

    def __repr__(self):
        return 'typing.' + self._name

    def __getitem__(self, params):
        if self._getitem is None:
            raise TypeError('%r is not subscriptable' % self)
        return self._getitem(self, params)

    def __call__(self, *args, **kwargs):
        raise TypeError('Cannot instantiate %r' % self)

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


def _union(form, params):
    if params == ():
        raise TypeError('Cannot take a Union of no types.')
    flat = []
    for p in _tuple(params):
        p = _as_type(p)
        if isinstance(p, _UnionAlias):
            for q in p.__args__:
                if q not in flat:
                    flat.append(q)
        elif p not in flat:
            flat.append(p)
    if len(flat) == 1:
        return flat[0]
    return _UnionAlias(Union, tuple(flat), 'Union')


def _optional(form, params):
    if isinstance(params, tuple):
        raise TypeError('typing.Optional requires a single type. Got %r.'
                        % (params,))
    return Union[params, None]


def _one_arg(form, params):
    if isinstance(params, tuple):
        raise TypeError('%s accepts only single type. Got %r.'
                        % (repr(form), params))
    alias = _GenericAlias(form, (_as_type(params),), form._name)
    if form._name == 'ClassVar':
        alias._is_classvar = True
    return alias


def _literal(form, params):
    return _GenericAlias(form, _tuple(params), 'Literal')


def _annotated(form, params):
    if not isinstance(params, tuple) or len(params) < 2:
        raise TypeError('Annotated[...] should be used with at least two '
                        'arguments (a type and an annotation).')
    alias = _GenericAlias(form, (params[0],) + params[1:], 'Annotated')
    alias.__metadata__ = params[1:]
    return alias


Any = _SpecialForm('Any')
NoReturn = _SpecialForm('NoReturn')
Never = _SpecialForm('Never')
Self = _SpecialForm('Self')
LiteralString = _SpecialForm('LiteralString')
TypeAlias = _SpecialForm('TypeAlias')
Union = _SpecialForm('Union', _union)
Optional = _SpecialForm('Optional', _optional)
ClassVar = _SpecialForm('ClassVar', _one_arg)
ClassVar._is_classvar = True
Final = _SpecialForm('Final', _one_arg)
Literal = _SpecialForm('Literal', _literal)
Annotated = _SpecialForm('Annotated', _annotated)


class TypeVar(_Final):
    """A type variable: T = TypeVar('T')."""

    def __init__(self, name, *constraints, bound=None, covariant=False,
                 contravariant=False):
        if covariant and contravariant:
            raise ValueError('Bivariant types are not supported.')
        if len(constraints) == 1:
            raise TypeError('A single constraint is not allowed')
        if constraints and bound is not None:
            raise TypeError('Constraints cannot be combined with bound=...')
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        if self.__covariant__:
            return '+' + self.__name__
        if self.__contravariant__:
            return '-' + self.__name__
        return '~' + self.__name__

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


AnyStr = TypeVar('AnyStr', bytes, str)
Text = str


def _alias(origin, name, nparams):
    return _GenericAlias(origin, None, name, nparams)


def _abc(name):
    try:
        import collections.abc as abc_module
    except ImportError:
        return None
    return getattr(abc_module, name, None)


List = _alias(list, 'List', 1)
Dict = _alias(dict, 'Dict', 2)
Set = _alias(set, 'Set', 1)
FrozenSet = _alias(frozenset, 'FrozenSet', 1)
Tuple = _alias(tuple, 'Tuple', -1)
Type = _alias(type, 'Type', 1)
Deque = _alias(_collections.deque, 'Deque', 1)
DefaultDict = _alias(getattr(_collections, 'defaultdict', None),
                     'DefaultDict', 2)
OrderedDict = _alias(getattr(_collections, 'OrderedDict', None),
                     'OrderedDict', 2)
Counter = _alias(getattr(_collections, 'Counter', None), 'Counter', 1)
ChainMap = _alias(_collections.ChainMap, 'ChainMap', 2)
Callable = _CallableAlias(_abc('Callable'), None, 'Callable')

Iterable = _alias(_abc('Iterable'), 'Iterable', 1)
Iterator = _alias(_abc('Iterator'), 'Iterator', 1)
Generator = _alias(_abc('Generator'), 'Generator', 3)
Reversible = _alias(_abc('Reversible'), 'Reversible', 1)
Container = _alias(_abc('Container'), 'Container', 1)
Collection = _alias(_abc('Collection'), 'Collection', 1)
Sequence = _alias(_abc('Sequence'), 'Sequence', 1)
MutableSequence = _alias(_abc('MutableSequence'), 'MutableSequence', 1)
Mapping = _alias(_abc('Mapping'), 'Mapping', 2)
MutableMapping = _alias(_abc('MutableMapping'), 'MutableMapping', 2)
AbstractSet = _alias(_abc('Set'), 'AbstractSet', 1)
MutableSet = _alias(_abc('MutableSet'), 'MutableSet', 1)
KeysView = _alias(_abc('KeysView'), 'KeysView', 1)
ItemsView = _alias(_abc('ItemsView'), 'ItemsView', 2)
ValuesView = _alias(_abc('ValuesView'), 'ValuesView', 1)
MappingView = _alias(_abc('MappingView'), 'MappingView', 1)
Sized = _alias(_abc('Sized'), 'Sized', 0)
Hashable = _alias(_abc('Hashable'), 'Hashable', 0)
Awaitable = _alias(_abc('Awaitable'), 'Awaitable', 1)
Coroutine = _alias(_abc('Coroutine'), 'Coroutine', 3)
AsyncIterable = _alias(_abc('AsyncIterable'), 'AsyncIterable', 1)
AsyncIterator = _alias(_abc('AsyncIterator'), 'AsyncIterator', 1)
AsyncGenerator = _alias(_abc('AsyncGenerator'), 'AsyncGenerator', 2)
ContextManager = _alias(None, 'ContextManager', 1)
AsyncContextManager = _alias(None, 'AsyncContextManager', 1)


class Generic:
    """Base of user generic classes: `class Box(Generic[T])`.

    Shoal cannot subscript a class, so `Generic` is replaced below by an
    object whose `[T]` gives this class back."""
    __slots__ = ()


class _GenericForm(_Final):
    def __getitem__(self, params):
        params = _tuple(params)
        if not params:
            raise TypeError('Parameter list to Generic[...] cannot be empty')
        for p in params:
            if not isinstance(p, TypeVar):
                raise TypeError('Parameters to Generic[...] must all be type '
                                'variables or parameter specification '
                                'variables.')
        if len(set(params)) != len(params):
            raise TypeError('Parameters to Generic[...] must all be unique')
        return _Generic

    def __repr__(self):
        return "<class 'typing.Generic'>"

    def __call__(self, *args, **kwargs):
        raise TypeError('Type Generic cannot be instantiated; it can be used '
                        'only as a base class')


_Generic = Generic
Generic = _GenericForm()


class Protocol:
    """Base of protocol classes (structural types, unchecked here)."""
    __slots__ = ()
    _is_protocol = True

    def __init_subclass__(cls, **kwargs):
        if '_is_protocol' not in vars(cls):
            cls._is_protocol = Protocol in cls.__bases__


def runtime_checkable(cls):
    cls._is_runtime_protocol = True
    return cls


class NamedTuple(tuple):
    """Typed namedtuple: `class P(NamedTuple): x: int` or
    `NamedTuple('P', [('x', int)])`."""

    def __new__(cls, *args, **kwargs):
        if cls is NamedTuple:
            return _functional_namedtuple(*args, **kwargs)
        return tuple.__new__(cls, args)

    def __init_subclass__(cls, **kwargs):
        own = vars(cls)
        annotations = own.get('__annotations__', {})
        names = tuple(annotations)
        if NamedTuple not in cls.__bases__:
            return
        defaults = {}
        for n in names:
            if n.startswith('_'):
                raise AttributeError('Cannot overwrite NamedTuple attribute '
                                     + n)
            if n in own:
                defaults[n] = own[n]
            elif defaults:
                raise TypeError("Non-default namedtuple field %s cannot "
                                "follow default field%s %s"
                                % (n, 's' if len(defaults) > 1 else '',
                                   ', '.join(defaults)))
        base = _collections.namedtuple(cls.__name__, names,
                                       defaults=[defaults[n] for n in names
                                                 if n in defaults],
                                       module=cls.__module__)
        cls._base = base
        cls._fields = names
        cls._field_defaults = defaults
        cls.__annotations__ = dict(annotations)
        qual = cls.__name__

        def __new__(klass, *args, **kw):
            try:
                values = base(*args, **kw)
            except TypeError as e:
                raise TypeError(str(e).replace(base.__name__ + '.__new__',
                                               qual + '.__new__')
                                .replace('__new__()', '__new__()'))
            return tuple.__new__(klass, values)
        cls.__new__ = __new__
        for i, n in enumerate(names):
            cls._add_getter(n, i)
        cls.__match_args__ = names

    @classmethod
    def _add_getter(cls, name, index):
        setattr(cls, name, property(lambda self: tuple.__getitem__(self, index)))

    def __repr__(self):
        return '%s(%s)' % (type(self).__name__,
                           ', '.join(['%s=%r' % (n, v) for n, v in
                                      zip(self._fields, self)]))

    def _asdict(self):
        return dict(zip(self._fields, self))

    def _replace(self, **kwargs):
        values = self._asdict()
        for k in kwargs:
            if k not in values:
                raise ValueError('Got unexpected field names: %r'
                                 % list(kwargs))
        values.update(kwargs)
        return type(self)(**values)

    @classmethod
    def _make(cls, iterable):
        return cls(*iterable)

    def __getnewargs__(self):
        return tuple(self)


def _functional_namedtuple(typename, fields=None, **kwargs):
    if fields is None:
        fields = list(kwargs.items())
    names = [n for n, t in fields]
    cls = _collections.namedtuple(typename, names)
    cls.__annotations__ = dict(fields)
    return cls


class TypedDict(dict):
    """Class form only: `class Movie(TypedDict): name: str`; calling a
    TypedDict class gives a plain dict, as in CPython."""

    def __init_subclass__(cls, total=True, **kwargs):
        annotations = {}
        for b in cls.__mro__[-1:0:-1]:
            if b is not dict and b is not object:
                annotations.update(vars(b).get('__annotations__', {}))
        annotations.update(vars(cls).get('__annotations__', {}))
        cls.__annotations__ = annotations
        cls.__total__ = total
        if total:
            cls.__required_keys__ = frozenset(annotations)
            cls.__optional_keys__ = frozenset()
        else:
            cls.__required_keys__ = frozenset()
            cls.__optional_keys__ = frozenset(annotations)

        def __new__(klass, *args, **kw):
            return dict(*args, **kw)
        cls.__new__ = __new__


class _NewType:
    def __init__(self, name, tp):
        self.__name__ = name
        self.__qualname__ = name
        self.__supertype__ = tp
        self.__module__ = 'typing'

    def __call__(self, x):
        return x

    def __repr__(self):
        return self.__module__ + '.' + self.__name__

    def __or__(self, other):
        return Union[self, other]


def NewType(name, tp):
    """NewType('UserId', int): a callable returning its argument."""
    try:
        import sys
        module = sys._getframe(1).f_globals.get('__name__', '__main__')
    except Exception:
        module = '__main__'
    nt = _NewType(name, tp)
    nt.__module__ = module
    return nt


def cast(typ, val):
    """Return val unchanged (a hint for type checkers)."""
    return val


_overloads = {}


def overload(func):
    """Mark an overload signature; calling it raises NotImplementedError."""
    key = (getattr(func, '__module__', None),
           getattr(func, '__qualname__', func.__name__))
    _overloads.setdefault(key, []).append(func)

    def _overload_dummy(*args, **kwargs):
        raise NotImplementedError(
            'You should not call an overloaded function. A series of '
            '@typing.overload-decorated functions outside a stub module '
            'should always be followed by an implementation that is not '
            '@overload-ed.')
    return _overload_dummy


def get_overloads(func):
    key = (getattr(func, '__module__', None),
           getattr(func, '__qualname__', func.__name__))
    return list(_overloads.get(key, []))


def clear_overloads():
    _overloads.clear()


def final(f):
    try:
        f.__final__ = True
    except (AttributeError, TypeError):
        pass
    return f


def no_type_check(arg):
    try:
        arg.__no_type_check__ = True
    except (AttributeError, TypeError):
        pass
    return arg


def no_type_check_decorator(decorator):
    return decorator


def get_origin(tp):
    """The unsubscripted type of a typing alias (list for List[int])."""
    if isinstance(tp, _GenericAlias):
        if tp._name == 'Annotated':
            return Annotated
        return tp.__origin__
    if tp is Generic:
        return _Generic
    return None


def get_args(tp):
    """The arguments of a typing alias, as a tuple."""
    if isinstance(tp, _GenericAlias) and tp.__args__ is not None:
        args = tp.__args__
        if isinstance(tp, _CallableAlias) and args[0] is not ...:
            return (list(args[:-1]), args[-1])
        return args
    return ()


def _resolve(value, namespace):
    if value is None:
        return _NoneType
    if isinstance(value, str):
        name = value.strip()
        if name in namespace:
            return namespace[name]
        import builtins
        if hasattr(builtins, name):
            return getattr(builtins, name)
        if name == 'None':
            return _NoneType
        raise NameError("name '%s' is not defined" % name)
    return value


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    """Annotations of a class (through its bases) or a function or module,
    with None as NoneType and plain-name strings looked up."""
    import sys
    hints = {}
    if isinstance(obj, type):
        for base in obj.__mro__[::-1]:
            try:
                ann = vars(base).get('__annotations__', {})
            except TypeError:
                continue
            mod = getattr(sys, 'modules', {}).get(base.__module__)
            ns = dict(vars(mod)) if mod is not None else {}
            if globalns is not None:
                ns = dict(globalns)
            if localns is not None:
                ns.update(localns)
            for name in ann:
                hints[name] = _resolve(ann[name], ns)
        return hints
    ann = getattr(obj, '__annotations__', None)
    if ann is None:
        return {}
    ns = dict(globalns) if globalns is not None else dict(
        getattr(obj, '__globals__', None) or {})
    if localns is not None:
        ns.update(localns)
    for name in ann:
        hints[name] = _resolve(ann[name], ns)
    return hints


class SupportsInt(Protocol):
    pass


class SupportsFloat(Protocol):
    pass


class SupportsIndex(Protocol):
    pass


class SupportsAbs(Protocol):
    pass


class SupportsRound(Protocol):
    pass


class IO(Generic[AnyStr]):
    pass


class TextIO(IO):
    pass


class BinaryIO(IO):
    pass
