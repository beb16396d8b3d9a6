# Pins: when a child fails, the group cancels the remaining children in
# creation order (normalised: CPython iterates a set), so their handlers run
# in that order; the parent's body is cancelled after them.
import asyncio
from vtloop import vtrun
from _trace import describe


async def child(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise


async def fail():
    await asyncio.sleep(1)
    raise ValueError("boom")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            for i in range(6):
                tg.create_task(child(f"child{i}"))
            tg.create_task(fail())
            for i in range(6, 9):
                tg.create_task(child(f"child{i}"))
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                print("body cancelled")
                raise
    except ExceptionGroup as eg:
        print(describe(eg))


vtrun(main())
