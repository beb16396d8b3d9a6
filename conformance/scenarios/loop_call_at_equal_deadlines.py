# Pins: timers with equal deadlines fire in scheduling order (asyncio-ts's
# rule; CPython's heap leaves it to chance and vtloop normalises it), whether
# scheduled by call_at or call_later, and a due timer runs after callbacks
# that were already ready.
import asyncio
from vtloop import vtrun
from _trace import now, start_clock


def fire(name):
    print(f"{now()} {name}")


async def main():
    start_clock()
    loop = asyncio.get_running_loop()
    t = loop.time() + 1
    for i in range(4):
        loop.call_at(t, fire, f"at{i}")
    loop.call_later(1, fire, "later")
    loop.call_at(t, fire, "at4")
    loop.call_later(0.5, fire, "half")
    await asyncio.sleep(2)
    print(f"{now()} main done")


vtrun(main())
