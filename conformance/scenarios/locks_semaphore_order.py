# Pins: Semaphore(2) admits two at once and hands released units to waiters in
# FIFO order; a newcomer queues behind woken waiters even when the value is
# positive (locked() is True while a waiter is pending).
import asyncio
from vtloop import vtrun
from _trace import now, start_clock


async def worker(sem, name, hold):
    async with sem:
        print(f"{now()} {name} in")
        await asyncio.sleep(hold)
    print(f"{now()} {name} out")


async def main():
    start_clock()
    sem = asyncio.Semaphore(2)
    tasks = [asyncio.create_task(worker(sem, f"w{i}", 1 + i % 2)) for i in range(5)]
    await asyncio.sleep(0)
    print(f"{now()} locked={sem.locked()} value={sem._value}")
    sem.release()  # an extra unit, handed straight to w2
    print(f"{now()} after release locked={sem.locked()} value={sem._value}")
    tasks.append(asyncio.create_task(worker(sem, "newcomer", 0)))
    await asyncio.gather(*tasks)
    print(f"{now()} done value={sem._value} locked={sem.locked()}")


vtrun(main())
