# Pins: an exception escaping main propagates out of run() (after shutdown
# has cancelled the leftover tasks).
import asyncio
from vtloop import vtrun
from _trace import describe


async def leftover():
    try:
        await asyncio.sleep(100)
    finally:
        print("leftover finally")


async def main():
    asyncio.create_task(leftover())
    await asyncio.sleep(1)
    raise ValueError("main failed")


try:
    vtrun(main())
except ValueError as e:
    print(f"run raised {describe(e)}")
