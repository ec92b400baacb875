# Traceback objects: tb_frame, tb_lineno, tb_next, frames' f_code and f_back.
import sys


def inner(n):
    return 10 // n


def middle(n):
    return inner(n) + 1


def names(tb):
    out = []
    while tb is not None:
        out.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    return out


try:
    middle(0)
except ZeroDivisionError as e:
    print(names(e.__traceback__))
    tb = e.__traceback__
    while tb.tb_next is not None:
        tb = tb.tb_next
    frame = tb.tb_frame
    print(frame.f_code.co_name, frame.f_back.f_code.co_name, frame.f_lineno)
    print(type(tb).__name__, type(frame).__name__, type(frame.f_code).__name__)
    print(frame.f_code.co_filename.endswith("lang_traceback_objects.py"))
    kind, value, trace = sys.exc_info()
    print(kind.__name__, value is e, names(trace) == names(e.__traceback__))


def reraise():
    try:
        inner(0)
    except ZeroDivisionError:
        raise ValueError("wrapped")


try:
    reraise()
except ValueError as e:
    print(names(e.__traceback__), type(e.__context__).__name__)
    print(names(e.__context__.__traceback__))
print(ValueError("fresh").__traceback__)
