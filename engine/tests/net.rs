//! Blocking-style sockets on the reactor: echo, timeouts, peers that
//! close, reset or stall, kills while parked, UDP, introspection. Loopback
//! only; every test is bounded by a guard thread and socket timeouts.

use std::cell::RefCell;
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr};
use std::os::fd::AsRawFd;
use std::rc::Rc;
use std::sync::mpsc;
use std::time::Duration;

use shoal_engine::net::{TcpListener, TcpStream, UdpSocket};
use shoal_engine::{
    BlockedOn, Scheduler, SourceKind, TaskletError, TaskletResult, TaskletState, run, schedule,
    sleep, spawn, stats, tasklets,
};

/// Ends the process if a test runs longer than `secs` (so CI never hangs).
struct Guard(Option<mpsc::Sender<()>>);

fn guard(secs: u64) -> Guard {
    let (tx, rx) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        if let Err(mpsc::RecvTimeoutError::Timeout) = rx.recv_timeout(Duration::from_secs(secs)) {
            eprintln!("test ran over {secs} s");
            std::process::exit(2);
        }
    });
    Guard(Some(tx))
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.0.take();
    }
}

/// A blocking CPython-style client on its own OS thread.
fn std_client(addr: SocketAddr) -> std::net::TcpStream {
    let s = std::net::TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).ok();
    s.set_write_timeout(Some(Duration::from_secs(10))).ok();
    s
}

/// Serves `conns` connections with one echo tasklet each.
fn echo_server(listener: TcpListener, conns: usize) -> TaskletResult<()> {
    for _ in 0..conns {
        let (stream, _) = listener.accept()?;
        spawn(move || {
            let mut buf = [0u8; 1024];
            loop {
                let n = stream.read(&mut buf)?;
                if n == 0 {
                    return Ok(());
                }
                stream.write_all(&buf[..n])?;
            }
        })?;
    }
    Ok(())
}

#[test]
fn tasklets_serve_clients_on_other_threads() {
    let _g = guard(30);
    let _s = Scheduler::new();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let clients: Vec<_> = (0..5)
        .map(|i| {
            std::thread::spawn(move || {
                let mut s = std_client(addr);
                for round in 0..20 {
                    let line = format!("client {i} round {round}\n");
                    s.write_all(line.as_bytes()).unwrap();
                    let mut back = vec![0u8; line.len()];
                    s.read_exact(&mut back).unwrap();
                    assert_eq!(back, line.as_bytes());
                }
            })
        })
        .collect();
    spawn(move || echo_server(listener, 5)).unwrap();
    run().unwrap();
    for c in clients {
        c.join().unwrap();
    }
}

#[test]
fn tasklets_talk_to_tasklets() {
    let _g = guard(30);
    let _s = Scheduler::new();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    spawn(move || echo_server(listener, 50)).unwrap();
    let done = Rc::new(RefCell::new(0));
    for i in 0..50 {
        let done = done.clone();
        spawn(move || {
            let mut s = TcpStream::connect(addr)?;
            // A message bigger than the socket buffers makes writes park too.
            let msg: Vec<u8> = (0..300_000u32).map(|b| (b * 7 + i) as u8).collect();
            let reader_msg = msg.clone();
            let s2 = Rc::new(s.try_clone()?);
            let r = s2.clone();
            let reader = spawn(move || {
                let mut back = vec![0u8; reader_msg.len()];
                r.read_exact(&mut back)?;
                assert!(back == reader_msg);
                Ok(())
            })?;
            s.write_all(&msg)?;
            while reader.alive() {
                schedule()?;
            }
            s.shutdown(Shutdown::Write)?;
            let mut rest = Vec::new();
            s.read_to_end(&mut rest)?;
            assert!(rest.is_empty());
            *done.borrow_mut() += 1;
            Ok(())
        })
        .unwrap();
    }
    run().unwrap();
    assert_eq!(*done.borrow(), 50);
    assert_eq!(stats().io_waiting, 0);
}

#[test]
fn a_timed_out_read_leaves_the_socket_usable() {
    let _g = guard(30);
    let _s = Scheduler::new();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let client = std::thread::spawn(move || {
        let mut s = std_client(addr);
        std::thread::sleep(Duration::from_millis(300));
        s.write_all(b"late").unwrap();
        let mut back = [0u8; 2];
        s.read_exact(&mut back).unwrap();
        assert_eq!(&back, b"ok");
    });
    let (stream, _) = listener.accept().unwrap();
    stream.set_read_timeout(Some(Duration::from_millis(50)));
    let mut buf = [0u8; 4];
    let err = stream.read(&mut buf).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::TimedOut);
    let as_exc: TaskletError = err.into();
    assert_eq!(as_exc.kind().name(), "TimeoutError");
    stream.set_read_timeout(Some(Duration::from_secs(10)));
    stream.read_exact(&mut buf).unwrap();
    assert_eq!(&buf, b"late");
    stream.write_all(b"ok").unwrap();
    client.join().unwrap();
}

#[test]
fn a_peer_closing_mid_read_costs_only_its_tasklet() {
    let _g = guard(30);
    let _s = Scheduler::new();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let outcomes = Rc::new(RefCell::new(Vec::new()));
    let o = outcomes.clone();
    spawn(move || {
        for _ in 0..2 {
            let (stream, _) = listener.accept()?;
            let o = o.clone();
            spawn(move || {
                let mut record = [0u8; 10];
                let r = stream.read_exact(&mut record);
                o.borrow_mut().push(match r {
                    Ok(()) => {
                        stream.write_all(&record)?;
                        "whole".to_string()
                    }
                    Err(e) => format!("{:?}", e.kind()),
                });
                Ok(())
            })?;
        }
        Ok(())
    })
    .unwrap();
    let quitter = std::thread::spawn(move || {
        let mut s = std_client(addr);
        s.write_all(b"abc").unwrap();
        // Closes with 7 bytes of the record missing.
    });
    let good = std::thread::spawn(move || {
        let mut s = std_client(addr);
        std::thread::sleep(Duration::from_millis(100));
        s.write_all(b"0123456789").unwrap();
        let mut back = [0u8; 10];
        s.read_exact(&mut back).unwrap();
        assert_eq!(&back, b"0123456789");
    });
    run().unwrap();
    quitter.join().unwrap();
    good.join().unwrap();
    let mut seen = outcomes.borrow().clone();
    seen.sort();
    assert_eq!(seen, vec!["UnexpectedEof".to_string(), "whole".to_string()]);
}

/// Closes `s` with a TCP reset (SO_LINGER with a zero timeout).
fn reset(s: std::net::TcpStream) {
    let linger = libc::linger {
        l_onoff: 1,
        l_linger: 0,
    };
    // SAFETY: setsockopt on a live socket with a correctly sized value.
    let rc = unsafe {
        libc::setsockopt(
            s.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            (&linger as *const libc::linger).cast(),
            std::mem::size_of::<libc::linger>() as libc::socklen_t,
        )
    };
    assert_eq!(rc, 0);
    drop(s);
}

#[test]
fn a_reset_mid_read_costs_only_its_tasklet() {
    let _g = guard(30);
    let _s = Scheduler::new();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let outcomes = Rc::new(RefCell::new(Vec::new()));
    let o = outcomes.clone();
    spawn(move || {
        for _ in 0..2 {
            let (stream, _) = listener.accept()?;
            let o = o.clone();
            spawn(move || {
                let mut record = [0u8; 10];
                let r = stream.read_exact(&mut record);
                if r.is_ok() {
                    stream.write_all(&record)?;
                }
                o.borrow_mut().push(r.map_err(|e| e.kind()));
                Ok(())
            })?;
        }
        Ok(())
    })
    .unwrap();
    let resetter = std::thread::spawn(move || {
        let mut s = std_client(addr);
        s.write_all(b"abc").unwrap();
        std::thread::sleep(Duration::from_millis(50));
        reset(s);
    });
    let good = std::thread::spawn(move || {
        let mut s = std_client(addr);
        std::thread::sleep(Duration::from_millis(150));
        s.write_all(b"0123456789").unwrap();
        let mut back = [0u8; 10];
        s.read_exact(&mut back).unwrap();
        assert_eq!(&back, b"0123456789");
    });
    run().unwrap();
    resetter.join().unwrap();
    good.join().unwrap();
    let seen = outcomes.borrow().clone();
    assert_eq!(seen.len(), 2);
    assert!(seen.contains(&Ok(())), "{seen:?}");
    assert!(
        seen.contains(&Err(ErrorKind::ConnectionReset)),
        "the reset connection's tasklet gets the reset: {seen:?}"
    );
}

#[test]
fn slowloris_times_out_alone_while_others_are_served() {
    let _g = guard(30);
    let _s = Scheduler::new();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let outcomes = Rc::new(RefCell::new(Vec::new()));
    let o = outcomes.clone();
    spawn(move || {
        for _ in 0..4 {
            let (stream, _) = listener.accept()?;
            stream.set_read_timeout(Some(Duration::from_millis(400)));
            let o = o.clone();
            spawn(move || {
                let mut line = [0u8; 6];
                let r = stream.read_exact(&mut line);
                if r.is_ok() {
                    stream.write_all(&line)?;
                }
                o.borrow_mut().push(r.map_err(|e| e.kind()));
                Ok(())
            })?;
        }
        Ok(())
    })
    .unwrap();
    // The slow client connects first and dribbles one byte, then nothing.
    let slow = std::thread::spawn(move || {
        let mut s = std_client(addr);
        s.write_all(b"h").unwrap();
        let mut buf = [0u8; 1];
        // The server gives up and closes: end of stream.
        assert_eq!(s.read(&mut buf).unwrap(), 0);
    });
    std::thread::sleep(Duration::from_millis(20));
    let fast: Vec<_> = (0..3)
        .map(|_| {
            std::thread::spawn(move || {
                let mut s = std_client(addr);
                let started = std::time::Instant::now();
                s.write_all(b"hello\n").unwrap();
                let mut back = [0u8; 6];
                s.read_exact(&mut back).unwrap();
                assert_eq!(&back, b"hello\n");
                started.elapsed()
            })
        })
        .collect();
    run().unwrap();
    slow.join().unwrap();
    for f in fast {
        f.join().unwrap();
    }
    let seen = outcomes.borrow().clone();
    assert_eq!(seen.iter().filter(|r| r.is_ok()).count(), 3, "{seen:?}");
    assert!(seen.contains(&Err(ErrorKind::TimedOut)), "{seen:?}");
}

#[test]
fn a_tasklet_killed_while_parked_leaves_the_reactor() {
    let _g = guard(30);
    let _s = Scheduler::new();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let client = std::thread::spawn(move || {
        let mut s = std_client(addr);
        let mut buf = [0u8; 1];
        // The server's reader is killed and its socket dropped: EOF.
        assert_eq!(s.read(&mut buf).unwrap(), 0);
    });
    let (stream, peer) = listener.accept().unwrap();
    let ended = Rc::new(RefCell::new(None));
    let e = ended.clone();
    let reader = spawn(move || {
        let mut buf = [0u8; 8];
        let r = stream.read(&mut buf);
        let err = r.expect_err("nothing was sent");
        let as_exc: TaskletError = err.into();
        *e.borrow_mut() = Some(as_exc.is_tasklet_exit());
        Err(as_exc)
    })
    .unwrap();
    schedule().unwrap();
    let info = reader.info().unwrap();
    assert_eq!(info.state, TaskletState::Io);
    match info.blocked_on {
        Some(BlockedOn::Io {
            source,
            writing,
            remaining,
        }) => {
            assert_eq!(source.kind, SourceKind::TcpStream);
            assert_eq!(source.local, Some(addr));
            assert_eq!(source.peer, Some(peer));
            assert!(!writing);
            assert_eq!(remaining, None);
        }
        other => panic!("not parked on the socket: {other:?}"),
    }
    assert_eq!(stats().io_waiting, 1);
    reader.kill(false).unwrap();
    assert!(!reader.alive());
    assert_eq!(*ended.borrow(), Some(true));
    assert_eq!(stats().io_waiting, 0);
    assert!(tasklets().iter().all(|t| t.state != TaskletState::Io));
    client.join().unwrap();
    // Nothing is left waiting: run() returns at once.
    run().unwrap();
}

#[test]
fn the_main_tasklet_can_block_on_sockets_while_others_sleep() {
    let _g = guard(30);
    let _s = Scheduler::new();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let log = Rc::new(RefCell::new(Vec::new()));
    let l = log.clone();
    spawn(move || {
        sleep(Duration::from_millis(50))?;
        l.borrow_mut().push("slept");
        let s = TcpStream::connect(addr)?;
        s.write_all(b"ping")?;
        Ok(())
    })
    .unwrap();
    let (stream, _) = listener.accept().unwrap();
    let mut buf = [0u8; 4];
    stream.read_exact(&mut buf).unwrap();
    log.borrow_mut().push("read");
    assert_eq!(&buf, b"ping");
    assert_eq!(*log.borrow(), vec!["slept", "read"]);
}

#[test]
fn an_accept_with_a_timeout_times_out() {
    let _g = guard(30);
    let _s = Scheduler::new();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_timeout(Some(Duration::from_millis(30)));
    let err = listener.accept().err().expect("nobody connects");
    assert_eq!(err.kind(), ErrorKind::TimedOut);
    assert_eq!(stats().io_waiting, 0);
}

#[test]
fn connecting_to_a_closed_port_is_refused() {
    let _g = guard(30);
    let _s = Scheduler::new();
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let err = TcpStream::connect(port).err().expect("nothing listens");
    assert_eq!(err.kind(), ErrorKind::ConnectionRefused);
}

#[test]
fn udp_echo_between_tasklets() {
    let _g = guard(30);
    let _s = Scheduler::new();
    let server = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = server.local_addr().unwrap();
    spawn(move || {
        let mut buf = [0u8; 512];
        for _ in 0..3 {
            let (n, from) = server.recv_from(&mut buf)?;
            server.send_to(&buf[..n], from)?;
        }
        Ok(())
    })
    .unwrap();
    let got = Rc::new(RefCell::new(Vec::new()));
    let g = got.clone();
    spawn(move || {
        let client = UdpSocket::bind("127.0.0.1:0")?;
        client.connect(addr)?;
        client.set_read_timeout(Some(Duration::from_secs(5)));
        for word in ["one", "two", "three"] {
            client.send(word.as_bytes())?;
            let mut buf = [0u8; 512];
            let n = client.recv(&mut buf)?;
            g.borrow_mut()
                .push(String::from_utf8_lossy(&buf[..n]).into_owned());
        }
        Ok(())
    })
    .unwrap();
    run().unwrap();
    assert_eq!(*got.borrow(), vec!["one", "two", "three"]);
}

#[test]
fn a_socket_error_propagates_with_question_mark_as_an_oserror() {
    let _g = guard(30);
    let _s = Scheduler::new();
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let t = spawn(move || {
        TcpStream::connect(port)?;
        Ok(())
    })
    .unwrap();
    let err = run().expect_err("the refused connect raises in main");
    assert_eq!(err.kind().name(), "ConnectionRefusedError");
    assert!(!t.alive());
}

#[test]
fn blocking_calls_run_off_the_thread_while_tasklets_go_on() {
    let _g = guard(30);
    let _s = Scheduler::new();
    let (release_tx, release_rx) = mpsc::channel::<()>();
    let release_rx = std::sync::Arc::new(std::sync::Mutex::new(release_rx));
    let results = Rc::new(RefCell::new(Vec::new()));
    let mut callers = Vec::new();
    for i in 0..3u32 {
        let r = results.clone();
        let rx = release_rx.clone();
        callers.push(
            spawn(move || {
                let v = shoal_engine::blocking::call("wait for the test", move || {
                    // Blocks a pool thread until the test lets it go.
                    let _ = rx.lock().map(|rx| rx.recv_timeout(Duration::from_secs(10)));
                    i * 10
                })?;
                r.borrow_mut().push(v);
                Ok(())
            })
            .unwrap(),
        );
    }
    // Another tasklet runs while the calls block their threads: it sees
    // them parked, then lets them finish.
    let seen = Rc::new(RefCell::new(None));
    let s2 = seen.clone();
    let c0 = callers[0];
    spawn(move || {
        schedule()?;
        *s2.borrow_mut() = c0.info().and_then(|i| i.blocked_on);
        for _ in 0..3 {
            release_tx.send(()).ok();
        }
        Ok(())
    })
    .unwrap();
    run().unwrap();
    let mut got = results.borrow().clone();
    got.sort();
    assert_eq!(got, vec![0, 10, 20]);
    match seen.borrow().clone() {
        Some(BlockedOn::Io { source, .. }) => {
            assert_eq!(source.kind, SourceKind::Call);
            assert_eq!(source.what.as_deref(), Some("wait for the test"));
        }
        other => panic!("the caller was not parked on its call: {other:?}"),
    }
    assert_eq!(stats().io_waiting, 0);
}

#[test]
fn a_game_loop_polls_without_blocking() {
    let _g = guard(30);
    let _s = Scheduler::new();
    shoal_engine::set_io_blocking(false).unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let got = Rc::new(RefCell::new(Vec::new()));
    let g = got.clone();
    spawn(move || {
        let (stream, _) = listener.accept()?;
        let mut buf = [0u8; 5];
        stream.read_exact(&mut buf)?;
        g.borrow_mut().push(buf.to_vec());
        Ok(())
    })
    .unwrap();
    // The tasklet parks on accept; run() returns instead of waiting.
    run().unwrap();
    assert_eq!(stats().io_waiting, 1);
    let client = std::thread::spawn(move || {
        let mut s = std_client(addr);
        s.write_all(b"hello").unwrap();
        // Wait for the server's close: the read returns 0.
        let mut buf = [0u8; 1];
        let _ = s.read(&mut buf);
    });
    // Ticks: poll without waiting, run what became runnable.
    let mut ticks = 0;
    while got.borrow().is_empty() {
        assert!(ticks < 2_000, "the socket never became ready");
        shoal_engine::poll_io(Duration::ZERO).unwrap();
        run().unwrap();
        std::thread::sleep(Duration::from_millis(5));
        ticks += 1;
    }
    assert_eq!(*got.borrow(), vec![b"hello".to_vec()]);
    assert_eq!(stats().io_waiting, 0);
    client.join().unwrap();
}
