# Pins: wait_for returns the result in time (test_wait_for_blocking with
# timeout None too); on timeout it cancels the awaited task, waits until it
# has finished its cleanup, and raises TimeoutError chained from the
# CancelledError (test_wait_for, test_wait_for_waits_for_task_cancellation).
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def work(delay, value):
    try:
        await asyncio.sleep(delay)
        return value
    except asyncio.CancelledError:
        print(f"{now()} work({value}) cancelled, cleaning up")
        await asyncio.sleep(0.5)
        print(f"{now()} work({value}) cleaned up")
        raise


async def main():
    start_clock()
    print(f"{now()} got {show(await asyncio.wait_for(work(1, 'a'), 2))}")
    print(f"{now()} got {show(await asyncio.wait_for(work(1, 'b'), None))}")
    t = asyncio.create_task(work(5, "c"))
    try:
        await asyncio.wait_for(t, 1)
    except TimeoutError as e:
        print(f"{now()} {describe(e)} cause={describe(e.__cause__)}")
    print(f"task done={show(t.done())} cancelled={show(t.cancelled())}")
    try:
        await asyncio.wait_for(work(5, "d"), 1)
    except TimeoutError as e:
        print(f"{now()} {describe(e)} cause={describe(e.__cause__)}")


vtrun(main())
