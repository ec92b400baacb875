"""The `threading` module for `shoal run`: every thread is a script
tasklet, and blocking calls park the tasklet (as gevent's monkey-patching
does for CPython). Timeouts are `time.sleep` tasklets that wake the
waiter if it still waits."""

import stackless
import time as _time

TIMEOUT_MAX = 1e9


def _block(waiters, timeout):
    """Parks the current tasklet on a channel queued in `waiters` until
    `_wake_one` wakes it (True) or `timeout` seconds pass (False)."""
    ch = stackless.channel()
    # The waker goes on running, as a thread that notifies does.
    ch.preference = 1
    waiters.append(ch)
    if timeout is not None:
        if timeout <= 0:
            waiters.remove(ch)
            return False
        stackless.tasklet(_expire)(ch, timeout)
    woken = ch.receive()
    if not woken and ch in waiters:
        waiters.remove(ch)
    return woken


def _expire(ch, timeout):
    _time.sleep(timeout)
    if ch.balance < 0:
        ch.send(False)


def _wake_one(waiters):
    while waiters:
        ch = waiters.pop(0)
        if ch.balance < 0:
            ch.send(True)
            return True
    return False


def _timeout_arg(blocking, timeout):
    if not blocking:
        if timeout != -1 and timeout is not None:
            raise ValueError("can't specify a timeout for a non-blocking call")
        return 0
    if timeout is None or timeout == -1:
        return None
    if timeout < 0:
        raise ValueError("timeout value must be a non-negative number")
    return timeout


class Lock:
    def __init__(self):
        self._locked = False
        self._waiters = []

    def acquire(self, blocking=True, timeout=-1):
        t = _timeout_arg(blocking, timeout)
        if not self._locked:
            self._locked = True
            return True
        if t == 0:
            return False
        # A release hands the lock straight to the first waiter.
        return _block(self._waiters, t)

    def release(self):
        if not self._locked:
            raise RuntimeError("release unlocked lock")
        if not _wake_one(self._waiters):
            self._locked = False

    def locked(self):
        return self._locked

    def __enter__(self):
        self.acquire()
        return True

    def __exit__(self, *exc):
        self.release()
        return False

    # For Condition.
    def _release_save(self):
        self.release()
        return None

    def _acquire_restore(self, state):
        self.acquire()

    def _is_owned(self):
        return self._locked


def allocate_lock():
    return Lock()


class RLock:
    def __init__(self):
        self._owner = None
        self._count = 0
        self._lock = Lock()

    def acquire(self, blocking=True, timeout=-1):
        me = get_ident()
        if self._owner == me:
            self._count = self._count + 1
            return True
        if self._lock.acquire(blocking, timeout):
            self._owner = me
            self._count = 1
            return True
        return False

    def release(self):
        if self._owner != get_ident():
            raise RuntimeError("cannot release un-acquired lock")
        self._count = self._count - 1
        if self._count == 0:
            self._owner = None
            self._lock.release()

    def __enter__(self):
        self.acquire()
        return True

    def __exit__(self, *exc):
        self.release()
        return False

    def _release_save(self):
        state = (self._count, self._owner)
        self._count = 0
        self._owner = None
        self._lock.release()
        return state

    def _acquire_restore(self, state):
        self._lock.acquire()
        self._count = state[0]
        self._owner = state[1]

    def _is_owned(self):
        return self._owner == get_ident()


class Condition:
    def __init__(self, lock=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self._waiters = []

    def acquire(self, *args):
        return self._lock.acquire(*args)

    def release(self):
        self._lock.release()

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *exc):
        return self._lock.__exit__(*exc)

    def wait(self, timeout=None):
        if not self._lock._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        state = self._lock._release_save()
        try:
            return _block(self._waiters, timeout)
        finally:
            self._lock._acquire_restore(state)

    def wait_for(self, predicate, timeout=None):
        endtime = None
        result = predicate()
        while not result:
            if timeout is not None:
                if endtime is None:
                    endtime = _time.monotonic() + timeout
                left = endtime - _time.monotonic()
                if left <= 0:
                    break
                self.wait(left)
            else:
                self.wait()
            result = predicate()
        return result

    def notify(self, n=1):
        if not self._lock._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        while n > 0 and _wake_one(self._waiters):
            n = n - 1

    def notify_all(self):
        self.notify(len(self._waiters))

    notifyAll = notify_all


class Semaphore:
    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._value = value
        self._waiters = []

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        if self._value > 0:
            self._value = self._value - 1
            return True
        if not blocking:
            return False
        # A release hands its unit straight to the first waiter.
        return _block(self._waiters, timeout)

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        while n > 0:
            if not _wake_one(self._waiters):
                self._value = self._value + 1
            n = n - 1

    def __enter__(self):
        self.acquire()
        return True

    def __exit__(self, *exc):
        self.release()
        return False


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        Semaphore.__init__(self, value)
        self._initial = value

    def release(self, n=1):
        if self._value + n > self._initial:
            raise ValueError("Semaphore released too many times")
        Semaphore.release(self, n)


class Event:
    def __init__(self):
        self._flag = False
        self._waiters = []

    def is_set(self):
        return self._flag

    isSet = is_set

    def set(self):
        self._flag = True
        while _wake_one(self._waiters):
            pass

    def clear(self):
        self._flag = False

    def wait(self, timeout=None):
        if self._flag:
            return True
        return _block(self._waiters, timeout)


_threads = {}
_counter = [0]
_non_daemon = []


def get_ident():
    return id(stackless.getcurrent())


get_native_id = get_ident


class Thread:
    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, daemon=None):
        self._target = target
        self._args = args
        if kwargs is None:
            kwargs = {}
        self._kwargs = kwargs
        if name is None:
            _counter[0] = _counter[0] + 1
            name = "Thread-%d" % _counter[0]
            tname = getattr(target, "__name__", None)
            if tname is not None:
                name = "%s (%s)" % (name, tname)
        self._name = name
        if daemon is None:
            daemon = current_thread().daemon
        self._daemon = daemon
        self._started = False
        self._finished = Event()
        self._ident = None

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, value):
        self._name = value

    @property
    def daemon(self):
        return self._daemon

    @daemon.setter
    def daemon(self, value):
        if self._started:
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemon = value

    @property
    def ident(self):
        return self._ident

    native_id = ident

    def getName(self):
        return self._name

    def setName(self, name):
        self._name = name

    def isDaemon(self):
        return self._daemon

    def setDaemon(self, daemonic):
        self.daemon = daemonic

    def __repr__(self):
        status = "initial"
        if self._started:
            status = "started"
        if self._finished.is_set():
            status = "stopped"
        if self._daemon:
            status = status + " daemon"
        return "<Thread(%s, %s)>" % (self._name, status)

    def start(self):
        if self._started:
            raise RuntimeError("threads can only be started once")
        self._started = True
        if not self._daemon:
            _non_daemon.append(self)
        stackless.tasklet(self._bootstrap)()

    def _bootstrap(self):
        self._ident = get_ident()
        _threads[self._ident] = self
        try:
            self.run()
        except SystemExit:
            pass
        except BaseException as e:
            _excepthook(self, e)
        finally:
            del _threads[self._ident]
            if self in _non_daemon:
                _non_daemon.remove(self)
            self._finished.set()

    def run(self):
        if self._target is not None:
            self._target(*self._args, **self._kwargs)

    def join(self, timeout=None):
        if not self._started:
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        self._finished.wait(timeout)

    def is_alive(self):
        return self._started and not self._finished.is_set()


def _excepthook(thread, e):
    import sys
    sys.stderr.write("Exception in thread %s:\n%s: %s\n" % (thread.name, type(e).__name__, e))


class _MainThread(Thread):
    def __init__(self):
        self._target = None
        self._args = ()
        self._kwargs = {}
        self._name = "MainThread"
        self._daemon = False
        self._started = True
        self._finished = Event()
        self._ident = get_ident()


class _DummyThread(Thread):
    def __init__(self):
        self._target = None
        self._args = ()
        self._kwargs = {}
        self._ident = get_ident()
        self._name = "Dummy-%d" % self._ident
        self._daemon = True
        self._started = True
        self._finished = Event()


_main = _MainThread()
_threads[_main._ident] = _main


def current_thread():
    t = _threads.get(get_ident())
    if t is None:
        return _DummyThread()
    return t


currentThread = current_thread


def main_thread():
    return _main


def enumerate():
    return list(_threads.values())


def active_count():
    return len(_threads)


activeCount = active_count

_shutdown_done = False


def _shutdown():
    """Waits for every non-daemon thread, as CPython does at exit."""
    global _shutdown_done
    try:
        while _non_daemon:
            _non_daemon[0].join()
    finally:
        _shutdown_done = True


class Timer(Thread):
    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        if args is None:
            args = []
        if kwargs is None:
            kwargs = {}
        self.args = args
        self.kwargs = kwargs
        self.finished = Event()

    def cancel(self):
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()
