# Pins: cancelling() counts cancel requests: it is not reset when the
# CancelledError is delivered or caught, uncancel() decrements it and returns
# the new count, and it never goes below 0.
import asyncio
from vtloop import vtrun


async def main():
    loop = asyncio.get_running_loop()
    me = asyncio.current_task()
    print(f"start cancelling={me.cancelling()}")
    loop.call_soon(me.cancel)
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print(f"caught, cancelling={me.cancelling()}")
    await asyncio.sleep(0)
    print(f"after another await cancelling={me.cancelling()}")
    print(f"uncancel -> {me.uncancel()}")
    print(f"uncancel again -> {me.uncancel()}")
    me.cancel()
    me.cancel()
    print(f"two more cancels, cancelling={me.cancelling()}")
    print(f"uncancel -> {me.uncancel()}")
    try:
        await asyncio.sleep(0)
        print("not reached")
    except asyncio.CancelledError:
        print(f"still delivered, cancelling={me.cancelling()}")
    me.uncancel()
    print(f"end cancelling={me.cancelling()}")


vtrun(main())
