# A text adventure parser and a priority queue, as people write them.
import heapq
import random

ROOMS = {
    "hall": {"north": "kitchen", "east": "study"},
    "kitchen": {"south": "hall"},
    "study": {"west": "hall"},
}

VERBS = ("go", "take", "drop", "look", "quit")


class ParseError(Exception):
    pass


def parse(line):
    words = line.lower().split()
    if not words:
        raise ParseError("say something")
    verb, *rest = words
    if verb not in VERBS:
        raise ParseError(f"I don't know how to {verb!r}")
    return verb, " ".join(rest) or None


class PriorityQueue:
    def __init__(self):
        self._heap = []
        self._count = 0

    def push(self, priority, item):
        heapq.heappush(self._heap, (priority, self._count, item))
        self._count += 1

    def pop(self):
        if not self._heap:
            raise IndexError("pop from an empty queue")
        return heapq.heappop(self._heap)[-1]

    def __len__(self):
        return len(self._heap)


def play(commands):
    room = "hall"
    for line in commands:
        try:
            verb, obj = parse(line)
        except ParseError as e:
            print("?", e)
            continue
        if verb == "quit":
            break
        elif verb == "go":
            room = ROOMS[room].get(obj, room)
        print(f"[{room}] {verb} {obj or ''}".rstrip())
    return room


if __name__ == "__main__":
    random.seed(42)
    q = PriorityQueue()
    for word in ["delta", "alpha", "charlie", "bravo"]:
        q.push(random.random(), word)
    while len(q):
        print(q.pop())
    print(play(["look", "go north", "dance", "go south", "quit"]))
