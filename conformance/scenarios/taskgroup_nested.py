# Pins: a failing inner TaskGroup (run as a child of the outer group) raises
# its ExceptionGroup, which the outer group collects as one nested member
# next to its own children's errors.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def fail(delay, exc):
    await asyncio.sleep(delay)
    raise exc


async def inner_group():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(fail(1, ValueError("inner")))
        tg.create_task(fail(1, TypeError("inner2")))


async def sleeper():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"{now()} outer sibling cancelled")
        raise


async def main():
    start_clock()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(inner_group())
            tg.create_task(sleeper())
    except ExceptionGroup as eg:
        print(f"{now()} {describe(eg)}")


vtrun(main())
