# Pins: (3.13+) uncancel() bringing the count to 0 withdraws a cancel that
# has not been delivered yet: a task cancelled before its first step and then
# uncancelled runs normally. A task whose awaited future was already
# cancelled by cancel() still gets CancelledError after uncancel().
import asyncio
from vtloop import vtrun
from _trace import describe, show


async def body(name):
    print(f"{name} body runs")
    await asyncio.sleep(1)
    return f"{name} ok"


async def main():
    t1 = asyncio.create_task(body("t1"))
    t1.cancel()
    print(f"t1 uncancel -> {t1.uncancel()}")
    print(f"t1 -> {show(await t1)} cancelled={show(t1.cancelled())}")

    t2 = asyncio.create_task(body("t2"))
    await asyncio.sleep(0)
    t2.cancel()
    print(f"t2 uncancel -> {t2.uncancel()}")
    try:
        await t2
    except asyncio.CancelledError as e:
        print(f"t2 raised {describe(e)} cancelled={show(t2.cancelled())}")


vtrun(main())
