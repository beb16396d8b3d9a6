# Pins: plain iteration over as_completed yields awaitables; the i-th one
# awaited gives the result of the i-th child to complete, so results come in
# completion order; a repeated argument is watched once.
import asyncio
from vtloop import vtrun
from _trace import now, show, start_clock


async def job(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    start_clock()
    t = asyncio.create_task(job("task", 2.5))
    results = []
    for aw in asyncio.as_completed([job("slow", 3), job("fast", 1), t, job("mid", 2), t]):
        value = await aw
        print(f"{now()} got {value}")
        results.append(value)
    print(f"{now()} {show(results)}")


vtrun(main())
