# Pins: ensure_future returns a Future or Task unchanged, wraps a coroutine in
# a new Task, and raises TypeError for anything else.
import asyncio
from vtloop import vtrun
from _trace import describe, show


async def coro():
    return "from coroutine"


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print(f"future unchanged: {show(asyncio.ensure_future(fut) is fut)}")
    task = asyncio.create_task(coro())
    print(f"task unchanged: {show(asyncio.ensure_future(task) is task)}")
    wrapped = asyncio.ensure_future(coro())
    print(f"coroutine wrapped in a Task: {show(isinstance(wrapped, asyncio.Task))} {wrapped.get_name()}")
    print(f"result {show(await wrapped)}")
    try:
        asyncio.ensure_future(42)
    except TypeError as e:
        print(describe(e))
    fut.cancel()
    await task


vtrun(main())
