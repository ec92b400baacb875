# An RPN calculator with a dict of operator lambdas and stack error handling.
import math

OPS = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
    "//": lambda a, b: a // b,
    "%": lambda a, b: a % b,
    "**": lambda a, b: a ** b,
    "max": max,
    "min": min,
}
UNARY = {"neg": lambda a: -a, "sqrt": math.sqrt, "abs": abs}


class StackUnderflow(Exception):
    pass


def rpn(expr):
    stack = []
    for tok in expr.split():
        if tok in OPS:
            if len(stack) < 2:
                raise StackUnderflow(f"{tok} needs 2 operands, have {len(stack)}")
            b = stack.pop()
            a = stack.pop()
            stack.append(OPS[tok](a, b))
        elif tok in UNARY:
            if not stack:
                raise StackUnderflow(f"{tok} needs 1 operand")
            stack.append(UNARY[tok](stack.pop()))
        elif tok == "dup":
            stack.append(stack[-1])
        elif tok == "swap":
            stack[-1], stack[-2] = stack[-2], stack[-1]
        else:
            stack.append(float(tok) if "." in tok else int(tok))
    if len(stack) != 1:
        raise ValueError(f"leftover stack: {stack}")
    return stack[0]


programs = [
    "3 4 +",
    "5 1 2 + 4 * + 3 -",
    "2 10 **",
    "7 2 /",
    "7 2 //",
    "-7 2 %",
    "16 sqrt 2 neg *",
    "3 dup *",
    "1 2 swap -",
    "4 9 max 2 min",
    "2.5 4 *",
    "1 +",
    "1 2 3",
    "1 0 /",
    "x 1 +",
]
for p in programs:
    try:
        print(f"{p!r:>24} -> {rpn(p)!r}")
    except StackUnderflow as e:
        print(f"{p!r:>24} -> underflow: {e}")
    except ZeroDivisionError as e:
        print(f"{p!r:>24} -> ZeroDivisionError: {e}")
    except ValueError as e:
        print(f"{p!r:>24} -> ValueError: {e}")
