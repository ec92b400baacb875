"""A small part of CPython 3.11's `os`: the path constants and `os.path`,
nothing that asks the operating system.

Offers: name ('posix'), sep, altsep, extsep, pathsep, linesep, curdir,
pardir, defpath, devnull, fspath, and the module `path` (os.path).

Left out: everything that touches the system: environ, getcwd, listdir,
files and directories, processes, users, stat, walk, urandom and the rest.
"""

from os import path

name = "posix"
sep = path.sep
altsep = path.altsep
extsep = path.extsep
pathsep = path.pathsep
linesep = "\n"
curdir = path.curdir
pardir = path.pardir
defpath = path.defpath
devnull = path.devnull


def fspath(p):
    """p if it is a str or bytes, else p.__fspath__()."""
    return path._fspath(p)
