# Pins: a get() cancelled while still waiting takes nothing and wakes nobody;
# a get() that was woken by put_nowait and then cancelled before it ran hands
# the wake-up to the next waiting getter, so no item is left behind.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def main():
    start_clock()
    q = asyncio.Queue()

    async def getter(name):
        try:
            item = await q.get()
            print(f"{now()} {name} got {item}")
        except asyncio.CancelledError as e:
            print(f"{now()} {name} cancelled: {describe(e)}, {str(q)}")
            raise

    g1 = asyncio.create_task(getter("g1"))
    g2 = asyncio.create_task(getter("g2"))
    await asyncio.sleep(0)
    g1.cancel("early")
    await asyncio.sleep(0)
    print(f"after early cancel: {str(q)}")
    q.put_nowait(1)
    await asyncio.gather(g2)

    g3 = asyncio.create_task(getter("g3"))
    g4 = asyncio.create_task(getter("g4"))
    g5 = asyncio.create_task(getter("g5"))
    await asyncio.sleep(1)
    q.put_nowait(2)
    q.put_nowait(3)
    print(f"woken: {str(q)}")
    g3.cancel("late")
    results = await asyncio.gather(g3, g4, g5, return_exceptions=True)
    print(f"{now()} results {[describe(r) if isinstance(r, BaseException) else r for r in results]}")
    print(f"g5 done={g5.done()} {str(q)}")


vtrun(main())
