# An uncaught KeyError deep in calls: traceback and exit status 1.
def lookup(table, key):
    return table[key]

def report(table):
    print("looking up")
    return lookup(table, "missing")

report({"present": 1})
