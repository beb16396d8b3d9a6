# Pins: cancelling the task that runs a TaskGroup cancels the body and every
# child (in creation order), waits for them, and propagates CancelledError
# out of the group and the task.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def child(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print(f"{now()} {name} cancelled: {describe(e)}")
        raise


async def parent():
    try:
        async with asyncio.TaskGroup() as tg:
            for name in ("c1", "c2", "c3"):
                tg.create_task(child(name))
            await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print(f"{now()} parent sees {describe(e)}")
        raise


async def main():
    start_clock()
    t = asyncio.create_task(parent())
    await asyncio.sleep(1)
    t.cancel("outside")
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"{now()} main caught {describe(e)}")
    print(f"parent cancelled={show(t.cancelled())}")


vtrun(main())
