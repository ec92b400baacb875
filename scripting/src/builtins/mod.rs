//! Built-in functions, types, methods and operators of the script
//! language, with Python's semantics and error messages.
//!
//! Every built-in is a Rust function in `DEFS` (`registry.rs`), named by
//! its index ([`Builtin`]). A built-in that needs script code run (a
//! `key=` function, an instance's `__str__`) hands it to the VM as a
//! frame ([`Native::Call`], [`Native::CallThen`]) rather than calling it.
//!
//! | file | holds |
//! |---|---|
//! | `registry.rs` | [`Native`], the table of built-ins, installing, finding and calling them, the built-in modules, argument helpers |
//! | `compare.rs` | truth, dict keys, equality, ordering, `in` |
//! | `ops.rs` | binary and unary operators |
//! | `format.rs` | `str`, `repr`, format specs, `%` formatting |
//! | `exceptions.rs` | exceptions as built-ins see them |
//! | `iter.rs` | `iter`/`next` over built-in iterables, collecting, sorting helpers |
//! | `subscript.rs` | `x[i]`, slices, item assignment and deletion |
//! | `construct.rs` | calling a built-in type (`int(x)`, `list(it)`...) |
//! | `globals.rs` | the built-in functions |
//! | `objects.rs` | `object`, `staticmethod`, `classmethod`, `property`, `issubclass`, `setattr` |
//! | `string.rs`, `list.rs`, `dict.rs`, `set.rs`, `generator.rs` | methods of each type |
//! | `math.rs`, `random.rs`, `sys.rs`, `time.rs` | the modules of those names |
//!
//! Files, `stackless` and `pickle` live in their own modules of the crate.

use crate::files::{
    b_open, by_decode, f_close, f_enter, f_exit, f_read, f_readline, f_readlines, f_write, s_encode,
};
use crate::pickle::{p_dump, p_dumps, p_load, p_loads};
use crate::stackless as sl;
use crate::stackless::{
    c_close, c_open, c_receive, c_send, c_send_exception, c_send_sequence, c_send_throw,
    s_getcurrent, s_getmain, s_getruncount, s_run, s_schedule, s_schedule_remove, s_set_atomic,
    s_set_channel_callback, s_set_error_handler, s_set_schedule_callback, s_switch_trap, t_bind,
    t_insert, t_kill, t_raise_exception, t_remove, t_run, t_set_atomic, t_setup, t_switch, t_throw,
};
use std::fmt::Write as _;
use std::io::Write as _;
use std::rc::Rc;

use crate::ast::{BinOp, CmpOp, UnaryOp};
use crate::heap::{Attrs, Builtin, Class, Dict, Iter, Map, Obj, TypeKind};
use crate::value::{Key, ObjId, Value, float_repr};
use crate::vm::{Exc, Vm};
use crate::world_api::{
    w_alive, w_count, w_despawn, w_distance, w_get, w_kind, w_log, w_me, w_nearest, w_neighbours,
    w_population, w_position, w_set, w_set_position, w_set_velocity, w_size, w_sleep, w_spawn,
    w_steer, w_tick, w_velocity,
};

mod registry;
pub(crate) use registry::*;
mod compare;
pub(crate) use compare::*;
mod ops;
pub(crate) use ops::*;
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
mod string;
pub(crate) use string::*;
mod list;
pub(crate) use list::*;
mod dict;
pub(crate) use dict::*;
mod set;
pub(crate) use set::*;
mod generator;
pub(crate) use generator::*;
mod math;
pub(crate) use math::*;
mod random;
pub(crate) use random::*;
mod sys;
pub(crate) use sys::*;
mod time;
pub(crate) use time::*;
