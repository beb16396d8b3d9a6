# Pins: PriorityQueue gives the lowest item first, compares entries like
# sequences (equal priorities fall to the data), keeps heapq's list layout
# (shown by str()), serves waiting getters in order, and lets a comparison
# error escape put_nowait after heapq appended the item.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def main():
    start_clock()
    q = asyncio.PriorityQueue()
    for entry in ([3, "c"], [1, "z"], [2, "x"], [1, "a"], [5, "e"], [0, "first"]):
        await q.put(entry)
    print(str(q))
    out = []
    while not q.empty():
        out.append(q.get_nowait())
        print(str(q))
    print(show(out))

    nums = asyncio.PriorityQueue()

    async def getter(name):
        print(f"{now()} {name} got {await nums.get()}")

    tasks = [asyncio.create_task(getter(f"g{i}")) for i in range(3)]
    await asyncio.sleep(0)
    for n in (7, 2, 9):
        nums.put_nowait(n)
    await asyncio.gather(*tasks)
    for n in (4, 1.5, 1, 3):
        nums.put_nowait(n)
    print(str(nums))
    print(show([nums.get_nowait() for _ in range(4)]))

    bad = asyncio.PriorityQueue()
    bad.put_nowait([1, "a"])
    try:
        bad.put_nowait([1, 2])
    except TypeError as e:
        print(describe(e))
    print(f"qsize {bad.qsize()} {str(bad)}")


vtrun(main())
