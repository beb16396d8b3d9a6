# Pins: shutdown(immediate=True) drops the queued items, counting each as
# done (floored at zero), releases join() only when nothing is unfinished,
# and makes every waiting get() and put() raise QueueShutDown.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def main():
    start_clock()
    q = asyncio.Queue()

    async def getter(queue, name):
        try:
            print(f"{now()} {name} got {await queue.get()}")
        except asyncio.QueueShutDown as e:
            print(f"{now()} {name}: {describe(e)}")

    async def joiner():
        await q.join()
        print(f"{now()} joined, {str(q)}")

    for item in (1, 2, 3):
        q.put_nowait(item)
    print(f"took {q.get_nowait()}")
    j = asyncio.create_task(joiner())
    await asyncio.sleep(0)
    q.shutdown(immediate=True)
    print(str(q))
    await asyncio.sleep(1)
    print(f"{now()} join done: {j.done()}")
    q.task_done()
    await j
    try:
        q.task_done()
    except ValueError as e:
        print(describe(e))
    await getter(q, "late")

    full = asyncio.Queue(1)
    full.put_nowait("x")
    p = asyncio.create_task(full.put("y"))
    empty = asyncio.Queue()
    gs = [asyncio.create_task(getter(empty, n)) for n in ("g1", "g2")]
    await asyncio.sleep(0)
    print(f"{str(full)} {str(empty)}")
    full.shutdown(immediate=True)
    empty.shutdown(immediate=True)
    print(f"{str(full)} {str(empty)}")
    try:
        await p
    except asyncio.QueueShutDown as e:
        print(f"{now()} putter: {describe(e)}")
    await asyncio.gather(*gs)
    print(f"{now()} done {str(full)}")


vtrun(main())
