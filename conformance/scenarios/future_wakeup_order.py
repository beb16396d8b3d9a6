# Pins: a task waiting on a future resumes in the slot that set_result
# scheduled, so before a callback call_soon-ed right after set_result, and
# after one call_soon-ed right before it.
import asyncio
from vtloop import vtrun


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    async def waiter():
        print("waiter waits")
        value = await fut
        print(f"waiter resumed with {value}")

    asyncio.create_task(waiter())
    await asyncio.sleep(0)
    loop.call_soon(print, "callback before set_result")
    fut.set_result("v")
    loop.call_soon(print, "callback after set_result")
    await asyncio.sleep(0)
    print("main resumed")


vtrun(main())
