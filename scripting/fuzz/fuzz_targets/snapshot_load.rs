//! Any bytes given to `Vm::load`: an error, or a VM that runs under a
//! budget to its end, an exception or the budget; never a panic. Seeds:
//! `seeds/snapshot_load/` (written by
//! `scripting/tests/damaged_loads.rs`).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use shoal_scripting::Vm;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let loaded = Vm::load_with_sources(
        text,
        Box::new(std::io::sink()),
        Box::new(std::io::sink()),
        common::embedded(),
    );
    if let Ok(mut vm) = loaded {
        let mut budget = common::BUDGET;
        if let shoal_scripting::Status::Raised(exc) = vm.run(&mut budget) {
            let _ = vm.format_exception(exc);
        }
    }
});
