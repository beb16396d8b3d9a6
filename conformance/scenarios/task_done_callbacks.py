# Pins: a task's done-callbacks and the wake-ups of tasks awaiting it are all
# done-callbacks, run in registration order in the iteration after the task
# finishes.
import asyncio
from vtloop import vtrun


async def main():
    async def work():
        await asyncio.sleep(1)
        print("work finishes")
        return "w"

    t = asyncio.create_task(work())
    t.add_done_callback(lambda f: print(f"callback1 result={f.result()}"))

    async def awaiter():
        value = await t
        print(f"awaiter got {value}")

    asyncio.create_task(awaiter())
    await asyncio.sleep(0)
    t.add_done_callback(lambda f: print("callback2"))
    value = await t
    print(f"main got {value}")
    await asyncio.sleep(0)


vtrun(main())
