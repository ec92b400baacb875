//! Script values seen from Rust, and script channels that native tasklets
//! use: a native tasklet receives what a script sends, converted to a
//! [`HostValue`], and sends `HostValue`s that scripts receive as their own
//! values. Also, for hosts that load script files as modules (a world's
//! behaviours): [`load_script_module`] and lookups in loaded modules.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use shoal_engine::{Channel, TaskletError, TaskletResult};

use crate::heap::{Dict, Obj};
use crate::stackless::{Carried, ChannelObj, channel_of};
use crate::value::{Key, Value};
use crate::vm::Vm;

/// A script value as plain Rust data (what crosses between script and
/// native tasklets).
#[derive(Debug, Clone, PartialEq)]
pub enum HostValue {
    /// `None`.
    None,
    /// A bool.
    Bool(bool),
    /// An int.
    Int(i64),
    /// A float.
    Float(f64),
    /// A str.
    Str(String),
    /// bytes.
    Bytes(Vec<u8>),
    /// A list.
    List(Vec<HostValue>),
    /// A tuple.
    Tuple(Vec<HostValue>),
    /// A dict, in insertion order.
    Dict(Vec<(HostValue, HostValue)>),
}

impl Vm {
    /// `v` as Rust data; objects with no plain form (functions, class
    /// instances, tasklets...) are an error naming their type.
    pub fn to_host(&self, v: Value) -> Result<HostValue, String> {
        self.to_host_depth(v, 0)
    }

    fn to_host_depth(&self, v: Value, depth: usize) -> Result<HostValue, String> {
        if depth > 100 {
            return Err("the value nests too deeply (or contains itself)".into());
        }
        let items = |xs: &[Value]| -> Result<Vec<HostValue>, String> {
            xs.iter()
                .map(|x| self.to_host_depth(*x, depth + 1))
                .collect()
        };
        Ok(match v {
            Value::None => HostValue::None,
            Value::Bool(b) => HostValue::Bool(b),
            Value::Int(i) => HostValue::Int(i),
            Value::Float(x) => HostValue::Float(x),
            Value::Obj(id) => match self.heap.get(id) {
                Obj::Str(s) => HostValue::Str(s.to_string()),
                Obj::Bytes(b) => HostValue::Bytes(b.to_vec()),
                Obj::ByteArray(b) => HostValue::Bytes(b.clone()),
                Obj::List(xs) => HostValue::List(items(xs)?),
                Obj::Tuple(xs) => HostValue::Tuple(items(xs)?),
                Obj::Dict(d) => HostValue::Dict(
                    d.values()
                        .map(|(k, v)| {
                            Ok((
                                self.to_host_depth(*k, depth + 1)?,
                                self.to_host_depth(*v, depth + 1)?,
                            ))
                        })
                        .collect::<Result<_, String>>()?,
                ),
                _ => {
                    let t = crate::builtins::type_name(self, v);
                    return Err(format!("a '{t}' object has no Rust form"));
                }
            },
        })
    }

    /// `h` as a script value (new objects on the heap).
    pub fn from_host(&mut self, h: &HostValue) -> Result<Value, String> {
        Ok(match h {
            HostValue::None => Value::None,
            HostValue::Bool(b) => Value::Bool(*b),
            HostValue::Int(i) => Value::Int(*i),
            HostValue::Float(x) => Value::Float(*x),
            HostValue::Str(s) => self.str_value(s),
            HostValue::Bytes(b) => Value::Obj(self.heap.alloc(Obj::Bytes(b.as_slice().into()))),
            HostValue::List(xs) | HostValue::Tuple(xs) => {
                let items = xs
                    .iter()
                    .map(|x| self.from_host(x))
                    .collect::<Result<Vec<_>, _>>()?;
                let obj = if matches!(h, HostValue::List(_)) {
                    Obj::List(items)
                } else {
                    Obj::Tuple(items)
                };
                Value::Obj(self.heap.alloc(obj))
            }
            HostValue::Dict(pairs) => {
                let mut d = Dict::default();
                for (k, v) in pairs {
                    let kv = self.from_host(k)?;
                    let key = self.host_key(k)?;
                    let vv = self.from_host(v)?;
                    d.insert(key, (kv, vv));
                }
                Value::Obj(self.heap.alloc(Obj::Dict(d)))
            }
        })
    }

    fn host_key(&self, k: &HostValue) -> Result<Key, String> {
        Ok(match k {
            HostValue::None => Key::None,
            HostValue::Bool(b) => Key::Int(*b as i64),
            HostValue::Int(i) => Key::Int(*i),
            HostValue::Float(x) => Key::float(*x),
            HostValue::Str(s) => Key::Str(s.as_str().into()),
            HostValue::Tuple(xs) => Key::Tuple(
                xs.iter()
                    .map(|x| self.host_key(x))
                    .collect::<Result<Vec<_>, _>>()?
                    .into(),
            ),
            other => return Err(format!("{other:?} cannot be a dict key")),
        })
    }

    /// The value of the main module's global `name`.
    pub fn global(&self, name: &str) -> Option<Value> {
        let m = self.module_ids().first().copied()?;
        match self.heap.get(m) {
            Obj::Module(module) => module.attrs.get(name).copied(),
            _ => None,
        }
    }

    /// Sets the main module's global `name`.
    pub fn set_global(&mut self, name: &str, v: Value) {
        if let Some(m) = self.module_ids().first().copied()
            && let Obj::Module(module) = self.heap.get_mut(m)
        {
            module.attrs.insert(name.into(), v);
        }
    }
}

/// A script channel as native tasklets use it: values are converted on
/// the way in and out.
#[derive(Clone)]
pub struct ScriptChannel {
    vm: Weak<RefCell<Vm>>,
    chan: Channel<Carried>,
}

impl ScriptChannel {
    /// The channel behind the script value `v` (a `stackless.channel`).
    pub fn from_value(vm: &Rc<RefCell<Vm>>, v: Value) -> Option<ScriptChannel> {
        let chan = channel_of(&vm.borrow(), v)?;
        Some(ScriptChannel {
            vm: Rc::downgrade(vm),
            chan,
        })
    }

    /// A new channel, and the script value that names it (to hand to a
    /// script, say with [`Vm::set_global`]).
    pub fn new(vm: &Rc<RefCell<Vm>>) -> (ScriptChannel, Value) {
        let chan = Channel::new();
        let id = vm
            .borrow_mut()
            .heap
            .alloc(Obj::Channel(Box::new(ChannelObj { chan: chan.clone() })));
        (
            ScriptChannel {
                vm: Rc::downgrade(vm),
                chan,
            },
            Value::Obj(id),
        )
    }

    fn vm(&self) -> TaskletResult<Rc<RefCell<Vm>>> {
        self.vm
            .upgrade()
            .ok_or_else(|| TaskletError::runtime("the script VM is gone"))
    }

    /// Sends `v` (blocking the native tasklet as `Channel::send` does).
    pub fn send(&self, v: &HostValue) -> TaskletResult<()> {
        let vm = self.vm()?;
        let carried = {
            let mut vm = vm.borrow_mut();
            let value = vm.from_host(v).map_err(TaskletError::value)?;
            vm.carry(value)
        };
        self.chan.send(carried)
    }

    /// Receives a value (blocking the native tasklet).
    pub fn receive(&self) -> TaskletResult<HostValue> {
        let carried = self.chan.receive()?;
        let vm = self.vm()?;
        let mut vm = vm.borrow_mut();
        let value = vm.take_carried(carried);
        vm.to_host(value).map_err(TaskletError::value)
    }

    /// The engine channel underneath (balance, preference, close...).
    pub fn channel(&self) -> &Channel<Carried> {
        &self.chan
    }
}

/// Where a host captures what scripts print: a writer for [`Vm::new`]
/// whose clones all append to one buffer.
#[derive(Clone, Default)]
pub struct CapturedOutput(Rc<RefCell<Vec<u8>>>);

impl CapturedOutput {
    /// Everything written so far, as text (bad UTF-8 replaced).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.borrow()).into_owned()
    }

    /// Everything written since the last call, as text; the buffer
    /// empties.
    pub fn take_text(&self) -> String {
        let bytes = std::mem::take(&mut *self.0.borrow_mut());
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

impl std::io::Write for CapturedOutput {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

// ---- script modules for a host ------------------------------------------------------

/// Why a behaviour script could not be loaded.
#[derive(Debug)]
pub enum ScriptLoadError {
    /// The file could not be read.
    Read(std::io::Error),
    /// It does not compile (the error has the line and column).
    Syntax(crate::SyntaxError),
    /// Its module body raised: the traceback.
    Raised(String),
}

impl std::fmt::Display for ScriptLoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScriptLoadError::Read(e) => write!(f, "cannot read it: {e}"),
            ScriptLoadError::Syntax(e) => write!(f, "{e}"),
            ScriptLoadError::Raised(tb) => write!(f, "its module body raised:\n{tb}"),
        }
    }
}

/// Runs the script file `path` as module `name` of a shared VM (its
/// body runs to the end on the main tasklet), so its functions can be
/// behaviours. A module already loaded under `name` is left as it is.
pub fn load_script_module(
    vm: &Rc<RefCell<Vm>>,
    name: &str,
    path: &str,
) -> Result<(), ScriptLoadError> {
    {
        let mut v = vm.borrow_mut();
        if v.find_module(name).is_some() {
            return Ok(());
        }
        let source = Vm::source_of(&v.embedded, path).map_err(ScriptLoadError::Read)?;
        v.push_script_module(name, path, &source)
            .map_err(ScriptLoadError::Syntax)?;
    }
    match crate::stackless::run_shared(vm) {
        crate::Status::Raised(exc) => {
            let mut v = vm.borrow_mut();
            v.frames.clear();
            Err(ScriptLoadError::Raised(
                v.format_exception(exc).trim_end().to_string(),
            ))
        }
        _ => {
            vm.borrow_mut().frames.clear();
            Ok(())
        }
    }
}

impl Vm {
    /// The function `func` of the loaded module `module`, if it is a
    /// script function.
    pub fn module_function(&mut self, module: &str, func: &str) -> Option<Value> {
        let m = self.find_module(module)?;
        let v = match self.heap.get(m) {
            Obj::Module(md) => md.attrs.get(func).copied()?,
            _ => return None,
        };
        self.is_script_function(v).then_some(v)
    }

    /// Names defined at the top level of module `module` (for "did you
    /// mean").
    pub fn module_names(&self, module: &str) -> Vec<String> {
        let Some(m) = self.find_module(module) else {
            return Vec::new();
        };
        match self.heap.get(m) {
            Obj::Module(md) => md.attrs.keys().map(|k| k.to_string()).collect(),
            _ => Vec::new(),
        }
    }
}
