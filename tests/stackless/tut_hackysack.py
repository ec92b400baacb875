# Tutorial: the hackysack simulation from the Stackless introduction. A
# circle of players, each a tasklet with a channel; whoever holds the sack
# kicks it to a random other player. A small linear congruential
# generator replaces the random module so every run kicks the same way.
# After a number of kicks the holder tells everybody to go home.
import stackless

seed = [12345]


def rand_below(n):
    seed[0] = (seed[0] * 1103515245 + 12345) % 2147483648
    return (seed[0] // 65536) % n


class Player:
    def __init__(self, name, circle, kicks):
        self.name = name
        self.circle = circle
        self.kicks = kicks
        self.channel = stackless.channel()
        self.touches = 0
        self.tasklet = stackless.tasklet(self.play)()

    def play(self):
        while True:
            msg = self.channel.receive()
            if msg == "go home":
                return
            self.touches += 1
            self.kicks[0] += 1
            if self.kicks[0] >= 40:
                print(self.name, "ends the game after", self.kicks[0], "kicks")
                for p in self.circle:
                    if p is not self:
                        p.channel.send("go home")
                return
            other = self
            while other is self:
                other = self.circle[rand_below(len(self.circle))]
            if self.kicks[0] <= 6:
                print(self.name, "kicks to", other.name)
            other.channel.send(self)


circle = []
kicks = [0]
for name in ["ann", "ben", "cat", "dan", "eve"]:
    circle.append(Player(name, circle, kicks))
circle[0].channel.send(None)
stackless.run()
for p in circle:
    print(p.name, "touched the sack", p.touches, "times, alive:", p.tasklet.alive)
print("total", sum(p.touches for p in circle))
