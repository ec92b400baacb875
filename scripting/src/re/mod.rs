//! The `re` module: Python's regular expressions over str and bytes,
//! matched by fancy-regex.
//!
//! A pattern is parsed as CPython 3.11 parses it (its syntax and its
//! error messages, [`syntax`]), written in fancy-regex's syntax with
//! Python's meanings made explicit, and compiled ([`engine`]). Compiled
//! patterns (`re.Pattern`) and matches (`re.Match`) are heap objects of
//! their own ([`PatternObj`], [`MatchObj`]); a pattern is saved as its
//! source and flags and compiled again when first used after a load.
//! Positions are Python's: characters of a str, bytes of a bytes object.
//!
//! `sub` with a function as the replacement hands the calls to the
//! module's script part (`re.py`): natives never call script code.

mod engine;
mod syntax;
mod template;

use std::cell::OnceCell;
use std::rc::Rc;

use crate::builtins::{
    BResult, bind_args, expect_int, is_callable, new_list, new_str, new_tuple, none, ok,
    str_content, str_repr, type_err, type_name,
};
use crate::heap::{Map, Obj, TypeKind};
use crate::module::{Kwargs, ModuleState, Native, NativeModule};
use crate::value::{ObjId, Value};
use crate::vm::{Exc, Vm};

use engine::{Compiled, Failure, Hay, Positions, Spans, StrIndex};
use syntax::Fault;
use template::{expand, parse_template};

/// The text of a pattern.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Source {
    /// A str pattern.
    Str(Rc<str>),
    /// A bytes pattern.
    Bytes(Rc<[u8]>),
}

/// `re.Pattern`: a compiled regular expression. Saved as its source and
/// the flags it was compiled with; compiled again when first used.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct PatternObj {
    source: Source,
    /// The flags as given to `compile`.
    flags: u32,
    #[serde(skip)]
    compiled: OnceCell<Rc<Compiled>>,
}

/// `re.Match`: a match of a pattern in a subject.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct MatchObj {
    /// The subject (a str, bytes or bytearray).
    string: Value,
    /// The pattern (a [`PatternObj`]).
    pattern: Value,
    pos: usize,
    endpos: usize,
    /// Each group's span in the subject's indices (-1, -1 when the
    /// group did not take part); group 0 is the match.
    spans: Vec<(i64, i64)>,
    /// The same spans in bytes (a str's UTF-8).
    byte_spans: Vec<(usize, usize)>,
    lastindex: Option<usize>,
}

fn compile_source(source: &Source, flags: u32) -> Result<Compiled, Fault> {
    let (src, is_bytes): (Vec<u32>, bool) = match source {
        Source::Str(s) => (s.chars().map(|c| c as u32).collect(), false),
        Source::Bytes(b) => (b.iter().map(|b| u32::from(*b)).collect(), true),
    };
    let parsed = syntax::parse(&src, is_bytes, flags)?;
    Compiled::new(parsed, is_bytes)
}

impl PatternObj {
    /// The compiled pattern (compiled now if it was loaded).
    fn compiled(&self) -> Result<Rc<Compiled>, Fault> {
        if let Some(c) = self.compiled.get() {
            return Ok(c.clone());
        }
        let c = Rc::new(compile_source(&self.source, self.flags)?);
        let _ = self.compiled.set(c.clone());
        Ok(c)
    }

    /// What a loader checks: the pattern compiles, as it did when saved.
    pub(crate) fn check(&self) -> Result<(), String> {
        self.compiled()
            .map(|_| ())
            .map_err(|f| format!("its pattern does not compile: {f:?}"))
    }

    /// The number of groups (for checking a loaded match).
    pub(crate) fn groups(&self) -> Option<usize> {
        self.compiled().ok().map(|c| c.info.groups)
    }

    pub(crate) fn approx_bytes(&self) -> usize {
        let text = match &self.source {
            Source::Str(s) => s.len(),
            Source::Bytes(b) => b.len(),
        };
        std::mem::size_of::<PatternObj>() + 64 * text + 1024
    }
}

impl MatchObj {
    /// The values it holds (for the collector and loaders).
    pub(crate) fn values_mut(&mut self) -> [&mut Value; 2] {
        [&mut self.string, &mut self.pattern]
    }

    pub(crate) fn values(&self) -> [Value; 2] {
        [self.string, self.pattern]
    }

    /// Whether its spans fit a subject of `len` bytes and a pattern of
    /// `groups` groups.
    pub(crate) fn check(&self, groups: usize, len: usize) -> Result<(), String> {
        if self.spans.len() != groups + 1 || self.byte_spans.len() != groups + 1 {
            return Err(format!(
                "it has {} spans for a pattern of {groups} groups",
                self.spans.len()
            ));
        }
        if self.byte_spans.iter().any(|(a, b)| a > b || *b > len) {
            return Err("a span is outside its subject".into());
        }
        if self.lastindex.is_some_and(|i| i == 0 || i > groups) {
            return Err("its last group is not one".into());
        }
        Ok(())
    }

    pub(crate) fn approx_bytes(&self) -> usize {
        std::mem::size_of::<MatchObj>() + self.spans.len() * 32
    }
}

// ---- the compile cache ------------------------------------------------------------

/// CPython keeps the last 512 patterns compiled by the module's
/// functions; so does this (all of them are dropped when it is full).
const MAX_CACHE: usize = 512;

/// The module's state: compiled patterns by (kind, flags) and source.
/// Compiled patterns by their source's text.
type BySource = Map<Box<[u8]>, Value>;

#[derive(Default)]
struct Cache {
    maps: Vec<(u64, BySource)>,
    len: usize,
    /// The indexes of the long strs searched last.
    strs: Vec<Rc<StrIndex>>,
}

impl ModuleState for Cache {
    fn roots(&self, roots: &mut Vec<Value>) {
        for (_, m) in &self.maps {
            roots.extend(m.values().copied());
        }
    }
}

fn cache_key(is_bytes: bool, flags: u32) -> u64 {
    (u64::from(is_bytes) << 32) | u64::from(flags)
}

fn cached(vm: &Vm, key: u64, text: &[u8]) -> Option<Value> {
    let cache = vm.module_state::<Cache>()?;
    let (_, m) = cache.maps.iter().find(|(k, _)| *k == key)?;
    m.get(text).copied()
}

fn remember(vm: &mut Vm, key: u64, text: &[u8], pattern: Value) {
    if vm.module_state::<Cache>().is_none() {
        vm.set_module_state(Cache::default());
    }
    let Some(cache) = vm.module_state_mut::<Cache>() else {
        return;
    };
    if cache.len >= MAX_CACHE {
        cache.maps.clear();
        cache.len = 0;
    }
    let at = match cache.maps.iter().position(|(k, _)| *k == key) {
        Some(at) => at,
        None => {
            cache.maps.push((key, Map::default()));
            cache.maps.len() - 1
        }
    };
    cache.maps[at].1.insert(text.into(), pattern);
    cache.len += 1;
}

// ---- errors ------------------------------------------------------------------------

/// `re.error(msg, pattern, pos)`, made as the module's class makes it.
pub(super) fn re_error(vm: &mut Vm, msg: &str, pattern: Option<Value>, pos: Option<usize>) -> Exc {
    let Some(Value::Obj(class)) = vm.module_attr("re", "error") else {
        return vm.error("ValueError", msg);
    };
    let mut text = msg.to_string();
    let mut lineno = Value::None;
    let mut colno = Value::None;
    if let (Some(p), Some(pos)) = (pattern, pos) {
        text = format!("{msg} at position {pos}");
        let units: Vec<u32> = match p {
            Value::Obj(id) => match vm.heap.get(id) {
                Obj::Str(s) => s.chars().map(|c| c as u32).collect(),
                Obj::Bytes(b) => b.iter().map(|b| u32::from(*b)).collect(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        let before = &units[..pos.min(units.len())];
        let line = before.iter().filter(|c| **c == 10).count() + 1;
        let col = pos - before.iter().rposition(|c| *c == 10).map_or(0, |i| i + 1) + 1;
        lineno = Value::Int(line as i64);
        colno = Value::Int(col as i64);
        if units.contains(&10) {
            text = format!("{text} (line {line}, column {col})");
        }
    }
    let message = new_str(vm, &text);
    let exc = vm.instantiate_exception(class, vec![message]);
    let msg = new_str(vm, msg);
    if let Value::Obj(e) = exc
        && let Obj::Instance(inst) = vm.heap.get_mut(e)
    {
        inst.attrs.insert(Rc::from("msg"), msg);
        inst.attrs
            .insert(Rc::from("pattern"), pattern.unwrap_or(Value::None));
        inst.attrs.insert(
            Rc::from("pos"),
            pos.map_or(Value::None, |p| Value::Int(p as i64)),
        );
        inst.attrs.insert(Rc::from("lineno"), lineno);
        inst.attrs.insert(Rc::from("colno"), colno);
    }
    exc
}

/// The exception for a fault of `pattern`.
fn fault(vm: &mut Vm, f: Fault, pattern: Value) -> Exc {
    match f {
        Fault::Re(msg, pos) => re_error(vm, &msg, pos.map(|_| pattern), pos),
        Fault::Overflow(msg) => vm.error("OverflowError", msg),
        Fault::Value(msg) => vm.error("ValueError", msg),
        Fault::Recursion(msg) => vm.error("RecursionError", msg),
        Fault::NotImplemented(msg) => vm.error("NotImplementedError", msg),
    }
}

fn failure(vm: &mut Vm, f: Failure, pattern: Value) -> Exc {
    match f {
        Failure::Compile(f) => fault(vm, f, pattern),
        Failure::Runaway => vm.error(
            "RuntimeError",
            "the regular expression backtracked too long (Shoal's re stops a search after 20,000,000 backtracking steps)",
        ),
    }
}

// ---- arguments ----------------------------------------------------------------------

/// An int argument (`pos`, `count`...), clamped to the 64-bit range.
fn int_arg(vm: &mut Vm, v: Option<Value>, default: i64) -> Result<i64, Exc> {
    match v {
        None => Ok(default),
        Some(v) => {
            if let Some(n) = crate::builtins::big_ref(vm, v) {
                use num_traits::Signed;
                return Ok(if n.is_negative() { i64::MIN } else { i64::MAX });
            }
            expect_int(vm, v, "")
        }
    }
}

/// The `flags` argument of the module's functions.
fn flags_arg(vm: &mut Vm, v: Option<Value>) -> Result<u32, Exc> {
    // A `RegexFlag` is an int.
    let v = v.map(|v| crate::classes::native_value(vm, v).unwrap_or(v));
    match v {
        None => Ok(0),
        Some(Value::Int(i)) => Ok(i as u32),
        Some(Value::Bool(b)) => Ok(u32::from(b)),
        Some(v) => {
            let t = type_name(vm, v);
            Err(type_err(
                vm,
                format!("unsupported operand type(s) for &: '{t}' and 'RegexFlag'"),
            ))
        }
    }
}

/// The subject of a search: a str (searched as its UTF-8) or bytes.
struct Subject {
    value: Value,
    /// The str, if it is one.
    text: Option<Rc<str>>,
    /// The bytes of a bytes-like subject.
    data: Rc<[u8]>,
    is_str: bool,
    /// Where the characters of a long str are.
    index: Option<Rc<StrIndex>>,
}

impl Subject {
    fn bytes(&self) -> &[u8] {
        match &self.text {
            Some(s) => s.as_bytes(),
            None => &self.data,
        }
    }

    /// The subject cut at byte `end`, for a search with `c`.
    fn hay(&self, end: usize, c: &Compiled) -> Hay<'_> {
        let Some(s) = &self.text else {
            return Hay {
                text: None,
                bytes: &self.data[..end.min(self.data.len())],
                ascii: true,
                odd_words: false,
            };
        };
        let cut = s.get(..end).unwrap_or(s);
        let (mut ascii, mut odd_words) = (false, false);
        if c.has_word_markers() {
            ascii = match &self.index {
                Some(index) => index.ascii,
                None => cut.is_ascii(),
            };
            if !ascii && c.has_unicode_word_markers() {
                odd_words = match &self.index {
                    Some(index) => index.odd_words(),
                    None => engine::odd_words(cut),
                };
            }
        }
        Hay {
            text: Some(cut),
            bytes: cut.as_bytes(),
            ascii,
            odd_words,
        }
    }

    fn positions(&self) -> Positions<'_> {
        Positions::new(self.bytes(), self.is_str, self.index.as_deref())
    }

    fn slice(&self, vm: &mut Vm, a: usize, b: usize) -> Value {
        let (a, b) = (a.min(b), b.min(self.bytes().len()));
        let a = a.min(b);
        match &self.text {
            Some(s) => new_str(vm, s.get(a..b).unwrap_or("")),
            None => crate::files::new_bytes(vm, self.data[a..b].to_vec()),
        }
    }
}

/// Strs this long get a [`StrIndex`] (kept for the last few searched).
const INDEXED: usize = 4096;
const INDEXES_KEPT: usize = 4;

/// The index of a long str, from the module's state or made now.
fn str_index(vm: &mut Vm, s: &Rc<str>) -> Option<Rc<StrIndex>> {
    if s.len() < INDEXED {
        return None;
    }
    if let Some(cache) = vm.module_state::<Cache>()
        && let Some(found) = cache.strs.iter().find(|i| Rc::ptr_eq(&i.text, s))
    {
        return Some(found.clone());
    }
    let index = Rc::new(StrIndex::new(s.clone()));
    if vm.module_state::<Cache>().is_none() {
        vm.set_module_state(Cache::default());
    }
    if let Some(cache) = vm.module_state_mut::<Cache>() {
        if cache.strs.len() >= INDEXES_KEPT {
            cache.strs.remove(0);
        }
        cache.strs.push(index.clone());
    }
    Some(index)
}

fn subject(vm: &mut Vm, v: Value, is_bytes: bool) -> Result<Subject, Exc> {
    if let Value::Obj(id) = v {
        match vm.heap.get(id) {
            Obj::Str(s) => {
                if is_bytes {
                    return Err(type_err(
                        vm,
                        "cannot use a bytes pattern on a string-like object",
                    ));
                }
                let s = s.clone();
                let index = str_index(vm, &s);
                return Ok(Subject {
                    value: v,
                    text: Some(s),
                    data: Rc::from(&[][..]),
                    is_str: true,
                    index,
                });
            }
            Obj::Bytes(_) | Obj::ByteArray(_) => {
                if !is_bytes {
                    return Err(type_err(
                        vm,
                        "cannot use a string pattern on a bytes-like object",
                    ));
                }
                let bytes: Rc<[u8]> = match vm.heap.get(id) {
                    Obj::Bytes(b) => b.clone(),
                    Obj::ByteArray(b) => Rc::from(&b[..]),
                    _ => Rc::from(&[][..]),
                };
                return Ok(Subject {
                    value: v,
                    text: None,
                    data: bytes,
                    is_str: false,
                    index: None,
                });
            }
            _ => {}
        }
    }
    let t = type_name(vm, v);
    Err(type_err(
        vm,
        format!("expected string or bytes-like object, got '{t}'"),
    ))
}

// ---- patterns ----------------------------------------------------------------------

/// The pattern object `v` and what it compiled to.
fn pattern_of(vm: &mut Vm, v: Option<Value>) -> Result<(Value, Rc<Compiled>), Exc> {
    let Some(Value::Obj(id)) = v else {
        return Err(type_err(vm, "descriptor requires a 're.Pattern' object"));
    };
    let (compiled, source) = match vm.heap.get(id) {
        Obj::Pattern(p) => (p.compiled(), p.source.clone()),
        _ => return Err(type_err(vm, "descriptor requires a 're.Pattern' object")),
    };
    match compiled {
        Ok(c) => Ok((Value::Obj(id), c)),
        Err(f) => {
            let text = source_value(vm, &source);
            Err(fault(vm, f, text))
        }
    }
}

fn source_value(vm: &mut Vm, source: &Source) -> Value {
    match source {
        Source::Str(s) => new_str(vm, s),
        Source::Bytes(b) => Value::Obj(vm.heap.alloc(Obj::Bytes(b.clone()))),
    }
}

/// `re._compile`: the pattern object for a pattern (str, bytes or an
/// already compiled pattern) and flags, from the cache if it is there.
fn compile_value(vm: &mut Vm, pattern: Value, flags: Option<Value>) -> Result<Value, Exc> {
    if let Value::Obj(id) = pattern
        && matches!(vm.heap.get(id), Obj::Pattern(_))
    {
        let given = flags.is_some_and(|f| crate::builtins::truthy(vm, f));
        if given {
            return Err(vm.error(
                "ValueError",
                "cannot process flags argument with a compiled pattern",
            ));
        }
        return Ok(pattern);
    }
    let source = match pattern {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Str(s) => Some(Source::Str(s.clone())),
            Obj::Bytes(b) => Some(Source::Bytes(b.clone())),
            _ => None,
        },
        _ => None,
    };
    // CPython looks the pattern and flags up in its cache first: an
    // unhashable one fails there.
    if source.is_none() {
        crate::builtins::key_of(vm, pattern)?;
    }
    if let Some(f) = flags
        && !matches!(f, Value::Int(_) | Value::Bool(_))
    {
        crate::builtins::key_of(vm, f)?;
    }
    let Some(source) = source else {
        return Err(type_err(
            vm,
            "first argument must be string or compiled pattern",
        ));
    };
    let flags = flags_arg(vm, flags)?;
    let (is_bytes, text): (bool, &[u8]) = match &source {
        Source::Str(s) => (false, s.as_bytes()),
        Source::Bytes(b) => (true, b),
    };
    let key = cache_key(is_bytes, flags);
    if let Some(p) = cached(vm, key, text) {
        return Ok(p);
    }
    let text: Box<[u8]> = text.into();
    let compiled = match compile_source(&source, flags) {
        Ok(c) => c,
        Err(f) => return Err(fault(vm, f, pattern)),
    };
    let cell = OnceCell::new();
    let _ = cell.set(Rc::new(compiled));
    let obj = PatternObj {
        source,
        flags,
        compiled: cell,
    };
    vm.reserve(obj.approx_bytes())?;
    let p = Value::Obj(vm.heap.alloc(Obj::Pattern(Box::new(obj))));
    if flags & syntax::DEBUG == 0 {
        remember(vm, key, &text, p);
    }
    Ok(p)
}

/// Clamps `pos` and `endpos` (Python indices) to the subject and turns
/// them into bytes: (pos, endpos) in indices, then in bytes.
fn window(subject: &Subject, pos: i64, endpos: i64) -> ((usize, usize), (usize, usize)) {
    let mut at = subject.positions();
    let len = at.len() as i64;
    let pos = pos.clamp(0, len) as usize;
    let endpos = endpos.clamp(0, len) as usize;
    let bpos = at.byte_of(pos);
    let bend = at.byte_of(endpos);
    ((pos, endpos), (bpos, bend))
}

/// A match object for `spans` (bytes).
fn new_match(
    vm: &mut Vm,
    pattern: Value,
    c: &Compiled,
    subject: &Subject,
    at: &mut Positions,
    spans: &Spans,
    (pos, endpos): (usize, usize),
) -> Result<Value, Exc> {
    let mut chars = Vec::with_capacity(spans.len());
    let mut bytes = Vec::with_capacity(spans.len());
    for span in spans {
        match span {
            Some((a, b)) => {
                let ca = at.char_of(*a) as i64;
                let cb = at.char_of(*b) as i64;
                chars.push((ca, cb));
                bytes.push((*a, *b));
            }
            None => {
                chars.push((-1, -1));
                bytes.push((0, 0));
            }
        }
    }
    // The group closed last: the one ending last, the outer one (closing
    // later in the pattern) of those ending together.
    let lastindex = (1..spans.len())
        .filter_map(|g| spans[g].map(|(_, e)| (e, c.info.close_order[g - 1], g)))
        .max()
        .map(|(_, _, g)| g);
    let m = MatchObj {
        string: subject.value,
        pattern,
        pos,
        endpos,
        spans: chars,
        byte_spans: bytes,
        lastindex,
    };
    vm.reserve(m.approx_bytes())?;
    Ok(Value::Obj(vm.heap.alloc(Obj::Match(Box::new(m)))))
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Search,
    Match,
    Full,
}

/// `pattern.search/match/fullmatch(string, pos, endpos)`.
fn search(
    vm: &mut Vm,
    pattern: Value,
    c: &Compiled,
    string: Value,
    pos: i64,
    endpos: i64,
    mode: Mode,
) -> Result<Value, Exc> {
    let subject = subject(vm, string, c.is_bytes)?;
    let ((pos, endpos), (bpos, bend)) = window(&subject, pos, endpos);
    if bpos > bend {
        return Ok(Value::None);
    }
    let found = c.find(
        subject.hay(bend, c),
        bpos,
        mode != Mode::Search,
        mode == Mode::Full,
        false,
    );
    let spans = match found {
        Ok(Some(s)) => s,
        Ok(None) => return Ok(Value::None),
        Err(f) => return Err(failure(vm, f, pattern)),
    };
    let mut at = subject.positions();
    new_match(vm, pattern, c, &subject, &mut at, &spans, (pos, endpos))
}

/// Every match from byte `start` to the end of `hay` as CPython's
/// scanners find them (an empty match right after a match is allowed,
/// but not two at one place), at most `limit` of them (0: all).
fn each_match(
    vm: &mut Vm,
    pattern: Value,
    c: &Compiled,
    hay: Hay<'_>,
    start: usize,
    limit: usize,
    mut f: impl FnMut(&mut Vm, Spans) -> Result<(), Exc>,
) -> Result<usize, Exc> {
    let mut at = start;
    let mut after_empty = false;
    let mut n = 0;
    while limit == 0 || n < limit {
        if at > hay.bytes().len() {
            break;
        }
        let spans = match c.scan(hay, at, after_empty) {
            Ok(Some(s)) => s,
            Ok(None) => break,
            Err(e) => return Err(failure(vm, e, pattern)),
        };
        let (s, e) = spans[0].unwrap_or((at, at));
        after_empty = s == e;
        at = e;
        n += 1;
        f(vm, spans)?;
    }
    Ok(n)
}

fn findall(
    vm: &mut Vm,
    pattern: Value,
    c: &Compiled,
    string: Value,
    pos: i64,
    endpos: i64,
) -> Result<Value, Exc> {
    let subject = subject(vm, string, c.is_bytes)?;
    let (_, (bpos, bend)) = window(&subject, pos, endpos);
    let mut out = Vec::new();
    if bpos <= bend {
        let groups = c.info.groups;
        each_match(
            vm,
            pattern,
            c,
            subject.hay(bend, c),
            bpos,
            0,
            |vm, spans| {
                let item = match groups {
                    0 => slice_of(vm, &subject, spans[0]),
                    1 => slice_of(vm, &subject, spans[1]),
                    _ => {
                        let items = (1..=groups)
                            .map(|g| slice_of(vm, &subject, spans[g]))
                            .collect();
                        new_tuple(vm, items)
                    }
                };
                out.push(item);
                vm.heap.grew(std::mem::size_of::<Value>());
                Ok(())
            },
        )?;
    }
    Ok(new_list(vm, out))
}

/// A group's text: empty when it did not take part (as `findall` and
/// templates have it).
fn slice_of(vm: &mut Vm, subject: &Subject, span: Option<(usize, usize)>) -> Value {
    let (a, b) = span.unwrap_or((0, 0));
    subject.slice(vm, a, b)
}

fn finditer(
    vm: &mut Vm,
    pattern: Value,
    c: &Compiled,
    string: Value,
    pos: i64,
    endpos: i64,
) -> Result<Value, Exc> {
    let subject = subject(vm, string, c.is_bytes)?;
    let ((pos, endpos), (bpos, bend)) = window(&subject, pos, endpos);
    let mut items = Vec::new();
    if bpos <= bend {
        let mut at = subject.positions();
        each_match(
            vm,
            pattern,
            c,
            subject.hay(bend, c),
            bpos,
            0,
            |vm, spans| {
                let m = new_match(vm, pattern, c, &subject, &mut at, &spans, (pos, endpos))?;
                items.push(m);
                Ok(())
            },
        )?;
    }
    let it = crate::heap::Iter::Values { items, index: 0 };
    Ok(Value::Obj(vm.heap.alloc(Obj::Iter(it))))
}

fn split(
    vm: &mut Vm,
    pattern: Value,
    c: &Compiled,
    string: Value,
    maxsplit: i64,
) -> Result<Value, Exc> {
    let subject = subject(vm, string, c.is_bytes)?;
    if maxsplit < 0 {
        let whole = subject.slice(vm, 0, subject.bytes().len());
        return Ok(new_list(vm, vec![whole]));
    }
    let hay = subject.bytes();
    let groups = c.info.groups;
    let mut out = Vec::new();
    let mut last = 0;
    each_match(
        vm,
        pattern,
        c,
        subject.hay(hay.len(), c),
        0,
        maxsplit as usize,
        |vm, spans| {
            let (s, e) = spans[0].unwrap_or((last, last));
            out.push(subject.slice(vm, last, s));
            for span in &spans[1..=groups] {
                out.push(match *span {
                    Some((a, b)) => subject.slice(vm, a, b),
                    None => Value::None,
                });
            }
            last = e;
            Ok(())
        },
    )?;
    out.push(subject.slice(vm, last, hay.len()));
    Ok(new_list(vm, out))
}

fn bytes_value(vm: &mut Vm, is_str: bool, bytes: Vec<u8>) -> Result<Value, Exc> {
    vm.reserve(bytes.len())?;
    Ok(if is_str {
        let s = String::from_utf8(bytes).unwrap_or_default();
        new_str(vm, &s)
    } else {
        crate::files::new_bytes(vm, bytes)
    })
}

/// `sub` and `subn`.
#[allow(clippy::too_many_arguments)]
fn sub(
    vm: &mut Vm,
    pattern: Value,
    c: &Compiled,
    repl: Value,
    string: Value,
    count: i64,
    with_count: bool,
) -> BResult {
    let callable = !matches!(repl, Value::Obj(id) if matches!(vm.heap.get(id), Obj::Str(_) | Obj::Bytes(_) | Obj::ByteArray(_)))
        && is_callable(vm, repl);
    let template = if callable {
        None
    } else {
        Some(parse_template(vm, repl, c)?)
    };
    let subject = subject(vm, string, c.is_bytes)?;
    let hay = subject.bytes();
    if count < 0 {
        let whole = if subject.text.is_some() {
            string
        } else {
            subject.slice(vm, 0, hay.len())
        };
        return finish_sub(vm, whole, 0, with_count);
    }
    if let Some(template) = template {
        let mut out = Vec::with_capacity(hay.len());
        let mut last = 0;
        let n = each_match(
            vm,
            pattern,
            c,
            subject.hay(hay.len(), c),
            0,
            count as usize,
            |vm, spans| {
                let (s, e) = spans[0].unwrap_or((last, last));
                if let Some(e) = template.mismatch_error(vm, c, usize::from(s > last)) {
                    return Err(e);
                }
                out.extend_from_slice(&hay[last..s]);
                expand(&mut out, &template.pieces, hay, &spans);
                last = e;
                if out.len() > hay.len() + (1 << 16) {
                    vm.reserve(out.len())?;
                }
                Ok(())
            },
        )?;
        if n == 0 && subject.text.is_some() {
            return finish_sub(vm, string, 0, with_count);
        }
        out.extend_from_slice(&hay[last..]);
        let result = bytes_value(vm, subject.is_str, out)?;
        return finish_sub(vm, result, n, with_count);
    }
    // A function as the replacement: the matches and the text between
    // them go to the script part, which calls it.
    let mut matches = Vec::new();
    let mut between = Vec::new();
    let mut last = 0;
    let mut at = subject.positions();
    let len = subject.positions().len();
    each_match(
        vm,
        pattern,
        c,
        subject.hay(hay.len(), c),
        0,
        count as usize,
        |vm, spans| {
            let (s, e) = spans[0].unwrap_or((last, last));
            between.push(subject.slice(vm, last, s));
            let m = new_match(vm, pattern, c, &subject, &mut at, &spans, (0, len))?;
            matches.push(m);
            last = e;
            Ok(())
        },
    )?;
    if matches.is_empty() {
        let whole = if subject.text.is_some() {
            string
        } else {
            subject.slice(vm, 0, hay.len())
        };
        return finish_sub(vm, whole, 0, with_count);
    }
    between.push(subject.slice(vm, last, hay.len()));
    let Some(helper) = vm.module_attr("re", "_subx") else {
        return Err(vm.error("RuntimeError", "re's script part is missing"));
    };
    let empty = if subject.is_str {
        new_str(vm, "")
    } else {
        crate::files::new_bytes(vm, Vec::new())
    };
    let matches = new_list(vm, matches);
    let between = new_list(vm, between);
    Ok(Native::Call(
        helper,
        vec![repl, matches, between, empty, Value::Bool(with_count)],
    ))
}

fn finish_sub(vm: &mut Vm, result: Value, n: usize, with_count: bool) -> BResult {
    if with_count {
        ok(new_tuple(vm, vec![result, Value::Int(n as i64)]))
    } else {
        ok(result)
    }
}

// ---- the module's functions ----------------------------------------------------------------

fn m_compile(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    let a = bind_args(vm, "compile", &args, &kw, &["pattern", "flags"], 1, false)?;
    ok(compile_value(vm, a[0].unwrap_or(Value::None), a[1])?)
}

fn module_search(vm: &mut Vm, name: &str, args: Vec<Value>, kw: Kwargs, mode: Mode) -> BResult {
    let a = bind_args(
        vm,
        name,
        &args,
        &kw,
        &["pattern", "string", "flags"],
        2,
        false,
    )?;
    let p = compile_value(vm, a[0].unwrap_or(Value::None), a[2])?;
    let (p, c) = pattern_of(vm, Some(p))?;
    ok(search(
        vm,
        p,
        &c,
        a[1].unwrap_or(Value::None),
        0,
        i64::MAX,
        mode,
    )?)
}

fn m_search(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    module_search(vm, "search", args, kw, Mode::Search)
}

fn m_match(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    module_search(vm, "match", args, kw, Mode::Match)
}

fn m_fullmatch(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    module_search(vm, "fullmatch", args, kw, Mode::Full)
}

fn m_findall(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    let a = bind_args(
        vm,
        "findall",
        &args,
        &kw,
        &["pattern", "string", "flags"],
        2,
        false,
    )?;
    let p = compile_value(vm, a[0].unwrap_or(Value::None), a[2])?;
    let (p, c) = pattern_of(vm, Some(p))?;
    ok(findall(
        vm,
        p,
        &c,
        a[1].unwrap_or(Value::None),
        0,
        i64::MAX,
    )?)
}

fn m_finditer(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    let a = bind_args(
        vm,
        "finditer",
        &args,
        &kw,
        &["pattern", "string", "flags"],
        2,
        false,
    )?;
    let p = compile_value(vm, a[0].unwrap_or(Value::None), a[2])?;
    let (p, c) = pattern_of(vm, Some(p))?;
    ok(finditer(
        vm,
        p,
        &c,
        a[1].unwrap_or(Value::None),
        0,
        i64::MAX,
    )?)
}

fn m_split(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    let names = ["pattern", "string", "maxsplit", "flags"];
    let a = bind_args(vm, "split", &args, &kw, &names, 2, false)?;
    let p = compile_value(vm, a[0].unwrap_or(Value::None), a[3])?;
    let (p, c) = pattern_of(vm, Some(p))?;
    let maxsplit = int_arg(vm, a[2], 0)?;
    ok(split(vm, p, &c, a[1].unwrap_or(Value::None), maxsplit)?)
}

fn module_sub(vm: &mut Vm, name: &str, args: Vec<Value>, kw: Kwargs, with_count: bool) -> BResult {
    let names = ["pattern", "repl", "string", "count", "flags"];
    let a = bind_args(vm, name, &args, &kw, &names, 3, false)?;
    let p = compile_value(vm, a[0].unwrap_or(Value::None), a[4])?;
    let (p, c) = pattern_of(vm, Some(p))?;
    let count = int_arg(vm, a[3], 0)?;
    sub(
        vm,
        p,
        &c,
        a[1].unwrap_or(Value::None),
        a[2].unwrap_or(Value::None),
        count,
        with_count,
    )
}

fn m_sub(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    module_sub(vm, "sub", args, kw, false)
}

fn m_subn(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    module_sub(vm, "subn", args, kw, true)
}

/// The characters `re.escape` escapes.
const SPECIAL: &[u8] = b"()[]{}?*+-|^$\\.&~# \t\n\r\x0b\x0c";

fn m_escape(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    let a = bind_args(vm, "escape", &args, &kw, &["pattern"], 1, false)?;
    let v = a[0].unwrap_or(Value::None);
    if let Some(s) = str_content(vm, v) {
        let mut out = String::with_capacity(s.len() * 2);
        for ch in s.chars() {
            if ch.is_ascii() && SPECIAL.contains(&(ch as u8)) {
                out.push('\\');
            }
            out.push(ch);
        }
        vm.reserve(out.len())?;
        return ok(new_str(vm, &out));
    }
    let bytes: Option<Vec<u8>> = match v {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Bytes(b) => Some(b.to_vec()),
            Obj::ByteArray(b) => Some(b.clone()),
            _ => None,
        },
        _ => None,
    };
    let Some(bytes) = bytes else {
        let t = type_name(vm, v);
        return Err(type_err(
            vm,
            format!("decoding to str: need a bytes-like object, {t} found"),
        ));
    };
    let mut out = Vec::with_capacity(bytes.len() * 2);
    for b in bytes {
        if SPECIAL.contains(&b) {
            out.push(b'\\');
        }
        out.push(b);
    }
    vm.reserve(out.len())?;
    ok(crate::files::new_bytes(vm, out))
}

fn m_purge(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    bind_args(vm, "purge", &args, &kw, &[], 0, false)?;
    if let Some(cache) = vm.module_state_mut::<Cache>() {
        cache.maps.clear();
        cache.len = 0;
    }
    none()
}

// ---- Pattern's methods ---------------------------------------------------------------

fn pattern_search(
    vm: &mut Vm,
    recv: Option<Value>,
    name: &str,
    args: Vec<Value>,
    kw: Kwargs,
    mode: Mode,
) -> BResult {
    let (p, c) = pattern_of(vm, recv)?;
    let a = bind_args(vm, name, &args, &kw, &["string", "pos", "endpos"], 1, true)?;
    let pos = int_arg(vm, a[1], 0)?;
    let endpos = int_arg(vm, a[2], i64::MAX)?;
    ok(search(
        vm,
        p,
        &c,
        a[0].unwrap_or(Value::None),
        pos,
        endpos,
        mode,
    )?)
}

fn p_search(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    pattern_search(vm, recv, "search", args, kw, Mode::Search)
}

fn p_match(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    pattern_search(vm, recv, "match", args, kw, Mode::Match)
}

fn p_fullmatch(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    pattern_search(vm, recv, "fullmatch", args, kw, Mode::Full)
}

fn p_findall(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    let (p, c) = pattern_of(vm, recv)?;
    let a = bind_args(
        vm,
        "findall",
        &args,
        &kw,
        &["string", "pos", "endpos"],
        1,
        true,
    )?;
    let pos = int_arg(vm, a[1], 0)?;
    let endpos = int_arg(vm, a[2], i64::MAX)?;
    ok(findall(
        vm,
        p,
        &c,
        a[0].unwrap_or(Value::None),
        pos,
        endpos,
    )?)
}

fn p_finditer(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    let (p, c) = pattern_of(vm, recv)?;
    let a = bind_args(
        vm,
        "finditer",
        &args,
        &kw,
        &["string", "pos", "endpos"],
        1,
        true,
    )?;
    let pos = int_arg(vm, a[1], 0)?;
    let endpos = int_arg(vm, a[2], i64::MAX)?;
    ok(finditer(
        vm,
        p,
        &c,
        a[0].unwrap_or(Value::None),
        pos,
        endpos,
    )?)
}

fn p_split(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    let (p, c) = pattern_of(vm, recv)?;
    let a = bind_args(vm, "split", &args, &kw, &["string", "maxsplit"], 1, true)?;
    let maxsplit = int_arg(vm, a[1], 0)?;
    ok(split(vm, p, &c, a[0].unwrap_or(Value::None), maxsplit)?)
}

fn pattern_sub(
    vm: &mut Vm,
    recv: Option<Value>,
    name: &str,
    args: Vec<Value>,
    kw: Kwargs,
    with_count: bool,
) -> BResult {
    let (p, c) = pattern_of(vm, recv)?;
    let a = bind_args(vm, name, &args, &kw, &["repl", "string", "count"], 2, true)?;
    let count = int_arg(vm, a[2], 0)?;
    sub(
        vm,
        p,
        &c,
        a[0].unwrap_or(Value::None),
        a[1].unwrap_or(Value::None),
        count,
        with_count,
    )
}

fn p_sub(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    pattern_sub(vm, recv, "sub", args, kw, false)
}

fn p_subn(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    pattern_sub(vm, recv, "subn", args, kw, true)
}

fn p_copy(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    crate::builtins::arity(vm, "__copy__", &args, 0, 0)?;
    ok(recv.unwrap_or(Value::None))
}

fn p_deepcopy(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    crate::builtins::arity(vm, "__deepcopy__", &args, 1, 1)?;
    ok(recv.unwrap_or(Value::None))
}

/// The attributes of a pattern or a match that are not methods.
pub(crate) fn attr(vm: &mut Vm, id: ObjId, name: &str) -> Result<Option<Value>, Exc> {
    match vm.heap.get(id) {
        Obj::Pattern(p) => {
            let source = p.source.clone();
            let compiled = p.compiled();
            let value = match name {
                "pattern" => source_value(vm, &source),
                "flags" | "groups" | "groupindex" => {
                    let c = match compiled {
                        Ok(c) => c,
                        Err(f) => {
                            let text = source_value(vm, &source);
                            return Err(fault(vm, f, text));
                        }
                    };
                    match name {
                        "flags" => Value::Int(i64::from(c.info.flags)),
                        "groups" => Value::Int(c.info.groups as i64),
                        _ => {
                            let mut d = crate::heap::Dict::default();
                            for (n, g) in &c.info.names {
                                let k = new_str(vm, n);
                                let key = crate::builtins::key_of(vm, k)?;
                                d.insert(key, (k, Value::Int(*g as i64)));
                            }
                            Value::Obj(vm.heap.alloc(Obj::Dict(d)))
                        }
                    }
                }
                _ => return Ok(None),
            };
            Ok(Some(value))
        }
        Obj::Match(m) => {
            let value = match name {
                "string" => m.string,
                "re" => m.pattern,
                "pos" => Value::Int(m.pos as i64),
                "endpos" => Value::Int(m.endpos as i64),
                "lastindex" => m.lastindex.map_or(Value::None, |i| Value::Int(i as i64)),
                "lastgroup" => {
                    let (last, pattern) = (m.lastindex, m.pattern);
                    let Some(last) = last else {
                        return Ok(Some(Value::None));
                    };
                    let (_, c) = pattern_of(vm, Some(pattern))?;
                    match c.info.names.iter().find(|(_, g)| *g == last) {
                        Some((n, _)) => new_str(vm, n),
                        None => Value::None,
                    }
                }
                "regs" => {
                    let spans = m.spans.clone();
                    let items = spans
                        .iter()
                        .map(|(a, b)| new_tuple(vm, vec![Value::Int(*a), Value::Int(*b)]))
                        .collect();
                    new_tuple(vm, items)
                }
                _ => return Ok(None),
            };
            Ok(Some(value))
        }
        _ => Ok(None),
    }
}

/// `repr` of a pattern: `re.compile('a+', re.IGNORECASE)`.
pub(crate) fn pattern_repr(vm: &Vm, p: &PatternObj) -> String {
    let text = match &p.source {
        Source::Str(s) => str_repr(s),
        Source::Bytes(b) => crate::files::bytes_repr(b),
    };
    // CPython prints at most 200 characters of the pattern's repr.
    let text: String = text.chars().take(200).collect();
    let _ = vm;
    let mut flags = match p.compiled() {
        Ok(c) => c.info.flags,
        Err(_) => p.flags,
    };
    if matches!(p.source, Source::Str(_))
        && flags & (syntax::LOCALE | syntax::UNICODE | syntax::ASCII) == syntax::UNICODE
    {
        flags &= !syntax::UNICODE;
    }
    if flags == 0 {
        return format!("re.compile({text})");
    }
    let names = [
        (syntax::TEMPLATE, "re.TEMPLATE"),
        (syntax::IGNORECASE, "re.IGNORECASE"),
        (syntax::LOCALE, "re.LOCALE"),
        (syntax::MULTILINE, "re.MULTILINE"),
        (syntax::DOTALL, "re.DOTALL"),
        (syntax::UNICODE, "re.UNICODE"),
        (syntax::VERBOSE, "re.VERBOSE"),
        (syntax::DEBUG, "re.DEBUG"),
        (syntax::ASCII, "re.ASCII"),
    ];
    let mut parts = Vec::new();
    for (bit, name) in names {
        if flags & bit != 0 {
            parts.push(name.to_string());
            flags &= !bit;
        }
    }
    if flags != 0 {
        parts.push(format!("0x{flags:x}"));
    }
    format!("re.compile({text}, {})", parts.join("|"))
}

/// `repr` of a match: `<re.Match object; span=(0, 3), match='abc'>`.
pub(crate) fn match_repr(vm: &Vm, m: &MatchObj) -> String {
    let (a, b) = m.byte_spans[0];
    let text = match m.string {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Str(s) => str_repr(s.get(a..b).unwrap_or("")),
            Obj::Bytes(s) => crate::files::bytes_repr(s.get(a..b).unwrap_or(&[])),
            Obj::ByteArray(s) => crate::files::bytes_repr(s.get(a..b).unwrap_or(&[])),
            _ => String::new(),
        },
        _ => String::new(),
    };
    let text: String = text.chars().take(50).collect();
    let (s, e) = m.spans[0];
    format!("<re.Match object; span=({s}, {e}), match={text}>")
}

// ---- Match's methods ---------------------------------------------------------------------

/// The match `recv` (a copy of its record).
fn match_of(vm: &mut Vm, recv: Option<Value>) -> Result<MatchObj, Exc> {
    if let Some(Value::Obj(id)) = recv
        && let Obj::Match(m) = vm.heap.get(id)
    {
        return Ok((**m).clone());
    }
    Err(type_err(vm, "descriptor requires a 're.Match' object"))
}

/// The group a `group()` argument names.
fn group_index(vm: &mut Vm, m: &MatchObj, g: Value) -> Result<usize, Exc> {
    let n = m.spans.len();
    let index = match g {
        Value::Int(i) if i >= 0 && (i as usize) < n => Some(i as usize),
        Value::Obj(_) => match str_content(vm, g) {
            Some(name) => {
                let (_, c) = pattern_of(vm, Some(m.pattern))?;
                c.info
                    .names
                    .iter()
                    .find(|(k, _)| **k == *name)
                    .map(|(_, i)| *i)
            }
            None => None,
        },
        _ => None,
    };
    match index {
        Some(i) => Ok(i),
        None => Err(vm.error("IndexError", "no such group")),
    }
}

/// Group `g`'s text, or `default` if it did not take part.
fn group_value(vm: &mut Vm, m: &MatchObj, g: usize, default: Value) -> Value {
    if m.spans[g].0 < 0 {
        return default;
    }
    let (a, b) = m.byte_spans[g];
    match m.string {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Str(s) => {
                let s = s.clone();
                new_str(vm, s.get(a..b).unwrap_or(""))
            }
            Obj::Bytes(s) => {
                let part = s.get(a..b).unwrap_or(&[]).to_vec();
                crate::files::new_bytes(vm, part)
            }
            Obj::ByteArray(s) => {
                let part = s.get(a..b).unwrap_or(&[]).to_vec();
                crate::files::new_bytes(vm, part)
            }
            _ => Value::None,
        },
        _ => Value::None,
    }
}

fn mt_group(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    crate::builtins::no_kwargs(vm, "Match.group", &kw)?;
    let m = match_of(vm, recv)?;
    match args.len() {
        0 => ok(group_value(vm, &m, 0, Value::None)),
        1 => {
            let g = group_index(vm, &m, args[0])?;
            ok(group_value(vm, &m, g, Value::None))
        }
        _ => {
            let mut items = Vec::with_capacity(args.len());
            for a in args {
                let g = group_index(vm, &m, a)?;
                items.push(group_value(vm, &m, g, Value::None));
            }
            ok(new_tuple(vm, items))
        }
    }
}

fn mt_getitem(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    crate::builtins::arity(vm, "__getitem__", &args, 1, 1)?;
    let m = match_of(vm, recv)?;
    let g = group_index(vm, &m, args[0])?;
    ok(group_value(vm, &m, g, Value::None))
}

/// `match[g]`.
pub(crate) fn getitem(vm: &mut Vm, id: ObjId, index: Value) -> Result<Value, Exc> {
    let m = match_of(vm, Some(Value::Obj(id)))?;
    let g = group_index(vm, &m, index)?;
    Ok(group_value(vm, &m, g, Value::None))
}

fn mt_groups(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    let m = match_of(vm, recv)?;
    let a = bind_args(vm, "groups", &args, &kw, &["default"], 0, true)?;
    let default = a[0].unwrap_or(Value::None);
    let items = (1..m.spans.len())
        .map(|g| group_value(vm, &m, g, default))
        .collect();
    ok(new_tuple(vm, items))
}

fn mt_groupdict(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    let m = match_of(vm, recv)?;
    let a = bind_args(vm, "groupdict", &args, &kw, &["default"], 0, true)?;
    let default = a[0].unwrap_or(Value::None);
    let (_, c) = pattern_of(vm, Some(m.pattern))?;
    let mut d = crate::heap::Dict::default();
    for (n, g) in &c.info.names {
        let k = new_str(vm, n);
        let v = group_value(vm, &m, *g, default);
        let key = crate::builtins::key_of(vm, k)?;
        d.insert(key, (k, v));
    }
    ok(Value::Obj(vm.heap.alloc(Obj::Dict(d))))
}

fn span_of(
    vm: &mut Vm,
    recv: Option<Value>,
    name: &str,
    args: Vec<Value>,
) -> Result<(i64, i64), Exc> {
    crate::builtins::arity(vm, name, &args, 0, 1)?;
    let m = match_of(vm, recv)?;
    let g = match args.first() {
        Some(v) => group_index(vm, &m, *v)?,
        None => 0,
    };
    Ok(m.spans[g])
}

fn mt_start(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    ok(Value::Int(span_of(vm, recv, "start", args)?.0))
}

fn mt_end(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    ok(Value::Int(span_of(vm, recv, "end", args)?.1))
}

fn mt_span(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    let (a, b) = span_of(vm, recv, "span", args)?;
    ok(new_tuple(vm, vec![Value::Int(a), Value::Int(b)]))
}

fn mt_expand(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    let m = match_of(vm, recv)?;
    let a = bind_args(vm, "expand", &args, &kw, &["template"], 1, true)?;
    let (_, c) = pattern_of(vm, Some(m.pattern))?;
    let template = parse_template(vm, a[0].unwrap_or(Value::None), &c)?;
    if let Some(e) = template.mismatch_error(vm, &c, 0) {
        return Err(e);
    }
    let (hay, is_str): (Vec<u8>, bool) = match m.string {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Str(s) => (s.as_bytes().to_vec(), true),
            Obj::Bytes(b) => (b.to_vec(), false),
            Obj::ByteArray(b) => (b.clone(), false),
            _ => (Vec::new(), false),
        },
        _ => (Vec::new(), false),
    };
    let spans: Spans = m
        .spans
        .iter()
        .zip(&m.byte_spans)
        .map(|((s, _), (a, b))| (*s >= 0 && *b <= hay.len() && a <= b).then_some((*a, *b)))
        .collect();
    let mut out = Vec::new();
    expand(&mut out, &template.pieces, &hay, &spans);
    ok(bytes_value(vm, is_str, out)?)
}

fn mt_copy(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    crate::builtins::arity(vm, "__copy__", &args, 0, 0)?;
    ok(recv.unwrap_or(Value::None))
}

fn mt_deepcopy(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    crate::builtins::arity(vm, "__deepcopy__", &args, 1, 1)?;
    ok(recv.unwrap_or(Value::None))
}

// ---- the module ---------------------------------------------------------------------------

/// The `re` module.
pub(crate) fn module() -> NativeModule {
    NativeModule::new("re")
        .function("compile", m_compile)
        .function("search", m_search)
        .function("match", m_match)
        .function("fullmatch", m_fullmatch)
        .function("findall", m_findall)
        .function("finditer", m_finditer)
        .function("split", m_split)
        .function("sub", m_sub)
        .function("subn", m_subn)
        .function("escape", m_escape)
        .function("purge", m_purge)
        .prelude("<re>", include_str!("re.py"))
        .on_import(|vm, attrs| {
            for kind in [TypeKind::Pattern, TypeKind::Match] {
                let t = vm.heap.alloc(Obj::Type(kind));
                let name = kind.name().trim_start_matches("re.");
                attrs.insert(Rc::from(name), Value::Obj(t));
            }
        })
        .method(TypeKind::Pattern, "search", p_search)
        .method(TypeKind::Pattern, "match", p_match)
        .method(TypeKind::Pattern, "fullmatch", p_fullmatch)
        .method(TypeKind::Pattern, "findall", p_findall)
        .method(TypeKind::Pattern, "finditer", p_finditer)
        .method(TypeKind::Pattern, "split", p_split)
        .method(TypeKind::Pattern, "sub", p_sub)
        .method(TypeKind::Pattern, "subn", p_subn)
        .method(TypeKind::Pattern, "__copy__", p_copy)
        .method(TypeKind::Pattern, "__deepcopy__", p_deepcopy)
        .method(TypeKind::Match, "group", mt_group)
        .method(TypeKind::Match, "groups", mt_groups)
        .method(TypeKind::Match, "groupdict", mt_groupdict)
        .method(TypeKind::Match, "start", mt_start)
        .method(TypeKind::Match, "end", mt_end)
        .method(TypeKind::Match, "span", mt_span)
        .method(TypeKind::Match, "expand", mt_expand)
        .method(TypeKind::Match, "__getitem__", mt_getitem)
        .method(TypeKind::Match, "__copy__", mt_copy)
        .method(TypeKind::Match, "__deepcopy__", mt_deepcopy)
}

#[cfg(test)]
mod tests;
