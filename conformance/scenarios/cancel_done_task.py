# Pins: cancel() on a finished task (result, exception, or already
# cancelled) returns False and does not change cancelling().
import asyncio
from vtloop import vtrun
from _trace import show


async def ok():
    return 1


async def bad():
    raise ValueError("x")


async def main():
    t1 = asyncio.create_task(ok())
    t2 = asyncio.create_task(bad())
    t3 = asyncio.create_task(ok())
    t3.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    for t in (t1, t2, t3):
        print(f"{t.get_name()} done={show(t.done())} cancel -> {show(t.cancel())} cancelling={t.cancelling()}")
    t2.exception()


vtrun(main())
