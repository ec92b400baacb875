"""Enumerations: Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique.

Members are made by `Enum.__init_subclass__`: each public class
attribute that is not a function, method or property becomes an instance
of the class (aliases for repeated values), with `.name`/`.value`
(`_name_`/`_value_`), CPython 3.11's repr and str, and `Color(1)` finds
the member through the metaclass `EnumType` and `Enum.__new__` (with the
`_missing_` hook and CPython's ValueError). The class itself iterates
over its members (`for c in Color`, `list(Color)`, `reversed(Color)`),
has a `len()`, `Color['RED']`, `Color.RED in Color` (a TypeError for
non-members, as in 3.11) and the repr `<enum 'Color'>`. Also offered:
the functional API (`Enum('Color', 'RED GREEN')`, with a list of names,
of pairs, or a dict, and `start=`), `__members__` (a dict),
`_member_names_`, `_member_map_`, `_value2member_map_`, `auto()` (1, 2,
3...; powers of two for flags; lower-cased names for StrEnum),
`_generate_next_value_`, `unique` (CPython's ValueError), extending an
enum with members refused as CPython does, Flag/IntFlag bit operators
(`|`, `&`, `^`, `~`, `in`, iteration over a combined value, reprs such as
`<Perm.R|W: 3>`), IntEnum/IntFlag members that are ints, StrEnum members
that are strs, copy/deepcopy keeping members.

Left out: refusing to reassign or delete members on the class,
`__members__` as a read-only mappingproxy (it is a dict), `_ignore_`,
nested classes as members, members whose `__init__` takes a tuple
value's items (a class defining `__init__` gets it called with the whole
value), EnumCheck/verify, global_enum, FlagBoundary, the DeprecationWarning
3.11 prints for `'RED' in Color`.
"""

__all__ = ['Enum', 'IntEnum', 'StrEnum', 'Flag', 'IntFlag', 'auto', 'unique',
           'EnumMeta', 'EnumType']


class auto:
    """Stand-in for a member value: the enum picks the next value."""
    _counter = 0

    def __init__(self):
        auto._counter += 1
        self._order = auto._counter
        self.value = None

    def __repr__(self):
        return 'auto(%r)' % self.value


def _is_descriptor_like(value):
    if callable(value) and not isinstance(value, (Enum, int, str, float)):
        return True
    kind = type(value).__name__
    return kind in ('property', 'classmethod', 'staticmethod', 'object',
                    'function', 'builtin_function_or_method')


def _is_member_name(name):
    return not (name.startswith('_') and (name.endswith('_') or
                                          name.startswith('__')))


def _class_name(cls):
    return cls.__name__


class EnumType(type):
    """The metaclass of enumerations: what the class itself does
    (iteration, len, [], in, repr, calling it)."""

    def __call__(cls, value, names=None, *, module=None, qualname=None,
                 type=None, start=1, boundary=None):
        if names is None:
            return cls.__new__(cls, value)
        return _functional(cls, value, names, module, qualname, type, start)

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name]
                for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __bool__(cls):
        return True

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError(
                "unsupported operand type(s) for 'in': '%s' and '%s'"
                % (_type_of(member).__qualname__, _type_of(cls).__qualname__))
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return '<flag %r>' % (cls.__name__,)
        return '<enum %r>' % (cls.__name__,)


EnumMeta = EnumType
Flag = None
_type_of = type


def _functional(cls, class_name, names, module, qualname, data_type, start):
    """`Enum('Color', 'RED GREEN')`: a new enumeration class."""
    if isinstance(names, str):
        names = names.replace(',', ' ').split()
    if isinstance(names, dict):
        items = list(names.items())
    else:
        items = []
        count = 0
        last_values = []
        for item in names:
            if isinstance(item, str):
                value = cls._generate_next_value_(item, start, count,
                                                  list(last_values))
                items.append((item, value))
            else:
                name, value = item
                items.append((name, value))
            last_values.append(items[-1][1])
            count += 1
    bases = (cls,) if data_type is None else (data_type, cls)
    ns = {'__module__': module if module is not None else '__main__'}
    if qualname is not None:
        ns['__qualname__'] = qualname
    for name, value in items:
        ns[name] = value
    return _type_of(cls)(class_name, bases, ns)


class Enum(metaclass=EnumType):
    """Base of enumerations: subclass it and list the members as class
    attributes."""

    _member_names_ = []
    _member_map_ = {}
    _value2member_map_ = {}

    def __init_subclass__(cls, **kwargs):
        # Refuse to extend an enumeration that has members.
        for base in cls.__mro__[1:]:
            if issubclass(base, Enum) and base._member_names_:
                raise TypeError("<enum '%s'> cannot extend <enum '%s'>"
                                % (cls.__name__, base.__name__))
        own = vars(cls)
        names = []
        values = []
        for name in list(own):
            if not _is_member_name(name):
                continue
            value = own[name]
            if _is_descriptor_like(value) and not isinstance(value, auto):
                continue
            names.append(name)
            values.append(value)
        cls._member_names_ = []
        cls._member_map_ = {}
        cls._value2member_map_ = {}
        data_type = cls._data_type()
        if data_type is not None:
            _keep_enum_methods(cls, data_type, own)
        last_values = []
        for i in range(len(names)):
            name = names[i]
            value = values[i]
            if isinstance(value, auto):
                value.value = cls._generate_next_value_(name, 1, i,
                                                        list(last_values))
                value = value.value
            last_values.append(value)
            existing = cls._value2member_map_.get(value) if _hashable(value) \
                else None
            if existing is None:
                for m in cls._member_map_.values():
                    if m._value_ == value:
                        existing = m
                        break
            if existing is not None:
                cls._member_map_[name] = existing
                setattr(cls, name, existing)
                continue
            member = cls._make_member(data_type, value)
            member._name_ = name
            member._value_ = value
            if '__init__' in own or _custom_init(cls):
                if isinstance(value, tuple):
                    member.__init__(*value)
                else:
                    member.__init__(value)
            cls._member_names_.append(name)
            cls._member_map_[name] = member
            if _hashable(value):
                cls._value2member_map_[value] = member
            setattr(cls, name, member)
        cls.__members__ = dict(cls._member_map_)

    @classmethod
    def _data_type(cls):
        for base in cls.__mro__:
            if base in (int, str, float, tuple, bytes, frozenset):
                return base
        return None

    @classmethod
    def _make_member(cls, data_type, value):
        if data_type is None:
            return object.__new__(cls)
        if isinstance(value, tuple) and data_type is not tuple:
            return data_type.__new__(cls, *value)
        return data_type.__new__(cls, value)

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        for v in reversed(last_values):
            try:
                return v + 1
            except TypeError:
                pass
        return start

    def __new__(cls, value):
        member = _lookup(cls, value)
        if member is not None:
            return member
        result = cls._missing_(value)
        if isinstance(result, cls):
            return result
        if result is not None:
            raise TypeError('error in %s._missing_: returned %r instead of '
                            'None or a valid member' % (cls.__name__, result))
        raise ValueError('%r is not a valid %s' % (value, _class_name(cls)))

    def __init__(self, *args, **kwargs):
        pass

    @classmethod
    def _missing_(cls, value):
        return None

    @property
    def name(self):
        """The name of the member."""
        return self._name_

    @property
    def value(self):
        """The value of the member."""
        return self._value_

    def __repr__(self):
        return '<%s.%s: %r>' % (type(self).__name__, self._name_,
                                self._value_)

    def __str__(self):
        return '%s.%s' % (type(self).__name__, self._name_)

    def __format__(self, spec):
        return format(str(self), spec)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce_ex__(self, proto):
        return (type(self), (self._value_,))

    def __dir__(self):
        return ['__class__', '__doc__', '__eq__', '__hash__', '__module__',
                'name', 'value']


def _keep_enum_methods(cls, data_type, own):
    # A mixed-in data type (`class I(int, Enum)`) comes before Enum in the
    # MRO: as CPython's EnumType does, give the class Enum's repr, str,
    # format and lookup by value unless it defines its own.
    first_enum = None
    for base in cls.__mro__[1:]:
        if base is not data_type and isinstance(base, EnumType):
            first_enum = base
            break
    if first_enum is None:
        return
    for name in ('__repr__', '__str__', '__format__'):
        if name in own:
            continue
        for base in cls.__mro__:
            if base is data_type:
                setattr(cls, name, getattr(first_enum, name))
                break
            if name in _own_names(base):
                break
    if '__new__' not in own:
        cls.__new__ = Enum.__new__


def _own_names(cls):
    try:
        return vars(cls)
    except TypeError:
        return {}


def _hashable(value):
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _custom_init(cls):
    for base in cls.__mro__:
        if getattr(base, '__module__', None) == __name__:
            return False
        try:
            if '__init__' in vars(base):
                return True
        except TypeError:
            return False
    return False


def _lookup(cls, value):
    if isinstance(value, cls):
        return value
    if _hashable(value):
        member = cls._value2member_map_.get(value)
        if member is not None:
            return member
    for m in cls._member_map_.values():
        if m._value_ == value:
            return m
    return None


class ReprEnum(Enum):
    """Enum whose str() is that of the value's type."""


class IntEnum(int, ReprEnum):
    """Enum whose members are ints."""

    __repr__ = Enum.__repr__
    __new__ = Enum.__new__

    def __str__(self):
        return int.__repr__(self)

    def __format__(self, spec):
        return int.__format__(self, spec)


class StrEnum(str, ReprEnum):
    """Enum whose members are strs."""

    __repr__ = Enum.__repr__
    __new__ = Enum.__new__

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()

    def __str__(self):
        return str.__str__(self)

    def __format__(self, spec):
        return str.__format__(self, spec)


def _bits(value):
    out = []
    bit = 1
    while bit <= value:
        if value & bit:
            out.append(bit)
        bit <<= 1
    return out


class Flag(Enum):
    """Enum whose members combine with the bit operators."""


    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start
        high = 0
        for v in last_values:
            if isinstance(v, int) and v > high:
                high = v
        n = 1
        while n <= high:
            n <<= 1
        return n

    @classmethod
    def _all_bits(cls):
        total = 0
        for name in cls._member_names_:
            total |= cls._member_map_[name]._value_
        return total

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            return None
        if value < 0 or value & ~cls._all_bits():
            if cls._data_type() is int:
                if value < 0:
                    return None
            else:
                return None
        return _flag_missing(cls, value)

    def __contains__(self, other):
        if not isinstance(other, type(self)):
            raise TypeError("unsupported operand type(s) for 'in': %r and %r"
                            % (type(other).__name__, type(self).__name__))
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        for name in self.__class__._member_names_:
            m = self.__class__._member_map_[name]
            v = m._value_
            if v and len(_bits(v)) == 1 and v & self._value_ == v:
                yield m

    def __len__(self):
        return len(list(self.__iter__()))

    def __bool__(self):
        return bool(self._value_)

    def __or__(self, other):
        if not isinstance(other, type(self)):
            return NotImplemented
        return type(self)(self._value_ | other._value_)

    def __and__(self, other):
        if not isinstance(other, type(self)):
            return NotImplemented
        return type(self)(self._value_ & other._value_)

    def __xor__(self, other):
        if not isinstance(other, type(self)):
            return NotImplemented
        return type(self)(self._value_ ^ other._value_)

    def __invert__(self):
        cls = type(self)
        return cls(cls._all_bits() & ~self._value_)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __repr__(self):
        cls = type(self).__name__
        if self._name_ is None:
            return '<%s: %r>' % (cls, self._value_)
        return '<%s.%s: %r>' % (cls, self._name_, self._value_)

    def __str__(self):
        cls = type(self).__name__
        if self._name_ is None:
            return '%s(%r)' % (cls, self._value_)
        return '%s.%s' % (cls, self._name_)


def _sum_of(cls, names):
    total = 0
    for n in names:
        total |= cls._member_map_[n]._value_
    return total


class IntFlag(int, ReprEnum, Flag):
    """Flag whose members are ints; operations with plain ints give
    members too."""

    __repr__ = Flag.__repr__
    __new__ = Enum.__new__

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            return None
        return _flag_missing(cls, value)

    def __or__(self, other):
        if isinstance(other, int):
            return type(self)(self._value_ | int(other))
        return NotImplemented

    def __and__(self, other):
        if isinstance(other, int):
            return type(self)(self._value_ & int(other))
        return NotImplemented

    def __xor__(self, other):
        if isinstance(other, int):
            return type(self)(self._value_ ^ int(other))
        return NotImplemented

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __str__(self):
        return int.__repr__(self)

    def __format__(self, spec):
        return int.__format__(self, spec)


def _flag_missing(cls, value):
    pseudo = cls._make_member(cls._data_type(), value)
    names = []
    for name in cls._member_names_:
        v = cls._member_map_[name]._value_
        if v and v & value == v and len(_bits(v)) == 1:
            names.append(name)
    pseudo._name_ = '|'.join(names) if names and \
        _sum_of(cls, names) == value else None
    pseudo._value_ = value
    cls._value2member_map_[value] = pseudo
    return pseudo


def unique(enumeration):
    """Class decorator: refuse aliases (two names for one value)."""
    duplicates = []
    for name in enumeration.__members__:
        member = enumeration.__members__[name]
        if name != member._name_:
            duplicates.append((name, member._name_))
    if duplicates:
        details = ', '.join(['%s -> %s' % (alias, name)
                             for alias, name in duplicates])
        raise ValueError("duplicate values found in <enum '%s'>: %s"
                         % (enumeration.__name__, details))
    return enumeration

