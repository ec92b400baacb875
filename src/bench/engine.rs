//! `shoal bench engine`: native tasklets against tokio and OS threads.
//!
//! * ping-pong: two tasklets bounce a number over two channels; time per
//!   message (one send and one receive). Peers: tokio current_thread with
//!   `mpsc::channel(1)`, and two OS threads with `sync_channel(0)`.
//! * spawn: spawn a batch of tasklets that return at once, run them, and
//!   time per tasklet (stacks come from the pool). Peer: tokio `spawn` on a
//!   current_thread runtime, awaiting each handle.
//! * memory: 30,000 tasklets blocked on a channel; resident memory per
//!   tasklet. Peer: 30,000 tokio tasks blocked on a `oneshot` receiver.
//! * select: one tasklet sends numbers, the other takes each with a select
//!   of two receive cases; time per message. With the channel preferring
//!   the sender every select finds its case ready; preferring the receiver,
//!   every select blocks first. Peer: the same exchange with a plain
//!   receive. Go's select is quoted from its published benchmarks (no Go
//!   toolchain is at hand).

use std::sync::mpsc;

use shoal_engine::{Channel, Scheduler, SchedulerConfig, Select, TaskletResult, run, spawn};

use super::measure::{Clock, Row, Table, median_ns, rss_bytes};

struct Counts {
    reps: usize,
    messages: u64,
    thread_messages: u64,
    spawns: u64,
    live: u64,
}

pub fn bench(quick: bool) -> anyhow::Result<Table> {
    let n = if quick {
        Counts {
            reps: 1,
            messages: 2_000,
            thread_messages: 200,
            spawns: 1_000,
            live: 1_000,
        }
    } else {
        Counts {
            reps: 7,
            messages: 2_000_000,
            thread_messages: 40_000,
            spawns: 100_000,
            live: 30_000,
        }
    };
    let rt = tokio::runtime::Builder::new_current_thread().build()?;
    let scheduler = Scheduler::new();

    let shoal_pp = median_ns(n.reps, n.messages, Clock::ThreadCpu, || {
        shoal_ping_pong(n.messages)
    })?;
    drop(scheduler);
    let untracked = Scheduler::with_config(SchedulerConfig {
        track_cpu_time: false,
        ..SchedulerConfig::default()
    });
    let shoal_pp_untracked = median_ns(n.reps, n.messages, Clock::ThreadCpu, || {
        shoal_ping_pong(n.messages)
    })?;
    drop(untracked);
    let scheduler = Scheduler::new();
    let tokio_pp = median_ns(n.reps, n.messages, Clock::ThreadCpu, || {
        rt.block_on(tokio_ping_pong(n.messages))
    })?;
    let threads_pp = median_ns(n.reps.min(3), n.thread_messages, Clock::Wall, || {
        threads_ping_pong(n.thread_messages)
    })?;

    // Warm the stack pool so the spawn figure is the pooled one.
    shoal_spawn(n.spawns.min(10_000))?;
    let shoal_sp = median_ns(n.reps, n.spawns, Clock::ThreadCpu, || shoal_spawn(n.spawns))?;
    let tokio_sp = median_ns(n.reps, n.spawns, Clock::ThreadCpu, || {
        rt.block_on(tokio_spawn(n.spawns))
    })?;

    let select_ready = median_ns(n.reps, n.messages, Clock::ThreadCpu, || {
        shoal_select_stream(n.messages, true, 1)
    })?;
    let plain_ready = median_ns(n.reps, n.messages, Clock::ThreadCpu, || {
        shoal_select_stream(n.messages, false, 1)
    })?;
    let select_blocking = median_ns(n.reps, n.messages, Clock::ThreadCpu, || {
        shoal_select_stream(n.messages, true, -1)
    })?;
    let plain_blocking = median_ns(n.reps, n.messages, Clock::ThreadCpu, || {
        shoal_select_stream(n.messages, false, -1)
    })?;

    let shoal_mem = shoal_live(n.live)?;
    let tokio_mem = tokio_live(&rt, n.live)?;
    drop(scheduler);

    Ok(Table {
        title: format!(
            "shoal bench engine{} (ratio = peer / shoal: above 1, Shoal is faster or smaller)",
            if quick { " --quick" } else { "" }
        ),
        rows: vec![
            Row {
                scenario: "native ping-pong, per message".into(),
                shoal: shoal_pp,
                peer: Some(("tokio current_thread mpsc(1)".into(), tokio_pp)),
                unit: "ns",
                target: "<= 30 ns, >= 2.5x tokio".into(),
            },
            Row {
                scenario: "  same, CPU accounting off".into(),
                shoal: shoal_pp_untracked,
                peer: Some(("tokio current_thread mpsc(1)".into(), tokio_pp)),
                unit: "ns",
                target: String::new(),
            },
            Row {
                scenario: "native ping-pong, per message".into(),
                shoal: shoal_pp,
                peer: Some(("OS threads sync_channel(0)".into(), threads_pp)),
                unit: "ns",
                target: String::new(),
            },
            Row {
                scenario: "spawn + run + finish, per tasklet".into(),
                shoal: shoal_sp,
                peer: Some(("tokio spawn (current_thread)".into(), tokio_sp)),
                unit: "ns",
                target: "<= 100 ns (pooled stacks)".into(),
            },
            Row {
                scenario: "select of 2, case ready, per message".into(),
                shoal: select_ready,
                peer: Some(("plain receive instead".into(), plain_ready)),
                unit: "ns",
                target: String::new(),
            },
            Row {
                scenario: "select of 2, blocking, per message".into(),
                shoal: select_blocking,
                peer: Some(("plain receive instead".into(), plain_blocking)),
                unit: "ns",
                target: String::new(),
            },
            Row {
                scenario: format!("memory per live tasklet ({})", n.live),
                shoal: shoal_mem,
                peer: Some(("tokio task blocked on oneshot".into(), tokio_mem)),
                unit: "B",
                target: "30,000 live at <= 8 KiB each".into(),
            },
        ],
        notes: vec![
            "times are the median of the repetitions, in CPU time of the measuring thread \
             (wall time for OS threads)"
                .into(),
            "memory is resident-set growth divided by the number of live tasklets or tasks".into(),
            "Go's select, from its published figures (not measured here): 358 ns/op for \
             BenchmarkSelectContended/workers=1 at GOMAXPROCS=1 (golang/go#20351, 2017); \
             an unbuffered channel send+receive 189 ns/op (tidwall/chanx#1, go1.10)"
                .into(),
        ],
    })
}

/// One tasklet sends `messages` numbers on a channel with `preference`;
/// the other takes each with a select of two receive cases (`select`) or
/// a plain receive.
fn shoal_select_stream(messages: u64, select: bool, preference: i64) -> anyhow::Result<()> {
    let (a, idle) = (Channel::<u64>::new(), Channel::<u64>::new());
    a.set_preference(preference);
    let tx = a.clone();
    spawn(move || -> TaskletResult<()> {
        for i in 0..messages {
            tx.send(i)?;
        }
        Ok(())
    })?;
    spawn(move || -> TaskletResult<()> {
        for _ in 0..messages {
            if select {
                Select::new().receive(&a).receive(&idle).wait()?;
            } else {
                a.receive()?;
            }
        }
        Ok(())
    })?;
    run()?;
    Ok(())
}

fn shoal_ping_pong(messages: u64) -> anyhow::Result<()> {
    let (a, b) = (Channel::<u64>::new(), Channel::<u64>::new());
    let rounds = messages / 2;
    let (a2, b2) = (a.clone(), b.clone());
    spawn(move || -> TaskletResult<()> {
        for i in 0..rounds {
            a2.send(i)?;
            b2.receive()?;
        }
        Ok(())
    })?;
    spawn(move || -> TaskletResult<()> {
        for _ in 0..rounds {
            let v = a.receive()?;
            b.send(v)?;
        }
        Ok(())
    })?;
    run()?;
    Ok(())
}

async fn tokio_ping_pong(messages: u64) -> anyhow::Result<()> {
    let rounds = messages / 2;
    let (atx, mut arx) = tokio::sync::mpsc::channel::<u64>(1);
    let (btx, mut brx) = tokio::sync::mpsc::channel::<u64>(1);
    let echo = tokio::spawn(async move {
        while let Some(v) = arx.recv().await {
            if btx.send(v).await.is_err() {
                break;
            }
        }
    });
    for i in 0..rounds {
        atx.send(i).await?;
        brx.recv().await;
    }
    drop(atx);
    echo.await?;
    Ok(())
}

fn threads_ping_pong(messages: u64) -> anyhow::Result<()> {
    let rounds = messages / 2;
    let (atx, arx) = mpsc::sync_channel::<u64>(0);
    let (btx, brx) = mpsc::sync_channel::<u64>(0);
    let echo = std::thread::spawn(move || {
        while let Ok(v) = arx.recv() {
            if btx.send(v).is_err() {
                break;
            }
        }
    });
    for i in 0..rounds {
        atx.send(i)?;
        brx.recv()?;
    }
    drop(atx);
    echo.join()
        .map_err(|_| anyhow::anyhow!("echo thread panicked"))?;
    Ok(())
}

/// Tasklets spawned before each `run()`: a batch stays well under the
/// ~32,000 guarded stacks Linux allows.
const SPAWN_BATCH: u64 = 1_000;

fn shoal_spawn(count: u64) -> anyhow::Result<()> {
    let mut left = count;
    while left > 0 {
        let batch = left.min(SPAWN_BATCH);
        for _ in 0..batch {
            spawn(|| Ok(()))?;
        }
        run()?;
        left -= batch;
    }
    Ok(())
}

async fn tokio_spawn(count: u64) -> anyhow::Result<()> {
    let mut left = count;
    while left > 0 {
        let batch = left.min(SPAWN_BATCH);
        let handles: Vec<_> = (0..batch).map(|_| tokio::spawn(async {})).collect();
        for h in handles {
            h.await?;
        }
        left -= batch;
    }
    Ok(())
}

/// Bytes of resident memory per tasklet blocked on a channel.
fn shoal_live(count: u64) -> anyhow::Result<f64> {
    let gate: Channel<()> = Channel::new();
    let before = rss_bytes()?;
    for _ in 0..count {
        let gate = gate.clone();
        spawn(move || gate.receive())?;
    }
    // Let every tasklet start and block.
    run()?;
    let after = rss_bytes()?;
    for _ in 0..count {
        gate.send(())?;
    }
    run()?;
    Ok(after.saturating_sub(before) as f64 / count as f64)
}

fn tokio_live(rt: &tokio::runtime::Runtime, count: u64) -> anyhow::Result<f64> {
    rt.block_on(async {
        let before = rss_bytes()?;
        let mut senders = Vec::with_capacity(count as usize);
        let mut handles = Vec::with_capacity(count as usize);
        for _ in 0..count {
            let (tx, rx) = tokio::sync::oneshot::channel::<()>();
            senders.push(tx);
            handles.push(tokio::spawn(async move {
                let _ = rx.await;
            }));
        }
        tokio::task::yield_now().await;
        let after = rss_bytes()?;
        for tx in senders {
            let _ = tx.send(());
        }
        for h in handles {
            h.await?;
        }
        Ok((after.saturating_sub(before)) as f64 / count as f64)
    })
}
