# Pins: Event.set() wakes every waiter, resuming them in the order they
# started waiting; clear() right after set() does not un-wake them; wait()
# on a set Event returns True without suspending; a task that starts waiting
# only after a set() and clear() keeps waiting.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def waiter(ev, name):
    r = await ev.wait()
    print(f"{now()} {name} woke with {r}")


async def main():
    start_clock()
    ev = asyncio.Event()
    tasks = [asyncio.create_task(waiter(ev, n)) for n in ("w1", "w2", "w3")]
    await asyncio.sleep(1)
    late = asyncio.create_task(waiter(ev, "late"))
    print(f"{now()} set is_set={ev.is_set()}")
    ev.set()
    ev.clear()
    print(f"{now()} cleared is_set={ev.is_set()}")
    await asyncio.gather(*tasks)
    await asyncio.sleep(1)
    print(f"{now()} late missed the set+clear: done={late.done()}")
    ev.set()
    await late
    print(f"{now()} wait on set Event -> {await ev.wait()}")
    t = asyncio.create_task(ev.wait())
    ev.clear()
    await asyncio.sleep(0)
    print(f"{now()} task done={t.done()}")
    t.cancel()
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"{now()} cancelled waiter: {describe(e)}")


vtrun(main())
