# Pins: a Task's result, exception(), result() re-raising, done() and
# cancelled() after normal completion and after an exception; awaiting a
# failed task raises the same exception object.
import asyncio
from vtloop import vtrun
from _trace import describe, show


async def ok():
    await asyncio.sleep(1)
    return "value"


async def bad():
    await asyncio.sleep(1)
    raise ValueError("bad value")


async def main():
    t1 = asyncio.create_task(ok())
    t2 = asyncio.create_task(bad())
    print(f"before: done={show(t1.done())} {show(t2.done())}")
    print(f"await t1 -> {show(await t1)}")
    try:
        await t2
    except ValueError as e:
        print(f"await t2 raised {describe(e)} same={show(e is t2.exception())}")
    print(f"t1 result={show(t1.result())} exception={show(t1.exception())} cancelled={show(t1.cancelled())}")
    print(f"t2 exception={show(t2.exception())} done={show(t2.done())} cancelled={show(t2.cancelled())}")
    try:
        t2.result()
    except ValueError as e:
        print(f"t2.result() raised {describe(e)}")


vtrun(main())
