# Pins: a put() cancelled while waiting on a full queue inserts nothing; a
# put() woken by get_nowait and cancelled before it ran hands the free slot
# to the next waiting putter.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def main():
    start_clock()
    q = asyncio.Queue(1)
    q.put_nowait("first")

    async def putter(item):
        try:
            await q.put(item)
            print(f"{now()} put {item}, {str(q)}")
        except asyncio.CancelledError as e:
            print(f"{now()} put {item} cancelled: {describe(e)}, {str(q)}")
            raise

    p1 = asyncio.create_task(putter("p1"))
    p2 = asyncio.create_task(putter("p2"))
    p3 = asyncio.create_task(putter("p3"))
    await asyncio.sleep(0)
    print(str(q))
    p2.cancel()
    await asyncio.sleep(0)
    print(f"after waiting cancel: {str(q)}")

    await asyncio.sleep(1)
    print(f"{now()} got {q.get_nowait()}, {str(q)}")
    p1.cancel()
    results = await asyncio.gather(p1, p2, p3, return_exceptions=True)
    print(f"{now()} results {show([describe(r) if isinstance(r, BaseException) else r for r in results])}")
    items = []
    while not q.empty():
        items.append(q.get_nowait())
    print(f"left in queue: {show(items)}, {str(q)}")


vtrun(main())
