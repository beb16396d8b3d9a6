# Pins: cancelling a sleeping task wakes it at the time of the cancel, not at
# the end of its sleep; the CancelledError arrives at its await.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def sleeper():
    try:
        await asyncio.sleep(10)
        print("never")
    except asyncio.CancelledError as e:
        print(f"{now()} sleeper caught {describe(e)}")
        raise


async def main():
    start_clock()
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"{now()} main caught {describe(e)}")
    await asyncio.sleep(20)
    print(f"{now()} main done")


vtrun(main())
