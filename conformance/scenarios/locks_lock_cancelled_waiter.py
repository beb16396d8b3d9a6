# Pins: a Lock waiter cancelled after release() woke it passes the wake-up on
# to the next waiter (test_finished_waiter_cancelled); a waiter cancelled
# while queued just leaves the queue.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def waiter(lock, name):
    try:
        await lock.acquire()
    except asyncio.CancelledError as e:
        print(f"{now()} {name} cancelled: {describe(e)} locked={lock.locked()}")
        raise
    print(f"{now()} {name} acquired")
    await asyncio.sleep(1)
    lock.release()
    print(f"{now()} {name} released")


async def main():
    start_clock()
    lock = asyncio.Lock()
    await lock.acquire()
    b = asyncio.create_task(waiter(lock, "B"))
    c = asyncio.create_task(waiter(lock, "C"))
    d = asyncio.create_task(waiter(lock, "D"))
    await asyncio.sleep(0)
    # Wake B, then cancel it before it runs: C must get the lock.
    lock.release()
    b.cancel("woken then cancelled")
    await asyncio.sleep(0.5)
    # D is still queued: cancelling it just removes it.
    d.cancel()
    results = await asyncio.gather(b, c, d, return_exceptions=True)
    print(f"{now()} results {[describe(r) if r else r for r in results]}")
    print(f"{now()} locked={lock.locked()}")


vtrun(main())
