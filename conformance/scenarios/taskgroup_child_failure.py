# Pins: the first failing child cancels its siblings and interrupts the body
# at its await (CancelledError in the body, not added to the group); the group
# raises ExceptionGroup with just the child's error; the parent's cancelling()
# is back to 0 afterwards.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def sleeper(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"{now()} {name} cancelled")
        raise


async def fail(delay):
    await asyncio.sleep(delay)
    print(f"{now()} fail raises")
    raise ValueError("child failed")


async def main():
    start_clock()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sleeper("s1"))
            tg.create_task(fail(1))
            tg.create_task(sleeper("s2"))
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                print(f"{now()} body cancelled")
                raise
    except ExceptionGroup as eg:
        print(f"{now()} {describe(eg)}")
    print(f"cancelling={asyncio.current_task().cancelling()}")


vtrun(main())
