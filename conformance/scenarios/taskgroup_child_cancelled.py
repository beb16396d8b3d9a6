# Pins: a child cancelled from outside is not an error: the group does not
# abort, the other children finish, and the group exits normally.
import asyncio
from vtloop import vtrun
from _trace import now, show, start_clock


async def child(name, delay):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"{now()} {name} cancelled")
        raise
    print(f"{now()} {name} done")


async def main():
    start_clock()
    async with asyncio.TaskGroup() as tg:
        victim = tg.create_task(child("victim", 5))
        tg.create_task(child("other", 2))
        await asyncio.sleep(1)
        victim.cancel()
    print(f"{now()} group exited normally, victim cancelled={show(victim.cancelled())}")


vtrun(main())
