//! Saving a running VM to RON and loading it in another process.
//!
//! A snapshot holds the whole state of a script between two slices: the
//! heap, every frame (instruction pointers, stacks, locals, exception
//! blocks), the modules, the random generator. Code is not saved: it is
//! named by file, qualified name and a hash of its bytecode, and the
//! loader compiles the same files again; a function whose code changed is
//! a clear error, never a silent resume into other code.
//!
//! A loaded snapshot is checked before it becomes a VM (see
//! [`crate::validate`]): a damaged or forged one is refused with an error
//! naming what is wrong, never run. Host settings (`open()` allowed, the
//! import folder, the recursion and heap limits) are not part of a
//! snapshot: the loading host's apply ([`Vm::load_with_settings`]).
//! Snapshots written before this rule carry `allow_open`, `search_dir`
//! and `recursion_limit`; they still load and those fields are ignored.

use std::fmt;
use std::path::PathBuf;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::code::Code;
use crate::compiler::compile_module;
use crate::heap::{Attrs, Heap, Obj};
use crate::parser::parse_module;
use crate::random::Mt;
use crate::validate::{self, Checker, Want};
use crate::value::{ObjId, Value};
use crate::vm::{CallStack, EXCEPTIONS, HostSettings, SavedFrame, Vm};

/// The snapshot format this build writes and reads.
pub const FORMAT: u32 = 1;

/// Why a snapshot could not be made or loaded.
#[derive(Debug)]
pub enum SnapshotError {
    /// The text is not a snapshot (RON error, with its position).
    Parse(String),
    /// Written by another version of the format.
    Format(u32),
    /// A source file could not be read.
    Source(String, std::io::Error),
    /// A source file no longer compiles.
    Compile(String, crate::SyntaxError),
    /// A function's code changed since the snapshot was taken.
    CodeChanged {
        /// The file.
        file: String,
        /// The function's qualified name.
        qualname: String,
    },
    /// Serializing failed.
    Write(String),
    /// The snapshot's contents do not hold together (a damaged or forged
    /// file): what is wrong.
    Invalid(String),
}

impl fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SnapshotError::Parse(e) => write!(f, "not a valid snapshot: {e}"),
            SnapshotError::Format(v) => {
                write!(
                    f,
                    "snapshot format {v} is not supported (this build reads format {FORMAT})"
                )
            }
            SnapshotError::Source(file, e) => write!(f, "cannot read {file}: {e}"),
            SnapshotError::Compile(file, e) => write!(f, "{file} no longer compiles: {e}"),
            SnapshotError::CodeChanged { file, qualname } => write!(
                f,
                "the code of {qualname} in {file} changed since the snapshot was taken"
            ),
            SnapshotError::Write(e) => write!(f, "cannot write the snapshot: {e}"),
            SnapshotError::Invalid(e) => write!(f, "the snapshot is damaged: {e}"),
        }
    }
}

impl std::error::Error for SnapshotError {}

#[derive(Serialize, Deserialize)]
struct CodeRef {
    file: String,
    qualname: String,
    hash: u64,
}

/// Everything a VM holds between two slices.
#[derive(Serialize, Deserialize)]
pub(crate) struct Snapshot {
    format: u32,
    files: Vec<String>,
    codes: Vec<CodeRef>,
    consts: Vec<Vec<Value>>,
    heap: Heap,
    builtins: Attrs,
    frames: Vec<SavedFrame>,
    modules: Vec<(Rc<str>, ObjId)>,
    main_module: Option<ObjId>,
    exc_classes: Vec<(String, ObjId)>,
    rng: Mt,
    argv: Vec<String>,
    instructions: u64,
    /// The collector's thresholds (objects, bytes): they decide when it
    /// runs, so ids continue as in the uninterrupted run.
    #[serde(default)]
    gc: Option<(usize, usize)>,
    exit_status: Option<i32>,
    /// The text of snippets compiled at run time (see
    /// [`Vm::define_snippet`]), which no file holds.
    #[serde(default)]
    snippets: Vec<(String, String)>,
    /// Written by earlier builds; ignored (the loading host decides).
    #[serde(default, rename = "search_dir")]
    _search_dir: Option<PathBuf>,
    /// Written by earlier builds; ignored (the loading host decides).
    #[serde(default, rename = "recursion_limit")]
    _recursion_limit: usize,
    /// Written by earlier builds; ignored (the loading host decides).
    #[serde(default, rename = "allow_open")]
    _allow_open: bool,
}

/// A stable hash of what a code object does (not of its line numbers, so
/// comments and blank lines may change).
pub(crate) fn code_hash(code: &Code) -> u64 {
    let text = format!(
        "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{}|{}|{}|{}",
        code.instrs,
        code.consts,
        code.names,
        code.varnames,
        code.cellvars,
        code.freevars,
        code.argcount,
        code.kwonlycount,
        code.varargs,
        code.varkw
    );
    // FNV-1a: the same on every machine and in every build.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The same fields as [`Snapshot`], borrowed, for writing without
/// copying the heap.
#[derive(Serialize)]
pub(crate) struct SnapshotRef<'a> {
    format: u32,
    files: Vec<&'a str>,
    codes: Vec<CodeRef>,
    consts: &'a Vec<Vec<Value>>,
    heap: &'a Heap,
    builtins: &'a Attrs,
    frames: Vec<SavedFrame>,
    modules: &'a Vec<(Rc<str>, ObjId)>,
    main_module: Option<ObjId>,
    exc_classes: Vec<(&'a str, ObjId)>,
    rng: &'a Mt,
    argv: &'a Vec<String>,
    instructions: u64,
    gc: Option<(usize, usize)>,
    exit_status: Option<i32>,
    snippets: Vec<(&'a str, &'a str)>,
}

impl Vm {
    /// Saves the VM to RON. Call it between slices (after [`Vm::run`]
    /// returned).
    pub fn save(&self) -> Result<String, SnapshotError> {
        let snapshot = self.snapshot_ref();
        ron::ser::to_string(&snapshot).map_err(|e| SnapshotError::Write(e.to_string()))
    }

    /// The VM's state, borrowed, ready to serialize.
    pub(crate) fn snapshot_ref(&self) -> SnapshotRef<'_> {
        let p = self.parts();
        SnapshotRef {
            format: FORMAT,
            files: p.sources.iter().map(|(f, _)| &**f).collect(),
            codes: self
                .codes
                .iter()
                .map(|c| CodeRef {
                    file: c.filename.to_string(),
                    qualname: c.qualname.to_string(),
                    hash: code_hash(c),
                })
                .collect(),
            consts: p.consts,
            heap: &self.heap,
            builtins: p.builtins,
            frames: self.frames.save(),
            modules: p.modules,
            main_module: p.main_module,
            exc_classes: p.exc_classes.iter().map(|(n, id)| (*n, *id)).collect(),
            rng: p.rng,
            snippets: p
                .sources
                .iter()
                .filter(|(f, _)| f.starts_with(crate::vm::SNIPPET_PREFIX))
                .map(|(f, t)| (&**f, &**t))
                .collect(),
            argv: &self.argv,
            instructions: self.instructions,
            gc: Some((self.gc_threshold, self.gc_byte_threshold)),
            exit_status: self.exit_status,
        }
    }

    /// Loads a VM saved by [`Vm::save`], compiling its source files again
    /// (from the paths recorded in it) and checking that their code is
    /// unchanged and that the state holds together. The VM gets the
    /// default [`HostSettings`].
    pub fn load(
        text: &str,
        out: Box<dyn std::io::Write>,
        err: Box<dyn std::io::Write>,
    ) -> Result<Vm, SnapshotError> {
        Vm::load_with_settings(text, out, err, Rc::new([]), HostSettings::default())
    }

    /// [`Vm::load`] for a program that carries some of its source files
    /// (see [`Vm::set_embedded_sources`]).
    pub fn load_with_sources(
        text: &str,
        out: Box<dyn std::io::Write>,
        err: Box<dyn std::io::Write>,
        embedded: Rc<[(String, String)]>,
    ) -> Result<Vm, SnapshotError> {
        Vm::load_with_settings(text, out, err, embedded, HostSettings::default())
    }

    /// [`Vm::load_with_sources`] with the loading host's settings (frames
    /// deeper than its recursion limit are refused).
    pub fn load_with_settings(
        text: &str,
        out: Box<dyn std::io::Write>,
        err: Box<dyn std::io::Write>,
        embedded: Rc<[(String, String)]>,
        settings: HostSettings,
    ) -> Result<Vm, SnapshotError> {
        let snapshot: Snapshot =
            ron::from_str(text).map_err(|e| SnapshotError::Parse(e.to_string()))?;
        let mut vm = Vm::new(out, err);
        vm.embedded = embedded;
        vm.load_snapshot(snapshot, settings)
    }

    /// This fresh VM (its output, embedded sources and native modules
    /// set) with the state of a parsed snapshot, checked before it is
    /// used, and the loading host's settings.
    pub(crate) fn load_snapshot(
        self,
        snapshot: Snapshot,
        settings: HostSettings,
    ) -> Result<Vm, SnapshotError> {
        if snapshot.format != FORMAT {
            return Err(SnapshotError::Format(snapshot.format));
        }
        let mut codes = Vec::new();
        let mut sources = Vec::new();
        for file in &snapshot.files {
            let snippet = snapshot
                .snippets
                .iter()
                .find(|(f, _)| f == file && f.starts_with(crate::vm::SNIPPET_PREFIX));
            let source = match (crate::builtins::prelude_source(&self, file), snippet) {
                (Some(s), _) => s.to_string(),
                (None, Some((_, text))) => text.clone(),
                (None, None) => Vm::source_of(&self.embedded, file)
                    .map_err(|e| SnapshotError::Source(file.clone(), e))?,
            };
            let module =
                parse_module(&source).map_err(|e| SnapshotError::Compile(file.clone(), e))?;
            compile_module(&module, file, &mut codes)
                .map_err(|e| SnapshotError::Compile(file.clone(), e))?;
            sources.push((Rc::from(file.as_str()), Rc::from(source.as_str())));
        }
        if codes.len() != snapshot.codes.len() {
            let file = snapshot.files.last().cloned().unwrap_or_default();
            return Err(SnapshotError::CodeChanged {
                file,
                qualname: "<module>".into(),
            });
        }
        for (code, saved) in codes.iter().zip(&snapshot.codes) {
            if *code.qualname != *saved.qualname
                || *code.filename != *saved.file
                || code_hash(code) != saved.hash
            {
                return Err(SnapshotError::CodeChanged {
                    file: saved.file.clone(),
                    qualname: saved.qualname.clone(),
                });
            }
        }
        let exc_classes: Vec<(&'static str, ObjId)> = snapshot
            .exc_classes
            .iter()
            .filter_map(|(n, id)| {
                EXCEPTIONS
                    .iter()
                    .find(|(name, _)| name == n)
                    .map(|(name, _)| (*name, *id))
            })
            .collect();
        // Every built-in the heap names must be one of this VM's.
        if let Some(b) = snapshot
            .heap
            .iter()
            .find_map(|(_, obj)| self.natives.missing_in(obj))
        {
            return Err(SnapshotError::Parse(crate::builtins::unknown_builtin(b)));
        }
        check(&snapshot, &codes, &exc_classes, &settings).map_err(SnapshotError::Invalid)?;
        let mut vm = self;
        vm.restore(crate::vm::Restored {
            codes,
            sources,
            consts: snapshot.consts,
            heap: snapshot.heap,
            builtins: snapshot.builtins,
            modules: snapshot.modules,
            main_module: snapshot.main_module,
            exc_classes,
            rng: snapshot.rng,
        });
        vm.add_missing_exceptions();
        vm.frames = CallStack::load(snapshot.frames);
        vm.argv = snapshot.argv;
        vm.instructions = snapshot.instructions;
        if let Some((objects, bytes)) = snapshot.gc {
            vm.gc_threshold = objects.max(1);
            vm.gc_byte_threshold = bytes.max(1);
        }
        vm.exit_status = snapshot.exit_status;
        vm.apply_host_settings(settings);
        Ok(vm)
    }
}

/// Checks a parsed snapshot against the codes compiled for it: the heap,
/// the constants, the modules and built-ins, the exception classes, the
/// random generator and the main frames.
fn check(
    snapshot: &Snapshot,
    codes: &[Code],
    exc_classes: &[(&'static str, ObjId)],
    settings: &HostSettings,
) -> Result<(), String> {
    let heap = &snapshot.heap;
    validate::check_consts(heap, codes, &snapshot.consts)?;
    let checker = Checker::new(heap, codes, &snapshot.consts, settings.recursion_limit);
    checker.heap(heap)?;
    for (name, v) in &snapshot.builtins {
        checker
            .value(*v)
            .map_err(|e| format!("built-in '{name}': {e}"))?;
    }
    for (name, m) in &snapshot.modules {
        checker
            .id(*m, Want::Module)
            .map_err(|e| format!("module '{name}': {e}"))?;
    }
    if let Some(m) = snapshot.main_module {
        checker
            .id(m, Want::Module)
            .map_err(|e| format!("the main module: {e}"))?;
    }
    // A class added to the VM after the snapshot was made is missing
    // from it (the VM makes it on loading); none may appear twice.
    for (name, _) in EXCEPTIONS {
        let mut found = exc_classes.iter().filter(|(n, _)| n == name);
        let (id, twice) = (found.next(), found.next());
        if twice.is_some() {
            return Err(format!("it names the exception class {name} twice"));
        }
        let Some((_, id)) = id else { continue };
        match heap.slots().get(id.0 as usize) {
            Some(Some(Obj::Class(c))) if c.is_exception => {}
            _ => return Err(format!("exception class {name} is not an exception class")),
        }
    }
    if !snapshot.rng.is_sound() {
        return Err("the random generator's state is not one it can draw from".into());
    }
    checker
        .thread(&snapshot.frames, false, None)
        .map_err(|e| format!("the main script's {e}"))
}

#[cfg(test)]
mod older_snapshots {
    use super::*;

    const SOURCE: &str =
        "try:\n    raise TimeoutError('late')\nexcept OSError as e:\n    x = str(e)\n";

    #[test]
    fn a_snapshot_without_exception_classes_added_since_loads_and_has_them() {
        let mut vm = Vm::new(Box::new(std::io::sink()), Box::new(std::io::sink()));
        vm.load_main("t.py", SOURCE).expect("compiles");
        let text = vm.save().expect("saves");
        // As a build from before TimeoutError existed would have written it.
        let start = text.find("(\"TimeoutError\",").expect("the class is saved");
        // The entry is `("TimeoutError",(N))`, followed by `,` unless last.
        let end = start + text[start..].find("))").expect("its end") + 2;
        let older = if text[end..].starts_with(',') {
            format!("{}{}", &text[..start], &text[end + 1..])
        } else {
            format!("{}{}", text[..start].trim_end_matches(','), &text[end..])
        };
        assert_eq!(
            older.matches("(\"TimeoutError\",").count() + 1,
            text.matches("(\"TimeoutError\",").count()
        );
        let embedded: Rc<[(String, String)]> = Rc::new([("t.py".to_string(), SOURCE.to_string())]);
        let load = |t: &str| {
            Vm::load_with_sources(
                t,
                Box::new(std::io::sink()),
                Box::new(std::io::sink()),
                embedded.clone(),
            )
        };
        let mut vm = load(&older).expect("an older snapshot loads");
        assert_eq!(vm.run_to_end(), crate::Status::Finished);
        let doubled = text.replacen(
            "(\"TimeoutError\",",
            "(\"TimeoutError\",(1)),(\"TimeoutError\",",
            1,
        );
        assert!(load(&doubled).is_err());
    }
}
