# Pins: a coroutine driven by hand that is resumed while the Future it awaits
# is still pending raises RuntimeError("await wasn't used with future")
# (CPython's C FutureIter: a pending Future already marked as awaited is not
# yielded again, so a second `yield from` of it raises too); the coroutine is
# finished afterwards. Event.wait() and Queue.get() resumed that way raise the
# same error after their clean-up (the waiter is removed). A Future that is
# done by the next resumption returns its result (test_yield_from_twice).
import asyncio
import re
from vtloop import vtrun
from _trace import describe, show


def bare_repr(obj):
    return re.sub(r"^<asyncio\.locks\.(\w+) object at 0x[0-9a-f]+", r"<\1", repr(obj))


def resume_twice(label, coro, state):
    print(f"{label} yields: {coro.send(None)}")
    print(state())
    try:
        coro.send(None)
    except RuntimeError as e:
        print(f"{label} resumed while pending: {describe(e)}")
    print(state())


async def main():
    loop = asyncio.get_running_loop()

    fut = loop.create_future()

    def waiter():
        return (yield from fut)

    g = waiter()
    print(f"first resumption yields the future: {show(next(g) is fut)}")
    try:
        next(g)
    except RuntimeError as e:
        print(f"resumed while pending: {describe(e)}")
    try:
        next(g)
    except StopIteration:
        print("the coroutine is finished")

    # CPython's test_iter: unpacking the coroutine resumes it twice.
    fut2 = loop.create_future()

    def unpacked():
        yield from fut2

    try:
        arg1, arg2 = unpacked()
    except RuntimeError as e:
        print(f"unpacking: {describe(e)}")

    # The Future stays marked as awaited: another coroutine cannot yield it.
    def other():
        yield from fut2

    try:
        next(other())
    except RuntimeError as e:
        print(f"second awaiter: {describe(e)}")

    fut3 = loop.create_future()

    def twice():
        yield "A"
        x = yield from fut3
        yield ("B", x)
        y = yield from fut3
        yield ("C", y)

    g = twice()
    print(show(next(g)))
    print(f"yields the future: {show(next(g) is fut3)}")
    fut3.set_result(42)
    print(show(next(g)))
    print(show(next(g)))

    ev = asyncio.Event()
    resume_twice("Event.wait", ev.wait(), lambda: bare_repr(ev))
    q = asyncio.Queue()
    resume_twice("Queue.get", q.get(), lambda: str(q))
    q.put_nowait(1)
    print(f"get_nowait -> {show(q.get_nowait())}")

    fut.cancel()
    fut2.cancel()


vtrun(main())
