//! No descriptor leaks: 10,000 connections opened and dropped leave the
//! process's descriptor count where it was. Its own test binary, so that
//! no other test opens descriptors meanwhile.

use std::time::Duration;

use shoal_engine::net::{TcpListener, TcpStream};
use shoal_engine::{Scheduler, TaskletResult, run, spawn, stats};

fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").map_or(0, |d| d.count())
}

#[test]
fn ten_thousand_connections_leave_no_descriptor_behind() {
    let (_tx, rx) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
            rx.recv_timeout(Duration::from_secs(120))
        {
            eprintln!("the leak test ran over 120 s");
            std::process::exit(2);
        }
    });
    let scheduler = Scheduler::new();
    // The reactor's own descriptors (epoll) exist from the first socket on:
    // count after one socket has come and gone.
    drop(TcpListener::bind("127.0.0.1:0").unwrap());
    let before = open_fds();
    {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        const TOTAL: usize = 10_000;
        const AT_ONCE: usize = 200;
        spawn(move || -> TaskletResult<()> {
            for _ in 0..TOTAL {
                let (stream, _) = listener.accept()?;
                spawn(move || {
                    let mut buf = [0u8; 16];
                    // Echo until the client goes; some clients leave first.
                    loop {
                        match stream.read(&mut buf) {
                            Ok(0) | Err(_) => return Ok(()),
                            Ok(n) => {
                                if stream.write_all(&buf[..n]).is_err() {
                                    return Ok(());
                                }
                            }
                        }
                    }
                })?;
            }
            Ok(())
        })
        .unwrap();
        // Batches one after another: 200 connections open at once, then
        // dropped together.
        spawn(move || -> TaskletResult<()> {
            for batch in 0..TOTAL / AT_ONCE {
                let mut conns = Vec::with_capacity(AT_ONCE);
                for _ in 0..AT_ONCE {
                    conns.push(TcpStream::connect(addr)?);
                }
                for (i, c) in conns.iter().enumerate() {
                    // Half say something and read it back, half just go.
                    if (i + batch) % 2 == 0 {
                        c.write_all(b"hi")?;
                        let mut back = [0u8; 2];
                        c.read_exact(&mut back)?;
                    }
                }
            }
            Ok(())
        })
        .unwrap();
        run().unwrap();
        assert_eq!(stats().io_waiting, 0);
    }
    assert_eq!(open_fds(), before);
    drop(scheduler);
}
