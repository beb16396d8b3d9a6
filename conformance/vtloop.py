"""A virtual-time asyncio event loop for CPython 3.13: the conformance oracle.

`VirtualTimeLoop` is a SelectorEventLoop whose clock is virtual: when nothing
is ready, the selector does not sleep, it moves the clock to the earliest
timer's deadline.  Everything else (`_run_once`, tasks, futures, TaskGroup,
gather, runners) is CPython's own code, unchanged.

Importing this module also normalises the orders that CPython leaves to
chance, to the ones asyncio-ts promises (DESIGN.md, "The loop"):

  (a) timers with equal deadlines fire in scheduling order
      (TimerHandle compares (when, seq) instead of when alone);
  (b) a TaskGroup cancels its children in creation order
      (TaskGroup._tasks becomes an insertion-ordered set);
  (c) asyncio.all_tasks() lists tasks in creation order
      (it returns an insertion-ordered set sorted by creation sequence; this
      also fixes the order in which asyncio.run() cancels leftover tasks);
  (d) as_completed() wraps and watches its arguments in argument order
      (CPython de-duplicates them through a set, so the creation order of the
      tasks it makes for coroutines was random);
  (e) shutdown_asyncgens() closes the live async generators in the order of
      their first iteration (loop._asyncgens is a WeakSet, iterated in hash
      order).

Use `vtrun(main())` exactly like `asyncio.run(main())`.
"""

import asyncio
import collections.abc
import heapq
import itertools
import selectors
import threading
import weakref
from asyncio import events, taskgroups, tasks

__all__ = ("VirtualTimeLoop", "vtrun", "OrderedSet", "OrderedWeakSet", "DeadlockError",
           "on_deadlock")


class DeadlockError(RuntimeError):
    """Nothing is ready, no timer is pending, and no I/O arrived."""


# Called (with no arguments) instead of raising DeadlockError when set: the
# fuzzer prints a line and ends the process there, as Node does (it exits
# when nothing is left to wait for, without the shutdown's cancellations).
on_deadlock = None


class OrderedSet(collections.abc.MutableSet):
    """A set that iterates in insertion order (a dict underneath)."""

    def __init__(self, items=()):
        self._d = dict.fromkeys(items)

    def __contains__(self, x):
        return x in self._d

    def __iter__(self):
        return iter(self._d)

    def __len__(self):
        return len(self._d)

    def add(self, x):
        self._d[x] = None

    def discard(self, x):
        self._d.pop(x, None)

    def remove(self, x):
        del self._d[x]

    def clear(self):
        self._d.clear()

    def __repr__(self):
        return f"OrderedSet({list(self._d)!r})"


class OrderedWeakSet:
    """The part of weakref.WeakSet that loop._asyncgens uses, in insertion order."""

    def __init__(self):
        self._refs = {}

    def _forget(self, ref):
        self._refs.pop(ref, None)

    def add(self, item):
        self._refs.setdefault(weakref.ref(item, self._forget), None)

    def discard(self, item):
        self._refs.pop(weakref.ref(item), None)

    def clear(self):
        self._refs.clear()

    def __len__(self):
        return len(self._refs)

    def __iter__(self):
        for ref in list(self._refs):
            item = ref()
            if item is not None:
                yield item


_timer_seq = itertools.count()


class SeqTimerHandle(events.TimerHandle):
    """A TimerHandle ordered by (when, seq): equal deadlines stay FIFO."""

    __slots__ = ("_seq",)

    def __init__(self, when, callback, args, loop, context=None):
        super().__init__(when, callback, args, loop, context)
        self._seq = next(_timer_seq)

    def _key(self):
        return (self._when, self._seq)

    def __lt__(self, other):
        if isinstance(other, SeqTimerHandle):
            return self._key() < other._key()
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, SeqTimerHandle):
            return self._key() <= other._key()
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, SeqTimerHandle):
            return self._key() > other._key()
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, SeqTimerHandle):
            return self._key() >= other._key()
        return NotImplemented

    __hash__ = events.TimerHandle.__hash__


class _VirtualSelector(selectors.BaseSelector):
    """Wraps a real selector; never sleeps while a timer is pending."""

    # How long to wait for real I/O when no timer is pending, while I/O is
    # possible (see _io_possible), before declaring the program deadlocked
    # (a real loop would block forever). When no I/O is possible the loop is
    # deadlocked at once.
    DEADLOCK_GRACE = 5.0

    def __init__(self):
        self._real = selectors.DefaultSelector()
        self.loop = None

    def register(self, fileobj, events, data=None):
        return self._real.register(fileobj, events, data)

    def unregister(self, fileobj):
        return self._real.unregister(fileobj)

    def modify(self, fileobj, events, data=None):
        return self._real.modify(fileobj, events, data)

    def get_map(self):
        return self._real.get_map()

    def close(self):
        self._real.close()

    def select(self, timeout=None):
        ready = self._real.select(0)
        if ready or timeout == 0:
            return ready
        if timeout is None:
            # Only real I/O (e.g. an executor thread) could wake us.
            if self._io_possible():
                ready = self._real.select(self.DEADLOCK_GRACE)
                if ready:
                    return ready
            if on_deadlock is not None:
                on_deadlock()
            raise DeadlockError("virtual-time loop: nothing ready, "
                                "no timers, no I/O")
        # _run_once() computed timeout from the heap head, which it has just
        # purged of cancelled handles: jump exactly to that deadline.
        self.loop._advance_to(self.loop._scheduled[0]._when)
        return []

    def _io_possible(self):
        """Whether anything could still wake the loop: a file descriptor other
        than the loop's self-pipe, a signal handler, or another thread (an
        executor's, or one calling call_soon_threadsafe)."""
        loop = self.loop
        ssock = getattr(loop, "_ssock", None)
        own = ssock.fileno() if ssock is not None else None
        if any(key.fd != own for key in self._real.get_map().values()):
            return True
        if getattr(loop, "_signal_handlers", None):
            return True
        return (threading.active_count() > 1
                or getattr(loop, "_default_executor", None) is not None)


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    """SelectorEventLoop with a virtual clock starting at 0.0."""

    def __init__(self):
        self._vtime = 0.0
        self._vt_task_seq = weakref.WeakKeyDictionary()
        self._vt_next_seq = itertools.count()
        selector = _VirtualSelector()
        super().__init__(selector)
        selector.loop = self
        # (e) async generators closed at shutdown in first-iteration order.
        self._asyncgens = OrderedWeakSet()

    def time(self):
        return self._vtime

    def _advance_to(self, when):
        if when > self._vtime:
            self._vtime = when

    def call_at(self, when, callback, *args, context=None):
        # base_events.BaseEventLoop.call_at with SeqTimerHandle.
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        if self._debug:
            self._check_thread()
            self._check_callback(callback, 'call_at')
        timer = SeqTimerHandle(when, callback, args, self, context)
        if timer._source_traceback:
            del timer._source_traceback[-1]
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def create_task(self, coro, *, name=None, context=None):
        # Numbered before it exists: an eager task's first step runs inside
        # super().create_task() and may create tasks, which come after it.
        seq = next(self._vt_next_seq)
        task = super().create_task(coro, name=name, context=context)
        self._vt_task_seq[task] = seq
        return task


# (b) TaskGroup children in creation order.
_tg_init = taskgroups.TaskGroup.__init__


def _ordered_tg_init(self):
    _tg_init(self)
    self._tasks = OrderedSet()


taskgroups.TaskGroup.__init__ = _ordered_tg_init


# (c) all_tasks() in creation order.
_all_tasks = tasks.all_tasks


def _ordered_all_tasks(loop=None):
    if loop is None:
        loop = events.get_running_loop()
    found = _all_tasks(loop)
    seq = getattr(loop, "_vt_task_seq", None)
    if seq is None:
        return found
    inf = float("inf")
    return OrderedSet(sorted(found, key=lambda t: seq.get(t, inf)))


_ordered_all_tasks.__doc__ = _all_tasks.__doc__
tasks.all_tasks = _ordered_all_tasks
asyncio.all_tasks = _ordered_all_tasks


# (d) as_completed() in argument order (tasks._AsCompletedIterator.__init__
# with set(aws) replaced by an ordered de-duplication).
def _ordered_as_completed_init(self, aws, timeout):
    self._done = asyncio.Queue()
    self._timeout_handle = None

    loop = events.get_event_loop()
    todo = OrderedSet(tasks.ensure_future(aw, loop=loop)
                      for aw in dict.fromkeys(aws))
    for f in todo:
        f.add_done_callback(self._handle_completion)
    if todo and timeout is not None:
        self._timeout_handle = (
            loop.call_later(timeout, self._handle_timeout)
        )
    self._todo = todo
    self._todo_left = len(todo)


tasks._AsCompletedIterator.__init__ = _ordered_as_completed_init


def vtrun(main, *, debug=None):
    """asyncio.run(main) on a fresh VirtualTimeLoop (same shutdown)."""
    return asyncio.run(main, debug=debug, loop_factory=VirtualTimeLoop)


def vtrunner(*, debug=None):
    """An asyncio.Runner whose loop is a fresh VirtualTimeLoop."""
    return asyncio.Runner(debug=debug, loop_factory=VirtualTimeLoop)
