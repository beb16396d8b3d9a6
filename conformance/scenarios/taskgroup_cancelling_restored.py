# Pins: after a TaskGroup aborted because a child failed, the parent's
# cancelling() is back to its value at entry and the parent keeps running
# normally: later awaits are not cancelled.
import asyncio
from vtloop import vtrun
from _trace import now, start_clock


async def fail():
    await asyncio.sleep(1)
    raise ValueError("x")


async def main():
    start_clock()
    me = asyncio.current_task()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail())
            await asyncio.sleep(5)
    except ExceptionGroup:
        print(f"{now()} caught group, cancelling={me.cancelling()}")
    await asyncio.sleep(1)
    print(f"{now()} slept normally after the group")


vtrun(main())
