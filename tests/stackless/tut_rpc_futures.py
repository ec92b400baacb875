# Tutorial: remote calls between tasklets. A server tasklet takes requests
# (function name, arguments, reply channel) from its inbox; a client makes
# a call and blocks on its own reply channel. Errors travel back as
# exceptions with send_exception, so the caller sees them raised. A Future
# wraps the reply channel so a client can start several calls and collect
# the results later.
import stackless

inbox = stackless.channel()


def add(a, b):
    return a + b


def div(a, b):
    return a // b


def slow_square(x):
    stackless.schedule()  # pretend to wait for something
    return x * x


FUNCTIONS = {"add": add, "div": div, "slow_square": slow_square}


def serve_one(name, args, reply):
    try:
        result = FUNCTIONS[name](*args)
    except Exception as e:
        reply.send_exception(type(e), *e.args)
    else:
        reply.send(result)


def server():
    for name, args, reply in inbox:
        # one helper tasklet per request, so slow calls do not hold others
        stackless.tasklet(serve_one)(name, args, reply)


def call(name, *args):
    reply = stackless.channel()
    inbox.send((name, args, reply))
    return reply.receive()


class Future:
    def __init__(self, name, *args):
        self.reply = stackless.channel()
        self.done = False
        self.value = None
        stackless.tasklet(inbox.send)((name, args, self.reply))

    def result(self):
        if not self.done:
            self.value = self.reply.receive()
            self.done = True
        return self.value


def client():
    print("add(2, 3) =", call("add", 2, 3))
    try:
        call("div", 1, 0)
    except ZeroDivisionError as e:
        print("div(1, 0) raised ZeroDivisionError:", e)
    try:
        call("nope")
    except KeyError as e:
        print("nope() raised KeyError:", e)
    futures = [Future("slow_square", i) for i in range(5)]
    print("futures started")
    print("squares", [f.result() for f in futures])
    print("again, cached", futures[2].result())


srv = stackless.tasklet(server)()
cl = stackless.tasklet(client)()
stackless.run()
print("client done:", not cl.alive, "server waiting:", srv.blocked)
inbox.send_exception(StopIteration)
print("server stopped:", not srv.alive)
