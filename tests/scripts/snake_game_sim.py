# A scripted Snake game: movement, growth on food, wall and self collision detection, score log.
class GameOver(Exception):
    pass

class Snake:
    MOVES = {"U": (-1, 0), "D": (1, 0), "L": (0, -1), "R": (0, 1)}

    def __init__(self, h, w, food):
        self.h, self.w = h, w
        self.body = [(h // 2, w // 2)]
        self.food = list(food)
        self.score = 0
        self.direction = "R"

    def step(self, turn=None):
        if turn and not (len(self.body) > 1 and self.MOVES[turn][0] == -self.MOVES[self.direction][0]
                         and self.MOVES[turn][1] == -self.MOVES[self.direction][1]):
            self.direction = turn
        dr, dc = self.MOVES[self.direction]
        head = (self.body[0][0] + dr, self.body[0][1] + dc)
        if not (0 <= head[0] < self.h and 0 <= head[1] < self.w):
            raise GameOver(f"hit wall at {head}")
        grows = bool(self.food) and head == self.food[0]
        body = self.body if grows else self.body[:-1]
        if head in body:
            raise GameOver(f"bit itself at {head}")
        self.body = [head] + body
        if grows:
            self.food.pop(0)
            self.score += 10

    def render(self):
        rows = []
        for r in range(self.h):
            line = ""
            for c in range(self.w):
                if (r, c) == self.body[0]:
                    line += "@"
                elif (r, c) in self.body:
                    line += "o"
                elif self.food and (r, c) == self.food[0]:
                    line += "*"
                else:
                    line += "."
            rows.append(line)
        return "\n".join(rows)

game = Snake(7, 9, [(3, 6), (1, 6), (1, 2), (5, 2)])
script = "RR" + "U" + "U" + "L" * 4 + "D" * 4 + "R" * 2 + "U" * 2 + "L" + "D" + "R"
for i, move in enumerate(script):
    try:
        game.step(move)
    except GameOver as e:
        print(f"step {i}: game over - {e}")
        break
    if i % 5 == 4:
        print(f"step {i}: len={len(game.body)} score={game.score}")
print(game.render())
print("final score", game.score, "length", len(game.body), "food left", game.food)
