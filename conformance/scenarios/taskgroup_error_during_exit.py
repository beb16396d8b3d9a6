# Pins: a child failing while the body has finished and the group waits in
# its exit: the siblings are cancelled, the wait is interrupted internally
# (not reported), and the group raises the error; cancelling() ends at 0.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def child(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"{now()} {name} cancelled")
        raise
    if fail:
        raise ValueError(name)
    print(f"{now()} {name} done")


async def main():
    start_clock()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("quick", 1))
            tg.create_task(child("failing", 2, fail=True))
            tg.create_task(child("slow", 5))
            print(f"{now()} body done")
    except ExceptionGroup as eg:
        print(f"{now()} {describe(eg)}")
    print(f"cancelling={asyncio.current_task().cancelling()}")


vtrun(main())
