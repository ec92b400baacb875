//! The standard modules written in the script language (`itertools`,
//! `collections`, `json`...): each is a [`NativeModule`] with no natives
//! whose script part is the module's source, compiled and run in the
//! module's namespace on first import. A dotted module `a.b` is the file
//! `a__b.py`; importing it imports `a` first and sets `a.b`.
//!
//! What each module offers and leaves out is in its docstring and in
//! `docs/language.md`.

use crate::module::NativeModule;

/// (module name, the file name tracebacks show, source).
const MODULES: &[(&str, &str, &str)] =
    &[("__future__", "<__future__>", include_str!("__future__.py"))];

/// The modules, for the VM's table of natives.
pub(crate) fn modules() -> impl Iterator<Item = NativeModule> {
    MODULES
        .iter()
        .map(|(name, file, source)| NativeModule::new(name).prelude(file, source))
}
