//! Inline caches: per code, per name, what the last attribute access on a
//! script instance found, so that the fast path (`vm/fast.rs`) can read
//! and write instance attributes and find methods without hashing the
//! name or walking the class's MRO.
//!
//! Every entry is a hint checked on use: an attribute's position in an
//! instance's table is checked against the name stored there, and what
//! a class lookup decided holds only for the class it was made for and
//! only while the heap's [`ClassEpoch`] is unchanged (any class reached
//! mutably, allocated or collected changes it). A miss falls back on the
//! general path (`Vm::step`), which fills the entry again.

use std::rc::Rc;

use super::{Value, Vm};
use crate::heap::{Attrs, Builtin, ClassEpoch, Obj, TypeKind};
use crate::value::ObjId;

/// What one name of one code last found.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AttrSite {
    /// Where the name was last found in an instance's attributes.
    pub pos: u32,
    /// The class on whose instances reading the name takes the
    /// instance's own attribute when it has one (no data descriptor or
    /// property of that name), and when.
    pub read: (ObjId, ClassEpoch),
    /// The class on whose instances setting the name is a plain store
    /// into the instance's attributes (no `__setattr__`, no data
    /// descriptor or property, no `__slots__` refusal), and when.
    pub store: (ObjId, ClassEpoch),
    /// The class whose lookup of the name found a script function (a
    /// method), when, and that function.
    pub method: (ObjId, ClassEpoch, Value),
    /// The built-in type whose values' attribute of the name is the
    /// built-in method found last (`append` of a list).
    pub builtin: Option<(TypeKind, Builtin)>,
    /// The module whose global of the name is its attribute (all but
    /// the live attributes of `stackless`), found last.
    pub module: ObjId,
}

impl Default for AttrSite {
    fn default() -> AttrSite {
        AttrSite {
            pos: 0,
            read: (ObjId::NONE, ClassEpoch::NONE),
            store: (ObjId::NONE, ClassEpoch::NONE),
            method: (ObjId::NONE, ClassEpoch::NONE, Value::None),
            builtin: None,
            module: ObjId::NONE,
        }
    }
}

/// What a class lookup of a special method found, by class and by the
/// address and length of the name (a `&'static str`, so equal keys are
/// equal names), with the class epoch it was found in.
pub(crate) type DunderCache =
    rustc_hash::FxHashMap<(ObjId, usize, usize), (ClassEpoch, Option<Value>)>;

/// The position of `name` in `attrs`, trying the hint `pos` first and
/// updating it.
#[inline]
pub(super) fn find_attr(attrs: &Attrs, pos: &mut u32, name: &Rc<str>) -> Option<usize> {
    if let Some((k, _)) = attrs.get_index(*pos as usize)
        && (Rc::ptr_eq(k, name) || **k == **name)
    {
        return Some(*pos as usize);
    }
    let i = attrs.get_index_of(&**name)?;
    *pos = i as u32;
    Some(i)
}

/// Whether reading `name` from an instance's own attributes is what the
/// general path does when the instance has it (`__traceback__` is the
/// one name it treats otherwise).
#[inline]
pub(super) fn plain_read(name: &str) -> bool {
    !(name.len() == 13 && name == "__traceback__")
}

/// The type of a value whose attributes are its type's built-in methods
/// and nothing else that depends on the value: the receivers whose
/// method lookups [`AttrSite::builtin`] caches. (A channel's or a
/// tasklet's data attributes depend on the name alone.)
#[inline]
fn plain_receiver(obj: &Obj) -> Option<TypeKind> {
    let kind = TypeKind::of_obj(obj);
    matches!(
        kind,
        TypeKind::List
            | TypeKind::Dict
            | TypeKind::Str
            | TypeKind::Tuple
            | TypeKind::Set
            | TypeKind::FrozenSet
            | TypeKind::Bytes
            | TypeKind::ByteArray
            | TypeKind::Channel
            | TypeKind::Tasklet
    )
    .then_some(kind)
}

impl Vm {
    /// The sites of code `code`, one per name.
    pub(super) fn new_sites(names: usize) -> Vec<AttrSite> {
        vec![AttrSite::default(); names]
    }

    /// The running code and its name `i` (None without a frame).
    fn site_name(&self, i: u32) -> Option<(usize, Rc<str>)> {
        let code = self.frames.last()?.code as usize;
        Some((code, self.codes.get(code)?.names.get(i as usize)?.clone()))
    }

    /// The site of name `i` of code `code`.
    fn site(&mut self, code: usize, i: u32) -> Option<&mut AttrSite> {
        self.attr_sites.get_mut(code)?.get_mut(i as usize)
    }

    /// The site of name `i` of the running code.
    fn running_site(&mut self, i: u32) -> Option<&mut AttrSite> {
        let code = self.frames.last()?.code as usize;
        self.site(code, i)
    }

    /// Notes, before `obj.<names[i]> = v` runs on the general path,
    /// whether the store is a plain one for instances of `obj`'s class
    /// (what `store_attr_op` would decide), so that the fast path does
    /// the next ones.
    pub(super) fn note_store(&mut self, obj: Value, i: u32) {
        let Value::Obj(id) = obj else { return };
        let Obj::Instance(inst) = self.heap.get(id) else {
            return;
        };
        if !inst.native.is_none() {
            return;
        }
        let class = inst.class;
        let epoch = self.heap.class_epoch();
        let Some((code, name)) = self.site_name(i) else {
            return;
        };
        if self
            .site(code, i)
            .is_some_and(|s| s.store == (class, epoch))
            || &*name == "__class__"
            || crate::classes::script_hook(self, class, "__setattr__").is_some()
        {
            return;
        }
        if let Some(d) = crate::classes::class_attr(self, class, &name) {
            if crate::classes::descriptor(self, d).is_some_and(|d| d.set.is_some()) {
                return;
            }
            if let Value::Obj(p) = d
                && matches!(self.heap.get(p), Obj::Property(_))
            {
                return;
            }
        }
        if crate::classes::slots_would_refuse(self, class, &name) {
            return;
        }
        if let Some(site) = self.site(code, i) {
            site.store = (class, epoch);
        }
    }

    /// Notes, before `obj.<names[i]>` is read on the general path,
    /// whether an instance of `obj`'s class that has the attribute gives
    /// its own (no data descriptor of the class takes the name over).
    pub(super) fn note_read(&mut self, obj: Value, i: u32) {
        let Value::Obj(id) = obj else { return };
        let Obj::Instance(inst) = self.heap.get(id) else {
            return;
        };
        let class = inst.class;
        let epoch = self.heap.class_epoch();
        let Some((code, name)) = self.site_name(i) else {
            return;
        };
        // A read the instance could not serve (a class attribute, a
        // method) comes here with the site already filled.
        if self.site(code, i).is_some_and(|s| s.read == (class, epoch))
            || !plain_read(&name)
            || crate::classes::data_descriptor_named(self, class, &name)
        {
            return;
        }
        if let Some(site) = self.site(code, i) {
            site.read = (class, epoch);
        }
    }

    /// Notes that `LoadMethod(i)` on an instance of `class` found the
    /// script function `f` in the class.
    pub(super) fn note_method(&mut self, obj: Value, i: u32, f: Value) {
        let Value::Obj(id) = obj else { return };
        let Obj::Instance(inst) = self.heap.get(id) else {
            return;
        };
        let class = inst.class;
        let epoch = self.heap.class_epoch();
        if let Some(site) = self.running_site(i) {
            site.method = (class, epoch, f);
        }
    }

    /// `obj.<names[i]>` for `LoadMethod(i)` when the site last found a
    /// built-in method on a value of `obj`'s type: the bound method,
    /// made as the general path makes it.
    pub(super) fn cached_builtin_method(&mut self, obj: Value, i: u32) -> Option<Value> {
        let Value::Obj(id) = obj else { return None };
        let kind = plain_receiver(self.heap.get(id))?;
        let (k, b) = self.running_site(i)?.builtin?;
        (k == kind).then(|| Value::Obj(self.heap.alloc(Obj::Method(obj, b))))
    }

    /// Notes what the general path found for `obj.<names[i]>` (`found`)
    /// when it is a built-in method bound to a plain receiver.
    pub(super) fn note_builtin_method(&mut self, obj: Value, i: u32, found: Value) {
        let (Value::Obj(id), Value::Obj(m)) = (obj, found) else {
            return;
        };
        let Some(kind) = plain_receiver(self.heap.get(id)) else {
            return;
        };
        let Obj::Method(receiver, b) = *self.heap.get(m) else {
            return;
        };
        if receiver != obj {
            return;
        }
        if let Some(site) = self.running_site(i) {
            site.builtin = Some((kind, b));
        }
    }

    /// Notes, after `obj.<names[i]>` was read on the general path, that
    /// `obj` is a module whose attribute of the name is its global.
    pub(super) fn note_module_attr(&mut self, obj: Value, i: u32) {
        let Value::Obj(id) = obj else { return };
        let Obj::Module(m) = self.heap.get(id) else {
            return;
        };
        let Some((code, name)) = self.site_name(i) else {
            return;
        };
        let live = &*m.name == "stackless" && crate::stackless::is_live_module_attr(&name);
        if live || &*name == "__dict__" || !m.attrs.contains_key(&*name) {
            return;
        }
        if let Some(site) = self.site(code, i) {
            site.module = id;
        }
    }
}
