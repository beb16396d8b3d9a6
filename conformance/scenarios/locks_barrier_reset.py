# Pins: Barrier.reset() with tasks waiting puts it in 'resetting': they get
# BrokenBarrierError, newcomers block until all have left, then it is filling
# again; a task cancelled while filling leaves without breaking the barrier.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def party(barrier, name):
    try:
        i = await barrier.wait()
        print(f"{now()} {name} passed {i}")
    except asyncio.BrokenBarrierError as e:
        print(f"{now()} {name} {describe(e)}")
    except asyncio.CancelledError:
        print(f"{now()} {name} cancelled n_waiting={barrier.n_waiting}")
        raise


async def main():
    start_clock()
    barrier = asyncio.Barrier(3)
    ts = [asyncio.create_task(party(barrier, n)) for n in ("a", "b")]
    await asyncio.sleep(1)
    await barrier.reset()
    print(f"{now()} resetting={'resetting' in repr(barrier)} n_waiting={barrier.n_waiting}")
    newcomer = asyncio.create_task(party(barrier, "newcomer"))
    await asyncio.gather(*ts)
    await asyncio.sleep(1)
    print(f"{now()} n_waiting={barrier.n_waiting} filling={'filling' in repr(barrier)}")
    y = asyncio.create_task(party(barrier, "y"))
    await asyncio.sleep(1)
    print(f"{now()} n_waiting={barrier.n_waiting}")
    y.cancel()
    await asyncio.gather(y, return_exceptions=True)
    print(f"{now()} n_waiting={barrier.n_waiting} broken={barrier.broken}")
    await asyncio.gather(newcomer, party(barrier, "p"), party(barrier, "q"))

vtrun(main())
