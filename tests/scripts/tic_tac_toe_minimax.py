# Tic-tac-toe with a minimax player that plays against itself and against a scripted opponent.
LINES = [(0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8), (0, 4, 8), (2, 4, 6)]

def winner(b):
    for a, c, d in LINES:
        if b[a] != " " and b[a] == b[c] == b[d]:
            return b[a]
    return None

def minimax(b, player, memo):
    key = "".join(b) + player
    if key in memo:
        return memo[key]
    w = winner(b)
    if w:
        return (1 if w == "X" else -1), None
    moves = [i for i in range(9) if b[i] == " "]
    if not moves:
        return 0, None
    best = None
    for m in moves:
        b[m] = player
        score, _ = minimax(b, "O" if player == "X" else "X", memo)
        b[m] = " "
        if best is None or (player == "X" and score > best[0]) or (player == "O" and score < best[0]):
            best = (score, m)
    memo[key] = best
    return best

def show(b):
    return "\n".join("|".join(b[r * 3:r * 3 + 3]) for r in range(3))

memo = {}
board = [" "] * 9
board[0], board[4], board[8] = "X", "O", "X"
board[2] = "O"
print(show(board))
print("best for X:", minimax(board, "X", memo))
board = [" "] * 9
player = "X"
while winner(board) is None and " " in board:
    _, move = minimax(board, player, memo)
    board[move] = player
    player = "O" if player == "X" else "X"
print(show(board))
print("result:", winner(board) or "draw", "positions cached:", len(memo))
scripted = [1, 3, 5, 7, 8]
board = [" "] * 9
turn = "X"
while winner(board) is None and " " in board:
    if turn == "X":
        move = minimax(board, "X", memo)[1]
    else:
        move = next(m for m in scripted if board[m] == " ")
    board[move] = turn
    turn = "O" if turn == "X" else "X"
print(show(board))
print("result:", winner(board) or "draw")
