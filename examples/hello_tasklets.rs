//! The cooperative example of Stackless's documentation: a receiving, a
//! sending and another tasklet, run by `run()`.
//!
//! Prints, in this order:
//! Receiving tasklet started / Sending tasklet started /
//! send from sending_tasklet / Receiving tasklet finished /
//! Just another tasklet in the scheduler / sending tasklet finished

use shoal_engine::{Channel, Scheduler, TaskletResult, run, spawn_named};

fn main() -> anyhow::Result<()> {
    let _scheduler = Scheduler::new();
    let ch: Channel<&'static str> = Channel::named("messages");

    let rx = ch.clone();
    spawn_named("receiving_tasklet", move || -> TaskletResult<()> {
        println!("Receiving tasklet started");
        println!("{}", rx.receive()?);
        println!("Receiving tasklet finished");
        Ok(())
    })?;
    spawn_named("sending_tasklet", move || {
        println!("Sending tasklet started");
        ch.send("send from sending_tasklet")?;
        println!("sending tasklet finished");
        Ok(())
    })?;
    spawn_named("another_tasklet", || {
        println!("Just another tasklet in the scheduler");
        Ok(())
    })?;
    run()?;
    Ok(())
}
