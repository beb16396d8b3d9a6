# Pins: an exception of a child is raised by the await of the as_completed
# item that corresponds to its completion; iteration can continue and the
# others still arrive in completion order.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError(name)
    return name


async def main():
    start_clock()
    for aw in asyncio.as_completed([job("a", 3), job("b", 1, fail=True), job("c", 2)]):
        try:
            value = await aw
            print(f"{now()} got {value}")
        except ValueError as e:
            print(f"{now()} raised {describe(e)}")


vtrun(main())
