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

fn sys_get_int_max_str_digits(
    vm: &mut Vm,
    _: Option<Value>,
    args: Vec<Value>,
    _: Kwargs,
) -> BResult {
    arity(vm, "get_int_max_str_digits", &args, 0, 0)?;
    ok(Value::Int(vm.int_max_str_digits as i64))
}

fn sys_set_int_max_str_digits(
    vm: &mut Vm,
    _: Option<Value>,
    args: Vec<Value>,
    kwargs: Kwargs,
) -> BResult {
    arity(vm, "set_int_max_str_digits", &args, 0, 1)?;
    let Some(n) = args.first().copied().or(kwarg(&kwargs, "maxdigits")) else {
        return Err(type_err(
            vm,
            "set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)",
        ));
    };
    let n = expect_int(vm, n, "")?;
    set_max_str_digits(vm, n)?;
    none()
}

/// `sys.exc_info()`: `(type, value, traceback)` of the exception an
/// `except` clause of the running tasklet is handling (the innermost),
/// or `(None, None, None)`.
fn sys_exc_info(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "exc_info", &args, 0, 0)?;
    let handled = vm.frames.records.iter().rev().find_map(|f| f.handling());
    let Some(exc) = handled else {
        return ok(new_tuple(vm, vec![Value::None; 3]));
    };
    let class = match exc {
        Value::Obj(id) => match vm.heap.get(id) {
            Obj::Instance(inst) => Value::Obj(inst.class),
            _ => Value::None,
        },
        _ => Value::None,
    };
    let tb = vm.get_attr_pub(exc, "__traceback__").unwrap_or(Value::None);
    ok(new_tuple(vm, vec![class, exc, tb]))
}

/// `sys.exception()`: the exception being handled, or None.
fn sys_exception(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> BResult {
    arity(vm, "exception", &args, 0, 0)?;
    let handled = vm.frames.records.iter().rev().find_map(|f| f.handling());
    ok(handled.unwrap_or(Value::None))
}

/// The `sys` module (with the methods of its streams).
pub(crate) fn module() -> NativeModule {
    NativeModule::new("sys")
        .function("exit", sys_exit)
        .function("exc_info", sys_exc_info)
        .function("exception", sys_exception)
        .function("get_int_max_str_digits", sys_get_int_max_str_digits)
        .function("set_int_max_str_digits", sys_set_int_max_str_digits)
        .native(Owner::Stream, "write", io_write)
        .native(Owner::Stream, "flush", io_flush)
        .on_import(sys_attrs)
        .prelude("<sys>", PRELUDE)
}

/// `sys.hash_info`, `sys.int_info` and `sys.float_info`: records that
/// read and print as CPython's struct sequences.
const PRELUDE: &str = r#"
class _info:
    def __init__(self, name, **fields):
        self._name = name
        self._fields = list(fields)
        for key, value in fields.items():
            setattr(self, key, value)

    def __getitem__(self, i):
        return tuple(self)[i]

    def __len__(self):
        return len(self._fields)

    def __iter__(self):
        return iter([getattr(self, f) for f in self._fields])

    def __eq__(self, other):
        return tuple(self) == tuple(other)

    def __repr__(self):
        parts = [f + "=" + repr(getattr(self, f)) for f in self._fields]
        return self._name + "(" + ", ".join(parts) + ")"


hash_info = _info("sys.hash_info", width=64, modulus=2305843009213693951, inf=314159,
                  nan=0, imag=1000003, algorithm="siphash13", hash_bits=64,
                  seed_bits=128, cutoff=0)
int_info = _info("sys.int_info", bits_per_digit=30, sizeof_digit=4,
                 default_max_str_digits=4300, str_digits_check_threshold=640)
float_info = _info("sys.float_info", max=1.7976931348623157e+308, max_exp=1024,
                   max_10_exp=308, min=2.2250738585072014e-308, min_exp=-1021,
                   min_10_exp=-307, dig=15, mant_dig=53, epsilon=2.220446049250313e-16,
                   radix=2, rounds=1)
del _info
"#;

/// `sys.argv`, `sys.stdout`, `sys.stderr` and `sys.maxsize`.
fn sys_attrs(vm: &mut Vm, attrs: &mut Attrs) {
    let argv: Vec<Value> = vm.argv.clone().iter().map(|a| new_str(vm, a)).collect();
    let argv = new_list(vm, argv);
    attrs.insert(Rc::from("argv"), argv);
    let stream_class = vm.heap.alloc(Obj::Class(Box::new(Class {
        name: Rc::from("TextIOWrapper"),
        bases: Vec::new(),
        mro: Vec::new(),
        attrs: Attrs::default(),
        is_exception: false,
        native: None,
        proxy: false,
        metaclass: None,
    })));
    for (n, fd) in [("stdout", 1), ("stderr", 2)] {
        let mut a = Attrs::default();
        a.insert(Rc::from("_fd"), Value::Int(fd));
        let s = vm.heap.alloc(Obj::Instance(crate::heap::Instance {
            class: stream_class,
            attrs: a,
            native: ObjId::NONE,
        }));
        attrs.insert(Rc::from(n), Value::Obj(s));
    }
    attrs.insert(Rc::from("maxsize"), Value::Int(i64::MAX));
}
