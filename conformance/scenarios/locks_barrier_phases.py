# Pins: Barrier.wait() returns arrival indices; the last arrival flips the
# barrier to draining and returns first, then the others in arrival order;
# arrivals during draining wait for the next cycle; the barrier is reusable.
import asyncio
from vtloop import vtrun
from _trace import now, start_clock


async def party(barrier, name, delay):
    await asyncio.sleep(delay)
    for cycle in range(2):
        async with barrier as i:
            print(f"{now()} {name} cycle {cycle} index {i} "
                  f"n_waiting={barrier.n_waiting} draining={'draining' in repr(barrier)}")


async def main():
    start_clock()
    barrier = asyncio.Barrier(3)
    print(f"{now()} parties={barrier.parties} n_waiting={barrier.n_waiting} broken={barrier.broken}")
    tasks = [asyncio.create_task(party(barrier, n, d)) for n, d in (("J", 0), ("K", 1), ("L", 2))]
    await asyncio.gather(*tasks)
    print(f"{now()} after n_waiting={barrier.n_waiting} filling={'filling' in repr(barrier)}")
    try:
        asyncio.Barrier(0)
    except ValueError as e:
        print(f"{now()} ValueError: {e}")


vtrun(main())
