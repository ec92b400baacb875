# An elevator controller simulation: request queue, direction changes, step-by-step log.
class Elevator:
    def __init__(self, floors):
        self.floors = floors
        self.floor = 0
        self.direction = 0
        self.requests = set()
        self.log = []
        self.travelled = 0

    def call(self, floor):
        if not 0 <= floor < self.floors:
            raise ValueError(f"no floor {floor}")
        self.requests.add(floor)

    def step(self):
        if self.floor in self.requests:
            self.requests.remove(self.floor)
            self.log.append(f"open at {self.floor}")
            return
        if not self.requests:
            self.direction = 0
            return
        ahead = [f for f in self.requests if (f - self.floor) * self.direction > 0]
        if self.direction == 0 or not ahead:
            nearest = min(self.requests, key=lambda f: (abs(f - self.floor), f))
            self.direction = 1 if nearest > self.floor else -1
        self.floor += self.direction
        self.travelled += 1
        self.log.append(f"move to {self.floor}")

    def run(self, schedule, max_ticks=40):
        for tick in range(max_ticks):
            for f in schedule.get(tick, []):
                self.call(f)
                self.log.append(f"t{tick}: call {f}")
            self.step()
            if not self.requests and tick > max(schedule):
                break
        return tick

e = Elevator(10)
ticks = e.run({0: [5, 2], 3: [8], 4: [1], 9: [9, 0]})
print("\n".join(e.log))
print("ticks", ticks, "travelled", e.travelled, "floor", e.floor)
try:
    e.call(12)
except ValueError as err:
    print("ValueError:", err)
