# Pins: join() returns at once when no task is unfinished, otherwise when the
# last task_done() brings the count to zero (several joiners wake together,
# in the order they joined); one task_done() too many raises ValueError.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def main():
    start_clock()
    q = asyncio.Queue()
    await q.join()
    print(f"{now()} empty join returned")

    async def worker(name):
        while True:
            item = await q.get()
            await asyncio.sleep(item)
            print(f"{now()} {name} finished {item}")
            q.task_done()

    async def joiner(name):
        await q.join()
        print(f"{now()} {name} joined, {str(q)}")

    for item in (3, 1, 2, 1):
        q.put_nowait(item)
    workers = [asyncio.create_task(worker(f"w{i}")) for i in range(2)]
    joiners = [asyncio.create_task(joiner(f"j{i}")) for i in range(2)]
    await q.join()
    print(f"{now()} main joined")
    await asyncio.gather(*joiners)
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    try:
        q.task_done()
    except ValueError as e:
        print(describe(e))
    q.put_nowait(5)
    j = asyncio.create_task(q.join())
    await asyncio.sleep(0)
    print(f"join waiting: {not j.done()}")
    print(f"got {q.get_nowait()}, {str(q)}")
    q.task_done()
    await j
    print(f"{now()} joined again, {str(q)}")


vtrun(main())
