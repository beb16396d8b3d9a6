# Pins: call_later timers fire in deadline order, not scheduling order, at
# their virtual deadlines; a timer scheduled from a timer callback is
# relative to the time that callback ran.
import asyncio
from vtloop import vtrun
from _trace import now, start_clock


def fire(name):
    print(f"{now()} {name}")


def fire_and_schedule():
    print(f"{now()} b schedules d in 1.5")
    asyncio.get_running_loop().call_later(1.5, fire, "d")


async def main():
    start_clock()
    loop = asyncio.get_running_loop()
    loop.call_later(3, fire, "a")
    loop.call_later(1, fire_and_schedule)
    loop.call_later(2, fire, "c")
    await asyncio.sleep(4)
    print(f"{now()} main done")


vtrun(main())
