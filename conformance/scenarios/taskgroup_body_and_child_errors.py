# Pins: when the body raises while a child has already failed, the group
# lists the children's errors first and the body's error last.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def fail():
    await asyncio.sleep(1)
    raise ValueError("child")


async def main():
    start_clock()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail())
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                print(f"{now()} body cancelled, raises instead")
                raise RuntimeError("body")
    except ExceptionGroup as eg:
        print(f"{now()} {describe(eg)}")


vtrun(main())
