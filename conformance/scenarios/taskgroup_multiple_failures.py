# Pins: children failing in the same iteration are all collected, in the
# order they finished; a child that catches the group's cancellation and
# raises another error adds that error too.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def fail(delay, exc):
    await asyncio.sleep(delay)
    raise exc


async def fails_on_cancel():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"{now()} cleanup raises RuntimeError")
        raise RuntimeError("cleanup failed")


async def main():
    start_clock()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fails_on_cancel())
            tg.create_task(fail(1, ValueError("a")))
            tg.create_task(fail(1, TypeError("b")))
    except ExceptionGroup as eg:
        print(f"{now()} {describe(eg)}")


vtrun(main())
