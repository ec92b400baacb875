# The cooperative example of Stackless Python: a receiving, a sending and
# another tasklet share the scheduler. Run it with `shoal run`.
import stackless


def receiving_tasklet(ch):
    print("Receiving tasklet started")
    print(ch.receive())
    print("Receiving tasklet finished")


def sending_tasklet(ch):
    print("Sending tasklet started")
    ch.send("send from sending_tasklet")
    print("sending tasklet finished")


def another_tasklet():
    print("Just another tasklet in the scheduler")


ch = stackless.channel()
stackless.tasklet(receiving_tasklet)(ch)
stackless.tasklet(sending_tasklet)(ch)
stackless.tasklet(another_tasklet)()
stackless.run()
