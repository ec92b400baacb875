# A trie of words with counts: insert, prefix search, autocomplete ranked by frequency, deletion.
class TrieNode:
    def __init__(self):
        self.children = {}
        self.count = 0

class Trie:
    def __init__(self):
        self.root = TrieNode()
        self.size = 0

    def insert(self, word):
        node = self.root
        for ch in word:
            node = node.children.setdefault(ch, TrieNode())
        if node.count == 0:
            self.size += 1
        node.count += 1

    def _find(self, prefix):
        node = self.root
        for ch in prefix:
            node = node.children.get(ch)
            if node is None:
                return None
        return node

    def __contains__(self, word):
        node = self._find(word)
        return node is not None and node.count > 0

    def words(self, prefix=""):
        node = self._find(prefix)
        if node is None:
            return
        stack = [(node, prefix)]
        while stack:
            n, p = stack.pop()
            if n.count:
                yield p, n.count
            for ch in sorted(n.children, reverse=True):
                stack.append((n.children[ch], p + ch))

    def complete(self, prefix, k=3):
        found = list(self.words(prefix))
        found.sort(key=lambda wc: (-wc[1], wc[0]))
        return [w for w, _ in found[:k]]

    def remove(self, word):
        path = [self.root]
        for ch in word:
            nxt = path[-1].children.get(ch)
            if nxt is None:
                return False
            path.append(nxt)
        if path[-1].count == 0:
            return False
        path[-1].count = 0
        self.size -= 1
        for i in range(len(word) - 1, -1, -1):
            node = path[i + 1]
            if node.count or node.children:
                break
            del path[i].children[word[i]]
        return True

text = """the theory of the thing is that there are three themes then the theme
that thought through the threshold the thin thief threw thirty things"""
t = Trie()
for w in text.split():
    t.insert(w)
print(t.size, "the" in t, "th" in t, "thief" in t)
print([w for w, _ in t.words("thr")])
print(t.complete("th"), t.complete("the", 5), t.complete("x"))
print(list(t.words("thi")))
print(t.remove("the"), t.remove("the"), t.remove("zzz"), "the" in t, "then" in t, t.size)
print(t.complete("the", 10))
