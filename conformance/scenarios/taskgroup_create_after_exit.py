# Pins: TaskGroup.create_task before entering or after the group finished
# raises RuntimeError naming the group's state; the coroutine is closed,
# never run.
import asyncio
from vtloop import vtrun
from _trace import describe


async def never():
    print("never runs")


async def main():
    tg = asyncio.TaskGroup()
    try:
        tg.create_task(never())
    except RuntimeError as e:
        print(describe(e))
    async with tg:
        tg.create_task(asyncio.sleep(1))
    try:
        tg.create_task(never())
    except RuntimeError as e:
        print(describe(e))
    await asyncio.sleep(0)


vtrun(main())
