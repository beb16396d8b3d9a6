# Pins: a fire-and-forget task (no reference kept) that fails is reported as
# "Task exception was never retrieved" by CPython right after its failing
# step, before the next callback of the same iteration runs (its Handle was
# the last reference, dropped when _run_once takes the next one).
import asyncio
from vtloop import vtrun
from _trace import report


async def boom():
    print("boom raises")
    raise ValueError("nobody listens")


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(report)
    loop.call_soon(print, "callback queued before the task")
    asyncio.create_task(boom())
    loop.call_soon(print, "callback queued after the task")
    await asyncio.sleep(0)
    print("main resumed")


vtrun(main())
