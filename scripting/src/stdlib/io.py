"""In-memory streams: `io.StringIO` and `io.BytesIO`, as CPython 3.11 has them.

Offers: StringIO (read, readline, readlines, write, writelines, seek, tell,
getvalue, truncate, iteration, close/closed, the `with` statement, the
newline argument: None, '', '\\n', '\\r', '\\r\\n'), BytesIO (the same for
bytes, plus read1, readinto, readline on b'\\n'), UnsupportedOperation,
SEEK_SET/SEEK_CUR/SEEK_END, DEFAULT_BUFFER_SIZE and `open` (the built-in).

Left out: file objects of this module's own (FileIO, BufferedReader,
BufferedWriter, TextIOWrapper...), the IOBase class tree, BytesIO.getbuffer
(there is no memoryview), StringIO.newlines (always None here).
"""

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
DEFAULT_BUFFER_SIZE = 8192

open = open


class UnsupportedOperation(OSError, ValueError):
    pass


def _size_arg(size):
    """The optional size of read()/readline(): None or an int, -1 for all."""
    if size is None:
        return -1
    if type(size) is not int and type(size) is not bool:
        if hasattr(size, "__index__"):
            return size.__index__()
        raise TypeError("argument should be integer or None, not '%s'"
                        % type(size).__name__)
    return size


def _index_arg(n):
    if type(n) is int or type(n) is bool:
        return n
    if hasattr(n, "__index__"):
        return n.__index__()
    raise TypeError("'%s' object cannot be interpreted as an integer"
                    % type(n).__name__)


def _closed():
    return ValueError("I/O operation on closed file.")


def _closed_c():
    # What StringIO's own methods say (the ones from IOBase end with a dot).
    return ValueError("I/O operation on closed file")


class StringIO:
    """A text stream held in memory."""

    __module__ = "_io"

    def __init__(self, initial_value="", newline="\n", *more):
        if more:
            raise TypeError("StringIO() takes at most 2 arguments (%d given)"
                            % (2 + len(more)))
        if newline is not None and type(newline) is not str:
            raise TypeError("newline must be str or None, not %s"
                            % type(newline).__name__)
        if newline not in (None, "", "\n", "\r", "\r\n"):
            raise ValueError("illegal newline value: %r" % (newline,))
        if initial_value is not None and type(initial_value) is not str:
            raise TypeError("initial_value must be str or None, not %s"
                            % type(initial_value).__name__)
        self._newline = newline
        self._closed = False
        # The text is `_text` followed by the pieces in `_tail`: writes at
        # the end only append a piece, and reads join them first.
        self._text = ""
        self._tail = []
        self._len = 0
        self._pos = 0
        self._lines = None
        if initial_value:
            self.write(initial_value)
            self._pos = 0

    # -- state ---------------------------------------------------------

    @property
    def closed(self):
        return self._closed

    @property
    def line_buffering(self):
        return False

    @property
    def newlines(self):
        return None

    @property
    def encoding(self):
        return None

    @property
    def errors(self):
        return None

    def _value(self):
        if self._tail:
            self._text = self._text + "".join(self._tail)
            self._tail = []
        return self._text

    def close(self):
        self._closed = True
        self._text = ""
        self._tail = []

    def readable(self):
        if self._closed:
            raise _closed_c()
        return True

    def writable(self):
        if self._closed:
            raise _closed_c()
        return True

    def seekable(self):
        if self._closed:
            raise _closed_c()
        return True

    def isatty(self):
        if self._closed:
            raise _closed()
        return False

    def flush(self):
        pass

    def fileno(self):
        raise UnsupportedOperation("fileno")

    def detach(self):
        raise UnsupportedOperation("detach")

    def __enter__(self):
        if self._closed:
            raise _closed()
        return self

    def __exit__(self, *exc):
        self.close()

    def __iter__(self):
        if self._closed:
            raise _closed()
        return self

    def __next__(self):
        if self._closed:
            raise _closed_c()
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    # -- writing -------------------------------------------------------

    def write(self, s):
        if self._closed:
            raise _closed_c()
        if type(s) is not str:
            raise TypeError("string argument expected, got '%s'"
                            % type(s).__name__)
        n = len(s)
        nl = self._newline
        if nl is None:
            if "\r" in s:
                s = s.replace("\r\n", "\n").replace("\r", "\n")
        elif nl == "\r" or nl == "\r\n":
            s = s.replace("\n", nl)
        size = len(s)
        if size == 0:
            return n
        self._lines = None
        pos = self._pos
        if pos == self._len:
            self._tail.append(s)
            self._len += size
        else:
            text = self._value()
            if pos > self._len:
                text = text + "\0" * (pos - self._len)
            text = text[:pos] + s + text[pos + size:]
            self._text = text
            self._len = len(text)
        self._pos = pos + size
        return n

    def writelines(self, lines):
        if self._closed:
            raise _closed()
        for line in lines:
            self.write(line)

    # -- reading -------------------------------------------------------

    def getvalue(self):
        if self._closed:
            raise _closed_c()
        return self._value()

    def read(self, size=-1):
        if self._closed:
            raise _closed_c()
        size = _size_arg(size)
        text = self._value()
        pos = self._pos
        if pos >= self._len:
            return ""
        if size < 0:
            end = self._len
        else:
            end = min(pos + size, self._len)
        self._pos = end
        if pos == 0 and end == self._len:
            return text
        return text[pos:end]

    def _index_lines(self):
        """Splits the text into lines once, for reading them one by one:
        slicing a long str costs its length in Shoal."""
        text = self._value()
        nl = self._newline
        if nl == "":
            lines = []
            for piece in text.split("\n"):
                if "\r" in piece:
                    parts = piece.split("\r")
                    for k in range(len(parts) - 1):
                        lines.append(parts[k] + "\r")
                    lines.append(parts[-1])
                else:
                    lines.append(piece)
                lines[-1] = lines[-1] + "\n"
            # "\r" then "\n" is one line end.
            merged = []
            for line in lines:
                if line == "\n" and merged and merged[-1].endswith("\r"):
                    merged[-1] = merged[-1] + "\n"
                else:
                    merged.append(line)
            lines = merged
            lines[-1] = lines[-1][:-1]
        else:
            if nl is None:
                nl = "\n"
            lines = text.split(nl)
            for k in range(len(lines) - 1):
                lines[k] = lines[k] + nl
        if lines and not lines[-1]:
            lines.pop()
        starts = [0]
        total = 0
        for line in lines:
            total += len(line)
            starts.append(total)
        self._lines = lines
        self._starts = starts
        self._line_k = 0

    def readline(self, size=-1):
        if self._closed:
            raise _closed_c()
        size = _size_arg(size)
        pos = self._pos
        if pos >= self._len:
            return ""
        if self._lines is None:
            self._index_lines()
        starts = self._starts
        k = self._line_k
        if not (k < len(self._lines) and starts[k] <= pos < starts[k + 1]):
            # Binary search for the line holding pos.
            lo = 0
            hi = len(self._lines) - 1
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if starts[mid] <= pos:
                    lo = mid
                else:
                    hi = mid - 1
            k = lo
        line = self._lines[k]
        if pos > starts[k]:
            line = line[pos - starts[k]:]
            if line == "\n" and self._newline == "\r\n" and k + 1 < len(self._lines):
                # Between the two characters of a line end: the line
                # runs on to the next "\r\n".
                line = line + self._lines[k + 1]
                if 0 <= size < len(line):
                    line = line[:size]
                self._line_k = k
                self._pos = pos + len(line)
                return line
        if 0 <= size < len(line):
            line = line[:size]
            self._line_k = k
        else:
            self._line_k = k + 1
        self._pos = pos + len(line)
        return line

    def readlines(self, hint=-1):
        if self._closed:
            raise _closed()
        hint = _size_arg(hint)
        lines = []
        total = 0
        while True:
            line = self.readline()
            if not line:
                break
            lines.append(line)
            total += len(line)
            if 0 < hint <= total:
                break
        return lines

    # -- positioning ---------------------------------------------------

    def tell(self):
        if self._closed:
            raise _closed_c()
        return self._pos

    def seek(self, pos, whence=0):
        if self._closed:
            raise _closed_c()
        pos = _index_arg(pos)
        whence = _index_arg(whence)
        if whence == 0:
            if pos < 0:
                raise ValueError("Negative seek position %d" % pos)
            self._pos = pos
        elif whence == 1:
            if pos != 0:
                raise OSError("Can't do nonzero cur-relative seeks")
        elif whence == 2:
            if pos != 0:
                raise OSError("Can't do nonzero cur-relative seeks")
            self._pos = self._len
        else:
            raise ValueError("Invalid whence (%d, should be 0, 1 or 2)" % whence)
        return self._pos

    def truncate(self, size=None):
        if self._closed:
            raise _closed_c()
        if size is None:
            size = self._pos
        else:
            size = _index_arg(size)
            if size < 0:
                raise ValueError("Negative size value %d" % size)
        if size < self._len:
            self._text = self._value()[:size]
            self._len = size
            self._lines = None
        return size


def _bytes_like(b):
    t = type(b)
    if t is bytes:
        return b
    if t is bytearray:
        return bytes(b)
    raise TypeError("a bytes-like object is required, not '%s'" % t.__name__)


class BytesIO:
    """A binary stream held in memory."""

    __module__ = "_io"

    def __init__(self, initial_bytes=None, *more):
        if more:
            raise TypeError("BytesIO() takes at most 1 argument (%d given)"
                            % (1 + len(more)))
        self._closed = False
        self._data = b""
        self._tail = []
        self._len = 0
        self._pos = 0
        if initial_bytes is not None:
            data = _bytes_like(initial_bytes)
            self._data = data
            self._len = len(data)

    @property
    def closed(self):
        return self._closed

    def _value(self):
        if self._tail:
            self._data = self._data + b"".join(self._tail)
            self._tail = []
        return self._data

    def close(self):
        self._closed = True
        self._data = b""
        self._tail = []

    def readable(self):
        if self._closed:
            raise _closed()
        return True

    def writable(self):
        if self._closed:
            raise _closed()
        return True

    def seekable(self):
        if self._closed:
            raise _closed()
        return True

    def isatty(self):
        if self._closed:
            raise _closed()
        return False

    def flush(self):
        if self._closed:
            raise _closed()

    def fileno(self):
        raise UnsupportedOperation("fileno")

    def detach(self):
        raise UnsupportedOperation("detach")

    def __enter__(self):
        if self._closed:
            raise _closed()
        return self

    def __exit__(self, *exc):
        self.close()

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def write(self, b):
        if self._closed:
            raise _closed()
        b = _bytes_like(b)
        size = len(b)
        if size == 0:
            return 0
        pos = self._pos
        if pos == self._len:
            self._tail.append(b)
            self._len += size
        else:
            data = self._value()
            if pos > self._len:
                data = data + b"\0" * (pos - self._len)
            data = data[:pos] + b + data[pos + size:]
            self._data = data
            self._len = len(data)
        self._pos = pos + size
        return size

    def writelines(self, lines):
        if self._closed:
            raise _closed()
        for line in lines:
            self.write(line)

    def getvalue(self):
        if self._closed:
            raise _closed()
        return self._value()

    def read(self, size=-1):
        if self._closed:
            raise _closed()
        size = _size_arg(size)
        data = self._value()
        pos = self._pos
        if pos >= self._len:
            return b""
        if size < 0:
            end = self._len
        else:
            end = min(pos + size, self._len)
        self._pos = end
        return data[pos:end]

    def read1(self, size=-1):
        return self.read(size)

    def readinto(self, buffer):
        if self._closed:
            raise _closed()
        if type(buffer) is not bytearray:
            raise TypeError("readinto() argument must be read-write bytes-like object, not %s"
                            % type(buffer).__name__)
        data = self.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        return n

    def readline(self, size=-1):
        if self._closed:
            raise _closed()
        size = _size_arg(size)
        data = self._value()
        pos = self._pos
        if pos >= self._len:
            return b""
        i = data.find(b"\n", pos)
        end = self._len if i < 0 else i + 1
        if size >= 0 and end > pos + size:
            end = pos + size
        self._pos = end
        return data[pos:end]

    def readlines(self, hint=-1):
        if self._closed:
            raise _closed()
        hint = _size_arg(hint)
        lines = []
        total = 0
        while True:
            line = self.readline()
            if not line:
                break
            lines.append(line)
            total += len(line)
            if 0 < hint <= total:
                break
        return lines

    def tell(self):
        if self._closed:
            raise _closed()
        return self._pos

    def seek(self, pos, whence=0):
        if self._closed:
            raise _closed()
        pos = _index_arg(pos)
        whence = _index_arg(whence)
        if whence == 0:
            if pos < 0:
                raise ValueError("negative seek value %d" % pos)
            self._pos = pos
        elif whence == 1:
            self._pos = max(0, self._pos + pos)
        elif whence == 2:
            self._pos = max(0, self._len + pos)
        else:
            raise ValueError("invalid whence (%d, should be 0, 1 or 2)" % whence)
        return self._pos

    def truncate(self, size=None):
        if self._closed:
            raise _closed()
        if size is None:
            size = self._pos
        else:
            size = _index_arg(size)
            if size < 0:
                raise ValueError("negative size value %d" % size)
        if size < self._len:
            self._data = self._value()[:size]
            self._len = size
        return size
