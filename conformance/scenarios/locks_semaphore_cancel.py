# Pins: Semaphore waiters cancelled before or after being woken never lose or
# duplicate a unit: a woken-then-cancelled waiter gives its unit back and the
# next waiter gets it (test_acquire_cancel_before_awoken, test_acquire_hang).
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def waiter(sem, name):
    try:
        await sem.acquire()
    except asyncio.CancelledError as e:
        print(f"{now()} {name} cancelled {describe(e)} value={sem._value}")
        raise
    print(f"{now()} {name} acquired value={sem._value}")


async def main():
    start_clock()
    sem = asyncio.Semaphore(0)
    ts = [asyncio.create_task(waiter(sem, f"t{i}")) for i in range(5)]
    await asyncio.sleep(0)
    ts[0].cancel()  # still queued
    ts[1].cancel()
    sem.release()  # wakes t2
    ts[2].cancel()  # woken, then cancelled: its unit goes on to t3
    await asyncio.sleep(1)
    print(f"{now()} value={sem._value} locked={sem.locked()} done={[t.done() for t in ts]}")
    sem.release()
    sem.release()
    await asyncio.sleep(1)
    print(f"{now()} value={sem._value} locked={sem.locked()}")
    results = await asyncio.gather(*ts, return_exceptions=True)
    print(f"{now()} {[describe(r) if r else r for r in results]}")


vtrun(main())
