# Pins: all_tasks() lists the loop's unfinished tasks, including the running
# main task, in creation order (normalised: CPython returns a set); finished
# tasks drop out.
import asyncio
from vtloop import vtrun


def names():
    return " ".join(t.get_name() for t in asyncio.all_tasks())


async def main():
    async def sleeper(d):
        await asyncio.sleep(d)

    tasks = [asyncio.create_task(sleeper(d), name=f"s{d}") for d in (3, 1, 2)]
    asyncio.create_task(sleeper(0), name="quick")
    print(f"all: {names()}")
    await asyncio.sleep(0)
    print(f"after one iteration: {names()}")
    await asyncio.sleep(0)
    print(f"after two iterations: {names()}")
    await asyncio.sleep(1.5)
    print(f"at 1.5: {names()}")
    await asyncio.gather(*tasks)
    print(f"at end: {names()}")


vtrun(main())
