# Pins: gather wraps a repeated awaitable once: the same coroutine object or
# task given twice runs once and fills both result slots.
import asyncio
from vtloop import vtrun
from _trace import show

runs = 0


async def counted(name):
    global runs
    runs += 1
    await asyncio.sleep(1)
    return name


async def main():
    c = counted("coro")
    t = asyncio.create_task(counted("task"))
    results = await asyncio.gather(c, t, c, t, counted("other"))
    print(f"results {show(results)} runs={runs}")


vtrun(main())
