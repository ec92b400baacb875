//! Shoal's script language: a Python 3 subset run by a VM whose frames are
//! data, so script tasklets switch in nanoseconds, can be preempted by
//! instruction count and can be serialized mid-function.
//!
//! Pipeline: [`lexer`] turns source into tokens with Python's indentation
//! rules; [`parser`] turns tokens into the [`ast`], reporting errors with
//! Python's messages and their line and column; [`compiler`] emits
//! [`code`] (bytecode); [`vm`] runs it in slices of instructions, with
//! every object on the [`heap`] and every frame as data.
//!
//! Built-in functions and modules are natives registered with the VM
//! through the [`module`] API; a host adds its own modules the same way
//! (the server's `world`).
//!
//! Classes, generators, `with`, imports of script files and the
//! `stackless` module are not there yet: the compiler reports them as
//! `NotImplementedError` naming the feature.

pub mod ast;
mod builtins;
mod classes;
pub mod code;
pub mod compiler;
pub mod corewar_module;
pub mod error;
mod files;
pub mod heap;
pub mod host;
mod key_hash;
pub mod lexer;
pub mod memory;
pub mod module;
pub mod parser;
mod pickle;
mod random;
mod re;
pub mod set_table;
pub mod snapshot;
pub mod stackless;
pub mod standalone;
mod stdlib;
mod suggest;
mod validate;
pub mod value;
pub mod vm;

pub use error::{ErrorKind, SyntaxError};
pub use host::{ScriptLoadError, load_script_module};
pub use parser::parse_module;
pub use standalone::{register_io_modules, run_program};
pub use vm::{HostSettings, Status, Vm, run_file};

/// What an error about the unknown `name` adds: "; did you mean 'x'?"
/// for a close candidate, else the list of candidates (` (what: a, b)`),
/// else `none` when there are no candidates.
pub fn name_hint<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    what: &str,
    none: &str,
) -> String {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    match suggest::suggestion(name, candidates.iter().copied()) {
        Some(s) => format!("; did you mean '{s}'?"),
        None if candidates.is_empty() => none.to_string(),
        None => format!(" ({what}: {})", candidates.join(", ")),
    }
}

/// The candidate closest to `name`, if one is close enough to suggest
/// ("did you mean"), chosen as CPython 3.11 chooses.
pub fn suggest_name<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    suggest::suggestion(name, candidates)
}
