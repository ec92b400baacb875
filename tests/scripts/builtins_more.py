# ascii(), slice(), Ellipsis and ..., super(type, obj), exit() and quit(), input() at the end of input.
print(ascii("é€😀\n"), ascii([1, "ü"]), ascii(b"\xff"), ascii("plain"))
class P:
    def __repr__(self):
        return "Pé"
print(ascii(P()), ascii([P()]))
s = slice(1, 10, 2)
print(s, slice(5), s.start, s.stop, s.step, s.indices(6), slice(None, None, -1).indices(4), list(range(10))[s], type(s).__name__)
print(..., Ellipsis, type(...).__name__, ... is Ellipsis, [...], {...: 1}[Ellipsis])
def todo():
    ...
print(todo())
class A:
    def hi(self):
        return "A"
class B(A):
    def hi(self):
        return "B" + super(B, self).hi()
print(B().hi(), type(super(B, B())).__name__, isinstance(super(B, B()), super))
try:
    input("name? ")
except EOFError as e:
    print()
    print("EOF:", e)
try:
    exit(3)
except SystemExit as e:
    print("exit", e.code)
try:
    quit()
except SystemExit as e:
    print("quit", e.code)
try:
    super(5, 1)
except TypeError as e:
    print(e)
print(IOError is OSError, EnvironmentError.__name__, issubclass(UserWarning, Warning), issubclass(TabError, SyntaxError))
try:
    raise UnicodeEncodeError("ascii", "é", 0, 1, "ordinal not in range(128)") if False else EOFError("done")
except EOFError as e:
    print(repr(e))
