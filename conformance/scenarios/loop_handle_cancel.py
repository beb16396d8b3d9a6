# Pins: a cancelled Handle/TimerHandle never runs; cancel() is idempotent and
# cancelled() reports it; a callback can cancel a handle that is already in
# the current batch and it is skipped.
import asyncio
from vtloop import vtrun
from _trace import now, show, start_clock


def fire(name):
    print(f"{now()} {name}")


async def main():
    start_clock()
    loop = asyncio.get_running_loop()
    h1 = loop.call_soon(fire, "h1")
    loop.call_soon(fire, "h2")
    h1.cancel()
    h1.cancel()
    t1 = loop.call_later(1, fire, "t1")
    t2 = loop.call_later(2, fire, "t2")
    t1.cancel()
    print(f"h1 cancelled={show(h1.cancelled())} t1 cancelled={show(t1.cancelled())} t2 cancelled={show(t2.cancelled())}")

    h4 = None

    def canceller():
        print(f"{now()} canceller cancels h4")
        h4.cancel()

    loop.call_soon(canceller)
    h4 = loop.call_soon(fire, "h4")
    loop.call_soon(fire, "h5")
    await asyncio.sleep(3)
    print(f"{now()} main done")


vtrun(main())
