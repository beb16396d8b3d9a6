# Pins: shutdown() (not immediate) wakes every waiter: putters raise
# QueueShutDown, getters take the items still queued and raise QueueShutDown
# once it is empty; join() still waits for task_done() on every item.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def main():
    start_clock()
    q = asyncio.Queue(2)

    async def putter(item):
        try:
            await q.put(item)
            print(f"{now()} put {item}")
        except asyncio.QueueShutDown as e:
            print(f"{now()} put {item}: {describe(e)}")

    async def getter(name):
        try:
            while True:
                item = await q.get()
                print(f"{now()} {name} got {item}")
                await asyncio.sleep(1)
                q.task_done()
        except asyncio.QueueShutDown as e:
            print(f"{now()} {name}: {describe(e)}")

    async def joiner():
        await q.join()
        print(f"{now()} joined, {str(q)}")

    q.put_nowait("a")
    q.put_nowait("b")
    putters = [asyncio.create_task(putter(x)) for x in ("c", "d")]
    j = asyncio.create_task(joiner())
    await asyncio.sleep(0)
    print(str(q))
    q.shutdown()
    print(str(q))
    try:
        q.put_nowait("x")
    except asyncio.QueueShutDown as e:
        print(f"put_nowait: {describe(e)}")
    print(f"get_nowait: {q.get_nowait()}")
    q.task_done()
    getters = [asyncio.create_task(getter(n)) for n in ("g1", "g2", "g3")]
    await asyncio.gather(*putters, *getters, j)
    print(f"{now()} done, {str(q)}")


vtrun(main())
