//! The `sys` module: `exit`, and the methods of `sys.stdout` and `sys.stderr`.

use super::*;

pub(crate) fn stream_fd(vm: &Vm, v: Value) -> Option<i64> {
    if let Value::Obj(id) = v
        && let Obj::Instance(inst) = vm.heap.get(id)
        && let Some(Value::Int(fd)) = inst.attrs.get("_fd")
    {
        return Some(*fd);
    }
    None
}

pub(crate) fn io_write(vm: &mut Vm, recv: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "write", &args, 1, 1)?;
    let s = expect_str(vm, args[0], "write() argument")?;
    if recv.and_then(|r| stream_fd(vm, r)) == Some(2) {
        let _ = vm.out.flush();
        let _ = vm.err.write_all(s.as_bytes());
    } else {
        let _ = vm.out.write_all(s.as_bytes());
    }
    ok(Value::Int(s.chars().count() as i64))
}

pub(crate) fn io_flush(vm: &mut Vm, _: Option<Value>, _: Vec<Value>, _: Kwargs) -> BResult {
    let _ = vm.out.flush();
    let _ = vm.err.flush();
    none()
}

pub(crate) fn sys_exit(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "exit", &args, 0, 1)?;
    let class = vm.exc_class("SystemExit");
    Err(vm.instantiate_exception(class, args))
}
