# Pins: children may add tasks to their own group while it is open (even
# while the group waits in its exit); the group waits for all of them.
import asyncio
from vtloop import vtrun
from _trace import now, start_clock


async def main():
    start_clock()

    async def leaf(name, delay):
        await asyncio.sleep(delay)
        print(f"{now()} {name} done")

    async def spawner(tg):
        await asyncio.sleep(1)
        print(f"{now()} spawner adds two leaves")
        tg.create_task(leaf("leaf1", 2))
        tg.create_task(leaf("leaf2", 1))

    async with asyncio.TaskGroup() as tg:
        tg.create_task(spawner(tg))
        print(f"{now()} body done")
    print(f"{now()} group exited")


vtrun(main())
