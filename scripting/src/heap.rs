//! The VM heap: every object a script creates, in one arena indexed by
//! [`ObjId`], with a mark-and-sweep garbage collector.
//!
//! Objects refer to each other by index only, so the heap is plain data.
//! The collector is called by the VM between instructions, when the
//! number of allocations since the last collection passes a threshold;
//! the VM passes its roots (frames, modules, constants).

use std::hash::BuildHasherDefault;
use std::rc::Rc;

use indexmap::IndexMap;
use rustc_hash::FxHasher;

use crate::value::{Key, ObjId, Value};

/// A deterministic hash map (no random seed): script runs repeat exactly.
pub type Map<K, V> = IndexMap<K, V, BuildHasherDefault<FxHasher>>;

/// A script dict: insertion-ordered, keyed by [`Key`], keeping the
/// original key value for iteration.
pub type Dict = Map<Key, (Value, Value)>;

/// Attributes of an instance, class or module, by name.
pub type Attrs = Map<Rc<str>, Value>;

/// The built-in types whose instances are not heap classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum TypeKind {
    /// `object`
    Object,
    /// `NoneType`
    NoneType,
    /// `bool`
    Bool,
    /// `int`
    Int,
    /// `float`
    Float,
    /// `str`
    Str,
    /// `list`
    List,
    /// `tuple`
    Tuple,
    /// `dict`
    Dict,
    /// `set`
    Set,
    /// `frozenset`
    FrozenSet,
    /// `range`
    Range,
    /// `function`
    Function,
    /// `builtin_function_or_method`
    Builtin,
    /// `type`
    Type,
    /// `module`
    Module,
    /// iterators of all kinds
    Iterator,
    /// `slice`
    Slice,
    /// `method`
    Method,
    /// `generator`
    Generator,
    /// `stackless.tasklet`
    Tasklet,
    /// `stackless.channel`
    Channel,
    /// `bytes`
    Bytes,
    /// `bytearray`
    ByteArray,
    /// file objects made by `open()`
    File,
    /// `random.Random`
    Random,
    /// `super`
    Super,
    /// `dict_keys`
    DictKeys,
    /// `dict_values`
    DictValues,
    /// `dict_items`
    DictItems,
    /// `re.Pattern`
    Pattern,
    /// `re.Match`
    Match,
    /// `coroutine` (what calling an `async def` makes)
    Coroutine,
}

impl TypeKind {
    /// The type's `__name__`.
    pub fn name(self) -> &'static str {
        match self {
            TypeKind::Object => "object",
            TypeKind::NoneType => "NoneType",
            TypeKind::Bool => "bool",
            TypeKind::Int => "int",
            TypeKind::Float => "float",
            TypeKind::Str => "str",
            TypeKind::List => "list",
            TypeKind::Tuple => "tuple",
            TypeKind::Dict => "dict",
            TypeKind::Set => "set",
            TypeKind::FrozenSet => "frozenset",
            TypeKind::Range => "range",
            TypeKind::Function => "function",
            TypeKind::Builtin => "builtin_function_or_method",
            TypeKind::Type => "type",
            TypeKind::Module => "module",
            TypeKind::Iterator => "iterator",
            TypeKind::Slice => "slice",
            TypeKind::Method => "method",
            TypeKind::Generator => "generator",
            TypeKind::Coroutine => "coroutine",
            TypeKind::Tasklet => "tasklet",
            TypeKind::Channel => "channel",
            TypeKind::Bytes => "bytes",
            TypeKind::ByteArray => "bytearray",
            TypeKind::File => "TextIOWrapper",
            TypeKind::Random => "Random",
            TypeKind::Super => "super",
            TypeKind::DictKeys => "dict_keys",
            TypeKind::DictValues => "dict_values",
            TypeKind::DictItems => "dict_items",
            TypeKind::Pattern => "re.Pattern",
            TypeKind::Match => "re.Match",
        }
    }
}

/// A function defined in a script.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Function {
    /// Index of its code in the VM's code table.
    pub code: u32,
    /// Default values of the trailing positional parameters.
    pub defaults: Vec<Value>,
    /// Default values of keyword-only parameters, by name.
    pub kwdefaults: Vec<(Rc<str>, Value)>,
    /// Cells of the variables it closes over.
    pub closure: Vec<ObjId>,
    /// The module whose globals it uses.
    pub module: ObjId,
    /// The class it was defined in (for `super()`).
    pub owner: Option<ObjId>,
    /// Attributes set on it by the script (`f.cache = {}`).
    #[serde(default)]
    pub attrs: Option<Box<Attrs>>,
}

/// A class: built-in exception classes and, later, script classes.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Class {
    /// `__name__`.
    pub name: Rc<str>,
    /// The base classes.
    pub bases: Vec<ObjId>,
    /// The method resolution order, this class first.
    pub mro: Vec<ObjId>,
    /// Class attributes and methods.
    pub attrs: Attrs,
    /// Whether this is `BaseException` or derives from it.
    pub is_exception: bool,
    /// The built-in type its instances are made on (`class L(list)`):
    /// each instance holds a value of that type (see `classes.rs`).
    #[serde(default)]
    pub native: Option<TypeKind>,
    /// Whether this class stands for the built-in type `native` in its
    /// subclasses' MROs, holding that type's methods.
    #[serde(default)]
    pub proxy: bool,
    /// Its metaclass, when that is not `type`: a class deriving from
    /// `type`, whose methods serve the class's own operations
    /// (`iter(C)`, `len(C)`, `C[k]`, `C(...)`, `repr(C)`).
    #[serde(default)]
    pub metaclass: Option<ObjId>,
}

/// A `property`: its accessors (None where absent) and docstring.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Property {
    /// The getter.
    pub fget: Value,
    /// The setter.
    pub fset: Value,
    /// The deleter.
    #[serde(default = "crate::value::none_value")]
    pub fdel: Value,
    /// `__doc__` (the getter's docstring unless given).
    #[serde(default = "crate::value::none_value")]
    pub doc: Value,
}

/// An instance of a class.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Instance {
    /// Its class.
    pub class: ObjId,
    /// Its attributes.
    pub attrs: Attrs,
    /// The built-in value it is made on, when its class derives from a
    /// built-in type (the list of a `class L(list)` instance): that
    /// object, or a cell holding an int or a float; [`ObjId::NONE`]
    /// otherwise (an id, not a `Value`: keeps every heap slot small).
    #[serde(default = "crate::value::no_object")]
    pub native: ObjId,
}

/// A module: its name and globals.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Module {
    /// `__name__`.
    pub name: Rc<str>,
    /// Its globals.
    pub attrs: Attrs,
}

/// Iterator state, as data.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Iter {
    /// Over a list, tuple or string, by index.
    Seq {
        /// The sequence.
        seq: ObjId,
        /// The next index.
        index: usize,
    },
    /// Over a range.
    Range {
        /// The next value.
        next: i64,
        /// The stop value.
        stop: i64,
        /// The step.
        step: i64,
    },
    /// Over a dict's keys, values or items, or a set.
    Dict {
        /// The dict or set.
        dict: ObjId,
        /// The next position.
        index: usize,
        /// 0 keys, 1 values, 2 items.
        what: u8,
        /// The size of the dict or set when iteration began: a change
        /// is a RuntimeError, as in CPython (`u32::MAX` once raised;
        /// `None` in iterators saved before this was kept).
        #[serde(default)]
        size: Option<u32>,
    },
    /// Over a list of values made up front (zip, enumerate, reversed...).
    Values {
        /// The values.
        items: Vec<Value>,
        /// The next index.
        index: usize,
    },
    /// `map(func, *iterables)`, lazily.
    Map {
        /// The function.
        func: Value,
        /// Iterators over the iterables.
        iters: Vec<Value>,
    },
    /// `zip(*iterables)`, lazily.
    Zip {
        /// Iterators over the iterables.
        iters: Vec<Value>,
    },
    /// The old sequence protocol: `obj[0]`, `obj[1]`... until IndexError.
    GetItem {
        /// An instance whose class defines only `__getitem__`.
        obj: Value,
        /// The next index.
        index: i64,
    },
    /// `enumerate(iterable, start)`, lazily.
    Enumerate {
        /// Iterator over the iterable.
        iter: Value,
        /// The next count.
        next: i64,
    },
    /// `filter(func, iterable)`, lazily.
    Filter {
        /// The predicate (None: truth).
        func: Value,
        /// Iterator over the iterable.
        iter: Value,
    },
}

/// A built-in function or method, by number: an index into the VM's
/// table of natives (see [`crate::module`]). Saved by name (`"print"`,
/// `"str.join"`, `"math.sqrt"`), found again in the loading VM's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Builtin(pub u16);

impl serde::Serialize for Builtin {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match crate::module::native_key(*self) {
            Some(key) => s.serialize_str(&key),
            None => Err(serde::ser::Error::custom(format!(
                "built-in {} has no name",
                self.0
            ))),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Builtin {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let key = String::deserialize(d)?;
        crate::module::intern(&key)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown built-in '{key}'")))
    }
}

/// A heap object.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub enum Obj {
    /// A string.
    Str(Rc<str>),
    /// A list.
    List(Vec<Value>),
    /// A tuple.
    Tuple(Vec<Value>),
    /// A dict.
    Dict(Dict),
    /// A live view of a dict: its keys (0), values (1) or items (2), as
    /// `dict.keys()`, `values()` and `items()` return.
    DictView(ObjId, u8),
    /// A set or a frozenset.
    Set(crate::set_table::SetTable),
    /// `range(start, stop, step)`.
    Range(i64, i64, i64),
    /// A script function (boxed: keeps every heap slot small).
    Function(Box<Function>),
    /// A closure cell.
    Cell(Value),
    /// A built-in function.
    Builtin(Builtin),
    /// A built-in method bound to its receiver (`lst.append`).
    Method(Value, Builtin),
    /// A built-in method taken from its type (`str.lower`): the receiver
    /// is the first argument.
    Unbound(Builtin),
    /// A built-in type (`int`, `str`, ...).
    Type(TypeKind),
    /// A class (boxed: keeps every heap slot small).
    Class(Box<Class>),
    /// An instance of a class.
    Instance(Instance),
    /// An iterator.
    Iter(Iter),
    /// A module.
    Module(Module),
    /// `slice(start, stop, step)`.
    Slice(Value, Value, Value),
    /// A script function bound to its first argument.
    BoundMethod(Value, Value),
    /// `super()`: the class it was called in, and the object.
    Super(ObjId, Value),
    /// `staticmethod(f)`.
    StaticMethod(Value),
    /// `classmethod(f)`.
    ClassMethod(Value),
    /// `property(fget, fset, fdel, doc)`.
    Property(Box<Property>),
    /// A generator: its suspended frame.
    Generator(Box<Generator>),
    /// A bytes object.
    Bytes(Rc<[u8]>),
    /// A bytearray.
    ByteArray(Vec<u8>),
    /// A file made by `open()` (never saved).
    #[serde(skip)]
    File(Box<crate::files::FileObj>),
    /// A `stackless.tasklet`. A snapshot keeps its function and
    /// `tempval`; its frames and scheduler state are in a world snapshot.
    Tasklet(Box<crate::stackless::TaskletObj>),
    /// An int outside the 64-bit range (smaller ones are
    /// [`Value::Int`]; see `builtins::int`).
    BigInt(Box<num_bigint::BigInt>),
    /// A `random.Random` generator.
    Random(Box<crate::random::Mt>),
    /// A `stackless.channel`. A snapshot keeps its settings; the tasklets
    /// waiting on it are in a world snapshot.
    Channel(Box<crate::stackless::ChannelObj>),
    /// A compiled regular expression (`re.Pattern`): saved as its
    /// source and flags, compiled again when first used after a load.
    Pattern(Box<crate::re::PatternObj>),
    /// A match of a regular expression (`re.Match`).
    Match(Box<crate::re::MatchObj>),
}

/// The state of a generator.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Generator {
    /// The suspended frame; `None` while it runs or once it has ended.
    pub frame: Option<crate::vm::SavedFrame>,
    /// Whether it has started (a value can be sent to it).
    pub started: bool,
    /// Whether it has ended.
    pub finished: bool,
    /// Its name, for repr.
    pub name: Rc<str>,
    /// A coroutine (made by an `async def`): `await` drives it, `for`
    /// and `next()` do not.
    #[serde(default)]
    pub coroutine: bool,
}

/// The arena.
#[derive(Default, serde::Serialize, serde::Deserialize)]
pub struct Heap {
    objects: Vec<Option<Obj>>,
    free: Vec<u32>,
    #[serde(skip)]
    marks: Vec<bool>,
    /// Allocations since the last collection.
    pub allocated: usize,
    /// Live objects after the last collection.
    pub live_after_gc: usize,
    /// Bytes of the live objects at the last collection.
    #[serde(default)]
    pub live_bytes: usize,
    /// Bytes allocated or grown since (see [`crate::memory`]). Saved with
    /// the heap: when the next collection runs decides which slots are
    /// reused, so ids and default reprs go on as in the uninterrupted run.
    #[serde(default)]
    pub bytes_since_gc: usize,
    /// Changes whenever a class may have changed (see [`ClassEpoch`]).
    #[serde(skip)]
    class_epoch: ClassEpoch,
}

/// A number that changes whenever any class of a heap may have changed:
/// a class reached mutably, a class allocated, a collection (which may
/// free a class and let its slot be reused). The interpreter's per-site
/// caches of what a class lookup found are valid while it is unchanged.
/// Numbers come from one process-wide counter, so a heap loaded from a
/// snapshot never repeats one a cache holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClassEpoch(u64);

impl ClassEpoch {
    fn next() -> ClassEpoch {
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        ClassEpoch(COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }

    /// No epoch: what an empty cache entry holds (never a heap's).
    pub const NONE: ClassEpoch = ClassEpoch(0);
}

impl Default for ClassEpoch {
    fn default() -> ClassEpoch {
        ClassEpoch::next()
    }
}

impl Heap {
    /// Stores an object; returns its index.
    pub fn alloc(&mut self, obj: Obj) -> ObjId {
        if matches!(obj, Obj::Class(_)) {
            self.class_epoch = ClassEpoch::next();
        }
        self.allocated += 1;
        self.bytes_since_gc += obj.approx_bytes();
        match self.free.pop() {
            Some(i) => {
                self.objects[i as usize] = Some(obj);
                ObjId(i)
            }
            None => {
                self.objects.push(Some(obj));
                ObjId((self.objects.len() - 1) as u32)
            }
        }
    }

    /// The object at `id`.
    ///
    /// # Panics
    /// If `id` was collected: the collector only frees unreachable
    /// objects, so a VM holding `id` in a root never sees this.
    #[inline]
    pub fn get(&self, id: ObjId) -> &Obj {
        self.objects[id.0 as usize]
            .as_ref()
            .expect("heap invariant: reachable object was freed")
    }

    /// The object at `id`, mutably.
    #[inline]
    pub fn get_mut(&mut self, id: ObjId) -> &mut Obj {
        let obj = self.objects[id.0 as usize]
            .as_mut()
            .expect("heap invariant: reachable object was freed");
        if matches!(obj, Obj::Class(_)) {
            self.class_epoch = ClassEpoch::next();
        }
        obj
    }

    /// Starts a new [`ClassEpoch`]: for a change that class lookups
    /// depend on but that reaches no class (an instance that is a class's
    /// attribute changing class).
    pub fn bump_class_epoch(&mut self) {
        self.class_epoch = ClassEpoch::next();
    }

    /// The current [`ClassEpoch`].
    #[inline]
    pub fn class_epoch(&self) -> ClassEpoch {
        self.class_epoch
    }

    /// Every object with its index.
    /// Whether `id` names a live object.
    pub(crate) fn is_live(&self, id: ObjId) -> bool {
        matches!(self.objects.get(id.0 as usize), Some(Some(_)))
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (ObjId, &Obj)> {
        self.objects
            .iter()
            .enumerate()
            .filter_map(|(i, o)| o.as_ref().map(|o| (ObjId(i as u32), o)))
    }

    /// Notes that an object grew by about `bytes` (a list appended to).
    #[inline]
    pub fn grew(&mut self, bytes: usize) {
        self.bytes_since_gc += bytes;
    }

    /// Every slot, `None` where an object was freed (for checking a
    /// loaded heap).
    pub(crate) fn slots(&self) -> &[Option<Obj>] {
        &self.objects
    }

    /// The freed slots that allocation reuses.
    pub(crate) fn free_list(&self) -> &[u32] {
        &self.free
    }

    /// Objects alive now (allocated and not yet collected).
    pub fn len(&self) -> usize {
        self.objects.len() - self.free.len()
    }

    /// Whether the heap holds no object.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Frees every object not reachable from `roots`; returns how many
    /// were freed.
    pub fn collect(&mut self, roots: impl IntoIterator<Item = Value>) -> usize {
        self.class_epoch = ClassEpoch::next();
        self.marks.clear();
        self.marks.resize(self.objects.len(), false);
        let mut stack: Vec<ObjId> = roots
            .into_iter()
            .filter_map(|v| match v {
                Value::Obj(id) if v != Value::NULL => Some(id),
                _ => None,
            })
            .collect();
        while let Some(id) = stack.pop() {
            let i = id.0 as usize;
            if self.marks[i] {
                continue;
            }
            self.marks[i] = true;
            // The one walk over an object's references is `remap_ids`;
            // the object steps out of its slot while it is walked.
            if let Some(mut obj) = self.objects[i].take() {
                remap_ids(&mut obj, &mut |id| stack.push(*id));
                // The representative a `Key::Custom` names may be another
                // object than the key the entry holds.
                match &obj {
                    Obj::Dict(d) => d.keys().for_each(|k| k.objects(&mut |id| stack.push(id))),
                    Obj::Set(s) => s.keys().for_each(|k| k.objects(&mut |id| stack.push(id))),
                    _ => {}
                }
                self.objects[i] = Some(obj);
            }
        }
        let mut freed = 0;
        let mut live_bytes = 0;
        for (i, slot) in self.objects.iter_mut().enumerate() {
            match slot {
                Some(_) if !self.marks[i] => {
                    *slot = None;
                    self.free.push(i as u32);
                    freed += 1;
                }
                Some(obj) => live_bytes += obj.approx_bytes(),
                None => {}
            }
        }
        self.live_bytes = live_bytes;
        self.bytes_since_gc = 0;
        self.allocated = 0;
        self.live_after_gc = self.len();
        freed
    }
}

/// Calls `f` on every object index `obj` holds, mutably: the collector's
/// walk, and `pickle`'s renumbering when a graph moves into another heap.
pub(crate) fn remap_ids(obj: &mut Obj, f: &mut dyn FnMut(&mut ObjId)) {
    let value = remap_value;
    match obj {
        Obj::Str(_)
        | Obj::Bytes(_)
        | Obj::BigInt(_)
        | Obj::ByteArray(_)
        | Obj::File(_)
        | Obj::Range(..)
        | Obj::Builtin(_)
        | Obj::Unbound(_)
        | Obj::Type(_)
        | Obj::Channel(_)
        | Obj::Pattern(_)
        | Obj::Random(_) => {}
        Obj::Match(m) => m.values_mut().into_iter().for_each(|v| value(v, f)),
        Obj::List(items) | Obj::Tuple(items) => items.iter_mut().for_each(|v| value(v, f)),
        Obj::Dict(d) => d.values_mut().for_each(|(k, v)| {
            value(k, f);
            value(v, f);
        }),
        Obj::Set(s) => s.values_mut().for_each(|v| value(v, f)),
        Obj::Function(func) => {
            func.defaults.iter_mut().for_each(|v| value(v, f));
            if let Some(o) = &mut func.owner {
                f(o);
            }
            func.kwdefaults.iter_mut().for_each(|(_, v)| value(v, f));
            func.closure.iter_mut().for_each(&mut *f);
            f(&mut func.module);
            if let Some(a) = &mut func.attrs {
                a.values_mut().for_each(|v| value(v, f));
            }
        }
        Obj::Cell(v) | Obj::StaticMethod(v) | Obj::ClassMethod(v) => value(v, f),
        Obj::Tasklet(t) => {
            value(&mut t.func, f);
            value(&mut t.tempval, f);
            if !t.instance.is_none() {
                f(&mut t.instance);
            }
        }
        Obj::Method(receiver, _) => value(receiver, f),
        Obj::Class(c) => {
            c.bases.iter_mut().for_each(&mut *f);
            c.mro.iter_mut().for_each(&mut *f);
            c.attrs.values_mut().for_each(|v| value(v, f));
            if let Some(m) = &mut c.metaclass {
                f(m);
            }
        }
        Obj::Instance(inst) => {
            f(&mut inst.class);
            inst.attrs.values_mut().for_each(|v| value(v, f));
            if !inst.native.is_none() {
                f(&mut inst.native);
            }
        }
        Obj::Iter(it) => match it {
            Iter::Seq { seq, .. } => f(seq),
            Iter::Dict { dict, .. } => f(dict),
            Iter::Range { .. } => {}
            Iter::Values { items, .. } | Iter::Zip { iters: items } => {
                items.iter_mut().for_each(|v| value(v, f))
            }
            Iter::Map { func, iters } => {
                value(func, f);
                iters.iter_mut().for_each(|v| value(v, f));
            }
            Iter::Filter { func, iter } => {
                value(func, f);
                value(iter, f);
            }
            Iter::Enumerate { iter, .. } | Iter::GetItem { obj: iter, .. } => value(iter, f),
        },
        Obj::Module(m) => m.attrs.values_mut().for_each(|v| value(v, f)),
        Obj::Slice(a, b, c) => [a, b, c].into_iter().for_each(|v| value(v, f)),
        Obj::DictView(d, _) => f(d),
        Obj::BoundMethod(a, b) => {
            value(a, f);
            value(b, f);
        }
        Obj::Property(p) => {
            [&mut p.fget, &mut p.fset, &mut p.fdel, &mut p.doc]
                .into_iter()
                .for_each(|v| value(v, f));
        }
        Obj::Super(c, v) => {
            f(c);
            value(v, f);
        }
        Obj::Generator(g) => {
            if let Some(frame) = &mut g.frame {
                frame.remap_ids(f);
            }
        }
    }
}

/// Calls `f` on the object index in `v`, if any.
pub(crate) fn remap_value(v: &mut Value, f: &mut dyn FnMut(&mut ObjId)) {
    if *v == Value::NULL {
        return;
    }
    if let Value::Obj(id) = v {
        f(id);
    }
}

#[cfg(test)]
mod tests {
    /// Every heap slot is an `Obj`: large variants are boxed so that a
    /// string, a list or a tasklet costs a small slot.
    #[test]
    fn a_heap_slot_stays_small() {
        assert!(std::mem::size_of::<super::Obj>() <= 72);
        assert!(std::mem::size_of::<Option<super::Obj>>() <= 72);
    }
}
