# Pins: what printing an object shows (print(obj) in Python, console.log(obj)
# in asyncio-ts): the one-line repr of loops, Futures, Tasks, handles, queues,
# locks, timeouts, task groups, context variables and runners, in several
# states. CPython's reprs also name the module, an address and source lines,
# which asyncio-ts leaves out; `r` strips them here. JavaScript cannot read a
# coroutine's function from a generator object, so a Task's coro prints as
# `<coroutine>`; `r` writes CPython's the same way.
import asyncio
import contextvars
import re
from vtloop import vtrun


def r(obj):
    s = repr(obj)
    s = re.sub(r"<(?:[\w.]+\.)?(\w+) object at 0x[0-9a-f]+", r"<\1", s)
    s = re.sub(r" at 0x[0-9a-f]+", "", s)
    s = re.sub(r" at \S+:\d+", "", s)
    s = re.sub(r"coro=<\w+\(\) [^>]*>", "coro=<coroutine>", s)
    s = s.replace("VirtualTimeLoop", "EventLoop").replace("SeqTimerHandle", "TimerHandle")
    return s


def cb(*args):
    pass


async def work(x):
    await asyncio.sleep(1)
    return x


async def fail():
    raise ValueError("boom")


async def main():
    loop = asyncio.get_running_loop()
    print(r(loop))

    f = loop.create_future()
    print(r(f))
    f.add_done_callback(cb)
    print(r(f))
    f.add_done_callback(cb)
    f.add_done_callback(cb)
    print(r(f))
    done = loop.create_future()
    done.set_result(42)
    print(r(done))
    text = loop.create_future()
    text.set_result("s")
    print(r(text))
    nothing = loop.create_future()
    nothing.set_result(None)
    print(r(nothing))
    failed = loop.create_future()
    failed.set_exception(ValueError("boom"))
    print(r(failed))
    failed.exception()
    cancelled = loop.create_future()
    cancelled.cancel()
    print(r(cancelled))
    listed = loop.create_future()
    listed.set_result([1, "a", None, 1.5, True])
    print(r(listed))

    t = asyncio.create_task(work(1), name="worker")
    print(r(t))
    await asyncio.sleep(0)
    print(r(t))
    t.cancel()
    print(r(t))
    await asyncio.sleep(0)
    print(r(t))
    t2 = asyncio.create_task(work(2))
    await t2
    print(r(t2))
    t3 = asyncio.create_task(fail())
    await asyncio.sleep(0)
    print(r(t3))
    t3.exception()
    gathered = asyncio.gather(work(1), work(2))
    print(r(gathered))
    await gathered
    print(r(gathered))

    h = loop.call_soon(cb, "x")
    print(r(h))
    h.cancel()
    print(r(h))
    th = loop.call_later(1.5, cb, "x")
    print(r(th))
    th.cancel()
    print(r(th))
    whole = loop.call_later(2, cb)
    print(r(whole))
    whole.cancel()

    q = asyncio.Queue()
    print(r(q))
    q.put_nowait(1)
    q.put_nowait("two")
    print(r(q))
    q.get_nowait()
    q.task_done()
    print(r(q))
    full = asyncio.Queue(1)
    full.put_nowait(1)
    putter = asyncio.create_task(full.put(2))
    await asyncio.sleep(0)
    print(r(full))
    empty = asyncio.Queue()
    getter = asyncio.create_task(empty.get())
    await asyncio.sleep(0)
    print(r(empty))
    empty.shutdown()
    print(r(empty))
    await asyncio.sleep(0)
    pq = asyncio.PriorityQueue()
    pq.put_nowait(3)
    pq.put_nowait(1)
    print(r(pq))
    lq = asyncio.LifoQueue()
    lq.put_nowait(3)
    lq.put_nowait(1)
    print(r(lq))

    lock = asyncio.Lock()
    print(r(lock))
    await lock.acquire()
    waiter = asyncio.create_task(lock.acquire())
    await asyncio.sleep(0)
    print(r(lock))
    print(r(asyncio.Event()))
    print(r(asyncio.Condition()))
    print(r(asyncio.Semaphore(2)))
    print(r(asyncio.BoundedSemaphore()))
    print(r(asyncio.Barrier(2)))

    to = asyncio.timeout(1.5)
    print(r(to))
    async with to:
        print(r(to))
        to.reschedule(None)
        print(r(to))
        to.reschedule(loop.time() + 0.25)
        print(r(to))
    print(r(to))
    tg = asyncio.TaskGroup()
    print(r(tg))
    async with tg:
        print(r(tg))
        tg.create_task(work(1))
        print(r(tg))
    print(r(tg))

    var = contextvars.ContextVar("var", default=1)
    token = var.set(2)
    print(r(var))
    print(r(token))
    var.reset(token)
    print(r(token))
    print(r(contextvars.copy_context()))
    print(r(asyncio.Runner()))

    waiter.cancel()
    putter.cancel()
    getter.cancel()
    await asyncio.sleep(0)


vtrun(main())
