//! A native tasklet that overflows its stack is named in a clear message,
//! instead of dying with a bare "Segmentation fault".
//!
//! The overflow kills the process, so the test re-runs this test binary as
//! a child with an environment variable set, and reads the child's stderr.

use std::process::Command;

use shoal_engine::{Scheduler, SchedulerConfig, TaskletResult, run, spawn_named};

const CHILD: &str = "SHOAL_OVERFLOW_CHILD";

#[inline(never)]
fn recurse(depth: u64, pad: &mut [u8; 512]) -> u64 {
    pad[(depth % 512) as usize] = depth as u8;
    let mut more = [0u8; 512];
    more[0] = pad[0];
    std::hint::black_box(&mut more);
    if depth == u64::MAX {
        return 0;
    }
    recurse(depth + 1, &mut more) + u64::from(more[1])
}

fn overflow_in_a_tasklet() {
    let _s = Scheduler::with_config(SchedulerConfig {
        stack_size: 64 * 1024,
        ..SchedulerConfig::default()
    });
    spawn_named("deep-thinker", || -> TaskletResult<()> {
        let mut pad = [0u8; 512];
        let n = recurse(0, &mut pad);
        println!("never reached {n}");
        Ok(())
    })
    .unwrap();
    run().unwrap();
}

#[test]
fn stack_overflow_names_the_tasklet() {
    if std::env::var_os(CHILD).is_some() {
        overflow_in_a_tasklet();
        return;
    }
    let exe = std::env::current_exe().unwrap();
    let out = Command::new(exe)
        .args(["stack_overflow_names_the_tasklet", "--exact", "--nocapture"])
        .env(CHILD, "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the child should die");
    assert!(
        stderr.contains("shoal: tasklet #1 'deep-thinker' overflowed its stack (64 KiB)"),
        "stderr was:\n{stderr}"
    );
}
