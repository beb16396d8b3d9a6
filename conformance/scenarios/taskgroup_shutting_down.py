# Pins: while a TaskGroup is aborting, create_task raises RuntimeError
# "... is shutting down" (the coroutine is closed, never run).
import asyncio
from vtloop import vtrun
from _trace import describe


async def never():
    print("never runs")


async def main():
    async def child(tg):
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            try:
                tg.create_task(never())
            except RuntimeError as e:
                print(describe(e))
            raise

    async def fail():
        await asyncio.sleep(1)
        raise ValueError("x")

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child(tg))
            tg.create_task(fail())
    except ExceptionGroup as eg:
        print(describe(eg))


vtrun(main())
