# Pins: without return_exceptions, the first child error is raised from
# gather at once; the other children are not cancelled and keep running to
# completion.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def job(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"{now()} {name} cancelled")
        raise
    if fail:
        print(f"{now()} {name} raises")
        raise ValueError(name)
    print(f"{now()} {name} done")
    return name


async def main():
    start_clock()
    try:
        await asyncio.gather(job("a", 3), job("b", 1, fail=True), job("c", 2))
    except ValueError as e:
        print(f"{now()} gather raised {describe(e)}")
    await asyncio.sleep(5)
    print(f"{now()} main done")


vtrun(main())
