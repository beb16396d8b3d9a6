# Pins: Condition.notify(n) wakes the n oldest waiters, notify_all() the rest,
# and a notified waiter returns from wait() only after it re-acquired the
# lock (after the notifier releases it), one at a time in FIFO order.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def consumer(cond, name):
    async with cond:
        r = await cond.wait()
        print(f"{now()} {name} woke with {r} locked={cond.locked()}")
        await asyncio.sleep(0.5)


async def main():
    start_clock()
    cond = asyncio.Condition()
    tasks = [asyncio.create_task(consumer(cond, f"c{i}")) for i in range(5)]
    await asyncio.sleep(0)
    async with cond:
        cond.notify()
        print(f"{now()} notified 1")
    await asyncio.sleep(1)
    async with cond:
        cond.notify(2)
        print(f"{now()} notified 2")
    await asyncio.sleep(2)
    async with cond:
        cond.notify_all()
        print(f"{now()} notified all")
    await asyncio.gather(*tasks)
    try:
        cond.notify()
    except RuntimeError as e:
        print(f"{now()} {describe(e)}")
    try:
        await cond.wait()
    except RuntimeError as e:
        print(f"{now()} {describe(e)}")


vtrun(main())
