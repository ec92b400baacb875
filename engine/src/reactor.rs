//! The reactor: a `mio::Poll` owned by the scheduler's thread.
//!
//! A socket is registered for readability, edge triggered; write
//! interest is added the first time a tasklet parks to write (a socket
//! that never fills up costs no event per write). A tasklet that tries an operation and gets `WouldBlock`
//! parks on the socket's source ([`wait_io`]); the reactor wakes every
//! tasklet parked on a direction when mio reports it ready, and the
//! tasklet tries again. Because an operation is always tried before
//! parking, readiness that arrives while nobody waits may be dropped.
//!
//! A source can also stand for something that is not a file descriptor
//! (a call running on the blocking pool): it is woken by [`Reactor::wake_key`]
//! when the pool's completion arrives through the reactor's `mio::Waker`.
//!
//! When nothing is runnable and tasklets wait on the reactor, the
//! scheduler sleeps in `poll` until the next wall-clock timer; with
//! [`set_io_blocking`]`(false)` (the game loop) it never sleeps there and
//! the host calls [`poll_io`] once per tick instead.

use std::io;
use std::net::SocketAddr;
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use mio::{Events, Interest, Poll, Token};

use crate::error::{TaskletError, TaskletResult, msg};
use crate::scheduler::{State, Wait, core};
use crate::soft::Step;
use crate::tasklet::{done, precheck};
use crate::timer::WakeAt;

/// The waker the blocking pool signals through, and the keys of the
/// calls that finished.
pub(crate) type PoolWaker = (Arc<mio::Waker>, Arc<std::sync::Mutex<Vec<IoKey>>>);

/// The token of the reactor's waker (the blocking pool's completions).
const WAKER_TOKEN: Token = Token(usize::MAX);

/// How many events one `poll` collects at most.
const EVENTS_CAPACITY: usize = 1024;

/// What kind of thing a source is, for introspection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A listening TCP socket.
    TcpListener,
    /// A connected (or connecting) TCP socket.
    TcpStream,
    /// A UDP socket.
    Udp,
    /// A call running on the blocking pool.
    Call,
}

/// What introspection says of a source a tasklet waits on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLabel {
    /// The kind of source.
    pub kind: SourceKind,
    /// The socket's local address, if it has one.
    pub local: Option<SocketAddr>,
    /// The peer's address, if connected.
    pub peer: Option<SocketAddr>,
    /// For a blocking call: what it does.
    pub what: Option<Rc<str>>,
}

impl std::fmt::Display for SourceLabel {
    /// `tcp 127.0.0.1:7000 <- 127.0.0.1:51234`, `listener 0.0.0.0:7000`,
    /// `udp 0.0.0.0:9000`, `call getaddrinfo`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.kind {
            SourceKind::TcpListener => "listener",
            SourceKind::TcpStream => "tcp",
            SourceKind::Udp => "udp",
            SourceKind::Call => "call",
        };
        f.write_str(kind)?;
        if let Some(what) = &self.what {
            write!(f, " {what}")?;
        }
        if let Some(local) = self.local {
            write!(f, " {local}")?;
        }
        if let Some(peer) = self.peer {
            write!(f, " <- {peer}")?;
        }
        Ok(())
    }
}

impl SourceLabel {
    /// A socket's label.
    pub fn socket(kind: SourceKind, local: Option<SocketAddr>, peer: Option<SocketAddr>) -> Self {
        SourceLabel {
            kind,
            local,
            peer,
            what: None,
        }
    }
}

/// A registered source, named by slot and generation: a key kept after
/// its source is gone names nothing (waiting on it returns at once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IoKey {
    pub(crate) idx: u32,
    pub(crate) generation: u32,
}

/// A readiness direction to wait for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Readable (or accept-able, or closed by the peer).
    Read,
    /// Writable (or connected).
    Write,
}

struct Source {
    generation: u32,
    live: bool,
    readers: Vec<u32>,
    writers: Vec<u32>,
    label: SourceLabel,
    /// A pool call's result has arrived (woken even if nobody waited yet).
    signalled: bool,
    /// The descriptor, for adding write interest later (-1: none).
    fd: std::os::fd::RawFd,
    /// Registered for writability too (done when a writer first parks:
    /// sockets that never fill up never get an event per write).
    writable: bool,
}

/// The reactor of one scheduler.
pub(crate) struct Reactor {
    poll: Poll,
    events: Events,
    sources: Vec<Source>,
    free: Vec<u32>,
    /// Tasklets parked on a source.
    pub(crate) waiting: usize,
    /// Sources woken by the blocking pool, sent through the waker.
    waker: Option<PoolWaker>,
}

impl Reactor {
    fn new() -> io::Result<Reactor> {
        Ok(Reactor {
            poll: Poll::new()?,
            events: Events::with_capacity(EVENTS_CAPACITY),
            sources: Vec::new(),
            free: Vec::new(),
            waiting: 0,
            waker: None,
        })
    }

    fn alloc(&mut self, label: SourceLabel) -> IoKey {
        let idx = match self.free.pop() {
            Some(idx) => idx,
            None => {
                self.sources.push(Source {
                    generation: 0,
                    live: false,
                    readers: Vec::new(),
                    writers: Vec::new(),
                    label: label.clone(),
                    signalled: false,
                    fd: -1,
                    writable: false,
                });
                (self.sources.len() - 1) as u32
            }
        };
        let s = &mut self.sources[idx as usize];
        s.generation = s.generation.wrapping_add(1);
        s.live = true;
        s.label = label;
        s.signalled = false;
        s.fd = -1;
        s.writable = false;
        IoKey {
            idx,
            generation: s.generation,
        }
    }

    fn source(&self, key: IoKey) -> Option<&Source> {
        self.sources
            .get(key.idx as usize)
            .filter(|s| s.live && s.generation == key.generation)
    }

    fn source_mut(&mut self, key: IoKey) -> Option<&mut Source> {
        self.sources
            .get_mut(key.idx as usize)
            .filter(|s| s.live && s.generation == key.generation)
    }

    /// The label of the source in slot `idx`.
    pub(crate) fn label(&self, idx: u32) -> Option<&SourceLabel> {
        self.sources.get(idx as usize).map(|s| &s.label)
    }

    /// Takes tasklet `t` off the source in slot `idx`.
    pub(crate) fn remove_waiter(&mut self, idx: u32, t: u32, writing: bool) {
        if let Some(s) = self.sources.get_mut(idx as usize) {
            let list = if writing {
                &mut s.writers
            } else {
                &mut s.readers
            };
            if let Some(pos) = list.iter().position(|&w| w == t) {
                list.swap_remove(pos);
                self.waiting -= 1;
            }
        }
    }

    /// The waker the blocking pool signals completions through.
    pub(crate) fn waker(&mut self) -> io::Result<PoolWaker> {
        if let Some(w) = &self.waker {
            return Ok(w.clone());
        }
        let waker = Arc::new(mio::Waker::new(self.poll.registry(), WAKER_TOKEN)?);
        let w = (waker, Arc::new(std::sync::Mutex::new(Vec::new())));
        self.waker = Some(w.clone());
        Ok(w)
    }
}

impl State {
    /// The reactor, created on first use.
    fn reactor(&mut self) -> io::Result<&mut Reactor> {
        if self.io.is_none() {
            self.io = Some(Reactor::new()?);
        }
        match self.io.as_mut() {
            Some(r) => Ok(r),
            None => Err(io::Error::other("no reactor")),
        }
    }

    /// Whether tasklets wait on the reactor and the scheduler may sleep
    /// in `poll` for them.
    #[inline]
    pub(crate) fn io_blocks(&self) -> bool {
        self.io_blocking && self.io.as_ref().is_some_and(|r| r.waiting > 0)
    }

    /// Tasklets parked on the reactor.
    pub(crate) fn io_waiting(&self) -> usize {
        self.io.as_ref().map_or(0, |r| r.waiting)
    }

    /// Makes every tasklet waiting on slot `idx` in one direction runnable.
    fn wake_list(&mut self, idx: u32, writing: bool) -> usize {
        let mut woken = 0;
        loop {
            let next = self
                .io
                .as_mut()
                .and_then(|r| r.sources.get_mut(idx as usize))
                .and_then(|s| {
                    if writing {
                        s.writers.pop()
                    } else {
                        s.readers.pop()
                    }
                });
            let Some(t) = next else {
                return woken;
            };
            reactor_waiting_dec(self);
            let r = self.rec_mut(t);
            let Wait::Io { timer, .. } = r.wait else {
                continue;
            };
            r.wait = Wait::None;
            if let Some((seq, at)) = timer {
                self.timers.cancelled(WakeAt::Wall(at), seq);
            }
            if !self.rec(t).in_ring() {
                self.ring_append(t);
            }
            woken += 1;
        }
    }

    /// Polls the reactor, waiting at most `timeout` (None: until an event),
    /// and makes the tasklets whose source became ready runnable.
    pub(crate) fn poll_io(&mut self, timeout: Option<Duration>) -> usize {
        let Some(reactor) = self.io.as_mut() else {
            if let Some(t) = timeout {
                std::thread::sleep(t);
            }
            return 0;
        };
        let mut events = std::mem::replace(&mut reactor.events, Events::with_capacity(0));
        let result = reactor.poll.poll(&mut events, timeout);
        let mut woken = 0;
        match result {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => {
                // Never spin on a failing poll.
                std::thread::sleep(Duration::from_millis(1));
            }
        }
        let mut signalled = Vec::new();
        for ev in events.iter() {
            if ev.token() == WAKER_TOKEN {
                if let Some(reactor) = self.io.as_ref()
                    && let Some((_, keys)) = &reactor.waker
                    && let Ok(mut keys) = keys.lock()
                {
                    signalled.append(&mut keys);
                }
                continue;
            }
            let idx = ev.token().0 as u32;
            let failed = ev.is_error();
            if ev.is_readable() || ev.is_read_closed() || failed {
                woken += self.wake_list(idx, false);
            }
            if ev.is_writable() || ev.is_write_closed() || failed {
                woken += self.wake_list(idx, true);
            }
        }
        for key in signalled {
            woken += self.signal_key(key);
        }
        if let Some(reactor) = self.io.as_mut() {
            reactor.events = events;
        }
        woken
    }

    /// A pool call's result arrived: wake whoever waits on its source
    /// (and remember it, for a waiter not parked yet).
    fn signal_key(&mut self, key: IoKey) -> usize {
        let Some(s) = self.io.as_mut().and_then(|r| r.source_mut(key)) else {
            return 0;
        };
        s.signalled = true;
        self.wake_list(key.idx, false)
    }
}

fn reactor_waiting_dec(st: &mut State) {
    if let Some(r) = st.io.as_mut() {
        r.waiting = r.waiting.saturating_sub(1);
    }
}

// ---- the public calls --------------------------------------------------------

/// Registers `source` with this thread's reactor for both directions.
/// `label` is what introspection shows of it.
pub fn register<S: mio::event::Source + std::os::fd::AsRawFd + ?Sized>(
    source: &mut S,
    label: SourceLabel,
) -> io::Result<IoKey> {
    let core = core().map_err(io::Error::other)?;
    let mut st = core
        .st
        .try_borrow_mut()
        .map_err(|_| io::Error::other("the scheduler is busy"))?;
    let reactor = st.reactor()?;
    let key = reactor.alloc(label);
    let token = Token(key.idx as usize);
    if let Err(e) = reactor
        .poll
        .registry()
        .register(source, token, Interest::READABLE)
    {
        release_slot(reactor, key);
        return Err(e);
    }
    if let Some(s) = reactor.source_mut(key) {
        s.fd = source.as_raw_fd();
    }
    Ok(key)
}

/// A source with no file descriptor (a blocking-pool call), woken by
/// [`signal`] or through the pool's waker.
pub(crate) fn register_virtual(label: SourceLabel) -> io::Result<IoKey> {
    let core = core().map_err(io::Error::other)?;
    let mut st = core.st.borrow_mut();
    Ok(st.reactor()?.alloc(label))
}

/// The waker and completion list of this thread's reactor.
pub(crate) fn pool_waker() -> io::Result<PoolWaker> {
    let core = core().map_err(io::Error::other)?;
    let mut st = core.st.borrow_mut();
    st.reactor()?.waker()
}

fn release_slot(reactor: &mut Reactor, key: IoKey) {
    if let Some(s) = reactor.source_mut(key) {
        s.live = false;
        reactor.free.push(key.idx);
    }
}

/// Deregisters `source` (if given) and frees its key. Tasklets still
/// parked on it wake up, try again and get an error from the closed
/// socket. Safe to call while the scheduler is being torn down.
pub fn deregister<S: mio::event::Source + ?Sized>(source: Option<&mut S>, key: IoKey) {
    let Ok(core) = core() else {
        return;
    };
    let Ok(mut st) = core.st.try_borrow_mut() else {
        return;
    };
    let live = st.io.as_ref().is_some_and(|r| r.source(key).is_some());
    if !live {
        return;
    }
    st.wake_list(key.idx, false);
    st.wake_list(key.idx, true);
    if let Some(reactor) = st.io.as_mut() {
        if let Some(source) = source {
            let _ = reactor.poll.registry().deregister(source);
        }
        release_slot(reactor, key);
    }
}

/// Frees a key with no mio source (a blocking-pool call's).
pub(crate) fn release(key: IoKey) {
    deregister::<mio::net::TcpStream>(None, key);
}

/// Parks the calling tasklet until `key`'s source is ready in `dir`, or
/// until `deadline`. Returns at once if `key` names no source or the
/// deadline has passed. The caller tries its operation again afterwards
/// (readiness may have gone to another tasklet). For native tasklets and
/// the main tasklet.
pub fn wait_io(key: IoKey, dir: Direction, deadline: Option<Instant>) -> TaskletResult<()> {
    done(wait_io_impl(key, dir, deadline, false)?)
}

/// [`wait_io`] for a soft tasklet: on `Step::Switched`, park and call
/// [`crate::finish_soft`] when resumed.
pub fn wait_io_soft(
    key: IoKey,
    dir: Direction,
    deadline: Option<Instant>,
) -> TaskletResult<Step<()>> {
    wait_io_impl(key, dir, deadline, true)
}

fn wait_io_impl(
    key: IoKey,
    dir: Direction,
    deadline: Option<Instant>,
    soft: bool,
) -> TaskletResult<Step<()>> {
    let core = core()?;
    let mut st = core.st.borrow_mut();
    precheck(&st, soft)?;
    if st.switch_trap > 0 {
        return Err(TaskletError::runtime(msg::SWITCH_TRAP));
    }
    if deadline.is_some_and(|d| d <= Instant::now()) {
        return Ok(Step::Done(()));
    }
    let running = st.running;
    let writing = dir == Direction::Write;
    {
        let Some(reactor) = st.io.as_mut() else {
            return Ok(Step::Done(()));
        };
        let Some(s) = reactor.source_mut(key) else {
            return Ok(Step::Done(()));
        };
        if s.signalled {
            return Ok(Step::Done(()));
        }
        if writing && !s.writable && s.fd >= 0 {
            // First writer: add write interest. A socket writable by now
            // reports it at once (EPOLL_CTL_MOD re-checks readiness).
            let fd = s.fd;
            s.writable = true;
            reactor
                .poll
                .registry()
                .reregister(
                    &mut mio::unix::SourceFd(&fd),
                    Token(key.idx as usize),
                    Interest::READABLE | Interest::WRITABLE,
                )
                .map_err(TaskletError::from)?;
        }
        let Some(s) = reactor.source_mut(key) else {
            return Ok(Step::Done(()));
        };
        if writing {
            s.writers.push(running);
        } else {
            s.readers.push(running);
        }
        reactor.waiting += 1;
    }
    let timer = deadline.map(|at| (st.timers.add(WakeAt::Wall(at), running), at));
    st.rec_mut(running).wait = Wait::Io {
        key: key.idx,
        writing,
        timer,
    };
    st.leave_ring_and_schedule();
    let switch = st.next_run() != running;
    drop(st);
    core.complete(soft, switch, ())
}

/// Polls this thread's reactor once, waiting at most `timeout` (zero: do
/// not wait) or until the first wall-clock sleeper is due, and makes the
/// tasklets whose socket became ready, and the sleepers whose time came
/// (socket timeouts among them), runnable; returns how many. A game loop
/// (see [`set_io_blocking`]) calls this in its input phase and between
/// ticks.
pub fn poll_io(timeout: Duration) -> TaskletResult<usize> {
    let core = core()?;
    let mut st = core.st.borrow_mut();
    let timeout = match st.timers.next_wall_deadline() {
        Some(d) => timeout.min(d.saturating_duration_since(std::time::Instant::now())),
        None => timeout,
    };
    let ready = st.poll_io(Some(timeout));
    Ok(ready + core.wake_wall_timers(&mut st))
}

/// Wakes a scheduler's thread from another thread: its [`poll_io`]
/// returns at once (a game loop waiting for its next tick then looks at
/// what the other thread queued for it). Cheap to clone, `Send + Sync`.
#[derive(Clone)]
pub struct ThreadWaker(Arc<mio::Waker>);

impl ThreadWaker {
    /// Makes the scheduler's thread's current or next `poll` return.
    pub fn wake(&self) {
        let _ = self.0.wake();
    }
}

/// A [`ThreadWaker`] for this thread's scheduler (its reactor is made if
/// it has none yet).
pub fn thread_waker() -> io::Result<ThreadWaker> {
    Ok(ThreadWaker(pool_waker()?.0))
}

/// Whether the scheduler may sleep in `poll` when nothing is runnable and
/// tasklets wait on sockets (true by default: standalone programs). A
/// game loop sets it false and calls [`poll_io`] once per tick.
pub fn set_io_blocking(on: bool) -> TaskletResult<()> {
    core()?.st.borrow_mut().io_blocking = on;
    Ok(())
}

/// The label of the source in slot `idx` (for introspection).
pub(crate) fn label_of(st: &State, idx: u32) -> Option<SourceLabel> {
    st.io.as_ref().and_then(|r| r.label(idx)).cloned()
}
