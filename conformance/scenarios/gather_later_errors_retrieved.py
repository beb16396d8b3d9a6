# Pins: after gather propagated its first error, later child errors are
# marked retrieved: the exception handler reports nothing for them.
import asyncio
import gc
from vtloop import vtrun
from _trace import describe, now, report, start_clock


async def fail(name, delay):
    await asyncio.sleep(delay)
    print(f"{now()} {name} raises")
    raise ValueError(name)


async def main():
    start_clock()
    asyncio.get_running_loop().set_exception_handler(report)
    try:
        await asyncio.gather(fail("first", 1), fail("second", 2), fail("third", 3))
    except ValueError as e:
        print(f"{now()} gather raised {describe(e)}")
    await asyncio.sleep(5)
    gc.collect()  # flush any finaliser report now (no-op in asyncio-ts)
    print(f"{now()} main done, nothing reported")


vtrun(main())
