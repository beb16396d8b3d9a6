# Pins: an expired timeout() cancels its task: the body sees a plain
# CancelledError with cancelling() == 1; on exit the Timeout converts it into
# TimeoutError whose cause is that CancelledError, cancelling() is back to 0,
# expired() is True, when() is the deadline, and the task itself is not
# cancelled (test_timeout_basic, test_waiter_cancelled,
# test_outer_task_is_not_cancelled).
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def body():
    try:
        async with asyncio.timeout(1.5) as cm:
            print(f"{now()} entered when={show(cm.when())}")
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError as e:
                task = asyncio.current_task()
                print(f"{now()} body got {describe(e)} cancelling={task.cancelling()}")
                raise
    except TimeoutError as e:
        print(f"{now()} raised {describe(e)} cause={describe(e.__cause__)}")
    print(f"expired={show(cm.expired())} when={show(cm.when())}")
    print(f"cancelling={asyncio.current_task().cancelling()}")
    return "body done"


async def main():
    start_clock()
    t = asyncio.create_task(body())
    print(f"{now()} result {show(await t)} cancelled={show(t.cancelled())}")


vtrun(main())
