# Pins: the seed program: a TaskGroup waits for all its children (2 s total
# for two 2 s tasks, not 4 s); children start in creation order after the
# body yields; results are read from the tasks after exit.
import asyncio
from vtloop import vtrun
from _trace import now, show, start_clock


async def send_message(to):
    print(f"{now()} Sending message to {to}")
    await asyncio.sleep(2)
    print(f"{now()} Message sent to {to}")
    return f"Completed message to {to}"


async def main():
    start_clock()
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(send_message("John Doe"))
        t2 = tg.create_task(send_message("Anna Herb"))
        print(f"{now()} body done")
    print(f"{now()} group exited")
    print(show([t1.result(), t2.result()]))


vtrun(main())
