# A table-driven state machine (turnstile and traffic light) with dicts and tuples.
TRANSITIONS = {
    ("locked", "coin"): ("unlocked", "unlock"),
    ("locked", "push"): ("locked", "alarm"),
    ("unlocked", "push"): ("locked", "lock"),
    ("unlocked", "coin"): ("unlocked", "refund"),
}


class Turnstile:
    def __init__(self):
        self.state = "locked"
        self.coins = 0
        self.passes = 0
        self.alarms = 0

    def handle(self, event):
        new_state, action = TRANSITIONS[(self.state, event)]
        if action == "unlock":
            self.coins += 1
        elif action == "lock":
            self.passes += 1
        elif action == "alarm":
            self.alarms += 1
        old, self.state = self.state, new_state
        return f"{old:>8} --{event}--> {new_state:<8} [{action}]"


t = Turnstile()
for ev in "coin push push coin coin push".split():
    print(t.handle(ev))
print("coins=%d passes=%d alarms=%d" % (t.coins, t.passes, t.alarms))


def traffic_light(durations, ticks):
    order = ["green", "yellow", "red"]
    idx, remaining = 0, durations[order[0]]
    timeline = []
    for tick in range(ticks):
        timeline.append(order[idx][0].upper())
        remaining -= 1
        if remaining == 0:
            idx = (idx + 1) % len(order)
            remaining = durations[order[idx]]
    return "".join(timeline)


print(traffic_light({"green": 3, "yellow": 1, "red": 2}, 14))
print(traffic_light({"green": 1, "yellow": 1, "red": 1}, 7))

try:
    t.handle("kick")
except KeyError as e:
    print("bad event:", e)
