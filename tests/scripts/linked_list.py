# A singly linked list class with iteration, indexing, insertion, reversal and removal.
class Node:
    def __init__(self, value, next=None):
        self.value = value
        self.next = next


class LinkedList:
    def __init__(self, items=()):
        self.head = None
        self.size = 0
        for x in items:
            self.append(x)

    def append(self, value):
        node = Node(value)
        if self.head is None:
            self.head = node
        else:
            cur = self.head
            while cur.next:
                cur = cur.next
            cur.next = node
        self.size += 1

    def push_front(self, value):
        self.head = Node(value, self.head)
        self.size += 1

    def __iter__(self):
        cur = self.head
        while cur:
            yield cur.value
            cur = cur.next

    def __len__(self):
        return self.size

    def __getitem__(self, index):
        if index < 0:
            index += self.size
        if not 0 <= index < self.size:
            raise IndexError("list index out of range")
        for i, v in enumerate(self):
            if i == index:
                return v

    def __contains__(self, value):
        return any(v == value for v in self)

    def remove(self, value):
        prev, cur = None, self.head
        while cur:
            if cur.value == value:
                if prev:
                    prev.next = cur.next
                else:
                    self.head = cur.next
                self.size -= 1
                return True
            prev, cur = cur, cur.next
        return False

    def reverse(self):
        prev, cur = None, self.head
        while cur:
            cur.next, prev, cur = prev, cur, cur.next
        self.head = prev

    def __repr__(self):
        return " -> ".join(str(v) for v in self) or "(empty)"


ll = LinkedList([3, 1, 4, 1, 5])
print(ll, len(ll), ll[0], ll[-1], 4 in ll, 9 in ll)
ll.push_front(0)
ll.append(9)
print(ll)
print(ll.remove(1), ll.remove(42), ll)
ll.reverse()
print(ll, list(ll), sum(ll), max(ll))
print([x * 2 for x in ll if x % 2])
empty = LinkedList()
print(empty, len(empty), list(empty))
empty.reverse()
try:
    ll[10]
except IndexError as e:
    print("IndexError:", e)
