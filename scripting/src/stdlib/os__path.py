"""Path names, as CPython 3.11's `os.path` on POSIX (posixpath): pure
string operations on str or bytes paths, never touching the file system.

Offers: join, split, splitext, splitdrive, basename, dirname, normpath,
normcase, isabs, commonprefix, commonpath, relpath (see below), and the
constants sep, altsep, extsep, pathsep, curdir, pardir, defpath, devnull.
Arguments may be str, bytes, or objects with __fspath__.

Left out: everything that asks the system: exists, isfile, isdir, islink,
ismount, lexists, getsize, getmtime, getatime, getctime, samefile,
sameopenfile, samestat, abspath, realpath, expanduser, expandvars.
relpath works when the answer does not depend on the current directory
(both paths absolute, or both relative without climbing above it);
otherwise it raises NotImplementedError, since Shoal does not read the
current directory.
"""

__all__ = ["join", "split", "splitext", "splitdrive", "basename", "dirname",
           "normpath", "normcase", "isabs", "commonprefix", "commonpath",
           "relpath", "sep", "altsep", "extsep", "pathsep", "curdir", "pardir",
           "defpath", "devnull"]

sep = "/"
altsep = None
extsep = "."
pathsep = ":"
curdir = "."
pardir = ".."
defpath = "/bin:/usr/bin"
devnull = "/dev/null"


def _fspath(p):
    t = type(p)
    if t is str or t is bytes:
        return p
    if hasattr(p, "__fspath__"):
        r = p.__fspath__()
        if type(r) is str or type(r) is bytes:
            return r
        raise TypeError("expected %s.__fspath__() to return str or bytes, not %s"
                        % (t.__name__, type(r).__name__))
    raise TypeError("expected str, bytes or os.PathLike object, not %s"
                    % t.__name__)


def _sep(p):
    return b"/" if type(p) is bytes else "/"


def join(a, *p):
    """The path components joined with '/'; an absolute component
    discards what came before it."""
    a = _fspath(a)
    s = _sep(a)
    path = a
    for b in p:
        t = type(b)
        if t is not str and t is not bytes:
            if hasattr(b, "__fspath__"):
                b = _fspath(b)
            else:
                raise TypeError("join() argument must be str, bytes, or "
                                "os.PathLike object, not '%s'" % t.__name__)
        if type(b) is not type(a):
            raise TypeError("Can't mix strings and bytes in path components")
        if b.startswith(s):
            path = b
        elif not path or path.endswith(s):
            path = path + b
        else:
            path = path + s + b
    return path


def split(p):
    """(head, tail): tail is after the last '/', head is before it with
    trailing slashes removed (unless it is all slashes)."""
    p = _fspath(p)
    s = _sep(p)
    i = p.rfind(s) + 1
    head, tail = p[:i], p[i:]
    if head and head != s * len(head):
        head = head.rstrip(s)
    return head, tail


def splitext(p):
    """(root, ext): ext is the last dot and what follows it in the last
    component, unless the component's only dots lead it ('.bashrc')."""
    p = _fspath(p)
    if type(p) is bytes:
        s, dot = b"/", b"."
    else:
        s, dot = "/", "."
    sep_index = p.rfind(s)
    dot_index = p.rfind(dot)
    if dot_index > sep_index:
        i = sep_index + 1
        while i < dot_index:
            if p[i:i + 1] != dot:
                return p[:dot_index], p[dot_index:]
            i += 1
    return p, p[:0]


def splitdrive(p):
    """('', p): POSIX paths have no drive."""
    p = _fspath(p)
    return p[:0], p


def basename(p):
    """The last component of p."""
    p = _fspath(p)
    return p[p.rfind(_sep(p)) + 1:]


def dirname(p):
    """All but the last component of p."""
    p = _fspath(p)
    s = _sep(p)
    head = p[:p.rfind(s) + 1]
    if head and head != s * len(head):
        head = head.rstrip(s)
    return head


def isabs(p):
    """True if p starts with '/'."""
    p = _fspath(p)
    return p.startswith(_sep(p))


def normcase(p):
    """p itself: POSIX names are case-sensitive."""
    return _fspath(p)


def normpath(p):
    """p with '.' components, doubled slashes and 'x/..' pairs removed
    (two leading slashes are kept, as POSIX allows)."""
    p = _fspath(p)
    if type(p) is bytes:
        s, dot, dotdot, empty = b"/", b".", b"..", b""
    else:
        s, dot, dotdot, empty = "/", ".", "..", ""
    if not p:
        return dot
    initial = 0
    if p.startswith(s):
        initial = 1
        if p.startswith(s + s) and not p.startswith(s + s + s):
            initial = 2
    comps = []
    for comp in p.split(s):
        if comp == empty or comp == dot:
            continue
        if comp != dotdot or (not initial and not comps) or (comps and comps[-1] == dotdot):
            comps.append(comp)
        elif comps:
            comps.pop()
    p = s.join(comps)
    if initial:
        p = s * initial + p
    return p or dot


def commonprefix(m):
    """The longest string that starts every item of m (character by
    character, not component by component)."""
    if not m:
        return ""
    if type(m[0]) is not list and type(m[0]) is not tuple:
        m = tuple([_fspath(x) for x in m])
    s1 = min(m)
    s2 = max(m)
    for i in range(len(s1)):
        if s1[i] != s2[i]:
            return s1[:i]
    return s1


def _same_kind(paths):
    kinds = set()
    for p in paths:
        kinds.add(type(p) is bytes)
    if len(kinds) > 1:
        raise TypeError("Can't mix strings and bytes in path components")


def commonpath(paths):
    """The longest path that every path in paths lies under, component
    by component."""
    paths = tuple([_fspath(p) for p in paths])
    if not paths:
        raise ValueError("commonpath() arg is an empty sequence")
    _same_kind(paths)
    if type(paths[0]) is bytes:
        s, dot = b"/", b"."
    else:
        s, dot = "/", "."
    absolute = set()
    for p in paths:
        absolute.add(p[:1] == s)
    if len(absolute) != 1:
        raise ValueError("Can't mix absolute and relative paths")
    split_paths = [[c for c in p.split(s) if c and c != dot] for p in paths]
    s1 = min(split_paths)
    s2 = max(split_paths)
    common = s1
    for i in range(len(s1)):
        if s1[i] != s2[i]:
            common = s1[:i]
            break
    prefix = s if True in absolute else s[:0]
    return prefix + s.join(common)


def relpath(path, start=None):
    """path relative to start (the current directory by default)."""
    if not path:
        raise ValueError("no path specified")
    path = _fspath(path)
    if type(path) is bytes:
        s, dot, dotdot = b"/", b".", b".."
    else:
        s, dot, dotdot = "/", ".", ".."
    if start is None:
        start = dot
    else:
        start = _fspath(start)
    _same_kind((path, start))
    if not start:
        start = dot
    path_abs = path.startswith(s)
    start_abs = start.startswith(s)
    if path_abs != start_abs:
        raise NotImplementedError("relpath() of a relative and an absolute "
                                  "path needs the current directory, which "
                                  "Shoal does not read")
    if path_abs:
        a, b = normpath(start), normpath(path)
    else:
        # Under a made-up current directory: the answer is the same for
        # any, unless a path climbs above it.
        a, b = normpath(start), normpath(path)
        if a == dotdot or a.startswith(dotdot + s) or b == dotdot or b.startswith(dotdot + s):
            raise NotImplementedError("relpath() of a path above the current "
                                      "directory needs it, and Shoal does "
                                      "not read it")
        a = s + a if a != dot else s
        b = s + b if b != dot else s
    start_list = [x for x in a.split(s) if x]
    path_list = [x for x in b.split(s) if x]
    i = len(commonprefix([start_list, path_list]))
    rel_list = [dotdot] * (len(start_list) - i) + path_list[i:]
    if not rel_list:
        return dot
    return s.join(rel_list)
