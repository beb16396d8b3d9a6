# Pins: sleep(0) and sleep(negative) yield exactly one iteration without a
# timer (two tasks ping-pong), return the result argument, and do not advance
# the clock.
import asyncio
from vtloop import vtrun
from _trace import now, start_clock


async def player(name, delay):
    for i in range(3):
        value = await asyncio.sleep(delay, i)
        print(f"{now()} {name} {value}")


async def main():
    start_clock()
    a = asyncio.create_task(player("ping", 0))
    b = asyncio.create_task(player("pong", -1))
    await a
    await b


vtrun(main())
