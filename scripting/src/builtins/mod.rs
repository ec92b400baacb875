//! Built-in functions, types, methods and operators of the script
//! language, with Python's semantics and error messages.
//!
//! Every built-in is a Rust function registered with the VM through
//! [`crate::module::NativeModule`] (the built-in functions and the
//! methods of the built-in types in `registry.rs`, each module in its
//! file) and named by its number in the VM's table ([`Builtin`]). A
//! built-in that needs script code run (a `key=` function, an instance's
//! `__str__`) hands it to the VM as a frame ([`Native::Call`],
//! [`Native::CallThen`]) rather than calling it.
//!
//! | file | holds |
//! |---|---|
//! | `registry.rs` | the VM's table of natives, the built-in functions and types' methods, installing, finding and calling them, importing native modules, argument helpers |
//! | `compare.rs` | truth, dict keys, equality, ordering, `in` |
//! | `ops.rs` | binary and unary operators |
//! | `int.rs` | ints of any size: big-int arithmetic, hashing, conversions, `int`'s methods |
//! | `numbers.rs` | the operator dunders of ints and floats, `float`'s methods, `real`/`imag`/`numerator`/`denominator` |
//! | `format.rs` | `str`, `repr`, format specs, `%` formatting |
//! | `exceptions.rs` | exceptions as built-ins see them |
//! | `iter.rs` | `iter`/`next` over built-in iterables, collecting, sorting helpers |
//! | `subscript.rs` | `x[i]`, slices, item assignment and deletion |
//! | `construct.rs` | calling a built-in type (`int(x)`, `list(it)`...) |
//! | `globals.rs` | the built-in functions |
//! | `objects.rs` | `object`, `staticmethod`, `classmethod`, `property`, `issubclass`, `setattr` |
//! | `namespaces.rs` | `dir`, `vars`, `globals`, `locals`, `__dict__`, `delattr` |
//! | `dunders.rs` | the dunder methods of the built-in types (`[].__len__()`) |
//! | `string.rs`, `list.rs`, `dict.rs`, `set.rs`, `generator.rs` | methods of each type |
//! | `bytes.rs` | `bytes` and `bytearray`: constructors, methods, codecs |
//! | `chars.rs` | characters as str's methods class them (`isdecimal`, `casefold`...) |
//! | `math.rs`, `random.rs`, `sys.rs`, `time.rs` | the modules of those names |
//!
//! Files, `stackless` and `pickle` live in their own modules of the crate
//! and register through the same API.

use crate::stackless as sl;
use std::fmt::Write as _;
use std::io::Write as _;
use std::mem::size_of;
use std::rc::Rc;

use crate::ast::{BinOp, CmpOp, UnaryOp};
use crate::heap::{Attrs, Builtin, Class, Dict, Iter, Obj, TypeKind};
use crate::module::{Constant, NativeModule};
use crate::value::{Key, ObjId, Value, float_repr};
use crate::vm::{Exc, Vm};

mod registry;
pub(crate) use registry::*;
mod compare;
pub(crate) use compare::*;
mod ops;
pub(crate) use ops::*;
mod int;
pub(crate) use int::*;
mod numbers;
pub(crate) use numbers::*;
mod format;
pub(crate) use format::*;
mod exceptions;
pub(crate) use exceptions::*;
mod iter;
pub(crate) use iter::*;
mod subscript;
pub(crate) use subscript::*;
mod construct;
pub(crate) use construct::*;
mod globals;
pub(crate) use globals::*;
mod objects;
pub(crate) use objects::*;
mod namespaces;
pub(crate) use namespaces::*;
mod dunders;
pub(crate) use dunders::unhashable;
mod string;
pub(crate) use string::*;
mod bytes;
mod chars;
pub(crate) use bytes::{bytes_like, construct_bytes, expect_byte};

mod list;
pub(crate) use list::*;
mod dict;
pub(crate) use dict::*;
mod set;
pub(crate) use set::*;
mod generator;
pub(crate) use generator::*;
mod math;
mod random;
mod sys;
pub(crate) use sys::*;
pub(crate) mod time;
pub(crate) use time::sleep_seconds;

// The helpers natives written outside the crate use (see `crate::module`).
pub use compare::truthy;
pub use format::str_of;
pub use registry::{
    arity, kwarg, new_list, new_str, new_tuple, none, ok, str_content, type_err, type_name,
};
