# Pins: a task that cancels itself gets CancelledError at its next
# suspension point; a task that cancels itself and returns without awaiting
# ends cancelled anyway (the pending cancel wins over the return value).
import asyncio
from vtloop import vtrun
from _trace import describe, show


async def cancels_then_awaits():
    asyncio.current_task().cancel("self")
    print("after self-cancel, still running")
    try:
        await asyncio.sleep(0)
    except asyncio.CancelledError as e:
        print(f"caught {describe(e)} at the next await")
        raise


async def cancels_then_returns():
    asyncio.current_task().cancel("self2")
    print("returning a value")
    return "value"


async def main():
    for coro in (cancels_then_awaits(), cancels_then_returns()):
        t = asyncio.create_task(coro)
        try:
            print(f"result {show(await t)}")
        except asyncio.CancelledError as e:
            print(f"main caught {describe(e)} cancelled={show(t.cancelled())}")


vtrun(main())
