//! `stackless.select`, `stackless.join` and the channels' case makers: the
//! script side of the engine's select and join.
//!
//! ```python
//! i, value = stackless.select([a.receive_case(), b.send_case(x)],
//!                             default=None, timeout=0.5)
//! pairs = stackless.join([a, b, c], count=2)
//! ```

use shoal_engine::{Join, Joined, Select, Selected, Timeout};

use super::*;
use crate::builtins::{BResult, Kwargs, Native, arity, bind_args, type_err};

/// The name of the prelude class of a select case.
const CASE_CLASS: &str = "select_case";

/// `channel.receive_case()`: a case receiving from the channel.
pub(crate) fn c_receive_case(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "receive_case", &args, 0, 0)?;
    make_case(vm, recv, false, Value::None)
}

/// `channel.send_case(value)`: a case sending `value` on the channel.
pub(crate) fn c_send_case(
    vm: &mut Vm,
    recv: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "send_case", &args, 1, 1)?;
    make_case(vm, recv, true, args[0])
}

fn make_case(vm: &mut Vm, recv: Option<Value>, sending: bool, value: Value) -> BResult {
    let ch = match recv {
        Some(r) if channel_of(vm, r).is_some() => r,
        _ => return Err(type_err(vm, "descriptor requires a 'channel' object")),
    };
    match functions::prelude_function(vm, CASE_CLASS) {
        Some(class) => Ok(Native::Call(class, vec![ch, Value::Bool(sending), value])),
        None => Err(vm.error("SystemError", "the stackless module is not loaded")),
    }
}

/// The channel, direction and value of a case object.
fn case_parts(vm: &mut Vm, case: Value) -> Result<(Channel<Carried>, bool, Value), Exc> {
    let parts = match case {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Instance(inst) => {
                let get = |n: &str| inst.attrs.get(n).copied();
                match (get("channel"), get("sending"), get("value")) {
                    (Some(c), Some(s), Some(v)) => Some((c, s, v)),
                    _ => None,
                }
            }
            _ => None,
        },
        _ => None,
    };
    let Some((ch, sending, value)) = parts else {
        let t = crate::builtins::type_name(vm, case);
        return Err(type_err(
            vm,
            format!(
                "select() cases are made by channel.receive_case() and channel.send_case(), not '{t}'"
            ),
        ));
    };
    let Some(chan) = channel_of(vm, ch) else {
        return Err(type_err(vm, "a select case's channel must be a channel"));
    };
    let sending = crate::builtins::truthy(vm, sending);
    Ok((chan, sending, value))
}

/// The `timeout=` (seconds) and `ticks=` arguments.
fn timeout_arg(
    vm: &mut Vm,
    name: &str,
    seconds: Option<Value>,
    ticks: Option<Value>,
) -> Result<Option<Timeout>, Exc> {
    let seconds = seconds.filter(|v| *v != Value::None);
    let ticks = ticks.filter(|v| *v != Value::None);
    match (seconds, ticks) {
        (Some(_), Some(_)) => Err(type_err(
            vm,
            format!("{name}() takes a timeout or ticks, not both"),
        )),
        (Some(s), None) => {
            // An int too big for a float is a very long time.
            let secs = match crate::builtins::to_f64(s) {
                None if crate::builtins::is_int(vm, s) && !crate::builtins::truthy(vm, s) => {
                    Some(0.0)
                }
                None if crate::builtins::is_int(vm, s) => Some(1e7),
                other => other,
            };
            let secs = match secs {
                Some(x) if x.is_finite() && x >= 0.0 => x.min(1e7),
                Some(_) => {
                    return Err(vm.error(
                        "ValueError",
                        format!("{name}() timeout must be a non-negative number of seconds"),
                    ));
                }
                None => return Err(type_err(vm, format!("{name}() timeout must be a number"))),
            };
            Ok(Some(Timeout::After(std::time::Duration::from_secs_f64(
                secs,
            ))))
        }
        (None, Some(Value::Int(n))) if n >= 0 => Ok(Some(Timeout::Ticks(n as u64))),
        (None, Some(_)) => Err(type_err(
            vm,
            format!("{name}() ticks must be a non-negative int"),
        )),
        (None, None) => Ok(None),
    }
}

/// Refuses a channel where a list is wanted: iterating it would receive
/// (and lose) the values waiting on it.
fn not_a_channel(vm: &mut Vm, name: &str, wanted: &str, v: Value) -> Result<(), Exc> {
    if channel_of(vm, v).is_some() {
        return Err(type_err(
            vm,
            format!("{name}() takes {wanted}, not a channel"),
        ));
    }
    Ok(())
}

/// `stackless.select(cases, default=..., timeout=None, ticks=None)`:
/// completes one case and returns `(index, value)` (`value` is None for a
/// send). With `default` and no case ready: `(-1, default)` at once. After
/// the timeout: `(-1, None)`.
pub(crate) fn s_select(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "select", &args, 1, 1)?;
    let names = ["cases", "default", "timeout", "ticks"];
    let a = bind_args(vm, "select", &args, &kw, &names, 1, false)?;
    not_a_channel(vm, "select", "a list of cases", args[0])?;
    let cases = crate::builtins::collect(vm, args[0])?;
    let timeout = timeout_arg(vm, "select", a[2], a[3])?;
    let mut select = Select::new();
    for case in cases {
        let (ch, sending, value) = case_parts(vm, case)?;
        select = if sending {
            let carried = vm.carry(value);
            select.send(&ch, carried)
        } else {
            select.receive(&ch)
        };
    }
    let default = a[1].map(|d| vm.carry(d));
    if default.is_some() {
        select = select.or_default();
    }
    if let Some(t) = timeout {
        select = select.timeout(t);
    }
    Ok(Native::Host(HostOp::Select(Box::new(select), default)))
}

/// `stackless.join(channels, count=None, default=..., timeout=None,
/// ticks=None)`: waits until `count` of the channels (all by default) have
/// a sender, takes one value from each of `count` of them at once and
/// returns `[(index, value), ...]` in channel order. With `default` and
/// too few senders: `default` at once. After the timeout: None.
pub(crate) fn s_join(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, kw: Kwargs) -> BResult {
    arity(vm, "join", &args, 1, 2)?;
    let names = ["channels", "count", "default", "timeout", "ticks"];
    let a = bind_args(vm, "join", &args, &kw, &names, 1, false)?;
    not_a_channel(vm, "join", "a list of channels", args[0])?;
    let items = crate::builtins::collect(vm, args[0])?;
    let mut chans = Vec::with_capacity(items.len());
    for item in items {
        match channel_of(vm, item) {
            Some(c) => chans.push(c),
            None => {
                let t = crate::builtins::type_name(vm, item);
                return Err(type_err(vm, format!("join() takes channels, not '{t}'")));
            }
        }
    }
    let count = match a[1] {
        None | Some(Value::None) => chans.len(),
        Some(Value::Int(n)) if n >= 1 && (n as usize) <= chans.len() => n as usize,
        Some(Value::Int(n)) => {
            return Err(vm.error(
                "ValueError",
                format!(
                    "join() count must be between 1 and {}, not {n}",
                    chans.len()
                ),
            ));
        }
        Some(_) => return Err(type_err(vm, "join() count must be an int")),
    };
    if chans.is_empty() {
        return Err(vm.error("ValueError", "join() needs at least one channel"));
    }
    let timeout = timeout_arg(vm, "join", a[3], a[4])?;
    let mut join = Join::new(&chans).need(count);
    let default = a[2].map(|d| vm.carry(d));
    if default.is_some() {
        join = join.or_default();
    }
    if let Some(t) = timeout {
        join = join.timeout(t);
    }
    Ok(Native::Host(HostOp::Join(Box::new(join), default)))
}

impl Vm {
    /// The script value of a select's outcome.
    pub(crate) fn selected_value(
        &mut self,
        s: Selected<Carried>,
        default: Option<Carried>,
    ) -> Value {
        let (i, v) = match s {
            Selected::Sent(i) => (i as i64, Value::None),
            Selected::Received(i, c) => (i as i64, self.take_carried(c)),
            Selected::Default => (-1, default.map_or(Value::None, |d| self.take_carried(d))),
            Selected::TimedOut => (-1, Value::None),
        };
        crate::builtins::new_tuple(self, vec![Value::Int(i), v])
    }

    /// The script value of a join's outcome.
    pub(crate) fn joined_value(&mut self, j: Joined<Carried>, default: Option<Carried>) -> Value {
        match j {
            Joined::Values(values) => {
                let pairs: Vec<Value> = values
                    .into_iter()
                    .map(|(i, c)| {
                        let v = self.take_carried(c);
                        crate::builtins::new_tuple(self, vec![Value::Int(i as i64), v])
                    })
                    .collect();
                Value::Obj(self.heap.alloc(Obj::List(pairs)))
            }
            Joined::Default => default.map_or(Value::None, |d| self.take_carried(d)),
            Joined::TimedOut => Value::None,
        }
    }
}

/// `stackless.set_select_seed(n)`: seeds the choice among ready select
/// cases and join channels (a world seeds it from its own seed).
pub(crate) fn s_set_select_seed(
    vm: &mut Vm,
    _: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "set_select_seed", &args, 1, 1)?;
    let Value::Int(n) = args[0] else {
        return Err(type_err(vm, "set_select_seed() takes an int"));
    };
    shoal_engine::set_select_seed(n as u64).map_err(|e| vm.error_to_exc(&e))?;
    Ok(Native::Value(Value::None))
}
