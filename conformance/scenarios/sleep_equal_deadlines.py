# Pins: with virtual time the clock stands still between iterations, so sleeps
# of equal length started in different iterations get identical deadlines and
# wake in sleep-call order (not task-creation order; normalised in CPython,
# whose timer heap leaves equal deadlines to chance); shorter ones first.
import asyncio
from vtloop import vtrun
from _trace import now, start_clock


async def sleeper(name, pre_hops, delay):
    for _ in range(pre_hops):
        await asyncio.sleep(0)
    print(f"{now()} {name} sleeps {delay}")
    await asyncio.sleep(delay)
    print(f"{now()} {name} woke")


async def main():
    start_clock()
    tasks = [
        asyncio.create_task(sleeper("late-starter", 2, 1)),
        asyncio.create_task(sleeper("a", 0, 1)),
        asyncio.create_task(sleeper("b", 0, 1)),
        asyncio.create_task(sleeper("c", 1, 0.5)),
    ]
    for t in tasks:
        await t


vtrun(main())
