"""Data classes: `dataclass` writes `__init__`, `__repr__`, `__eq__`, the
ordering methods and `__hash__` from a class's annotated fields, as CPython's
`dataclasses` does.

Offered: `dataclass` (bare or called with init, repr, eq, order, unsafe_hash,
frozen, match_args), `field` (default, default_factory, init, repr, hash,
compare, metadata), `Field`, `fields`, `asdict`, `astuple`, `replace`,
`is_dataclass`, `FrozenInstanceError`, `MISSING`, `InitVar` (also as
`InitVar[T]`), ClassVar and InitVar fields told by their annotation (objects
or strings), `__post_init__`, inheritance of fields from dataclass bases,
`__match_args__`, `__dataclass_fields__` and `__dataclass_params__`.

Left out: kw_only, KW_ONLY, slots, weakref_slot, make_dataclass; the methods
are closures, not generated source, so `inspect.signature` sees
`(self, *args, **kwargs)`. Where Shoal differs: reprs of Field and
MISSING (CPython's show addresses).
"""

import copy as _copy

__all__ = ['dataclass', 'field', 'Field', 'FrozenInstanceError', 'InitVar',
           'MISSING', 'fields', 'asdict', 'astuple', 'replace',
           'is_dataclass']


class FrozenInstanceError(AttributeError):
    pass


class _MISSING_TYPE:
    def __repr__(self):
        return '<dataclasses._MISSING_TYPE object>'


MISSING = _MISSING_TYPE()

_FIELD = 'field'
_FIELD_CLASSVAR = 'classvar'
_FIELD_INITVAR = 'initvar'


class _InitVarAlias:
    # What `InitVar[T]` gives.
    __slots__ = ('type',)

    def __init__(self, type):
        self.type = type

    def __repr__(self):
        t = self.type
        if isinstance(t, type):
            name = t.__name__
        else:
            name = repr(t)
        return 'dataclasses.InitVar[%s]' % name


class _InitVarForm:
    # Shoal cannot subscript a script class, so `InitVar` is this object,
    # whose `[T]` gives an _InitVarAlias.
    def __getitem__(self, tp):
        return _InitVarAlias(tp)

    def __repr__(self):
        return "<class 'dataclasses.InitVar'>"


InitVar = _InitVarForm()


class Field:
    __slots__ = ('name', 'type', 'default', 'default_factory', 'repr',
                 'hash', 'init', 'compare', 'metadata', 'kw_only',
                 '_field_type')

    def __init__(self, default, default_factory, init, repr, hash, compare,
                 metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only
        self._field_type = None

    def __repr__(self):
        return ('Field(name=%r,type=%r,default=%r,default_factory=%r,'
                'init=%r,repr=%r,hash=%r,compare=%r,metadata=%r,'
                'kw_only=%r,_field_type=%s)'
                % (self.name, self.type, self.default, self.default_factory,
                   self.init, self.repr, self.hash, self.compare,
                   self.metadata, self.kw_only, self._field_type))


class _DataclassParams:
    __slots__ = ('init', 'repr', 'eq', 'order', 'unsafe_hash', 'frozen')

    def __init__(self, init, repr, eq, order, unsafe_hash, frozen):
        self.init = init
        self.repr = repr
        self.eq = eq
        self.order = order
        self.unsafe_hash = unsafe_hash
        self.frozen = frozen

    def __repr__(self):
        return ('_DataclassParams(init=%r,repr=%r,eq=%r,order=%r,'
                'unsafe_hash=%r,frozen=%r)'
                % (self.init, self.repr, self.eq, self.order,
                   self.unsafe_hash, self.frozen))


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True,
          hash=None, compare=True, metadata=None, kw_only=MISSING):
    """Return an object to identify dataclass fields."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare,
                 metadata, kw_only)


def _is_classvar(tp):
    if isinstance(tp, str):
        s = tp.strip()
        for p in ('ClassVar', 'typing.ClassVar', 't.ClassVar'):
            if s == p or s.startswith(p + '['):
                return True
        return False
    if getattr(tp, '_is_classvar', False):
        return True
    return False


def _is_initvar(tp):
    if isinstance(tp, str):
        s = tp.strip()
        for p in ('InitVar', 'dataclasses.InitVar'):
            if s == p or s.startswith(p + '['):
                return True
        return False
    return tp is InitVar or isinstance(tp, _InitVarAlias)


def _class_name(cls):
    return getattr(cls, '__qualname__', None) or cls.__name__


def _make_field(cls, name, tp):
    default = vars(cls).get(name, MISSING)
    if isinstance(default, Field):
        f = default
    else:
        f = field(default=default)
    f.name = name
    f.type = tp
    f._field_type = _FIELD
    if _is_classvar(tp):
        f._field_type = _FIELD_CLASSVAR
    elif _is_initvar(tp):
        f._field_type = _FIELD_INITVAR
    if f._field_type != _FIELD and f.default_factory is not MISSING:
        raise TypeError('field %s cannot have a default factory' % name)
    if f._field_type == _FIELD and type(f.default) in (list, dict, set):
        raise ValueError('mutable default %r for field %s is not allowed: '
                         'use default_factory' % (type(f.default), name))
    return f


def _set_method(cls, name, fn):
    fn.__name__ = name
    fn.__qualname__ = _class_name(cls) + '.' + name
    setattr(cls, name, fn)


def _make_init(cls, all_fields, frozen, has_post_init):
    init_fields = [f for f in all_fields if f.init]
    names = [f.name for f in init_fields]
    nparams = len(names)
    nrequired = len([f for f in init_fields if f.default is MISSING
                     and f.default_factory is MISSING])
    other_fields = [f for f in all_fields
                    if not f.init and f._field_type == _FIELD]
    initvar_names = [f.name for f in all_fields
                     if f._field_type == _FIELD_INITVAR]
    qual = _class_name(cls) + '.__init__()'
    setter = object.__setattr__

    def __init__(self, *args, **kwargs):
        if len(args) > nparams:
            if nrequired == nparams:
                takes = '%d positional argument%s' % (
                    nparams + 1, '' if nparams == 0 else 's')
            else:
                takes = 'from %d to %d positional arguments' % (
                    nrequired + 1, nparams + 1)
            raise TypeError('%s takes %s but %d %s given'
                            % (qual, takes, len(args) + 1,
                               'was' if len(args) == 0 else 'were'))
        values = {}
        i = 0
        for a in args:
            values[names[i]] = a
            i += 1
        for k in kwargs:
            if k not in names:
                raise TypeError("%s got an unexpected keyword argument '%s'"
                                % (qual, k))
            if k in values:
                raise TypeError("%s got multiple values for argument '%s'"
                                % (qual, k))
            values[k] = kwargs[k]
        missing = []
        for f in init_fields:
            n = f.name
            if n not in values:
                if f.default is not MISSING:
                    values[n] = f.default
                elif f.default_factory is not MISSING:
                    values[n] = f.default_factory()
                else:
                    missing.append(n)
        if missing:
            quoted = ["'%s'" % n for n in missing]
            if len(quoted) == 1:
                text = quoted[0]
            elif len(quoted) == 2:
                text = quoted[0] + ' and ' + quoted[1]
            else:
                text = ', '.join(quoted[:-1]) + ', and ' + quoted[-1]
            raise TypeError('%s missing %d required positional argument%s: %s'
                            % (qual, len(missing),
                               '' if len(missing) == 1 else 's', text))
        for f in init_fields:
            if f._field_type == _FIELD:
                if frozen:
                    setter(self, f.name, values[f.name])
                else:
                    setattr(self, f.name, values[f.name])
        for f in other_fields:
            if f.default_factory is not MISSING:
                v = f.default_factory()
            elif f.default is not MISSING:
                v = f.default
            else:
                continue
            if frozen:
                setter(self, f.name, v)
            else:
                setattr(self, f.name, v)
        if has_post_init:
            self.__post_init__(*[values[n] for n in initvar_names])

    return __init__


_repr_running = set()


def _make_repr(cls, shown):
    def __repr__(self):
        key = id(self)
        if key in _repr_running:
            return '...'
        _repr_running.add(key)
        try:
            parts = []
            for f in shown:
                parts.append('%s=%r' % (f.name, getattr(self, f.name)))
            return '%s(%s)' % (_class_name(self.__class__), ', '.join(parts))
        finally:
            _repr_running.discard(key)
    return __repr__


def _make_eq(names):
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            for n in names:
                if getattr(self, n) != getattr(other, n):
                    return False
            return True
        return NotImplemented
    return __eq__


def _make_order(names, op):
    def key(obj):
        return tuple([getattr(obj, n) for n in names])
    if op == '__lt__':
        def method(self, other):
            if other.__class__ is self.__class__:
                return key(self) < key(other)
            return NotImplemented
    elif op == '__le__':
        def method(self, other):
            if other.__class__ is self.__class__:
                return key(self) <= key(other)
            return NotImplemented
    elif op == '__gt__':
        def method(self, other):
            if other.__class__ is self.__class__:
                return key(self) > key(other)
            return NotImplemented
    else:
        def method(self, other):
            if other.__class__ is self.__class__:
                return key(self) >= key(other)
            return NotImplemented
    return method


def _make_hash(names):
    def __hash__(self):
        return hash(tuple([getattr(self, n) for n in names]))
    return __hash__


def _make_frozen(cls, field_names):
    def __setattr__(self, name, value):
        if type(self) is cls or name in field_names:
            raise FrozenInstanceError("cannot assign to field '%s'" % name)
        object.__setattr__(self, name, value)

    def __delattr__(self, name):
        if type(self) is cls or name in field_names:
            raise FrozenInstanceError("cannot delete field '%s'" % name)
        object.__delattr__(self, name)
    return __setattr__, __delattr__


def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen,
                   match_args):
    all_fields = {}
    any_frozen_base = False
    has_dataclass_bases = False
    for b in cls.__mro__[-1:0:-1]:
        base_fields = getattr(b, '__dataclass_fields__', None)
        if base_fields is not None:
            has_dataclass_bases = True
            for f in base_fields.values():
                all_fields[f.name] = f
            if b.__dataclass_params__.frozen:
                any_frozen_base = True

    own = vars(cls)
    annotations = own.get('__annotations__', {})
    own_fields = []
    for name in annotations:
        f = _make_field(cls, name, annotations[name])
        own_fields.append(f)
        all_fields[name] = f
        if isinstance(own.get(name), Field):
            if f.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
    for name in own:
        value = own[name]
        if isinstance(value, Field) and name not in annotations:
            raise TypeError('%r is a field but has no type annotation'
                            % name)

    if has_dataclass_bases:
        if any_frozen_base and not frozen:
            raise TypeError('cannot inherit non-frozen dataclass from a '
                            'frozen one')
        if not any_frozen_base and frozen:
            raise TypeError('cannot inherit frozen dataclass from a '
                            'non-frozen one')

    cls.__dataclass_fields__ = all_fields
    cls.__dataclass_params__ = _DataclassParams(init, repr, eq, order,
                                                unsafe_hash, frozen)

    field_list = list(all_fields.values())
    std_fields = [f for f in field_list if f._field_type == _FIELD]

    if init:
        seen_default = False
        for f in field_list:
            if f._field_type == _FIELD_CLASSVAR or not f.init:
                continue
            if f.default is MISSING and f.default_factory is MISSING:
                if seen_default:
                    raise TypeError("non-default argument '%s' follows "
                                    "default argument" % f.name)
            else:
                seen_default = True
        init_fields = [f for f in field_list
                       if f._field_type != _FIELD_CLASSVAR]
        _set_method(cls, '__init__',
                    _make_init(cls, init_fields, frozen,
                               hasattr(cls, '__post_init__')))

    if repr:
        _set_method(cls, '__repr__',
                    _make_repr(cls, [f for f in std_fields if f.repr]))

    compare_names = [f.name for f in std_fields if f.compare]
    if eq:
        _set_method(cls, '__eq__', _make_eq(compare_names))

    if order:
        if not eq:
            raise ValueError('eq must be true if order is true')
        for op in ('__lt__', '__le__', '__gt__', '__ge__'):
            if op in own:
                raise TypeError('Cannot overwrite attribute %s in class %s. '
                                'Consider using functools.total_ordering'
                                % (op, cls.__name__))
            _set_method(cls, op, _make_order(compare_names, op))

    if frozen:
        names = tuple([f.name for f in field_list])
        for op in ('__setattr__', '__delattr__'):
            if op in own:
                raise TypeError('Cannot overwrite attribute %s in class %s'
                                % (op, cls.__name__))
        sa, da = _make_frozen(cls, names)
        _set_method(cls, '__setattr__', sa)
        _set_method(cls, '__delattr__', da)

    hash_names = [f.name for f in std_fields
                  if (f.compare if f.hash is None else f.hash)]
    has_explicit_hash = '__hash__' in own and own['__hash__'] is not None
    if unsafe_hash:
        if has_explicit_hash:
            raise TypeError('Cannot overwrite attribute __hash__ in class %s'
                            % cls.__name__)
        _set_method(cls, '__hash__', _make_hash(hash_names))
    elif eq and frozen:
        if not has_explicit_hash:
            _set_method(cls, '__hash__', _make_hash(hash_names))
    elif eq:
        if not has_explicit_hash:
            cls.__hash__ = None

    if match_args and '__match_args__' not in own:
        cls.__match_args__ = tuple([f.name for f in field_list
                                    if f.init and f._field_type != _FIELD_CLASSVAR])
    return cls


def dataclass(cls=None, *, init=True, repr=True, eq=True, order=False,
              unsafe_hash=False, frozen=False, match_args=True,
              kw_only=False, slots=False, weakref_slot=False):
    """Add dunder methods based on the fields defined in the class."""
    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash,
                              frozen, match_args)
    if cls is None:
        return wrap
    return wrap(cls)


def _fields_of(obj):
    return getattr(obj, '__dataclass_fields__', None)


def fields(class_or_instance):
    """Return a tuple of the Field objects of a dataclass or instance."""
    fs = _fields_of(class_or_instance)
    if fs is None:
        raise TypeError('must be called with a dataclass type or instance')
    return tuple([f for f in fs.values() if f._field_type == _FIELD])


def is_dataclass(obj):
    """True if obj is a dataclass or an instance of one."""
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, '__dataclass_fields__')


def _is_dataclass_instance(obj):
    return hasattr(type(obj), '__dataclass_fields__')


def _asdict_inner(obj, dict_factory):
    if _is_dataclass_instance(obj):
        result = []
        for f in fields(obj):
            result.append((f.name, _asdict_inner(getattr(obj, f.name),
                                                 dict_factory)))
        return dict_factory(result)
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_asdict_inner(v, dict_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)([_asdict_inner(v, dict_factory) for v in obj])
    if isinstance(obj, dict):
        return type(obj)([(_asdict_inner(k, dict_factory),
                           _asdict_inner(v, dict_factory))
                          for k, v in obj.items()])
    return _copy.deepcopy(obj)


def asdict(obj, *, dict_factory=dict):
    """Return the fields of a dataclass instance as a new dict, recursively."""
    if not _is_dataclass_instance(obj):
        raise TypeError('asdict() should be called on dataclass instances')
    return _asdict_inner(obj, dict_factory)


def _astuple_inner(obj, tuple_factory):
    if _is_dataclass_instance(obj):
        return tuple_factory([_astuple_inner(getattr(obj, f.name),
                                             tuple_factory)
                              for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_astuple_inner(v, tuple_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)([_astuple_inner(v, tuple_factory) for v in obj])
    if isinstance(obj, dict):
        return type(obj)([(_astuple_inner(k, tuple_factory),
                           _astuple_inner(v, tuple_factory))
                          for k, v in obj.items()])
    return _copy.deepcopy(obj)


def astuple(obj, *, tuple_factory=tuple):
    """Return the fields of a dataclass instance as a new tuple, recursively."""
    if not _is_dataclass_instance(obj):
        raise TypeError('astuple() should be called on dataclass instances')
    return _astuple_inner(obj, tuple_factory)


def replace(obj, /, **changes):
    """Return a new object like obj with the given fields changed."""
    if not _is_dataclass_instance(obj):
        raise TypeError('replace() should be called on dataclass instances')
    for f in obj.__dataclass_fields__.values():
        if f._field_type == _FIELD_CLASSVAR:
            continue
        if not f.init:
            if f.name in changes:
                raise ValueError('field %s is declared with init=False, it '
                                 'cannot be specified with replace()'
                                 % f.name)
            continue
        if f.name not in changes:
            if f._field_type == _FIELD_INITVAR and f.default is MISSING:
                raise ValueError("InitVar '%s' must be specified with "
                                 "replace()" % f.name)
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)
