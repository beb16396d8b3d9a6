# Pins: no "never retrieved" report for a failed task whose exception was
# awaited, fetched with exception() or result(), nor for a cancelled task.
import asyncio
import gc
from vtloop import vtrun
from _trace import describe, report


async def boom(name):
    raise ValueError(name)


async def sleeper():
    await asyncio.sleep(10)


async def main():
    asyncio.get_running_loop().set_exception_handler(report)
    t1 = asyncio.create_task(boom("awaited"))
    t2 = asyncio.create_task(boom("exception()"))
    t3 = asyncio.create_task(boom("result()"))
    t4 = asyncio.create_task(sleeper())
    try:
        await t1
    except ValueError as e:
        print(f"awaited: {describe(e)}")
    print(f"exception(): {describe(t2.exception())}")
    try:
        t3.result()
    except ValueError as e:
        print(f"result(): {describe(e)}")
    t4.cancel()
    await asyncio.sleep(0)
    del t1, t2, t3, t4
    gc.collect()  # flush any finaliser report now (no-op in asyncio-ts)
    print("dropped all references, nothing reported")


vtrun(main())
