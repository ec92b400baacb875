# os.path: POSIX path names as strings (and bytes).
import os
import os.path
from os.path import join, split, splitext, basename, dirname, normpath


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


print(repr(os.sep), repr(os.linesep), os.curdir, os.pardir, repr(os.path.sep), os.path.extsep,
      os.path.pathsep, os.path.altsep, os.path.devnull, os.name)

for args in [("a",), ("a", "b"), ("a/", "b"), ("a", "/b", "c"), ("", "a"), ("a", ""), ("", ""),
             ("/", "a", "b/"), ("a", "b", "", "c"), ("//x", "y"), ("a//", "b")]:
    print("join", args, repr(join(*args)))
print(join(b"a", b"b"), join(b"/x", b"/y", b"z"))

paths = ["", "/", "//", "///", "a", "a/", "/a", "/a/b", "a/b/", "a//b", "/a/b.txt", "a.b.c",
         ".bashrc", "..", "../", "./x", "a/.hidden", "a/..b", "dir.d/file", "x/.", "/..",
         "foo.tar.gz", "...", "a/b/..", "//a//b//", "./../a/./b/../c"]
for p in paths:
    print(repr(p), split(p), splitext(p), repr(basename(p)), repr(dirname(p)), repr(normpath(p)),
          os.path.isabs(p), os.path.splitdrive(p), repr(os.path.normcase(p)))
print(split(b"/a/b"), splitext(b"x.py"), basename(b"/q/r"), dirname(b"/q/r"), normpath(b"/a/../b"), normpath(b""))

print(os.path.commonprefix(["/usr/lib", "/usr/local/lib"]), repr(os.path.commonprefix([])),
      os.path.commonprefix(["abc", "abd", "ab"]), os.path.commonprefix([[1, 2, 3], [1, 2, 4]]))
for group in [["/usr/lib", "/usr/local/lib"], ["/usr/lib/", "/usr/lib"], ["a/b", "a/c"], ["a/./b", "a/b/c"],
              ["/"], ["/a"], ["x"], [""], ["/a", "/b"], ["a", "b"], ["a//b", "a/b"]]:
    show("commonpath %r" % group, lambda: os.path.commonpath(group))
print(os.path.commonpath([b"/a/b", b"/a/c"]))
show("commonpath []", lambda: os.path.commonpath([]))
show("commonpath mixed", lambda: os.path.commonpath(["/a", "b"]))
show("commonpath str+bytes", lambda: os.path.commonpath(["a", b"b"]))

for p, start in [("/a/b/c", "/a"), ("/a", "/a/b/c"), ("/a/b", "/a/b"), ("/x/y", "/a/b"), ("/", "/a"),
                 ("/a", "/"), ("a/b", "a"), ("a", "a/b/c"), ("a/./b", "a/b/../b"), ("x", "y"),
                 ("/a/b/", "/a//b/c/."), ("a", ".")]:
    show("relpath %r %r" % (p, start), lambda: os.path.relpath(p, start))
print(os.path.relpath(b"/a/b", b"/c"))
show("relpath empty", lambda: os.path.relpath(""))
show("relpath mixed", lambda: os.path.relpath("/a", b"/b"))

# Errors for things that are not paths.
show("join(1)", lambda: join(1))
show("join('a', 1)", lambda: join("a", 1))
show("join str+bytes", lambda: join("a", b"b"))
show("join bytes+str", lambda: join(b"a", "b"))
show("split(None)", lambda: split(None))
show("basename(3)", lambda: basename(3))
show("normpath([])", lambda: normpath([]))
show("commonprefix([1])", lambda: os.path.commonprefix([1, 2]))


class P:
    def __init__(self, p):
        self.p = p

    def __fspath__(self):
        return self.p


print(join(P("/base"), P("x"), "y"), basename(P("/a/b.c")), splitext(P("q.z")), os.fspath(P("w")))
print(os.fspath("s"), os.fspath(b"b"))
show("fspath(1)", lambda: os.fspath(1))

# Typical use.
base = "/srv/app"
files = ["static/css/site.css", "templates/index.html", "README", "../etc/passwd"]
for f in files:
    full = normpath(join(base, f))
    root, ext = splitext(full)
    print(full, ext or "(none)", full.startswith(base + os.sep), os.path.relpath(full, base))
