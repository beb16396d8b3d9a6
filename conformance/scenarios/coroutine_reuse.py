# Pins: a coroutine object driven twice fails where CPython's does. The second
# driver resumes a coroutine another Task is suspended in, so it waits on the
# same Future; once the first Task has finished the coroutine, the second one
# fails with RuntimeError("cannot reuse already awaited coroutine") (its own
# result, the other results kept): gather(t, co) with t = create_task(co),
# create_task(co) twice, ensure_future on a started coroutine, as_completed,
# wait_for(co) in the caller while a Task also holds co, and a new run() of
# a coroutine a Task finished. wait() refuses bare coroutines outright.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def work(x):
    await asyncio.sleep(1)
    return x


def outcome(t):
    if t.cancelled():
        return "cancelled"
    e = t.exception()
    return describe(e) if e is not None else show(t.result())


async def main():
    start_clock()
    co = work(1)
    t = asyncio.create_task(co)
    results = await asyncio.gather(t, co, return_exceptions=True)
    print(f"{now()} gather(t, co) with return_exceptions: {show(results)}")

    co = work(2)
    t = asyncio.create_task(co)
    try:
        print(await asyncio.gather(t, co))
    except RuntimeError as e:
        print(f"{now()} gather(t, co) raised {describe(e)}; t: {outcome(t)}")

    co = work(3)
    t1 = asyncio.create_task(co)
    t2 = asyncio.create_task(co)
    await asyncio.wait([t1, t2])
    print(f"{now()} create_task twice: {outcome(t1)} / {outcome(t2)}")

    co = work(4)
    t1 = asyncio.create_task(co)
    await asyncio.sleep(0)
    f = asyncio.ensure_future(co)
    await asyncio.wait([t1, f])
    print(f"{now()} ensure_future on a started coroutine: {outcome(t1)} / {outcome(f)}")

    co = work(5)
    t1 = asyncio.create_task(co)
    for nxt in asyncio.as_completed([t1, co]):
        try:
            print(f"{now()} as_completed gave {show(await nxt)}")
        except RuntimeError as e:
            print(f"{now()} as_completed raised {describe(e)}")

    co = work(6)
    t1 = asyncio.create_task(co)
    print(f"{now()} wait_for(co, 10) gave {show(await asyncio.wait_for(co, 10))}")
    await asyncio.wait([t1])
    print(f"{now()} the Task holding co: {outcome(t1)}")

    co = work(7)
    try:
        await asyncio.wait([co])
    except TypeError as e:
        print(f"{now()} wait([co]) raised {describe(e)}")
    co.close()

    done = work(8)
    await asyncio.create_task(done)
    return done


finished = vtrun(main())
try:
    vtrun(finished)
except RuntimeError as e:
    print(f"run() of a finished coroutine raised {describe(e)}")
