# Pins: wait_for() on lock.acquire() times out cleanly (the waiter leaves the
# queue) and the next waiter still gets the lock at release time.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def impatient(lock):
    try:
        await asyncio.wait_for(lock.acquire(), 1)
        print(f"{now()} impatient acquired")
    except TimeoutError as e:
        print(f"{now()} impatient gave up: {describe(e)}")


async def patient(lock):
    async with lock:
        print(f"{now()} patient acquired")


async def main():
    start_clock()
    lock = asyncio.Lock()
    async with lock:
        t1 = asyncio.create_task(impatient(lock))
        t2 = asyncio.create_task(patient(lock))
        await asyncio.sleep(2)
        print(f"{now()} releasing, locked={lock.locked()}")
    await asyncio.gather(t1, t2)
    print(f"{now()} done locked={lock.locked()}")


vtrun(main())
