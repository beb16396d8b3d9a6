# Pins: 3.13 Condition.wait(): a waiter cancelled after notify() woke it (both
# before it ran, and while it re-acquires the lock) passes the notification
# on to the next waiter, so no wake-up is lost.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def consumer(cond, name, box):
    try:
        async with cond:
            while not box:
                await cond.wait()
            print(f"{now()} {name} took {box.pop()}")
    except asyncio.CancelledError as e:
        print(f"{now()} {name} cancelled: {describe(e)}")
        raise


async def main():
    start_clock()
    cond = asyncio.Condition()
    box = []
    cs = [asyncio.create_task(consumer(cond, f"c{i}", box)) for i in range(4)]
    await asyncio.sleep(0)
    async with cond:
        box.append("item1")
        cond.notify(1)
        cs[0].cancel()  # woken but not yet run
    await asyncio.sleep(1)
    async with cond:
        box.append("item2")
        cond.notify(1)
        await asyncio.sleep(0)  # c2 now waits for the lock
        cs[2].cancel()
    await asyncio.sleep(1)
    results = await asyncio.gather(*cs[:3], return_exceptions=True)
    print(f"{now()} {[describe(r) if r else r for r in results]} box={box}")
    cs[3].cancel()
    await asyncio.gather(cs[3], return_exceptions=True)


vtrun(main())
