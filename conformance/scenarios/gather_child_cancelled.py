# Pins: a child task cancelled from outside makes gather raise CancelledError
# (not cancel the gather itself: cancelled() stays False); the other child
# keeps running.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def job(name, delay):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"{now()} {name} cancelled")
        raise
    print(f"{now()} {name} done")
    return name


async def main():
    start_clock()
    p = asyncio.create_task(job("p", 2))
    q = asyncio.create_task(job("q", 5))
    g = asyncio.gather(p, q)
    await asyncio.sleep(1)
    q.cancel("q only")
    try:
        await g
    except asyncio.CancelledError as e:
        print(f"{now()} gather raised {describe(e)}")
    print(f"gather cancelled={show(g.cancelled())} main cancelling={asyncio.current_task().cancelling()}")
    print(f"p -> {show(await p)}")
    print(f"{now()} main done")


vtrun(main())
