# Pins: return_exceptions=True puts exceptions in the result list in argument
# order; a child that cancelled itself (with a message) appears as a
# CancelledError whose message is empty, since the task does not keep the
# message it was cancelled with by its own raise.
import asyncio
from vtloop import vtrun
from _trace import show


async def ok(delay):
    await asyncio.sleep(delay)
    return "ok"


async def fails():
    await asyncio.sleep(0)
    raise KeyError("k")


async def cancels_self():
    asyncio.current_task().cancel("x")
    await asyncio.sleep(0)


async def main():
    results = await asyncio.gather(ok(1), fails(), cancels_self(), ok(0), return_exceptions=True)
    print(show(results))


vtrun(main())
