# Pins: wait() with a timeout returns (done, pending) at the deadline and
# never raises TimeoutError or cancels anything (test_wait_with_timeout,
# test_wait_concurrent_complete); pending tasks go on; cancelling the task
# that waits leaves the futures alone.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def value(delay, v):
    await asyncio.sleep(delay)
    print(f"{now()} {v} finished")
    return v


async def main():
    start_clock()
    a = asyncio.create_task(value(1, "a"))
    b = asyncio.create_task(value(1.5, "b"))
    done, pending = await asyncio.wait([b, a], timeout=1.25)
    print(f"{now()} done a={show(a in done)} pending b={show(b in pending)} b cancelled={show(b.cancelled())}")
    c = asyncio.create_task(value(1, "c"))
    done, pending = await asyncio.wait([c], timeout=1)
    print(f"{now()} timeout equal to completion: done={len(done)} pending={len(pending)}")
    await b
    d = asyncio.create_task(value(5, "d"))

    async def waiting():
        return await asyncio.wait([d])

    w = asyncio.create_task(waiting())
    await asyncio.sleep(1)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError as e:
        print(f"{now()} waiter {describe(e)}, d cancelled={show(d.cancelled())}")
    print(f"{now()} d -> {show(await d)}")


vtrun(main())
