# Run queue: FIFO round robin; getruncount counts the current tasklet.
import stackless


def worker(name):
    print(name + "0")
    stackless.schedule()
    print(name + "1")
    stackless.schedule()
    print(name + "-done")


stackless.tasklet(worker)("A")
stackless.tasklet(worker)("B")
print("queued", stackless.getruncount())
stackless.run()
print("after", stackless.getruncount())
# schedule(retval) returns retval; by default the current tasklet.
print(stackless.schedule("x"), stackless.schedule() is stackless.getcurrent())
