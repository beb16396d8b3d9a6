# Pins: Python 3.13's uncancel fixes: after a swallowed cancellation, a
# timeout in cleanup still converts its expiry into TimeoutError
# (test_timeout_after_cancellation); a new cancel() inside that timeout
# stays a CancelledError (test_cancel_in_timeout_after_cancellation).
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def main():
    start_clock()
    task = asyncio.current_task()
    try:
        task.cancel()
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print(f"{now()} first cancellation swallowed, cancelling={task.cancelling()}")
    try:
        async with asyncio.timeout(0.5):
            await asyncio.sleep(1)
    except TimeoutError as e:
        print(f"{now()} cleanup timed out: {describe(e)} cancelling={task.cancelling()}")
    try:
        async with asyncio.timeout(1.0):
            task.cancel()
            await asyncio.sleep(2)
    except asyncio.CancelledError as e:
        print(f"{now()} cancel inside the timeout: {describe(e)} cancelling={task.cancelling()}")


vtrun(main())
