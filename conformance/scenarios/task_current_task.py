# Pins: current_task() is the running task inside coroutines (also inside a
# coroutine awaited by the task) and None inside a plain callback.
import asyncio
from vtloop import vtrun
from _trace import show


def callback():
    print(f"in callback: {show(asyncio.current_task())}")


async def helper():
    return asyncio.current_task().get_name()


async def child():
    print(f"child sees {asyncio.current_task().get_name()}")
    name = await helper()
    print(f"helper awaited by child sees {name}")


async def main():
    asyncio.get_running_loop().call_soon(callback)
    print(f"main sees {asyncio.current_task().get_name()}")
    await asyncio.create_task(child(), name="child")
    print(f"main still {asyncio.current_task().get_name()}")


vtrun(main())
