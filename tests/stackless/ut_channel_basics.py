# Ported from Stackless's unittests/test_channel.py (TestChannels) and
# test_chan_cb.py: blocking and non-blocking send/receive, balance and
# queue, send_exception, send_throw, block_trap on main and on a worker,
# the main tasklet blocking with no sender, subclassing channel.
import stackless


def show(label, f, *args):
    try:
        r = f(*args)
        print(label, "returned", repr(r))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


# testBlockingSend
def sender(ch):
    ch.send(1)


ch = stackless.channel()
t = stackless.tasklet(sender)(ch)
t.run()
print("blocking_send", t.blocked, t.scheduled, t.paused, ch.balance, ch.queue is t)
print("receive from the blocked sender", ch.receive(), ch.balance, repr(ch.queue))
stackless.run()
print("sender done", t.alive, t.blocked)


# testBlockingReceive
def receiver(ch, out):
    out.append(ch.receive())


ch = stackless.channel()
got = []
t = stackless.tasklet(receiver)(ch, got)
t.run()
print("blocking_receive", t.blocked, ch.balance, ch.queue is t)

# testNonBlockingSend: main sends with block_trap set, the receiver waits
stackless.getcurrent().block_trap = True
try:
    ch.send("value")
finally:
    stackless.getcurrent().block_trap = False
print("non_blocking_send", got, t.alive, ch.balance)
stackless.run()
print("receiver done", got, t.alive)

# testNonBlockingReceive: main receives with block_trap set
ch = stackless.channel()
t = stackless.tasklet(sender)(ch)
t.run()
stackless.getcurrent().block_trap = True
try:
    v = ch.receive()
finally:
    stackless.getcurrent().block_trap = False
print("non_blocking_receive", v, t.alive, t.scheduled)
t.kill()
print("killed sender", t.alive)

# testMainTaskletBlockingWithoutASender
c = stackless.channel()
show("main_blocking_receive", c.receive)
show("main_blocking_send", c.send, 1)
print("balance after deadlock", c.balance, repr(c.queue))


# testSendException: the receiver gets the exception with its arguments
def exc_sender(ch):
    ch.send_exception(ValueError, 1, 2, 3)


ch = stackless.channel()
t = stackless.tasklet(exc_sender)(ch)
t.run()
try:
    ch.receive()
except ValueError as e:
    print("send_exception", type(e).__name__, e.args)
t = stackless.tasklet(exc_sender)(ch)
t.run()
show("send_exception again", ch.receive)
stackless.run()


# send_exception with no arguments and with an exception that is not a class
def exc_sender2(ch, *args):
    try:
        ch.send_exception(*args)
    except Exception as e:
        print("sender side", type(e).__name__ + ":", e)


for args in [(KeyError,), (KeyError, "k"), (StopIteration, 5)]:
    t = stackless.tasklet(exc_sender2)(ch, *args)
    t.run()
    try:
        ch.receive()
    except BaseException as e:
        print("received", type(e).__name__, e.args)
    stackless.run()
show("send_exception(instance)", ch.send_exception, KeyError("i"))
show("send_exception(not an exception)", ch.send_exception, 42)
show("send_exception()", ch.send_exception)
print("balance", ch.balance)


# testSendThrow: send_throw(cls, val, tb) and send_throw(instance)
def bar():
    raise ValueError(1, 2, 3)


def throw_sender(ch):
    try:
        bar()
    except Exception as e:
        ch.send_throw(type(e), e, e.__traceback__)


ch = stackless.channel()
t = stackless.tasklet(throw_sender)(ch)
t.run()
try:
    ch.receive()
except ValueError as e:
    print("send_throw", e.args)
    thrown = e
stackless.run()


def inst_sender(ch, exc):
    ch.send_throw(exc)


for exc in [IndexError("x"), IndexError, NotImplementedError]:
    t = stackless.tasklet(inst_sender)(ch, exc)
    t.run()
    try:
        ch.receive()
    except Exception as e:
        print("send_throw received", type(e).__name__, e.args)
    stackless.run()


# testBlockTrapSend / testBlockTrapRecv: on main and on a worker
def trapped(op):
    c = stackless.current
    old = c.block_trap
    c.block_trap = True
    try:
        try:
            if op == "send":
                ch.send(None)
            else:
                ch.receive()
        except RuntimeError as e:
            print("block_trap", op, "main" if c.is_main else "worker", e)
    finally:
        c.block_trap = old


for op in ("send", "receive"):
    trapped(op)
    stackless.tasklet(trapped)(op)
    stackless.run()
print("balance after traps", ch.balance)


# block_trap does not stop an operation that finds a partner
def partner():
    ch.receive()


stackless.tasklet(partner)()
stackless.run()
stackless.current.block_trap = True
ch.send("fine")
stackless.current.block_trap = False
print("send to a waiting receiver under block_trap ok", ch.balance)
stackless.run()


# Subclassing: test_init
class MyChannel(stackless.channel):
    def __init__(self, name):
        super(MyChannel, self).__init__()
        self.name = name


c = MyChannel("bong")
print("subclass", c.name, isinstance(c, stackless.channel), c.balance)


def sub_receiver():
    print("subclass channel received", c.receive())


stackless.tasklet(sub_receiver)()
stackless.run()
c.send("through the subclass")
stackless.run()


# test_chan_cb.py test0: the callback sees the sender (main) with the value
# still in its tempval; testGetCallback
class ChannelMonitor:
    def __init__(self):
        self.history = []

    def __call__(self, channel, tasklet, sending, willblock):
        self.history.append((channel is chan, tasklet is stackless.main, sending, willblock, tasklet.tempval))


chan = stackless.channel()
stackless.tasklet(lambda ch: ch.receive())(chan)
mon = ChannelMonitor()
print("get_channel_callback", stackless.get_channel_callback())
print("set_channel_callback", stackless.set_channel_callback(mon))
print("get is mon", stackless.get_channel_callback() is mon)
chan.send(42)
stackless.run()
print("old is mon", stackless.set_channel_callback(None) is mon)
print("get after reset", stackless.get_channel_callback())
print("history", mon.history)


# testSendThrow, last part: the traceback sent along ends in bar()
tb = thrown.__traceback__
names = []
while tb is not None:
    names.append(tb.tb_frame.f_code.co_name)
    tb = tb.tb_next
print("traceback ends in", names[-1])
