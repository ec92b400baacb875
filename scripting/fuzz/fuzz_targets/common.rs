#![allow(dead_code)] // each target uses a part

//! What the load targets share: the program their inputs come from (the
//! one `scripting/tests/damaged_loads.rs` damages), carried as an
//! embedded source, and running a loaded world under a budget.

use std::rc::Rc;

use shoal_engine::RunOptions;

/// The program, and the path inputs name it by.
pub const PROGRAM: &str = include_str!("../program.py");
pub const PROGRAM_PATH: &str = "<shoal-tests>/program.py";

/// Instructions a loaded input may run.
pub const BUDGET: u64 = 20_000;

pub fn embedded() -> Rc<[(String, String)]> {
    Rc::new([(PROGRAM_PATH.to_string(), PROGRAM.to_string())])
}

/// Runs the scheduler in watchdog slices until nothing runs or the
/// budget is spent.
pub fn run_slices() {
    let timeout = 37;
    let mut spent = 0;
    while spent < BUDGET {
        let opts = RunOptions {
            timeout,
            soft: false,
            totaltimeout: true,
        };
        match shoal_engine::run_watchdog(opts) {
            Ok(Some(victim)) => {
                if victim.insert().is_err() {
                    break;
                }
            }
            Ok(None) => break,
            Err(_) => {}
        }
        spent += timeout;
    }
}
