# Pins: Lock waiters acquire in FIFO order; release() only wakes the first
# waiter (locked() is False until it runs), yet a newcomer calling acquire()
# in that window queues behind every waiter instead of barging in.
import asyncio
from vtloop import vtrun
from _trace import now, start_clock


async def worker(lock, name, hold):
    print(f"{now()} {name} acquiring locked={lock.locked()}")
    await lock.acquire()
    try:
        print(f"{now()} {name} acquired")
        await asyncio.sleep(hold)
    finally:
        lock.release()
        print(f"{now()} {name} released")


async def main():
    start_clock()
    lock = asyncio.Lock()
    print(f"{now()} main acquired {await lock.acquire()}")
    tasks = [asyncio.create_task(worker(lock, n, 1)) for n in "ABC"]
    await asyncio.sleep(1)
    lock.release()
    print(f"{now()} main released locked={lock.locked()}")
    r = await lock.acquire()
    print(f"{now()} main re-acquired {r}")
    lock.release()
    await asyncio.gather(*tasks)
    print(f"{now()} done locked={lock.locked()}")


vtrun(main())
