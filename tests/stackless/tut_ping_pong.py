# Tutorial: ping-pong. Two tasklets bat a ball back and forth over two
# channels; the ball counts its hits, and the player who sees the last
# hit stops the game by sending a StopIteration instead of the ball.
import stackless

to_ping = stackless.channel()
to_pong = stackless.channel()


def player(name, inbox, outbox):
    for ball in inbox:
        ball["hits"] += 1
        print("%-4s hits the ball (%d)" % (name, ball["hits"]))
        if ball["hits"] == 7:
            print(name, "wins")
            outbox.send_exception(StopIteration)
            return
        outbox.send(ball)
    print(name, "saw the game end")


ping = stackless.tasklet(player)("ping", to_ping, to_pong)
pong = stackless.tasklet(player)("pong", to_pong, to_ping)
stackless.tasklet(to_ping.send)({"hits": 0})  # serve
stackless.run()
print("both done:", not ping.alive and not pong.alive)

# The same game with tasklet.switch() and no channels: each player
# switches straight to the other one.
rally = []


def switcher(name):
    while len(rally) < 6:
        rally.append(name)
        other.switch() if name == "A" else first.switch()
    stackless.main.insert()


first = stackless.tasklet(switcher)
other = stackless.tasklet(switcher)
first.bind(args=("A",))
other.bind(args=("B",))
first.switch()
print("switch rally:", " ".join(rally))
print("paused after the rally:", first.paused or other.paused)
first.kill()
other.kill()
