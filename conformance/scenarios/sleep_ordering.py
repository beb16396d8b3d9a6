# Pins: tasks sleeping different durations wake in deadline order at their
# virtual times; equal sleeps started in the same iteration wake in the order
# they started; sleep(d, result) returns result.
import asyncio
from vtloop import vtrun
from _trace import now, start_clock


async def sleeper(name, delay):
    value = await asyncio.sleep(delay, f"{name}-result")
    print(f"{now()} {name} woke with {value}")


async def main():
    start_clock()
    tasks = [
        asyncio.create_task(sleeper("three", 3)),
        asyncio.create_task(sleeper("one", 1)),
        asyncio.create_task(sleeper("two-a", 2)),
        asyncio.create_task(sleeper("two-b", 2)),
        asyncio.create_task(sleeper("half", 0.5)),
    ]
    for t in tasks:
        await t
    print(f"{now()} main done")


vtrun(main())
