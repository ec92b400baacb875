# Any callable can be a tasklet's function (Stackless's tasklet
# documentation): script functions, lambdas, bound methods, builtins,
# bound builtin methods (ch.send, ch.receive, list.append), classes,
# instances with __call__, static and class methods; the tasklet blocks
# inside a builtin that blocks.
import stackless

# a builtin function
t = stackless.tasklet(print)("printed", "by", "print", sep="-")
stackless.run()
print("print tasklet done", t.alive)

# bound builtin methods of a list and a dict
out = []
stackless.tasklet(out.append)(1)
stackless.tasklet(out.extend)([2, 3])
d = {}
stackless.tasklet(d.setdefault)("k", "v")
stackless.run()
print("list and dict methods", out, d)

# ch.send and ch.receive as tasklet functions
ch = stackless.channel()
r = stackless.tasklet(ch.receive)()
s = stackless.tasklet(ch.send)("x")
stackless.run()
print("receive and send tasklets alive", r.alive, s.alive)
sender = stackless.tasklet(ch.send)("queued")
stackless.run()
print("blocked builtin send", sender.blocked, ch.balance)
print("main receives", ch.receive(), sender.alive)
receiver = stackless.tasklet(ch.receive)()
stackless.run()
print("blocked builtin receive", receiver.blocked, ch.balance)
ch.send("to the builtin receiver")
print("receiver done", receiver.alive, ch.balance)
seq = stackless.tasklet(ch.send_sequence)("abc")
print("send_sequence tasklet feeds", [ch.receive() for i in range(3)])
stackless.run()


# a class: the instance is made in the tasklet
class Made:
    instances = []

    def __init__(self, a, b=0):
        Made.instances.append((a, b))
        stackless.schedule()
        Made.instances.append("init done")


t = stackless.tasklet(Made)(1, b=2)
stackless.run()
print("class as function", Made.instances, t.alive)


# an instance with __call__
class Callable:
    def __init__(self):
        self.calls = []

    def __call__(self, *args, **kwargs):
        self.calls.append((args, kwargs))
        stackless.schedule()
        self.calls.append("back")


c = Callable()
stackless.tasklet(c)(1, k=2)
stackless.tasklet(c)()
stackless.run()
print("instance with __call__", c.calls)


# bound, static and class methods
class Worker:
    log = []

    def __init__(self, name):
        self.name = name

    def work(self, n):
        for i in range(n):
            Worker.log.append(self.name + str(i))
            stackless.schedule()

    @staticmethod
    def static(x):
        Worker.log.append("static " + str(x))

    @classmethod
    def klass(cls, x):
        Worker.log.append(cls.__name__ + " " + str(x))


stackless.tasklet(Worker("a").work)(2)
stackless.tasklet(Worker("b").work)(2)
stackless.tasklet(Worker.static)(1)
stackless.tasklet(Worker.klass)(2)
stackless.tasklet(Worker.work)(Worker("c"), 1)
stackless.run()
print("methods", Worker.log)

# lambdas and closures
acc = []
stackless.tasklet(lambda x, y=1: acc.append(x + y))(1)


def make(n):
    def f():
        acc.append(n * 10)
    return f


stackless.tasklet(make(3))()
stackless.run()
print("lambda and closure", acc)

# a generator function: the tasklet only creates the generator
def gen():
    acc.append("generator body ran")
    yield 1


t = stackless.tasklet(gen)()
stackless.run()
print("generator function: body ran?", acc[-1] == "generator body ran", t.alive)

# builtins with a blocking callback: map over a function that receives
ch2 = stackless.channel()
results = []


def mapper():
    results.append(list(map(lambda x: x + ch2.receive(), [1, 2, 3])))


m = stackless.tasklet(mapper)()
stackless.run()
print("blocked inside map", m.blocked)
for v in (10, 20, 30):
    ch2.send(v)
stackless.run()
print("map result", results)

# stackless functions themselves
t = stackless.tasklet(stackless.schedule)()
stackless.run()
print("schedule as function", t.alive)

# errors raised by a builtin function in a tasklet reach main
stackless.tasklet(int)("not a number")
try:
    stackless.run()
except ValueError as e:
    print("ValueError:", e)

# a builtin that gets bad arguments fails when the tasklet runs
stackless.tasklet(len)(1, 2)
try:
    stackless.run()
except TypeError as e:
    print("TypeError:", e)
