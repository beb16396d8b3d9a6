# Pins: when the awaited task is cancelled from outside, the awaiting task
# gets CancelledError although nobody cancelled it (its cancelling() is 0);
# it can catch it and carry on, and then it is not cancelled.
import asyncio
from vtloop import vtrun
from _trace import describe, show


async def inner():
    await asyncio.sleep(10)


async def outer(t):
    try:
        await t
    except asyncio.CancelledError as e:
        me = asyncio.current_task()
        print(f"outer caught {describe(e)} cancelling={me.cancelling()}")
    await asyncio.sleep(1)
    return "outer carried on"


async def main():
    i = asyncio.create_task(inner())
    o = asyncio.create_task(outer(i))
    await asyncio.sleep(0)
    i.cancel("inner only")
    print(f"await outer -> {show(await o)}")
    print(f"inner cancelled={show(i.cancelled())} outer cancelled={show(o.cancelled())}")


vtrun(main())
