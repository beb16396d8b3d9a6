# Pins: the tutorial's first program: awaiting two coroutines one after the
# other takes the sum of their sleeps (4 s).
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
    print(await send_message("John Doe"))
    print(await send_message("Anna Herb"))
    print(f"Time taken {now()}s")


vtrun(main())
