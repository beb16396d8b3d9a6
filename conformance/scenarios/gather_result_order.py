# Pins: gather returns results in argument order whatever the completion
# order; children given as coroutines start in argument order.
import asyncio
from vtloop import vtrun
from _trace import now, show, start_clock


async def job(name, delay):
    print(f"{now()} {name} starts")
    await asyncio.sleep(delay)
    print(f"{now()} {name} finishes")
    return name


async def main():
    start_clock()
    results = await asyncio.gather(job("slow", 3), job("fast", 1), job("mid", 2))
    print(f"{now()} results {show(results)}")


vtrun(main())
