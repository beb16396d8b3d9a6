# Pins: two cancel() calls on a waiting task both return True and both count
# (cancelling() == 2); the task sees one CancelledError carrying the first
# message; uncancel() then returns 1.
import asyncio
from vtloop import vtrun
from _trace import describe, show


async def stubborn():
    me = asyncio.current_task()
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print(f"caught {describe(e)} cancelling={me.cancelling()}")
    print(f"uncancel -> {me.uncancel()}")
    return "finished"


async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    print(f"cancel m1 -> {show(t.cancel('m1'))}")
    print(f"cancel m2 -> {show(t.cancel('m2'))}")
    print(f"cancelling={t.cancelling()} cancelled={show(t.cancelled())}")
    print(f"await -> {show(await t)}")
    print(f"cancelled={show(t.cancelled())} cancelling={t.cancelling()}")


vtrun(main())
