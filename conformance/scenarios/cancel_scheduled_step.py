# Pins: cancelling a task whose next step is already scheduled (it yielded
# with sleep(0)) throws CancelledError into it at that sleep(0): the code
# after it never runs.
import asyncio
from vtloop import vtrun
from _trace import describe, show


async def busy():
    print("busy step 1")
    try:
        await asyncio.sleep(0)
        print("busy step 2 (never)")
    except asyncio.CancelledError as e:
        print(f"busy caught {describe(e)} at its sleep(0)")
        raise


async def main():
    t = asyncio.create_task(busy())
    await asyncio.sleep(0)
    print(f"cancel -> {show(t.cancel('now'))}")
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"main caught {describe(e)}")


vtrun(main())
