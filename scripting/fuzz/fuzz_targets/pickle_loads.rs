//! Any bytes given to `pickle.loads`: an exception, or a value that the
//! program then exercises (tasklets resumed, channels sent to, generators
//! iterated, functions called) under a budget; never a panic. Seeds:
//! `seeds/pickle_loads/` (written by
//! `scripting/tests/damaged_loads.rs`).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use shoal_engine::Scheduler;
use shoal_scripting::host::HostValue;
use shoal_scripting::stackless::run_shared;
use shoal_scripting::{Status, Vm};

fuzz_target!(|data: &[u8]| {
    let scheduler = Scheduler::new();
    let mut vm = Vm::new(Box::new(std::io::sink()), Box::new(std::io::sink()));
    vm.set_embedded_sources(common::embedded());
    vm.argv = vec![common::PROGRAM_PATH.into(), "load".into()];
    vm.load_main(common::PROGRAM_PATH, common::PROGRAM)
        .expect("the program compiles");
    let bytes = vm
        .from_host(&HostValue::Bytes(data.to_vec()))
        .expect("bytes");
    vm.set_global("DATA", bytes);
    let vm = vm.into_shared();
    if run_shared(&vm) == Status::Finished {
        common::run_slices();
    }
    drop(vm);
    drop(scheduler);
});
