# Pins: Barrier.abort() breaks the barrier: current waiters get
# BrokenBarrierError('Abort or reset of barrier'), later wait() calls
# BrokenBarrierError('Barrier aborted'), until reset() makes it usable again.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def party(barrier, name):
    try:
        i = await barrier.wait()
        print(f"{now()} {name} passed {i}")
    except asyncio.BrokenBarrierError as e:
        print(f"{now()} {name} {describe(e)} isRuntimeError={isinstance(e, RuntimeError)}")


async def main():
    start_clock()
    barrier = asyncio.Barrier(3)
    tasks = [asyncio.create_task(party(barrier, n)) for n in ("a", "b")]
    await asyncio.sleep(1)
    print(f"{now()} n_waiting={barrier.n_waiting}")
    await barrier.abort()
    print(f"{now()} broken={barrier.broken} n_waiting={barrier.n_waiting}")
    await asyncio.gather(*tasks)
    await party(barrier, "late")
    await barrier.reset()
    print(f"{now()} after reset broken={barrier.broken}")
    await asyncio.gather(*(party(barrier, n) for n in ("x", "y", "z")))


vtrun(main())
