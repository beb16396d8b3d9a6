# Pins: an error raised in the body cancels the children (the parent task is
# not cancelled), waits for them, and is raised inside an ExceptionGroup;
# cancelled children do not appear in the group.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def sleeper(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"{now()} {name} cancelled, cleans up for 1s")
        await asyncio.sleep(1)
        raise


async def main():
    start_clock()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sleeper("child"))
            await asyncio.sleep(1)
            raise KeyError("body")
    except ExceptionGroup as eg:
        print(f"{now()} {describe(eg)}")
    print(f"cancelling={asyncio.current_task().cancelling()}")


vtrun(main())
