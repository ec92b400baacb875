//! The `socket` module: Python's socket API over the engine's reactor.
//!
//! The natives (`_recv`, `_accept`, ...) never wait: each tries its
//! operation once and returns `None` when it would block. The module's
//! script part (`socket.py` in shape: the `socket` class, `makefile`,
//! `create_connection`, `getaddrinfo`) loops: try, and if `None`, park the
//! tasklet with `_wait(id, writing, deadline)` (a host operation: the
//! engine's `wait_io`) and try again, raising `socket.timeout` once the
//! socket's timeout has passed. A socket is a slot in the VM's socket
//! table ([`Sockets`]), named by its index.

use std::io::{self, ErrorKind};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

use shoal_engine::net::{TcpListener, TcpStream, UdpSocket};
use shoal_engine::{Direction, IoKey};

use crate::builtins::{
    arity, expect_int, new_list, new_str, new_tuple, none, ok, str_content, to_f64, type_name,
};
use crate::files::{bytes_content, new_bytes};
use crate::module::{Constant, Kwargs, ModuleState, Native, NativeModule, NativeResult};
use crate::stackless::HostOp;
use crate::value::Value;
use crate::vm::{Exc, Vm};

/// The most bytes one `recv` returns (larger requests are cut to this).
const MAX_RECV: usize = 1 << 20;
/// The most a `makefile().read()` buffers before it fails.
const MAX_READ_AHEAD: usize = 256 << 20;
/// The longest line `makefile().readline()` keeps before returning it.
const MAX_LINE: usize = 1 << 20;

enum Sock {
    /// Made, not yet bound or connected.
    Fresh {
        udp: bool,
    },
    Listener(TcpListener),
    /// A connected (or connecting) stream with the bytes `makefile`
    /// read ahead.
    Stream(TcpStream, Vec<u8>),
    Udp(UdpSocket),
}

/// The VM's sockets, by index.
#[derive(Default)]
pub(crate) struct Sockets {
    slots: Vec<Option<Sock>>,
    free: Vec<usize>,
}

impl ModuleState for Sockets {}

impl Sockets {
    fn add(&mut self, s: Sock) -> usize {
        match self.free.pop() {
            Some(i) => {
                self.slots[i] = Some(s);
                i
            }
            None => {
                self.slots.push(Some(s));
                self.slots.len() - 1
            }
        }
    }
}

/// The base of `_monotonic()`: deadlines are seconds since this instant.
fn base() -> Instant {
    static BASE: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    *BASE.get_or_init(Instant::now)
}

fn table(vm: &mut Vm) -> &mut Sockets {
    if vm.module_state::<Sockets>().is_none() {
        vm.set_module_state(Sockets::default());
    }
    match vm.module_state_mut::<Sockets>() {
        Some(t) => t,
        None => unreachable!("the socket table was just set"),
    }
}

/// The script exception for an I/O error, with Python's class.
pub(crate) fn io_exc(vm: &mut Vm, e: &io::Error) -> Exc {
    let class = shoal_engine::os_error_class(e);
    let class = if vm.has_exc_class(class) {
        class
    } else {
        "OSError"
    };
    let text = match e.raw_os_error() {
        Some(code) => format!(
            "[Errno {code}] {}",
            io::Error::from_raw_os_error(code)
                .to_string()
                .split(" (os error")
                .next()
                .unwrap_or("")
        ),
        None => e.to_string(),
    };
    vm.error(class, text)
}

fn bad_fd(vm: &mut Vm) -> Exc {
    vm.error("OSError", "[Errno 9] Bad file descriptor")
}

fn sock_id(vm: &mut Vm, args: &[Value]) -> Result<usize, Exc> {
    let v = args.first().copied().unwrap_or(Value::None);
    let i = expect_int(vm, v, "")?;
    usize::try_from(i).map_err(|_| bad_fd(vm))
}

/// Runs `f` on socket `id` (EBADF if it is closed).
fn with<R>(vm: &mut Vm, id: usize, f: impl FnOnce(&mut Sock) -> R) -> Result<R, Exc> {
    match table(vm).slots.get_mut(id).and_then(Option::as_mut) {
        Some(s) => Ok(f(s)),
        None => Err(bad_fd(vm)),
    }
}

/// `Ok(Some(v))`, `Ok(None)` for would-block, or the script error.
fn io_result<T>(vm: &mut Vm, r: io::Result<T>) -> Result<Option<T>, Exc> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.kind() == ErrorKind::WouldBlock || e.kind() == ErrorKind::Interrupted => {
            Ok(None)
        }
        Err(e) => Err(io_exc(vm, &e)),
    }
}

/// A host and port from script values: numeric addresses, `''`
/// (any address) and `localhost`.
fn address(vm: &mut Vm, host: Value, port: Value) -> Result<SocketAddr, Exc> {
    let port = match port {
        Value::Int(p) => p,
        other => {
            let t = type_name(vm, other);
            return Err(vm.error(
                "TypeError",
                format!("'{t}' object cannot be interpreted as an integer"),
            ));
        }
    };
    let Ok(port) = u16::try_from(port) else {
        return Err(vm.error("OverflowError", "port must be 0-65535."));
    };
    let Some(host) = str_content(vm, host) else {
        let t = type_name(vm, host);
        return Err(vm.error(
            "TypeError",
            format!("str, bytes or bytearray expected, not {t}"),
        ));
    };
    let ip = match &*host {
        "" | "0.0.0.0" => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        "localhost" => IpAddr::V4(Ipv4Addr::LOCALHOST),
        "<broadcast>" => IpAddr::V4(Ipv4Addr::BROADCAST),
        h => match h.parse::<IpAddr>() {
            Ok(ip) => ip,
            Err(_) => {
                return Err(vm.error(
                    "OSError",
                    format!(
                        "[Errno -2] Name or service not known: '{h}' (only numeric addresses \
                         and localhost are resolved)"
                    ),
                ));
            }
        },
    };
    Ok(SocketAddr::new(ip, port))
}

/// `(host, port)` as Python gives it.
fn addr_value(vm: &mut Vm, a: SocketAddr) -> Value {
    let host = new_str(vm, &a.ip().to_string());
    match a {
        SocketAddr::V4(_) => new_tuple(vm, vec![host, Value::Int(a.port() as i64)]),
        SocketAddr::V6(v6) => new_tuple(
            vm,
            vec![
                host,
                Value::Int(a.port() as i64),
                Value::Int(v6.flowinfo() as i64),
                Value::Int(v6.scope_id() as i64),
            ],
        ),
    }
}

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).copied().unwrap_or(Value::None)
}

fn bytes_arg(vm: &mut Vm, v: Value) -> Result<std::rc::Rc<[u8]>, Exc> {
    match bytes_content(vm, v) {
        Some(b) => Ok(b),
        None => {
            let t = type_name(vm, v);
            Err(vm.error(
                "TypeError",
                format!("a bytes-like object is required, not '{t}'"),
            ))
        }
    }
}

fn size_arg(vm: &mut Vm, v: Value) -> Result<usize, Exc> {
    let n = expect_int(vm, v, "")?;
    if n < 0 {
        return Err(vm.error("ValueError", "negative buffersize in recv"));
    }
    Ok((n as usize).min(MAX_RECV))
}

// ---- natives -------------------------------------------------------------------------

/// `_new(udp)`: a fresh socket's id.
fn s_new(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
    arity(vm, "_new", &args, 1, 1)?;
    let udp = crate::builtins::truthy(vm, args[0]);
    let id = table(vm).add(Sock::Fresh { udp });
    ok(Value::Int(id as i64))
}

/// `_bind(id, host, port)`: a TCP socket starts listening here (its
/// backlog set by `listen`); a UDP socket is bound.
fn s_bind(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
    arity(vm, "_bind", &args, 3, 3)?;
    let id = sock_id(vm, &args)?;
    let addr = address(vm, args[1], args[2])?;
    let udp = match with(vm, id, |s| match s {
        Sock::Fresh { udp } => Some(*udp),
        _ => None,
    })? {
        Some(udp) => udp,
        None => return Err(vm.error("OSError", "[Errno 22] Invalid argument")),
    };
    let made = if udp {
        UdpSocket::bind(addr).map(Sock::Udp)
    } else {
        TcpListener::bind(addr).map(Sock::Listener)
    };
    match made {
        Ok(s) => {
            with(vm, id, |slot| *slot = s)?;
            none()
        }
        Err(e) => Err(io_exc(vm, &e)),
    }
}

/// `_listen(id, backlog)`.
fn s_listen(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
    arity(vm, "_listen", &args, 2, 2)?;
    let id = sock_id(vm, &args)?;
    let backlog = expect_int(vm, args[1], "")?.clamp(0, i32::MAX as i64) as i32;
    let r = with(vm, id, |s| match s {
        Sock::Listener(l) => Some(l.set_backlog(backlog.max(1))),
        _ => None,
    })?;
    match r {
        Some(Ok(())) => none(),
        Some(Err(e)) => Err(io_exc(vm, &e)),
        None => Err(vm.error(
            "OSError",
            "[Errno 22] Invalid argument (bind before listen)",
        )),
    }
}

/// `_accept(id)`: `(new id, address)`, or None if nobody is waiting.
fn s_accept(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
    let id = sock_id(vm, &args)?;
    let r = with(vm, id, |s| match s {
        Sock::Listener(l) => Some(l.try_accept()),
        _ => None,
    })?;
    let Some(r) = r else {
        return Err(vm.error("OSError", "[Errno 22] Invalid argument"));
    };
    match io_result(vm, r)? {
        None => none(),
        Some((stream, peer)) => {
            let new = table(vm).add(Sock::Stream(stream, Vec::new()));
            let addr = addr_value(vm, peer);
            ok(new_tuple(vm, vec![Value::Int(new as i64), addr]))
        }
    }
}

/// `_connect(id, host, port)`: starts connecting (TCP) or sets the peer
/// (UDP).
fn s_connect(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
    arity(vm, "_connect", &args, 3, 3)?;
    let id = sock_id(vm, &args)?;
    let addr = address(vm, args[1], args[2])?;
    enum What {
        Tcp,
        Udp(io::Result<()>),
        Bad,
    }
    let what = with(vm, id, |s| match s {
        Sock::Fresh { udp: false } => What::Tcp,
        Sock::Udp(u) => What::Udp(u.connect(addr)),
        Sock::Fresh { udp: true } => match UdpSocket::bind(match addr {
            SocketAddr::V4(_) => SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), 0),
            SocketAddr::V6(_) => SocketAddr::new(IpAddr::V6(Ipv6Addr::UNSPECIFIED), 0),
        }) {
            Ok(u) => {
                let r = u.connect(addr);
                *s = Sock::Udp(u);
                What::Udp(r)
            }
            Err(e) => What::Udp(Err(e)),
        },
        _ => What::Bad,
    })?;
    match what {
        What::Tcp => match TcpStream::connect_start(addr) {
            Ok(stream) => {
                with(vm, id, |s| *s = Sock::Stream(stream, Vec::new()))?;
                none()
            }
            Err(e) => Err(io_exc(vm, &e)),
        },
        What::Udp(Ok(())) => none(),
        What::Udp(Err(e)) => Err(io_exc(vm, &e)),
        What::Bad => Err(vm.error(
            "OSError",
            "[Errno 106] Transport endpoint is already connected",
        )),
    }
}

/// `_connected(id)`: True once connected, None while in progress.
fn s_connected(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
    let id = sock_id(vm, &args)?;
    let r = with(vm, id, |s| match s {
        Sock::Stream(t, _) => t.connected(),
        _ => Ok(true),
    })?;
    match r {
        Ok(true) => ok(Value::Bool(true)),
        Ok(false) => none(),
        Err(e) => Err(io_exc(vm, &e)),
    }
}

/// Reads into a stream's read-ahead buffer until it would block or the
/// peer closes; returns whether the peer closed.
fn fill(t: &TcpStream, buf: &mut Vec<u8>, want: usize) -> io::Result<bool> {
    let mut chunk = [0u8; 16384];
    while buf.len() < want {
        match t.try_read(&mut chunk) {
            Ok(0) => return Ok(true),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(false)
}

/// `_recv(id, n)`: bytes (b'' at end of stream), or None if nothing is
/// there yet.
fn s_recv(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
    arity(vm, "_recv", &args, 2, 3)?;
    let id = sock_id(vm, &args)?;
    let n = size_arg(vm, args[1])?;
    let r = with(vm, id, |s| -> Option<io::Result<Vec<u8>>> {
        match s {
            Sock::Stream(t, ahead) => {
                if !ahead.is_empty() {
                    let take = n.min(ahead.len());
                    return Some(Ok(ahead.drain(..take).collect()));
                }
                let mut buf = vec![0u8; n];
                Some(t.try_read(&mut buf).map(|got| {
                    buf.truncate(got);
                    buf
                }))
            }
            Sock::Udp(u) => {
                let mut buf = vec![0u8; n];
                Some(u.try_recv(&mut buf).map(|got| {
                    buf.truncate(got);
                    buf
                }))
            }
            _ => None,
        }
    })?;
    let Some(r) = r else {
        return Err(vm.error("OSError", "[Errno 107] Transport endpoint is not connected"));
    };
    match io_result(vm, r)? {
        Some(b) => ok(new_bytes(vm, b)),
        None => none(),
    }
}

/// `_readline(id, limit)`: one line (with its newline; what is left at
/// end of stream), or None if no whole line is there yet.
fn s_readline(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
    arity(vm, "_readline", &args, 2, 3)?;
    let id = sock_id(vm, &args)?;
    let limit = match expect_int(vm, args[1], "")? {
        n if n < 0 => MAX_LINE,
        n => (n as usize).min(MAX_LINE),
    };
    let r = with(vm, id, |s| -> Option<io::Result<Option<Vec<u8>>>> {
        let Sock::Stream(t, ahead) = s else {
            return None;
        };
        let mut searched = 0;
        loop {
            if let Some(pos) = ahead[searched..].iter().position(|&b| b == b'\n') {
                let end = (searched + pos + 1).min(limit);
                return Some(Ok(Some(ahead.drain(..end).collect())));
            }
            if ahead.len() >= limit {
                return Some(Ok(Some(ahead.drain(..limit).collect())));
            }
            searched = ahead.len();
            match fill(t, ahead, searched + 1) {
                Ok(true) => return Some(Ok(Some(std::mem::take(ahead)))),
                Ok(false) => {}
                Err(e) if e.kind() == ErrorKind::WouldBlock => return Some(Ok(None)),
                Err(e) => return Some(Err(e)),
            }
        }
    })?;
    let Some(r) = r else {
        return Err(vm.error("OSError", "[Errno 107] Transport endpoint is not connected"));
    };
    match r {
        Ok(Some(line)) => ok(new_bytes(vm, line)),
        Ok(None) => none(),
        Err(e) => Err(io_exc(vm, &e)),
    }
}

/// `_read(id, n)`: exactly n bytes (fewer at end of stream; all until end
/// of stream for n < 0), or None if they are not all there yet.
fn s_read(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
    arity(vm, "_read", &args, 2, 3)?;
    let id = sock_id(vm, &args)?;
    let n = expect_int(vm, args[1], "")?;
    let want = if n < 0 { usize::MAX } else { n as usize };
    let r = with(vm, id, |s| -> Option<io::Result<Option<Vec<u8>>>> {
        let Sock::Stream(t, ahead) = s else {
            return None;
        };
        if ahead.len() > MAX_READ_AHEAD {
            return Some(Err(io::Error::new(
                ErrorKind::OutOfMemory,
                "read(): the peer sent more than 256 MiB without ending",
            )));
        }
        match fill(t, ahead, want.min(ahead.len().saturating_add(MAX_RECV))) {
            Ok(closed) => {
                if closed || ahead.len() >= want {
                    let take = want.min(ahead.len());
                    Some(Ok(Some(ahead.drain(..take).collect())))
                } else {
                    Some(Ok(None))
                }
            }
            Err(e) if e.kind() == ErrorKind::WouldBlock => Some(Ok(None)),
            Err(e) => Some(Err(e)),
        }
    })?;
    let Some(r) = r else {
        return Err(vm.error("OSError", "[Errno 107] Transport endpoint is not connected"));
    };
    match r {
        Ok(Some(b)) => ok(new_bytes(vm, b)),
        Ok(None) => none(),
        Err(e) => Err(io_exc(vm, &e)),
    }
}

/// `_send(id, data, offset)`: bytes sent from `offset`, or None if the
/// socket is full.
fn s_send(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
    arity(vm, "_send", &args, 2, 3)?;
    let id = sock_id(vm, &args)?;
    let data = bytes_arg(vm, args[1])?;
    let offset = match arg(&args, 2) {
        Value::None => 0,
        v => expect_int(vm, v, "")?.clamp(0, data.len() as i64) as usize,
    };
    let rest = &data[offset..];
    let r = with(vm, id, |s| match s {
        Sock::Stream(t, _) => Some(t.try_write(rest)),
        Sock::Udp(u) => Some(u.try_send(rest)),
        _ => None,
    })?;
    let Some(r) = r else {
        return Err(vm.error("OSError", "[Errno 107] Transport endpoint is not connected"));
    };
    match io_result(vm, r)? {
        Some(n) => ok(Value::Int(n as i64)),
        None => none(),
    }
}

/// `_sendto(id, data, host, port)`.
fn s_sendto(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
    arity(vm, "_sendto", &args, 4, 4)?;
    let id = sock_id(vm, &args)?;
    let data = bytes_arg(vm, args[1])?;
    let addr = address(vm, args[2], args[3])?;
    let r = with(vm, id, |s| {
        if let Sock::Fresh { udp: true } = s {
            let any = match addr {
                SocketAddr::V4(_) => SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), 0),
                SocketAddr::V6(_) => SocketAddr::new(IpAddr::V6(Ipv6Addr::UNSPECIFIED), 0),
            };
            match UdpSocket::bind(any) {
                Ok(u) => *s = Sock::Udp(u),
                Err(e) => return Some(Err(e)),
            }
        }
        match s {
            Sock::Udp(u) => Some(u.try_send_to(&data, addr)),
            _ => None,
        }
    })?;
    let Some(r) = r else {
        return Err(vm.error("OSError", "[Errno 95] sendto needs a UDP socket"));
    };
    match io_result(vm, r)? {
        Some(n) => ok(Value::Int(n as i64)),
        None => none(),
    }
}

/// `_recvfrom(id, n)`: `(bytes, address)`, or None.
fn s_recvfrom(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
    arity(vm, "_recvfrom", &args, 2, 3)?;
    let id = sock_id(vm, &args)?;
    let n = size_arg(vm, args[1])?;
    let r = with(vm, id, |s| match s {
        Sock::Udp(u) => {
            let mut buf = vec![0u8; n];
            Some(u.try_recv_from(&mut buf).map(|(got, from)| {
                buf.truncate(got);
                (buf, from)
            }))
        }
        _ => None,
    })?;
    let Some(r) = r else {
        return Err(vm.error("OSError", "[Errno 22] recvfrom needs a bound UDP socket"));
    };
    match io_result(vm, r)? {
        Some((b, from)) => {
            let b = new_bytes(vm, b);
            let a = addr_value(vm, from);
            ok(new_tuple(vm, vec![b, a]))
        }
        None => none(),
    }
}

fn key_of(s: &Sock) -> Option<IoKey> {
    match s {
        Sock::Fresh { .. } => None,
        Sock::Listener(l) => Some(l.key()),
        Sock::Stream(t, _) => Some(t.key()),
        Sock::Udp(u) => Some(u.key()),
    }
}

/// `_wait(id, writing, deadline)`: parks the tasklet until the socket is
/// ready (or `_monotonic()` reaches `deadline`).
fn s_wait(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
    arity(vm, "_wait", &args, 3, 3)?;
    let id = sock_id(vm, &args)?;
    let writing = crate::builtins::truthy(vm, args[1]);
    let deadline = match args[2] {
        Value::None => None,
        v => match to_f64(v) {
            Some(secs) if secs.is_finite() => {
                base().checked_add(Duration::from_secs_f64(secs.clamp(0.0, 1e9)))
            }
            _ => return Err(vm.error("TypeError", "_wait(): deadline must be a number")),
        },
    };
    let Some(key) = with(vm, id, |s| key_of(s))? else {
        return none();
    };
    let dir = if writing {
        Direction::Write
    } else {
        Direction::Read
    };
    let _ = vm.out.flush();
    Ok(Native::Host(HostOp::WaitIo { key, dir, deadline }))
}

/// `_monotonic()`: seconds on the clock `_wait`'s deadlines use.
fn s_monotonic(_: &mut Vm, _: Option<Value>, _: Vec<Value>, _: Kwargs) -> NativeResult {
    ok(Value::Float(base().elapsed().as_secs_f64()))
}

/// `_close(id)`: frees the socket (closing it); closing twice is fine.
fn s_close(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
    let id = sock_id(vm, &args)?;
    let t = table(vm);
    if let Some(slot) = t.slots.get_mut(id)
        && slot.take().is_some()
    {
        t.free.push(id);
    }
    none()
}

/// `_shutdown(id, how)`.
fn s_shutdown(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
    arity(vm, "_shutdown", &args, 2, 2)?;
    let id = sock_id(vm, &args)?;
    let how = match expect_int(vm, args[1], "")? {
        0 => std::net::Shutdown::Read,
        1 => std::net::Shutdown::Write,
        2 => std::net::Shutdown::Both,
        _ => return Err(vm.error("ValueError", "illegal shutdown value")),
    };
    let r = with(vm, id, |s| match s {
        Sock::Stream(t, _) => Some(t.shutdown(how)),
        _ => None,
    })?;
    match r {
        Some(Ok(())) | None => none(),
        Some(Err(e)) => Err(io_exc(vm, &e)),
    }
}

/// `_name(id, peer)`: the local (or peer) address.
fn s_name(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
    arity(vm, "_name", &args, 2, 2)?;
    let id = sock_id(vm, &args)?;
    let peer = crate::builtins::truthy(vm, args[1]);
    let r = with(vm, id, |s| match (s, peer) {
        (Sock::Listener(l), false) => Some(l.local_addr()),
        (Sock::Stream(t, _), false) => Some(t.local_addr()),
        (Sock::Stream(t, _), true) => Some(t.peer_addr()),
        (Sock::Udp(u), false) => Some(u.local_addr()),
        (Sock::Udp(u), true) => Some(u.peer_addr()),
        (Sock::Fresh { .. }, false) => {
            Some(Ok(SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), 0)))
        }
        _ => None,
    })?;
    match r {
        Some(Ok(a)) => ok(addr_value(vm, a)),
        Some(Err(e)) => Err(io_exc(vm, &e)),
        None => Err(vm.error("OSError", "[Errno 107] Transport endpoint is not connected")),
    }
}

/// `_fileno(id)`: the descriptor, or -1.
fn s_fileno(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
    let id = sock_id(vm, &args)?;
    let fd = table(vm)
        .slots
        .get(id)
        .and_then(Option::as_ref)
        .map_or(-1, |s| match s {
            Sock::Fresh { .. } => -1,
            Sock::Listener(l) => l.as_raw_fd(),
            Sock::Stream(t, _) => t.as_raw_fd(),
            Sock::Udp(u) => u.as_raw_fd(),
        });
    ok(Value::Int(fd as i64))
}

/// `_nodelay(id, on)`.
fn s_nodelay(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
    arity(vm, "_nodelay", &args, 2, 2)?;
    let id = sock_id(vm, &args)?;
    let on = crate::builtins::truthy(vm, args[1]);
    let r = with(vm, id, |s| match s {
        Sock::Stream(t, _) => t.set_nodelay(on),
        _ => Ok(()),
    })?;
    match r {
        Ok(()) => none(),
        Err(e) => Err(io_exc(vm, &e)),
    }
}

/// `_resolve(host, port)`: `[(is_ipv6, host, port)]` for a numeric
/// address, `''` or `localhost`.
fn s_resolve(vm: &mut Vm, _: Option<Value>, args: Vec<Value>, _: Kwargs) -> NativeResult {
    arity(vm, "_resolve", &args, 2, 2)?;
    let port = match args[1] {
        Value::None => Value::Int(0),
        v => match str_content(vm, v) {
            Some(s) => match s.parse::<i64>() {
                Ok(p) => Value::Int(p),
                Err(_) => {
                    return Err(vm.error("OSError", "[Errno -8] Servname not supported"));
                }
            },
            None => v,
        },
    };
    let host = match args[0] {
        Value::None => new_str(vm, "127.0.0.1"),
        v => v,
    };
    let a = address(vm, host, port)?;
    let v6 = Value::Bool(a.is_ipv6());
    let h = new_str(vm, &a.ip().to_string());
    let entry = new_tuple(vm, vec![v6, h, Value::Int(a.port() as i64)]);
    ok(new_list(vm, vec![entry]))
}

/// The `socket` module for `shoal run`.
pub(crate) fn module() -> NativeModule {
    NativeModule::new("socket")
        .function("_new", s_new)
        .function("_bind", s_bind)
        .function("_listen", s_listen)
        .function("_accept", s_accept)
        .function("_connect", s_connect)
        .function("_connected", s_connected)
        .function("_recv", s_recv)
        .function("_readline", s_readline)
        .function("_read", s_read)
        .function("_send", s_send)
        .function("_sendto", s_sendto)
        .function("_recvfrom", s_recvfrom)
        .function("_wait", s_wait)
        .function("_monotonic", s_monotonic)
        .function("_close", s_close)
        .function("_shutdown", s_shutdown)
        .function("_name", s_name)
        .function("_fileno", s_fileno)
        .function("_nodelay", s_nodelay)
        .function("_resolve", s_resolve)
        .constant("AF_INET", Constant::Int(2))
        .constant("AF_INET6", Constant::Int(10))
        .constant("AF_UNSPEC", Constant::Int(0))
        .constant("SOCK_STREAM", Constant::Int(1))
        .constant("SOCK_DGRAM", Constant::Int(2))
        .constant("IPPROTO_TCP", Constant::Int(6))
        .constant("IPPROTO_UDP", Constant::Int(17))
        .constant("SOL_SOCKET", Constant::Int(1))
        .constant("SO_REUSEADDR", Constant::Int(2))
        .constant("SO_KEEPALIVE", Constant::Int(9))
        .constant("SO_BROADCAST", Constant::Int(6))
        .constant("TCP_NODELAY", Constant::Int(1))
        .constant("SHUT_RD", Constant::Int(0))
        .constant("SHUT_WR", Constant::Int(1))
        .constant("SHUT_RDWR", Constant::Int(2))
        .constant("SOMAXCONN", Constant::Int(4096))
        .constant("AI_PASSIVE", Constant::Int(1))
        .prelude("<socket>", PRELUDE)
}

/// The part of the module written in the script language.
const PRELUDE: &str = include_str!("socket.py");
