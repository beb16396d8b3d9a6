# Pins: loop iterations ("hops") a task needs: sleep(0) is one iteration; a
# task awaiting another task resumes one iteration after that task finishes;
# awaiting a coroutine costs nothing.
import asyncio
from vtloop import vtrun


async def inner():
    print("inner start")
    await asyncio.sleep(0)
    print("inner end")
    return "r"


async def outer():
    print("outer start")
    r = await asyncio.create_task(inner())
    print(f"outer got {r}")


async def main():
    t = asyncio.create_task(outer())
    for i in range(6):
        print(f"tick{i}")
        await asyncio.sleep(0)
    await t


vtrun(main())
