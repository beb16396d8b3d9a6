# Pins: since 3.12, wait_for runs a coroutine inside the caller's task (no
# new task: current_task() is the caller), while a task passed in runs as
# itself; the timeout cancels the caller's task during the coroutine and
# cancelling() is back to 0 after the TimeoutError.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def who(label):
    task = asyncio.current_task()
    print(f"{label}: running in {task.get_name()}")
    await asyncio.sleep(2)


async def main():
    start_clock()
    me = asyncio.current_task()
    me.set_name("caller")
    count = len(asyncio.all_tasks())
    await asyncio.wait_for(who("coroutine"), 5)
    print(f"tasks before={count} after={len(asyncio.all_tasks())}")
    await asyncio.wait_for(asyncio.create_task(who("task"), name="inner"), 5)
    try:
        await asyncio.wait_for(who("slow coroutine"), 1)
    except TimeoutError as e:
        print(f"{now()} {describe(e)} cancelling={me.cancelling()} cancelled={me.cancelled()}")


vtrun(main())
