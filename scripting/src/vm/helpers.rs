//! `<shoal>`: the parts of built-in functions that call script code,
//! written in the script language so that the calls are ordinary frames
//! (preemptible, able to switch tasklets, saved by pickle). A built-in
//! hands its work to one of these by returning [`Native::Call`]; their
//! frames are left out of tracebacks, as CPython shows no frame for a
//! built-in.
//!
//! [`Native::Call`]: crate::builtins::Native::Call

use std::rc::Rc;

use super::{Exc, OnReturn, Vm};
use crate::heap::Obj;
use crate::value::Value;

/// The file name of the helpers' code (hidden from tracebacks).
pub(crate) const HELPERS_FILE: &str = "<shoal>";

/// The module the helpers live in (not importable by scripts).
pub(crate) const HELPERS_MODULE: &str = "_shoal";

/// The helpers' source.
pub(crate) const HELPERS: &str = r#"
def construct(cls, new, args, kwargs):
    obj = new(cls, *args, **kwargs)
    if isinstance(obj, cls):
        type(obj).__init__(obj, *args, **kwargs)
    return obj

def type_call(cls, *args, **kwargs):
    obj = cls.__new__(cls, *args, **kwargs)
    if isinstance(obj, cls):
        type(obj).__init__(obj, *args, **kwargs)
    return obj

class code:
    __module__ = 'builtins'

    def __init__(self, name, filename):
        self.co_name = name
        self.co_filename = filename

    def __repr__(self):
        return '<code object %s, file "%s">' % (self.co_name, self.co_filename)

class frame:
    __module__ = 'builtins'

    def __init__(self, code, lineno, back):
        self.f_code = code
        self.f_lineno = lineno
        self.f_back = back

    def __repr__(self):
        return '<frame, file %r, line %d, code %s>' % (
            self.f_code.co_filename, self.f_lineno, self.f_code.co_name)

class traceback:
    __module__ = 'builtins'

    def __init__(self, frame, lineno, next):
        self.tb_frame = frame
        self.tb_lineno = lineno
        self.tb_next = next
        self.tb_lasti = -1

def make_frames(entries):
    # (file, line, name) entries, outermost first: the frame objects,
    # each knowing its caller.
    frames = []
    back = None
    for entry in entries:
        back = frame(code(entry[2], entry[0]), entry[1], back)
        frames.append(back)
    return frames

def make_traceback(entries):
    # The VM records a traceback innermost frame first.
    tb = None
    for f in reversed(make_frames(list(reversed(entries)))):
        tb = traceback(f, f.f_lineno, tb)
    return tb

def call_kw(f, args, kwargs):
    return f(*args, **kwargs)

def init_subclass(hook, cls, kwargs):
    hook(cls, **kwargs)
    return cls

def materialize(it):
    out = []
    for x in it:
        out.append(x)
    return out

def seq_index(seq, x, start, stop, is_tuple):
    n = len(seq)
    if start < 0:
        start = max(start + n, 0)
    if stop < 0:
        stop = max(stop + n, 0)
    i = start
    while i < stop and i < len(seq):
        y = seq[i]
        if y is x or y == x:
            return i
        i += 1
    if is_tuple:
        raise ValueError("tuple.index(x): x not in tuple")
    raise ValueError(repr(x) + " is not in list")

def seq_count(seq, x):
    n = 0
    for y in seq:
        if y is x or y == x:
            n += 1
    return n

def list_remove(target, x):
    i = 0
    for y in target:
        if y is x or y == x:
            del target[i]
            return
        i += 1
    raise ValueError("list.remove(x): x not in list")

def take(it, n):
    out = []
    for x in it:
        out.append(x)
        if len(out) >= n:
            break
    return out

def contains(container, item):
    for x in container:
        if x is item or x == item:
            return True
    return False

def any_(it):
    for x in it:
        if x:
            return True
    return False

def all_(it):
    for x in it:
        if not x:
            return False
    return True

def sum_(it, total):
    for x in it:
        total = total + x
    return total

def merge_order(keys, reverse):
    # As CPython: a reverse sort reverses, sorts stably, and reverses
    # back; fewer than 64 items are sorted as CPython sorts them (the run
    # at the start, then binary insertion), more by a stable merge.
    n = len(keys)
    order = list(range(n))
    if reverse:
        order.reverse()
    if n < 64:
        small_order(keys, order)
    else:
        width = 1
        while width < n:
            merged = []
            for lo in range(0, n, 2 * width):
                mid = min(lo + width, n)
                hi = min(lo + 2 * width, n)
                i = lo
                j = mid
                while i < mid and j < hi:
                    if keys[order[j]] < keys[order[i]]:
                        merged.append(order[j])
                        j += 1
                    else:
                        merged.append(order[i])
                        i += 1
                merged.extend(order[i:mid])
                merged.extend(order[j:hi])
            order = merged
            width *= 2
    if reverse:
        order.reverse()
    return order

def small_order(keys, v):
    n = len(v)
    if n < 2:
        return
    run = 2
    if keys[v[1]] < keys[v[0]]:
        while run < n and keys[v[run]] < keys[v[run - 1]]:
            run += 1
        v[:run] = v[:run][::-1]
    else:
        while run < n and not keys[v[run]] < keys[v[run - 1]]:
            run += 1
    for start in range(run, n):
        pivot = v[start]
        lo = 0
        hi = start
        while lo < hi:
            p = lo + (hi - lo) // 2
            if keys[pivot] < keys[v[p]]:
                hi = p
            else:
                lo = p + 1
        del v[start]
        v.insert(lo, pivot)

def sort_list(items, key, reverse):
    if key is None:
        keys = items
    else:
        keys = []
        for x in items:
            keys.append(key(x))
    order = sort_order(keys, reverse)
    if order is None:
        order = merge_order(keys, reverse)
    out = []
    for i in order:
        out.append(items[i])
    return out

def list_sort(target, key, reverse):
    target[:] = sort_list(target[:], key, reverse)

def min_max(items, key, want_max):
    best = items[0]
    best_key = best if key is None else key(best)
    i = 1
    n = len(items)
    while i < n:
        x = items[i]
        k = x if key is None else key(x)
        if want_max:
            better = k > best_key
        else:
            better = k < best_key
        if better:
            best = x
            best_key = k
        i += 1
    return best

def map_(func, *iterables):
    its = []
    for i in iterables:
        its.append(iter(i))
    while True:
        args = []
        for it in its:
            try:
                args.append(next(it))
            except StopIteration:
                return
        yield func(*args)

def filter_(func, iterable):
    for x in iterable:
        if func is None:
            keep = x
        else:
            keep = func(x)
        if keep:
            yield x

def zip_(*iterables):
    its = []
    for i in iterables:
        its.append(iter(i))
    if not its:
        return
    while True:
        row = []
        for it in its:
            try:
                row.append(next(it))
            except StopIteration:
                return
        yield tuple(row)

def enumerate_(iterable, n):
    for x in iterable:
        yield (n, x)
        n += 1

def _type_form_repr(a):
    if a is ...:
        return "..."
    if a is None or (type(a) is type and a.__name__ == "NoneType"):
        return "None"
    if type(a) is type:
        module = getattr(a, "__module__", "builtins")
        if module == "builtins":
            return a.__name__
        return module + "." + a.__name__
    return repr(a)

class GenericAlias:
    """`list[int]`: the type a built-in type subscripted stands for."""
    _shoal_type_form = True

    def __init__(self, origin, args):
        self.__origin__ = origin
        self.__args__ = args if type(args) is tuple else (args,)

    def __repr__(self):
        inner = ", ".join([_type_form_repr(a) for a in self.__args__])
        return self.__origin__.__name__ + "[" + inner + "]"

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)

    def __eq__(self, other):
        if not isinstance(other, GenericAlias):
            return NotImplemented
        return self.__origin__ is other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash(self.__args__)

class UnionType:
    """`int | None`: a union of types."""
    _shoal_type_form = True

    def __init__(self, a, b):
        args = []
        for x in (a, b):
            parts = x.__args__ if isinstance(x, UnionType) else (x,)
            for p in parts:
                if p is None:
                    p = type(None)
                if p not in args:
                    args.append(p)
        self.__args__ = tuple(args)

    def __repr__(self):
        return " | ".join([_type_form_repr(a) for a in self.__args__])

    def __eq__(self, other):
        if not isinstance(other, UnionType):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

def dict_fromkeys(cls, iterable, value=None):
    d = cls()
    for k in iterable:
        d[k] = value
    return d

def mapping_items(m):
    return [(k, m[k]) for k in m.keys()]

def print_to(items, sep, end, file):
    write = file.write
    first = True
    for x in items:
        if not first:
            write(sep)
        first = False
        write(str(x))
    write(end)

def print_(items, sep, end, file):
    texts = []
    for x in items:
        texts.append(str(x))
    print(*texts, sep=sep, end=end, file=file)

def seq_compare(op, a, b):
    try:
        return seq_compare_items(op, a, b)
    except RecursionError:
        raise RecursionError("maximum recursion depth exceeded in comparison") from None

def seq_compare_items(op, a, b):
    n = min(len(a), len(b))
    i = 0
    while i < n:
        x = a[i]
        y = b[i]
        if not (x is y or x == y):
            break
        i += 1
    if i < n:
        if op == "==":
            return False
        if op == "!=":
            return True
        x = a[i]
        y = b[i]
        if op == "<":
            return x < y
        if op == "<=":
            return x <= y
        if op == ">":
            return x > y
        return x >= y
    la = len(a)
    lb = len(b)
    if op == "==":
        return la == lb
    if op == "!=":
        return la != lb
    if op == "<":
        return la < lb
    if op == "<=":
        return la <= lb
    if op == ">":
        return la > lb
    return la >= lb

def repr_item(v, seen):
    t = type(v)
    if t is list or t is tuple or t is dict or t is set or t is frozenset:
        return repr_container(v, seen)
    return repr(v)

def repr_container(x, seen):
    t = type(x)
    if id(x) in seen:
        return "[...]" if t is list else "{...}" if t is dict else "(...)"
    seen.append(id(x))
    if t is dict:
        parts = []
        for k, v in x.items():
            parts.append(repr_item(k, seen) + ": " + repr_item(v, seen))
        text = "{" + ", ".join(parts) + "}"
    else:
        parts = []
        for v in x:
            parts.append(repr_item(v, seen))
        if t is list:
            text = "[" + ", ".join(parts) + "]"
        elif t is tuple:
            text = "(" + parts[0] + ",)" if len(parts) == 1 else "(" + ", ".join(parts) + ")"
        elif t is frozenset:
            text = "frozenset({" + ", ".join(parts) + "})" if parts else "frozenset()"
        elif parts:
            text = "{" + ", ".join(parts) + "}"
        else:
            text = "set()"
    seen.pop()
    return text

def repr_top(x):
    try:
        return repr_container(x, [])
    except RecursionError:
        raise RecursionError("maximum recursion depth exceeded while getting the repr of an object") from None

def ascii_(x):
    out = []
    for c in repr(x):
        n = ord(c)
        if n < 128:
            out.append(c)
        elif n < 256:
            out.append("\\x%02x" % n)
        elif n < 65536:
            out.append("\\u%04x" % n)
        else:
            out.append("\\U%08x" % n)
    return "".join(out)

def dir_sorted(x):
    return sorted(x.__dir__())

def getitem_iter(obj):
    i = 0
    while True:
        try:
            v = obj[i]
        except (IndexError, StopIteration):
            return
        yield v
        i += 1
"#;

impl Vm {
    /// The helper `name` of the `<shoal>` module, loading the module on
    /// first use (its body only defines functions).
    pub(crate) fn shoal_helper(&mut self, name: &str) -> Result<Value, Exc> {
        let module = match self.find_module(HELPERS_MODULE) {
            Some(m) => m,
            None => self.load_helpers()?,
        };
        match self.heap.get(module) {
            Obj::Module(m) => m.attrs.get(name).copied(),
            _ => None,
        }
        .ok_or_else(|| self.error("SystemError", format!("no built-in helper '{name}'")))
    }

    /// Loads the `<shoal>` module if it is not yet (pickles name its
    /// functions and code).
    pub(crate) fn ensure_helpers(&mut self) -> Result<(), Exc> {
        if self.find_module(HELPERS_MODULE).is_none() {
            self.load_helpers()?;
        }
        Ok(())
    }

    fn load_helpers(&mut self) -> Result<crate::value::ObjId, Exc> {
        let index = self
            .compile_file(HELPERS_FILE, HELPERS)
            .map_err(|e| self.error("SystemError", format!("<shoal>: {}", e.message)))?;
        let module = self.new_module(HELPERS_MODULE);
        let sort_order = crate::builtins::internal(self, "sort_order");
        let f = Value::Obj(self.heap.alloc(Obj::Builtin(sort_order)));
        if let Obj::Module(m) = self.heap.get_mut(module) {
            m.attrs.insert(Rc::from("sort_order"), f);
        }
        self.modules.push((Rc::from(HELPERS_MODULE), module));
        // The body only runs `def`s: a short nested run with no script
        // code of the user's in it.
        let floor = self.frames.len();
        self.push_module_frame(index, module, OnReturn::Discard);
        let mut budget = 1_000_000;
        match self.run_above(floor, &mut budget) {
            super::Status::Finished => Ok(module),
            super::Status::Raised(e) => Err(e),
            _ => {
                self.frames.truncate(floor);
                Err(self.error("SystemError", "<shoal> did not load"))
            }
        }
    }
}
