# N-queens by backtracking with sets, plus a board printer.
def solve(n):
    solutions = []
    cols, diag1, diag2 = set(), set(), set()
    placement = []

    def place(row):
        if row == n:
            solutions.append(placement[:])
            return
        for c in range(n):
            if c in cols or (row - c) in diag1 or (row + c) in diag2:
                continue
            cols.add(c)
            diag1.add(row - c)
            diag2.add(row + c)
            placement.append(c)
            place(row + 1)
            placement.pop()
            cols.remove(c)
            diag1.remove(row - c)
            diag2.remove(row + c)

    place(0)
    return solutions


def board(sol):
    return "\n".join("".join("Q" if c == q else "." for c in range(len(sol))) for q in sol)


for n in range(1, 9):
    print(n, len(solve(n)))
first = solve(6)[0]
print(first)
print(board(first))
