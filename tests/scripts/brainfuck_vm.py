# A Brainfuck interpreter with precomputed bracket jumps, running hello-world and an adder.
def run(code, inp=""):
    code = [c for c in code if c in "+-<>[].,"]
    jumps, stack = {}, []
    for i, c in enumerate(code):
        if c == "[":
            stack.append(i)
        elif c == "]":
            j = stack.pop()
            jumps[i], jumps[j] = j, i
    if stack:
        raise SyntaxError("unbalanced brackets")
    tape = [0] * 300
    ptr = pc = steps = 0
    out = []
    inp = list(inp)
    while pc < len(code):
        c = code[pc]
        if c == "+":
            tape[ptr] = (tape[ptr] + 1) % 256
        elif c == "-":
            tape[ptr] = (tape[ptr] - 1) % 256
        elif c == ">":
            ptr += 1
        elif c == "<":
            ptr -= 1
        elif c == ".":
            out.append(chr(tape[ptr]))
        elif c == ",":
            tape[ptr] = ord(inp.pop(0)) if inp else 0
        elif c == "[" and tape[ptr] == 0:
            pc = jumps[pc]
        elif c == "]" and tape[ptr] != 0:
            pc = jumps[pc]
        pc += 1
        steps += 1
    return "".join(out), steps

HELLO = "++++++++[>++++[>++>+++>+++>+<<<<-]>+>+>->>+[<]<-]>>.>---.+++++++..+++.>>.<-.<.+++.------.--------.>>+.>++."
print(run(HELLO))
ADD = ",>,[<+>-]<------------------------------------------------."
print(run(ADD, "34"))
REVERSE = ">,[>,]<[.<]"
print(run(REVERSE, "shoal"))
try:
    run("[[]")
except SyntaxError as e:
    print("SyntaxError:", e)
