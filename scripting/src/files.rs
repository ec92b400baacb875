//! `open()` and file objects, and the `bytes` they read and write in
//! binary mode. Only a VM whose host allows it (`Vm::allow_open`: the
//! `shoal run` command does, worlds do not) can open files.

use std::io::Write;

use crate::builtins::{BResult, Kwargs, arity, kwarg, new_list, new_str, none, ok, type_err};
use crate::heap::Obj;
use crate::value::{ObjId, Value};
use crate::vm::{Exc, Vm};

/// An open file.
#[derive(Debug)]
pub struct FileObj {
    /// The path it was opened with.
    pub(crate) name: String,
    /// The mode string (`"r"`, `"wb"`...).
    pub(crate) mode: String,
    /// Bytes read (whole file) in a read mode; `None` in a write mode.
    pub(crate) data: Option<Vec<u8>>,
    /// Read position in `data`.
    pub(crate) pos: usize,
    /// The file being written, in a write mode. Unbuffered: a file the
    /// script never closes (`open(p, "w").write(s)`) still holds what was
    /// written, as CPython's does once the object goes away.
    pub(crate) out: Option<std::fs::File>,
    /// Closed by `close()` or the end of a `with` block.
    pub(crate) closed: bool,
}

impl Clone for FileObj {
    /// A copy sees the same read data but cannot write (files are never
    /// copied by scripts; the heap needs `Clone`).
    fn clone(&self) -> Self {
        FileObj {
            name: self.name.clone(),
            mode: self.mode.clone(),
            data: self.data.clone(),
            pos: self.pos,
            out: None,
            closed: self.closed,
        }
    }
}

impl FileObj {
    fn binary(&self) -> bool {
        self.mode.contains('b')
    }
}

/// Python's `repr` of bytes: `b'...'`.
pub(crate) fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = format!("b{quote}");
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

/// A new bytes object.
pub(crate) fn new_bytes(vm: &mut Vm, b: Vec<u8>) -> Value {
    Value::Obj(vm.heap.alloc(Obj::Bytes(b.into())))
}

/// The content of a bytes object.
pub(crate) fn bytes_content(vm: &Vm, v: Value) -> Option<std::rc::Rc<[u8]>> {
    match v {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Bytes(b) => Some(b.clone()),
            _ => None,
        },
        _ => None,
    }
}

fn os_error(vm: &mut Vm, e: &std::io::Error, path: &str) -> Exc {
    let (class, errno, text) = match e.kind() {
        std::io::ErrorKind::NotFound => ("FileNotFoundError", 2, "No such file or directory"),
        std::io::ErrorKind::PermissionDenied => ("PermissionError", 13, "Permission denied"),
        std::io::ErrorKind::IsADirectory => ("IsADirectoryError", 21, "Is a directory"),
        _ => (
            "OSError",
            e.raw_os_error().unwrap_or(5),
            "Input/output error",
        ),
    };
    let class = if vm.has_exc_class(class) {
        class
    } else {
        "OSError"
    };
    vm.error(class, format!("[Errno {errno}] {text}: '{path}'"))
}

/// `open(file, mode="r", encoding=None)`.
pub(crate) fn b_open(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kwargs: Kwargs) -> BResult {
    arity(vm, "open", &args, 1, 2)?;
    if !vm.allow_open {
        return Err(vm.error(
            "PermissionError",
            "open() is not allowed in this sandbox (the host did not allow files)",
        ));
    }
    let Some(path) = crate::builtins::str_content(vm, args[0]) else {
        let t = crate::builtins::type_name(vm, args[0]);
        return Err(type_err(
            vm,
            format!("expected str, bytes or os.PathLike object, not {t}"),
        ));
    };
    let mode = match args.get(1).copied().or(kwarg(&kwargs, "mode")) {
        Some(m) => match crate::builtins::str_content(vm, m) {
            Some(m) => m.to_string(),
            None => return Err(type_err(vm, "open() argument 'mode' must be str")),
        },
        None => "r".to_string(),
    };
    let kind: String = mode.chars().filter(|c| !"bt".contains(*c)).collect();
    let file = match kind.as_str() {
        "r" => match std::fs::read(&*path) {
            Ok(data) => FileObj {
                name: path.to_string(),
                mode,
                data: Some(data),
                pos: 0,
                out: None,
                closed: false,
            },
            Err(e) => return Err(os_error(vm, &e, &path)),
        },
        "w" | "a" | "x" => {
            let mut options = std::fs::OpenOptions::new();
            match kind.as_str() {
                "w" => options.write(true).create(true).truncate(true),
                "a" => options.append(true).create(true),
                _ => options.write(true).create_new(true),
            };
            match options.open(&*path) {
                Ok(f) => FileObj {
                    name: path.to_string(),
                    mode,
                    data: None,
                    pos: 0,
                    out: Some(f),
                    closed: false,
                },
                Err(e) => return Err(os_error(vm, &e, &path)),
            }
        }
        _ => return Err(vm.error("ValueError", format!("invalid mode: '{mode}'"))),
    };
    ok(Value::Obj(vm.heap.alloc(Obj::File(Box::new(file)))))
}

/// A file object opened for reading whose bytes were read elsewhere (on
/// the blocking pool, by `shoal run`'s `open`): `data` is the read's result.
pub(crate) fn file_from_read(
    vm: &mut Vm,
    path: String,
    mode: String,
    data: std::io::Result<Vec<u8>>,
) -> Result<Value, Exc> {
    match data {
        Ok(data) => {
            vm.reserve(data.len())?;
            let file = FileObj {
                name: path,
                mode,
                data: Some(data),
                pos: 0,
                out: None,
                closed: false,
            };
            Ok(Value::Obj(vm.heap.alloc(Obj::File(Box::new(file)))))
        }
        Err(e) => Err(os_error(vm, &e, &path)),
    }
}

/// The open file `recv`, for a method named `what`.
fn with_file<R>(
    vm: &mut Vm,
    recv: Option<Value>,
    f: impl FnOnce(&mut FileObj) -> R,
) -> Result<R, Exc> {
    if let Some(Value::Obj(id)) = recv
        && let Obj::File(file) = vm.heap.get_mut(id)
    {
        if file.closed {
            return Err(vm.error("ValueError", "I/O operation on closed file."));
        }
        return Ok(f(file));
    }
    Err(type_err(vm, "a file method needs a file"))
}

fn not_readable(vm: &mut Vm) -> Exc {
    vm.error("OSError", "not readable")
}

/// Turns read bytes into what the file's mode reads: bytes or str.
fn read_result(vm: &mut Vm, binary: bool, chunk: Vec<u8>) -> Result<Value, Exc> {
    if binary {
        return Ok(new_bytes(vm, chunk));
    }
    match String::from_utf8(chunk) {
        Ok(s) => Ok(new_str(vm, &s)),
        Err(_) => Err(vm.error(
            "UnicodeDecodeError",
            "'utf-8' codec can't decode the file's bytes",
        )),
    }
}

pub(crate) fn f_read(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "read", &args, 0, 1)?;
    let n = match args.first() {
        Some(Value::Int(n)) if *n >= 0 => Some(*n as usize),
        _ => None,
    };
    let got = with_file(vm, recv, |f| {
        let binary = f.binary();
        let data = f.data.as_ref()?;
        let rest = &data[f.pos..];
        let take = match n {
            Some(n) if binary => n.min(rest.len()),
            // Text mode counts characters, in the valid UTF-8 before any
            // bad byte (which then fails to decode, without moving on).
            Some(n) => {
                let valid = match std::str::from_utf8(rest) {
                    Ok(s) => s,
                    Err(e) => std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or(""),
                };
                match valid.char_indices().nth(n) {
                    Some((b, _)) => b,
                    None if valid.len() < rest.len() => rest.len(),
                    None => valid.len(),
                }
            }
            None => rest.len(),
        };
        if !binary && std::str::from_utf8(&rest[..take]).is_err() {
            return Some((binary, Err(rest[..take].to_vec())));
        }
        let chunk = rest[..take].to_vec();
        f.pos += take;
        Some((binary, Ok(chunk)))
    })?;
    match got {
        Some((binary, Ok(chunk))) => ok(read_result(vm, binary, chunk)?),
        Some((binary, Err(bad))) => Err(read_result(vm, binary, bad).expect_err("not UTF-8")),
        None => Err(not_readable(vm)),
    }
}

pub(crate) fn f_readline(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "readline", &args, 0, 0)?;
    let got = with_file(vm, recv, |f| {
        let binary = f.binary();
        let data = f.data.as_ref()?;
        let rest = &data[f.pos..];
        let take = rest
            .iter()
            .position(|b| *b == b'\n')
            .map_or(rest.len(), |p| p + 1);
        let chunk = rest[..take].to_vec();
        f.pos += take;
        Some((binary, chunk))
    })?;
    match got {
        Some((binary, chunk)) => ok(read_result(vm, binary, chunk)?),
        None => Err(not_readable(vm)),
    }
}

/// The remaining lines of a file opened for reading.
pub(crate) fn remaining_lines(vm: &mut Vm, recv: Value) -> Result<Vec<Value>, Exc> {
    let got = with_file(vm, Some(recv), |f| {
        let binary = f.binary();
        let data = f.data.as_ref()?;
        let rest = data[f.pos..].to_vec();
        f.pos = data.len();
        Some((binary, rest))
    })?;
    let Some((binary, rest)) = got else {
        return Err(not_readable(vm));
    };
    let mut lines = Vec::new();
    for line in rest.split_inclusive(|b| *b == b'\n') {
        lines.push(read_result(vm, binary, line.to_vec())?);
    }
    Ok(lines)
}

pub(crate) fn f_readlines(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "readlines", &args, 0, 0)?;
    let Some(recv) = recv else {
        return Err(type_err(vm, "readlines() needs a file"));
    };
    let lines = remaining_lines(vm, recv)?;
    ok(new_list(vm, lines))
}

pub(crate) fn f_write(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "write", &args, 1, 1)?;
    let binary = with_file(vm, recv, |f| f.binary())?;
    let (bytes, count) = if binary {
        match bytes_content(vm, args[0]) {
            Some(b) => (b.to_vec(), b.len()),
            None => {
                let t = crate::builtins::type_name(vm, args[0]);
                return Err(type_err(
                    vm,
                    format!("a bytes-like object is required, not '{t}'"),
                ));
            }
        }
    } else {
        match crate::builtins::str_content(vm, args[0]) {
            Some(s) => (s.as_bytes().to_vec(), s.chars().count()),
            None => {
                let t = crate::builtins::type_name(vm, args[0]);
                return Err(type_err(
                    vm,
                    format!("write() argument must be str, not {t}"),
                ));
            }
        }
    };
    let written = with_file(vm, recv, |f| {
        let name = f.name.clone();
        f.out
            .as_mut()
            .map(|w| w.write_all(&bytes).map_err(|e| (e, name)))
    })?;
    match written {
        Some(Ok(())) => ok(Value::Int(count as i64)),
        Some(Err((e, name))) => Err(os_error(vm, &e, &name)),
        None => Err(vm.error("OSError", "not writable")),
    }
}

/// Flushes and closes the file `id` (closing twice does nothing).
fn close(vm: &mut Vm, id: ObjId) -> Result<(), Exc> {
    if let Obj::File(f) = vm.heap.get_mut(id) {
        f.closed = true;
        if let Some(mut w) = f.out.take()
            && let Err(e) = w.flush()
        {
            let name = f.name.clone();
            return Err(os_error(vm, &e, &name));
        }
    }
    Ok(())
}

pub(crate) fn f_close(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "close", &args, 0, 0)?;
    if let Some(Value::Obj(id)) = recv {
        close(vm, id)?;
    }
    none()
}

pub(crate) fn f_enter(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "__enter__", &args, 0, 0)?;
    with_file(vm, recv, |_| ())?;
    ok(recv.unwrap_or(Value::None))
}

pub(crate) fn f_exit(vm: &mut Vm, recv: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    if let Some(Value::Obj(id)) = recv {
        close(vm, id)?;
    }
    ok(Value::Bool(false))
}

/// Attributes of a file object.
pub(crate) fn file_attr(vm: &mut Vm, id: ObjId, name: &str) -> Option<Value> {
    let Obj::File(f) = vm.heap.get(id) else {
        return None;
    };
    match name {
        "closed" => Some(Value::Bool(f.closed)),
        "name" => {
            let n = f.name.clone();
            Some(new_str(vm, &n))
        }
        "mode" => {
            let m = f.mode.clone();
            Some(new_str(vm, &m))
        }
        _ => None,
    }
}

/// `open()` and the methods of file objects.
pub(crate) fn natives() -> crate::module::NativeModule {
    use crate::heap::TypeKind as T;
    crate::module::NativeModule::part("files")
        .global("open", b_open)
        .method(T::File, "read", f_read)
        .method(T::File, "readline", f_readline)
        .method(T::File, "readlines", f_readlines)
        .method(T::File, "write", f_write)
        .method(T::File, "close", f_close)
        .method(T::File, "__enter__", f_enter)
        .method(T::File, "__exit__", f_exit)
}
