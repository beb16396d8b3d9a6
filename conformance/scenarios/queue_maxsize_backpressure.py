# Pins: with maxsize 2, producers block in put() while the queue is full and
# are let in one at a time, oldest first, as a slow consumer frees slots; the
# items come out in the order the puts completed.
import asyncio
from vtloop import vtrun
from _trace import now, start_clock


async def main():
    start_clock()
    q = asyncio.Queue(2)

    async def producer(name, n):
        for i in range(n):
            item = f"{name}{i}"
            print(f"{now()} {name} puts {item} (full={q.full()})")
            await q.put(item)
            print(f"{now()} {name} put {item} (qsize {q.qsize()})")

    async def consumer():
        for _ in range(6):
            await asyncio.sleep(1)
            item = await q.get()
            print(f"{now()} consumer got {item}, {str(q)}")

    await asyncio.gather(producer("a", 3), producer("b", 3), consumer())
    print(f"{now()} done {str(q)}")


vtrun(main())
