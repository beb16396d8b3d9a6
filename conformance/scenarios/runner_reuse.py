# Pins: one Runner runs several coroutines on the same loop: the clock keeps
# going, a context variable set in one run() is visible in the next, and a
# task left pending by the first run keeps running during the second; close()
# cancels what is left.
import asyncio
import contextvars
from vtloop import vtrunner
from _trace import describe, now, start_clock

var = contextvars.ContextVar("var", default="unset")


async def background():
    try:
        while True:
            await asyncio.sleep(1)
            print(f"{now()} background tick")
    except asyncio.CancelledError as e:
        print(f"{now()} background cancelled: {describe(e)}")
        raise


async def first():
    start_clock()
    var.set("set in first")
    asyncio.create_task(background())
    await asyncio.sleep(1.5)
    return "first done"


async def second():
    print(f"{now()} second sees var={var.get()}")
    await asyncio.sleep(2)
    print(f"{now()} second ends")
    return "second done"


with vtrunner() as runner:
    print(runner.run(first()))
    print(runner.run(second()))
print("runner closed")
