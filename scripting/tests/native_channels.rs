//! Script and native tasklets share one scheduler and one channel: a
//! native tasklet receives what scripts send, as Rust data, and its
//! replies arrive in the scripts as script values.

use std::cell::RefCell;
use std::rc::Rc;

use shoal_engine::{Scheduler, run, spawn};
use shoal_scripting::host::{CapturedOutput, HostValue, ScriptChannel};
use shoal_scripting::stackless::run_shared;
use shoal_scripting::vm::{Status, Vm};

const CLIENTS: &str = r#"import stackless

requests = stackless.channel()
replies = stackless.channel()


def client(name, n):
    for i in range(n):
        requests.send({"from": name, "n": i, "tags": ("a", 1.5), "data": [None, True, b"x"]})
        reply = replies.receive()
        print(name, "got", reply, type(reply["total"]).__name__)


stackless.tasklet(client)("c1", 2)
stackless.tasklet(client)("c2", 1)
"#;

#[test]
fn a_native_server_answers_script_clients_over_script_channels() {
    let _scheduler = Scheduler::new();
    let out = CapturedOutput::default();
    let mut vm = Vm::new(Box::new(out.clone()), Box::new(out.clone()));
    vm.load_main("clients.py", CLIENTS).expect("compiles");
    let vm = vm.into_shared();
    assert_eq!(run_shared(&vm), Status::Finished);
    let requests = vm.borrow().global("requests").expect("a global");
    let replies = vm.borrow().global("replies").expect("a global");
    let requests = ScriptChannel::from_value(&vm, requests).expect("a channel");
    let replies = ScriptChannel::from_value(&vm, replies).expect("a channel");
    let seen = Rc::new(RefCell::new(Vec::new()));
    let log = seen.clone();
    spawn(move || {
        for _ in 0..3 {
            let request = requests.receive()?;
            let HostValue::Dict(pairs) = &request else {
                panic!("a dict, not {request:?}")
            };
            let field = |k: &str| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == HostValue::Str(k.into()))
                    .map(|(_, v)| v.clone())
                    .expect("the field")
            };
            assert_eq!(
                field("tags"),
                HostValue::Tuple(vec![HostValue::Str("a".into()), HostValue::Float(1.5)])
            );
            assert_eq!(
                field("data"),
                HostValue::List(vec![
                    HostValue::None,
                    HostValue::Bool(true),
                    HostValue::Bytes(b"x".to_vec())
                ])
            );
            let (HostValue::Str(from), HostValue::Int(n)) = (field("from"), field("n")) else {
                panic!("from and n")
            };
            log.borrow_mut().push(format!("{from}/{n}"));
            replies.send(&HostValue::Dict(vec![
                (HostValue::Str("to".into()), HostValue::Str(from)),
                (HostValue::Str("total".into()), HostValue::Int(n * 10)),
            ]))?;
        }
        Ok(())
    })
    .expect("spawn");
    run().expect("run");
    assert_eq!(*seen.borrow(), vec!["c1/0", "c2/0", "c1/1"]);
    assert_eq!(
        out.text(),
        "c1 got {'to': 'c1', 'total': 0} int\nc2 got {'to': 'c2', 'total': 0} int\nc1 got {'to': 'c1', 'total': 10} int\n"
    );
}

#[test]
fn a_value_with_no_rust_form_is_a_clear_error() {
    let _scheduler = Scheduler::new();
    let mut vm = Vm::new(Box::new(std::io::sink()), Box::new(std::io::sink()));
    vm.load_main("f.py", "def f():\n    pass\n")
        .expect("compiles");
    let vm = vm.into_shared();
    assert_eq!(run_shared(&vm), Status::Finished);
    let f = vm.borrow().global("f").expect("a global");
    assert_eq!(
        vm.borrow().to_host(f),
        Err("a 'function' object has no Rust form".to_string())
    );
}
