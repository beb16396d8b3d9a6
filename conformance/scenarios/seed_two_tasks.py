# Pins: the tutorial's second program: two tasks created up front run
# concurrently (2 s), and awaiting them in turn gives their results.
import asyncio
from vtloop import vtrun
from _trace import now, start_clock


async def send_message(to):
    print(f"Sending message to {to}")
    await asyncio.sleep(2)
    print(f"Message sent to {to}")
    return f"Completed message to {to}"


async def main():
    start_clock()
    t1 = asyncio.create_task(send_message("John Doe"))
    t2 = asyncio.create_task(send_message("Anna Herb"))
    print(await t1)
    print(await t2)
    print(f"Time taken {now()}s")


vtrun(main())
