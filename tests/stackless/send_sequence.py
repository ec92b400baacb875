# send_sequence() from a tasklet (soft, parking between items) and from main
# (blocking): every item arrives in order and the count comes back.
import stackless
ch = stackless.channel()
def consumer():
    for v in ch:
        print("got", v)
def producer():
    n = ch.send_sequence(x * x for x in range(4))
    print("sent", n)
    ch.close()
stackless.tasklet(consumer)()
stackless.tasklet(producer)()
stackless.run()
# From main, blocking.
ch2 = stackless.channel()
def eat():
    while True:
        print("ate", ch2.receive())
stackless.tasklet(eat)()
print("main sent", ch2.send_sequence(["a", "b"]))
