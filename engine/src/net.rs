//! Sockets that look blocking to the tasklet using them (Stackless's
//! `stacklesssocket`): TCP listeners and streams and UDP sockets over
//! mio's non-blocking sockets. An operation that would block parks the
//! calling tasklet on the [`crate::reactor`] until the socket is ready;
//! other tasklets run meanwhile.
//!
//! The calls block the tasklet, not the thread, so they are for native
//! tasklets and the main tasklet (a soft tasklet parks through
//! [`crate::wait_io_soft`]). [`TcpStream`] implements [`std::io::Read`]
//! and [`std::io::Write`] (also through `&TcpStream`), so blocking-style
//! Rust code runs unchanged inside a tasklet.
//!
//! Each socket may have a timeout per direction: a call that waits longer
//! fails with [`io::ErrorKind::TimedOut`] and leaves the socket usable.
//! A tasklet killed while it waits gets its `TaskletExit` back as an
//! `io::Error`; `?` into a [`crate::TaskletResult`] turns it back into the
//! `TaskletExit` (see `From<io::Error> for TaskletError`).

use std::cell::Cell;
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, ToSocketAddrs};
use std::os::fd::{AsFd, AsRawFd, RawFd};
use std::time::{Duration, Instant};

use crate::reactor::{self, Direction, IoKey, SourceKind, SourceLabel, wait_io};

/// The error of a call that waited longer than its socket's timeout.
pub fn timed_out() -> io::Error {
    io::Error::new(io::ErrorKind::TimedOut, "timed out")
}

/// Whether `e` carries a tasklet's exception (a kill while the call
/// waited) rather than an I/O failure: propagate it with `?`.
pub fn is_tasklet_error(e: &io::Error) -> bool {
    e.get_ref()
        .is_some_and(|inner| inner.is::<crate::TaskletError>())
}

/// Runs `op` until it does not report `WouldBlock`, parking the tasklet on
/// `key` in `dir` between tries, for at most `timeout`.
fn blocking<T>(
    key: IoKey,
    dir: Direction,
    timeout: Option<Duration>,
    mut op: impl FnMut() -> io::Result<T>,
) -> io::Result<T> {
    let deadline = timeout.and_then(|t| Instant::now().checked_add(t));
    loop {
        match op() {
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            return Err(timed_out());
        }
        wait_io(key, dir, deadline).map_err(io::Error::other)?;
    }
}

fn resolve(addr: impl ToSocketAddrs) -> io::Result<Vec<SocketAddr>> {
    let addrs: Vec<SocketAddr> = addr.to_socket_addrs()?.collect();
    if addrs.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "no address to use",
        ));
    }
    Ok(addrs)
}

// ---- TCP listener ------------------------------------------------------------------

/// The backlog [`TcpListener::bind`] asks for: servers of thousands of
/// connections see bursts of connects that 128 (mio's and std's) drops.
pub const DEFAULT_BACKLOG: i32 = 4096;

/// A listening TCP socket whose `accept` parks the tasklet.
pub struct TcpListener {
    io: mio::net::TcpListener,
    key: IoKey,
    timeout: Cell<Option<Duration>>,
}

impl TcpListener {
    /// Binds to the first of `addr`'s addresses that works (with
    /// `SO_REUSEADDR`) and listens.
    pub fn bind(addr: impl ToSocketAddrs) -> io::Result<TcpListener> {
        let mut last = None;
        for a in resolve(addr)? {
            match mio::net::TcpListener::bind(a) {
                Ok(l) => {
                    let l = TcpListener::from_mio(l)?;
                    l.set_backlog(DEFAULT_BACKLOG)?;
                    return Ok(l);
                }
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or_else(|| io::Error::other("bind failed")))
    }

    /// Takes over a listener made elsewhere (it is made non-blocking).
    pub fn from_std(l: std::net::TcpListener) -> io::Result<TcpListener> {
        l.set_nonblocking(true)?;
        TcpListener::from_mio(mio::net::TcpListener::from_std(l))
    }

    fn from_mio(mut io: mio::net::TcpListener) -> io::Result<TcpListener> {
        let local = io.local_addr().ok();
        let key = reactor::register(
            &mut io,
            SourceLabel::socket(SourceKind::TcpListener, local, None),
        )?;
        Ok(TcpListener {
            io,
            key,
            timeout: Cell::new(None),
        })
    }

    /// Waits for a connection. Running out of file descriptors is an
    /// error here (`EMFILE`), as in the standard library.
    pub fn accept(&self) -> io::Result<(TcpStream, SocketAddr)> {
        let (s, peer) = blocking(self.key, Direction::Read, self.timeout.get(), || {
            self.io.accept()
        })?;
        Ok((TcpStream::from_mio(s, Some(peer))?, peer))
    }

    /// Sets how many connections may wait to be accepted (`listen(2)`'s
    /// backlog, capped by the kernel's `somaxconn`).
    pub fn set_backlog(&self, backlog: i32) -> io::Result<()> {
        // SAFETY: listen(2) on a descriptor this listener owns.
        if unsafe { libc::listen(self.io.as_raw_fd(), backlog.max(0)) } < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.io.local_addr()
    }

    /// How long `accept` waits (None: for ever).
    pub fn set_timeout(&self, timeout: Option<Duration>) {
        self.timeout.set(timeout);
    }

    /// Its key in the reactor.
    pub fn key(&self) -> IoKey {
        self.key
    }

    /// Accepts without waiting: `WouldBlock` when no connection is pending.
    pub fn try_accept(&self) -> io::Result<(TcpStream, SocketAddr)> {
        let (s, peer) = self.io.accept()?;
        Ok((TcpStream::from_mio(s, Some(peer))?, peer))
    }
}

impl Drop for TcpListener {
    fn drop(&mut self) {
        reactor::deregister(Some(&mut self.io), self.key);
    }
}

// ---- TCP stream ----------------------------------------------------------------------

/// A TCP connection whose reads and writes park the tasklet.
pub struct TcpStream {
    io: mio::net::TcpStream,
    key: IoKey,
    read_timeout: Cell<Option<Duration>>,
    write_timeout: Cell<Option<Duration>>,
}

impl TcpStream {
    /// Connects to the first of `addr`'s addresses that accepts.
    pub fn connect(addr: impl ToSocketAddrs) -> io::Result<TcpStream> {
        let mut last = None;
        for a in resolve(addr)? {
            match TcpStream::connect_timeout(a, None) {
                Ok(s) => return Ok(s),
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or_else(|| io::Error::other("connect failed")))
    }

    /// Connects to `addr`, waiting at most `timeout`.
    pub fn connect_timeout(addr: SocketAddr, timeout: Option<Duration>) -> io::Result<TcpStream> {
        let s = TcpStream::connect_start(addr)?;
        let deadline = timeout.and_then(|t| Instant::now().checked_add(t));
        while !s.connected()? {
            if deadline.is_some_and(|d| Instant::now() >= d) {
                return Err(timed_out());
            }
            wait_io(s.key, Direction::Write, deadline).map_err(io::Error::other)?;
        }
        Ok(s)
    }

    /// Starts connecting to `addr` without waiting: poll
    /// [`TcpStream::connected`] after the socket becomes writable.
    pub fn connect_start(addr: SocketAddr) -> io::Result<TcpStream> {
        let io = mio::net::TcpStream::connect(addr)?;
        TcpStream::from_mio(io, Some(addr))
    }

    /// Whether a connection started by [`TcpStream::connect_start`] is
    /// established: `Ok(false)` while in progress, the error if it failed.
    pub fn connected(&self) -> io::Result<bool> {
        if let Some(e) = self.io.take_error()? {
            return Err(e);
        }
        match self.io.peer_addr() {
            Ok(_) => Ok(true),
            Err(e)
                if e.kind() == io::ErrorKind::NotConnected
                    || e.raw_os_error() == Some(libc::EINPROGRESS) =>
            {
                Ok(false)
            }
            Err(e) => Err(e),
        }
    }

    /// Takes over a connected stream made elsewhere (made non-blocking).
    pub fn from_std(s: std::net::TcpStream) -> io::Result<TcpStream> {
        s.set_nonblocking(true)?;
        let peer = s.peer_addr().ok();
        TcpStream::from_mio(mio::net::TcpStream::from_std(s), peer)
    }

    fn from_mio(mut io: mio::net::TcpStream, peer: Option<SocketAddr>) -> io::Result<TcpStream> {
        let local = io.local_addr().ok();
        let key = reactor::register(
            &mut io,
            SourceLabel::socket(SourceKind::TcpStream, local, peer),
        )?;
        Ok(TcpStream {
            io,
            key,
            read_timeout: Cell::new(None),
            write_timeout: Cell::new(None),
        })
    }

    /// Reads what is there (at least one byte), waiting until something
    /// is; 0 at end of stream.
    pub fn read(&self, buf: &mut [u8]) -> io::Result<usize> {
        let mut io = &self.io;
        blocking(self.key, Direction::Read, self.read_timeout.get(), || {
            io.read(buf)
        })
    }

    /// Reads without waiting: `WouldBlock` when nothing is there.
    pub fn try_read(&self, buf: &mut [u8]) -> io::Result<usize> {
        (&self.io).read(buf)
    }

    /// Writes some of `buf`, waiting until the socket takes at least one
    /// byte.
    pub fn write(&self, buf: &[u8]) -> io::Result<usize> {
        let mut io = &self.io;
        blocking(self.key, Direction::Write, self.write_timeout.get(), || {
            io.write(buf)
        })
    }

    /// Writes without waiting: `WouldBlock` when the socket is full.
    pub fn try_write(&self, buf: &[u8]) -> io::Result<usize> {
        (&self.io).write(buf)
    }

    /// Reads exactly `buf.len()` bytes; `UnexpectedEof` if the peer
    /// closes first.
    pub fn read_exact(&self, buf: &mut [u8]) -> io::Result<()> {
        let mut me = self;
        Read::read_exact(&mut me, buf)
    }

    /// Writes all of `buf`.
    pub fn write_all(&self, buf: &[u8]) -> io::Result<()> {
        let mut me = self;
        Write::write_all(&mut me, buf)
    }

    /// Shuts down reading, writing or both.
    pub fn shutdown(&self, how: Shutdown) -> io::Result<()> {
        self.io.shutdown(how)
    }

    /// The peer's address.
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.io.peer_addr()
    }

    /// The local address.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.io.local_addr()
    }

    /// How long a read waits (None: for ever).
    pub fn set_read_timeout(&self, timeout: Option<Duration>) {
        self.read_timeout.set(timeout);
    }

    /// How long a write waits (None: for ever).
    pub fn set_write_timeout(&self, timeout: Option<Duration>) {
        self.write_timeout.set(timeout);
    }

    /// Sets `TCP_NODELAY`.
    pub fn set_nodelay(&self, on: bool) -> io::Result<()> {
        self.io.set_nodelay(on)
    }

    /// Its key in the reactor.
    pub fn key(&self) -> IoKey {
        self.key
    }

    /// A second handle to the same connection (a duplicated descriptor,
    /// registered on its own): one tasklet can read while another writes.
    pub fn try_clone(&self) -> io::Result<TcpStream> {
        let fd = self.io.as_fd().try_clone_to_owned()?;
        let s = TcpStream::from_std(std::net::TcpStream::from(fd))?;
        s.set_read_timeout(self.read_timeout.get());
        s.set_write_timeout(self.write_timeout.get());
        Ok(s)
    }
}

impl AsRawFd for TcpStream {
    fn as_raw_fd(&self) -> RawFd {
        self.io.as_raw_fd()
    }
}

impl AsRawFd for TcpListener {
    fn as_raw_fd(&self) -> RawFd {
        self.io.as_raw_fd()
    }
}

impl AsRawFd for UdpSocket {
    fn as_raw_fd(&self) -> RawFd {
        self.io.as_raw_fd()
    }
}

impl Drop for TcpStream {
    fn drop(&mut self) {
        reactor::deregister(Some(&mut self.io), self.key);
    }
}

impl Read for &TcpStream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        TcpStream::read(self, buf)
    }
}

impl Write for &TcpStream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        TcpStream::write(self, buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Read for TcpStream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        TcpStream::read(self, buf)
    }
}

impl Write for TcpStream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        TcpStream::write(self, buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

// ---- UDP -----------------------------------------------------------------------------

/// A UDP socket whose receives (and full sends) park the tasklet.
pub struct UdpSocket {
    io: mio::net::UdpSocket,
    key: IoKey,
    read_timeout: Cell<Option<Duration>>,
    write_timeout: Cell<Option<Duration>>,
}

impl UdpSocket {
    /// Binds to the first of `addr`'s addresses that works.
    pub fn bind(addr: impl ToSocketAddrs) -> io::Result<UdpSocket> {
        let mut last = None;
        for a in resolve(addr)? {
            match mio::net::UdpSocket::bind(a) {
                Ok(mut io) => {
                    let local = io.local_addr().ok();
                    let key = reactor::register(
                        &mut io,
                        SourceLabel::socket(SourceKind::Udp, local, None),
                    )?;
                    return Ok(UdpSocket {
                        io,
                        key,
                        read_timeout: Cell::new(None),
                        write_timeout: Cell::new(None),
                    });
                }
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or_else(|| io::Error::other("bind failed")))
    }

    /// Sets the default peer for `send` and `recv`.
    pub fn connect(&self, addr: SocketAddr) -> io::Result<()> {
        self.io.connect(addr)
    }

    /// Sends one datagram to `target`.
    pub fn send_to(&self, buf: &[u8], target: SocketAddr) -> io::Result<usize> {
        blocking(self.key, Direction::Write, self.write_timeout.get(), || {
            self.io.send_to(buf, target)
        })
    }

    /// Receives one datagram and its sender.
    pub fn recv_from(&self, buf: &mut [u8]) -> io::Result<(usize, SocketAddr)> {
        blocking(self.key, Direction::Read, self.read_timeout.get(), || {
            self.io.recv_from(buf)
        })
    }

    /// Sends one datagram to the connected peer.
    pub fn send(&self, buf: &[u8]) -> io::Result<usize> {
        blocking(self.key, Direction::Write, self.write_timeout.get(), || {
            self.io.send(buf)
        })
    }

    /// Receives one datagram from the connected peer.
    pub fn recv(&self, buf: &mut [u8]) -> io::Result<usize> {
        blocking(self.key, Direction::Read, self.read_timeout.get(), || {
            self.io.recv(buf)
        })
    }

    /// Sends one datagram to `target` without waiting.
    pub fn try_send_to(&self, buf: &[u8], target: SocketAddr) -> io::Result<usize> {
        self.io.send_to(buf, target)
    }

    /// Receives one datagram without waiting (`WouldBlock` if none).
    pub fn try_recv_from(&self, buf: &mut [u8]) -> io::Result<(usize, SocketAddr)> {
        self.io.recv_from(buf)
    }

    /// Sends one datagram to the connected peer without waiting.
    pub fn try_send(&self, buf: &[u8]) -> io::Result<usize> {
        self.io.send(buf)
    }

    /// Receives one datagram from the connected peer without waiting.
    pub fn try_recv(&self, buf: &mut [u8]) -> io::Result<usize> {
        self.io.recv(buf)
    }

    /// The connected peer's address.
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.io.peer_addr()
    }

    /// The local address.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.io.local_addr()
    }

    /// How long a receive waits (None: for ever).
    pub fn set_read_timeout(&self, timeout: Option<Duration>) {
        self.read_timeout.set(timeout);
    }

    /// How long a send waits (None: for ever).
    pub fn set_write_timeout(&self, timeout: Option<Duration>) {
        self.write_timeout.set(timeout);
    }

    /// Its key in the reactor.
    pub fn key(&self) -> IoKey {
        self.key
    }
}

impl Drop for UdpSocket {
    fn drop(&mut self) {
        reactor::deregister(Some(&mut self.io), self.key);
    }
}
