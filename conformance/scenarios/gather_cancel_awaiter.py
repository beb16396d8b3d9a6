# Pins: cancelling the task that awaits a gather cancels the gather and so
# every unfinished child, in argument order; already finished children keep
# their results; the awaiting task ends cancelled.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def job(name, delay):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError as e:
        print(f"{now()} {name} cancelled: {describe(e)}")
        raise
    print(f"{now()} {name} done")
    return name


async def parent():
    return await asyncio.gather(job("a", 5), job("b", 1), job("c", 5))


async def main():
    start_clock()
    t = asyncio.create_task(parent())
    await asyncio.sleep(2)
    t.cancel("parent cancelled")
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"{now()} main caught {describe(e)}")
    print(f"parent cancelled={show(t.cancelled())}")


vtrun(main())
