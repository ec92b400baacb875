//! Game connections: an acceptor tasklet, and one native tasklet per
//! client that reads its frames with blocking-style calls (the engine's
//! reactor parks it until bytes arrive). What they read goes to the
//! [`Hub`], which the main loop drains between ticks; what the server
//! sends is queued in the hub and written without blocking by
//! [`Hub::flush`]. Every limit of [`Limits`] is enforced here: a client
//! that breaks one is closed with a logged reason and nobody else notices.

use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::io;
use std::net::{Shutdown, SocketAddr};
use std::rc::Rc;
use std::time::{Duration, Instant};

use shoal_engine::net::{TcpListener, TcpStream, is_tasklet_error};
use shoal_engine::{TaskletResult, schedule_remove, spawn_named};

use crate::config::Limits;
use crate::protocol::{ClientMsg, FrameDecoder, ServerMsg, decode, encode};

/// A connection's number (never reused in a run).
pub type ConnId = u64;

/// How long a client has to send a whole `Hello`.
pub const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a closing connection's last frames may take to leave before
/// the socket is shut anyway (a client that does not read).
pub const CLOSE_TIMEOUT: Duration = Duration::from_secs(5);

/// What a connection's tasklet hands the main loop.
#[derive(Debug, Clone, PartialEq)]
pub enum Inbound {
    /// A message from the client (the first should be `Hello`).
    Msg(ClientMsg),
    /// The connection ended (the client left, failed or broke a limit).
    Closed(String),
}

/// A connected client as the hub sees it.
struct Conn {
    stream: Rc<TcpStream>,
    peer: SocketAddr,
    /// Encoded frames waiting to be written; the first may be half
    /// written (`written` bytes of it are gone).
    out: VecDeque<Vec<u8>>,
    written: usize,
    /// Set when the server closes it: what is queued is still written
    /// (for at most [`CLOSE_TIMEOUT`] from the given time), then the
    /// socket is shut.
    closing: Option<(String, Instant)>,
}

/// Counters the metrics read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Traffic {
    /// Bytes read from clients.
    pub bytes_in: u64,
    /// Bytes written to clients.
    pub bytes_out: u64,
    /// Frames dropped with a client that stopped reading.
    pub dropped: u64,
    /// Connections accepted.
    pub accepted: u64,
    /// Connections refused (server full).
    pub refused: u64,
}

/// The game connections, shared by their tasklets and the main loop
/// (all on the server's thread).
pub struct Hub {
    limits: Limits,
    conns: BTreeMap<ConnId, Conn>,
    inbound: VecDeque<(ConnId, Inbound)>,
    next: ConnId,
    /// Counters since the start.
    pub traffic: Traffic,
    /// The acceptor, when it is parked after an accept error (the main
    /// loop lets it try again next tick).
    acceptor_parked: Option<shoal_engine::Tasklet>,
}

/// The hub, shared.
pub type SharedHub = Rc<RefCell<Hub>>;

impl Hub {
    /// An empty hub enforcing `limits`.
    pub fn new(limits: Limits) -> SharedHub {
        Rc::new(RefCell::new(Hub {
            limits,
            conns: BTreeMap::new(),
            inbound: VecDeque::new(),
            next: 1,
            traffic: Traffic::default(),
            acceptor_parked: None,
        }))
    }

    /// How many clients are connected.
    pub fn len(&self) -> usize {
        self.conns.len()
    }

    /// Whether no client is connected.
    pub fn is_empty(&self) -> bool {
        self.conns.is_empty()
    }

    /// The peer address of connection `id`.
    pub fn peer(&self, id: ConnId) -> Option<SocketAddr> {
        self.conns.get(&id).map(|c| c.peer)
    }

    /// Whether connection `id` is open and not closing.
    pub fn is_open(&self, id: ConnId) -> bool {
        self.conns.get(&id).is_some_and(|c| c.closing.is_none())
    }

    /// Takes what the connections received since the last call, in order.
    pub fn take_inbound(&mut self) -> Vec<(ConnId, Inbound)> {
        self.inbound.drain(..).collect()
    }

    /// Queues `msg` for connection `id`; returns the bytes queued (0 if
    /// it is gone or closing). A client whose queue is full (it does not
    /// read) is closed.
    pub fn send(&mut self, id: ConnId, msg: &ServerMsg) -> usize {
        let max = self.limits.outgoing_queue;
        let Some(c) = self.conns.get_mut(&id) else {
            return 0;
        };
        if c.closing.is_some() {
            return 0;
        }
        if c.out.len() >= max {
            self.traffic.dropped += c.out.len() as u64;
            // The half-written frame stays, so the stream stays framed.
            let keep = usize::from(c.written > 0);
            c.out.truncate(keep);
            self.close(
                id,
                "it does not read what the server sends (its queue is full)",
            );
            return 0;
        }
        let frame = encode(msg);
        let n = frame.len();
        c.out.push_back(frame);
        n
    }

    /// Closes connection `id`: a `Closing` frame with `reason` is queued
    /// after what is pending, then the socket is shut by [`Hub::flush`].
    pub fn close(&mut self, id: ConnId, reason: &str) {
        let Some(c) = self.conns.get_mut(&id) else {
            return;
        };
        if c.closing.is_none() {
            tracing::info!(conn = id, peer = %c.peer, reason, "closing a client");
            c.out.push_back(encode(&ServerMsg::Closing {
                reason: reason.to_string(),
            }));
            c.closing = Some((reason.to_string(), Instant::now()));
        }
    }

    /// Writes what is queued, as far as each socket takes it without
    /// waiting; shuts and forgets the connections that are closing and
    /// done, and those whose socket failed. Returns the connections
    /// forgotten (with why).
    pub fn flush(&mut self) -> Vec<(ConnId, String)> {
        let mut gone = Vec::new();
        for (id, c) in &mut self.conns {
            while let Some(front) = c.out.front() {
                match c.stream.try_write(&front[c.written..]) {
                    Ok(0) => {
                        gone.push((*id, "the connection closed".to_string()));
                        break;
                    }
                    Ok(n) => {
                        self.traffic.bytes_out += n as u64;
                        c.written += n;
                        if c.written == front.len() {
                            c.out.pop_front();
                            c.written = 0;
                        }
                    }
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        gone.push((*id, format!("writing failed: {e}")));
                        break;
                    }
                }
            }
            if let Some((reason, since)) = &c.closing
                && (c.out.is_empty() || since.elapsed() >= CLOSE_TIMEOUT)
            {
                gone.push((*id, reason.clone()));
            }
        }
        for (id, _) in &gone {
            if let Some(c) = self.conns.remove(id) {
                // The reader tasklet sees the end of the stream and ends.
                let _ = c.stream.shutdown(Shutdown::Both);
            }
        }
        gone
    }

    /// Lets a parked acceptor try again.
    pub fn wake_acceptor(&mut self) {
        if let Some(t) = self.acceptor_parked.take() {
            let _ = t.insert();
        }
    }

    fn push(&mut self, id: ConnId, what: Inbound) {
        self.inbound.push_back((id, what));
    }
}

/// Starts the acceptor tasklet on `listener`: each connection gets a
/// reader tasklet, or is refused when the server is full.
/// Starts the tasklet that accepts game clients; it and every client's
/// tasklet get the scheduler priority `priority`.
pub fn start_acceptor(listener: TcpListener, hub: SharedHub, priority: i32) -> TaskletResult<()> {
    spawn_named("game acceptor", move || {
        accept_loop(listener, hub, priority)
    })?
    .set_priority(priority);
    Ok(())
}

fn accept_loop(listener: TcpListener, hub: SharedHub, priority: i32) -> TaskletResult<()> {
    loop {
        match listener.accept() {
            Ok((stream, peer)) => {
                let (full, limits) = {
                    let h = hub.borrow();
                    (h.conns.len() >= h.limits.max_connections, h.limits.clone())
                };
                if full {
                    hub.borrow_mut().traffic.refused += 1;
                    tracing::warn!(peer = %peer, "refused a client: the server is full");
                    let refusal = encode(&ServerMsg::Refused {
                        reason: "the server is full".into(),
                    });
                    let _ = stream.try_write(&refusal);
                    continue;
                }
                let _ = stream.set_nodelay(true);
                stream.set_read_timeout(Some(Duration::from_secs(limits.idle_timeout_secs)));
                let stream = Rc::new(stream);
                let id = {
                    let mut h = hub.borrow_mut();
                    let id = h.next;
                    h.next += 1;
                    h.traffic.accepted += 1;
                    h.conns.insert(
                        id,
                        Conn {
                            stream: Rc::clone(&stream),
                            peer,
                            out: VecDeque::new(),
                            written: 0,
                            closing: None,
                        },
                    );
                    id
                };
                tracing::info!(conn = id, peer = %peer, "client connected");
                let hub2 = Rc::clone(&hub);
                spawn_named(&format!("client {id} {peer}"), move || {
                    read_loop(id, stream, hub2, limits)
                })?
                .set_priority(priority);
            }
            Err(e) if is_tasklet_error(&e) => return Err(e.into()),
            Err(e) => {
                // Out of descriptors, say: try again next tick.
                tracing::error!(error = %e, "accept failed");
                hub.borrow_mut().acceptor_parked = Some(shoal_engine::current());
                schedule_remove()?;
            }
        }
    }
}

/// Reads one client's frames until it leaves, fails or breaks a limit.
fn read_loop(
    id: ConnId,
    stream: Rc<TcpStream>,
    hub: SharedHub,
    limits: Limits,
) -> TaskletResult<()> {
    let mut decoder = FrameDecoder::new(limits.max_frame_bytes);
    let mut buf = vec![0u8; 16 * 1024];
    // A token bucket: a second's worth of messages at most in a burst.
    let rate = f64::from(limits.messages_per_sec);
    let mut tokens = rate;
    let mut last = Instant::now();
    // Until its `Hello` arrives a client gets a short deadline.
    let idle = Duration::from_secs(limits.idle_timeout_secs);
    stream.set_read_timeout(Some(HANDSHAKE_TIMEOUT.min(idle)));
    let mut greeted = false;
    let reason = 'conn: loop {
        let n = match stream.read(&mut buf) {
            Ok(0) => break 'conn "the client closed the connection".to_string(),
            Ok(n) => n,
            Err(e) if is_tasklet_error(&e) => {
                // Killed (from the admin console, say): the connection
                // ends with it.
                end_connection(&hub, id, "its tasklet was killed");
                return Err(e.into());
            }
            Err(e) if e.kind() == io::ErrorKind::TimedOut && !greeted => {
                break 'conn "no Hello in time".to_string();
            }
            Err(e) if e.kind() == io::ErrorKind::TimedOut => {
                break 'conn format!("idle for {} s", limits.idle_timeout_secs);
            }
            Err(e) => break 'conn format!("reading failed: {e}"),
        };
        let mut h = hub.borrow_mut();
        if !h.conns.contains_key(&id) {
            // The server closed it meanwhile.
            return Ok(());
        }
        h.traffic.bytes_in += n as u64;
        decoder.push(&buf[..n]);
        loop {
            let frame = match decoder.next_frame() {
                Ok(Some(f)) => f,
                Ok(None) => break,
                Err(e) => break 'conn format!("it sent {e}"),
            };
            let now = Instant::now();
            tokens = (tokens + now.duration_since(last).as_secs_f64() * rate).min(rate);
            last = now;
            if tokens < 1.0 {
                break 'conn format!(
                    "it sent more than {} messages a second",
                    limits.messages_per_sec
                );
            }
            tokens -= 1.0;
            let msg = decode::<ClientMsg>(&frame);
            if !greeted {
                if !matches!(msg, Ok(ClientMsg::Hello { .. })) {
                    h.send(
                        id,
                        &ServerMsg::Refused {
                            reason: "the first message must be Hello".into(),
                        },
                    );
                    break 'conn "its first message was not Hello".to_string();
                }
                greeted = true;
                stream.set_read_timeout(Some(idle));
            }
            match msg {
                // Answered at once, so the round trip measures the
                // network and the server, not the tick.
                Ok(ClientMsg::Ping { nonce }) => {
                    let tick = shoal_engine::tick();
                    h.send(id, &ServerMsg::Pong { nonce, tick });
                }
                Ok(msg) => h.push(id, Inbound::Msg(msg)),
                Err(e) => break 'conn format!("it sent {e}"),
            }
        }
    };
    end_connection(&hub, id, &reason);
    Ok(())
}

/// The reader of connection `id` is ending: the main loop hears of it,
/// and a connection the server was already closing is shut now (its
/// client may never read the last frames).
fn end_connection(hub: &SharedHub, id: ConnId, reason: &str) {
    let mut h = hub.borrow_mut();
    match h.conns.get(&id).map(|c| c.closing.is_some()) {
        Some(false) => {
            h.push(id, Inbound::Closed(reason.to_string()));
            h.close(id, reason);
        }
        Some(true) => {
            if let Some(c) = h.conns.remove(&id) {
                let _ = c.stream.shutdown(Shutdown::Both);
            }
            h.push(id, Inbound::Closed(reason.to_string()));
        }
        None => {}
    }
}
