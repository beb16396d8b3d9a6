# Pins: a task cancelled again while its finally block awaits gets a second
# CancelledError at that await (cancelling() is 2), which aborts the cleanup;
# the task ends cancelled.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def worker():
    try:
        await asyncio.sleep(10)
    finally:
        print(f"{now()} cleanup starts")
        try:
            await asyncio.sleep(5)
            print("cleanup finished (never)")
        except asyncio.CancelledError as e:
            me = asyncio.current_task()
            print(f"{now()} cleanup interrupted: {describe(e)} cancelling={me.cancelling()}")
            raise


async def main():
    start_clock()
    t = asyncio.create_task(worker())
    await asyncio.sleep(1)
    t.cancel("first")
    await asyncio.sleep(1)
    t.cancel("second")
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"{now()} main caught {describe(e)} cancelled={show(t.cancelled())}")


vtrun(main())
