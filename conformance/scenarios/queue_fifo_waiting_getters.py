# Pins: getters waiting on an empty queue are served in the order they began
# waiting; each put_nowait wakes one getter, which takes its item only when it
# runs; the str() of the queue shows waiters, items and unfinished tasks.
import asyncio
from vtloop import vtrun
from _trace import now, start_clock


async def main():
    start_clock()
    q = asyncio.Queue()

    async def getter(name):
        print(f"{now()} {name} waits")
        item = await q.get()
        print(f"{now()} {name} got {item} (qsize {q.qsize()})")

    tasks = [asyncio.create_task(getter(n)) for n in ("g1", "g2", "g3")]
    await asyncio.sleep(0)
    print(str(q))
    q.put_nowait("a")
    q.put_nowait("b")
    print(str(q))
    await asyncio.sleep(0)
    print(str(q))
    await asyncio.sleep(1)
    await q.put("c")
    await asyncio.sleep(0)
    for item in ("d", "e"):
        await q.put(item)
    print(str(q))
    print(q.get_nowait(), q.get_nowait(), q.empty())
    await asyncio.gather(*tasks)
    print(f"{now()} done {str(q)}")


vtrun(main())
