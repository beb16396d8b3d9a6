# Pins: FIRST_COMPLETED returns as soon as one future is done, leaving the
# others pending and running (test_wait_first_completed); futures done in
# the same iteration are all in `done` (test_wait_really_done); an already
# done future makes it return without waiting.
import asyncio
from vtloop import vtrun
from _trace import now, show, start_clock


async def value(delay, v):
    await asyncio.sleep(delay)
    print(f"{now()} {v} finished")
    return v


async def zero_hops(n):
    for _ in range(n):
        await asyncio.sleep(0)
    return n


async def main():
    start_clock()
    a = asyncio.create_task(value(10, "a"))
    b = asyncio.create_task(value(1, "b"))
    done, pending = await asyncio.wait([a, b], return_when=asyncio.FIRST_COMPLETED)
    print(f"{now()} done={show([t.result() for t in done])} pending a={show(a in pending)} a done={show(a.done())}")
    x = asyncio.create_task(zero_hops(1))
    y = asyncio.create_task(zero_hops(2))
    done, pending = await asyncio.wait([y, x], return_when=asyncio.FIRST_COMPLETED)
    print(f"{now()} same iteration: done={len(done)} pending={len(pending)}")
    done, pending = await asyncio.wait([a, b], return_when=asyncio.FIRST_COMPLETED)
    print(f"{now()} with b already done: done={len(done)} pending={len(pending)}")
    await a
    print(f"{now()} a awaited")


vtrun(main())
