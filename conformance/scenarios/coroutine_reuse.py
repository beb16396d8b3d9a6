# Pins: a coroutine object driven twice fails where CPython's does and
# asyncio-ts can see it (kernel/shared-coroutines.ts). The second Task
# resumes a coroutine another Task is suspended in, so it waits on the same
# Future; once the first Task has finished the coroutine, by returning or by
# raising, the second one fails with RuntimeError("cannot reuse already
# awaited coroutine") (its own result, the other results kept): gather(t, co)
# with t = create_task(co), create_task(co) twice (also with the first cancelled),
# ensure_future on a started coroutine, and as_completed. wait() refuses bare
# coroutines outright. Not pinned, as asyncio-ts differs (docs/porting.md):
# a coroutine finished before its second driver starts (a new run() of it),
# and wait_for(co) in the caller while a Task also holds co.
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

    co = work(8)
    t1 = asyncio.create_task(co)
    t2 = asyncio.create_task(co)
    await asyncio.sleep(0)
    t1.cancel()
    await asyncio.wait([t1, t2])
    print(f"{now()} create_task twice, the first cancelled: {outcome(t1)} / {outcome(t2)}")

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

    co = work(7)
    try:
        await asyncio.wait([co])
    except TypeError as e:
        print(f"{now()} wait([co]) raised {describe(e)}")
    co.close()


vtrun(main())
