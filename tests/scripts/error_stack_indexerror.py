# A bracket matcher and a stack machine; the final pop from an empty stack raises IndexError.
def balanced(s):
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = []
    for i, ch in enumerate(s):
        if ch in "([{":
            stack.append((ch, i))
        elif ch in pairs:
            if not stack or stack[-1][0] != pairs[ch]:
                return f"mismatch at {i}"
            stack.pop()
    return "ok" if not stack else f"unclosed at {stack[-1][1]}"

for s in ["(a[b]{c})", "((]", "{[()()]}", "([)]", "(((", ""]:
    print(repr(s), balanced(s))

def run(program):
    stack = []
    for op in program:
        if isinstance(op, int):
            stack.append(op)
        elif op == "add":
            stack.append(stack.pop() + stack.pop())
        elif op == "mul":
            stack.append(stack.pop() * stack.pop())
        elif op == "print":
            print("top:", stack[-1])
    return stack

print(run([2, 3, "add", 4, "mul", "print"]))
print(run([1, "add"]))
