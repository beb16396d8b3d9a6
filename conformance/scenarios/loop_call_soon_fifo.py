# Pins: call_soon is FIFO and passes positional args; one iteration runs only
# the callbacks that were ready when it began, so a callback scheduled by a
# running callback runs in the next iteration, after the rest of the batch
# (including the main task's step queued by sleep(0)).
import asyncio
from vtloop import vtrun
from _trace import show


def cb(name, arg):
    print(f"{name} arg={show(arg)}")


def outer():
    print("outer runs, schedules inner")
    asyncio.get_running_loop().call_soon(cb, "inner", 3)


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(cb, "first", 1)
    loop.call_soon(outer)
    loop.call_soon(cb, "second", "x")
    print("scheduled")
    await asyncio.sleep(0)
    print("main after one iteration")
    await asyncio.sleep(0)
    print("main after two iterations")


vtrun(main())
