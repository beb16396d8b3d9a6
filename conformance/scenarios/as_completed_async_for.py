# Pins: (3.13+) async iteration over as_completed yields the original tasks
# and futures themselves, in completion order; coroutines come back as the
# tasks created for them.
import asyncio
from vtloop import vtrun
from _trace import now, show, start_clock


async def job(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    start_clock()
    loop = asyncio.get_running_loop()
    t1 = asyncio.create_task(job("t1", 2))
    t2 = asyncio.create_task(job("t2", 1))
    fut = loop.create_future()
    loop.call_later(1.5, fut.set_result, "fut")
    async for done in asyncio.as_completed([t1, t2, fut, job("coro", 0.5)]):
        if done is t1 or done is t2:
            kind = "original task"
        elif done is fut:
            kind = "original future"
        else:
            kind = f"new task {done.get_name()}"
        print(f"{now()} {kind} -> {show(done.result())}")


vtrun(main())
