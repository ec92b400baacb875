# A binary search tree: insert, search, in-order traversal via generator, height, deletion.
class BST:
    class Node:
        def __init__(self, key, val):
            self.key, self.val = key, val
            self.left = self.right = None

    def __init__(self):
        self.root = None
        self.count = 0

    def put(self, key, val):
        def _put(node):
            if node is None:
                self.count += 1
                return BST.Node(key, val)
            if key < node.key:
                node.left = _put(node.left)
            elif key > node.key:
                node.right = _put(node.right)
            else:
                node.val = val
            return node
        self.root = _put(self.root)

    def get(self, key, default=None):
        node = self.root
        while node:
            if key == node.key:
                return node.val
            node = node.left if key < node.key else node.right
        return default

    def items(self, node="start"):
        if node == "start":
            node = self.root
        if node is None:
            return
        yield from self.items(node.left)
        yield (node.key, node.val)
        yield from self.items(node.right)

    def height(self, node="start"):
        if node == "start":
            node = self.root
        if node is None:
            return 0
        return 1 + max(self.height(node.left), self.height(node.right))

    def delete(self, key):
        def _min(node):
            while node.left:
                node = node.left
            return node
        def _del(node, key):
            if node is None:
                return None
            if key < node.key:
                node.left = _del(node.left, key)
            elif key > node.key:
                node.right = _del(node.right, key)
            else:
                self.count -= 1
                if node.left is None:
                    return node.right
                if node.right is None:
                    return node.left
                succ = _min(node.right)
                node.key, node.val = succ.key, succ.val
                self.count += 1
                node.right = _del(node.right, succ.key)
            return node
        self.root = _del(self.root, key)

    def __len__(self):
        return self.count


t = BST()
for word in "the quick brown fox jumps over the lazy dog".split():
    t.put(word, len(word))
print(len(t), t.height(), list(t.items()))
print(t.get("fox"), t.get("cat"), t.get("cat", -1))
for k in ["the", "quick", "zzz"]:
    t.delete(k)
print(len(t), [k for k, _ in t.items()], t.height())
nums = BST()
for n in [50, 30, 70, 20, 40, 60, 80, 35, 45, 65]:
    nums.put(n, n * n)
print([k for k, _ in nums.items()], nums.height())
nums.delete(30)
nums.delete(50)
print([k for k, _ in nums.items()], nums.root.key, nums.get(45))
