"""The script part of the `socket` module: Python's socket class over the
natives, which try once and return None when they would block. `_io`
parks the tasklet on the socket until it is ready and tries again."""

error = OSError
timeout = TimeoutError


class gaierror(OSError):
    pass


class herror(OSError):
    pass


_default_timeout = None


def getdefaulttimeout():
    return _default_timeout


def setdefaulttimeout(t):
    global _default_timeout
    _default_timeout = _check_timeout(t)


def _check_timeout(t):
    if t is None:
        return None
    t = float(t)
    if t < 0.0:
        raise ValueError("Timeout value out of range")
    return t


def _errno_of(e):
    """The errno of an OSError (read from its `[Errno N]` message)."""
    n = getattr(e, "errno", None)
    if n is not None:
        return n
    if e.args and isinstance(e.args[0], int):
        return e.args[0]
    text = str(e)
    if text.startswith("[Errno "):
        end = text.find("]")
        try:
            return int(text[7:end])
        except ValueError:
            pass
    return 1


def _io(sock, writing, fn, a, b):
    """Runs fn(id, a, b) until it stops returning None, parking the
    tasklet on the socket in between, within the socket's timeout."""
    sid = sock._sid
    if sid is None:
        raise OSError("[Errno 9] Bad file descriptor")
    r = fn(sid, a, b)
    if r is not None:
        return r
    t = sock._timeout
    if t == 0.0:
        raise BlockingIOError("[Errno 11] Resource temporarily unavailable")
    deadline = None
    if t is not None:
        deadline = _monotonic() + t
    while True:
        _wait(sid, writing, deadline)
        if sock._sid is None:
            raise OSError("[Errno 9] Bad file descriptor")
        r = fn(sid, a, b)
        if r is not None:
            return r
        if deadline is not None and _monotonic() >= deadline:
            raise timeout("timed out")


class socket:
    """A socket whose blocking calls park the calling tasklet."""

    def __init__(self, family=AF_INET, type=SOCK_STREAM, proto=0, fileno=None, _sid=None):
        if fileno is not None:
            raise OSError("socket(fileno=...) is not supported")
        if type != SOCK_STREAM and type != SOCK_DGRAM:
            raise OSError("[Errno 94] Socket type not supported")
        self.family = family
        self.type = type
        self.proto = proto
        if _sid is None:
            _sid = _new(type == SOCK_DGRAM)
        self._sid = _sid
        self._timeout = _default_timeout

    def __repr__(self):
        if self._sid is None:
            return "<socket.socket [closed] fd=-1, family=%d, type=%d, proto=%d>" % (
                self.family, self.type, self.proto)
        return "<socket.socket fd=%d, family=%d, type=%d, proto=%d>" % (
            self.fileno(), self.family, self.type, self.proto)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def _id(self):
        if self._sid is None:
            raise OSError("[Errno 9] Bad file descriptor")
        return self._sid

    def fileno(self):
        if self._sid is None:
            return -1
        return _fileno(self._sid)

    def settimeout(self, t):
        self._timeout = _check_timeout(t)

    def gettimeout(self):
        return self._timeout

    def setblocking(self, flag):
        if flag:
            self._timeout = None
        else:
            self._timeout = 0.0

    def getblocking(self):
        return self._timeout != 0.0

    def setsockopt(self, level, option, value, optlen=None):
        if level == IPPROTO_TCP and option == TCP_NODELAY:
            _nodelay(self._id(), value)
        # SO_REUSEADDR is always on for listening sockets; other options
        # are accepted and ignored.

    def getsockopt(self, level, option, buflen=None):
        if level == SOL_SOCKET and option == SO_REUSEADDR:
            return 1
        return 0

    def bind(self, address):
        _bind(self._id(), address[0], address[1])

    def listen(self, backlog=128):
        _listen(self._id(), backlog)

    def accept(self):
        r = _io(self, False, _accept, None, None)
        conn = socket(self.family, self.type, self.proto, None, r[0])
        return conn, r[1]

    def connect(self, address):
        sid = self._id()
        _connect(sid, address[0], address[1])
        if self.type == SOCK_STREAM:
            _io(self, True, _connected, None, None)

    def connect_ex(self, address):
        try:
            self.connect(address)
        except OSError as e:
            return _errno_of(e)
        return 0

    def recv(self, bufsize, flags=0):
        return _io(self, False, _recv, bufsize, None)

    def recvfrom(self, bufsize, flags=0):
        return _io(self, False, _recvfrom, bufsize, None)

    def send(self, data, flags=0):
        return _io(self, True, _send, data, 0)

    def sendall(self, data, flags=0):
        n = len(data)
        sent = 0
        while sent < n:
            sent = sent + _io(self, True, _send, data, sent)

    def sendto(self, data, flags_or_address, address=None):
        if address is None:
            address = flags_or_address
        sid = self._id()
        host = address[0]
        port = address[1]
        r = _sendto(sid, data, host, port)
        while r is None:
            _wait(sid, True, None)
            r = _sendto(sid, data, host, port)
        return r

    def recv_into(self, buffer, nbytes=0, flags=0):
        raise NotImplementedError("recv_into needs a writable buffer (bytearray), which scripts do not have yet")

    def shutdown(self, how):
        _shutdown(self._id(), how)

    def close(self):
        if self._sid is not None:
            sid = self._sid
            self._sid = None
            _close(sid)

    def detach(self):
        raise OSError("detach() is not supported")

    def getsockname(self):
        return _name(self._id(), False)

    def getpeername(self):
        return _name(self._id(), True)

    def makefile(self, mode="r", buffering=None, encoding=None, errors=None, newline=None):
        return SocketFile(self, mode)


class SocketFile:
    """`socket.makefile()`: lines and reads over a socket (text unless the
    mode has 'b'); writes go out at once."""

    def __init__(self, sock, mode):
        self._sock = sock
        self.mode = mode
        self._binary = "b" in mode
        self.closed = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def _out(self, b):
        if self._binary:
            return b
        return b.decode("utf-8")

    def readline(self, size=-1):
        return self._out(_io(self._sock, False, _readline, size, None))

    def readlines(self, hint=-1):
        lines = []
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)

    def read(self, size=-1):
        if size is None:
            size = -1
        return self._out(_io(self._sock, False, _read, size, None))

    def write(self, data):
        if not self._binary:
            data = data.encode("utf-8")
        self._sock.sendall(data)
        return len(data)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        pass

    def fileno(self):
        return self._sock.fileno()

    def close(self):
        self.closed = True


def create_connection(address, timeout=None, source_address=None):
    host = address[0]
    port = address[1]
    err = None
    for info in getaddrinfo(host, port, 0, SOCK_STREAM):
        s = socket(info[0], SOCK_STREAM)
        if timeout is not None:
            s.settimeout(timeout)
        try:
            if source_address is not None:
                raise OSError("create_connection(source_address=...) is not supported")
            s.connect(info[4])
            return s
        except OSError as e:
            s.close()
            err = e
    if err is not None:
        raise err
    raise OSError("getaddrinfo returns an empty list")


def create_server(address, family=AF_INET, backlog=None, reuse_port=False, dualstack_ipv6=False):
    s = socket(family, SOCK_STREAM)
    s.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
    s.bind(address)
    if backlog is None:
        s.listen()
    else:
        s.listen(backlog)
    return s


def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
    result = []
    for entry in _resolve(host, port):
        fam = AF_INET
        addr = (entry[1], entry[2])
        if entry[0]:
            fam = AF_INET6
            addr = (entry[1], entry[2], 0, 0)
        if family != 0 and family != fam:
            continue
        types = [SOCK_STREAM, SOCK_DGRAM]
        if type != 0:
            types = [type]
        for t in types:
            p = IPPROTO_TCP
            if t == SOCK_DGRAM:
                p = IPPROTO_UDP
            result.append((fam, t, p, "", addr))
    if not result:
        raise gaierror(-9, "Address family for hostname not supported")
    return result


def gethostname():
    return "localhost"


def gethostbyname(host):
    return getaddrinfo(host, 0, AF_INET)[0][4][0]
