# The persistence example of Stackless Python: a tasklet nine calls deep is
# pickled while it runs, and a second process resumes it where it stopped.
#
#   shoal run examples/persistence.py                  # writes tasklet.pickle
#   shoal run examples/persistence.py tasklet.pickle   # finishes the tasklet
import pickle
import sys

import stackless


def recurs(depth, level=1):
    print("enter level %s%d" % (level * "  ", level))
    if level >= depth:
        ch.send("hi")
    if level < depth:
        recurs(depth, level + 1)
    print("leave level %s%d" % (level * "  ", level))


def demo(depth):
    t = stackless.tasklet(recurs)(depth)
    print(ch.receive())
    with open("tasklet.pickle", "wb") as f:
        pickle.dump(t, f)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        with open(sys.argv[1], "rb") as f:
            t = pickle.load(f)
        t.insert()
        stackless.run()
    else:
        ch = stackless.channel()
        demo(9)
