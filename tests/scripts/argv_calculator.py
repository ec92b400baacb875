# args: 12 + 30 x 2 - 7
# A command-line calculator reading its expression from sys.argv, left to right with x for multiply.
import sys

def calc(tokens):
    if not tokens:
        print("usage: argv_calculator.py NUM [OP NUM]...", file=sys.stderr)
        sys.exit(2)
    total = int(tokens[0])
    steps = [str(total)]
    for op, num in zip(tokens[1::2], tokens[2::2]):
        n = int(num)
        if op == "+":
            total += n
        elif op == "-":
            total -= n
        elif op == "x":
            total *= n
        elif op == "/":
            total //= n
        else:
            raise ValueError(f"unknown operator {op!r}")
        steps.append(f"{op} {n} = {total}")
    return total, steps

print("argv:", sys.argv[1:], len(sys.argv))
total, steps = calc(sys.argv[1:])
for s in steps:
    print("  " + s)
print("result:", total)
print(calc(["5", "x", "5", "/", "2"])[0])
try:
    calc(["1", "^", "2"])
except ValueError as e:
    print("ValueError:", e)
calc([])
