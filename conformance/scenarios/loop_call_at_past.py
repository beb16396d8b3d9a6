# Pins: call_at with a deadline in the past runs in the next iteration (after
# ready callbacks), and the clock does not move; TimerHandle.when() returns
# the absolute deadline given.
import asyncio
from vtloop import vtrun
from _trace import fmt_time, now, start_clock


def fire(name):
    print(f"{now()} {name}")


async def main():
    start_clock()
    loop = asyncio.get_running_loop()
    base = loop.time()
    await asyncio.sleep(5)
    h1 = loop.call_at(base + 2, fire, "past")
    h2 = loop.call_at(base + 7, fire, "future")
    loop.call_soon(fire, "soon")
    print(f"when past={fmt_time(h1.when() - base)} future={fmt_time(h2.when() - base)}")
    await asyncio.sleep(3)
    print(f"{now()} main done")


vtrun(main())
