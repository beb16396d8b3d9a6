# Pins: gather accepts futures, tasks and coroutines together; a future
# resolved later by a callback and an already-done future both work; results
# stay in argument order.
import asyncio
from vtloop import vtrun
from _trace import now, show, start_clock


async def coro():
    await asyncio.sleep(1)
    return "coro"


async def main():
    start_clock()
    loop = asyncio.get_running_loop()
    later = loop.create_future()
    loop.call_later(2, later.set_result, "future")
    done = loop.create_future()
    done.set_result("done-future")
    task = asyncio.create_task(coro())
    results = await asyncio.gather(later, coro(), done, task)
    print(f"{now()} {show(results)}")


vtrun(main())
