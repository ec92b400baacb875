# The stackless module's surface, after Stackless's documentation
# (stackless.rst) and test_miscell.py (TestModule): current, main,
# runcount and their function forms, enable_softswitch, get_thread_info,
# TaskletExit as a builtin, the exported names.
import stackless

print("current is getcurrent()", stackless.current is stackless.getcurrent())
print("main is getmain()", stackless.main is stackless.getmain())
print("current is main at top level", stackless.current is stackless.main)
print("runcount", stackless.runcount, stackless.getruncount())
print("types", type(stackless.current).__name__, type(stackless.channel()).__name__)
print("tasklet and channel classes", stackless.tasklet.__name__, stackless.channel.__name__)
print("isinstance", isinstance(stackless.current, stackless.tasklet))
seen = {}


def inside():
    seen["current"] = stackless.current
    seen["is getcurrent"] = stackless.current is stackless.getcurrent()
    seen["main"] = stackless.main is stackless.getmain()
    seen["runcount"] = (stackless.runcount, stackless.getruncount())
    seen["current is main"] = stackless.current is stackless.main


t = stackless.tasklet(inside)()
stackless.tasklet(lambda: None)()
print("runcount with two queued", stackless.runcount)
stackless.run()
print("inside a tasklet", seen["current"] is t, seen["is getcurrent"], seen["main"], seen["runcount"], seen["current is main"])
print("runcount after", stackless.runcount)

# enable_softswitch(None) queries, a flag sets and returns the old value
print("enable_softswitch(None)", stackless.enable_softswitch(None))
old = stackless.enable_softswitch(False)
print("old", old, "now", stackless.enable_softswitch(None))
stackless.enable_softswitch(old)
print("restored", stackless.enable_softswitch(None))

# get_thread_info(thread_id) -> (main, current, runcount)
info = stackless.get_thread_info(stackless.current.thread_id)
print("get_thread_info", type(info).__name__, len(info), info[0] is stackless.main, info[1] is stackless.current, info[2])
stackless.tasklet(lambda: None)()
print("runcount in get_thread_info", stackless.get_thread_info(stackless.current.thread_id)[2])
stackless.run()
print("thread_id is an int", isinstance(stackless.current.thread_id, int))
print("tasklets share main's thread_id", stackless.tasklet(lambda: None)().thread_id == stackless.main.thread_id)
stackless.run()

# TaskletExit is a builtin
import builtins
print("TaskletExit builtin", builtins.TaskletExit is TaskletExit, TaskletExit.__name__, TaskletExit.__bases__[0].__name__)

# the documented names exist
for n in ["atomic", "channel", "current", "enable_softswitch", "get_channel_callback",
          "get_schedule_callback", "get_thread_info", "getcurrent", "getmain", "getruncount",
          "main", "run", "runcount", "schedule", "schedule_remove", "set_channel_callback",
          "set_error_handler", "set_schedule_callback", "switch_trap", "tasklet"]:
    if not hasattr(stackless, n):
        print("missing", n)
print("documented names checked")

# calling with wrong arguments
def show(label, f, *args):
    try:
        r = f(*args)
        print(label, "returned", repr(r))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


show("schedule(1, 2)", stackless.schedule, 1, 2)
show("getruncount(1)", stackless.getruncount, 1)
show("switch_trap()", stackless.switch_trap)
show("set_schedule_callback(5)", stackless.set_schedule_callback, 5)
show("set_channel_callback(5)", stackless.set_channel_callback, 5)
show("tasklet().kill(1, 2)", stackless.tasklet().kill, 1, 2)

# the classes come from the C module _stackless
print("module of the classes", stackless.tasklet.__module__, stackless.channel.__module__)
