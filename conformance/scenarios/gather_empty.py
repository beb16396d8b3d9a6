# Pins: gather() with no arguments is an already-completed future whose
# result is [] (awaiting it does not yield).
import asyncio
from vtloop import vtrun
from _trace import show


async def main():
    asyncio.get_running_loop().call_soon(print, "callback")
    g = asyncio.gather()
    print(f"done={show(g.done())}")
    print(f"result {show(await g)}")
    await asyncio.sleep(0)
    print("after sleep(0)")


vtrun(main())
