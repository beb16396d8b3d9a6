# Pins: when the deadline passes and someone else cancels the task in the
# same iteration, CancelledError wins over TimeoutError and the task ends
# cancelled; a cancel() of a task inside an unexpired timeout is a plain
# CancelledError and the timeout is not expired
# (test_foreign_cancel_doesnt_timeout_if_not_expired).
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def guarded(name):
    try:
        async with asyncio.timeout(1) as cm:
            await asyncio.sleep(10)
    except TimeoutError:
        print(f"{now()} {name} timed out")
    except asyncio.CancelledError as e:
        print(f"{now()} {name} got {describe(e)} expired={show(cm.expired())}")
        raise


async def main():
    start_clock()
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(guarded("racing"))
    loop.call_later(1, t.cancel, "from outside")
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"{now()} awaiting racing raised {describe(e)} cancelled={show(t.cancelled())}")

    t = asyncio.create_task(guarded("early"))
    loop.call_later(0.5, t.cancel)
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"{now()} awaiting early raised {describe(e)} cancelled={show(t.cancelled())}")

    t = asyncio.create_task(guarded("late"))
    loop.call_later(1.5, t.cancel)
    await t
    print(f"{now()} late cancelled={show(t.cancelled())}")


vtrun(main())
