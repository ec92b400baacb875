//! Running out of descriptors is an error in the accepting tasklet, never
//! a crash or a busy loop. Its own test binary: it lowers the process's
//! descriptor limit.

use std::io::ErrorKind;
use std::os::fd::OwnedFd;
use std::time::{Duration, Instant};

use shoal_engine::net::TcpListener;
use shoal_engine::{Scheduler, stats};

#[test]
fn accept_without_descriptors_fails_in_the_caller_and_recovers() {
    let (_tx, rx) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        if let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
            rx.recv_timeout(Duration::from_secs(60))
        {
            eprintln!("the exhaustion test ran over 60 s");
            std::process::exit(2);
        }
    });
    let _s = Scheduler::new();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    // Three clients connect (the kernel completes them in the backlog).
    let clients: Vec<std::net::TcpStream> = (0..3)
        .map(|_| std::net::TcpStream::connect(addr).unwrap())
        .collect();
    // Lower the limit, then fill every descriptor left.
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit/setrlimit with a valid struct.
    unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) };
    let old = lim;
    let open = std::fs::read_dir("/proc/self/fd").map_or(0, |d| d.count());
    lim.rlim_cur = (open + 64) as libc::rlim_t;
    // SAFETY: as above.
    assert_eq!(unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &lim) }, 0);
    let devnull = std::fs::File::open("/dev/null").unwrap();
    let mut fillers: Vec<OwnedFd> = Vec::new();
    while let Ok(fd) = std::os::fd::AsFd::as_fd(&devnull).try_clone_to_owned() {
        fillers.push(fd);
        if fillers.len() > 100_000 {
            break;
        }
    }
    let started = Instant::now();
    let err = listener.accept().err().expect("no descriptor is left");
    assert!(started.elapsed() < Duration::from_secs(5), "accept spun");
    assert!(
        err.raw_os_error() == Some(libc::EMFILE) || err.kind() == ErrorKind::Other,
        "{err:?}"
    );
    assert_eq!(stats().io_waiting, 0);
    // Descriptors come back: the pending connections are accepted.
    drop(fillers);
    for _ in 0..3 {
        let (s, _) = listener.accept().unwrap();
        drop(s);
    }
    drop(clients);
    // SAFETY: restoring the limit read above.
    unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &old) };
}
