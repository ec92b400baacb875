# List methods in a to-do manager: append, insert, extend, remove, pop, index, count, sort, reverse, copy, clear.
todo = ["write tests", "fix bug"]
todo.append("review PR")
todo.insert(0, "coffee")
todo.extend(["deploy", "write tests"])
print(todo, len(todo), todo.count("write tests"), todo.index("fix bug"))
todo.remove("write tests")
print(todo)
done = todo.pop(0)
last = todo.pop()
print(done, last, todo)
snapshot = todo.copy()
todo.sort()
print(todo, snapshot)
todo.sort(key=len, reverse=True)
print(todo)
todo.reverse()
print(todo, snapshot == sorted(snapshot), todo is snapshot)
priorities = [(2, "deploy"), (1, "fix bug"), (3, "review PR"), (1, "alpha")]
priorities.sort()
print(priorities, [t for _, t in priorities])
nums = [5, 3, 8, 1, 9, 2]
evens = [n for n in nums if n % 2 == 0]
nums[1:3] = []
print(nums, evens, nums + evens, evens * 2, 8 in nums, 3 not in nums)
stack, queue = [], []
for x in range(4):
    stack.append(x)
    queue.append(x)
print([stack.pop() for _ in range(4)], [queue.pop(0) for _ in range(4)])
grid = [[0] * 3 for _ in range(2)]
grid[0][1] = 5
alias = [[0] * 3] * 2
alias[0][1] = 5
print(grid, alias)
matrix = [[3, 1], [2, 2], [1, 3]]
print(sorted(matrix), sorted(matrix, key=lambda r: r[1]), min(matrix), max(matrix, key=sum))
snapshot.clear()
print(snapshot, len(snapshot), [] == snapshot)
try:
    todo.remove("nothing")
except ValueError as e:
    print("ValueError:", e)
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    todo.index("zzz")
except ValueError as e:
    print("ValueError:", e)
