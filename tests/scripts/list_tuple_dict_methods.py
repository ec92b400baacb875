# Everyday list, tuple and dict methods in a turn-based game's bookkeeping.
queue = ["knight", "archer", "mage"]
queue.append("rogue")
queue.insert(1, "healer")
queue.extend(["bard", "archer"])
print(queue, len(queue))
print(queue.index("archer"), queue.index("archer", 3), queue.count("archer"), queue.count("dragon"))
queue.remove("archer")
print(queue, queue.pop(), queue.pop(0), queue)
queue.reverse()
print(queue)
queue.sort()
print(queue, queue.copy() == queue, queue.copy() is queue)
queue[1:3] = ["paladin"]
print(queue)
del queue[::2]
print(queue)
queue.clear()
print(queue, [0] * 3 + [1], [[0] * 2 for _ in range(2)])

stats = (12, 7, 12, 3, 12, 9)
print(stats.count(12), stats.index(12), stats.index(12, 1), stats.index(3, 2, 5), stats[1:4], stats[::-1])
hp, mp, *rest = stats
print(hp, mp, rest, stats + (1,), (0,) * 3, tuple(sorted(set(stats))))
print(min(stats), max(stats), sum(stats), sorted(stats), (1, 2) < (1, 3), (2,) > (1, 9, 9))

board = {"alice": 30, "bob": 12}
print(board.get("carol"), board.get("carol", 0), board.setdefault("carol", 5), board.setdefault("alice", 0))
board.update({"bob": 20}, dave=8)
print(board)
print(list(board.keys()), list(board.values()), list(board.items())[:2])
print(board.pop("dave"), board.pop("zed", "absent"), board)
board["erin"] = 1
print(board.popitem(), board)
copy = board.copy()
copy["alice"] = 0
print(board["alice"], copy["alice"], copy == board, {**board, "bob": 0})
print(board | {"fay": 2}, dict(zip("abc", range(3))), dict([("x", 1), ("y", 2)]))
inverse = {v: k for k, v in board.items()}
print(inverse, sorted(board.items(), key=lambda kv: kv[1]))
merged = dict(board)
merged |= {"alice": 99}
print(merged, board["alice"])
for name in list(board):
    if board[name] < 10:
        del board[name]
print(board, "bob" in board, 20 in board, 20 in board.values())
print(list(reversed(board)), list(reversed(board.items())))
print(board.pop("ghost"))
