# Pins: default task names come from one counter, "Task-1" being the main
# task of run(); every unnamed task (including those gather makes for
# coroutines) takes the next number; a task given name= does not consume a
# number; set_name() renames.
import asyncio
from vtloop import vtrun
from _trace import show


async def noop():
    return asyncio.current_task().get_name()


async def main():
    print(f"main is {asyncio.current_task().get_name()}")
    t = asyncio.create_task(noop())
    named = asyncio.create_task(noop(), name="custom")
    print(f"{t.get_name()} {named.get_name()}")
    names = await asyncio.gather(noop(), noop())
    print(f"gather children ran as {show(names)}")
    t2 = asyncio.create_task(noop())
    print(f"next unnamed is {t2.get_name()}")
    t2.set_name("renamed")
    inside = await t2
    print(f"inside: {inside}")
    await t
    await named


vtrun(main())
