"""The `queue` module for `shoal run`: blocking puts and gets park the
calling tasklet (a thread of the `threading` module)."""

import threading as _threading
import time as _time


class Empty(Exception):
    pass


class Full(Exception):
    pass


class Queue:
    def __init__(self, maxsize=0):
        self.maxsize = maxsize
        self.queue = []
        self._getters = []
        self._putters = []
        self._joiners = []
        self.unfinished_tasks = 0

    def _get(self):
        return self.queue.pop(0)

    def _put(self, item):
        self.queue.append(item)

    def qsize(self):
        return len(self.queue)

    def empty(self):
        return not self.queue

    def full(self):
        return 0 < self.maxsize <= len(self.queue)

    def put(self, item, block=True, timeout=None):
        if timeout is not None and timeout < 0:
            raise ValueError("'timeout' must be a non-negative number")
        endtime = None
        if timeout is not None:
            endtime = _time.monotonic() + timeout
        while self.full():
            if not block:
                raise Full
            left = None
            if endtime is not None:
                left = endtime - _time.monotonic()
                if left <= 0:
                    raise Full
            _threading._block(self._putters, left)
        self._put(item)
        self.unfinished_tasks = self.unfinished_tasks + 1
        _threading._wake_one(self._getters)

    def get(self, block=True, timeout=None):
        if timeout is not None and timeout < 0:
            raise ValueError("'timeout' must be a non-negative number")
        endtime = None
        if timeout is not None:
            endtime = _time.monotonic() + timeout
        while not self.queue:
            if not block:
                raise Empty
            left = None
            if endtime is not None:
                left = endtime - _time.monotonic()
                if left <= 0:
                    raise Empty
            _threading._block(self._getters, left)
        item = self._get()
        _threading._wake_one(self._putters)
        return item

    def put_nowait(self, item):
        return self.put(item, False)

    def get_nowait(self):
        return self.get(False)

    def task_done(self):
        if self.unfinished_tasks <= 0:
            raise ValueError("task_done() called too many times")
        self.unfinished_tasks = self.unfinished_tasks - 1
        if self.unfinished_tasks == 0:
            while _threading._wake_one(self._joiners):
                pass

    def join(self):
        while self.unfinished_tasks:
            _threading._block(self._joiners, None)


class LifoQueue(Queue):
    def _get(self):
        return self.queue.pop()


class SimpleQueue(Queue):
    def __init__(self):
        Queue.__init__(self, 0)
