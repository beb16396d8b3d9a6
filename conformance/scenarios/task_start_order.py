# Pins: a task's first step is call_soon-ed when the task is created, so tasks
# start in creation order, interleaved with other call_soon callbacks in
# scheduling order; tasks that sleep(0) then alternate round-robin.
import asyncio
from vtloop import vtrun


async def worker(name):
    print(f"{name} step 1")
    await asyncio.sleep(0)
    print(f"{name} step 2")
    await asyncio.sleep(0)
    print(f"{name} step 3")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(print, "callback before")
    a = asyncio.create_task(worker("A"))
    loop.call_soon(print, "callback between")
    b = asyncio.create_task(worker("B"))
    c = asyncio.create_task(worker("C"))
    print("main created tasks")
    await a
    print("main: A finished")
    await b
    await c
    print("main done")


vtrun(main())
