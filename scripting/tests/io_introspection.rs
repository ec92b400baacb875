//! A script tasklet parked on a socket shows in the engine's tasklet
//! list with the socket it waits on, as native tasklets do.

use shoal_engine::{BlockedOn, Scheduler, SourceKind, TaskletState, tasklets};
use shoal_scripting::{Status, Vm, register_io_modules};

#[test]
fn a_script_tasklet_parked_on_accept_names_its_socket() {
    let _scheduler = Scheduler::new();
    let mut vm = Vm::new(Box::new(std::io::sink()), Box::new(std::io::sink()));
    register_io_modules(&mut vm);
    vm.load_main(
        "parked.py",
        "import socket, stackless\n\
         srv = socket.socket()\n\
         srv.bind(('127.0.0.1', 0))\n\
         srv.listen()\n\
         def acceptor():\n\
         \x20   srv.accept()\n\
         stackless.tasklet(acceptor)()\n\
         stackless.schedule()\n",
    )
    .expect("the script compiles");
    let vm = vm.into_shared();
    let status = shoal_scripting::stackless::run_shared(&vm);
    assert_eq!(status, Status::Finished);
    let parked: Vec<_> = tasklets()
        .into_iter()
        .filter(|t| t.state == TaskletState::Io)
        .collect();
    assert_eq!(parked.len(), 1, "{parked:?}");
    match &parked[0].blocked_on {
        Some(BlockedOn::Io {
            source, writing, ..
        }) => {
            assert_eq!(source.kind, SourceKind::TcpListener);
            let local = source.local.expect("a local address");
            assert_eq!(local.ip(), std::net::Ipv4Addr::LOCALHOST);
            assert_ne!(local.port(), 0);
            assert_eq!(source.peer, None);
            assert!(!writing);
        }
        other => panic!("not parked on the listener: {other:?}"),
    }
    assert_eq!(shoal_engine::stats().io_waiting, 1);
}
