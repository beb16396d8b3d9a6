# Pins: hop counts through futures: a waiter on a future resumes the
# iteration after set_result; a chain of tasks, each awaiting the previous
# one, adds one iteration per link.
import asyncio
from vtloop import vtrun


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    async def setter():
        print("setter sets the future")
        fut.set_result("x")

    async def waiter():
        value = await fut
        print(f"waiter saw {value}")
        return value

    async def link(name, prev):
        value = await prev
        print(f"{name} saw {value}")
        return value

    w = asyncio.create_task(waiter())
    l1 = asyncio.create_task(link("link1", w))
    l2 = asyncio.create_task(link("link2", l1))
    asyncio.create_task(setter())
    for i in range(6):
        print(f"tick{i}")
        await asyncio.sleep(0)
    value = await l2
    print(f"final {value}")


vtrun(main())
