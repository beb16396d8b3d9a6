# Pins: when the awaited work swallows the timeout's cancellation and
# returns a value, wait_for returns that value instead of raising
# (test_wait_for_cancel_suppressed, test_wait_for_cancellation_race_condition);
# a result set by a callback before the deadline wins
# (test_wait_for_race_condition); an error raised during cancellation
# propagates as itself (test_wait_for_reraises_exception_during_cancellation).
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def return_42():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"{now()} return_42 swallows the cancellation")
        return 42


async def fail_in_cleanup():
    try:
        await asyncio.sleep(10)
    finally:
        raise ValueError("cleanup")


async def main():
    start_clock()
    loop = asyncio.get_running_loop()
    print(f"{now()} coroutine -> {show(await asyncio.wait_for(return_42(), 1))}")
    t = asyncio.create_task(return_42())
    print(f"{now()} task -> {show(await asyncio.wait_for(t, 1))}")
    fut = loop.create_future()
    loop.call_soon(fut.set_result, "ok")
    print(f"{now()} future -> {show(await asyncio.wait_for(fut, 0.25))}")
    try:
        await asyncio.wait_for(asyncio.create_task(fail_in_cleanup()), 1)
    except ValueError as e:
        print(f"{now()} error in cleanup -> {describe(e)}")
    print(f"cancelling={asyncio.current_task().cancelling()}")


vtrun(main())
