# Pins: a task that catches CancelledError and returns normally is not
# cancelled: await returns its value, cancelled() is False, and cancelling()
# stays 1 (nobody called uncancel()).
import asyncio
from vtloop import vtrun
from _trace import show


async def swallow():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("swallowed the cancel")
    await asyncio.sleep(1)
    return "finished anyway"


async def main():
    t = asyncio.create_task(swallow())
    await asyncio.sleep(0)
    t.cancel()
    print(f"await -> {show(await t)}")
    print(f"cancelled={show(t.cancelled())} cancelling={t.cancelling()}")


vtrun(main())
