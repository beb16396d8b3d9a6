# Pins: the bracketed state in the reprs of every primitive (CPython's repr
# also shows the module and an address, which the trace leaves out).
import asyncio
import re
from vtloop import vtrun
from _trace import now, start_clock


def state(obj):
    return f"{type(obj).__name__} {re.search(r'\[.*\]', repr(obj)).group()}"


async def main():
    start_clock()
    lock = asyncio.Lock()
    ev = asyncio.Event()
    cond = asyncio.Condition()
    sem = asyncio.Semaphore(2)
    bsem = asyncio.BoundedSemaphore(1)
    barrier = asyncio.Barrier(3)
    prims = (lock, ev, cond, sem, bsem, barrier)
    for p in prims:
        print(f"{now()} {state(p)}")
    await lock.acquire()
    await sem.acquire()
    await sem.acquire()
    await bsem.acquire()
    tasks = [
        asyncio.create_task(lock.acquire()),
        asyncio.create_task(ev.wait()),
        asyncio.create_task(ev.wait()),
        asyncio.create_task(sem.acquire()),
        asyncio.create_task(bsem.acquire()),
        asyncio.create_task(barrier.wait()),
        asyncio.create_task(barrier.wait()),
    ]

    async def cond_waiter():
        async with cond:
            await cond.wait()

    tasks.append(asyncio.create_task(cond_waiter()))
    await asyncio.sleep(0)
    for p in prims:
        print(f"{now()} {state(p)}")
    ev.set()
    await barrier.abort()
    for p in (ev, barrier):
        print(f"{now()} {state(p)}")
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    for p in prims:
        print(f"{now()} {state(p)}")


vtrun(main())
