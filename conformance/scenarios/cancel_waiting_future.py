# Pins: cancelling a task that waits on a future cancels that future at once
# (same call), and the task receives CancelledError(msg) in the next
# iteration at its await.
import asyncio
from vtloop import vtrun
from _trace import describe, show


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    async def waiter():
        try:
            await fut
        except asyncio.CancelledError as e:
            print(f"waiter caught {describe(e)}")
            raise

    t = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    print(f"cancel -> {show(t.cancel('stop'))}")
    print(f"future cancelled={show(fut.cancelled())} task done={show(t.done())}")
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"main caught {describe(e)}")
    print(f"task cancelled={show(t.cancelled())}")


vtrun(main())
