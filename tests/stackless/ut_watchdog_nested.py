# Ported from Stackless's unittests/test_watchdog.py (TestNewWatchdog):
# run() called from a tasklet other than main, nested run() calls, errors
# passed to the inner watchdog, waking main by hand, which watchdog is
# woken by an interrupt.
import stackless


def show(label, f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
        print(label, "returned", "<tasklet>" if isinstance(r, stackless.tasklet) else repr(r))
    except Exception as e:
        print(label, type(e).__name__ + ":", e)


done = [0]


def worker_func():
    stackless.schedule()
    done[0] += 1


def setup():
    done[0] = 0
    return stackless.tasklet(worker_func)()


# test_run_from_worker: main runs as a normal tasklet meanwhile
setup()


def runner_func():
    stackless.run()
    done[0] += 1


t = stackless.tasklet(runner_func)()
while not done[0]:
    stackless.schedule()
print("run_from_worker: done", done[0], "runner paused", t.paused, t.alive)
t.run()
print("after t.run()", done[0], t.alive)

# test_run_from_worker_main_blocked
setup()
c = stackless.channel()


def runner_func2():
    stackless.run()
    done[0] += 1
    c.send(None)


stackless.tasklet(runner_func2)()
c.receive()
print("run_from_worker_main_blocked: done", done[0])

# test_run_from_worker_main_running
setup()


def runner_func3():
    stackless.run()
    print("  inner run returned, done", done[0])
    done[0] += 1


stackless.tasklet(runner_func3)()
stackless.run()
print("run_from_worker_main_running: done", done[0])

# test_inner_run_completes_first
setup()


def runner_func4():
    stackless.run()
    print("  main paused while the inner run returns:", stackless.main.paused)
    done[0] += 1


stackless.tasklet(runner_func4)()
stackless.run()
print("inner_run_completes_first: done", done[0])

# test_inner_run_gets_error
setup()


def errfunc():
    raise RuntimeError("foo")


def runner_func5():
    stackless.tasklet(errfunc)()
    show("  inner run", stackless.run)
    done[0] += 1


stackless.tasklet(runner_func5)()
stackless.run()
print("inner_run_gets_error: done", done[0])

# test_manual_wakeup
setup()


def wakeupfunc():
    stackless.main.run()
    done[0] += 1


def runner_func6():
    stackless.tasklet(wakeupfunc)()
    stackless.run()
    done[0] += 1


stackless.tasklet(runner_func6)()
stackless.run()
print("manual_wakeup: done after the first run", done[0])
stackless.run()
print("manual_wakeup: done after the second run", done[0])

# test_main_exiting
setup()


def runner_func7():
    stackless.run()
    done[0] += 1


t = stackless.tasklet(runner_func7)()
while not done[0]:
    stackless.schedule()
print("main_exiting: done", done[0])
stackless.run()
print("after main's run", done[0])
stackless.run()
print("after main's second run", done[0])
stackless.schedule()
print("after schedule", done[0], t.alive)
t.kill()
print("killed", t.alive)


# _test_watchdog_on_tasklet: the tasklet running the watchdog is woken
def test_watchdog_on_tasklet(soft):
    setup()

    def runner():
        stackless.run(150, soft=soft, totaltimeout=True)
        if stackless.getruncount():
            done[0] += 1
        t1.kill()
        t2.kill()

    def task():
        while True:
            for i in range(500):
                i = i
            stackless.schedule()

    t1 = stackless.tasklet(task)()
    t2 = stackless.tasklet(task)()
    stackless.tasklet(runner)()
    stackless.run()
    print("watchdog_on_tasklet soft", soft, "done", done[0])


test_watchdog_on_tasklet(True)
test_watchdog_on_tasklet(False)


# _test_watchdog_priority: the outermost watchdog is woken first
def test_watchdog_priority(soft):
    setup()
    awoken = [0]

    def runner(recursive, start):
        if recursive:
            stackless.tasklet(runner)(recursive - 1, start)
        with stackless.atomic():
            stackless.run(10000, soft=soft, totaltimeout=True)
            a = awoken[0]
            awoken[0] += 1
        if recursive == start:
            print("  first watchdog woke up as number", a)
            done[0] += 1
        t1.kill()
        t2.kill()

    def task():
        while True:
            for i in range(100):
                i = i
            stackless.schedule()

    t1 = stackless.tasklet(task)()
    t2 = stackless.tasklet(task)()
    stackless.tasklet(runner)(3, 3)
    stackless.run()
    print("watchdog_priority soft", soft, "done", done[0])


test_watchdog_priority(True)
test_watchdog_priority(False)
