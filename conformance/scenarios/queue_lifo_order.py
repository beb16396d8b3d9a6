# Pins: LifoQueue gives the most recent item first, also to getters that
# waited, and its bounded form blocks putters like Queue does.
import asyncio
from vtloop import vtrun
from _trace import now, show, start_clock


async def main():
    start_clock()
    q = asyncio.LifoQueue(3)
    for i in (1, 2, 3):
        await q.put(i)
    print(str(q), q.full())

    async def putter(item):
        await q.put(item)
        print(f"{now()} put {item}, {str(q)}")

    p = asyncio.create_task(putter(4))
    await asyncio.sleep(1)
    print(f"{now()} got {q.get_nowait()}")
    await p
    print(show([q.get_nowait() for _ in range(3)]))

    async def getter(name):
        print(f"{now()} {name} got {await q.get()}")

    gs = [asyncio.create_task(getter(n)) for n in ("g1", "g2")]
    await asyncio.sleep(0)
    q.put_nowait("a")
    q.put_nowait("b")
    q.put_nowait("c")
    await asyncio.gather(*gs)
    print(str(q))


vtrun(main())
