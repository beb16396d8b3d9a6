# Pins: a coroutine object driven twice fails where CPython's does and
# asyncio-ts can see it (kernel/shared-coroutines.ts). The second Task
# resumes a coroutine another Task is suspended in, so it waits on the same
# Future; once the first Task has finished the coroutine, by returning or by
# raising, the second one fails with RuntimeError("cannot reuse already
# awaited coroutine") (its own result, the other results kept): gather(t, co)
# with t = create_task(co), create_task(co) twice (also with the first cancelled),
# ensure_future on a started coroutine, and as_completed. wait() refuses bare
# coroutines outright. The second of two Tasks made one after the other on a
# coroutine is flagged as it is made, so coroutines that never wait on a
# Future fail too (none, or a bare yield: create_task twice, also with the
# first cancelled before it started, TaskGroup.create_task twice, eager
# tasks). Not pinned, as asyncio-ts differs (docs/porting.md): a coroutine
# finished before its second driver starts (a new run() of it), and
# wait_for(co) in the caller while a Task also holds co.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def work(x):
    await asyncio.sleep(1)
    return x


async def quick(x):
    return x


async def tick(x):
    await asyncio.sleep(0)
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

    for make in (quick, tick):
        co = make(9)
        t1 = asyncio.create_task(co)
        t2 = asyncio.create_task(co)
        await asyncio.wait([t1, t2])
        print(f"{now()} create_task twice on {make.__name__}: {outcome(t1)} / {outcome(t2)}")

    co = quick(10)
    t1 = asyncio.create_task(co)
    t2 = asyncio.create_task(co)
    t1.cancel()
    await asyncio.wait([t1, t2])
    print(f"{now()} create_task twice, the first cancelled before it ran: {outcome(t1)} / {outcome(t2)}")

    co = tick(11)
    try:
        async with asyncio.TaskGroup() as tg:
            t1 = tg.create_task(co)
            t2 = tg.create_task(co)
    except ExceptionGroup:
        pass
    print(f"{now()} TaskGroup.create_task twice: {outcome(t1)} / {outcome(t2)}")

    loop = asyncio.get_running_loop()
    loop.set_task_factory(asyncio.eager_task_factory)
    co = tick(12)
    t1 = asyncio.create_task(co)
    t2 = asyncio.create_task(co)
    loop.set_task_factory(None)
    await asyncio.wait([t1, t2])
    print(f"{now()} eager create_task twice on tick: {outcome(t1)} / {outcome(t2)}")

    co = work(7)
    try:
        await asyncio.wait([co])
    except TypeError as e:
        print(f"{now()} wait([co]) raised {describe(e)}")
    co.close()


vtrun(main())
