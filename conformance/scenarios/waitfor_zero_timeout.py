# Pins: wait_for with a timeout <= 0: a done future gives its result at
# once; a coroutine is wrapped in a task that is cancelled before it ever
# starts; a running task is cancelled and waited for, then TimeoutError
# (test_wait_for_timeout_less_then_0_or_0_*); a task that swallows the
# cancellation has its result returned.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def never_started():
    print("never printed")


async def sleeper(name):
    try:
        await asyncio.sleep(10)
    finally:
        print(f"{now()} {name} finally")
    return name


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"{now()} stubborn swallows")
    return "stubborn result"


async def main():
    start_clock()
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.set_result("done")
    print(f"done future -> {show(await asyncio.wait_for(fut, 0))}")
    try:
        await asyncio.wait_for(never_started(), 0)
    except TimeoutError as e:
        print(f"coroutine with 0 -> {describe(e)}")
    for timeout in (0, -1):
        t = asyncio.create_task(sleeper(f"task{timeout}"))
        await asyncio.sleep(0)
        try:
            await asyncio.wait_for(t, timeout)
        except TimeoutError as e:
            print(f"{now()} running task with {timeout} -> {describe(e)} cancelled={show(t.cancelled())}")
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    print(f"{now()} stubborn -> {show(await asyncio.wait_for(t, 0))}")


vtrun(main())
