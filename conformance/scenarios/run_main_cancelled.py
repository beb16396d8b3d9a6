# Pins: a main task that ends cancelled makes run() raise CancelledError.
import asyncio
from vtloop import vtrun
from _trace import describe


async def main():
    asyncio.current_task().cancel("main cancelled itself")
    await asyncio.sleep(1)
    print("not reached")


try:
    vtrun(main())
except asyncio.CancelledError as e:
    print(f"run raised {describe(e)}")
