//! Methods of generators (`send`; iterating a generator runs its frame, see
//! [`crate::vm`]).

use super::*;

pub(crate) fn gen_send(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "send", &args, 1, 1)?;
    let Some(Value::Obj(g)) = recv else {
        unreachable!("methods are bound")
    };
    Ok(Native::Send(Value::Obj(g), args[0]))
}
