# Pins: when main returns, run() cancels the tasks still pending, in creation
# order, lets their except/finally blocks run (including awaits), then
# returns main's result; a task that finished normally is untouched.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def leftover(name, cleanup):
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError as e:
        print(f"{now()} {name} cancelled: {describe(e)}")
        raise
    finally:
        if cleanup:
            await asyncio.sleep(cleanup)
        print(f"{now()} {name} finally")


async def main():
    start_clock()
    for name, cleanup in (("L1", 0), ("L2", 2), ("L3", 1)):
        asyncio.create_task(leftover(name, cleanup))
    asyncio.create_task(asyncio.sleep(0.5))
    await asyncio.sleep(1)
    print(f"{now()} main returns")
    return "main result"


print(f"run returned {show(vtrun(main()))}")
