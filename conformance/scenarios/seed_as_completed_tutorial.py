# Pins: the tutorial's as_completed program as it writes it: three messages of
# two seconds each; the timers fire in the order they were set, so the results
# come in argument order, all at 2 s.
import asyncio
from vtloop import vtrun
from _trace import now, start_clock


async def send_message(to):
    print(f"Sending message to {to}")
    await asyncio.sleep(2)
    print(f"Message sent to {to}")
    return f"Complete message to {to}"


async def main():
    start_clock()
    messages = [send_message("John Does"), send_message("Anna Herb"), send_message("Chris Jakson")]
    for message in asyncio.as_completed(messages):
        result = await message
        print(f"{now()} {result}")


vtrun(main())
