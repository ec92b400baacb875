# Towers of Hanoi recursively and iteratively, with peg state rendering.
def hanoi(n, src, dst, via, moves):
    if n == 0:
        return
    hanoi(n - 1, src, via, dst, moves)
    moves.append((n, src, dst))
    hanoi(n - 1, via, dst, src, moves)

moves = []
hanoi(3, "A", "C", "B", moves)
print(len(moves), moves)
pegs = {"A": [3, 2, 1], "B": [], "C": []}
for disk, src, dst in moves:
    assert pegs[src][-1] == disk
    assert not pegs[dst] or pegs[dst][-1] > disk
    pegs[dst].append(pegs[src].pop())
    print(f"move {disk} {src}->{dst}  " + "  ".join(f"{k}:{''.join(map(str, v)):<3}" for k, v in sorted(pegs.items())))

def count_moves(n):
    return 0 if n == 0 else 2 * count_moves(n - 1) + 1
print([count_moves(n) for n in range(1, 11)])

def iterative(n):
    pegs = {"A": list(range(n, 0, -1)), "B": [], "C": []}
    order = ["A", "B", "C"] if n % 2 == 0 else ["A", "C", "B"]
    steps = 0
    for i in range(2 ** n - 1):
        a, b = [(order[0], order[1]), (order[0], order[2]), (order[1], order[2])][i % 3]
        if pegs[a] and (not pegs[b] or pegs[a][-1] < pegs[b][-1]):
            pegs[b].append(pegs[a].pop())
        else:
            pegs[a].append(pegs[b].pop())
        steps += 1
    return steps, pegs

print(iterative(4))
print(iterative(5)[1]["C"] == [5, 4, 3, 2, 1] or iterative(5)[1]["B"] == [5, 4, 3, 2, 1])
