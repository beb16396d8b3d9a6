# Pins: cancelling a task that awaits another task cancels the awaited task
# too (cancel goes to the future being waited on); the inner task sees the
# message, and the outer task re-raises the inner's CancelledError with it.
import asyncio
from vtloop import vtrun
from _trace import describe, show


async def inner():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print(f"inner caught {describe(e)}")
        raise


async def outer(t):
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"outer caught {describe(e)}")
        raise


async def main():
    i = asyncio.create_task(inner())
    o = asyncio.create_task(outer(i))
    await asyncio.sleep(0)
    o.cancel("from main")
    print(f"inner cancelling={i.cancelling()} outer cancelling={o.cancelling()}")
    try:
        await o
    except asyncio.CancelledError as e:
        print(f"main caught {describe(e)}")
    print(f"inner cancelled={show(i.cancelled())} outer cancelled={show(o.cancelled())}")


vtrun(main())
