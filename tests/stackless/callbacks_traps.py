# Callbacks and traps: the schedule callback sees every switch, the error
# handler swallows a tasklet's error, block_trap and switch_trap raise.
import stackless

names = {}


def name_of(t):
    if t is None:
        return "None"
    return "main" if t.is_main else names.get(id(t), "?")


switches = []


def on_switch(prev, next):
    switches.append(name_of(prev) + "->" + name_of(next))


def worker():
    stackless.schedule()


a = stackless.tasklet(worker)()
b = stackless.tasklet(worker)()
names[id(a)] = "a"
names[id(b)] = "b"
print(stackless.set_schedule_callback(on_switch))
stackless.run()
stackless.set_schedule_callback(None)
print(" ".join(switches))

handled = []


def handler(exc_type, exc_value, tb):
    handled.append((exc_type.__name__, str(exc_value)))


def failing():
    raise KeyError("lost")


print(stackless.set_error_handler(handler))
stackless.tasklet(failing)()
stackless.run()
print("handled", handled)
print(stackless.set_error_handler(None) is handler)
print(stackless.switch_trap(1), stackless.switch_trap(-1))
ch = stackless.channel()


def trapped():
    stackless.getcurrent().block_trap = True
    try:
        ch.receive()
    except RuntimeError as e:
        print("RuntimeError:", e)


stackless.tasklet(trapped)()
stackless.run()
stackless.switch_trap(1)
try:
    stackless.tasklet(worker)()
    stackless.schedule()
except RuntimeError as e:
    print("RuntimeError:", e)
stackless.switch_trap(-1)
stackless.run()

# The channel callback: (channel, tasklet, sending, willblock) before every
# channel operation.
ch = stackless.channel()
cb_log = []


def on_channel(channel, tasklet, sending, willblock):
    cb_log.append((channel is ch, "main" if tasklet.is_main else "r", sending, willblock))


def r():
    ch.receive()


stackless.tasklet(r)()
print(stackless.set_channel_callback(on_channel))
stackless.run()
ch.send(1)
print(stackless.set_channel_callback(None) is on_channel)
print(cb_log)
