# Pins: cancelling the task that awaits shield(inner) raises CancelledError
# in that task while the inner task goes on undisturbed and finishes
# (test_shield_effect); awaiting the inner task later gives its result or
# its error, even though the shield's outer future was cancelled.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def inner(name, fail):
    try:
        await asyncio.sleep(2)
    except asyncio.CancelledError:
        print(f"{now()} {name} cancelled (must not happen)")
        raise
    print(f"{now()} {name} finished")
    if fail:
        raise ValueError(f"{name} failed")
    return name


async def outer(task):
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError as e:
        print(f"{now()} outer got {describe(e)}")
        raise


async def main():
    start_clock()
    loop = asyncio.get_running_loop()
    ok = asyncio.create_task(inner("ok", False))
    bad = asyncio.create_task(inner("bad", True))
    o1 = asyncio.create_task(outer(ok))
    o2 = asyncio.create_task(outer(bad))
    loop.call_later(1, o1.cancel, "stop")
    loop.call_later(1, o2.cancel)
    for o in (o1, o2):
        try:
            await o
        except asyncio.CancelledError:
            pass
    print(f"{now()} outers cancelled={show(o1.cancelled())},{show(o2.cancelled())} inner done={show(ok.done())}")
    print(f"{now()} ok -> {show(await ok)}")
    try:
        await bad
    except ValueError as e:
        print(f"{now()} bad -> {describe(e)}")


vtrun(main())
