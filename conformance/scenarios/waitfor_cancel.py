# Pins: cancelling a task blocked in wait_for cancels the awaited task too
# (test_cancel_wait_for, test_cancel_blocking_wait_for) and waits for it;
# wait_for does not hand the caller's cancellation back as TimeoutError
# (test_asyncio_wait_for_cancelled); a task awaited through wait_for that
# finishes in the same iteration still lets the cancel through
# (test_wait_for_issue86296).
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def blocking(name):
    try:
        await asyncio.get_running_loop().create_future()
    except asyncio.CancelledError:
        print(f"{now()} {name} cancelled")
        raise


async def waiter(task, timeout):
    try:
        await asyncio.wait_for(task, timeout)
    except asyncio.CancelledError as e:
        print(f"{now()} waiter got {describe(e)}")
        raise


async def main():
    start_clock()
    loop = asyncio.get_running_loop()
    for timeout in (None, 60.0):
        task = asyncio.create_task(blocking(f"blocking[{timeout}]"))
        w = asyncio.create_task(waiter(task, timeout))
        loop.call_later(1, w.cancel, "stop")
        try:
            await w
        except asyncio.CancelledError as e:
            print(f"{now()} awaiting waiter raised {describe(e)}")
        print(f"task cancelled={show(task.cancelled())} waiter cancelled={show(w.cancelled())}")

    async def quick():
        return "done"

    inner = asyncio.create_task(quick())
    reached = False

    async def wait_then_sleep():
        nonlocal reached
        await asyncio.wait_for(inner, 100)
        await asyncio.sleep(1)
        reached = True

    t = asyncio.create_task(wait_then_sleep())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("wait_then_sleep cancelled")
    print(f"inner result={show(inner.result())} reached={show(reached)}")


vtrun(main())
