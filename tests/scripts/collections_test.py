# Lists, tuples, dicts and sets.
nums = [5, 3, 8, 1]
nums.append(7)
nums.insert(0, 10)
nums.extend([2, 2])
print(nums, len(nums), nums.index(8), nums.count(2))
print(nums.pop(), nums.pop(0), nums)
nums.remove(2)
nums.sort()
print(nums, sorted(nums, reverse=True), list(reversed(nums)))
nums.reverse()
print(nums, nums[1:3], nums[::-1], nums[-2:])
nums[1:3] = [100, 200, 300]
print(nums)
del nums[0]
del nums[-1:]
print(nums, 100 in nums, 5 not in nums)
grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid)
t = (1, 2, 3)
a, b, c = t
print(a + b + c, t[1:], t + (4,), t.index(2), (1, 2) < (1, 3))
d = {"one": 1, "two": 2}
d["three"] = 3
print(d, d["two"], d.get("four"), d.get("four", 4), "one" in d)
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.pop("one"), d, d.setdefault("x", 9), d)
d.update({"y": 10}, z=11)
print(sorted(d), len(d))
del d["x"]
print(d)
s = {3, 1, 2}
s.add(4)
s.discard(10)
print(sorted(s), 2 in s, len(s), sorted(s | {9}), sorted(s & {1, 2, 7}), sorted(s - {1}))
print(sorted({x % 3 for x in range(10)}), {k: v for k, v in zip("abc", range(3))})
print(list(enumerate("ab", start=1)), list(zip([1, 2, 3], "xy")), any([0, 1]), all([]))
print(list(range(5)), list(range(2, 10, 3)), list(range(5, 0, -2)), len(range(0, 10, 3)))
matrix = [[1, 2], [3, 4]]
print([row[i] for i in range(2) for row in matrix], [x for row in matrix for x in row if x > 1])
print(dict(a=1, b=2), dict([("x", 1)]), list("abc"), tuple([1, 2]), set())
first, *middle, last = range(6)
print(first, middle, last)
print([1, [2, [3]]] == [1, [2, [3]]], {"a": [1]} == {"a": [1]}, (1, 2) != (1, 2))
