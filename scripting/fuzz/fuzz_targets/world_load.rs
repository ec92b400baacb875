//! Any bytes given to `Vm::load_world`: an error, or a world of tasklets
//! that runs in watchdog slices under a budget; never a panic. Seeds:
//! `seeds/world_load/` (written by
//! `scripting/tests/damaged_loads.rs`).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use shoal_engine::Scheduler;
use shoal_scripting::Vm;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let scheduler = Scheduler::new();
    let loaded = Vm::load_world_with_sources(
        text,
        Box::new(std::io::sink()),
        Box::new(std::io::sink()),
        common::embedded(),
    );
    if let Ok(vm) = loaded {
        common::run_slices();
        drop(vm);
    }
    drop(scheduler);
});
