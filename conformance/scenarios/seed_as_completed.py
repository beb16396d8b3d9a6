# Pins: a variation on the tutorial's as_completed program: three messages
# with different delays are printed as they complete; total time is the
# longest delay (seed_as_completed_tutorial is the program as it writes it).
import asyncio
from vtloop import vtrun
from _trace import now, start_clock


async def send_message(to, delay):
    print(f"Sending message to {to}")
    await asyncio.sleep(delay)
    print(f"Message sent to {to}")
    return f"Completed message to {to}"


async def main():
    start_clock()
    messages = [send_message("John Doe", 3), send_message("Anna Herb", 1), send_message("Bob Ray", 2)]
    for next_done in asyncio.as_completed(messages):
        result = await next_done
        print(f"{now()} {result}")
    print(f"Time taken {now()}s")


vtrun(main())
